import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The minute of silence: the screen dims, a candle, the seconds counting down; then back.
Item {
    id: overlay

    required property MinuteOfSilence silence
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true

    visible: opacity > 0
    opacity: silence.running ? 1 : 0
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
        CandleGraphic {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.px(110)
            Layout.preferredHeight: Theme.px(220)
            lit: true
        }
        KText {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("A minute of silence")
            color: Theme.textMuted
            font.family: Theme.serif
            font.pixelSize: Theme.headingSize
        }
        KText {
            objectName: "silenceCountdown"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: Number(overlay.silence.remaining).toLocaleString(Qt.locale(), "f", 0)
            color: Theme.textMuted
            font.family: Theme.serif
            font.pixelSize: Theme.figureSize
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
