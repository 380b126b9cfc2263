pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The sources of one screen, over it: each source's name and its note, in roman type and
// within the reading length; a close button low on the panel. A tap outside closes it too.
Item {
    id: panel

    required property SourcesController controller
    required property string screenName
    readonly property bool isOpen: controller.openScreen === screenName
    readonly property var sources: controller.byScreen[screenName] || []
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true

    objectName: "sourcesPanel"
    visible: opacity > 0
    opacity: isOpen ? 1 : 0
    enabled: isOpen
    Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }
    onIsOpenChanged: if (isOpen) reading.rewind()

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        opacity: 0.8
    }
    MouseArea {
        // catches every touch outside the panel: closes, and nothing below reacts
        anchors.fill: parent
        onClicked: panel.controller.close()
    }

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin * (parent.width > parent.height ? 1 : 0.5), Theme.measure + 2 * Theme.gapLarge)
        height: Math.min(parent.height - 2 * Theme.margin * 0.6, column.implicitHeight + 2 * Theme.gapLarge)
        color: Theme.surface
        radius: Theme.radius
        border.width: Theme.borderWidth
        border.color: Theme.outline

        MouseArea { anchors.fill: parent } // taps on the panel do not close it

        ColumnLayout {
            id: column
            anchors {
                fill: parent
                margins: Theme.gapLarge
            }
            spacing: Theme.gap

            ReadingPane {
                id: reading
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: naturalHeight
                fadeColor: Theme.surface
                spacing: Theme.gapLarge

                Eyebrow {
                    width: parent.width
                    text: qsTr("Sources")
                }
                Repeater {
                    model: panel.sources
                    Column {
                        id: entry
                        required property var modelData
                        width: reading.width
                        spacing: Theme.gapSmall
                        KText {
                            objectName: "sourceTitle"
                            width: parent.width
                            text: entry.modelData.title
                            font.family: Theme.serif
                            font.pixelSize: Theme.subheadingSize
                        }
                        KText {
                            objectName: "sourceDetail"
                            width: parent.width
                            visible: text !== ""
                            text: entry.modelData.detail
                            color: Theme.textMuted
                            lineHeight: Theme.bodyLineHeight
                        }
                    }
                }
            }

            KButton {
                objectName: "sourcesClose"
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("Close")
                glyph: "close"
                onClicked: panel.controller.close()
            }
        }
    }
}
