import QtQuick
import QtQuick.Layouts
import Kiosk

// The bar at the bottom of every screen: the home button and the screen's own controls sit
// low, within reach of a seated visitor, in portrait as in landscape.
Rectangle {
    id: bar

    default property alias content: row.data
    property alias spacing: row.spacing

    color: Theme.surface
    implicitHeight: Math.max(Theme.barHeight, row.implicitHeight + 2 * Theme.px(20))

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.borderWidth
        color: Theme.line
    }
    RowLayout {
        id: row
        anchors {
            fill: parent
            leftMargin: Theme.margin - Theme.px(24)
            rightMargin: Theme.margin - Theme.px(24)
            topMargin: Theme.px(20)
            bottomMargin: Theme.px(20)
        }
        // the usual gap, closer where the controls would not fit the bar with it (portrait,
        // larger text, a long language)
        spacing: bar.needed + (bar.shown - 1) * Theme.gap > width ? Theme.gapSmall : Theme.gap
    }

    // what the controls need side by side, gaps apart
    readonly property real needed: {
        let w = 0;
        for (let i = 0; i < row.children.length; ++i) {
            const c = row.children[i];
            if (c.visible)
                w += c.implicitWidth;
        }
        return w;
    }
    readonly property int shown: {
        let n = 0;
        for (let i = 0; i < row.children.length; ++i)
            if (row.children[i].visible)
                n += 1;
        return n;
    }
}
