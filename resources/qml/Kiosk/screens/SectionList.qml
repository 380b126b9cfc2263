pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Templates as T
import Kiosk.Backend
import Kiosk

// Where the visitor is in the history: every section by number and title, the current one
// marked; a tap goes to that section (a sensitive one shows its advisory first, as always).
// It scrolls when the sections are more than fit, keeping the current one in view.
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
    onCurrentIndexChanged: positionViewAtIndex(currentIndex, ListView.Contain)
    onHeightChanged: positionViewAtIndex(currentIndex, ListView.Contain)

    delegate: T.AbstractButton {
        id: entry

        required property int index
        required property int number
        required property string title
        readonly property bool current: index === list.currentIndex

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
                objectName: "sectionEntryTitle"
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                text: entry.title
                color: entry.current ? Theme.accent : Theme.text
                font.pixelSize: Theme.labelSize
                font.weight: entry.current ? Font.DemiBold : Font.Normal
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
