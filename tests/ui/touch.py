"""Real touch input for the screens (QTest.createTouchDevice: a hand-built device delivers
nothing), and finding items in the visual tree."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.ui.tools.settle import find_item, settle

_DEVICE = None


def touch_device():  # type: ignore[no-untyped-def]
    global _DEVICE  # noqa: PLW0603 - one device for the whole run, as Qt expects
    if _DEVICE is None:
        _DEVICE = QTest.createTouchDevice()
    return _DEVICE


def center(item: QQuickItem) -> QPoint:
    p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return QPoint(round(p.x()), round(p.y()))


def item(window: QQuickWindow, name: str) -> QQuickItem:
    found = find_item(window, name)
    assert found is not None, f"no visible item named {name!r}"
    return found


def tap_at(window: QQuickWindow, point: QPoint) -> None:
    device = touch_device()
    QTest.touchEvent(window, device, False).press(0, point, window).commit()
    QTest.touchEvent(window, device, False).release(0, point, window).commit()
    settle(window)


def tap(window: QQuickWindow, name: str) -> None:
    """Tap the middle of the visible item named ``name`` with a finger."""
    tap_at(window, center(item(window, name)))


def swipe(window: QQuickWindow, start: QPoint, end: QPoint, steps: int = 12) -> None:
    """Press at ``start``, move in ``steps`` to ``end``, lift: a finger's swipe."""
    device = touch_device()
    QTest.touchEvent(window, device, False).press(0, start, window).commit()
    for i in range(1, steps + 1):
        p = QPoint(
            start.x() + (end.x() - start.x()) * i // steps,
            start.y() + (end.y() - start.y()) * i // steps,
        )
        # A finger takes time to move: Flickable measures drags in time as well as distance,
        # and moves with one timestamp are not a drag. (Input pacing, not waiting on a result.)
        QTest.qWait(5)
        QTest.touchEvent(window, device, False).move(0, p, window).commit()
    QTest.touchEvent(window, device, False).release(0, end, window).commit()
    settle(window)
