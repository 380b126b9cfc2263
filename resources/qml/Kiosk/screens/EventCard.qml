import QtQuick
import QtQuick.Layouts
import QtQuick.Templates as T
import Kiosk

// One event on the timeline: its date (once), its title and the curator's short summary (or
// the start of its text), never cut in the middle of a word; a tap opens it. An event the
// source does not date says so. Light by design (a few texts, no image): 10,000 of these
// scroll without Python.
T.AbstractButton {
    id: card

    required property int index
    required property string title
    required property string excerpt
    required property string dateText
    required property string era
    required property bool eraStart
    // the screen already names this era (portrait's heading): the marker stays, the label goes
    property bool eraNamedAbove: false
    property real axisY: height - Theme.px(40)

    focusPolicy: Qt.NoFocus
    hoverEnabled: false

    // the era marker: a line and the era's name where a new era begins
    Rectangle {
        visible: card.eraStart
        x: 0
        y: 0
        width: Theme.borderWidth
        height: card.axisY
        color: Theme.accent
    }
    KText {
        id: eraLabel
        objectName: "eraLabel"
        visible: card.eraStart && !card.eraNamedAbove
        x: Theme.px(20)
        y: 0
        width: card.width - Theme.px(28)
        text: card.era
        color: Theme.accent
        font.pixelSize: Theme.metaSize
        font.weight: Font.DemiBold
        maximumLineCount: 1
        elide: Text.ElideRight
        elideByDesign: true
    }

    Rectangle {
        id: panel
        x: Theme.px(20)
        y: Theme.px(20) + eraLabel.font.pixelSize * 1.6
        width: card.width - Theme.px(40)
        height: card.axisY - y - Theme.px(36)
        radius: Theme.radius
        color: card.pressed ? Theme.pressed : Theme.control
        border.width: Theme.borderWidth
        border.color: Theme.controlOutline

        ColumnLayout {
            id: column
            // "Tap to read" steps aside when a short card (a small screen, large text) has no
            // room for it beside the date and the title (the card's look still says "touch")
            readonly property bool roomForTap: height >= date.implicitHeight + heading.implicitHeight
                + tap.implicitHeight + 3 * spacing
            anchors {
                fill: parent
                margins: Theme.px(28)
            }
            spacing: Theme.gapSmall

            KText {
                id: date
                objectName: "eventDate"
                Layout.fillWidth: true
                text: card.dateText !== "" ? card.dateText : qsTr("The source gives no date")
                color: card.dateText !== "" ? Theme.accent : Theme.textMuted
                font.pixelSize: card.dateText !== "" ? Theme.subheadingSize : Theme.metaSize
                maximumLineCount: 2
                elide: Text.ElideRight
                elideByDesign: true
            }
            KText {
                id: heading
                objectName: "eventTitle"
                Layout.fillWidth: true
                text: card.title
                font.family: Theme.serif
                font.pixelSize: Theme.headingSize
                lineHeight: 1.1
                maximumLineCount: 3
                elide: Text.ElideRight
                elideByDesign: true
            }
            KText {
                id: summary
                objectName: "eventExcerpt"
                // What fits of the summary, in whole lines and whole words, with an ellipsis
                // when shortened; it takes the room the other texts leave, never more.
                readonly property string full: card.excerpt
                readonly property int lines: Math.floor(height / (metrics.height * lineHeight))
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: 0
                Layout.minimumHeight: 0
                color: Theme.textMuted
                lineHeight: Theme.bodyLineHeight
                maximumLineCount: Math.max(1, lines)
                elideByDesign: true
                // where not even one line fits (a short screen, large text), none is shown
                visible: lines >= 1
                onFullChanged: Qt.callLater(fit)
                onWidthChanged: Qt.callLater(fit)
                onMaximumLineCountChanged: Qt.callLater(fit)
                Component.onCompleted: fit()

                function fit() {
                    text = full;
                    if (!truncated)
                        return;
                    const words = full.split(" ");
                    let lo = 1;
                    let hi = words.length - 1;
                    let best = "";
                    while (lo <= hi) {
                        const mid = (lo + hi) >> 1;
                        text = words.slice(0, mid).join(" ").replace(/[,;:.\u2014\u2013-]+$/, "") + "\u2026";
                        if (!truncated) {
                            best = text;
                            lo = mid + 1;
                        } else {
                            hi = mid - 1;
                        }
                    }
                    text = best;
                }

                FontMetrics {
                    id: metrics
                    font: summary.font
                }
            }
            KText {
                id: tap
                Layout.fillWidth: true
                visible: column.roomForTap
                text: qsTr("Tap to read")
                color: Theme.accent
                font.pixelSize: Theme.metaSize
                maximumLineCount: 1
                elide: Text.ElideRight
                elideByDesign: true
            }
        }
    }

    // the axis dot under the card
    Rectangle {
        width: Theme.px(18)
        height: width
        radius: width / 2
        x: panel.x + Theme.px(28)
        y: card.axisY - height / 2
        color: Theme.accent
    }
}
