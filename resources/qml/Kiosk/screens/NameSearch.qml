pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The search by name: one box, the results as the visitor types (each saying why it matched;
// a weak one "possibly another person"), and the on-screen keyboard low on the screen. The
// keyboard only edits its text; NamesController debounces and searches off the GUI thread.
Item {
    id: panel

    required property NamesController names
    required property string language
    // beside the box and the results (not the keyboard, which may need the full width)
    property real sideMargin: 0

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Rectangle {
            objectName: "searchBox"
            Layout.fillWidth: true
            Layout.leftMargin: panel.sideMargin
            Layout.rightMargin: panel.sideMargin
            Layout.preferredHeight: Math.max(Theme.touchMin, boxText.implicitHeight + 2 * Theme.gapSmall)
            color: Theme.raised
            radius: Theme.radius
            border.width: Theme.borderWidth
            border.color: Theme.outline
            KText {
                id: boxText
                objectName: "searchText"
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.gap }
                text: keyboard.text !== "" ? keyboard.text : qsTr("Type a name")
                color: keyboard.text !== "" ? Theme.text : Theme.textMuted
                font.family: Theme.serif
                font.pixelSize: Theme.subheadingSize
                elide: Text.ElideLeft
                maximumLineCount: 1
            }
        }

        KText {
            objectName: "searchNone"
            Layout.fillWidth: true
            Layout.leftMargin: panel.sideMargin
            Layout.rightMargin: panel.sideMargin
            visible: panel.names.answered && results.count === 0
            text: qsTr("No one of that name is recorded here. Try another spelling.")
            color: Theme.textMuted
        }

        ListView {
            id: results
            objectName: "searchResults"
            Layout.fillWidth: true
            Layout.leftMargin: panel.sideMargin
            Layout.rightMargin: panel.sideMargin
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gapSmall
            boundsBehavior: Flickable.StopAtBounds
            model: panel.names.resultsModel
            delegate: Item {
                id: result
                required property string key
                required property string name
                required property string strengthText
                required property string why
                required property bool weak
                required property int personId
                required property int index
                objectName: "searchResult" + index
                width: results.width
                height: Math.max(Theme.touchMin, lines.implicitHeight + Theme.gapSmall)
                Column {
                    id: lines
                    width: parent.width
                    anchors.verticalCenter: parent.verticalCenter
                    KText {
                        width: parent.width
                        text: result.name
                        font.family: Theme.serif
                        font.pixelSize: Theme.subheadingSize
                    }
                    KText {
                        objectName: "resultWhy"
                        width: parent.width
                        text: result.strengthText + (result.why !== "" ? " — " + result.why : "")
                        color: result.weak ? Theme.text : Theme.textMuted
                        font.pixelSize: Theme.metaSize
                        font.italic: result.weak
                    }
                }
                TapHandler {
                    onTapped: panel.names.openPerson(result.key, result.personId)
                }
            }
        }

        NameKeyboard {
            id: keyboard
            objectName: "nameKeyboard"
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            language: panel.language
            keyNames: ({
                "shift": qsTr("Shift"),
                "backspace": qsTr("Backspace"),
                "space": qsTr("Space"),
                "apostrophe": qsTr("Apostrophe"),
                "hyphen": qsTr("Hyphen"),
                "clear": qsTr("Clear")
            })
            onTextChanged: panel.names.search(text)
            // the controller's query (a new visit empties it; the screenshots set it)
            Component.onCompleted: text = panel.names.query
        }
    }

    Connections {
        target: panel.names
        function onQueryChanged() {
            if (keyboard.text !== panel.names.query)
                keyboard.text = panel.names.query;
        }
    }
}
