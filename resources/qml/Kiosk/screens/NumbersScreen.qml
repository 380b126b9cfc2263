import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// The figures, large; a whole with parts shows them as parts of it. One line below them
// opens the sources of them all (SourcesPanel), rather than a "Source: ..." under each.
Item {
    id: screen

    required property ContentController content
    required property Navigator navigator
    required property LanguageController language
    required property SourcesController sources

    readonly property int columns: Math.max(1, Math.min(3, Math.floor((width - 2 * Theme.margin + Theme.gap) / (Theme.measure * 0.62 + Theme.gap))))
    // Where each card goes: a figure with parts takes a whole row; the others share rows,
    // as evenly as possible (8 in threes: 3, 3, 2), each row's cards equally wide.
    readonly property var slots: layoutSlots(screen.content.statistics.count, columns)

    function layoutSlots(count, cols) {
        const model = screen.content.statistics;
        const out = [];
        let run = [];
        let row = 0;
        function flush() {
            if (run.length === 0)
                return;
            const rows = Math.ceil(run.length / cols);
            let start = 0;
            for (let r = 0; r < rows; ++r) {
                const size = Math.floor(run.length / rows) + (r < run.length % rows ? 1 : 0);
                for (let j = 0; j < size; ++j)
                    out[run[start + j]] = { row: row, share: size };
                start += size;
                row += 1;
            }
            run = [];
        }
        for (let i = 0; i < count; ++i) {
            if (model.get(i, "hasParts")) {
                flush();
                out[i] = { row: row, share: 1 };
                row += 1;
            } else {
                run.push(i);
            }
        }
        flush();
        return out;
    }

    function rowHeight(index) {
        const slot = slots[index];
        let tallest = 0;
        for (let i = 0; i < cards.count; ++i) {
            const other = slots[i];
            const item = cards.itemAt(i);
            if (other && item && other.row === slot.row)
                tallest = Math.max(tallest, item.implicitHeight);
        }
        return tallest;
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin
            spacing: Theme.gapSmall
            Eyebrow {
                Layout.fillWidth: true
                text: qsTr("In numbers")
            }
        }

        ReadingPane {
            id: pane
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: Theme.gap

            Flow {
                id: flow
                objectName: "figures"
                x: Theme.margin
                width: parent.width - 2 * Theme.margin
                spacing: Theme.gap

                Repeater {
                    id: cards
                    model: screen.content.statistics
                    StatCard {
                        required property int index
                        readonly property var slot: screen.slots[index] || { row: 0, share: 1 }
                        width: Math.floor((flow.width - (slot.share - 1) * flow.spacing) / slot.share)
                        height: screen.rowHeight(index)
                    }
                }
            }
        }

        SourcesLine {
            Layout.maximumWidth: screen.width - 2 * Theme.margin
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.gap
            Layout.bottomMargin: Theme.gap
            visible: sources.length > 0
            screenName: "numbers"
            controller: screen.sources
        }

        BottomBar {
            Layout.fillWidth: true
            HomeButton {
                onClicked: screen.navigator.home()
            }
            LanguageChoice { language: screen.language }
            Item { Layout.fillWidth: true }
        }
    }

    SourcesPanel {
        anchors.fill: parent
        controller: screen.sources
        screenName: "numbers"
    }
}
