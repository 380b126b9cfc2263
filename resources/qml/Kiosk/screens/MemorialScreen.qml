pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

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
                Layout.preferredWidth: Theme.measure
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
                            id: entry
                            required property string title
                            required property string body
                            required property string dateText
                            required property string source
                            required property int index
                            width: remembrance.width
                            spacing: Theme.gapSmall
                            KText {
                                width: parent.width
                                visible: text !== ""
                                text: entry.dateText
                                color: Theme.accent
                                font.pixelSize: Theme.metaSize
                                font.weight: Font.DemiBold
                            }
                            Heading {
                                width: parent.width
                                text: entry.title
                                font.pixelSize: Theme.headingSize
                            }
                            KText {
                                width: parent.width
                                visible: text !== ""
                                text: entry.body
                                lineHeight: Theme.bodyLineHeight
                            }
                            KText {
                                width: parent.width
                                visible: entry.source !== ""
                                text: qsTr("Source: %1").arg(entry.source)
                                color: Theme.textMuted
                                font.pixelSize: Theme.metaSize
                            }
                            Item {
                                width: 1
                                height: Theme.gap
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
            // Landscape: a column beside the text, scrolling if the screen is short.
            ReadingPane {
                id: actsPane
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: Theme.measure * 0.75
                Layout.maximumWidth: Theme.measure
                visible: !screen.portrait

                MemorialActs {
                    id: landscapeActs
                    width: actsPane.width
                    content: screen.content
                    candle: screen.candle
                    silence: screen.silence
                    candleHeight: Math.min(Theme.px(220), screen.height * 0.22)
                }
            }
            // Portrait: side by side, low on the screen, within reach.
            MemorialActs {
                Layout.fillWidth: true
                Layout.fillHeight: false
                Layout.maximumHeight: implicitHeight
                visible: screen.portrait
                sideBySide: true
                content: screen.content
                candle: screen.candle
                silence: screen.silence
                candleHeight: Math.min(Theme.px(200), screen.height * 0.12)
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
