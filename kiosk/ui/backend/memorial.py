"""The memorial's two acts: a minute of silence, and a candle lit."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ops.candles import CandleStore
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class MinuteOfSilence(QObject):
    """A countdown of ``seconds`` (60), one tick per ``tick_ms`` (1000; tests inject 1).

    ``started`` and ``stopped`` let the shell hold the idle timeout for the whole minute.
    """

    runningChanged = Signal(bool)
    remainingChanged = Signal(int)
    started = Signal()
    stopped = Signal()
    finished = Signal()  # the minute ran its course (not cancelled)

    def __init__(
        self, seconds: int = 60, tick_ms: int = 1000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._seconds = max(1, int(seconds))
        self._remaining = self._seconds
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(tick_ms)))
        self._timer.timeout.connect(self._tick)

    def _get_running(self) -> bool:
        return self._running

    running = Property(bool, _get_running, notify=runningChanged)

    def _get_remaining(self) -> int:
        return self._remaining

    remaining = Property(int, _get_remaining, notify=remainingChanged)

    def _get_seconds(self) -> int:
        return self._seconds

    seconds = Property(int, _get_seconds, constant=True)

    def _set_remaining(self, value: int) -> None:
        if value != self._remaining:
            self._remaining = value
            self.remainingChanged.emit(value)

    @Slot()
    def start(self) -> None:
        if self._running:
            return
        self._set_remaining(self._seconds)
        self._running = True
        self._timer.start()
        self.runningChanged.emit(True)
        self.started.emit()

    @Slot()
    def cancel(self) -> None:
        self._stop()

    def _stop(self) -> bool:
        if not self._running:
            return False
        self._timer.stop()
        self._running = False
        self.runningChanged.emit(False)
        self.stopped.emit()
        self._set_remaining(self._seconds)
        return True

    def _tick(self) -> None:
        self._set_remaining(max(0, self._remaining - 1))
        if self._remaining <= 0 and self._stop():
            self.finished.emit()


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class CandleController(QObject):
    """Light a candle: the count is kept by a CandleStore in the kiosk's data folder.

    ``litThisVisit`` lets the screen show the visitor's own candle burning until the visit ends.
    """

    countChanged = Signal(int)
    litChanged = Signal(bool)

    def __init__(self, store: CandleStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._lit = False

    def _get_count(self) -> int:
        return self._store.count

    count = Property(int, _get_count, notify=countChanged)

    def _get_lit(self) -> bool:
        return self._lit

    litThisVisit = Property(bool, _get_lit, notify=litChanged)

    @Slot()
    def light(self) -> None:
        """One candle per visit: a second tap does not inflate the count."""
        if self._lit:
            return
        self._store.light()
        self._lit = True
        self.countChanged.emit(self._store.count)
        self.litChanged.emit(True)

    @Slot()
    def reset(self) -> None:
        if self._lit:
            self._lit = False
            self.litChanged.emit(False)
