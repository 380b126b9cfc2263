import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// "Are you still there?", quietly (no accent; 20 s by default, long enough to read after a
// hard section): any touch continues the visit; otherwise, back to the start.
Item {
    id: overlay

    required property IdleGuard idle
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true

    visible: opacity > 0
    // false until built: Main.qml builds the overlay when it is first needed, and it fades in
    // from there as it always did
    property bool built: false
    Component.onCompleted: built = true

    opacity: built && idle.state === "prompt" ? 1 : 0
    enabled: idle.state === "prompt"
    Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        opacity: 0.8
    }
    MouseArea {
        anchors.fill: parent // the touch itself (seen by Main) continues the visit
    }

    Rectangle {
        objectName: "idleCard"
        anchors {
            horizontalCenter: parent.horizontalCenter
            verticalCenter: parent.verticalCenter
            verticalCenterOffset: parent.height > parent.width ? parent.height * 0.12 : 0
        }
        width: Math.min(parent.width - 2 * Theme.margin, Theme.measure)
        height: column.implicitHeight + 2 * Theme.gapLarge
        color: Theme.surface
        radius: Theme.radius
        border.width: Theme.borderWidth
        border.color: Theme.outline

        ColumnLayout {
            id: column
            anchors {
                left: parent.left
                right: parent.right
                top: parent.top
                margins: Theme.gapLarge
            }
            spacing: Theme.gap

            Heading {
                Layout.fillWidth: true
                text: qsTr("Are you still there?")
                font.pixelSize: Theme.headingSize
            }
            KText {
                Layout.fillWidth: true
                text: qsTr("Touch the screen to continue.")
            }
            KText {
                objectName: "idleCountdown"
                Layout.fillWidth: true
                text: qsTr("The exhibit returns to its start in %n seconds.", "", overlay.idle.promptRemaining)
                color: Theme.textMuted
                font.pixelSize: Theme.metaSize
            }
            KButton {
                objectName: "idleContinue"
                Layout.fillWidth: true
                Layout.topMargin: Theme.gapSmall
                // quiet: a visitor may still be reading; nothing here calls out in the accent
                text: qsTr("Continue")
                onClicked: overlay.idle.activity()
            }
        }
    }
}
