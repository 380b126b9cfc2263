pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A whole drawn as a bar, its parts as segments of it, and what the source does not break down
// as an outlined remainder with no number. Widths are exact fractions of the whole.
//
// Each part is labelled directly, never by its colour alone: a thin line drops from the middle
// of its segment to its number and name below the bar. Labels that would collide step down a
// row (a staircase), placed from the right so that no line ever crosses another label.
Item {
    id: bar

    property var parts: []
    property real remainder: 0
    // what the remainder is (the curator's words); empty: the program's own
    property string remainderLabel: ""
    property string tone: "loss"

    readonly property var colours: Theme.partColorsFor(tone)
    readonly property real barHeight: Theme.px(40)
    readonly property real tickWidth: Math.max(2, Theme.px(2))
    readonly property real labelPad: Theme.px(14) // from the line to the words beside it
    // one callout per part, then the remainder: where its segment's middle is, and its words
    readonly property var callouts: {
        const out = [];
        for (let i = 0; i < parts.length; ++i) {
            const p = parts[i];
            out.push({ centre: p.offset + p.fraction / 2, valueText: p.valueText, label: p.label, rest: false, colour: colours[i % colours.length] });
        }
        if (remainder > 0)
            out.push({ centre: 1 - remainder / 2, valueText: "", label: remainderLabel !== "" ? remainderLabel : qsTr("Others, not recorded by group"), rest: true, colour: Theme.outline });
        return out;
    }
    // per callout: x, y of its words and where its line ends (set by place())
    property var placement: []
    property real labelsHeight: 0

    implicitHeight: barHeight + labelsHeight

    onWidthChanged: Qt.callLater(bar.place)
    onCalloutsChanged: Qt.callLater(bar.place)
    Component.onCompleted: Qt.callLater(bar.place)

    function place() {
        const n = labels.count;
        const items = [];
        for (let i = 0; i < n; ++i) {
            const it = labels.itemAt(i);
            if (!it)
                return; // not all made yet: placed again when they are
            items.push(it);
        }
        const gapX = Theme.gap;
        const spans = []; // per callout: tick, x, w, row
        for (let i = 0; i < n; ++i) {
            const w = Math.min(items[i].implicitWidth, bar.width);
            const tick = Math.max(bar.tickWidth / 2, Math.min(bar.width - bar.tickWidth / 2, callouts[i].centre * bar.width));
            spans.push({ tick: tick, x: Math.max(0, Math.min(tick - bar.tickWidth / 2, bar.width - w)), w: w, row: -1 });
        }
        function fits(i, r) {
            const a = spans[i];
            for (let j = i + 1; j < n; ++j) {
                const b = spans[j];
                if (b.row === r && a.x < b.x + b.w + gapX && b.x < a.x + a.w + gapX)
                    return false; // the words of two parts on one row
                if (b.row > r && b.tick > a.x - gapX / 2 && b.tick < a.x + a.w + gapX / 2)
                    return false; // a lower label's line would cross these words
                if (b.row < r && a.tick > b.x - gapX / 2 && a.tick < b.x + b.w + gapX / 2)
                    return false; // this line would cross the words of a higher label
            }
            return true;
        }
        let rows = 0;
        for (let i = n - 1; i >= 0; --i) {
            let r = 0;
            while (r < n && !fits(i, r))
                ++r;
            spans[i].row = r;
            rows = Math.max(rows, r + 1);
        }
        const heights = [];
        for (let r = 0; r < rows; ++r)
            heights.push(0);
        for (let i = 0; i < n; ++i)
            heights[spans[i].row] = Math.max(heights[spans[i].row], items[i].implicitHeight);
        const tops = [];
        let y = bar.barHeight + Theme.gapSmall;
        for (let r = 0; r < rows; ++r) {
            tops.push(y);
            y += heights[r] + Theme.gapSmall;
        }
        const out = [];
        for (let i = 0; i < n; ++i) {
            const s = spans[i];
            const top = tops[s.row];
            // a line at the words' left edge runs down beside them; one moved in from the
            // right edge stops just above them
            const beside = s.tick - s.x <= bar.tickWidth;
            out.push({ x: s.x, y: top, w: s.w, tick: s.tick, tickEnd: beside ? top + items[i].implicitHeight : top - Theme.gapSmall / 2 });
        }
        placement = out;
        labelsHeight = rows > 0 ? y - bar.barHeight : 0;
    }

    Rectangle {
        // the remainder (and the whole's outline)
        width: parent.width
        height: bar.barHeight
        color: "transparent"
        radius: Theme.radius
        border.width: Theme.borderWidth
        border.color: Theme.outline
    }
    Repeater {
        model: bar.parts
        Rectangle {
            id: segment
            required property var modelData
            required property int index
            x: Math.round(modelData.offset * bar.width)
            width: Math.max(1, Math.round((modelData.offset + modelData.fraction) * bar.width) - x)
            height: bar.barHeight
            color: bar.colours[index % bar.colours.length]
            // a thin gap of background between segments keeps them apart without colour alone
            Rectangle {
                visible: segment.index > 0
                width: Math.max(2, Theme.px(3))
                height: parent.height
                color: Theme.surface
            }
        }
    }

    // the lines from each segment to its words
    Repeater {
        model: bar.callouts.length
        Rectangle {
            required property int index
            readonly property var at: bar.placement[index]
            visible: at !== undefined
            x: at ? Math.round(at.tick - bar.tickWidth / 2) : 0
            y: bar.barHeight
            width: bar.tickWidth
            height: at ? Math.max(0, at.tickEnd - bar.barHeight) : 0
            color: bar.callouts[index].rest ? Theme.outline : bar.callouts[index].colour
        }
    }

    Repeater {
        id: labels
        model: bar.callouts
        Column {
            id: callout
            objectName: modelData.rest ? "remainderCallout" : "partCallout"
            required property var modelData
            required property int index
            readonly property var at: bar.placement[index]
            readonly property real wordsWidth: Math.min(Theme.bodySize * 10, bar.width - bar.labelPad)
            x: at ? at.x : 0
            y: at ? at.y : bar.barHeight
            visible: at !== undefined
            leftPadding: bar.labelPad
            onImplicitWidthChanged: Qt.callLater(bar.place)
            onImplicitHeightChanged: Qt.callLater(bar.place)

            KText {
                objectName: "partValue"
                visible: text !== ""
                width: Math.min(implicitWidth, callout.wordsWidth)
                text: callout.modelData.valueText
                color: Theme.figureColor(bar.tone)
                font.family: Theme.serif
                font.pixelSize: Theme.subheadingSize
                wrapMode: Text.NoWrap
                lineHeight: 1.0
            }
            KText {
                objectName: callout.modelData.rest ? "remainderLabel" : "partLabel"
                width: Math.min(implicitWidth, callout.wordsWidth)
                text: callout.modelData.label
                color: callout.modelData.rest ? Theme.textMuted : Theme.text
                font.pixelSize: Theme.bodySize
            }
        }
    }
}
