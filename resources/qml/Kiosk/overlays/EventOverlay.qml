import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// An event opened from the timeline: all of its text, its source, and a close button low on
// the card. A tap outside the card closes it too.
Item {
    id: overlay

    required property TimelineController timeline
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true

    visible: opacity > 0
    opacity: timeline.isOpen ? 1 : 0
    enabled: timeline.isOpen
    Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        opacity: 0.8
    }
    MouseArea {
        // catches every touch outside the card: closes, and nothing below reacts
        anchors.fill: parent
        onClicked: overlay.timeline.close()
    }

    Rectangle {
        id: card
        objectName: "eventDetail"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin * (parent.width > parent.height ? 1 : 0.5), Theme.measure + 2 * Theme.gapLarge)
        height: Math.min(parent.height - 2 * Theme.margin * 0.6, column.implicitHeight + 2 * Theme.gapLarge)
        color: Theme.surface
        radius: Theme.radius
        border.width: Theme.borderWidth
        border.color: Theme.outline

        MouseArea { anchors.fill: parent } // taps on the card do not close it

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

                KText {
                    width: parent.width
                    visible: text !== ""
                    text: overlay.timeline.selectedEra
                    color: Theme.accent
                    font.pixelSize: Theme.metaSize
                    font.weight: Font.DemiBold
                }
                KText {
                    objectName: "detailDate"
                    width: parent.width
                    visible: text !== ""
                    text: overlay.timeline.selectedDate
                    color: Theme.accent
                    font.pixelSize: Theme.subheadingSize
                }
                Heading {
                    objectName: "detailTitle"
                    width: parent.width
                    text: overlay.timeline.selectedTitle
                    font.pixelSize: Theme.headingSize
                }
                Image {
                    width: parent.width
                    height: visible ? Math.min(width * 0.55, overlay.height * 0.3) : 0
                    visible: overlay.timeline.selectedImage !== ""
                    // only once its width is known: the image is decoded once, at the size shown
                    source: width > 0 ? overlay.timeline.selectedImage : ""
                    fillMode: Image.PreserveAspectFit
                    horizontalAlignment: Image.AlignLeft
                    sourceSize.width: Math.round(width)
                }
                KText {
                    width: parent.width
                    visible: text !== ""
                    text: overlay.timeline.selectedImageAlt
                    color: Theme.textMuted
                    font.pixelSize: Theme.metaSize
                }
                KText {
                    objectName: "detailBody"
                    width: parent.width
                    text: overlay.timeline.selectedBody
                    lineHeight: Theme.bodyLineHeight
                }
                SourceNote {
                    width: parent.width
                    source: overlay.timeline.selectedSource
                    detail: overlay.timeline.selectedSourceDetail
                }
            }

            KButton {
                objectName: "eventClose"
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("Close")
                glyph: "close"
                onClicked: overlay.timeline.close()
            }
        }
    }

    Connections {
        target: overlay.timeline
        function onSelectedChanged() {
            reading.rewind();
        }
    }
}
