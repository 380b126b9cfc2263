pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// One person's card, over the names: the photo where there is one, the name as recorded and
// its other spellings, dates, age, place, fate, family members (a tap opens theirs) and the
// source. Every unknown is said as unknown (NamesController words it), never left blank.
Item {
    id: overlay

    required property NamesController names
    readonly property var card: names.card
    // a layer of its own for the layout test: its texts may cover what lies beneath
    readonly property bool layoutLayer: true

    visible: names.cardOpen
    enabled: visible

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        opacity: 0.8
    }
    MouseArea {
        anchors.fill: parent
        onClicked: overlay.names.closeCard()
    }

    Rectangle {
        id: box
        objectName: "personCard"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin * (parent.width > parent.height ? 1 : 0.5), Theme.measure + 2 * Theme.gapLarge)
        height: Math.min(parent.height - 2 * Theme.margin * 0.6, column.implicitHeight + 2 * Theme.gapLarge)
        color: Theme.surface
        radius: Theme.radius
        border.width: Theme.borderWidth
        border.color: Theme.outline

        MouseArea { anchors.fill: parent }

        ColumnLayout {
            id: column
            anchors { fill: parent; margins: Theme.gapLarge }
            spacing: Theme.gap

            ReadingPane {
                id: reading
                objectName: "cardPane"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: naturalHeight
                fadeColor: Theme.surface
                spacing: Theme.gapSmall

                Image {
                    width: parent.width
                    height: visible ? Math.min(width * 0.6, overlay.height * 0.3) : 0
                    visible: (overlay.card.photoUrl ?? "") !== ""
                    // only once its width is known: the photo is decoded once, at the size shown
                    source: width > 0 ? (overlay.card.photoUrl ?? "") : ""
                    fillMode: Image.PreserveAspectFit
                    horizontalAlignment: Image.AlignLeft
                    sourceSize.width: Math.round(width)
                }
                Heading {
                    objectName: "cardName"
                    width: parent.width
                    text: overlay.card.name ?? ""
                    font.pixelSize: Theme.headingSize
                }
                KText {
                    objectName: "cardSpellings"
                    width: parent.width
                    visible: text !== ""
                    text: (overlay.card.otherSpellings ?? "") !== ""
                        ? qsTr("Also written: %1").arg(overlay.card.otherSpellings) : ""
                    color: Theme.textMuted
                    font.pixelSize: Theme.metaSize
                }
                Repeater {
                    model: [
                        { "name": "cardBorn", "label": qsTr("Born"), "text": overlay.card.born ?? "" },
                        { "name": "cardDied", "label": qsTr("Died"), "text": overlay.card.died ?? "" },
                        { "name": "cardAge", "label": qsTr("Age"), "text": overlay.card.age ?? "" },
                        { "name": "cardPlace", "label": qsTr("Place"), "text": overlay.card.place ?? "" },
                        { "name": "cardFate", "label": qsTr("Fate"), "text": overlay.card.fate ?? "" },
                        { "name": "cardSource", "label": qsTr("Source"), "text": overlay.card.source ?? "" }
                    ]
                    Row {
                        id: fact
                        required property var modelData
                        width: reading.width
                        spacing: Theme.gap
                        KText {
                            width: Math.round(parent.width * 0.28)
                            text: fact.modelData.label
                            color: Theme.textMuted
                            font.pixelSize: Theme.metaSize
                            topPadding: Theme.px(4)
                        }
                        KText {
                            objectName: fact.modelData.name
                            width: parent.width - Math.round(parent.width * 0.28) - parent.spacing
                            text: fact.modelData.text
                        }
                    }
                }
                KText {
                    width: parent.width
                    visible: text !== ""
                    text: overlay.card.notes ?? ""
                    lineHeight: Theme.bodyLineHeight
                }
                KText {
                    width: parent.width
                    visible: (overlay.card.family ?? []).length > 0
                    topPadding: Theme.gapSmall
                    text: qsTr("Family")
                    color: Theme.textMuted
                    font.pixelSize: Theme.metaSize
                }
                Repeater {
                    model: overlay.card.family ?? []
                    KButton {
                        required property var modelData
                        required property int index
                        objectName: "familyLink" + index
                        width: reading.width
                        kind: "quiet"
                        horizontalAlignment: Text.AlignLeft
                        text: modelData.name + " · " + modelData.relation
                        onClicked: overlay.names.openPerson(modelData.key, modelData.personId)
                    }
                }
            }

            KButton {
                objectName: "cardClose"
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("Close")
                glyph: "close"
                onClicked: overlay.names.closeCard()
            }
        }
    }

    Connections {
        target: overlay.names
        function onCardChanged() {
            reading.rewind();
        }
    }
}
