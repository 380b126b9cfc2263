import QtQuick
import Kiosk

KButton {
    objectName: "homeButton"
    text: qsTr("Home")
    glyph: "home"
    kind: "quiet"
}
