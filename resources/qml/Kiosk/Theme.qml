pragma Singleton
import QtQuick

// Every colour, size and duration of the visitor screens. No screen hard-codes a pixel size or
// a colour: sizes scale with the window's SHORT side (1080 px = 1.0), so a portrait 1080x1920
// screen shows the same physical sizes as a landscape 1920x1080 one, and with sizeScale, which
// says how much smaller than the design's 32-inch panel the screen is (its physical size, or
// ui_scale in kiosk.toml; kiosk.ui.runtime.screenfit.size_scale).
QtObject {
    id: theme

    // Set by Main.qml.
    property real shortSide: 1080
    property bool highContrast: false
    property real textScale: 1.0 // 1.3 in large text mode
    property real sizeScale: 1.0 // 0.75 to 1.25
    property bool motion: true // calm fades and the flame; off for screenshots and tests

    readonly property real scale: Math.max(0.5, shortSide / 1080 * sizeScale)

    function px(v) {
        return Math.round(v * scale);
    }
    function tx(v) {
        return Math.round(v * scale * textScale);
    }

    // -- colour: a dark, quiet palette with one warm, candle-like accent ------------------------
    readonly property color background: highContrast ? "#000000" : "#13110f"
    readonly property color surface: highContrast ? "#000000" : "#1c1a17"
    readonly property color raised: highContrast ? "#000000" : "#27241f"
    // An inert card (a figure, a remembrance act): a flat, quiet fill and a thin, quiet edge,
    // never a button's look (no control fill, no control outline, even in high contrast,
    // where a button's edge is white and a card's a mid grey).
    readonly property color panel: surface
    readonly property color panelEdge: highContrast ? "#767676" : "#3f3a33"
    readonly property real panelEdgeWidth: Math.max(1, px(2))
    readonly property color text: highContrast ? "#ffffff" : "#ede6db"
    readonly property color textMuted: highContrast ? "#ffffff" : "#c6bdb0"
    readonly property color accent: highContrast ? "#ffd27a" : "#e2b36a"
    readonly property color onAccent: highContrast ? "#000000" : "#191105"
    readonly property color line: highContrast ? "#ffffff" : "#3f3a33"
    // the edge of an inert graphic (a bar's whole, a candle's base)
    readonly property color outline: highContrast ? "#ffffff" : "#5c554b"
    // What can be touched, and only that: a fill that stands apart from the bar and the
    // background, and an edge at least 3:1 against all of them (WCAG 1.4.11). A pressed
    // control sinks (darker), so its text still reads.
    readonly property color control: highContrast ? "#333333" : "#312d27"
    readonly property color controlOutline: highContrast ? "#ffffff" : "#a39885"
    readonly property color pressed: highContrast ? "#1a1a1a" : "#24211c"
    readonly property color scrim: "#000000"
    // A figure of loss: a quiet, cool stone, never the warm accent (which stays for context
    // figures and for what can be touched). figureColor(tone) picks a figure's colour.
    readonly property color loss: highContrast ? "#ffffff" : "#d4d0c8"
    readonly property real borderWidth: highContrast ? Math.max(2, px(3)) : Math.max(1, px(2))
    // Where text goes on past an edge, a fade into the background says so; in high contrast a
    // fade would grey the text under it, so the text is cut at the edge instead (and a
    // ReadingPane draws a line there).
    readonly property bool edgeFades: !highContrast

    // Parts of a whole: distinct warm tones, each at least 3:1 against the background.
    readonly property var partColors: highContrast
        ? ["#ffd27a", "#ffffff", "#9fd0ff", "#ffa0a0", "#b8f0a8"]
        : ["#e2b36a", "#c98b54", "#efdcb8", "#a9927a", "#d7a28f"]

    // The parts of a figure of loss: quiet greys, light and dark by turns, each at least 3:1
    // against the card; a part is named by its own label, never by its colour alone.
    readonly property var lossPartColors: highContrast
        ? ["#ffffff", "#9e9e9e", "#d6d6d6", "#7a7a7a", "#ebebeb"]
        : ["#dcd7cf", "#8f897f", "#bdb7ad", "#7d786f", "#efebe4"]

    function figureColor(tone) {
        return tone === "context" ? accent : loss;
    }
    function partColorsFor(tone) {
        return tone === "context" ? partColors : lossPartColors;
    }

    // The drawn candle (CandleGraphic): flame from its tip down, wick, wax from left to right.
    // An illustration, not text: the same in both contrast modes.
    readonly property var flameColors: ["#fff6df", "#f4c874", "#d98a3a"]
    readonly property color wick: "#2b2520"
    readonly property var waxColors: ["#cfc4b2", "#efe7da", "#b9ad99"]

    // Foreground/background pairs a visitor reads; a test checks each is at least 7:1.
    readonly property var contrastPairs: [
        ["text", "background"], ["text", "surface"], ["text", "raised"], ["text", "pressed"],
        ["textMuted", "background"], ["textMuted", "surface"], ["textMuted", "raised"],
        ["accent", "background"], ["accent", "surface"], ["accent", "raised"],
        ["loss", "background"], ["loss", "surface"], ["loss", "raised"],
        ["text", "control"], ["textMuted", "control"], ["accent", "control"],
        ["textMuted", "pressed"], ["accent", "pressed"],
        ["text", "panel"], ["textMuted", "panel"], ["accent", "panel"], ["loss", "panel"],
        ["onAccent", "accent"]
    ]
    // A control's edge against everything it can sit on or be filled with: at least 3:1.
    readonly property var outlinePairs: [
        ["controlOutline", "background"], ["controlOutline", "surface"],
        ["controlOutline", "raised"], ["controlOutline", "control"], ["controlOutline", "pressed"]
    ]

    // -- type: serif headings, sans body; body >= 28 px at 1080p --------------------------------
    readonly property string serif: "Noto Serif"
    readonly property string sans: "Noto Sans"
    readonly property int displaySize: tx(76)
    readonly property int figureSize: tx(100)
    readonly property int titleSize: tx(56)
    readonly property int headingSize: tx(42)
    readonly property int subheadingSize: tx(34)
    readonly property int bodySize: tx(30)
    readonly property int metaSize: tx(28)
    readonly property int labelSize: tx(30)
    readonly property real bodyLineHeight: 1.4
    // A reading column of about 58 characters of body text (in ems of the body size).
    readonly property real measure: bodySize * 29

    // -- space and touch: targets >= 80 px at 1080p ---------------------------------------------
    readonly property int touchMin: px(88)
    readonly property int gapSmall: px(12)
    readonly property int gap: px(24)
    readonly property int gapLarge: px(48)
    readonly property int margin: px(72)
    readonly property int barHeight: px(128)
    readonly property int radius: px(6)
    // The share of a portrait screen, from its bottom edge, that a seated visitor reaches
    // (ADA 308: 38 to 122 cm above the floor). A 32-inch 16:9 panel in portrait shows
    // 70.8 x 39.9 cm; on a typical stand its picture starts about 80 cm above the floor, so
    // everything above 122 - 80 = 42 cm of its 70.8 cm, the top 41 %, is out of reach.
    // Home's tiles and every control stay in the lower 59 %.
    readonly property real seatedReach: 0.59
    // icons stand beside words, so they grow with the text (large text mode too)
    readonly property int iconSize: tx(30)

    // -- time -----------------------------------------------------------------------------------
    readonly property int fadeMs: motion ? 450 : 0
    readonly property int slowFadeMs: motion ? 1600 : 0
}
