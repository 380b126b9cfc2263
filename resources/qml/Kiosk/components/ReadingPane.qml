import QtQuick
import Kiosk

// Long text scrolls here rather than being cut off. No scrollbar to hit: where the text goes
// on below, a fade says so and a "More" button under it scrolls on by most of a screen; at
// the end the same button goes back to the top. The button's row is there only when the text
// is longer than the pane. In high contrast no fade greys the text under it: a solid line
// marks the edge where the text goes on instead.
Item {
    id: pane

    default property alias content: column.data
    property alias flickable: flick
    property alias spacing: column.spacing
    property color fadeColor: Theme.background
    readonly property real naturalHeight: column.implicitHeight
    readonly property bool overflows: column.implicitHeight > height + 1
    readonly property bool moreBelow: flick.contentY + flick.height < flick.contentHeight - 2
    readonly property bool moreAbove: flick.contentY > 2

    function rewind() {
        scroll.stop();
        flick.contentY = 0;
    }

    // Scroll to contentY ``to`` (clamped), calmly when motion is on.
    function scrollTo(to) {
        const target = Math.max(0, Math.min(to, flick.contentHeight - flick.height));
        scroll.stop();
        if (Theme.motion) {
            scroll.from = flick.contentY;
            scroll.to = target;
            scroll.start();
        } else {
            flick.contentY = target;
        }
    }

    // On by most of what shows, so the last lines read stay in view as the first ones.
    function more() {
        scrollTo(flick.contentY + Math.max(flick.height * 0.8, flick.height - Theme.px(160)));
    }

    NumberAnimation {
        id: scroll
        target: flick
        property: "contentY"
        duration: Theme.fadeMs
        easing.type: Easing.InOutQuad
    }

    Flickable {
        id: flick
        objectName: "readingFlick"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: pane.height - (pane.overflows ? moreRow.height : 0)
        clip: true
        contentWidth: width
        // a little room below the last line when there is more than fits
        contentHeight: column.implicitHeight + (pane.overflows ? Theme.gap : 0)
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height
        maximumFlickVelocity: Theme.px(5000)
        flickDeceleration: Theme.px(2500)
        onMovementStarted: scroll.stop()

        Column {
            id: column
            width: flick.width
            spacing: Theme.gap
        }
    }

    Rectangle {
        objectName: "scrollHintTop"
        anchors { left: parent.left; right: parent.right; top: flick.top }
        height: Math.min(Theme.px(56), flick.height / 6)
        enabled: false
        opacity: pane.moreAbove && Theme.edgeFades ? 1 : 0
        Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }
        gradient: Gradient {
            GradientStop { position: 0; color: pane.fadeColor }
            GradientStop { position: 1; color: Qt.rgba(pane.fadeColor.r, pane.fadeColor.g, pane.fadeColor.b, 0) }
        }
    }
    Rectangle {
        objectName: "scrollHint"
        anchors { left: parent.left; right: parent.right; bottom: flick.bottom }
        height: Math.min(Theme.px(96), flick.height / 4)
        enabled: false
        opacity: pane.moreBelow && Theme.edgeFades ? 1 : 0
        Behavior on opacity { enabled: Theme.motion; NumberAnimation { duration: Theme.fadeMs } }
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.rgba(pane.fadeColor.r, pane.fadeColor.g, pane.fadeColor.b, 0) }
            GradientStop { position: 0.9; color: pane.fadeColor }
        }
    }

    Rectangle {
        objectName: "scrollEdgeTop"
        anchors { left: parent.left; right: parent.right; top: flick.top }
        height: Theme.borderWidth
        color: Theme.line
        visible: !Theme.edgeFades && pane.moreAbove
    }
    Rectangle {
        objectName: "scrollEdge"
        anchors { left: parent.left; right: parent.right; bottom: flick.bottom }
        height: Theme.borderWidth
        color: Theme.line
        visible: !Theme.edgeFades && pane.moreBelow
    }

    Item {
        id: moreRow
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: moreButton.implicitHeight + 2 * Theme.gapSmall
        visible: pane.overflows

        KButton {
            id: moreButton
            objectName: "moreButton"
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: Theme.gapSmall }
            width: Math.min(implicitWidth, parent.width)
            text: pane.moreBelow || !pane.moreAbove ? qsTr("More") : qsTr("Back to the top")
            glyph: pane.moreBelow || !pane.moreAbove ? "down" : "up"
            onClicked: pane.moreBelow ? pane.more() : pane.scrollTo(0)
        }
    }
}
