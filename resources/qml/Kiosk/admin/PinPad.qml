pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// A numeric PIN pad over a dark scrim. Digits show as dots; the controller decides.
Rectangle {
    id: pad

    required property AdminController admin
    property string entered: ""

    color: Theme.background
    onVisibleChanged: entered = ""

    // Swallow every touch so nothing underneath is pressed.
    MouseArea { anchors.fill: parent }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.touchMin * 1.7 * 3 + Theme.gapSmall * 2)
        spacing: Theme.gap

        KText {
            Layout.fillWidth: true
            text: qsTr("Admin PIN")
            font.family: Theme.serif
            font.pixelSize: Theme.headingSize
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            objectName: "pinDots"
            Layout.fillWidth: true
            text: pad.entered.length > 0 ? "\u25CF ".repeat(pad.entered.length).trim() : " "
            color: Theme.accent
            font.pixelSize: Theme.headingSize
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            objectName: "pinMessage"
            Layout.fillWidth: true
            text: pad.admin.message
            visible: text !== ""
            color: Theme.textMuted
            font.pixelSize: Theme.metaSize
            horizontalAlignment: Text.AlignHCenter
        }
        GridLayout {
            Layout.alignment: Qt.AlignHCenter
            columns: 3
            rowSpacing: Theme.gapSmall
            columnSpacing: Theme.gapSmall
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                KButton {
                    required property string modelData
                    objectName: "pinKey_" + modelData
                    Layout.preferredWidth: Theme.touchMin * 1.7
                    Layout.preferredHeight: Theme.touchMin
                    kind: modelData === "ok" ? "primary" : "normal"
                    text: modelData === "clear" ? qsTr("Clear")
                        : modelData === "ok" ? qsTr("OK") : modelData
                    enabled: modelData !== "ok" || pad.entered.length > 0
                    onClicked: {
                        if (modelData === "clear") {
                            pad.entered = "";
                        } else if (modelData === "ok") {
                            pad.admin.submitPin(pad.entered);
                            pad.entered = "";
                        } else if (pad.entered.length < 12) {
                            pad.entered += modelData;
                        }
                    }
                }
            }
        }
        KButton {
            objectName: "pinCancel"
            Layout.fillWidth: true
            kind: "quiet"
            text: qsTr("Cancel")
            onClicked: pad.admin.cancelPin()
        }
    }
}
