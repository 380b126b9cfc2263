pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The ways into the exhibit, one sentence on where to begin, the language and the reading
// choices. In portrait the tiles sit in the lower part of the screen (Theme.seatedReach) and
// every choice in the bottom bar, within a seated visitor's reach.
Item {
    id: screen

    required property ContentController content
    required property Navigator navigator
    required property LanguageController language
    required property Accessibility accessibility

    readonly property bool portrait: height > width

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            Layout.bottomMargin: Theme.gap
            spacing: Theme.gap

            Heading {
                objectName: "homeTitle"
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.measure * 1.4
                text: screen.content.title
            }
            KText {
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.measure
                visible: text !== ""
                text: screen.content.subtitle
                color: Theme.textMuted
                font.pixelSize: Theme.subheadingSize
            }

            Item { Layout.fillHeight: true; Layout.minimumHeight: Theme.gap }

            KText {
                // where to begin, in one sentence, just above the tiles it speaks of
                objectName: "homeBegin"
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.measure * 1.4
                visible: screen.navigator.tiles.length > 0
                text: qsTr("To begin, touch %1, or any part below.")
                    .arg(screen.navigator.tiles.length > 0 ? qsTranslate("HomeScreen", screen.navigator.tiles[0].title) : "")
            }

            GridLayout {
                id: tiles
                readonly property bool lying: screen.portrait
                Layout.fillWidth: true
                // upright tiles are as tall as their words need; lying ones share the part of the
                // screen a seated visitor reaches (never less than their words need)
                readonly property real reach: screen.height * Theme.seatedReach - bar.height - Theme.gapLarge
                Layout.fillHeight: lying
                Layout.preferredHeight: lying ? reach : tallest
                Layout.maximumHeight: lying ? Math.max(implicitHeight, reach) : tallest
                Layout.minimumHeight: lying ? implicitHeight : tallest
                // tilesMade: read again as each tile is made (itemAt() alone does not notify)
                property int tilesMade: 0
                readonly property real tallest: {
                    let tallest = 0;
                    for (let i = 0; i < tilesMade && i < tileRepeater.count; ++i) {
                        const tile = tileRepeater.itemAt(i) as Tile;
                        if (tile)
                            tallest = Math.max(tallest, tile.implicitHeight);
                    }
                    return tallest;
                }
                columns: lying ? 1 : Math.max(1, tileRepeater.count)
                rowSpacing: lying ? Theme.gapSmall : Theme.gap
                columnSpacing: Theme.gap

                // One tile per screen the registry gives a tile (kiosk.ui.screens); its words are
                // the "HomeScreen" context's source texts, translated here.
                Repeater {
                    id: tileRepeater
                    model: screen.navigator.tiles
                    onItemAdded: tiles.tilesMade += 1
                    onItemRemoved: tiles.tilesMade -= 1
                    Tile {
                        required property var modelData
                        objectName: "tile" + modelData.name.charAt(0).toUpperCase() + modelData.name.slice(1)
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.preferredWidth: 1
                        Layout.preferredHeight: 1
                        Layout.minimumHeight: implicitHeight
                        lying: tiles.lying
                        motif: modelData.motif
                        text: qsTranslate("HomeScreen", modelData.title)
                        description: qsTranslate("HomeScreen", modelData.description)
                        onClicked: screen.navigator.go(modelData.name)
                    }
                }
            }
        }

        BottomBar {
            id: bar
            objectName: "homeBar"
            Layout.fillWidth: true

            Row {
                id: languages
                objectName: "languageChoice"
                Layout.alignment: Qt.AlignLeft | Qt.AlignVCenter
                spacing: Theme.gapSmall
                Repeater {
                    model: screen.language.canChoose ? screen.language.choices : []
                    KButton {
                        required property var modelData
                        objectName: "language_" + modelData.code
                        text: modelData.name
                        checkable: true
                        checked: screen.language.current === modelData.code
                        kind: "quiet"
                        onClicked: {
                            screen.language.choose(modelData.code);
                            checked = Qt.binding(() => screen.language.current === modelData.code);
                        }
                    }
                }
            }
            Item { Layout.fillWidth: true }
        }
    }
}
