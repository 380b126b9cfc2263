pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The history, one section at a time: swipe sideways or use the buttons below.
Item {
    id: screen

    required property ContentController content
    required property HistoryController history
    required property Navigator navigator
    required property LanguageController language

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

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
                enabled: screen.history.hasNext
                onClicked: screen.history.next()
            }
        }
    }
}
