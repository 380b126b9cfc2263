"""The canary for the PySide6 pin (pyproject.toml: PySide6-Essentials<6.12).

PySide6 6.12.0 leaks a reference to True at every emit(), and CPython 3.11 aborts after some
thousands of signals; a kiosk emits signals at every touch for months. Nothing in the kiosk
works around it (see kiosk/ui/qt.py): the pin keeps that release out, and this test, run on the
PySide6 installed, must pass before the pin moves.
"""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import kiosk.ui.backend
from PySide6.QtCore import QObject, Signal

class Source(QObject):
    ping = Signal(bool)

source = Source()
for _ in range(200_000):  # far more than True's own references
    source.ping.emit(True)
print("alive")
"""


def test_many_signals_do_not_abort_the_interpreter() -> None:
    """200,000 signals (months of touches) and the interpreter is still alive."""
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], check=False, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "alive"
