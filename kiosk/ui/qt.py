"""PySide6 workarounds, in one place.

* ``Property`` and ``QmlUncreatable`` re-exported as ``Any``: mypy reads their stubs wrongly
  (``navigator.screen`` would not be a ``str``; ``QmlUncreatable`` would not be a decorator).
* ``pin_singletons()``: PySide6 6.12 hands back ``True`` without a reference from every
  ``SignalInstance.emit()``, and ``None`` without one from ``QQuickItem.parentItem()`` at the root
  and from ``QObject.property()`` of a missing name. Each discarded result then takes one
  reference from the interpreter's ``True`` or ``None``; after a few thousand signals CPython
  3.11 aborts ("bool_dealloc: deallocating True or False"). A kiosk emits signals at every touch
  and runs for months, so the singletons get a reserve of references far beyond any run
  (CPython 3.12 makes them immortal, and nothing is done there).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import PySide6
from PySide6 import QtCore, QtQml

Property: Any = QtCore.Property
QmlUncreatable: Any = QtQml.QmlUncreatable

# 2**40 leaked references at one per signal: more than 30,000 years at 1,000 signals a second.
RESERVE = 1 << 40
_pinned = False


def pin_singletons() -> bool:
    """Give None, True and False a reserve of references (once; CPython before 3.12, and only
    under PySide6 6.12, the series with the leak: pyproject.toml excludes it, so this is a guard
    for a machine where it was installed by hand)."""
    global _pinned  # noqa: PLW0603 - once per process
    if _pinned or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if tuple(PySide6.__version_info__[:2]) != (6, 12):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += RESERVE
    _pinned = True
    return True


pin_singletons()

__all__ = ["Property", "QmlUncreatable", "pin_singletons"]
