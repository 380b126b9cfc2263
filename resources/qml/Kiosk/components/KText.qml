import QtQuick
import Kiosk

// All visitor text: plain text only (rich text formats can fetch URLs), wrapped at words,
// left-aligned, never justified. Set elideByDesign on the few texts meant to be shortened
// (a card's excerpt): the layout test allows elision only there.
Text {
    property bool elideByDesign: false

    textFormat: Text.PlainText
    color: Theme.text
    font.family: Theme.sans
    font.pixelSize: Theme.bodySize
    wrapMode: Text.Wrap
    horizontalAlignment: Text.AlignLeft
}
