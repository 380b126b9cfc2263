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
        spacing: Theme.gap
    }
}
