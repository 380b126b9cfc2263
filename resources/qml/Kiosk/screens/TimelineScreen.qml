pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The events, sideways, with inertia; era markers; a strip of years to jump by; a tap opens an
// event. A virtualised ListView: only the cards in view (and a screen's width either side)
// exist, whatever the number of events.
Item {
    id: screen

    required property ContentController content
    required property TimelineController timeline
    required property Navigator navigator
    required property LanguageController language

    readonly property bool portrait: height > width
    // Where the visitor is in time: the year and its era are the controller's notifying
    // properties, so a language change or a new bundle rewrites the headings at once.
    readonly property int currentYearRow: screen.timeline.currentYearRow
    readonly property string yearText: screen.timeline.currentYear
    readonly property string eraText: screen.timeline.currentEra

    function updateYear() {
        const row = events.indexAt(events.contentX + events.width * 0.25, events.height / 2);
        if (row >= 0)
            screen.timeline.showingEvent(row);
    }

    function jumpTo(row) {
        jump.stop();
        const from = events.contentX;
        events.positionViewAtIndex(row, ListView.Beginning);
        const to = events.contentX;
        if (Theme.motion && Math.abs(to - from) < events.width * 8) {
            events.contentX = from;
            jump.from = from;
            jump.to = to;
            jump.start();
        } else {
            updateYear();
        }
    }

    NumberAnimation {
        id: jump
        target: events
        property: "contentX"
        duration: 700
        easing.type: Easing.InOutCubic
        onFinished: screen.updateYear()
    }

    Connections {
        target: screen.timeline
        function onJumpRequested(row) {
            screen.jumpTo(row);
        }
        function onRewind() {
            events.positionViewAtBeginning();
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        GridLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            columns: screen.portrait ? 1 : 2
            columnSpacing: Theme.gapLarge
            rowSpacing: Theme.gapSmall

            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gapSmall
                Eyebrow {
                    Layout.fillWidth: true
                    text: qsTr("Timeline")
                }
                KText {
                    Layout.fillWidth: true
                    Layout.maximumWidth: Theme.measure
                    text: qsTr("Swipe to move through time. Tap an event to read it.")
                    color: Theme.textMuted
                }
            }
            KText {
                // where the visitor is in time, updated when the timeline comes to rest
                // (in portrait it stands larger, above the cards: see "chapter")
                objectName: "currentYear"
                Layout.alignment: Qt.AlignRight | Qt.AlignTop
                visible: !screen.portrait && text !== ""
                text: screen.yearText
                color: Theme.accent
                font.family: Theme.serif
                font.pixelSize: Theme.titleSize
                lineHeight: 1.0
                wrapMode: Text.NoWrap
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: Theme.gap

            id: track

            // Portrait has height to spare above the cards (which stand low, within reach):
            // the year the visitor is in, and its era, stand there large, like a chapter's title.
            Column {
                id: chapter
                objectName: "timelineChapter"
                readonly property real room: screen.portrait ? implicitHeight + 2 * Theme.gapLarge : 0
                visible: screen.portrait && screen.yearText !== ""
                x: Theme.margin
                width: track.width - 2 * Theme.margin
                y: Math.max(0, (events.y - implicitHeight) / 2)
                spacing: Theme.gapSmall

                KText {
                    objectName: "currentYearLarge"
                    text: screen.yearText
                    color: Theme.accent
                    font.family: Theme.serif
                    font.pixelSize: Math.round(Theme.figureSize * 1.6)
                    lineHeight: 1.0
                    wrapMode: Text.NoWrap
                }
                Rectangle {
                    width: Theme.px(120)
                    height: Theme.borderWidth
                    color: Theme.accent
                    visible: era.visible
                }
                KText {
                    id: era
                    objectName: "currentEra"
                    width: Math.min(chapter.width, Theme.measure)
                    visible: text !== ""
                    topPadding: Theme.gapSmall
                    text: screen.eraText
                    color: Theme.text
                    font.family: Theme.serif
                    font.pixelSize: Theme.headingSize
                    lineHeight: 1.1
                }
            }

            // the axis the cards stand on (static: it does not scroll, so costs nothing)
            Rectangle {
                x: 0
                width: parent.width
                y: events.y + events.height - Theme.px(40) - height / 2
                height: Theme.borderWidth
                color: Theme.line
            }

            ListView {
                id: events
                objectName: "timelineList"
                // Cards no taller than their text needs, standing low, near the year strip.
                anchors {
                    left: parent.left
                    right: parent.right
                    bottom: parent.bottom
                }
                height: Math.min(track.height - chapter.room, Theme.bodySize * 22 + Theme.px(160))
                leftMargin: Theme.margin - Theme.px(20)
                rightMargin: Theme.margin
                orientation: ListView.Horizontal
                model: screen.content.timeline
                cacheBuffer: Math.round(width)
                reuseItems: true
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                flickDeceleration: Theme.px(1400)
                maximumFlickVelocity: Theme.px(6000)
                pixelAligned: true
                onMovementEnded: screen.updateYear()

                delegate: EventCard {
                    width: Math.round(Math.min(screen.portrait ? events.width * 0.78 : events.width * 0.4, Theme.measure * 0.62))
                    height: events.height
                    onClicked: screen.timeline.open(index)
                }
            }
        }

        ListView {
            id: years
            objectName: "yearStrip"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchMin + Theme.px(24)
            Layout.leftMargin: Theme.margin - Theme.px(24)
            Layout.rightMargin: Theme.margin - Theme.px(24)
            visible: count > 1
            orientation: ListView.Horizontal
            spacing: Theme.gapSmall
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            model: screen.content.years
            currentIndex: screen.currentYearRow
            highlightFollowsCurrentItem: false
            onCurrentIndexChanged: positionViewAtIndex(currentIndex, ListView.Contain)

            delegate: KButton {
                required property int index
                required property string label
                objectName: "year_" + label
                anchors.verticalCenter: parent ? parent.verticalCenter : undefined
                text: label
                kind: index === screen.currentYearRow ? "primary" : "quiet"
                onClicked: screen.timeline.jumpToYear(index)
            }
        }

        BottomBar {
            id: bar
            Layout.fillWidth: true
            Layout.topMargin: Theme.gapSmall
            HomeButton {
                onClicked: screen.navigator.home()
            }
            LanguageChoice { language: screen.language }
            Item { Layout.fillWidth: true }
        }
    }

    EventOverlay {
        // the bar stays in reach under an open event: its language choice keeps it open
        anchors { fill: parent; bottomMargin: bar.height }
        timeline: screen.timeline
    }
}
