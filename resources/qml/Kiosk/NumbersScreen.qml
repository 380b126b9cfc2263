import QtQuick
import QtQuick.Layouts
import Kiosk.Backend

// The figures, large, each with its source; a whole with parts shows them as parts of it.
Item {
    id: screen

    required property ContentController content
    required property Navigator navigator

    readonly property int columns: Math.max(1, Math.min(3, Math.floor((width - 2 * Theme.margin + Theme.gap) / (Theme.measure * 0.62 + Theme.gap))))

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            spacing: Theme.gapSmall
            Eyebrow {
                Layout.fillWidth: true
                text: qsTr("In numbers")
            }
        }

        ReadingPane {
            id: pane
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: Theme.gap

            Flow {
                id: flow
                objectName: "figures"
                x: Theme.margin
                width: parent.width - 2 * Theme.margin
                spacing: Theme.gap

                Repeater {
                    model: screen.content.statistics
                    StatCard {
                        required property int index
                        width: hasParts || screen.columns === 1
                            ? flow.width
                            : (flow.width - (screen.columns - 1) * flow.spacing) / screen.columns
                    }
                }
            }
        }

        BottomBar {
            Layout.fillWidth: true
            HomeButton {
                onClicked: screen.navigator.home()
            }
            Item { Layout.fillWidth: true }
        }
    }
}
