import QtQuick

KButton {
    objectName: "homeButton"
    text: qsTr("Home")
    glyph: "home"
    kind: "quiet"
}
