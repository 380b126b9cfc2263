import QtQuick
import QtQuick.Layouts
import QtQuick.Templates as T
import Kiosk

// One event on the timeline: its date, title and the start of its text; a tap opens it.
// Light by design (a few texts, no image): 10,000 of these scroll without Python.
T.AbstractButton {
    id: card

    required property int index
    required property string title
    required property string excerpt
    required property string dateText
    required property string era
    required property bool eraStart
    property real axisY: height - Theme.px(40)

    focusPolicy: Qt.NoFocus
    hoverEnabled: false

    // the era marker: a line and the era's name where a new era begins
    Rectangle {
        visible: card.eraStart
        x: 0
        y: 0
        width: Theme.borderWidth
        height: card.axisY
        color: Theme.accent
    }
    KText {
        id: eraLabel
        objectName: "eraLabel"
        visible: card.eraStart
        x: Theme.px(20)
        y: 0
        width: card.width - Theme.px(28)
        text: card.era
        color: Theme.accent
        font.pixelSize: Theme.metaSize
        font.weight: Font.DemiBold
        maximumLineCount: 1
        elide: Text.ElideRight
        elideByDesign: true
    }

    Rectangle {
        id: panel
        x: Theme.px(20)
        y: Theme.px(20) + eraLabel.font.pixelSize * 1.6
        width: card.width - Theme.px(40)
        height: card.axisY - y - Theme.px(36)
        radius: Theme.radius
        color: card.pressed ? Theme.pressed : Theme.control
        border.width: Theme.borderWidth
        border.color: Theme.controlOutline

        ColumnLayout {
            anchors {
                fill: parent
                margins: Theme.px(28)
            }
            spacing: Theme.gapSmall

            KText {
                objectName: "eventDate"
                Layout.fillWidth: true
                visible: text !== ""
                text: card.dateText
                color: Theme.accent
                font.pixelSize: Theme.subheadingSize
                maximumLineCount: 2
                elide: Text.ElideRight
                elideByDesign: true
            }
            KText {
                objectName: "eventTitle"
                Layout.fillWidth: true
                text: card.title
                font.family: Theme.serif
                font.pixelSize: Theme.headingSize
                lineHeight: 1.1
                maximumLineCount: 3
                elide: Text.ElideRight
                elideByDesign: true
            }
            KText {
                objectName: "eventExcerpt"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 0
                text: card.excerpt
                color: Theme.textMuted
                lineHeight: Theme.bodyLineHeight
                elide: Text.ElideRight
                elideByDesign: true
                // where not even one line fits (a short screen, large text), none is shown
                opacity: height >= font.pixelSize * lineHeight ? 1 : 0
            }
            KText {
                Layout.fillWidth: true
                text: qsTr("Tap to read")
                color: Theme.accent
                font.pixelSize: Theme.metaSize
                maximumLineCount: 1
                elide: Text.ElideRight
                elideByDesign: true
            }
        }
    }

    // the axis dot under the card
    Rectangle {
        width: Theme.px(18)
        height: width
        radius: width / 2
        x: panel.x + Theme.px(28)
        y: card.axisY - height / 2
        color: Theme.accent
    }
}
