pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend
import "keyboardLayouts.js" as Layouts

// The on-screen keyboard of the names search: Azerbaijani (Latin), Russian and English layouts,
// space, backspace (held, it repeats), clear, the apostrophe and hyphen names carry, and a shift
// that writes each layout's own capitals (az: i -> İ, ı -> I).
//
// It edits `text` and says so (typed / erased / cleared); it never searches and never waits:
// the host reads `text` (or the signals) and runs its own debounced search off the GUI thread.
// Everything happens in QML, so a key press costs no Python call.
//
// Capitals: the first letter of each word (at the start, after a space or a hyphen) is a
// capital unless the visitor taps shift off, because the box then reads as the name looks
// ("Əli-Heydər Məmmədov", not "əli-heydər məmmədov"). The search ignores case (İ/ı included),
// so this is only what the visitor sees; autoCapitalize: false turns it off.
//
// Size: give it the width it may use (anchors.left/right) and let it take its implicitHeight;
// put it low on the screen (in portrait, the lower part is what a seated visitor reaches).
// With room beside the keys (landscape) the layout switch stands at their left; otherwise (a
// portrait screen) it is a row above them. Every key is at least Theme.touchMin square as long
// as the keyboard is at least `minimumWidth` wide (a portrait screen's full width is).
Item {
    id: kb

    // -- set by the host ------------------------------------------------------------------------
    // The visit's language ("az", "ru", "en", ...): the layout the keyboard starts with. A new
    // language resets the layout; the visitor may switch it (a Russian spelling on an
    // Azerbaijani visit).
    property string language: ""
    // What the visitor has typed. The host may set it (reset() clears it for a new visit).
    property string text: ""
    // The layouts offered, in the switch's order (codes of keyboardLayouts.js).
    property var available: Layouts.order
    property bool autoCapitalize: true
    property int maxLength: 60
    // Backspace held down: the first repeat after repeatDelay, then one every repeatInterval (ms).
    property int repeatDelay: 500
    property int repeatInterval: 90
    // What a screen reader says for the keys that show no letter; the host passes them in its
    // visitor's language (qsTr in the names screen). Clear also shows on its key.
    property var keyNames: ({
        "shift": "Shift",
        "backspace": "Backspace",
        "space": "Space",
        "apostrophe": "Apostrophe",
        "hyphen": "Hyphen",
        "clear": qsTranslate("PinPad", "Clear") // the PIN pad's word, translated already
    })

    // -- the visitor's state ----------------------------------------------------------------------
    property string layout: startLayout()
    property bool shifted: autoCapitalize

    // -- read by the host -------------------------------------------------------------------------
    // [{code, name}] for the switch; the name is the language's own ("Русский" on any visit),
    // from the program's one list of language names.
    readonly property var layouts: available
        .filter(code => Layouts.layouts.hasOwnProperty(code))
        .map(code => ({ "code": code, "name": LanguageNames.name(code) }))
    // The locale of the layout (az_Latn_AZ, ru_RU, en_GB): how its letters change case.
    readonly property string layoutLocale: Layouts.layouts[layout] ? Layouts.layouts[layout].locale : ""
    readonly property int keyHeight: Math.max(Theme.touchMin, Theme.px(96))
    readonly property real minimumWidth: 2 * pad + maxColumns * Theme.touchMin
    // True while backspace is held down and repeating (or about to).
    readonly property bool erasing: holdTimer.running
    readonly property bool switchBeside: layouts.length > 1
        && width - 2 * pad >= switchKeyWidth + Theme.gap + maxColumns * Theme.touchMin * 1.1

    signal typed(string characters)
    signal erased()
    signal cleared()

    // -- actions (the keys call these; a host or a test may too) --------------------------------
    function typeText(characters) {
        if (characters === " " && (text === "" || text.endsWith(" ")))
            return false; // no leading or double space
        if (Array.from(text).length + Array.from(characters).length > maxLength)
            return false;
        text += characters;
        typed(characters);
        return true;
    }

    function erase() {
        if (text === "")
            return false;
        const letters = Array.from(text);
        letters.pop();
        text = letters.join("");
        erased();
        return true;
    }

    function clear() {
        if (text === "")
            return false;
        text = "";
        cleared();
        return true;
    }

    function chooseLayout(code) {
        if (Layouts.layouts.hasOwnProperty(code))
            layout = code;
    }

    // A new visit: nothing typed, the layout of the visit's language.
    function reset() {
        text = "";
        layout = startLayout();
        holdTimer.stop();
        refreshShift();
    }

    function startLayout() {
        const code = Layouts.layoutFor(language);
        if (available.indexOf(code) >= 0 || available.length === 0)
            return code;
        return available.find(c => Layouts.layouts.hasOwnProperty(c)) || code;
    }

    function refreshShift() {
        shifted = autoCapitalize && (text === "" || text.endsWith(" ") || text.endsWith("-"));
    }

    onTextChanged: refreshShift()
    onAutoCapitalizeChanged: refreshShift()
    onLanguageChanged: layout = startLayout()
    Component.onCompleted: refreshShift()

    // -- sizes ----------------------------------------------------------------------------------------
    readonly property int pad: Theme.px(10)
    readonly property int maxColumns: 12 // the widest layout's row, in keys
    readonly property real maxUnit: Theme.px(118) // the widest a letter key gets
    readonly property int columns: Layouts.columns(Layouts.layouts[layout] ? layout : "en")
    readonly property real switchKeyWidth: {
        // A binding does not follow what a call reads: reading the font here makes it follow
        // the text size.
        const font = nameMetrics.font;
        const widest = Math.max(0, ...layouts.map(l => nameMetrics.advanceWidth(l.name)));
        return Math.ceil(widest) + 2 * Theme.px(26) + 2 * Math.max(2, Theme.px(4));
    }
    readonly property real gridWidth: Math.min(maxColumns * maxUnit,
        width - 2 * pad - (switchBeside ? switchKeyWidth + Theme.gap : 0))
    readonly property real unit: Math.floor(gridWidth / columns)
    readonly property int rowCount: 4 + (layouts.length > 1 && !switchBeside ? 1 : 0)

    implicitWidth: 2 * pad + switchKeyWidth + Theme.gap + maxColumns * maxUnit
    implicitHeight: 2 * pad + rowCount * keyHeight

    FontMetrics {
        id: nameMetrics
        font.family: Theme.sans
        font.pixelSize: Theme.labelSize
        font.weight: Font.Medium
    }

    Timer {
        id: holdTimer
        property bool repeating: false
        interval: repeating ? kb.repeatInterval : kb.repeatDelay
        repeat: true
        onTriggered: {
            repeating = true;
            if (!kb.erase())
                stop();
        }
        function begin() {
            repeating = false;
            restart();
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.surface
        radius: Theme.radius
        border.width: Theme.borderWidth
        border.color: Theme.line
    }

    Item {
        id: body
        objectName: "keyboardBody"
        width: (kb.switchBeside ? kb.switchKeyWidth + Theme.gap : 0) + keyArea.width
        height: kb.rowCount * kb.keyHeight
        x: Math.round((kb.width - width) / 2)
        y: kb.pad

        Grid {
            id: switcher
            visible: kb.layouts.length > 1
            columns: kb.switchBeside ? 1 : Math.max(1, kb.layouts.length)

            Repeater {
                model: kb.layouts

                KeyboardKey {
                    required property var modelData
                    objectName: "layout_" + modelData.code
                    width: kb.switchBeside ? kb.switchKeyWidth
                        : Math.floor(keyArea.width / kb.layouts.length)
                    height: kb.keyHeight
                    text: modelData.name
                    label: modelData.name
                    labelSize: Theme.labelSize
                    quiet: true
                    selected: kb.layout === modelData.code
                    onClicked: kb.chooseLayout(modelData.code)
                }
            }
        }

        Column {
            id: keyArea
            x: kb.switchBeside ? kb.switchKeyWidth + Theme.gap : 0
            y: switcher.visible && !kb.switchBeside ? kb.keyHeight : 0
            width: kb.unit * kb.columns

            Repeater {
                model: Layouts.rows(Layouts.layouts[kb.layout] ? kb.layout : "en")

                Item {
                    id: keyRow
                    required property var modelData
                    width: keyArea.width
                    height: kb.keyHeight

                    Row {
                        x: Math.round((keyRow.width - width) / 2)

                        Repeater {
                            model: keyRow.modelData

                            KeyboardKey {
                                id: key
                                required property var modelData
                                readonly property string kind: modelData.kind
                                readonly property bool letter: kind === "char"
                                    && modelData.lower.toUpperCase() !== modelData.lower.toLowerCase()

                                objectName: modelData.name
                                width: Math.round(modelData.units * kb.unit)
                                height: kb.keyHeight
                                quiet: !letter && kind !== "space"
                                selected: kind === "shift" && kb.shifted
                                filled: false
                                glyph: kind === "shift" || kind === "backspace" || kind === "space"
                                    ? kind : modelData.lower === "-" ? "hyphen" : ""
                                label: kind === "clear" ? kb.keyNames.clear
                                    : kb.shifted ? modelData.upper : modelData.lower
                                labelSize: kind === "clear" ? Theme.labelSize
                                    : letter ? Theme.subheadingSize
                                    : Theme.headingSize // the apostrophe: a small mark
                                text: letter ? label
                                    : kind === "char" ? (modelData.lower === "'" ? kb.keyNames.apostrophe
                                                                                : kb.keyNames.hyphen)
                                    : kb.keyNames[kind] || ""

                                onPressed: {
                                    if (kind === "backspace") {
                                        kb.erase();
                                        holdTimer.begin();
                                    }
                                }
                                onPressedChanged: {
                                    if (!pressed && kind === "backspace")
                                        holdTimer.stop();
                                }
                                onClicked: {
                                    switch (kind) {
                                    case "char":
                                    case "space":
                                        kb.typeText(kb.shifted ? modelData.upper : modelData.lower);
                                        break;
                                    case "shift":
                                        kb.shifted = !kb.shifted;
                                        break;
                                    case "clear":
                                        kb.clear();
                                        break;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
