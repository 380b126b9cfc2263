import QtQuick
import QtQuick.Layouts
import Kiosk

// One slide of the attract loop, filling the space it is given: a figure the curator chose (its
// number, unit and words, in its tone's colour: a loss never in the accent), or a key image (fitted whole, its alt text as a caption, its credit small).
// Slides lie on top of one another; the one on show is opaque, the others transparent.
Item {
    id: slide

    required property int index
    required property string label
    required property string kind
    required property string valueText
    required property string unit
    required property string imageUrl
    required property string credit
    required property string tone

    property bool current: false
    // the slide shown next: its image is read while this one is on show
    property bool upNext: false
    // the height the figure needs (the screen keeps room for its tallest figure)
    readonly property real figureHeight: kind === "figure" ? figure.implicitHeight : 0

    // A slow crossfade: the next slide begins to appear when the last is half gone, so two
    // figures never stand on each other at full strength. Instant when motion is off.
    opacity: current ? 1 : 0
    visible: opacity > 0
    Behavior on opacity {
        id: fade
        enabled: Theme.motion
        SequentialAnimation {
            PauseAnimation { duration: fade.targetValue > 0.5 ? Theme.slowFadeMs / 2 : 0 }
            NumberAnimation { duration: Theme.slowFadeMs; easing.type: Easing.InOutQuad }
        }
    }

    ColumnLayout {
        id: figure
        objectName: "attractFigure"
        anchors.verticalCenter: parent.verticalCenter
        width: parent.width
        visible: slide.kind === "figure"
        spacing: Theme.gapSmall

        Row {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: figure.width
            spacing: Theme.px(14)
            KText {
                id: value
                objectName: "attractValue"
                text: slide.valueText
                color: Theme.figureColor(slide.tone)
                font.family: Theme.serif
                font.pixelSize: Theme.figureSize
                lineHeight: 1.0
                wrapMode: Text.NoWrap
            }
            KText {
                // the unit, set on the figure's baseline
                visible: text !== ""
                y: value.baselineOffset - baselineOffset
                width: Math.min(implicitWidth, figure.width - value.width - parent.spacing)
                text: slide.unit
                color: Theme.figureColor(slide.tone)
                font.family: Theme.serif
                font.pixelSize: Theme.subheadingSize
            }
        }
        KText {
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            Layout.alignment: Qt.AlignHCenter
            horizontalAlignment: Text.AlignHCenter
            text: slide.label
            font.pixelSize: Theme.subheadingSize
        }
    }

    Item {
        id: picture
        anchors.fill: parent
        visible: slide.kind === "image"

        // the box the image is fitted into, above its caption
        readonly property real boxWidth: width
        readonly property real boxHeight: Math.max(0, height - caption.height - Theme.gap)

        Image {
            id: image
            objectName: "attractImage"
            // fitted whole into the box; its picture (paintedHeight) and caption are centred together
            width: picture.boxWidth
            height: picture.boxHeight
            y: Math.max(0, (picture.height - paintedHeight - Theme.gap - caption.height) / 2)
            verticalAlignment: Image.AlignTop
            // only the slide on show, the next one, and one still fading hold their image, and
            // only once the box is laid out: each picture is decoded once, at the size shown
            source: slide.kind === "image" && (slide.current || slide.upNext || slide.opacity > 0)
                && picture.boxWidth > 0 && picture.boxHeight > 0 ? slide.imageUrl : ""
            sourceSize.width: Math.round(picture.boxWidth)
            sourceSize.height: Math.round(picture.boxHeight)
            fillMode: Image.PreserveAspectFit
            smooth: true
        }

        Column {
            id: caption
            y: image.y + image.paintedHeight + Theme.gap
            width: parent.width
            spacing: Theme.gapSmall / 2

            KText {
                objectName: "attractCaption"
                anchors.horizontalCenter: parent.horizontalCenter
                width: Math.min(parent.width, Theme.measure)
                visible: text !== ""
                horizontalAlignment: Text.AlignHCenter
                text: slide.label
                maximumLineCount: 2
                elide: Text.ElideRight
                elideByDesign: true
            }
            KText {
                objectName: "attractCredit"
                anchors.horizontalCenter: parent.horizontalCenter
                width: Math.min(parent.width, Theme.measure)
                visible: text !== ""
                horizontalAlignment: Text.AlignHCenter
                text: slide.credit
                color: Theme.textMuted
                font.pixelSize: Theme.metaSize
                maximumLineCount: 1
                elide: Text.ElideRight
                elideByDesign: true
            }
        }
    }
}
