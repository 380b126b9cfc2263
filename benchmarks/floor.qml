import QtQuick

// The floor every benchmark compares with: a bare Qt Quick window from Python, one QML file,
// three texts. The texts sit in a Flickable so frames.py can flick it as it flicks the
// timeline; language.py changes the three strings.
Window {
    id: root

    property string first: "The floor"
    property string second: "A bare Qt Quick window from Python"
    property string third: "One QML file, three texts, sized to the screen"

    width: 1920
    height: 1080
    color: "#1a1816"
    title: "floor"

    Flickable {
        objectName: "floorFlick"
        anchors.fill: parent
        contentWidth: width * 20
        contentHeight: height
        flickableDirection: Flickable.HorizontalFlick

        Column {
            x: 96
            y: 96
            spacing: 32
            Text { text: root.first; color: "#f2efe8"; font.pixelSize: 72 }
            Text { text: root.second; color: "#f2efe8"; font.pixelSize: 40 }
            Text { text: root.third; color: "#c9c4ba"; font.pixelSize: 32 }
        }
    }
}
