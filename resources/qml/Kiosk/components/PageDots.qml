pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Where the visitor is, as a row of marks (not a control: the buttons beside it are).
Row {
    id: dots

    property int count: 0
    property int current: 0

    spacing: Theme.px(8)
    enabled: false

    Repeater {
        model: dots.count
        Rectangle {
            required property int index
            width: index === dots.current ? Theme.px(28) : Theme.px(10)
            height: Theme.px(10)
            radius: height / 2
            color: index === dots.current ? Theme.accent : Theme.outline
            Behavior on width { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }
        }
    }
}
