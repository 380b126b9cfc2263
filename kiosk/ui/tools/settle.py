"""Waiting until the window shows what the controllers say: layouts polished, images loaded.

Used by the screenshots, the self-test and the tests. It waits for a state, never for a time or
a number of event-loop rounds: Qt Quick lays out (polishes) items only when it renders a frame,
and the platform paces frames with its own timer, so "three rounds of events" is sometimes
before the layout and sometimes after it (a loaded machine sees the former). ``settle`` asks Qt
whether a polish is still scheduled and renders frames until none is and no image is loading.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtQml import QQmlEngine, QQmlExpression, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

log = logging.getLogger(__name__)

# QQuickTest::qIsPolishScheduled(const QQuickWindow *): Qt's own answer to "is a layout still
# pending?", public C++ API (Qt >= 6.5) that PySide does not wrap. Itanium mangling (Linux).
_POLISH_SYMBOL = "_ZN10QQuickTest18qIsPolishScheduledEPK12QQuickWindow"


@functools.cache
def _polish_probe() -> Callable[[QQuickWindow], bool] | None:
    """The probe, or None where libQt6QuickTest is not there (a trimmed frozen build, Windows):
    then every settle renders one frame after the last event, which polishes what was pending."""
    if not sys.platform.startswith("linux"):
        return None
    lib_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
    try:
        lib = ctypes.CDLL(str(lib_dir / "libQt6QuickTest.so.6"))
        function = getattr(lib, _POLISH_SYMBOL)
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_bool
    function.argtypes = [ctypes.c_void_p]

    def scheduled(window: QQuickWindow) -> bool:
        return bool(function(shiboken6.getCppPointer(window)[0]))

    return scheduled


def polish_scheduled(window: QQuickWindow) -> bool | None:
    """True while an item of ``window`` waits for its layout; None when this cannot be known."""
    probe = _polish_probe()
    return None if probe is None else probe(window)


def iter_items(item: QQuickItem):  # type: ignore[no-untyped-def]
    """Every item under ``item`` in the visual tree (delegates and loaded screens included)."""
    stack = [item]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.childItems())


# One walk in JavaScript, one call from Python: is any image (Image, AnimatedImage, BorderImage:
# whatever has a status and a source size) still loading? Walking from Python would make a
# wrapper of every item at every settle, and calling ``metaObject()`` on items QML made leaves
# wrappers of meta objects that QML frees with its components: PySide then hands out such a
# stale wrapper for a new item at the same address ("QMetaObject has no attribute ...").
_ANY_IMAGE_LOADING = """(function (root) {
    const stack = [root];
    while (stack.length > 0) {
        const item = stack.pop();
        if (item.sourceSize !== undefined && item.status === 2)  // Image.Loading
            return true;
        const children = item.children;
        for (let i = 0; i < children.length; ++i)
            stack.push(children[i]);
    }
    return false;
})(contentItem)"""


# The walk is compiled once per window and kept as the window's child: every QQmlExpression
# made from a string is compiled into a unit the QML engine keeps until the engine itself goes
# (Qt 6.11: QV4::Script::parse -> ExecutionEngine::insertCompilationUnit), about 2 KB each time.
# A new expression per settle grew the soak by 50 KB a visit (and 440 KB when it was one per
# image); evaluating the same expression again compiles nothing.
_PROBE_NAME = "kioskSettleImageProbe"


def _image_probe(window: QQuickWindow) -> QQmlExpression | None:
    probe = window.findChild(QQmlExpression, _PROBE_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if probe is not None:
        return probe
    context = QQmlEngine.contextForObject(window)
    if context is None:  # a window not made by QML shows no QML images
        return None
    probe = QQmlExpression(context, window, _ANY_IMAGE_LOADING)
    probe.setObjectName(_PROBE_NAME)
    # setParent, not the constructor's parent: PySide gives the window ownership only through
    # setParent; otherwise collecting the Python wrapper deletes the probe (and the next settle
    # compiles it again).
    probe.setParent(window)
    return probe


def _loading(window: QQuickWindow) -> bool:
    probe = _image_probe(window)
    if probe is None:
        return False
    value, _undefined = probe.evaluate()
    return bool(value)


def incubating(window: QQuickWindow) -> int:
    """How many objects (delegates a view builds ahead, in its cache) are still being created
    in steps between frames: a half-built one sits in the tree without its layout."""
    engine = qmlEngine(window)
    controller = engine.incubationController() if engine is not None else None
    return controller.incubatingObjectCount() if controller is not None else 0


def _drain_events() -> None:
    """Handle every event already posted, deferred deletes included.

    Outside exec() (screenshots, self-test, tests) deleteLater() would wait forever: destroyed
    screens must really go, or every visit leaves its screens behind.
    """
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def next_frame(window: QQuickWindow, timeout_ms: int = 2000) -> bool:
    """Ask for a frame and run the event loop until it has been swapped (polish, sync, render).

    False when no frame came within ``timeout_ms`` (a window that is not exposed renders none).
    """
    if not window.isExposed():
        return False
    loop = QEventLoop()
    swapped: list[bool] = []

    def done() -> None:
        swapped.append(True)
        loop.quit()

    connection = window.frameSwapped.connect(done)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    window.update()
    if not swapped:
        loop.exec()
    timer.stop()
    window.frameSwapped.disconnect(connection)
    return bool(swapped)


def settle(window: QQuickWindow, timeout_s: float = 10.0) -> bool:
    """Run Qt until the window is at rest: posted events handled, no layout (polish) pending,
    no object half-built, no image loading. False (and a log line) when that did not happen
    within ``timeout_s``.

    Where Qt cannot be asked about polish (see ``_polish_probe``), one frame rendered after the
    last event stands in for the answer: a frame polishes everything that was pending.
    """
    if QCoreApplication.instance() is None:
        return False
    deadline = time.monotonic() + timeout_s
    rendered = False
    while True:
        _drain_events()
        exposed = window.isExposed()
        pending = polish_scheduled(window)
        if not exposed:
            pending = False  # only a frame polishes, and a window not on screen renders none
        elif pending is None:
            pending = not rendered
        if not pending and not incubating(window) and not _loading(window):
            return True
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        if remaining_ms <= 0:
            log.warning("the window did not settle within %.0f s", timeout_s)
            return False
        if exposed:
            rendered = next_frame(window, min(remaining_ms, 2000)) or rendered
        else:  # images load on worker threads and report back through events
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)


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
    calls QML methods such as ListView.indexAt).

    For tests and one-off probes only: each call compiles ``expression`` anew, and the engine
    keeps every compiled unit (about 2 KB) as long as it lives (see ``_PROBE_NAME``)."""
    context = QQmlEngine.contextForObject(item)
    if context is None:
        raise ValueError(f"{item!r} has no QML context")
    value, _undefined = QQmlExpression(context, item, expression).evaluate()
    return value
