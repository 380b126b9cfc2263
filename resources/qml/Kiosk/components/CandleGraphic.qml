pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk

// A candle drawn with shapes: no photograph. When lit, a soft glow and a flame that moves
// very slowly (only when Theme.motion is on).
Item {
    id: candle

    property bool lit: true

    implicitWidth: Theme.px(120)
    implicitHeight: Theme.px(240)

    readonly property real bodyW: width * 0.34
    readonly property real bodyH: height * 0.5
    readonly property real flameH: height * 0.26
    readonly property real flameW: flameH * 0.46

    // glow: concentric soft circles (no shader, so the software renderer draws it too)
    Repeater {
        model: 4
        Rectangle {
            required property int index
            readonly property real d: candle.flameH * (1.0 + index * 0.6)
            width: d
            height: d
            radius: d / 2
            x: candle.width / 2 - d / 2
            y: flame.y + flame.height * 0.62 - d / 2
            color: Theme.accent
            opacity: candle.lit ? 0.12 - index * 0.025 : 0
            Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.slowFadeMs } }
        }
    }

    Shape {
        id: flame
        width: candle.flameW
        height: candle.flameH
        x: (candle.width - width) / 2
        y: wick.y - height * 0.92
        opacity: candle.lit ? 1 : 0
        transformOrigin: Item.Bottom
        preferredRendererType: Shape.CurveRenderer
        Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.slowFadeMs } }

        ShapePath {
            strokeWidth: -1
            fillGradient: LinearGradient {
                x1: 0; y1: flame.height; x2: 0; y2: 0
                GradientStop { position: 0; color: Theme.flameColors[0] }
                GradientStop { position: 0.45; color: Theme.flameColors[1] }
                GradientStop { position: 1; color: Theme.flameColors[2] }
            }
            startX: flame.width / 2; startY: 0
            PathCubic {
                x: flame.width / 2; y: flame.height
                control1X: flame.width * 1.25; control1Y: flame.height * 0.55
                control2X: flame.width * 1.05; control2Y: flame.height
            }
            PathCubic {
                x: flame.width / 2; y: 0
                control1X: -flame.width * 0.05; control1Y: flame.height
                control2X: -flame.width * 0.25; control2Y: flame.height * 0.55
            }
        }

        SequentialAnimation on scale {
            running: candle.lit && Theme.motion && candle.visible
            loops: Animation.Infinite
            NumberAnimation { from: 1.0; to: 1.05; duration: 2200; easing.type: Easing.InOutSine }
            NumberAnimation { from: 1.05; to: 1.0; duration: 2600; easing.type: Easing.InOutSine }
        }
    }

    Rectangle {
        id: wick
        width: Math.max(2, candle.width * 0.025)
        height: candle.height * 0.07
        x: (candle.width - width) / 2
        y: body.y - height + 1
        color: Theme.wick
    }

    Rectangle {
        id: body
        width: candle.bodyW
        height: candle.bodyH
        x: (candle.width - width) / 2
        y: candle.height - height - base.height
        radius: width * 0.06
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: Theme.waxColors[0] }
            GradientStop { position: 0.4; color: Theme.waxColors[1] }
            GradientStop { position: 1; color: Theme.waxColors[2] }
        }
    }

    Rectangle {
        id: base
        width: candle.width * 0.62
        height: Math.max(3, candle.height * 0.03)
        radius: height / 2
        x: (candle.width - width) / 2
        y: candle.height - height
        color: Theme.outline
    }
}
