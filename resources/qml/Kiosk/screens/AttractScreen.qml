pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// Shown while nobody is there, quietly: a candle, the exhibit's title, its date and its
// dedication; the figures the curator chose for the loop (often none) and the key images one
// at a time, crossfading slowly; "touch to begin" in every language of the bundle. Nothing a
// sensitive section guards appears here (AttractModel). Any touch begins the visit.
Item {
    id: screen

    required property ContentController content
    required property LanguageController language
    property int cycleMs: 12000

    // the slides: the key figures and, when the bundle has them, the key images
    readonly property var slides: content.attract
    readonly property bool pictures: slides.hasImages
    // with images, a landscape screen shows them beside the title, at half the width
    readonly property bool sideBySide: pictures && width > height
    property int current: 0
    readonly property int shown: slides.count > 0 ? current % slides.count : -1

    function rewind() {
        current = 0;
    }

    Timer {
        interval: Math.max(100, screen.cycleMs)
        repeat: true
        running: screen.visible && screen.slides.count > 1
        onTriggered: screen.current = (screen.shown + 1) % screen.slides.count
    }

    ColumnLayout {
        id: column
        anchors {
            left: parent.left
            right: parent.right
            top: parent.top
            bottom: attractLanguages.top
            leftMargin: Theme.margin
            rightMargin: screen.sideBySide ? screen.width / 2 + Theme.gapLarge : Theme.margin
            topMargin: Theme.margin
            bottomMargin: Theme.gapLarge
        }
        spacing: Theme.gap

        Item {
            Layout.fillHeight: true
            Layout.preferredHeight: 1
        }

        Item {
            // the candle gives up height first when the words need the room, and steps aside
            // altogether on a short screen with large text
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 0
            Layout.maximumHeight: Theme.px(210)
            Layout.preferredHeight: Theme.px(210)
            CandleGraphic {
                anchors.horizontalCenter: parent.horizontalCenter
                height: parent.height
                width: height * 0.52
                visible: parent.height >= Theme.px(70)
                lit: true
            }
        }

        KText {
            objectName: "attractTitle"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure * 1.3
            Layout.alignment: Qt.AlignHCenter
            horizontalAlignment: Text.AlignHCenter
            text: screen.content.title
            font.family: Theme.serif
            // beside an image, in half the width, a size smaller
            font.pixelSize: screen.sideBySide ? Theme.titleSize : Theme.displaySize
            lineHeight: 1.1
        }
        KText {
            objectName: "attractDate"
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
            // a quiet rule between the title and its dedication
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.gapSmall
            Layout.bottomMargin: Theme.gapSmall
            implicitWidth: Theme.px(120)
            implicitHeight: Theme.borderWidth
            color: Theme.line
            visible: dedication.visible
        }
        KText {
            id: dedication
            objectName: "attractDedication"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            Layout.alignment: Qt.AlignHCenter
            horizontalAlignment: Text.AlignHCenter
            visible: text !== ""
            text: screen.content.dedication
            font.family: Theme.serif
            font.pixelSize: Theme.subheadingSize
            lineHeight: 1.2
        }

        Item {
            // a breath between the dedication and the slides
            Layout.preferredHeight: Theme.gap
            visible: screen.slides.count > 0 && !screen.sideBySide
        }

        Item {
            // where the slides are shown below the title (the stage lies over it)
            id: slot
            Layout.fillWidth: true
            Layout.minimumHeight: stage.tallestFigure
            // room for an image three fifths as tall as it is wide, and its caption
            Layout.preferredHeight: screen.pictures
                ? Math.max(stage.tallestFigure, Math.round(width * 0.6) + Theme.gap + Theme.bodySize * 2.8 + Theme.metaSize * 1.4)
                : stage.tallestFigure
            visible: screen.slides.count > 0 && !screen.sideBySide
        }

        Item {
            Layout.fillHeight: true
            Layout.preferredHeight: 1
        }
    }

    Item {
        id: stage
        objectName: "attractStage"
        x: screen.sideBySide ? screen.width / 2 + Theme.gapLarge : column.x + slot.x
        y: screen.sideBySide ? column.y : column.y + slot.y
        width: screen.sideBySide ? screen.width / 2 - Theme.gapLarge - Theme.margin : slot.width
        height: screen.sideBySide ? column.height : slot.height

        property real tallestFigure: 0

        function measure() {
            let tallest = 0;
            for (let i = 0; i < slideRepeater.count; ++i) {
                const s = slideRepeater.itemAt(i) as AttractSlide;
                if (s)
                    tallest = Math.max(tallest, s.figureHeight);
            }
            tallestFigure = tallest;
        }

        Repeater {
            id: slideRepeater
            model: screen.slides
            onItemAdded: stage.measure()
            onItemRemoved: stage.measure()

            AttractSlide {
                width: stage.width
                height: stage.height
                current: index === screen.shown
                upNext: screen.slides.count > 1 && index === (screen.shown + 1) % screen.slides.count
                onFigureHeightChanged: stage.measure()
            }
        }
    }

    // Each language of the bundle by its own name, as large, quiet targets: a touch on one
    // begins the visit in that language (on the press: the visit begins with the touch, and
    // the attract screen is gone before the finger lifts); a touch anywhere else begins it in
    // the bundle's visit language. With one language nothing is offered.
    Flow {
        id: attractLanguages
        objectName: "attractLanguages"
        readonly property bool offered: screen.language.canChoose
        anchors {
            horizontalCenter: parent.horizontalCenter
            bottom: prompts.top
            bottomMargin: offered ? Theme.gap : 0
        }
        width: Math.min(implicitRowWidth, parent.width - 2 * Theme.margin)
        height: offered ? implicitHeight : 0
        visible: offered
        spacing: Theme.gap
        // made: read again as each button is made (itemAt() alone does not notify)
        property int made: 0
        readonly property real implicitRowWidth: {
            let w = 0;
            for (let i = 0; i < made && i < attractLanguageButtons.count; ++i) {
                const b = attractLanguageButtons.itemAt(i) as KButton;
                if (b)
                    w += b.implicitWidth + (i > 0 ? spacing : 0);
            }
            return w;
        }
        Repeater {
            id: attractLanguageButtons
            model: attractLanguages.offered ? screen.language.choices : []
            onItemAdded: attractLanguages.made += 1
            onItemRemoved: attractLanguages.made -= 1
            KButton {
                required property var modelData
                objectName: "attractLanguage_" + modelData.code
                text: modelData.name
                kind: "quiet"
                textSize: Theme.subheadingSize
                leftPadding: Theme.px(40)
                rightPadding: Theme.px(40)
                onPressed: screen.language.choose(modelData.code)
            }
        }
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
                color: Theme.textMuted
                font.pixelSize: Theme.subheadingSize
            }
        }
    }
}
