pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The events, sideways, with inertia; era markers; a strip of years to jump by (it marks the
// year the visitor is in); a tap opens an event; one line opens the timeline's sources. A virtualised ListView: only the cards in view (and a screen's width either side)
// exist, whatever the number of events.
Item {
    id: screen

    required property ContentController content
    required property TimelineController timeline
    required property Navigator navigator
    required property SourcesController sources
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

        // The year the visitor is in is marked once, on the year strip below (and each card has
        // its own date); the heading says only how to use the timeline.
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            spacing: Theme.gapLarge

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
            SourcesLine {
                Layout.alignment: Qt.AlignRight | Qt.AlignTop
                Layout.maximumWidth: Math.min(implicitWidth, screen.width * 0.4)
                visible: !screen.portrait && sources.length > 0
                screenName: "timeline"
                controller: screen.sources
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: Theme.gap

            id: track

            // Portrait has height to spare above the cards (which stand low, within reach): the
            // era the visitor is in stands there large, like a chapter's title, and the cards of
            // that era do not repeat it (the marker line stays).
            Column {
                id: chapter
                objectName: "timelineChapter"
                readonly property real room: screen.portrait ? implicitHeight + 2 * Theme.gapLarge : 0
                visible: screen.portrait && screen.eraText !== ""
                x: Theme.margin
                width: track.width - 2 * Theme.margin
                y: Math.max(0, (events.y - implicitHeight) / 2)
                spacing: Theme.gapSmall

                Rectangle {
                    width: Theme.px(120)
                    height: Theme.borderWidth
                    color: Theme.accent
                }
                KText {
                    objectName: "currentEra"
                    width: Math.min(chapter.width, Theme.measure)
                    topPadding: Theme.gapSmall
                    text: screen.eraText
                    color: Theme.text
                    font.family: Theme.serif
                    font.pixelSize: Theme.titleSize
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
                    id: eventCard
                    width: Math.round(Math.min(screen.portrait ? events.width * 0.78 : events.width * 0.4, Theme.measure * 0.62))
                    height: events.height
                    eraNamedAbove: chapter.visible && eventCard.era === screen.eraText
                    onClicked: screen.timeline.open(index)
                }
            }

            // The card at either edge fades into the background rather than being cut by it.
            Rectangle {
                objectName: "edgeFadeRight"
                anchors { right: events.right; top: events.top; bottom: events.bottom }
                width: Math.min(Theme.margin * 2, events.width / 6)
                enabled: false
                // gone once the last card's edge is in view
                opacity: !Theme.edgeFades || events.contentX + events.width >= events.originX + events.contentWidth - 2 ? 0 : 1
                gradient: Gradient {
                    orientation: Gradient.Horizontal
                    GradientStop { position: 0; color: Qt.rgba(Theme.background.r, Theme.background.g, Theme.background.b, 0) }
                    GradientStop { position: 0.85; color: Theme.background }
                }
            }
            Rectangle {
                objectName: "edgeFadeLeft"
                anchors { left: events.left; top: events.top; bottom: events.bottom }
                width: Math.min(Theme.margin, events.width / 8)
                enabled: false
                opacity: !Theme.edgeFades || events.atXBeginning ? 0 : 1
                gradient: Gradient {
                    orientation: Gradient.Horizontal
                    GradientStop { position: 0.15; color: Theme.background }
                    GradientStop { position: 1; color: Qt.rgba(Theme.background.r, Theme.background.g, Theme.background.b, 0) }
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
            SourcesLine {
                // in portrait here, within reach; in landscape at the top right
                Layout.fillWidth: true
                Layout.maximumWidth: implicitWidth
                visible: screen.portrait && sources.length > 0
                screenName: "timeline"
                controller: screen.sources
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

    SourcesPanel {
        anchors.fill: parent
        controller: screen.sources
        screenName: "timeline"
    }
}
