"""``kiosk --screenshots DIR --size WxH``: one PNG per screen and state, driven through the
controllers (never by simulated taps), each taken once the window has settled."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize

from kiosk.ui.settle import settle
from kiosk.ui.shell import KioskShell

log = logging.getLogger(__name__)

Step = tuple[str, Callable[[KioskShell], bool]]


def _first_plain_section(shell: KioskShell) -> int:
    model = shell.content.section_model
    for row in range(model.rowCount()):
        if not model.is_sensitive(row):
            return row
    return 0


def _richest_event(shell: KioskShell) -> int:
    """An event worth showing open: the longest text among the first hundred."""
    model = shell.content.timeline_model
    rows = range(min(model.rowCount(), 100))
    return max(rows, key=lambda r: len(str(model.get(r, "body") or "")), default=-1)


def _reset(shell: KioskShell) -> None:
    shell.silence.cancel()
    shell.timeline.close()
    shell.accessibility.reset()


def _attract(shell: KioskShell) -> bool:
    shell.end_visit()
    return True


def _home(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.home()
    return True


def _history(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.go("history")
    shell.history.goTo(_first_plain_section(shell))
    return shell.content.section_model.rowCount() > 0


def _advisory(shell: KioskShell) -> bool:
    _reset(shell)
    row = shell.history.firstSensitive()
    if row < 0:
        return False
    shell.navigator.go("history")
    shell.history.goTo(row)
    return shell.history.show_advisory()


def _timeline(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.go("timeline")
    return True


def _timeline_event(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.go("timeline")
    row = _richest_event(shell)
    if row < 0:
        return False
    shell.timeline.open(row)
    return True


def _numbers(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.go("numbers")
    return True


def _memorial(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.go("memorial")
    return True


def _silence(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.go("memorial")
    shell.silence.start()
    return True


def _idle_prompt(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.home()
    shell.idle.prompt_now()
    return True


def _high_contrast(shell: KioskShell) -> bool:
    _reset(shell)
    shell.idle.activity()
    shell.navigator.go("history")
    shell.history.goTo(_first_plain_section(shell))
    shell.accessibility.highContrast = True
    return True


def _large_text(shell: KioskShell) -> bool:
    _reset(shell)
    shell.navigator.go("history")
    shell.history.goTo(_first_plain_section(shell))
    shell.accessibility.largeText = True
    return True


STEPS: list[Step] = [
    ("01-attract", _attract),
    ("02-home", _home),
    ("03-history", _history),
    ("04-history-advisory", _advisory),
    ("05-timeline", _timeline),
    ("06-timeline-event", _timeline_event),
    ("07-numbers", _numbers),
    ("08-memorial", _memorial),
    ("09-minute-of-silence", _silence),
    ("10-idle-prompt", _idle_prompt),
    ("11-high-contrast", _high_contrast),
    ("12-large-text", _large_text),
]


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
            log.warning("%s: nothing to show in this bundle; no screenshot", name)
            continue
        settle(window)
        image = window.grabWindow()
        path = out_dir / f"{name}.png"
        if image.isNull() or not image.save(str(path)):
            raise OSError(f"{path}: the screenshot could not be written")
        written.append(path)
    shell.end_visit()
    return written
