import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The visitor's two acts on the memorial screen: light a candle; keep a minute of silence.
GridLayout {
    id: acts

    required property ContentController content
    required property CandleController candle
    required property MinuteOfSilence silence
    property bool sideBySide: false
    property real candleHeight: Theme.px(230)

    columns: sideBySide ? 2 : 1
    columnSpacing: Theme.gap
    rowSpacing: Theme.gap

    ActCard {
        objectName: "candleCard"
        Layout.fillWidth: true
        Layout.fillHeight: acts.sideBySide
        Layout.preferredWidth: 1

        GridLayout {
            // portrait: the candle above its words; landscape: beside them
            Layout.fillWidth: true
            columns: acts.sideBySide ? 1 : 2
            columnSpacing: Theme.gapLarge
            rowSpacing: Theme.gap

            CandleGraphic {
                objectName: "memorialCandle"
                Layout.alignment: Qt.AlignHCenter | Qt.AlignBottom
                Layout.preferredWidth: acts.candleHeight * 0.52
                Layout.preferredHeight: acts.candleHeight
                lit: acts.candle.litThisVisit
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignBottom
                spacing: Theme.gap
                KText {
                    objectName: "candleCount"
                    Layout.fillWidth: true
                    horizontalAlignment: acts.sideBySide ? Text.AlignHCenter : Text.AlignLeft
                    text: acts.candle.count === 0
                        ? qsTr("No candle has been lit here yet.")
                        : acts.candle.count === 1
                            ? qsTr("One candle has been lit here.")
                            : qsTr("%Ln candles have been lit here.", "", acts.candle.count)
                    color: Theme.textMuted
                }
                KButton {
                    objectName: "candleLight"
                    Layout.fillWidth: true
                    kind: acts.candle.litThisVisit ? "quiet" : "primary"
                    text: acts.candle.litThisVisit ? qsTr("Your candle is lit") : qsTr("Light a candle")
                    enabled: !acts.candle.litThisVisit
                    opacity: 1
                    onClicked: acts.candle.light()
                }
            }
        }
    }

    ActCard {
        objectName: "silenceCard"
        Layout.fillWidth: true
        Layout.fillHeight: acts.sideBySide
        Layout.preferredWidth: 1

        Heading {
            Layout.fillWidth: true
            text: qsTr("A minute of silence")
            font.pixelSize: Theme.subheadingSize
        }
        KText {
            Layout.fillWidth: true
            text: qsTr("Sixty seconds of stillness. The screen will dim, then return.")
            color: Theme.textMuted
        }
        KButton {
            objectName: "silenceStart"
            Layout.fillWidth: true
            text: qsTr("Begin the minute of silence")
            onClicked: acts.silence.start()
        }
    }
}
