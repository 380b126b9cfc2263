pragma ComponentBehavior: Bound
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
    required property SourcesController sources
    required property NamesController names
    // The technician's admin layer; absent in screenshots, the self-test and most tests.
    property AdminController admin: null
    property int attractCycleMs: 12000
    property bool animate: true
    // the screen's physical size (or ui_scale) on top of its pixels: see Theme.sizeScale
    property real sizeScale: 1.0

    // What a screen's entry in the registry may ask for by name (its "needs").
    readonly property var services: ({
        content: root.content,
        navigator: root.navigator,
        idle: root.idle,
        accessibility: root.accessibility,
        language: root.language,
        history: root.history,
        timeline: root.timeline,
        silence: root.silence,
        candle: root.candle,
        sources: root.sources,
        names: root.names,
        cycleMs: root.attractCycleMs
    })

    function servicesFor(needs: var): var {
        const chosen = {};
        for (const need of needs) {
            if (!(need in root.services))
                console.warn("a screen needs " + need + ", which Main.qml does not have");
            chosen[need] = root.services[need];
        }
        return chosen;
    }

    // No size of its own: it starts at its screen's size (KioskShell passes width and height),
    // and kiosk.ui.screenfit keeps a fullscreen kiosk fitted to its screen.
    visible: false
    color: Theme.background
    title: content.title

    Binding { target: Theme; property: "shortSide"; value: Math.min(root.width, root.height) }
    Binding { target: Theme; property: "sizeScale"; value: root.sizeScale }
    Binding { target: Theme; property: "highContrast"; value: root.accessibility.highContrast }
    Binding { target: Theme; property: "textScale"; value: root.accessibility.textScale }
    Binding { target: Theme; property: "motion"; value: root.animate }
    Binding { target: Reading; property: "accessibility"; value: root.accessibility }

    Item {
        id: stage
        objectName: "stage"
        anchors.fill: parent
        focus: true
        Keys.onPressed: (event) => {
            root.idle.activity();
            event.accepted = false;
        }

        // One slot per screen of the registry (kiosk.ui.screens), in its order: the later lie
        // above the earlier. Each screen gets, as its required properties, the services its
        // entry names.
        Repeater {
            id: slots
            model: root.navigator.slots
            ScreenSlot {
                required property var modelData
                objectName: "slot_" + modelData.name
                name: modelData.name
                component: modelData.component
                lasting: modelData.lasting
                properties: root.servicesFor(modelData.needs)
                current: root.navigator.screen
            }
        }

        function endVisit() {
            for (let i = 0; i < slots.count; ++i)
                (slots.itemAt(i) as ScreenSlot).endVisit();
        }
    }

    // The overlays are built the first time they are needed (not on the way to the first
    // frame) and kept from then on; each fades in from its first frame (its `built`).
    Loader {
        anchors.fill: parent
        active: root.silence.running || item !== null
        sourceComponent: SilenceOverlay {
            objectName: "silenceOverlay"
            silence: root.silence
        }
    }

    Loader {
        anchors.fill: parent
        active: root.idle.state === "prompt" || item !== null
        sourceComponent: IdlePrompt {
            objectName: "idlePrompt"
            idle: root.idle
        }
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
        // open panels, pages), and a lasting one (the attract loop) starts again from the top.
        function onReset() {
            stage.endVisit();
        }
    }
}
