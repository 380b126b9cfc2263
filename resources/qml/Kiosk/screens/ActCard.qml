import QtQuick
import QtQuick.Layouts
import Kiosk

// A quiet panel for one of the visitor's acts on the memorial screen: flat and inert (only
// the buttons inside it look touchable).
Rectangle {
    id: card

    default property alias content: column.data

    color: Theme.panel
    radius: Theme.radius
    border.width: Theme.panelEdgeWidth
    border.color: Theme.panelEdge
    implicitHeight: column.implicitHeight + 2 * Theme.px(36)
    implicitWidth: column.implicitWidth + 2 * Theme.px(36)

    ColumnLayout {
        id: column
        anchors {
            left: parent.left
            right: parent.right
            bottom: parent.bottom
            margins: Theme.px(36)
        }
        spacing: Theme.gap
    }
}
