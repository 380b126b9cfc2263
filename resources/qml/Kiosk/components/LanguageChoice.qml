pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk.Backend
import Kiosk

// The visit's language, from any screen's bottom bar: one short button per language of the
// bundle ("AZ", "RU", "EN") where the bar has room; where it has not, one button with the
// current language's short name that opens the list of their own names above it. Choosing
// keeps the visitor where they were (the controllers keep the screen, section and event).
// Placed into a bar's row with one line: LanguageChoice { language: screen.language }
Item {
    id: choice

    required property LanguageController language
    // the row's width left over by the other controls of the bar decides the form
    readonly property real spare: {
        const row = parent;
        if (!row || !row.children)
            return Infinity;
        let taken = 0;
        for (let i = 0; i < row.children.length; ++i) {
            const other = row.children[i];
            if (other !== choice && other.visible)
                taken += other.implicitWidth + Theme.gap;
        }
        return row.width - taken;
    }
    // the short buttons need this much of the row (a test may ask for more to see the list)
    property real compactWidth: buttons.implicitWidth
    readonly property bool compact: spare < compactWidth
    property bool listOpen: false

    objectName: "barLanguageChoice"
    visible: language.canChoose
    implicitWidth: compact ? menuButton.implicitWidth : buttons.implicitWidth
    implicitHeight: Math.max(buttons.implicitHeight, menuButton.implicitHeight)

    Connections {
        target: choice.language
        function onCurrentChanged() {
            choice.listOpen = false;
        }
    }

    Row {
        id: buttons
        visible: !choice.compact
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.gapSmall
        Repeater {
            model: choice.language.choices
            KButton {
                required property var modelData
                objectName: "barLanguage_" + modelData.code
                text: modelData.short
                Accessible.name: modelData.name
                leftPadding: Theme.px(20)
                rightPadding: Theme.px(20)
                checkable: true
                checked: choice.language.current === modelData.code
                kind: "quiet"
                onClicked: {
                    choice.language.choose(modelData.code);
                    checked = Qt.binding(() => choice.language.current === modelData.code);
                }
            }
        }
    }

    KButton {
        id: menuButton
        objectName: "barLanguageMenu"
        visible: choice.compact
        anchors.verticalCenter: parent.verticalCenter
        text: {
            for (const c of choice.language.choices)
                if (c.code === choice.language.current)
                    return c.short;
            return "";
        }
        leftPadding: Theme.px(20)
        rightPadding: Theme.px(20)
        checkable: true
        checked: choice.listOpen
        kind: "quiet"
        onClicked: {
            choice.listOpen = !choice.listOpen;
            checked = Qt.binding(() => choice.listOpen);
        }
    }

    Item {
        // the list, opened upward from the button over the screen: a layer of the window (a
        // touch outside a parent's bounds does not reach its children), where a touch anywhere
        // outside the list closes it again
        id: layer
        readonly property bool layoutLayer: true
        property point at: Qt.point(0, 0)
        parent: choice.Window.contentItem
        anchors.fill: parent
        z: 800
        visible: choice.compact && choice.listOpen
        onVisibleChanged: if (visible) at = menuButton.mapToItem(layer, 0, 0)

        MouseArea {
            anchors.fill: parent
            onClicked: choice.listOpen = false
        }

        Rectangle {
            objectName: "barLanguageList"
            x: Math.max(Theme.gapSmall, Math.min(layer.at.x, layer.width - width - Theme.gapSmall))
            y: layer.at.y - height - Theme.gap
            width: list.implicitWidth + 2 * Theme.gapSmall
            height: list.implicitHeight + 2 * Theme.gapSmall
            color: Theme.surface
            radius: Theme.radius
            border.width: Theme.borderWidth
            border.color: Theme.outline

            MouseArea { anchors.fill: parent } // a touch between the names keeps it open

            Column {
                id: list
                anchors.centerIn: parent
                spacing: Theme.gapSmall
                readonly property real widest: {
                    let w = 0;
                    for (let i = 0; i < made && i < names.count; ++i) {
                        const b = names.itemAt(i) as KButton;
                        if (b)
                            w = Math.max(w, b.implicitWidth);
                    }
                    return w;
                }
                property int made: 0
                Repeater {
                    id: names
                    model: choice.language.choices
                    onItemAdded: list.made += 1
                    onItemRemoved: list.made -= 1
                    KButton {
                        required property var modelData
                        objectName: "barLanguageItem_" + modelData.code
                        width: list.widest
                        horizontalAlignment: Text.AlignLeft
                        text: modelData.name
                        checkable: true
                        checked: choice.language.current === modelData.code
                        kind: "quiet"
                        onClicked: {
                            choice.language.choose(modelData.code);
                            choice.listOpen = false;
                            checked = Qt.binding(() => choice.language.current === modelData.code);
                        }
                    }
                }
            }
        }
    }
}
