"""``kiosk --screenshots DIR --size WxH``: one PNG per screen and state, driven through the
controllers (never by simulated taps), each taken once the window has settled."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize

from kiosk.ui.runtime.shell import KioskShell
from kiosk.ui.screens import numbered_shots
from kiosk.ui.tools.settle import settle

log = logging.getLogger(__name__)

Step = tuple[str, Callable[[KioskShell], bool]]

# "01-attract", "02-home", ... "12-large-text": every screen's shots in the registry's order,
# then the states over them (kiosk.ui.screens). The self-test and the layout test walk these.
STEPS: list[Step] = numbered_shots()


def take_screenshots(shell: KioskShell, out_dir: Path, size: QSize) -> list[Path]:
    """Write one PNG per step into ``out_dir``; returns the files written."""
    window = shell.window
    if window is None:
        raise RuntimeError("the window is not loaded")
    out_dir.mkdir(parents=True, exist_ok=True)
    window.resize(size)
    window.show()
    settle(window)
    written: list[Path] = []
    for name, step in STEPS:
        if not step(shell):
            # (the names' shots for a bundle without names, a history without an advisory)
            log.info("%s: nothing to show in this bundle; no screenshot", name)
            continue
        settle(window)
        image = window.grabWindow()
        path = out_dir / f"{name}.png"
        if image.isNull() or not image.save(str(path)):
            raise OSError(f"{path}: the screenshot could not be written")
        written.append(path)
    shell.end_visit()
    return written
