pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The history, one section at a time: swipe sideways, use the buttons below, or tap a section
// in the list of them that shows where the visitor is (beside the text in landscape, below it,
// within reach, in portrait). One line opens the sources of the whole history.
Item {
    id: screen

    required property ContentController content
    required property HistoryController history
    required property Navigator navigator
    required property SourcesController sources
    required property LanguageController language

    readonly property bool portrait: height > width * 1.05

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        GridLayout {
            id: body
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            Layout.bottomMargin: Theme.gap
            columns: screen.portrait ? 1 : 2
            columnSpacing: Theme.gapLarge * 1.5
            rowSpacing: Theme.gap

            // Landscape: the list of sections on the left; portrait: only the eyebrow here,
            // the list goes below the text.
            ColumnLayout {
                id: side
                Layout.fillHeight: !screen.portrait
                Layout.fillWidth: screen.portrait
                Layout.preferredWidth: screen.portrait ? -1 : sideWidth
                Layout.minimumWidth: screen.portrait ? 0 : sideWidth
                Layout.maximumWidth: screen.portrait ? Number.POSITIVE_INFINITY : sideWidth
                // fixed from the screen's width, so nothing inside can make the grid lay out again
                readonly property real sideWidth: Math.round(Math.min((screen.width - 2 * Theme.margin) * 0.3, Theme.measure * 0.6))
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap

                Eyebrow {
                    Layout.fillWidth: true
                    text: qsTr("History")
                }
                SectionList {
                    id: wideList
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: !screen.portrait
                    content: screen.content
                    history: screen.history
                }
                SourcesLine {
                    Layout.fillWidth: true
                    visible: !screen.portrait && sources.length > 0
                    screenName: "history"
                    controller: screen.sources
                }
            }

            ListView {
                id: pages
                objectName: "historyPages"
                Layout.fillWidth: true
                Layout.fillHeight: true
                orientation: ListView.Horizontal
                snapMode: ListView.SnapOneItem
                highlightRangeMode: ListView.StrictlyEnforceRange
                highlightMoveDuration: Theme.motion ? 500 : 0
                highlightMoveVelocity: -1
                boundsBehavior: Flickable.StopAtBounds
                flickDeceleration: Theme.px(3000)
                clip: true
                cacheBuffer: 0
                model: screen.content.sections
                currentIndex: 0
                Component.onCompleted: positionViewAtIndex(screen.history.index, ListView.Beginning)
                onCurrentIndexChanged: if (currentIndex !== screen.history.index) screen.history.goTo(currentIndex)

                delegate: SectionPage {
                    width: pages.width
                    height: pages.height
                    history: screen.history
                }

                Connections {
                    target: screen.history
                    function onIndexChanged(index) {
                        if (pages.currentIndex !== index)
                            pages.currentIndex = index;
                        if (!Theme.motion)
                            pages.positionViewAtIndex(index, ListView.Beginning);
                    }
                }
            }

            SectionList {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(implicitHeight, screen.height * 0.28)
                visible: screen.portrait
                content: screen.content
                history: screen.history
            }
            SourcesLine {
                Layout.fillWidth: true
                visible: screen.portrait && sources.length > 0
                screenName: "history"
                controller: screen.sources
            }
        }

        BottomBar {
            Layout.fillWidth: true

            HomeButton {
                onClicked: screen.navigator.home()
            }
            LanguageChoice { language: screen.language }
            Item { Layout.fillWidth: true }
            KButton {
                objectName: "historyPrevious"
                text: qsTr("Previous")
                glyph: "prev"
                enabled: screen.history.hasPrevious
                onClicked: screen.history.previous()
            }
            ColumnLayout {
                // in portrait the list of sections above says where the visitor is
                visible: !screen.portrait
                Layout.minimumWidth: Theme.px(130)
                spacing: Theme.px(8)
                KText {
                    objectName: "historyPosition"
                    Layout.alignment: Qt.AlignHCenter
                    text: screen.history.positionText
                    color: Theme.textMuted
                    font.pixelSize: Theme.metaSize
                    wrapMode: Text.NoWrap
                }
                PageDots {
                    Layout.alignment: Qt.AlignHCenter
                    visible: screen.history.count <= 16
                    count: screen.history.count
                    current: screen.history.index
                }
            }
            KButton {
                objectName: "historyNext"
                text: qsTr("Next")
                glyph: "next"
                glyphAfter: true
                // On an advisory the choice is the page's own (read, or skip to the next
                // section): a second "Next" here would compete with it.
                visible: !screen.history.showAdvisory
                enabled: screen.history.hasNext
                onClicked: screen.history.next()
            }
        }
    }

    SourcesPanel {
        anchors.fill: parent
        controller: screen.sources
        screenName: "history"
    }
}
