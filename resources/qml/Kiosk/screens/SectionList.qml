pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Templates as T
import Kiosk.Backend
import Kiosk

// Where the visitor is in the history: every section by number and title, the current one
// marked; a tap goes to that section (a sensitive one shows its advisory first, as always).
// It scrolls when the sections are more than fit, keeping the current one in view.
//
// Its edge never rests across a row's letters: where the program scrolls it (to the current
// section), the top edge is at the top of a row whenever that keeps the current row whole;
// and a row its edge still crosses (rows come in any height, so the list is seldom a whole
// number of them high) shows its box, saying there is more, but not its half-cut words.
// The visitor's flick is free; once the list rests, the same holds wherever it stopped.
ListView {
    id: list

    required property ContentController content
    required property HistoryController history

    objectName: "sectionList"
    model: content.sections
    spacing: Theme.gapSmall
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    interactive: contentHeight > height
    currentIndex: history.index
    highlightFollowsCurrentItem: false
    // an estimate from the count (a ListView's contentHeight is itself an estimate, and
    // binding to it loops): one line of title per row
    readonly property real rowEstimate: Math.max(Theme.touchMin, Theme.labelSize * 1.4 + Theme.px(28))
    implicitHeight: count * (rowEstimate + spacing)
    // True from a visitor's flick until the program next scrolls the list: their place in it
    // then stays where they left it when rows change height (text size, language).
    property bool movedByVisitor: false

    // Scroll just enough to show the current row whole, then down to the next row's top if
    // the top edge crosses a row above the current one (never past the end of the list).
    function rest() {
        movedByVisitor = false;
        if (currentIndex < 0 || height <= 0)
            return;
        positionViewAtIndex(currentIndex, ListView.Contain);
        const top = indexAt(width / 2, contentY + 1);
        const crossed = top >= 0 && top < currentIndex ? itemAtIndex(top) : null;
        const next = crossed !== null && crossed.y < contentY - 0.5 ? itemAtIndex(top + 1) : null;
        if (next !== null && next.y <= originY + contentHeight - height + 0.5)
            contentY = next.y;
    }

    onCurrentIndexChanged: Qt.callLater(rest)
    onHeightChanged: Qt.callLater(rest)
    onContentHeightChanged: if (!moving && !movedByVisitor) Qt.callLater(rest)
    onMovementStarted: movedByVisitor = true

    delegate: T.AbstractButton {
        id: entry

        required property int index
        required property int number
        required property string title
        readonly property bool current: index === list.currentIndex
        // wholly inside the list (not crossed by its top or bottom edge)
        readonly property bool whole: y >= list.contentY - 0.5 && y + height <= list.contentY + list.height + 0.5

        objectName: "sectionEntry_" + number
        width: list.width
        focusPolicy: Qt.NoFocus
        hoverEnabled: false
        padding: Theme.px(14)
        leftPadding: Theme.px(22)
        rightPadding: Theme.px(22)
        implicitHeight: Math.max(Theme.touchMin, implicitContentHeight + topPadding + bottomPadding)
        onClicked: list.history.goTo(index)

        contentItem: RowLayout {
            spacing: Theme.px(16)
            opacity: entry.whole || list.moving ? 1 : 0
            Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }
            KText {
                Layout.alignment: Qt.AlignVCenter
                Layout.preferredWidth: Theme.tx(36)
                text: Number(entry.number).toLocaleString(Qt.locale(), "f", 0)
                color: entry.current ? Theme.accent : Theme.textMuted
                font.pixelSize: Theme.labelSize
                font.weight: entry.current ? Font.DemiBold : Font.Normal
                wrapMode: Text.NoWrap
            }
            KText {
                objectName: "sectionEntryTitle"
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                text: entry.title
                color: entry.current ? Theme.accent : Theme.text
                font.pixelSize: Theme.labelSize
                font.weight: entry.current ? Font.DemiBold : Font.Normal
            }
        }

        background: Rectangle {
            radius: Theme.radius
            color: entry.pressed ? Theme.pressed : Theme.control
            border.width: entry.current ? Theme.borderWidth * 2 : Theme.borderWidth
            border.color: entry.current ? Theme.accent : Theme.controlOutline
        }
    }
}
