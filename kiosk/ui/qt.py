"""PySide6 workarounds, in one place.

* ``Property`` and ``QmlUncreatable`` re-exported as ``Any``: mypy reads their stubs wrongly
  (``navigator.screen`` would not be a ``str``; ``QmlUncreatable`` would not be a decorator).
* ``QT_TRANSLATE_NOOP`` typed as giving back the ``str`` it is given (its stub says ``object``);
  lupdate finds the calls by this name.

Pitfall, kept out by the pin rather than worked around:

* PySide6 6.12.0's ``SignalInstance.emit()`` leaks a reference to ``True`` on every call;
  CPython 3.11 aborts ("bool_dealloc") after some thousands of signals, and a kiosk emits them
  at every touch for months. 6.11.3 is clean: pyproject.toml pins ``PySide6-Essentials<6.12``;
  move the pin only once tests/ui/test_pyside_fixes.py (200,000 emits) passes on the new one.
  (A ctypes reserve of references that could only switch on under 6.12 was removed.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6 import QtCore, QtQml

Property: Any = QtCore.Property
QmlUncreatable: Any = QtQml.QmlUncreatable
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)

__all__ = ["QT_TRANSLATE_NOOP", "Property", "QmlUncreatable"]
