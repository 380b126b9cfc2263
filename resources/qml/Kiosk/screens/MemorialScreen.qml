pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// Remembrance before administration: the exhibit's dedication, then the visitor's acts (a
// candle to light, a minute of silence), then the day of mourning and, under a heading of
// their own, the decrees and addresses (RemembranceModel orders them); and, only where the
// bundle has them, the names of the people remembered. One line below the texts opens their
// sources (SourcesPanel), rather than a "Source: ..." under each.
// Landscape: the dedication and the acts on the left, the texts on the right. Portrait: the
// dedication at the top, the acts low enough to reach, the texts below them.
Item {
    id: screen

    required property ContentController content
    required property Navigator navigator
    required property LanguageController language
    required property CandleController candle
    required property MinuteOfSilence silence
    required property NamesController names
    required property SourcesController sources

    readonly property bool portrait: height > width * 1.05
    readonly property bool showNames: content.hasPeople && names.wallOpen
    readonly property bool showSearch: showNames && names.searchOpen

    component Dedication: KText {
        objectName: "memorialDedication"
        visible: text !== ""
        text: screen.content.dedication
        font.family: Theme.serif
        font.pixelSize: Theme.subheadingSize
        lineHeight: 1.2
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Loader {
            objectName: "nameSearchLoader"
            Layout.fillWidth: true
            Layout.fillHeight: true
            // portrait: the keyboard takes the screen's full width (its keys need it)
            Layout.leftMargin: screen.portrait ? 0 : Theme.margin
            Layout.rightMargin: screen.portrait ? 0 : Theme.margin
            Layout.topMargin: Theme.gapLarge
            Layout.bottomMargin: Theme.gap
            active: screen.showSearch
            visible: active
            sourceComponent: NameSearch {
                sideMargin: screen.portrait ? Theme.margin * 0.5 : 0
                names: screen.names
                language: screen.content.locale
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !screen.showSearch
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            Layout.bottomMargin: Theme.gap
            columns: screen.portrait ? 1 : 2
            columnSpacing: Theme.gapLarge * 1.5
            rowSpacing: Theme.gap

            // -- landscape: the dedication and the acts, in a column that scrolls if short ----
            ReadingPane {
                id: actsPane
                Layout.row: 0
                Layout.column: 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: Theme.measure * 0.75
                Layout.maximumWidth: Theme.measure
                visible: !screen.portrait
                spacing: Theme.gap

                Eyebrow {
                    width: actsPane.width
                    text: qsTr("Memorial")
                }
                Dedication {
                    width: actsPane.width
                }
                Item {
                    width: 1
                    height: Theme.gapSmall
                }
                MemorialActs {
                    width: actsPane.width
                    content: screen.content
                    candle: screen.candle
                    silence: screen.silence
                    candleHeight: Math.min(Theme.px(220), screen.height * 0.22)
                }
            }

            // -- portrait: the dedication at the top, the acts below it, within reach -----------
            ColumnLayout {
                Layout.row: 0
                Layout.column: 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: screen.portrait
                spacing: Theme.gap

                Eyebrow {
                    Layout.fillWidth: true
                    text: qsTr("Memorial")
                }
                Dedication {
                    Layout.fillWidth: true
                    Layout.maximumWidth: Theme.measure
                }
                Item {
                    Layout.fillHeight: true
                }
                MemorialActs {
                    Layout.fillWidth: true
                    Layout.fillHeight: false
                    Layout.maximumHeight: implicitHeight
                    sideBySide: true
                    content: screen.content
                    candle: screen.candle
                    silence: screen.silence
                    candleHeight: Math.min(Theme.px(200), screen.height * 0.12)
                }
            }

            // -- what is remembered: the day of mourning, then the decrees and addresses -------
            Item {
                Layout.row: screen.portrait ? 1 : 0
                Layout.column: screen.portrait ? 0 : 1
                Layout.fillWidth: true
                Layout.fillHeight: true
                // portrait: the texts take a little under half of the page, below the acts
                Layout.preferredHeight: screen.portrait ? screen.height * 0.4 : -1
                Layout.maximumWidth: Theme.measure
                Layout.alignment: Qt.AlignTop | Qt.AlignLeft

                Eyebrow {
                    id: namesEyebrow
                    width: parent.width
                    visible: screen.showNames
                    text: qsTr("The names")
                }

                ReadingPane {
                    id: remembrance
                    objectName: "remembrancePane"
                    anchors {
                        left: parent.left
                        right: parent.right
                        top: parent.top
                        bottom: remembranceSources.visible ? remembranceSources.top : parent.bottom
                        bottomMargin: remembranceSources.visible ? Theme.gap : 0
                    }
                    visible: !screen.showNames
                    spacing: Theme.gapLarge

                    Repeater {
                        model: screen.content.remembrance
                        Column {
                            id: entry
                            required property string title
                            required property string body
                            required property string dateText
                            required property bool firstOfficial
                            required property int index
                            width: remembrance.width
                            spacing: Theme.gapSmall

                            Column {
                                // the acts of state, grouped under a heading of their own
                                width: parent.width
                                visible: entry.firstOfficial
                                spacing: Theme.gapSmall
                                Item {
                                    width: 1
                                    height: entry.index > 0 ? Theme.gap : 0
                                }
                                Rectangle {
                                    width: parent.width
                                    height: Theme.borderWidth
                                    color: Theme.line
                                    visible: entry.index > 0
                                }
                                Eyebrow {
                                    objectName: "officialHeading"
                                    width: parent.width
                                    topPadding: entry.index > 0 ? Theme.gap : 0
                                    bottomPadding: Theme.gapSmall
                                    text: qsTr("Decrees and addresses")
                                }
                            }
                            KText {
                                width: parent.width
                                visible: text !== ""
                                text: entry.dateText
                                color: Theme.textMuted
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
                        }
                    }
                }

                SourcesLine {
                    id: remembranceSources
                    anchors.left: parent.left
                    anchors.bottom: parent.bottom
                    width: Math.min(implicitWidth, parent.width)
                    visible: !screen.showNames && sources.length > 0
                    screenName: "memorial"
                    controller: screen.sources
                }

                Loader {
                    anchors {
                        left: parent.left
                        right: parent.right
                        top: namesEyebrow.bottom
                        topMargin: Theme.gap
                        bottom: parent.bottom
                    }
                    active: screen.showNames
                    visible: active
                    sourceComponent: PeopleView {
                        people: screen.content.people
                        names: screen.names
                    }
                }
            }
        }

        Loader {
            Layout.alignment: Qt.AlignRight
            Layout.rightMargin: Theme.margin - Theme.px(24)
            Layout.bottomMargin: Theme.gapSmall
            active: screen.portrait && screen.content.hasPeople
            visible: active
            sourceComponent: views
        }
        BottomBar {
            Layout.fillWidth: true
            HomeButton {
                onClicked: screen.navigator.home()
            }
            LanguageChoice { language: screen.language }
            Item { Layout.fillWidth: true }
            Loader {
                active: !screen.portrait && screen.content.hasPeople
                visible: active
                sourceComponent: views
            }
        }
    }

    // Remembrance, the names, the search: in the bar in landscape; in portrait a row of their
    // own just above it (within reach), where the bar has no room for them at larger text.
    Component {
        id: views
        RowLayout {
            spacing: Theme.gapSmall
            KButton {
                objectName: "showRemembrance"
                visible: screen.content.hasPeople
                text: qsTr("Remembrance")
                kind: "quiet"
                checkable: true
                checked: !screen.showNames
                onClicked: {
                    screen.names.closeWall();
                    checked = Qt.binding(() => !screen.showNames);
                }
            }
            KButton {
                objectName: "showNames"
                visible: screen.content.hasPeople
                text: qsTr("Names")
                kind: "quiet"
                checkable: true
                checked: screen.showNames && !screen.showSearch
                onClicked: {
                    screen.names.openWall();
                    checked = Qt.binding(() => screen.showNames && !screen.showSearch);
                }
            }
            KButton {
                objectName: "showSearch"
                visible: screen.content.hasPeople
                text: qsTr("Search")
                kind: "quiet"
                checkable: true
                checked: screen.showSearch
                onClicked: {
                    screen.names.openWall();
                    screen.names.openSearch();
                    checked = Qt.binding(() => screen.showSearch);
                }
            }
        }
    }

    PersonCard {
        objectName: "personCardOverlay"
        anchors.fill: parent
        z: 10
        names: screen.names
    }

    SourcesPanel {
        anchors.fill: parent
        controller: screen.sources
        screenName: "memorial"
    }
}
