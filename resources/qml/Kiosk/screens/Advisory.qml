import QtQuick
import QtQuick.Layouts
import Kiosk

// Before a sensitive section: what is ahead, in the bundle's plain words, and two equal
// choices. Neither choice traps: skipping the last section leads home.
Item {
    id: advisory

    property string title: ""
    property string advisory: ""
    property bool hasNext: true

    signal read()
    signal skip()

    ColumnLayout {
        anchors {
            fill: parent
            bottomMargin: Theme.gap
        }
        spacing: Theme.gap

        Item { Layout.fillHeight: true }

        // the words, centred in the room there is; where there is too little (a small screen,
        // large text), they scroll and the choices stay in view below
        ReadingPane {
            id: words
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: Theme.measure
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: naturalHeight
            Layout.maximumHeight: naturalHeight
            Layout.minimumHeight: Math.min(naturalHeight, Theme.touchMin * 2)
            spacing: Theme.gap

            Eyebrow {
                width: words.width
                text: qsTr("Before you read")
            }
            Heading {
                width: words.width
                text: advisory.title
                font.pixelSize: Theme.headingSize
            }
            KText {
                objectName: "advisoryText"
                width: words.width
                text: advisory.advisory !== "" ? advisory.advisory
                    : qsTr("This section describes violence in detail.")
                lineHeight: Theme.bodyLineHeight
            }
            KText {
                width: words.width
                text: qsTr("You can read it, or go on to the next section.")
                color: Theme.textMuted
            }
        }

        Item { Layout.fillHeight: true }

        GridLayout {
            id: buttons
            Layout.alignment: Qt.AlignHCenter
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure * 1.2
            readonly property bool stacked: 2 * Math.max(readButton.implicitWidth, skipButton.implicitWidth) + columnSpacing > width
            columns: stacked ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            // the two choices are always the same size, whatever their words and text size
            uniformCellWidths: true
            uniformCellHeights: true
            Layout.fillHeight: false
            readonly property real tallest: Math.max(readButton.implicitHeight, skipButton.implicitHeight)
            // whole pixels, the same for both (equal cells alone can differ by a rounding)
            readonly property real cellWidth: stacked ? width : Math.floor((width - columnSpacing) / 2)

            KButton {
                id: readButton
                objectName: "advisoryRead"
                Layout.preferredWidth: buttons.cellWidth
                Layout.preferredHeight: buttons.tallest
                text: qsTr("Read this section")
                onClicked: advisory.read()
            }
            KButton {
                id: skipButton
                objectName: "advisorySkip"
                Layout.preferredWidth: buttons.cellWidth
                Layout.preferredHeight: buttons.tallest
                text: advisory.hasNext ? qsTr("Skip to the next section") : qsTr("Skip, and go home")
                onClicked: advisory.skip()
            }
        }
    }
}
