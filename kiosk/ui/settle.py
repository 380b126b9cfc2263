"""Waiting until the window shows what the controllers say: no image loading, a frame drawn.

Used by the screenshots, the self-test and the tests; it polls (events, then a check) rather
than sleeping a fixed time.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QPointF
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
        # Outside exec() (screenshots, self-test, tests) deleteLater() would wait forever:
        # destroyed screens must really go, or every visit leaves its screens behind.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def on_screen(item: QQuickItem, width: float, height: float) -> bool:
    """True when the item's middle is inside a window of that size (not scrolled away).

    The window's size is passed in: PySide's ``QQuickItem.window()`` wrapper can delete the
    window when it is garbage-collected, so it is never called here.
    """
    middle = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return 0 <= middle.x() < width and 0 <= middle.y() < height


def find_item(root: QQuickWindow, name: str) -> QQuickItem | None:
    """The top-left-most visible, on-screen item with ``objectName`` ``name`` in ``root``."""
    start = root.contentItem()
    w, h = root.width(), root.height()
    found: QQuickItem | None = None
    for item in iter_items(start):
        if (
            item.objectName() == name
            and item.isVisible()
            and on_screen(item, w, h)
            and (found is None or _left_top(item) < _left_top(found))
        ):
            found = item
    return found


def _left_top(item: QQuickItem) -> tuple[float, float]:
    p = item.mapToScene(QPointF(0, 0))
    return (p.y(), p.x())


def qml_eval(item: QQuickItem, expression: str) -> object:
    """Evaluate a QML expression in ``item``'s scope (reads enums PySide cannot convert,
    calls QML methods such as ListView.indexAt)."""
    context = QQmlEngine.contextForObject(item)
    if context is None:
        raise ValueError(f"{item!r} has no QML context")
    value, _undefined = QQmlExpression(context, item, expression).evaluate()
    return value
