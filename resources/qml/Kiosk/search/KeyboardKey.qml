import QtQuick
import QtQuick.Shapes
import QtQuick.Templates as T
import Kiosk

// One key of the NameKeyboard. The whole cell is the touch target (keys touch each other, as on
// any keyboard); the drawn key sits inside it with a small gap. No hover: the pressed state shows
// under the finger (darker face, accent edge), `selected` (shift on, the current layout) fills
// the key with the accent.
//
// glyph: "" (the label is shown), "shift", "backspace", "space" or "hyphen" (drawn: no icon font
// needed, and centred on the key).
T.AbstractButton {
    id: key

    property string label: ""
    property string glyph: ""
    property bool selected: false
    property bool quiet: false // a function key: the surface colour, so the letters lead
    property int labelSize: Theme.subheadingSize
    readonly property int gutter: Math.max(2, Theme.px(4))

    // filled: `selected` fills the key with the accent (the current layout); otherwise a
    // selected key keeps its face and takes an accent edge and ink (shift on: quieter, since it
    // is on at the start of every word).
    property bool filled: true

    readonly property bool marked: selected && !filled
    readonly property color face: selected && filled ? Theme.accent
        : pressed ? Theme.pressed
        : quiet ? Theme.surface : Theme.raised
    readonly property color ink: selected ? (filled ? Theme.onAccent : Theme.accent) : Theme.text

    focusPolicy: Qt.NoFocus
    hoverEnabled: false
    padding: gutter
    topInset: gutter
    bottomInset: gutter
    leftInset: gutter
    rightInset: gutter
    implicitWidth: Math.max(Theme.touchMin, labelText.implicitWidth + 2 * Theme.px(26) + 2 * gutter)
    implicitHeight: Theme.touchMin

    // `text` is what a screen reader says (the letter, or the key's name); `label` what shows.
    Accessible.role: Accessible.Button
    Accessible.name: key.text

    background: Rectangle {
        radius: Theme.radius
        color: key.face
        border.width: key.pressed || key.marked ? Theme.borderWidth * 2 : Theme.borderWidth
        border.color: key.pressed || key.selected ? Theme.accent : Theme.outline
        Rectangle {
            // a selected key darkens a little under the finger
            anchors.fill: parent
            radius: parent.radius
            color: Theme.scrim
            opacity: key.pressed && key.selected && key.filled ? 0.2 : 0
        }
    }

    contentItem: Item {
        KText {
            id: labelText
            anchors.centerIn: parent
            visible: key.glyph === "" && text !== ""
            text: key.label
            color: key.ink
            font.pixelSize: key.labelSize
            font.weight: Font.Medium
            wrapMode: Text.NoWrap
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }

        Shape {
            id: drawn
            readonly property real s: Theme.tx(34) // grows with the text, like the letters
            readonly property real w: Math.max(1.5, s / 12)
            anchors.centerIn: parent
            visible: key.glyph !== ""
            width: key.glyph === "space" ? s * 2.4 : s
            height: s
            preferredRendererType: Shape.CurveRenderer

            ShapePath {
                strokeColor: key.ink
                strokeWidth: drawn.w
                fillColor: key.glyph === "shift" && key.selected ? key.ink : "transparent"
                capStyle: ShapePath.RoundCap
                joinStyle: ShapePath.RoundJoin
                PathSvg {
                    path: {
                        const s = drawn.s;
                        switch (key.glyph) {
                        case "shift": // an outlined arrow up, filled when shift is on
                            return `M ${s * .5} ${s * .1} L ${s * .92} ${s * .52} L ${s * .7} ${s * .52} `
                                 + `L ${s * .7} ${s * .9} L ${s * .3} ${s * .9} L ${s * .3} ${s * .52} `
                                 + `L ${s * .08} ${s * .52} Z`;
                        case "backspace": // a tag pointing left, with a cross
                            return `M ${s * .36} ${s * .18} L ${s * .96} ${s * .18} L ${s * .96} ${s * .82} `
                                 + `L ${s * .36} ${s * .82} L ${s * .04} ${s * .5} Z `
                                 + `M ${s * .52} ${s * .36} L ${s * .8} ${s * .64} `
                                 + `M ${s * .8} ${s * .36} L ${s * .52} ${s * .64}`;
                        case "hyphen": // drawn: the character sits low in its line box
                            return `M ${s * .28} ${s * .54} L ${s * .72} ${s * .54}`;
                        case "space": // the open box of a space
                            return `M ${s * .1} ${s * .5} L ${s * .1} ${s * .78} L ${s * 2.3} ${s * .78} `
                                 + `L ${s * 2.3} ${s * .5}`;
                        default:
                            return "";
                        }
                    }
                }
            }
        }
    }
}
