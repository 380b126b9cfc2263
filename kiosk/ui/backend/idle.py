"""The idle timeout: a state machine, attract -> active -> prompt -> attract.

* ``attract``: nobody is there; no timer runs. Any touch makes the visit ``active``.
* ``active``: each touch restarts the idle timer; when it runs out (90 s by default), ``prompt``.
* ``prompt``: "are you still there?" for 20 s; a touch returns to ``active``; silence, to
  ``attract``, and ``reset`` is emitted so language, text size, contrast and every position go
  back to where the next visitor expects them.

Anything that must not be interrupted (the minute of silence, the admin screen) ``hold``s the
guard under a name and ``release``s it after; while held, no timeout runs. Times are in
milliseconds and injected, so a test of the whole cycle takes a few milliseconds.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

ATTRACT, ACTIVE, PROMPT = "attract", "active", "prompt"
DEFAULT_TIMEOUT_MS = 90_000
DEFAULT_PROMPT_MS = 20_000  # long enough to read after a hard section


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class IdleGuard(QObject):
    stateChanged = Signal(str)
    promptRemainingChanged = Signal(int)
    timeoutChanged = Signal()
    heldChanged = Signal(bool)
    woke = Signal()  # attract -> active: a visitor arrived
    reset = Signal()  # back to attract: clear everything the last visitor chose

    def __init__(
        self,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        prompt_ms: int = DEFAULT_PROMPT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = ATTRACT
        self._holds: set[str] = set()
        self._prompt_ms = max(1, int(prompt_ms))
        self._prompt_seconds = max(1, math.ceil(self._prompt_ms / 1000))
        self._remaining = self._prompt_seconds
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self._on_idle)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)
        self.set_timeouts(timeout_ms, prompt_ms)

    # -- configuration -----------------------------------------------------------------------
    def set_timeouts(self, timeout_ms: int, prompt_ms: int | None = None) -> None:
        """Change the idle timeout (and the prompt's length); takes effect at the next touch."""
        self._idle.setInterval(max(1, int(timeout_ms)))
        if prompt_ms is not None:
            self._prompt_ms = max(1, int(prompt_ms))
            self._prompt_seconds = max(1, math.ceil(self._prompt_ms / 1000))
            # One tick per displayed second, however short the injected prompt is.
            self._tick.setInterval(max(1, self._prompt_ms // self._prompt_seconds))
        self.timeoutChanged.emit()

    def _get_timeout(self) -> int:
        return self._idle.interval()

    timeoutMs = Property(int, _get_timeout, notify=timeoutChanged)

    # -- state -------------------------------------------------------------------------------
    def _get_state(self) -> str:
        return self._state

    state = Property(str, _get_state, notify=stateChanged)

    def _get_remaining(self) -> int:
        return self._remaining

    promptRemaining = Property(int, _get_remaining, notify=promptRemainingChanged)

    def _get_held(self) -> bool:
        return bool(self._holds)

    held = Property(bool, _get_held, notify=heldChanged)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _restart(self) -> None:
        self._tick.stop()
        if self._holds:
            self._idle.stop()
        else:
            self._idle.start()

    # -- input -------------------------------------------------------------------------------
    @Slot()
    def activity(self) -> None:
        """A touch, a swipe or a key: someone is there."""
        woke = self._state == ATTRACT
        self._set_state(ACTIVE)
        self._restart()
        if woke:
            self.woke.emit()

    @Slot()
    def goAttract(self) -> None:
        """End the visit now: back to the attract loop, and reset."""
        self._idle.stop()
        self._tick.stop()
        self._set_state(ATTRACT)
        self.reset.emit()

    @Slot(str)
    def hold(self, reason: str) -> None:
        """No timeout while ``reason`` holds (e.g. "silence"); a prompt showing is withdrawn."""
        was = bool(self._holds)
        self._holds.add(reason)
        if self._state == PROMPT:
            self._set_state(ACTIVE)
        self._idle.stop()
        self._tick.stop()
        if not was:
            self.heldChanged.emit(True)

    @Slot(str)
    def release(self, reason: str) -> None:
        if reason not in self._holds:
            return
        self._holds.discard(reason)
        if not self._holds:
            self.heldChanged.emit(False)
            if self._state != ATTRACT:
                self._restart()

    def prompt_now(self) -> None:
        """Ask "are you still there?" at once (screenshots, and a technician's check)."""
        self._idle.stop()
        if self._state == ATTRACT:
            self._set_state(ACTIVE)
        if self._holds:
            self._holds.clear()
            self.heldChanged.emit(False)
        self._on_idle()

    # -- timers ------------------------------------------------------------------------------
    def _on_idle(self) -> None:
        if self._holds or self._state != ACTIVE:
            return
        self._remaining = self._prompt_seconds
        self.promptRemainingChanged.emit(self._remaining)
        self._set_state(PROMPT)
        self._tick.start()

    def _on_tick(self) -> None:
        if self._state != PROMPT:
            self._tick.stop()
            return
        self._remaining -= 1
        self.promptRemainingChanged.emit(max(self._remaining, 0))
        if self._remaining <= 0:
            self.goAttract()
