import QtQuick
import QtQuick.Window
import Kiosk.Backend

// The kiosk window: the screens, the overlays above them, and one input watcher on top that
// tells the IdleGuard someone is there. Everything it shows comes in through the required
// properties (set by kiosk.ui.shell.KioskShell): QML holds presentation only.
Window {
    id: root

    required property ContentController content
    required property Navigator navigator
    required property IdleGuard idle
    required property Accessibility accessibility
    required property LanguageController language
    required property HistoryController history
    required property TimelineController timeline
    required property MinuteOfSilence silence
    required property CandleController candle
    // The technician's admin layer; absent in screenshots, the self-test and most tests.
    property AdminController admin: null
    property int attractCycleMs: 12000
    property bool animate: true

    // No size of its own: it starts at its screen's size (KioskShell passes width and height),
    // and kiosk.ui.screenfit keeps a fullscreen kiosk fitted to its screen.
    visible: false
    color: Theme.background
    title: content.title

    Binding { target: Theme; property: "shortSide"; value: Math.min(root.width, root.height) }
    Binding { target: Theme; property: "highContrast"; value: root.accessibility.highContrast }
    Binding { target: Theme; property: "textScale"; value: root.accessibility.textScale }
    Binding { target: Theme; property: "motion"; value: root.animate }

    Item {
        id: stage
        objectName: "stage"
        anchors.fill: parent
        focus: true
        Keys.onPressed: (event) => {
            root.idle.activity();
            event.accepted = false;
        }

        function forgetAll() {
            for (const slot of [historySlot, timelineSlot, numbersSlot, memorialSlot, homeSlot])
                slot.forget();
        }

        ScreenSlot {
            id: attractSlot
            objectName: "slot_attract"
            name: "attract"
            current: root.navigator.screen
            sourceComponent: AttractScreen {
                content: root.content
                language: root.language
                cycleMs: root.attractCycleMs
            }
        }
        ScreenSlot {
            id: homeSlot
            objectName: "slot_home"
            name: "home"
            current: root.navigator.screen
            sourceComponent: HomeScreen {
                content: root.content
                navigator: root.navigator
                language: root.language
                accessibility: root.accessibility
            }
        }
        ScreenSlot {
            id: historySlot
            objectName: "slot_history"
            name: "history"
            current: root.navigator.screen
            sourceComponent: HistoryScreen {
                content: root.content
                history: root.history
                navigator: root.navigator
            }
        }
        ScreenSlot {
            id: timelineSlot
            objectName: "slot_timeline"
            name: "timeline"
            current: root.navigator.screen
            sourceComponent: TimelineScreen {
                content: root.content
                timeline: root.timeline
                navigator: root.navigator
            }
        }
        ScreenSlot {
            id: numbersSlot
            objectName: "slot_numbers"
            name: "numbers"
            current: root.navigator.screen
            sourceComponent: NumbersScreen {
                content: root.content
                navigator: root.navigator
            }
        }
        ScreenSlot {
            id: memorialSlot
            objectName: "slot_memorial"
            name: "memorial"
            current: root.navigator.screen
            sourceComponent: MemorialScreen {
                content: root.content
                navigator: root.navigator
                candle: root.candle
                silence: root.silence
            }
        }
    }

    SilenceOverlay {
        objectName: "silenceOverlay"
        anchors.fill: parent
        silence: root.silence
    }

    IdlePrompt {
        objectName: "idlePrompt"
        anchors.fill: parent
        idle: root.idle
    }

    Loader {
        objectName: "adminLayer"
        anchors.fill: parent
        z: 900
        active: root.admin !== null
        sourceComponent: AdminLayer {
            admin: root.admin
            adminOpen: root.navigator.screen === "admin"
        }
    }

    // On top of everything, taking no touch from anyone: a press anywhere is activity.
    Item {
        objectName: "inputWatcher"
        anchors.fill: parent
        z: 1000
        PointHandler {
            onActiveChanged: if (active) root.idle.activity()
        }
    }

    Connections {
        target: root.idle
        // A visit ended: every screen is rebuilt from scratch next time (scroll positions,
        // open panels, pages), and the attract loop starts again from its first figure.
        function onReset() {
            stage.forgetAll();
            if (attractSlot.item)
                attractSlot.item.rewind();
        }
    }
}
