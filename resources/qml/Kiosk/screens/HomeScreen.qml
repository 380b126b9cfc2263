pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The four ways into the exhibit, the language and the reading choices. In portrait the tiles
// sit in the lower half and every choice in the bottom bar, within a seated visitor's reach.
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
            Layout.bottomMargin: Theme.gapLarge
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

            GridLayout {
                id: tiles
                readonly property bool lying: screen.portrait
                Layout.fillWidth: true
                // upright tiles are as tall as their words need; lying ones share the lower half
                Layout.fillHeight: lying
                Layout.preferredHeight: lying ? screen.height * 0.52 : tallest
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
                rowSpacing: Theme.gap
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
            Layout.fillWidth: true

            GridLayout {
                id: choices
                readonly property bool stacked: languages.implicitWidth + toggles.implicitWidth + Theme.gapLarge > screen.width - 2 * Theme.margin + Theme.px(48)
                Layout.fillWidth: true
                columns: stacked ? 1 : 2
                rowSpacing: Theme.gapSmall
                columnSpacing: Theme.gapLarge

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
                RowLayout {
                    id: toggles
                    Layout.fillWidth: true
                    spacing: Theme.gapSmall
                    Item {
                        Layout.fillWidth: !choices.stacked
                    }
                    KButton {
                        objectName: "toggleLargeText"
                        text: qsTr("Larger text")
                        glyph: checked ? "check" : ""
                        checkable: true
                        checked: screen.accessibility.largeText
                        kind: "quiet"
                        onClicked: {
                            screen.accessibility.largeText = checked;
                            checked = Qt.binding(() => screen.accessibility.largeText);
                        }
                    }
                    KButton {
                        objectName: "toggleHighContrast"
                        text: qsTr("Higher contrast")
                        glyph: checked ? "check" : ""
                        checkable: true
                        checked: screen.accessibility.highContrast
                        kind: "quiet"
                        onClicked: {
                            screen.accessibility.highContrast = checked;
                            checked = Qt.binding(() => screen.accessibility.highContrast);
                        }
                    }
                    Item {
                        Layout.fillWidth: choices.stacked
                    }
                }
            }
        }
    }
}
