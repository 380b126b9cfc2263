"""Waiting until the window shows what the controllers say: no image loading, a frame drawn.

Used by the screenshots, the self-test and the tests; it polls (events, then a check) rather
than sleeping a fixed time.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow


def iter_items(item: QQuickItem):  # type: ignore[no-untyped-def]
    """Every item under ``item`` in the visual tree (delegates and loaded screens included)."""
    stack = [item]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.childItems())


def _image_loading(item: QQuickItem) -> bool:
    # PySide cannot convert QQuickImageBase::Status; let QML compare it.
    context = QQmlEngine.contextForObject(item)
    if context is None:
        return False
    value, _undefined = QQmlExpression(context, item, "status === Image.Loading").evaluate()
    return bool(value)


def _loading(window: QQuickWindow) -> bool:
    return any(
        item.metaObject().className() == "QQuickImage" and _image_loading(item)
        for item in iter_items(window.contentItem())
    )


def settle(window: QQuickWindow, timeout_s: float = 3.0, rounds: int = 3) -> None:
    """Process events until images have loaded and layouts have run (or ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    app = QCoreApplication.instance()
    while time.monotonic() < deadline:
        for _ in range(rounds):
            if app is not None:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if not _loading(window):
            break
        time.sleep(0.01)
    if app is not None:
        app.processEvents()


def find_item(root: QObject, name: str) -> QQuickItem | None:
    """The first visible item with ``objectName`` ``name`` under ``root`` (a window or item)."""
    start = root.contentItem() if isinstance(root, QQuickWindow) else root
    for item in iter_items(start):  # type: ignore[arg-type]
        if item.objectName() == name and item.isVisible():
            found: QQuickItem = item
            return found
    return None
