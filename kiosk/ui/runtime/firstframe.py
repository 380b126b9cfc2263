"""The first frame: the moment the kiosk is ready, and what waits until after it.

The way to the first frame of the attract loop carries only what that frame needs; the rest
(the admin layer, live updates, statistics, the watchdog: kiosk.cli.kiosk) is built by
``after_first_frame``'s callback, and ``freeze_startup_objects`` then takes what start-up made
out of the cyclic garbage collector's sight. READY=1 (systemd's readiness) is sent at the
frame itself, from whichever thread Qt swapped it on.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
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
    """Tell systemd the kiosk is ready as soon as the window's first frame is on screen, then
    call ``then`` once, on the GUI thread (``frameSwapped`` may come from the render thread);
    ``at_latest_ms`` after the window is shown even if no frame came (a window that never
    draws still gets its live updates and admin layer)."""
    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            then()

    def swapped() -> None:
        window.frameSwapped.disconnect(swapped)
        tell_ready()
        QTimer.singleShot(0, window, once)

    window.frameSwapped.connect(swapped)
    QTimer.singleShot(at_latest_ms, window, once)


def freeze_startup_objects() -> None:
    """What start-up made lives as long as the kiosk: out of the cyclic collector's sight, so
    its passes (which can pause a big process for 60-140 ms) walk only what a visit makes."""
    gc.collect()
    gc.freeze()
    log.debug("start-up objects frozen: %d", gc.get_freeze_count())
