import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// What a technician needs in a minute: which bundle is showing and whether it is healthy, the
// last errors, how the kiosk is used; and four actions.
Rectangle {
    id: screen

    required property AdminController admin
    readonly property var info: admin.info

    color: Theme.background
    MouseArea { anchors.fill: parent }

    component Fact: RowLayout {
        property string label
        property string value
        Layout.fillWidth: true
        spacing: Theme.gap
        KText {
            Layout.preferredWidth: Theme.px(300)
            text: parent.label
            color: Theme.textMuted
            font.pixelSize: Theme.metaSize
        }
        KText {
            Layout.fillWidth: true
            text: parent.value || "\u2014"
            font.pixelSize: Theme.metaSize
            wrapMode: Text.WrapAnywhere
        }
    }

    component Block: KText {
        Layout.fillWidth: true
        Layout.topMargin: Theme.gap
        font.family: Theme.serif
        font.pixelSize: Theme.subheadingSize
    }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.margin
        anchors.bottomMargin: bar.height + Theme.gap
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: flick.width
            spacing: Theme.gapSmall

            Heading {
                Layout.fillWidth: true
                text: qsTr("Kiosk administration")
            }
            KText {
                Layout.fillWidth: true
                visible: (screen.info.error || "") !== ""
                text: screen.info.error || ""
                color: Theme.accent
            }

            Block { text: qsTr("Content bundle") }
            Fact { label: qsTr("Exhibit"); value: screen.info.title || "" }
            Fact { label: qsTr("Content version"); value: screen.info.contentVersion || "" }
            Fact {
                objectName: "adminLanguages"
                label: qsTr("Translations")
                value: (screen.info.languages || []).join("\n")
            }
            Fact { label: qsTr("Checksum (SHA-256)"); value: screen.info.checksum || "" }
            Fact { label: qsTr("Validated"); value: screen.info.validatedAt || "" }
            Fact { label: qsTr("Showing from"); value: screen.info.path || "" }
            Fact { label: qsTr("Watching"); value: screen.info.configured || "" }
            Fact { label: qsTr("Waiting to switch"); value: screen.info.pending || "" }
            Fact { label: qsTr("Last refused"); value: screen.info.rejected || "" }
            Fact {
                objectName: "adminUpdates"
                label: qsTr("Live updates")
                value: screen.info.updates || qsTr("New bundles are taken")
            }
            Fact {
                label: qsTr("Warnings")
                value: (screen.info.warnings || []).length === 0 ? qsTr("none")
                    : (screen.info.warnings || []).join("\n")
            }
            Fact {
                label: qsTr("Start-up notes")
                value: (screen.info.notes || []).join("\n")
            }

            Block { text: qsTr("Last errors in the log") }
            KText {
                objectName: "adminErrors"
                Layout.fillWidth: true
                text: (screen.info.errors || []).length === 0 ? qsTr("No errors logged.")
                    : (screen.info.errors || []).join("\n")
                font.family: "Noto Sans Mono"  // shipped: see kiosk/ui/fonts.py
                font.pixelSize: Theme.px(22)
                wrapMode: Text.WrapAnywhere
            }
            Fact { label: qsTr("Log folder"); value: screen.info.logDir || "" }

            Block { text: qsTr("Visitors") }
            KText {
                Layout.fillWidth: true
                text: screen.info.stats || qsTr("No statistics yet.")
                font.family: "Noto Sans Mono"  // shipped: see kiosk/ui/fonts.py
                font.pixelSize: Theme.px(22)
            }
            Fact { label: qsTr("Program version"); value: screen.info.version || "" }
        }
    }

    Rectangle {
        id: bar
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Math.max(Theme.barHeight, actions.implicitHeight + 2 * Theme.gap)
        color: Theme.surface
        // A Flow, not a row: in portrait the four actions wrap instead of leaving the screen.
        Flow {
            id: actions
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: Theme.margin / 2
            anchors.rightMargin: Theme.margin / 2
            spacing: Theme.gapSmall
            KButton {
                objectName: "adminResume"
                kind: "primary"
                text: qsTr("Return to the exhibit")
                onClicked: screen.admin.resume()
            }
            KButton {
                objectName: "adminReload"
                text: qsTr("Reload bundle")
                onClicked: screen.admin.reload()
            }
            KButton {
                objectName: "adminTestPattern"
                text: qsTr("Test pattern")
                onClicked: screen.admin.showTestPattern(true)
            }
            KButton {
                objectName: "adminExit"
                kind: "quiet"
                text: qsTr("Exit kiosk")
                onClicked: screen.admin.exitKiosk()
            }
        }
    }
}
