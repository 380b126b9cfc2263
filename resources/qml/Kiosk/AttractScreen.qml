import QtQuick
import QtQuick.Layouts
import Kiosk.Backend

// Shown while nobody is there: the exhibit's title, a candle, its key figures one at a time,
// slowly, and "touch to begin" in every language of the bundle. Any touch begins the visit.
Item {
    id: screen

    required property ContentController content
    required property LanguageController language
    property int cycleMs: 12000

    readonly property var figures: content.statistics
    property int figureIndex: 0

    function rewind() {
        figureIndex = 0;
    }

    Timer {
        interval: Math.max(100, screen.cycleMs)
        repeat: true
        running: screen.visible && screen.figures.count > 1
        onTriggered: {
            figureFade.restart();
        }
    }

    SequentialAnimation {
        id: figureFade
        NumberAnimation { target: figure; property: "opacity"; to: 0; duration: Theme.slowFadeMs }
        ScriptAction { script: screen.figureIndex = (screen.figureIndex + 1) % Math.max(1, screen.figures.count) }
        NumberAnimation { target: figure; property: "opacity"; to: 1; duration: Theme.slowFadeMs }
    }

    ColumnLayout {
        id: column
        anchors {
            left: parent.left
            right: parent.right
            top: parent.top
            bottom: prompts.top
            leftMargin: Theme.margin
            rightMargin: Theme.margin
            topMargin: Theme.margin
            bottomMargin: Theme.gapLarge
        }
        spacing: Theme.gap

        Item { Layout.fillHeight: true; Layout.preferredHeight: 1 }

        CandleGraphic {
            // gives up height first when the words need the room
            Layout.alignment: Qt.AlignHCenter
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.px(90)
            Layout.maximumHeight: Theme.px(210)
            Layout.preferredHeight: Theme.px(210)
            Layout.preferredWidth: height * 0.52
            lit: true
        }

        KText {
            objectName: "attractTitle"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure * 1.3
            Layout.alignment: Qt.AlignHCenter
            horizontalAlignment: Text.AlignHCenter
            text: screen.content.title
            font.family: Theme.serif
            font.pixelSize: Theme.displaySize
            lineHeight: 1.1
        }
        KText {
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            Layout.alignment: Qt.AlignHCenter
            horizontalAlignment: Text.AlignHCenter
            visible: text !== ""
            text: screen.content.subtitle
            color: Theme.textMuted
            font.pixelSize: Theme.subheadingSize
        }

        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.gap
            Layout.bottomMargin: Theme.gap
            width: Theme.px(120)
            height: Theme.borderWidth
            color: Theme.accent
            visible: screen.figures.count > 0
        }

        ColumnLayout {
            id: figure
            objectName: "attractFigure"
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignHCenter
            visible: screen.figures.count > 0
            spacing: Theme.gapSmall
            KText {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: screen.content.locale && screen.figures.count > 0 ? screen.figures.get(screen.figureIndex, "valueText") : ""
                color: Theme.accent
                font.family: Theme.serif
                font.pixelSize: Theme.figureSize
                lineHeight: 1.0
            }
            KText {
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.measure
                Layout.alignment: Qt.AlignHCenter
                horizontalAlignment: Text.AlignHCenter
                text: screen.content.locale && screen.figures.count > 0 ? screen.figures.get(screen.figureIndex, "label") : ""
                font.pixelSize: Theme.subheadingSize
            }
        }

        Item { Layout.fillHeight: true; Layout.preferredHeight: 1 }
    }

    Column {
        id: prompts
        objectName: "touchPrompts"
        anchors {
            left: parent.left
            right: parent.right
            bottom: parent.bottom
            bottomMargin: Theme.margin
        }
        spacing: Theme.gapSmall

        Repeater {
            model: screen.language.touchPrompts
            KText {
                required property string modelData
                width: prompts.width
                horizontalAlignment: Text.AlignHCenter
                text: modelData
                color: Theme.accent
                font.pixelSize: Theme.subheadingSize
            }
        }
    }
}
