import QtQuick
import Kiosk

KText {
    font.family: Theme.serif
    font.pixelSize: Theme.titleSize
    lineHeight: 1.12
}
