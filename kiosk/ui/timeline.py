"""The timeline's one piece of state: which event, if any, is open in the detail view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.content import ContentController
from kiosk.ui.models import TimelineModel, YearModel
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class TimelineController(QObject):
    selectedChanged = Signal()
    rewind = Signal()  # a new visit: the view goes back to the first event
    jumpRequested = Signal(int)  # the view scrolls to this event row

    def __init__(self, content: ContentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: TimelineModel = content.timeline_model
        self._years: YearModel = content.year_model
        self._row = -1
        self._model.modelReset.connect(self.close)
        self._model.dataChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        self.selectedChanged.emit()

    def selected_row(self) -> int:
        return self._row

    selectedRow = Property(int, selected_row, notify=selectedChanged)

    def is_open(self) -> bool:
        return self._row >= 0

    isOpen = Property(bool, is_open, notify=selectedChanged)

    def _field(self, name: str) -> Any:
        if self._row < 0:
            return ""
        value = self._model.get(self._row, name)
        return "" if value is None else value

    def _get_title(self) -> str:
        return str(self._field("title"))

    selectedTitle = Property(str, _get_title, notify=selectedChanged)

    def _get_body(self) -> str:
        return str(self._field("body"))

    selectedBody = Property(str, _get_body, notify=selectedChanged)

    def _get_date(self) -> str:
        return str(self._field("dateText"))

    selectedDate = Property(str, _get_date, notify=selectedChanged)

    def _get_era(self) -> str:
        return str(self._field("era"))

    selectedEra = Property(str, _get_era, notify=selectedChanged)

    def _get_source(self) -> str:
        return str(self._field("source"))

    selectedSource = Property(str, _get_source, notify=selectedChanged)

    def _get_source_detail(self) -> str:
        return str(self._field("sourceDetail"))

    selectedSourceDetail = Property(str, _get_source_detail, notify=selectedChanged)

    def _get_image(self) -> str:
        return str(self._field("imageUrl"))

    selectedImage = Property(str, _get_image, notify=selectedChanged)

    def _get_image_alt(self) -> str:
        return str(self._field("imageAlt"))

    selectedImageAlt = Property(str, _get_image_alt, notify=selectedChanged)

    @Slot(int)
    def open(self, row: int) -> None:
        if 0 <= row < self._model.rowCount() and row != self._row:
            self._row = row
            self.selectedChanged.emit()

    @Slot()
    def close(self) -> None:
        if self._row != -1:
            self._row = -1
            self.selectedChanged.emit()

    @Slot(int)
    def jumpToYear(self, year_row: int) -> None:
        """Ask the view to show the first event of the year in row ``year_row`` of the strip."""
        first = self._years.get(year_row, "firstRow")
        if first is not None:
            self.jumpRequested.emit(int(first))

    @Slot()
    def reset(self) -> None:
        self.close()
        self.rewind.emit()
