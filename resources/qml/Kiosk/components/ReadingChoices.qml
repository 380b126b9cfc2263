import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// Larger text and higher contrast: two toggles, in the bottom bar of every screen, so a
// visitor who needs them finds them wherever they are (not only on Home).
RowLayout {
    id: choices

    readonly property Accessibility accessibility: Reading.accessibility

    spacing: Theme.gapSmall
    visible: accessibility !== null

    KButton {
        objectName: "toggleLargeText"
        text: qsTr("Larger text")
        glyph: checked ? "check" : ""
        checkable: true
        checked: choices.accessibility !== null && choices.accessibility.largeText
        kind: "quiet"
        onClicked: {
            choices.accessibility.largeText = checked;
            checked = Qt.binding(() => choices.accessibility !== null && choices.accessibility.largeText);
        }
    }
    KButton {
        objectName: "toggleHighContrast"
        text: qsTr("Higher contrast")
        glyph: checked ? "check" : ""
        checkable: true
        checked: choices.accessibility !== null && choices.accessibility.highContrast
        kind: "quiet"
        onClicked: {
            choices.accessibility.highContrast = checked;
            checked = Qt.binding(() => choices.accessibility !== null && choices.accessibility.highContrast);
        }
    }
}
