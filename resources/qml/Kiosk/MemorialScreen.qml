import QtQuick
import QtQuick.Layouts
import Kiosk.Backend

// Remembrance: the day of mourning and the decrees; a candle to light; a minute of silence;
// and, only where the bundle has them, the names of the people remembered.
Item {
    id: screen

    required property ContentController content
    required property Navigator navigator
    required property CandleController candle
    required property MinuteOfSilence silence

    readonly property bool portrait: height > width * 1.05
    property bool showNames: false

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            Layout.bottomMargin: Theme.gap
            columns: screen.portrait ? 1 : 2
            columnSpacing: Theme.gapLarge * 1.5
            rowSpacing: Theme.gapLarge

            // -- what is remembered, and how ------------------------------------------------
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.maximumWidth: Theme.measure
                Layout.alignment: Qt.AlignTop | Qt.AlignLeft
                spacing: Theme.gap

                Eyebrow {
                    Layout.fillWidth: true
                    text: screen.showNames ? qsTr("The names") : qsTr("Memorial")
                }

                ReadingPane {
                    id: remembrance
                    objectName: "remembrancePane"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: !screen.showNames
                    spacing: Theme.gapLarge

                    Repeater {
                        model: screen.content.remembrance
                        Column {
                            required property string title
                            required property string body
                            required property string dateText
                            required property string source
                            width: remembrance.width
                            spacing: Theme.gapSmall
                            KText {
                                width: parent.width
                                visible: text !== ""
                                text: dateText
                                color: Theme.accent
                                font.pixelSize: Theme.metaSize
                                font.weight: Font.DemiBold
                            }
                            Heading {
                                width: parent.width
                                text: title
                                font.pixelSize: Theme.headingSize
                            }
                            KText {
                                width: parent.width
                                visible: text !== ""
                                text: body
                                lineHeight: Theme.bodyLineHeight
                            }
                            KText {
                                width: parent.width
                                visible: source !== ""
                                text: qsTr("Source: %1").arg(source)
                                color: Theme.textMuted
                                font.pixelSize: Theme.metaSize
                            }
                        }
                    }
                }

                Loader {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    active: screen.showNames
                    visible: active
                    sourceComponent: PeopleView {
                        people: screen.content.people
                    }
                }
            }

            // -- the visitor's acts: a candle, a minute of silence --------------------------
            GridLayout {
                id: acts
                Layout.fillWidth: true
                Layout.alignment: screen.portrait ? Qt.AlignBottom : Qt.AlignVCenter
                columns: screen.portrait ? 2 : 1
                columnSpacing: Theme.gapLarge
                rowSpacing: Theme.gapLarge

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap

                    RowLayout {
                        spacing: Theme.gap
                        Layout.fillWidth: true
                        CandleGraphic {
                            objectName: "memorialCandle"
                            Layout.preferredWidth: Theme.px(96)
                            Layout.preferredHeight: Theme.px(190)
                            lit: screen.candle.litThisVisit
                        }
                        KText {
                            objectName: "candleCount"
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignBottom
                            text: screen.candle.count === 0
                                ? qsTr("No candle has been lit here yet.")
                                : screen.candle.count === 1
                                    ? qsTr("One candle has been lit here.")
                                    : qsTr("%1 candles have been lit here.").arg(Number(screen.candle.count).toLocaleString(Qt.locale(screen.content.locale), "f", 0))
                            color: Theme.textMuted
                        }
                    }
                    KButton {
                        objectName: "candleLight"
                        Layout.fillWidth: true
                        kind: screen.candle.litThisVisit ? "quiet" : "primary"
                        text: screen.candle.litThisVisit ? qsTr("Your candle is lit") : qsTr("Light a candle")
                        enabled: !screen.candle.litThisVisit
                        opacity: 1
                        onClicked: screen.candle.light()
                    }
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap

                    Rectangle {
                        Layout.fillWidth: true
                        visible: !screen.portrait
                        height: Theme.borderWidth
                        color: Theme.line
                    }
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
                        onClicked: screen.silence.start()
                    }
                }
            }
        }

        BottomBar {
            Layout.fillWidth: true
            HomeButton {
                onClicked: screen.navigator.home()
            }
            Item { Layout.fillWidth: true }
            KButton {
                objectName: "showRemembrance"
                visible: screen.content.hasPeople
                text: qsTr("Remembrance")
                kind: "quiet"
                checkable: true
                checked: !screen.showNames
                onClicked: {
                    screen.showNames = false;
                    checked = Qt.binding(() => !screen.showNames);
                }
            }
            KButton {
                objectName: "showNames"
                visible: screen.content.hasPeople
                text: qsTr("Names")
                kind: "quiet"
                checkable: true
                checked: screen.showNames
                onClicked: {
                    screen.showNames = true;
                    checked = Qt.binding(() => screen.showNames);
                }
            }
        }
    }
}
