"""The layout inspector itself finds what it is meant to find (so a green layout test means
something)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.ui.tools.settle import settle

from .layout import inspect

BROKEN = b"""
import QtQuick
import QtQuick.Templates as T
Window {
    width: 800; height: 600; visible: true
    Item {
        anchors.fill: parent
        property bool layoutLayer: true
        Text { x: -60; y: 10; text: "leaves the window"; font.pixelSize: 30 }
        Text { x: 10; y: 100; width: 80; text: "cut off without a reason"
               elide: Text.ElideRight; font.pixelSize: 30 }
        Text { x: 10; y: 200; text: "first"; font.pixelSize: 30 }
        Text { x: 20; y: 205; text: "second"; font.pixelSize: 30 }
        Rectangle {
            x: 10; y: 300; width: 100; height: 60
            Text { text: "spills out of its box"; font.pixelSize: 30 }
        }
        Text { x: 10; y: 400; text: "tiny"; font.pixelSize: 10 }
        T.AbstractButton { x: 500; y: 500; width: 20; height: 20 }
        Text { x: 400; y: 100; width: 80; text: "designed elision"; elide: Text.ElideRight;
               property bool elideByDesign: true; font.pixelSize: 30 }
    }
}
"""

CLEAN = b"""
import QtQuick
Window {
    width: 800; height: 600; visible: true
    Item {
        anchors.fill: parent
        property bool layoutLayer: true
        Column {
            x: 20; y: 20; width: 400; spacing: 10
            Text { width: parent.width; text: "A heading"; font.pixelSize: 40 }
            Text { width: parent.width; wrapMode: Text.Wrap; font.pixelSize: 30
                   text: "A body of text that wraps over several lines inside its column." }
        }
        Rectangle { anchors.fill: parent; anchors.margins: 500; color: "black" }
        Text { x: 20; y: 400; text: "under an overlay"; font.pixelSize: 30 }
        Item {
            anchors.fill: parent
            property bool layoutLayer: true
            Text { x: 20; y: 400; text: "an overlay's text"; font.pixelSize: 30 }
        }
    }
}
"""


def _window(qapp: Any, data: bytes) -> Iterator[QQuickWindow]:
    engine = QQmlApplicationEngine()
    engine.loadData(data)
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    settle(window)
    yield window
    window.close()
    engine.deleteLater()


@pytest.fixture
def broken(qapp: Any) -> Iterator[QQuickWindow]:
    yield from _window(qapp, BROKEN)


@pytest.fixture
def clean(qapp: Any) -> Iterator[QQuickWindow]:
    yield from _window(qapp, CLEAN)


def test_inspector_finds_each_kind_of_problem(broken: QQuickWindow) -> None:
    """Leaving the window, cut off, overlap, spilling, tiny text, tiny target: all reported."""
    problems = "\n".join(inspect(broken, touch_min=80, text_min=28).problems)
    assert "leaves the window" in problems and "'leaves the window'" in problems
    assert "cut off: Text_" in problems or "cut off: QQuickText 'cut off" in problems
    assert "overlap:" in problems and "'first'" in problems
    assert "spills out of QQuickRectangle" in problems
    assert "text too small (10 px" in problems
    assert "touch target 20x20 < 80" in problems
    assert "designed elision" not in problems


def test_inspector_passes_a_clean_window(clean: QQuickWindow) -> None:
    """Wrapped text in a column, and an overlay's text over another layer, are fine."""
    report = inspect(clean, touch_min=80, text_min=28)
    assert report.problems == []
    assert report.texts == 4
