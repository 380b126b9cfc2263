pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// One figure: large, with what it counts and its parts drawn as parts of it. Inert, so flat:
// a quiet panel, never a button's look. Its source is on the screen's one sources line.
// A figure of loss is set in the quiet loss colour, never in the accent (Theme.figureColor).
Rectangle {
    id: card
    objectName: "figureCard"

    required property string label
    required property string valueText
    required property string unit
    required property string description
    required property var parts
    required property bool hasParts
    required property real remainder
    required property string remainderLabel
    required property bool partsExceedWhole
    required property string tone

    color: Theme.panel
    radius: Theme.radius
    border.width: Theme.panelEdgeWidth
    border.color: Theme.panelEdge
    implicitHeight: column.implicitHeight + 2 * Theme.px(36)

    ColumnLayout {
        id: column
        anchors {
            left: parent.left
            right: parent.right
            top: parent.top
            margins: Theme.px(36)
        }
        spacing: Theme.gapSmall

        Row {
            Layout.fillWidth: true
            spacing: Theme.px(14)
            KText {
                id: figure
                objectName: "figureValue"
                text: card.valueText
                color: Theme.figureColor(card.tone)
                font.family: Theme.serif
                font.pixelSize: Theme.figureSize
                lineHeight: 1.0
                wrapMode: Text.NoWrap
            }
            KText {
                // the unit, set on the figure's baseline
                objectName: "figureUnit"
                visible: text !== ""
                y: figure.baselineOffset - baselineOffset
                width: Math.min(implicitWidth, column.width - figure.width - parent.spacing)
                text: card.unit
                color: Theme.figureColor(card.tone)
                font.family: Theme.serif
                font.pixelSize: Theme.subheadingSize
            }
        }
        KText {
            objectName: "figureLabel"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            text: card.label
            font.pixelSize: Theme.subheadingSize
        }
        KText {
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            visible: text !== ""
            text: card.description
            color: Theme.textMuted
            lineHeight: Theme.bodyLineHeight
        }

        PartBar {
            objectName: "partBar"
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap
            visible: card.hasParts
            parts: card.parts
            remainder: card.remainder
            remainderLabel: card.remainderLabel
            tone: card.tone
        }
        KText {
            Layout.fillWidth: true
            visible: card.partsExceedWhole
            text: qsTr("The parts overlap: together they add up to more than the whole.")
            color: Theme.textMuted
            font.pixelSize: Theme.metaSize
        }
    }
}
