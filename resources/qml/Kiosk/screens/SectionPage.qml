pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// One section of the history. Landscape: the title (and image) on the left, the text in a
// reading column on the right. Portrait: one above the other. A sensitive section not yet
// chosen shows its advisory instead, with two equal choices.
Item {
    id: page

    required property int index
    required property string title
    required property string body
    required property int number
    required property bool sensitive
    required property string advisory
    required property bool revealed
    required property string source
    required property string sourceDetail
    required property string imageUrl
    required property string imageAlt
    required property string imageCredit
    required property HistoryController history

    readonly property bool portrait: height > width * 1.05
    readonly property bool showAdvisory: sensitive && !revealed

    Loader {
        anchors.fill: parent
        active: page.showAdvisory
        visible: active
        sourceComponent: Advisory {
            title: page.title
            advisory: page.advisory
            hasNext: page.history.hasNext
            onRead: page.history.read()
            onSkip: page.history.skip()
        }
    }

    GridLayout {
        id: layout
        anchors {
            fill: parent
            leftMargin: Theme.margin
            rightMargin: Theme.margin
            topMargin: Theme.margin
        }
        visible: !page.showAdvisory
        columns: page.portrait ? 1 : 2
        columnSpacing: Theme.gapLarge * 1.5
        rowSpacing: Theme.gap

        ColumnLayout {
            id: side
            Layout.alignment: Qt.AlignTop
            Layout.fillHeight: !page.portrait
            Layout.fillWidth: page.portrait
            Layout.preferredWidth: page.portrait ? -1 : Math.min(layout.width * 0.36, Theme.measure * 0.7)
            Layout.maximumWidth: page.portrait ? layout.width : layout.width * 0.4
            spacing: Theme.gap

            Eyebrow {
                Layout.fillWidth: true
                text: qsTr("History")
            }
            Heading {
                objectName: "sectionTitle"
                Layout.fillWidth: true
                // A long title beside the text gives way (a smaller size) rather than run
                // off the bottom of a short screen.
                Layout.fillHeight: !page.portrait
                Layout.maximumHeight: implicitHeight
                fontSizeMode: page.portrait ? Text.FixedSize : Text.VerticalFit
                minimumPixelSize: Math.round(Theme.headingSize * 0.8)
                text: page.title
            }
            Image {
                id: picture
                Layout.fillWidth: true
                Layout.preferredHeight: visible ? (page.portrait ? Math.min(page.height * 0.28, width * 0.6) : width * 0.7) : 0
                visible: page.imageUrl !== ""
                source: page.imageUrl
                asynchronous: true
                fillMode: Image.PreserveAspectFit
                horizontalAlignment: Image.AlignLeft
                sourceSize.width: Math.round(width)
                sourceSize.height: Math.round(Layout.preferredHeight)
            }
            KText {
                Layout.fillWidth: true
                visible: page.imageUrl !== "" && text !== ""
                text: [page.imageAlt, page.imageCredit].filter(t => t !== "").join(" · ")
                color: Theme.textMuted
                font.pixelSize: Theme.metaSize
            }
            Item {
                visible: !page.portrait
                Layout.fillHeight: true
            }
        }

        ReadingPane {
            id: reading
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: Theme.measure
            Layout.alignment: Qt.AlignTop | Qt.AlignLeft

            KText {
                objectName: "sectionBody"
                width: parent.width
                text: page.body
                lineHeight: Theme.bodyLineHeight
            }
            SourceNote {
                width: parent.width
                source: page.source
                detail: page.sourceDetail
            }
        }
    }
}
