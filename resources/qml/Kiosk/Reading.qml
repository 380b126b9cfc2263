pragma Singleton
import QtQuick
import Kiosk.Backend

// The visit's reading choices (larger text, higher contrast), reachable from the bottom bar of
// every screen without each screen asking for them. Set by Main.qml.
QtObject {
    property Accessibility accessibility: null
}
