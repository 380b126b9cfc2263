"""The visitor's reading choices: larger text and higher contrast. Reset with each visit."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

LARGE_TEXT_SCALE = 1.3


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class Accessibility(QObject):
    largeTextChanged = Signal(bool)
    highContrastChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._large = False
        self._contrast = False

    def _get_large(self) -> bool:
        return self._large

    def _set_large(self, value: bool) -> None:
        if bool(value) != self._large:
            self._large = bool(value)
            self.largeTextChanged.emit(self._large)

    largeText = Property(bool, _get_large, _set_large, notify=largeTextChanged)

    def _get_contrast(self) -> bool:
        return self._contrast

    def _set_contrast(self, value: bool) -> None:
        if bool(value) != self._contrast:
            self._contrast = bool(value)
            self.highContrastChanged.emit(self._contrast)

    highContrast = Property(bool, _get_contrast, _set_contrast, notify=highContrastChanged)

    def _get_scale(self) -> float:
        return LARGE_TEXT_SCALE if self._large else 1.0

    textScale = Property(float, _get_scale, notify=largeTextChanged)

    @Slot()
    def toggleLargeText(self) -> None:
        self._set_large(not self._large)

    @Slot()
    def toggleHighContrast(self) -> None:
        self._set_contrast(not self._contrast)

    @Slot()
    def reset(self) -> None:
        self._set_large(False)
        self._set_contrast(False)
