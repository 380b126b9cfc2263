pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A whole drawn as a bar, its parts as segments of it, and what the source does not break down
// as an outlined remainder with no number. Widths are exact fractions of the whole.
Item {
    id: bar

    property var parts: []
    property real remainder: 0

    implicitHeight: Theme.px(44)

    Rectangle {
        // the remainder (and the whole's outline)
        anchors.fill: parent
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
            height: bar.height
            color: Theme.partColors[index % Theme.partColors.length]
            // a thin gap of background between segments keeps them apart without colour alone
            Rectangle {
                visible: segment.index > 0
                width: Math.max(2, Theme.px(3))
                height: parent.height
                color: Theme.surface
            }
        }
    }
}
