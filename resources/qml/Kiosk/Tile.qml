import QtQuick
import QtQuick.Layouts
import QtQuick.Templates as T

// A large home tile: a serif name and one line on what is inside.
T.AbstractButton {
    id: tile

    property string description: ""
    property int number: 0

    focusPolicy: Qt.NoFocus
    hoverEnabled: false
    padding: Theme.px(32)
    implicitWidth: Math.max(Theme.touchMin, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(Theme.touchMin * 2, implicitContentHeight + topPadding + bottomPadding)

    contentItem: ColumnLayout {
        spacing: Theme.gapSmall
        Rectangle {
            Layout.preferredWidth: Theme.px(56)
            Layout.preferredHeight: Theme.borderWidth * 2
            Layout.bottomMargin: Theme.gapSmall
            color: Theme.accent
        }
        KText {
            Layout.fillWidth: true
            text: tile.text
            font.family: Theme.serif
            font.pixelSize: Theme.headingSize
            lineHeight: 1.1
        }
        KText {
            Layout.fillWidth: true
            visible: text !== ""
            text: tile.description
            color: Theme.textMuted
            font.pixelSize: Theme.metaSize
        }
        Item { Layout.fillHeight: true }
    }

    background: Rectangle {
        radius: Theme.radius
        color: tile.pressed ? Theme.pressed : Theme.raised
        border.width: Theme.borderWidth
        border.color: Theme.outline
    }
}
