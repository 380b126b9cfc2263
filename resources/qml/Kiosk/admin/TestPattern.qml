pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A screen and touch test: a grid to check geometry and edges, grey steps and colour bars to
// check the panel, and a ring under every finger to check touch (up to ten at once).
// Its colours are the pattern itself (black, white, full primaries, a grey ramp) and so the one
// place that does not take them from Theme: a technician judges the panel against fixed values
// that no contrast mode may change.
Rectangle {
    id: pattern

    signal done()

    color: "#000000"

    Canvas {
        anchors.fill: parent
        onPaint: {
            var ctx = getContext("2d");
            ctx.reset();
            var step = Theme.touchMin;
            ctx.strokeStyle = "#606060";
            ctx.lineWidth = 1;
            for (var x = 0; x <= width; x += step) {
                ctx.beginPath(); ctx.moveTo(x + 0.5, 0); ctx.lineTo(x + 0.5, height); ctx.stroke();
            }
            for (var y = 0; y <= height; y += step) {
                ctx.beginPath(); ctx.moveTo(0, y + 0.5); ctx.lineTo(width, y + 0.5); ctx.stroke();
            }
            ctx.strokeStyle = "#ffffff";
            ctx.lineWidth = 4;
            ctx.strokeRect(2, 2, width - 4, height - 4);
        }
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()
    }

    Row {
        anchors.centerIn: parent
        Repeater {
            model: ["#ffffff", "#ffff00", "#00ffff", "#00ff00", "#ff00ff", "#ff0000", "#0000ff",
                    "#000000"]
            Rectangle {
                required property string modelData
                width: pattern.width / 12
                height: pattern.height / 5
                color: modelData
            }
        }
    }
    Row {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.touchMin * 2
        Repeater {
            model: 11
            Rectangle {
                required property int index
                width: pattern.width / 16
                height: Theme.touchMin
                color: Qt.rgba(index / 10, index / 10, index / 10, 1)
            }
        }
    }

    MultiPointTouchArea {
        id: touch
        anchors.fill: parent
        maximumTouchPoints: 10
        mouseEnabled: true
        touchPoints: [
            TouchPoint {}, TouchPoint {}, TouchPoint {}, TouchPoint {}, TouchPoint {},
            TouchPoint {}, TouchPoint {}, TouchPoint {}, TouchPoint {}, TouchPoint {}
        ]
    }
    Repeater {
        model: touch.touchPoints
        Rectangle {
            required property var modelData
            visible: modelData.pressed
            width: Theme.touchMin
            height: width
            radius: width / 2
            x: modelData.x - width / 2
            y: modelData.y - height / 2
            color: "transparent"
            border.color: Theme.accent
            border.width: Theme.px(4)
        }
    }

    KButton {
        objectName: "testPatternClose"
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.touchMin
        text: qsTr("Close test pattern")
        onClicked: pattern.done()
    }
}
