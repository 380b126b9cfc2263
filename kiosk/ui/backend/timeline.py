"""The timeline's state: which event, if any, is open in the detail view, and which year (and
era) the visitor has scrolled to.

The year and its era are notifying properties, not methods QML calls: a binding to a method
has nothing to tell it the text changed, so after a language change the era heading stayed in
the old language. Both follow every change of the models (a language change, a new bundle).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.backend.models import TimelineModel, YearModel
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class TimelineController(QObject):
    selectedChanged = Signal()
    rewind = Signal()  # a new visit: the view goes back to the first event
    jumpRequested = Signal(int)  # the view scrolls to this event row
    currentChanged = Signal()  # the year the visitor is in, or its label or era text, changed

    def __init__(
        self, events: TimelineModel, years: YearModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._model = events
        self._years = years
        self._row = -1
        self._year_row = 0
        self._model.modelReset.connect(self._model_reset)
        self._model.dataChanged.connect(self._changed)
        # A language change refreshes the rows in place (dataChanged); a new bundle resets them.
        # The year strip is loaded after the events, so it is followed too.
        self._years.modelReset.connect(self._years_changed)
        self._years.dataChanged.connect(self._years_changed)

    def _changed(self, *_args: object) -> None:
        self.selectedChanged.emit()
        self.currentChanged.emit()

    def _years_changed(self, *_args: object) -> None:
        self.currentChanged.emit()

    def _model_reset(self) -> None:
        """Another bundle: nothing stays open, and the view starts again at its first year."""
        self.close()
        self._set_year_row(0)
        self.currentChanged.emit()

    # -- where the visitor is in time ----------------------------------------------------------
    def _set_year_row(self, row: int) -> None:
        if row != self._year_row:
            self._year_row = row
            self.currentChanged.emit()

    def current_year_row(self) -> int:
        """The row of the year strip the visitor is in; -1 before the first dated event."""
        return self._year_row

    currentYearRow = Property(int, current_year_row, notify=currentChanged)

    def current_year(self) -> str:
        """The label of that year ("1992"); empty when there is none."""
        label = self._years.get(self._year_row, "label")
        return "" if label is None else str(label)

    currentYear = Property(str, current_year, notify=currentChanged)

    def current_era(self) -> str:
        """The era of that year: the era of its first event, in the language shown."""
        first = self._years.get(self._year_row, "firstRow")
        era = None if first is None else self._model.get(int(first), "era")
        return "" if era is None else str(era)

    currentEra = Property(str, current_era, notify=currentChanged)

    @Slot(int)
    def showingEvent(self, event_row: int) -> None:
        """The view came to rest with the event in row ``event_row`` in front: its year is the
        one the visitor is in."""
        if 0 <= event_row < self._model.rowCount():
            self._set_year_row(self._years.indexForEventRow(event_row))

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
        """Make ``year_row`` of the strip the current year, and ask the view to show its first
        event."""
        first = self._years.get(year_row, "firstRow")
        if first is not None:
            self._set_year_row(year_row)
            self.jumpRequested.emit(int(first))

    @Slot()
    def reset(self) -> None:
        self.close()
        self._set_year_row(0)
        self.rewind.emit()
