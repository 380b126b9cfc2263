pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import Kiosk

// One section of the history: its title, its image if it has one, and its text in a reading
// column that scrolls (the list of sections and the sources line are the screen's). A
// sensitive section not yet chosen shows its advisory instead, with two equal choices.
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

    ColumnLayout {
        id: layout
        anchors.fill: parent
        visible: !page.showAdvisory
        spacing: Theme.gap

        Heading {
            objectName: "sectionTitle"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            // a long title on a short page gives way (a smaller size) rather than push the
            // text off the page
            Layout.fillHeight: true
            Layout.maximumHeight: implicitHeight
            Layout.minimumHeight: Math.min(implicitHeight, page.height * 0.25)
            fontSizeMode: Text.VerticalFit
            minimumPixelSize: Math.round(Theme.headingSize * 0.7)
            text: page.title
        }
        Image {
            id: picture
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            // the picture gives way first when the page is short
            Layout.preferredHeight: visible ? Math.min(page.height * 0.3, width * 0.6) : 0
            Layout.minimumHeight: 0
            visible: page.imageUrl !== ""
            // only once its size is known: the picture is decoded once, at the size shown
            source: width > 0 && Layout.preferredHeight > 0 ? page.imageUrl : ""
            fillMode: Image.PreserveAspectFit
            horizontalAlignment: Image.AlignLeft
            sourceSize.width: Math.round(width)
            sourceSize.height: Math.round(Layout.preferredHeight)
        }
        KText {
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.measure
            Layout.minimumHeight: implicitHeight
            visible: page.imageUrl !== "" && text !== ""
            text: [page.imageAlt, page.imageCredit].filter(t => t !== "").join(" · ")
            color: Theme.textMuted
            font.pixelSize: Theme.metaSize
        }

        ReadingPane {
            id: reading
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: Theme.measure
            Layout.alignment: Qt.AlignTop | Qt.AlignLeft
            // room for a few lines and the More button, whatever the picture above
            Layout.minimumHeight: Math.min(naturalHeight, Theme.touchMin + Theme.gap + Theme.bodySize * 2.8)

            KText {
                objectName: "sectionBody"
                width: parent.width
                text: page.body
                lineHeight: Theme.bodyLineHeight
            }
        }
    }
}
