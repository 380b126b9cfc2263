import QtQuick

// One screen of the exhibit, created the first time it is shown, kept while the visit lasts
// (so the visitor finds it as they left it) and destroyed when the visit ends. Screens change
// with a calm cross-fade.
Loader {
    id: slot

    required property string name
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true
    property string current: ""
    property bool kept: false
    readonly property bool shown: current === name

    function forget() {
        kept = false;
    }

    anchors.fill: parent
    active: shown || kept || opacity > 0
    asynchronous: false
    enabled: shown
    visible: opacity > 0
    opacity: shown ? 1 : 0
    onShownChanged: if (shown) kept = true
    Component.onCompleted: if (shown) kept = true

    Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs; easing.type: Easing.InOutQuad } }
}
