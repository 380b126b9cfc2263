pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Shapes
import Kiosk.Backend
import Kiosk

// The minute of silence: the screen dims and a candle burns in a soft light that fades
// slowly as the minute passes, then the screen returns. No numerals count the seconds: a thin
// line beneath the words shortens quietly with the time left.
Item {
    id: overlay

    required property MinuteOfSilence silence
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true
    // the share of the minute still to come: 1 at the start, 0 at the end
    readonly property real timeLeft: silence.seconds > 0 ? silence.remaining / silence.seconds : 0

    visible: opacity > 0
    // false until built: Main.qml builds the overlay when it is first needed, and it fades in
    // from there as it always did
    property bool built: false
    Component.onCompleted: built = true

    opacity: built && silence.running ? 1 : 0
    enabled: silence.running
    Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.slowFadeMs; easing.type: Easing.InOutQuad } }

    Rectangle {
        anchors.fill: parent
        // the screen dims almost to black: nothing of the page shows through
        color: Theme.scrim
        opacity: 0.985
    }
    MouseArea {
        anchors.fill: parent // nothing below reacts while the minute lasts
    }

    ColumnLayout {
        anchors {
            fill: parent
            margins: Theme.margin
        }
        spacing: Theme.gap

        Item { Layout.fillHeight: true }
        Item {
            // the candle in its light
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.px(110)
            Layout.preferredHeight: Theme.px(220)

            Item {
                id: light
                objectName: "silenceLight"
                // from full to a faint glow over the minute; each second's step is eased
                // (when motion is on) so that the light sinks rather than ticks
                anchors.centerIn: parent
                anchors.verticalCenterOffset: -parent.height * 0.22
                width: Theme.px(720)
                height: width
                opacity: 0.12 + 0.88 * overlay.timeLeft
                Behavior on opacity {
                    enabled: Theme.motion
                    NumberAnimation { duration: 1000; easing.type: Easing.Linear }
                }
                Shape {
                    // one soft disc of warm light, brightest at the flame
                    anchors.fill: parent
                    preferredRendererType: Shape.CurveRenderer
                    ShapePath {
                        strokeWidth: -1
                        fillGradient: RadialGradient {
                            centerX: light.width / 2
                            centerY: light.height / 2
                            centerRadius: light.width / 2
                            focalX: centerX
                            focalY: centerY
                            GradientStop { position: 0; color: Qt.alpha(Theme.flameColors[1], 0.30) }
                            GradientStop { position: 0.35; color: Qt.alpha(Theme.flameColors[1], 0.12) }
                            GradientStop { position: 1; color: Qt.alpha(Theme.flameColors[1], 0) }
                        }
                        PathAngleArc {
                            centerX: light.width / 2
                            centerY: light.height / 2
                            radiusX: light.width / 2
                            radiusY: light.height / 2
                            startAngle: 0
                            sweepAngle: 360
                        }
                    }
                }
            }
            CandleGraphic {
                anchors.fill: parent
                lit: true
            }
        }
        KText {
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("A minute of silence")
            color: Theme.textMuted
            font.family: Theme.serif
            font.pixelSize: Theme.headingSize
        }
        Item {
            // the time left, quietly: a thin line that shortens towards its middle
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.px(240)
            Layout.preferredHeight: Theme.borderWidth
            Rectangle {
                objectName: "silenceTimeLeft"
                anchors.centerIn: parent
                width: parent.width * overlay.timeLeft
                height: parent.height
                radius: height / 2
                color: Theme.outline
                Behavior on width {
                    enabled: Theme.motion
                    NumberAnimation { duration: 1000; easing.type: Easing.Linear }
                }
            }
        }
        Item { Layout.fillHeight: true }
        KButton {
            objectName: "silenceCancel"
            Layout.alignment: Qt.AlignHCenter
            kind: "quiet"
            text: qsTr("End the silence")
            onClicked: overlay.silence.cancel()
        }
    }
}
