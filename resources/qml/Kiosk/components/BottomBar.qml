import QtQuick
import QtQuick.Layouts
import Kiosk

// The bar at the bottom of every screen: the home button and the screen's own controls sit
// low, within reach of a seated visitor, in portrait as in landscape; larger text and higher
// contrast are there on every screen. When the screen's controls and those two do not fit in
// one row, the reading choices take a row of their own above; when the screen's controls alone
// do not fit with the usual gaps (portrait, larger text, a long language), the gaps close up.
Rectangle {
    id: bar

    default property alias content: row.data
    property alias spacing: row.spacing
    property bool readingChoices: true
    readonly property bool stacked: grid.stacked

    // what the screen's controls need side by side, without their gaps
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

    color: Theme.surface
    implicitHeight: Math.max(Theme.barHeight, grid.implicitHeight + 2 * Theme.px(20))

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.borderWidth
        color: Theme.line
    }
    GridLayout {
        id: grid
        readonly property bool stacked: choices.visible
            && row.implicitWidth + choices.implicitWidth + columnSpacing > width
        anchors {
            fill: parent
            leftMargin: Theme.margin - Theme.px(24)
            rightMargin: Theme.margin - Theme.px(24)
            topMargin: Theme.px(20)
            bottomMargin: Theme.px(20)
        }
        columnSpacing: Theme.gapLarge
        rowSpacing: Theme.gapSmall

        RowLayout {
            id: row
            Layout.row: grid.stacked ? 1 : 0
            Layout.column: 0
            Layout.fillWidth: true
            spacing: bar.needed + (bar.shown - 1) * Theme.gap > grid.width ? Theme.gapSmall : Theme.gap
        }
        ReadingChoices {
            id: choices
            objectName: "readingChoices"
            Layout.row: 0
            Layout.column: grid.stacked ? 0 : 1
            Layout.alignment: (grid.stacked ? Qt.AlignLeft : Qt.AlignRight) | Qt.AlignVCenter
            visible: bar.readingChoices && accessibility !== null
        }
    }
}
