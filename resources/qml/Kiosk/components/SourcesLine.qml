import QtQuick
import Kiosk.Backend
import Kiosk

// One line per screen that names where its texts come from and opens the sources panel
// (SourcesPanel) with each source and its note; it replaces a "Source: ..." under every card.
KButton {
    id: line

    required property SourcesController controller
    required property string screenName
    readonly property var sources: controller.byScreen[screenName] || []

    objectName: "sourcesLine"
    kind: "quiet"
    glyph: "next"
    glyphAfter: true
    horizontalAlignment: Text.AlignLeft
    textSize: Theme.metaSize
    text: sources.length === 1 ? qsTr("Source: %1").arg(sources[0].title)
        : sources.length > 1 ? qsTr("Sources: %1 and %n more", "", sources.length - 1).arg(sources[0].title)
        : ""
    onClicked: controller.open(screenName)
}
