pragma ComponentBehavior: Bound
import QtQuick
import Kiosk.Backend
import Kiosk

// The technician's layer above the exhibit: a hidden corner that counts taps, the PIN pad, the
// admin screen and the screen/touch test pattern. Visitors see none of it.
Item {
    id: host

    required property AdminController admin
    property bool adminOpen: false

    // Five taps here within three seconds open the PIN pad (see INSTALL.md). Top-left, one touch
    // target square: no visitor control lives there, so a visitor's tap is never taken.
    MouseArea {
        objectName: "adminCorner"
        x: 0
        y: 0
        width: Theme.touchMin
        height: Theme.touchMin
        enabled: !host.adminOpen && !host.admin.pinPadOpen
        onClicked: host.admin.cornerTap()
        // a tap must still count as activity for the idle timer: propagate nothing else
    }

    // The pad, the admin screen and the test pattern exist only while they are open: a
    // visitor's kiosk never builds them (nor their fonts), and each opens fresh.
    Loader {
        anchors.fill: parent
        active: host.admin.pinPadOpen
        sourceComponent: PinPad {
            admin: host.admin
        }
    }

    Loader {
        anchors.fill: parent
        active: host.adminOpen && !host.admin.testPattern
        sourceComponent: AdminScreen {
            admin: host.admin
        }
    }

    Loader {
        anchors.fill: parent
        active: host.adminOpen && host.admin.testPattern
        sourceComponent: TestPattern {
            onDone: host.admin.showTestPattern(false)
        }
    }

    // Above the pad and the admin screen, taking no touch from them: while either is open, a
    // press anywhere tells the controller the technician is still there. Without one for the
    // idle timeout, the pad closes and the admin screen returns to the exhibit.
    Item {
        objectName: "adminTouchWatcher"
        anchors.fill: parent
        PointHandler {
            enabled: host.adminOpen || host.admin.pinPadOpen
            onActiveChanged: if (active) host.admin.touched()
        }
    }
}
