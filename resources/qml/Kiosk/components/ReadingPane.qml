import QtQuick
import Kiosk

// Long text scrolls here rather than being cut off. No scrollbar to hit: a fade at the bottom
// (and at the top once scrolled) says there is more, and it takes no touches.
Item {
    id: pane

    default property alias content: column.data
    property alias flickable: flick
    property alias spacing: column.spacing
    property color fadeColor: Theme.background
    readonly property real naturalHeight: column.implicitHeight
    readonly property bool moreBelow: flick.contentY + flick.height < flick.contentHeight - 2
    readonly property bool moreAbove: flick.contentY > 2

    function rewind() {
        flick.contentY = 0;
    }

    Flickable {
        id: flick
        objectName: "readingFlick"
        anchors.fill: parent
        clip: true
        contentWidth: width
        // room below the last line, clear of the fade, when there is more than fits
        contentHeight: column.implicitHeight + (column.implicitHeight > height ? Theme.px(56) : 0)
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height
        maximumFlickVelocity: Theme.px(5000)
        flickDeceleration: Theme.px(2500)

        Column {
            id: column
            width: flick.width
            spacing: Theme.gap
        }
    }

    Rectangle {
        objectName: "scrollHintTop"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Math.min(Theme.px(56), parent.height / 6)
        enabled: false
        opacity: pane.moreAbove ? 1 : 0
        Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }
        gradient: Gradient {
            GradientStop { position: 0; color: pane.fadeColor }
            GradientStop { position: 1; color: Qt.rgba(pane.fadeColor.r, pane.fadeColor.g, pane.fadeColor.b, 0) }
        }
    }
    Rectangle {
        objectName: "scrollHint"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Math.min(Theme.px(120), parent.height / 4)
        enabled: false
        opacity: pane.moreBelow ? 1 : 0
        Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.rgba(pane.fadeColor.r, pane.fadeColor.g, pane.fadeColor.b, 0) }
            GradientStop { position: 0.85; color: pane.fadeColor }
        }
        Glyph {
            // a quiet "more below" mark, drawn, not a control
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: Theme.px(6) }
            name: "next"
            rotation: 90
            color: Theme.textMuted
            size: Theme.px(28)
        }
    }
}
