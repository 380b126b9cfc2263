import QtQuick
import QtQuick.Layouts
import QtQuick.Templates as T
import Kiosk

// A large home tile: a quiet drawing, a serif name and one line on what is inside.
// Upright (landscape, four in a row) or lying (portrait, one above the other).
T.AbstractButton {
    id: tile

    property string description: ""
    property string motif: "history"
    property bool lying: false

    focusPolicy: Qt.NoFocus
    hoverEnabled: false
    padding: Theme.px(36)
    // lying tiles share the band a seated visitor reaches: less air above and below the words
    topPadding: lying ? Theme.px(20) : padding
    bottomPadding: lying ? Theme.px(20) : padding
    implicitWidth: Math.max(Theme.touchMin, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(Theme.touchMin * 2, implicitContentHeight + topPadding + bottomPadding)

    contentItem: GridLayout {
        columns: tile.lying ? 2 : 1
        columnSpacing: Theme.gapLarge
        rowSpacing: Theme.gap

        TileMotif {
            Layout.alignment: tile.lying ? Qt.AlignVCenter : Qt.AlignTop | Qt.AlignLeft
            Layout.preferredWidth: Theme.px(150)
            Layout.preferredHeight: Theme.px(76)
            Layout.bottomMargin: tile.lying ? 0 : Theme.gap
            kind: tile.motif
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: !tile.lying
            Layout.alignment: tile.lying ? Qt.AlignVCenter : Qt.AlignTop
            spacing: Theme.gapSmall
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
            Item {
                Layout.fillHeight: true
            }
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: tile.pressed ? Theme.pressed : Theme.control
        border.width: Theme.borderWidth
        border.color: Theme.controlOutline
    }
}
