"""A small window hosting the NameKeyboard alone, for its tests and screenshots.

It imports the Kiosk module and sets the Theme's sizes the way Main.qml does (short side, text
scale, contrast), so the keyboard is measured as a screen would show it: low on the screen,
under a line showing what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QSize
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk import paths
from kiosk.ui.tools.settle import find_item, settle

HOST_QML = b"""
import QtQuick
import Kiosk

Window {
    id: root
    property bool highContrast: false
    property real textScale: 1.0
    property string language: "az"
    readonly property bool portrait: height > width

    width: 1920
    height: 1080
    color: Theme.background

    Binding { target: Theme; property: "shortSide"; value: Math.min(root.width, root.height) }
    Binding { target: Theme; property: "highContrast"; value: root.highContrast }
    Binding { target: Theme; property: "textScale"; value: root.textScale }
    Binding { target: Theme; property: "motion"; value: false }

    Item {
        anchors.fill: parent
        property bool layoutLayer: true

        KText {
            objectName: "typed"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: keyboard.top
            anchors.margins: Theme.margin
            text: keyboard.text === "" ? " " : keyboard.text
            font.pixelSize: Theme.headingSize
        }

        NameKeyboard {
            id: keyboard
            objectName: "keyboard"
            language: root.language
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            // a portrait screen gives the keys its whole width; landscape keeps the margins
            anchors.leftMargin: root.portrait ? 0 : Theme.margin
            anchors.rightMargin: root.portrait ? 0 : Theme.margin
            anchors.bottomMargin: Theme.gap
            height: implicitHeight
        }
    }
}
"""


@dataclass
class Host:
    engine: QQmlApplicationEngine
    window: QQuickWindow

    @property
    def keyboard(self) -> QQuickItem:
        found = find_item(self.window, "keyboard")
        assert found is not None
        return found

    def set(self, **properties: object) -> None:
        """Set window properties (highContrast, textScale, language) and settle."""
        for name, value in properties.items():
            self.window.setProperty(name, value)
        settle(self.window)

    def resize(self, size: tuple[int, int]) -> None:
        self.window.resize(QSize(*size))
        settle(self.window)

    def close(self) -> None:
        if shiboken6.isValid(self.window):
            self.window.close()
        if shiboken6.isValid(self.engine):
            shiboken6.delete(self.engine)


def open_host(size: tuple[int, int] = (1920, 1080), language: str = "az") -> Host:
    """Load the host window, shown at ``size`` with the keyboard in ``language``'s layout."""
    engine = QQmlApplicationEngine()
    engine.addImportPath(str(paths.qml_dir()))
    engine.loadData(HOST_QML)
    roots = engine.rootObjects()
    assert roots, "the keyboard's host window did not load"
    window = roots[0]
    assert isinstance(window, QQuickWindow)
    window.setProperty("language", language)
    window.resize(QSize(*size))
    window.show()
    settle(window)
    return Host(engine, window)
