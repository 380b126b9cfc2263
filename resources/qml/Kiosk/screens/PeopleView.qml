pragma ComponentBehavior: Bound
import QtQuick
import Kiosk.Backend
import Kiosk

// The names wall: everyone the bundle names, slow and quiet, every name in the same type,
// the people of one place under its name and families kept together (the model's order).
// A ListView over the windowed PeopleModel: only the delegates on screen exist, and the
// model reads its rows from the bundle a page at a time. A tap opens the person's card.
Item {
    id: view

    required property PeopleModel people
    required property NamesController names

    ListView {
        id: wall
        objectName: "peopleList"
        anchors.fill: parent
        clip: true
        model: view.people
        spacing: Theme.gapSmall
        boundsBehavior: Flickable.StopAtBounds
        // slow: a flick carries the names gently, never racing past
        maximumFlickVelocity: Theme.px(2500)
        flickDeceleration: Theme.px(2500)
        reuseItems: true
        cacheBuffer: 0

        section.property: "place"
        section.criteria: ViewSection.FullString
        section.delegate: Item {
            id: heading
            required property string section
            width: wall.width
            height: section !== "" ? label.implicitHeight : 0
            KText {
                id: label
                width: parent.width
                visible: heading.section !== ""
                topPadding: Theme.gap
                bottomPadding: Theme.gapSmall
                text: heading.section
                color: Theme.textMuted
                font.pixelSize: Theme.metaSize
                font.weight: Font.DemiBold
            }
        }

        delegate: Item {
            id: person
            required property string key
            required property string name
            required property string lifeText
            required property int personId
            width: wall.width
            height: Math.max(Theme.touchMin, line.implicitHeight + Theme.gapSmall)

            Column {
                id: line
                anchors.verticalCenter: parent.verticalCenter
                width: parent.width
                KText {
                    width: parent.width
                    text: person.name
                    font.family: Theme.serif
                    font.pixelSize: Theme.subheadingSize
                }
                KText {
                    width: parent.width
                    visible: text !== ""
                    text: person.lifeText
                    color: Theme.textMuted
                    font.pixelSize: Theme.metaSize
                }
            }
            TapHandler {
                onTapped: view.names.openPerson(person.key, person.personId)
            }
        }

        Rectangle {
            // more names below: a fade, not a scrollbar to hit
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
            height: Math.min(Theme.px(120), parent.height / 4)
            z: 2
            enabled: false
            visible: Theme.edgeFades && !wall.atYEnd
            gradient: Gradient {
                GradientStop { position: 0; color: Qt.rgba(Theme.background.r, Theme.background.g, Theme.background.b, 0) }
                GradientStop { position: 0.85; color: Theme.background }
            }
        }
    }
}
