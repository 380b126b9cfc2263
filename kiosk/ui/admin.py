"""The technician's way in: a hidden corner gesture, a PIN pad that locks out guessing, and the
admin screen's facts and actions.

Five taps in the corner within three seconds open the PIN pad (visitors do not find it; a
technician is told in INSTALL.md). The rules live here, tested without QML; the QML only draws.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ops.pin import NO_PIN_MESSAGE, PinGate
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

# The exit code of "Exit kiosk" on the admin screen. The systemd unit lists it in
# RestartPreventExitStatus, so a technician's exit is not undone by the service manager.
ADMIN_EXIT_CODE = 64

CORNER_TAPS = 5
CORNER_WINDOW_S = 3.0


class CornerGesture:
    """``taps`` taps within ``window_s`` seconds, counted on an injected monotonic clock."""

    def __init__(
        self,
        taps: int = CORNER_TAPS,
        window_s: float = CORNER_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._taps = taps
        self._window = window_s
        self._clock = clock
        self._times: list[float] = []

    def tap(self) -> bool:
        """Record a tap; True when this tap completes the gesture (the count then starts over)."""
        now = self._clock()
        self._times = [t for t in self._times if now - t <= self._window]
        self._times.append(now)
        if len(self._times) >= self._taps:
            self._times.clear()
            return True
        return False


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class AdminController(QObject):
    """PIN pad state, the admin screen's information, and its four actions."""

    pinPadOpenChanged = Signal()
    messageChanged = Signal()
    infoChanged = Signal()
    testPatternChanged = Signal()
    entered = Signal()  # a correct PIN: show the admin screen
    left = Signal()  # "Return to the exhibit"
    reloadRequested = Signal()
    exitRequested = Signal(int)

    def __init__(
        self,
        gate: PinGate,
        info: Callable[[], dict[str, Any]],
        gesture: CornerGesture | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._gate = gate
        self._info_source = info
        self._gesture = gesture or CornerGesture()
        self._pin_pad_open = False
        self._message = ""
        self._info: dict[str, Any] = {}
        self._test_pattern = False
        # While the pad is locked, its message counts down once a second.
        self._lock_tick = QTimer(self, interval=1000)
        self._lock_tick.timeout.connect(self._update_lock_message)

    # -- properties --------------------------------------------------------------------------
    def _get_pin_pad_open(self) -> bool:
        return self._pin_pad_open

    pinPadOpen = Property(bool, _get_pin_pad_open, notify=pinPadOpenChanged)

    def _get_message(self) -> str:
        return self._message

    message = Property(str, _get_message, notify=messageChanged)

    def _get_info(self) -> dict[str, Any]:
        return self._info

    info = Property("QVariantMap", _get_info, notify=infoChanged)

    def _get_test_pattern(self) -> bool:
        return self._test_pattern

    testPattern = Property(bool, _get_test_pattern, notify=testPatternChanged)

    def _set_message(self, text: str) -> None:
        if text != self._message:
            self._message = text
            self.messageChanged.emit()

    def _set_pin_pad(self, open_: bool) -> None:
        if open_ != self._pin_pad_open:
            self._pin_pad_open = open_
            self.pinPadOpenChanged.emit()

    # -- the way in --------------------------------------------------------------------------
    @Slot()
    def cornerTap(self) -> None:
        """A tap in the hidden corner; the fifth within three seconds opens the PIN pad."""
        if self._gesture.tap():
            self.openPinPad()

    @Slot()
    def openPinPad(self) -> None:
        self._set_pin_pad(True)
        if not self._gate.enabled:
            self._set_message(self.tr("No admin PIN is set. Set one with: kiosk --set-pin"))
        else:
            self._update_lock_message()

    @Slot()
    def cancelPin(self) -> None:
        self._set_pin_pad(False)
        self._lock_tick.stop()
        self._set_message("")

    @Slot(str, result=str)
    def submitPin(self, pin: str) -> str:
        """Check a PIN; returns ok, wrong, locked or disabled (the pad shows ``message``)."""
        result = self._gate.try_pin(pin)
        if result == "ok":
            self._set_pin_pad(False)
            self._set_message("")
            self.refresh()
            self.entered.emit()
        elif result == "wrong":
            left = self._gate.attempts_left
            self._set_message(self.tr("Wrong PIN. %n attempt(s) left.", "", left))
        elif result == "locked":
            self._update_lock_message()
        else:
            self._set_message(NO_PIN_MESSAGE)
        return result

    def _update_lock_message(self) -> None:
        seconds = self._gate.locked_for()
        if seconds <= 0:
            self._lock_tick.stop()
            if self._message and self._pin_pad_open and self._gate.enabled:
                self._set_message("")
            return
        minutes = math.ceil(seconds / 60)
        self._set_message(self.tr("Too many wrong PINs. Try again in %n minute(s).", "", minutes))
        if not self._lock_tick.isActive():
            self._lock_tick.start()

    # -- the admin screen --------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the bundle facts, recent errors and statistics summary anew."""
        try:
            self._info = dict(self._info_source())
        except Exception as exc:  # the admin screen must open even when a fact cannot be read
            self._info = {"error": f"could not gather the kiosk's state: {exc}"}
        self.infoChanged.emit()

    @Slot()
    def reload(self) -> None:
        self.reloadRequested.emit()
        self.refresh()

    @Slot(bool)
    def showTestPattern(self, on: bool) -> None:
        if on != self._test_pattern:
            self._test_pattern = on
            self.testPatternChanged.emit()

    @Slot()
    def resume(self) -> None:
        self.showTestPattern(False)
        self.left.emit()

    @Slot()
    def exitKiosk(self) -> None:
        self.exitRequested.emit(ADMIN_EXIT_CODE)
