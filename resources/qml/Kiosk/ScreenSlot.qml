import QtQuick

// One screen of the exhibit, created the first time it is shown, kept while the visit lasts
// (so the visitor finds it as they left it) and destroyed when the visit ends; a lasting screen
// (the attract loop) is kept for the whole run and rewound instead. Screens change with a calm
// cross-fade. Main.qml makes one per entry of the screen registry (kiosk.ui.screens).
Loader {
    id: slot

    required property string name
    // the screen's QML type in this module, and the values of its required properties
    required property string component
    required property var properties
    property bool lasting: false
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true
    property string current: ""
    property bool kept: false
    readonly property bool shown: current === name

    function forget() {
        kept = false;
    }

    // The visit is over: forget the screen, or rewind a lasting one.
    function endVisit() {
        if (!lasting)
            forget();
        else if (item)
            rewind(item);
    }

    // Untyped on purpose: any screen type may last; the registry, not this file, says which.
    function rewind(screen) {
        if (typeof screen.rewind === "function")
            screen.rewind();
    }

    anchors.fill: parent
    active: shown || kept || opacity > 0
    asynchronous: false
    enabled: shown
    visible: opacity > 0
    opacity: shown ? 1 : 0
    onShownChanged: if (shown) kept = true
    onActiveChanged: if (active) source_()
    Component.onCompleted: {
        if (shown)
            kept = true;
        if (active)
            source_();
    }

    // The screen's QML is compiled the first time it is shown, not at start: the way to the
    // first frame compiles the attract loop alone.
    property bool sourced: false
    function source_() {
        if (sourced)
            return;
        sourced = true;
        // By URL, so the required properties can be given; the URL is the module's own file.
        const screen = Qt.createComponent("Kiosk", component, Component.PreferSynchronous);
        if (screen.status !== Component.Ready)
            console.warn("screen " + name + ": " + screen.errorString());
        setSource(screen.url, properties);
    }

    Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs; easing.type: Easing.InOutQuad } }
}
