import QtQuick
import Kiosk

// The small accent line above a heading that says where the visitor is ("History").
KText {
    color: Theme.accent
    font.pixelSize: Theme.metaSize
    font.letterSpacing: Theme.px(1.5)
    font.weight: Font.DemiBold
}
