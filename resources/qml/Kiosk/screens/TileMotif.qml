pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A quiet line drawing for each home tile, in the accent colour: lines of text (history),
// a line with moments on it (timeline), a whole and its parts (in numbers), a candle (memorial).
Item {
    id: motif

    property string kind: "history"
    readonly property real u: height / 8
    readonly property color ink: Theme.accent
    readonly property real stroke: Math.max(2, Theme.px(3))

    implicitWidth: Theme.px(128)
    implicitHeight: Theme.px(64)

    // history: the lines of a page
    Repeater {
        model: motif.kind === "history" ? 4 : 0
        Rectangle {
            required property int index
            x: 0
            y: motif.u * (1 + index * 2)
            width: motif.width * [1, 0.86, 0.94, 0.55][index]
            height: motif.stroke
            radius: height / 2
            color: motif.ink
            opacity: index === 0 ? 1 : 0.7
        }
    }

    // timeline: an axis and its moments
    Rectangle {
        visible: motif.kind === "timeline"
        y: motif.height / 2 - height / 2
        width: motif.width
        height: motif.stroke
        color: motif.ink
        opacity: 0.7
    }
    Repeater {
        model: motif.kind === "timeline" ? 4 : 0
        Rectangle {
            required property int index
            readonly property real d: motif.u * (index === 2 ? 2.4 : 1.6)
            x: motif.width * [0.06, 0.34, 0.6, 0.88][index] - d / 2
            y: motif.height / 2 - d / 2
            width: d
            height: d
            radius: d / 2
            color: index === 2 ? motif.ink : Theme.raised
            border.width: motif.stroke
            border.color: motif.ink
        }
    }

    // in numbers: a whole, and parts of it
    Rectangle {
        visible: motif.kind === "numbers"
        y: motif.height / 2 - height / 2
        width: motif.width
        height: motif.u * 3
        radius: Theme.px(3)
        color: "transparent"
        border.width: motif.stroke
        border.color: motif.ink
        Row {
            x: 0
            height: parent.height
            Repeater {
                model: [0.28, 0.16, 0.18]
                Rectangle {
                    required property real modelData
                    required property int index
                    width: motif.width * modelData
                    height: parent.height
                    color: Theme.partColors[index]
                }
            }
        }
    }

    // memorial: a small candle
    CandleGraphic {
        visible: motif.kind === "memorial"
        x: motif.height * 0.2
        width: motif.height * 0.62
        height: motif.height * 1.2
        y: motif.height - height
        lit: true
    }
}
