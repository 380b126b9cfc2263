import QtQuick
import Kiosk

// Where a text comes from: the source's name, and its note where there is room to read it, in
// roman type (long italic is hard to read) and no wider than the reading column it sits in.
Column {
    id: note

    property string source: ""
    property string detail: ""

    visible: source !== ""
    spacing: Theme.px(6)
    topPadding: Theme.gap

    Rectangle {
        width: Theme.px(56)
        height: Theme.borderWidth
        color: Theme.line
    }
    KText {
        width: note.width
        text: qsTr("Source: %1").arg(note.source)
        color: Theme.textMuted
        font.pixelSize: Theme.metaSize
    }
    KText {
        width: note.width
        visible: text !== ""
        text: note.detail
        color: Theme.textMuted
        font.pixelSize: Theme.metaSize
        lineHeight: 1.25
    }
}
