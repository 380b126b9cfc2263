import QtQuick
import QtQuick.Layouts
import Kiosk

// A quiet panel for one of the visitor's acts on the memorial screen.
Rectangle {
    id: card

    default property alias content: column.data

    color: Theme.surface
    radius: Theme.radius
    border.width: Theme.borderWidth
    border.color: Theme.line
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
