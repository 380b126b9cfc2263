"""``settle`` waits for the state a person would see, not for a number of event-loop rounds:
layouts polished, delegates fully built (so the layout test never measures a half-done frame)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickImageProvider, QQuickItem, QQuickWindow

from kiosk.ui.tools.settle import find_item, incubating, polish_scheduled, settle

QML = b"""
import QtQuick
import QtQuick.Layouts
Window {
    width: 800; height: 600; visible: true
    property int wide: 100
    RowLayout {
        objectName: "row"
        anchors.fill: parent
        Rectangle { objectName: "first"; Layout.preferredWidth: wide; Layout.fillHeight: true }
        Rectangle { objectName: "second"; Layout.fillWidth: true; Layout.fillHeight: true }
    }
    ListView {
        objectName: "list"
        y: 300; width: 800; height: 100
        orientation: ListView.Horizontal
        cacheBuffer: 4000
        model: 0
        delegate: ColumnLayout {
            width: 200; height: 100
            Text { objectName: "cell"; Layout.fillWidth: true; wrapMode: Text.Wrap
                   text: "A text long enough to wrap inside its delegate " + index }
        }
    }
}
"""


@pytest.fixture
def window(qapp: Any) -> Iterator[QQuickWindow]:
    engine = QQmlApplicationEngine()
    engine.loadData(QML)
    root = engine.rootObjects()[0]
    assert isinstance(root, QQuickWindow)
    assert settle(root)
    yield root
    root.close()
    engine.deleteLater()


def _item(window: QQuickWindow, name: str) -> QQuickItem:
    found = find_item(window, name)
    assert found is not None
    return found


def test_qt_can_be_asked_whether_a_layout_is_pending(window: QQuickWindow) -> None:
    """The probe answers (it is what makes settle exact on Linux) and says yes after a change."""
    assert polish_scheduled(window) is False
    window.setProperty("wide", 300)
    assert polish_scheduled(window) is True


def test_settle_waits_for_the_layout_pass(window: QQuickWindow) -> None:
    """A change to a layout's child shows in the geometry once settle returns, not before."""
    second = _item(window, "second")
    assert second.x() == pytest.approx(100, abs=10)
    window.setProperty("wide", 300)
    assert second.x() == pytest.approx(100, abs=10)  # Qt lays out at the next frame
    assert settle(window)
    assert polish_scheduled(window) is False
    assert second.x() == pytest.approx(300, abs=10)


def test_settle_waits_for_delegates_built_between_frames(window: QQuickWindow) -> None:
    """A view builds the delegates of its cache in steps between frames; settle waits for all."""
    view = _item(window, "list")
    view.setProperty("model", 40)
    assert settle(window)
    assert incubating(window) == 0
    cells = [c for d in view.property("contentItem").childItems() for c in d.childItems()]
    assert len(cells) >= 20  # the cache was built, not only the four in view
    assert all(c.width() == pytest.approx(200, abs=1) for c in cells)


class _HeldProvider(QQuickImageProvider):
    """Hands out its picture only once the test lets it (on Qt's image thread)."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self.release = threading.Event()

    def requestImage(self, _id: str, size: Any, _requested: Any) -> QImage:
        self.release.wait(10)
        image = QImage(40, 30, QImage.Format.Format_RGB32)
        image.fill(0x336699)
        return image


def test_settle_waits_for_an_image_still_loading(qapp: Any) -> None:
    """An image loading on a worker thread keeps the window unsettled until it has arrived."""
    provider = _HeldProvider()
    engine = QQmlApplicationEngine()
    engine.addImageProvider("held", provider)
    engine.loadData(
        b"import QtQuick\nWindow { width: 200; height: 200; visible: true\n"
        b"  Image { objectName: 'picture'; asynchronous: true; source: 'image://held/a' } }"
    )
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    try:
        assert not settle(window, timeout_s=0.3)  # still loading: not at rest
        provider.release.set()
        assert settle(window)
        assert _item(window, "picture").width() == 40
    finally:
        provider.release.set()
        window.close()
        engine.deleteLater()
