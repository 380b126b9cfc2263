pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The names of the people remembered, with a strip of first letters to jump by.
Item {
    id: view

    required property PeopleModel people
    property var initials: people.initials()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        ListView {
            id: names
            objectName: "peopleList"
            Layout.fillWidth: true
            Layout.fillHeight: true

            Rectangle {
                // more names below: a fade, not a scrollbar to hit
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: Math.min(Theme.px(120), parent.height / 4)
                z: 2
                enabled: false
                visible: !names.atYEnd
                gradient: Gradient {
                    GradientStop { position: 0; color: Qt.rgba(Theme.background.r, Theme.background.g, Theme.background.b, 0) }
                    GradientStop { position: 0.85; color: Theme.background }
                }
            }
            clip: true
            model: view.people
            spacing: Theme.gap
            boundsBehavior: Flickable.StopAtBounds
            cacheBuffer: Math.round(height)
            reuseItems: true
            delegate: Column {
                id: person
                required property string name
                required property string lifeText
                required property string fate
                width: names.width
                spacing: Theme.px(4)
                KText {
                    width: parent.width
                    text: person.name
                    font.family: Theme.serif
                    font.pixelSize: Theme.subheadingSize
                }
                KText {
                    width: parent.width
                    visible: text !== ""
                    text: [person.lifeText, person.fate].filter(t => t !== "").join(" · ")
                    color: Theme.textMuted
                    font.pixelSize: Theme.metaSize
                }
            }
        }

        ListView {
            objectName: "letterStrip"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchMin
            visible: view.initials.length > 1
            orientation: ListView.Horizontal
            spacing: Theme.gapSmall
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            model: view.initials
            delegate: KButton {
                required property var modelData
                text: modelData.letter
                kind: "quiet"
                onClicked: names.positionViewAtIndex(modelData.row, ListView.Beginning)
            }
        }
    }
}
