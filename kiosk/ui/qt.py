"""PySide6 names whose type stubs mypy misreads, re-exported as ``Any``.

``Property`` attributes are descriptors mypy types as ``Property`` (so ``navigator.screen`` would
not be a ``str``), and ``QmlUncreatable`` is typed as a class, not a decorator. The objects are
the very same; only their static type changes.
"""

from typing import Any

from PySide6 import QtCore, QtQml

Property: Any = QtCore.Property
QmlUncreatable: Any = QtQml.QmlUncreatable

__all__ = ["Property", "QmlUncreatable"]
