import QtQuick
import QtQuick.Layouts
import QtQuick.Templates as T
import Kiosk

// A touch target: at least Theme.touchMin square, a tap (press and release) activates it.
// kind: "normal", "primary" (the accent), "quiet" (lighter type). Every kind looks touchable:
// a fill that stands apart from the bar and an edge at least 3:1 (Theme.control, controlOutline),
// which nothing inert on screen has. A glyph may lead the text; it grows with the text.
T.AbstractButton {
    id: control

    property string kind: "normal"
    property string glyph: ""
    property bool glyphAfter: false
    property int textSize: Theme.labelSize
    property int horizontalAlignment: Text.AlignHCenter

    readonly property color foreground: kind === "primary" || (checkable && checked)
        ? Theme.onAccent : Theme.text

    focusPolicy: Qt.NoFocus
    hoverEnabled: false
    padding: Theme.px(18)
    leftPadding: Theme.px(30)
    rightPadding: Theme.px(30)
    implicitWidth: Math.max(Theme.touchMin, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(Theme.touchMin, implicitContentHeight + topPadding + bottomPadding)
    opacity: enabled ? 1 : 0.45

    contentItem: RowLayout {
        spacing: Theme.px(14)
        layoutDirection: control.glyphAfter ? Qt.RightToLeft : Qt.LeftToRight
        Glyph {
            visible: control.glyph !== ""
            name: control.glyph
            color: control.foreground
            size: Math.round(control.textSize * 1.05)
            Layout.alignment: Qt.AlignVCenter
        }
        KText {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            visible: text !== ""
            text: control.text
            color: control.foreground
            font.pixelSize: control.textSize
            font.weight: control.kind === "primary" ? Font.DemiBold : Font.Medium
            horizontalAlignment: control.horizontalAlignment
            wrapMode: Text.Wrap
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: control.kind === "primary" || (control.checkable && control.checked)
            ? Theme.accent
            : control.pressed ? Theme.pressed : Theme.control
        border.width: Theme.borderWidth
        border.color: control.kind === "primary" || (control.checkable && control.checked)
            ? Theme.accent : Theme.controlOutline
        Rectangle {
            // a primary button darkens a little under the finger
            anchors.fill: parent
            radius: parent.radius
            color: Theme.scrim
            opacity: control.pressed && control.kind === "primary" ? 0.18 : 0
        }
    }
}
