"""Reading the history one section at a time, with a choice before each sensitive section.

A sensitive section first shows its advisory (what is ahead, in plain words) and two equal
choices: read it, or skip to the next section. Skipping the last section leads home, so the choice
never traps. The sections the visitor chose to read stay open until the visit ends.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.backend.models import SectionModel
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class HistoryController(QObject):
    indexChanged = Signal(int)
    stateChanged = Signal()  # count, advisory, position text
    leave = Signal()  # the visitor skipped past the last section: go home

    def __init__(self, sections: SectionModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = sections
        self._index = 0
        self._revealed: set[str] = set()
        # A language change or a new bundle rebuilds the rows: one of these always follows.
        self._model.modelReset.connect(self._clamp)
        self._model.dataChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        self.stateChanged.emit()

    def _clamp(self) -> None:
        count = self._model.rowCount()
        self._set_index(min(self._index, max(count - 1, 0)), force=True)

    # -- properties --------------------------------------------------------------------------
    def current_index(self) -> int:
        return self._index

    def _set_index(self, value: int, force: bool = False) -> None:
        count = self._model.rowCount()
        value = max(0, min(int(value), max(count - 1, 0)))
        if value != self._index or force:
            self._index = value
            self.indexChanged.emit(value)
            self.stateChanged.emit()

    index = Property(int, current_index, _set_index, notify=indexChanged)

    def _get_count(self) -> int:
        return self._model.rowCount()

    count = Property(int, _get_count, notify=stateChanged)

    def has_next(self) -> bool:
        return self._index < self._model.rowCount() - 1

    hasNext = Property(bool, has_next, notify=stateChanged)

    def _get_has_previous(self) -> bool:
        return self._index > 0

    hasPrevious = Property(bool, _get_has_previous, notify=stateChanged)

    def show_advisory(self) -> bool:
        """True while the current section is sensitive and not yet chosen to be read."""
        return self.advisory_at(self._index)

    showAdvisory = Property(bool, show_advisory, notify=stateChanged)

    def _get_position_text(self) -> str:
        count = self._model.rowCount()
        if count == 0:
            return ""
        locale = self._model.locale  # the language the sections are shown in
        return (
            QCoreApplication.translate("History", "%1 of %2")
            .replace("%1", locale.toString(self._index + 1))
            .replace("%2", locale.toString(count))
        )

    positionText = Property(str, _get_position_text, notify=stateChanged)

    def advisory_at(self, row: int) -> bool:
        return self._model.is_sensitive(row) and self._model.key_at(row) not in self._revealed

    # -- actions -----------------------------------------------------------------------------
    @Slot(int)
    def goTo(self, row: int) -> None:
        self._set_index(row)

    @Slot()
    def next(self) -> None:
        if self.has_next():
            self._set_index(self._index + 1)

    @Slot()
    def previous(self) -> None:
        if self._index > 0:
            self._set_index(self._index - 1)

    @Slot()
    def read(self) -> None:
        """The visitor chose to read the current sensitive section."""
        key = self._model.key_at(self._index)
        if key and key not in self._revealed:
            self._revealed.add(key)
            self._model.set_revealed(self._revealed)
            self.stateChanged.emit()

    @Slot()
    def skip(self) -> None:
        """The visitor chose not to read it: the next section, or home after the last."""
        if self.has_next():
            self._set_index(self._index + 1)
        else:
            self.leave.emit()

    @Slot()
    def reset(self) -> None:
        """A new visit: back to the first section, every advisory shown again."""
        self._revealed.clear()
        self._model.set_revealed(set())
        self._set_index(0, force=True)

    @Slot(result=int)
    def firstSensitive(self) -> int:
        """The row of the first sensitive section, or -1 (screenshots, tests)."""
        for row in range(self._model.rowCount()):
            if self._model.is_sensitive(row):
                return row
        return -1
