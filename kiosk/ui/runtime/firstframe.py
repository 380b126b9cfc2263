"""The first frame: the moment the kiosk is ready, and what waits until after it.

The way to the first frame of the attract loop carries only what that frame needs; the rest
(the admin layer, live updates, statistics, the watchdog: kiosk.cli.kiosk) is built by
``after_first_frame``'s callback, and ``freeze_startup_objects`` then takes what start-up made
out of the cyclic garbage collector's sight. READY=1 (systemd's readiness) is sent when the
first frame's swap reaches the GUI thread.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtQuick import QQuickWindow

from kiosk.ops import sdnotify

log = logging.getLogger(__name__)


def tell_ready() -> None:
    """READY=1 to the service manager (once the first frame is on screen); any thread."""
    if sdnotify.notify("READY=1"):
        log.info("told the service manager the kiosk is ready")


def after_first_frame(
    window: QQuickWindow, then: Callable[[], None], at_latest_ms: int = 5000
) -> None:
    """Tell systemd the kiosk is ready once the window's first frame is on screen, then call
    ``then`` once, on the GUI thread; ``at_latest_ms`` after the window is shown even if no
    frame came (a window that never draws still gets its live updates and admin layer).

    ``frameSwapped`` comes from the render thread under Qt's threaded render loop (a GPU).
    The connection is queued: Python runs on the GUI thread only, never on the render thread,
    which would need the GIL while the GUI thread may wait for it (see kiosk.ui.backend.images
    for the same trap), and frames swapped before the first call arrives are ignored."""
    done: list[bool] = []
    ready: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            then()

    def swapped() -> None:
        if ready:  # a later frame, queued before the connection was cut
            return
        ready.append(True)
        window.frameSwapped.disconnect(swapped)
        tell_ready()
        once()

    window.frameSwapped.connect(swapped, Qt.ConnectionType.QueuedConnection)
    QTimer.singleShot(at_latest_ms, window, once)


def freeze_startup_objects() -> None:
    """What start-up made lives as long as the kiosk: out of the cyclic collector's sight, so
    its passes (which can pause a big process for 60-140 ms) walk only what a visit makes."""
    gc.collect()
    gc.freeze()
    log.debug("start-up objects frozen: %d", gc.get_freeze_count())
