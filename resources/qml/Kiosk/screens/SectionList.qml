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
// Its edge never rests across a row's letters. Rows come in any height, so the list is seldom
// a whole number of them high and some row often meets an edge: where the program scrolls it
// (to the current section), one edge is at a row's boundary and the row the other edge
// crosses shows as little of itself as can be (see rest()); a row an edge crosses shows its
// box, saying there is more, and its words only where they are wholly inside. The visitor's
// flick is free (words show while the list moves); once it rests, the same holds wherever it
// stopped.
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
    property bool resting: false  // within rest(): what it moves does not call it again

    // rows within a screen of the view exist, so rest() can weigh the positions near it
    cacheBuffer: Math.ceil(height)

    // Show the current row whole, with an edge at a row's boundary (or the list's end) and as
    // little as can be of the row the other edge crosses; between equals, the nearest place.
    function rest() {
        movedByVisitor = false;
        if (currentIndex < 0 || height <= 0 || resting)
            return;
        resting = true;
        const was = contentY;
        positionViewAtIndex(currentIndex, ListView.Contain);
        const current = itemAtIndex(currentIndex);
        if (current === null || current.height > height) {
            resting = false;
            return;
        }
        const rows = [current];  // the rows within a screen of the current one, in order
        for (let i = currentIndex - 1; i >= 0 && itemAtIndex(i) !== null && rows[0].y > current.y - height; --i)
            rows.unshift(itemAtIndex(i));
        for (let i = currentIndex + 1; i < count && itemAtIndex(i) !== null && rows[rows.length - 1].y < current.y + current.height + height; ++i)
            rows.push(itemAtIndex(i));
        // how much of the rows the edges cross shows with the view's top at ``y`` (a function
        // of rest() itself: rest() may run once the screen is being unloaded, when a
        // QML-declared function of the list no longer can)
        const crossedAt = y => rows.reduce((shown, row) => {
            const inside = Math.min(row.y + row.height, y + height) - Math.max(row.y, y);
            const crossed = row.y < y - 0.5 || row.y + row.height > y + height + 0.5;
            return shown + (inside > 0.5 && crossed ? inside : 0);
        }, 0);
        const low = originY, high = Math.max(originY, originY + contentHeight - height);
        // where the rows near it are known (the list's ends are known anyway)
        const known = [rows[0].index === 0 ? low : rows[0].y,
                       rows[rows.length - 1].index === count - 1 ? high + height : rows[rows.length - 1].y + rows[rows.length - 1].height];
        let best = contentY, least = Infinity;  // (Contain's place, should no other do)
        for (const row of rows) {
            for (const edge of [row.y, row.y + row.height - height]) {
                const y = Math.min(Math.max(edge, low), high);
                const whole = y <= current.y + 0.5 && y + height >= current.y + current.height - 0.5;
                if (!whole || y < known[0] - 0.5 || y + height > known[1] + 0.5)
                    continue;
                const shown = crossedAt(y);
                if (shown < least - 0.5 || (shown < least + 0.5 && Math.abs(y - was) < Math.abs(best - was))) {
                    best = y;
                    least = shown;
                }
            }
        }
        contentY = best;
        resting = false;
    }

    // at once, within the frame's layout, so that no frame shows the list anywhere else (and
    // the tests' settle() sees it done); rows taller with a larger text or another language
    // change contentHeight
    onCurrentIndexChanged: rest()
    onHeightChanged: rest()
    onContentHeightChanged: if (!moving && !movedByVisitor) rest()
    onMovementStarted: movedByVisitor = true

    delegate: T.AbstractButton {
        id: entry

        required property int index
        required property int number
        required property string title
        readonly property bool current: index === list.currentIndex
        // its words wholly inside the list: they show even when the edge crosses the row's box
        // below or above them (a large text's tall row), never cut through
        readonly property real wordsMiddle: y + topPadding + availableHeight / 2
        readonly property bool wordsWhole: wordsMiddle - title.contentHeight / 2 >= list.contentY - 0.5
                                           && wordsMiddle + title.contentHeight / 2 <= list.contentY + list.height + 0.5

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
            opacity: entry.wordsWhole || list.moving ? 1 : 0
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
                id: title
                objectName: "sectionEntryTitle"
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                // as high as in bold: a row keeps its height when it becomes the current one
                // (bold is wider and can take another line), so the list does not shift
                Layout.preferredHeight: Math.max(implicitHeight, boldTwin.implicitHeight)
                verticalAlignment: Text.AlignVCenter
                text: entry.title
                color: entry.current ? Theme.accent : Theme.text
                font.pixelSize: Theme.labelSize
                font.weight: entry.current ? Font.DemiBold : Font.Normal

                KText {
                    id: boldTwin
                    visible: false
                    width: title.width
                    text: title.text
                    font.pixelSize: title.font.pixelSize
                    font.weight: Font.DemiBold
                }
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
