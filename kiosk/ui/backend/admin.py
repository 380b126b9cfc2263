"""The technician's way in: a hidden corner gesture, a PIN pad that locks out guessing, and the
admin screen's facts and actions.

Five taps in the corner within three seconds open the PIN pad (visitors do not find it; a
technician is told in INSTALL.md). The rules live here, tested without QML; the QML only draws.

Neither the PIN pad nor the admin screen outlives the idle timeout: each counts as activity only
while touched (the QML reports every press with ``touched``), and after ``idle_timeout_s`` without
one the pad closes, or the admin screen returns to the exhibit (``left``: the attract loop, with
the full reset). ``follow`` takes the timeout from the kiosk's ``IdleGuard`` and closes both when
a visit ends some other way.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.content.locales import LocaleStatus, locale_statuses
from kiosk.content.reader import BundleError, open_bundle
from kiosk.ops.pin import NO_PIN_MESSAGE, PinGate
from kiosk.ui.backend.idle import DEFAULT_TIMEOUT_MS, IdleGuard
from kiosk.ui.qt import Property, QmlUncreatable

log = logging.getLogger(__name__)

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
        *,
        idle_timeout_s: float = DEFAULT_TIMEOUT_MS / 1000,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self._gate = gate
        self._info_source = info
        self._clock = clock or time.monotonic  # monotonic seconds; injected in tests
        self._gesture = gesture or CornerGesture(clock=self._clock)
        self._idle_timeout_s = idle_timeout_s
        self._last_touch = self._clock()
        self._admin_open = False
        self._pin_pad_open = False
        self._message = ""
        self._info: dict[str, Any] = {}
        # The languages of the bundle last shown: ((path, size, mtime), their statuses).
        self._languages_of: tuple[tuple[str, int, int], list[LocaleStatus]] | None = None
        self._test_pattern = False
        # While the pad is locked, its message counts down once a second.
        self._lock_tick = QTimer(self, interval=1000)
        self._lock_tick.timeout.connect(self._update_lock_message)
        # While the pad or the admin screen is open, a look once a second for the idle timeout.
        self._idle_tick = QTimer(self, interval=1000)
        self._idle_tick.timeout.connect(self.check_idle)

    # -- properties --------------------------------------------------------------------------
    def _get_pin_pad_open(self) -> bool:
        return self._pin_pad_open

    pinPadOpen = Property(bool, _get_pin_pad_open, notify=pinPadOpenChanged)

    def _get_message(self) -> str:
        return self._message

    message = Property(str, _get_message, notify=messageChanged)

    def _get_info(self) -> dict[str, Any]:
        return self._info

    info = Property(dict, _get_info, notify=infoChanged)

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
        self._watch_idle()

    @property
    def admin_open(self) -> bool:
        """Whether the admin screen is open (a correct PIN, and no return or timeout since)."""
        return self._admin_open

    # -- the idle timeout --------------------------------------------------------------------
    def follow(self, idle: IdleGuard) -> None:
        """Use ``idle``'s timeout, and close the pad and the admin screen when a visit ends."""
        self._idle_timeout_s = idle.timeoutMs / 1000
        idle.timeoutChanged.connect(lambda: self._set_idle_timeout(idle.timeoutMs / 1000))
        idle.reset.connect(self._visit_ended)

    def _set_idle_timeout(self, seconds: float) -> None:
        self._idle_timeout_s = seconds

    @Slot()
    def touched(self) -> None:
        """A press anywhere on the pad or the admin screen: the technician is still there."""
        self._last_touch = self._clock()

    @Slot()
    def check_idle(self) -> None:
        """Close the pad, or leave the admin screen, after the idle timeout without a touch."""
        if not (self._pin_pad_open or self._admin_open):
            self._idle_tick.stop()
            return
        idle_s = self._clock() - self._last_touch
        if idle_s < self._idle_timeout_s:
            return
        if self._admin_open:
            log.info("admin screen: %.0f s without a touch; back to the exhibit", idle_s)
            self.resume()
        if self._pin_pad_open:
            log.info("PIN pad: %.0f s without a touch; closed", idle_s)
            self.cancelPin()

    def _watch_idle(self) -> None:
        if self._pin_pad_open or self._admin_open:
            if not self._idle_tick.isActive():
                self._idle_tick.start()
        else:
            self._idle_tick.stop()

    def _visit_ended(self) -> None:
        """Back to the attract loop some other way: nothing of the admin layer stays open."""
        if self._pin_pad_open:
            self.cancelPin()
        if self._admin_open:
            self.resume()

    # -- the way in --------------------------------------------------------------------------
    @Slot()
    def cornerTap(self) -> None:
        """A tap in the hidden corner; the fifth within three seconds opens the PIN pad."""
        if self._gesture.tap():
            self.openPinPad()

    @Slot()
    def openPinPad(self) -> None:
        self.touched()
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
        self.touched()
        result = self._gate.try_pin(pin)
        if result == "ok":
            self._admin_open = True
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
        if minutes <= 90:
            text = self.tr("Too many wrong PINs. Try again in %n minute(s).", "", minutes)
        else:
            hours = math.ceil(seconds / 3600)
            text = self.tr("Too many wrong PINs. Try again in %n hour(s).", "", hours)
        self._set_message(text)
        if not self._lock_tick.isActive():
            self._lock_tick.start()

    # -- the admin screen --------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the bundle facts, recent errors and statistics summary anew; and, for the
        bundle showing (``path``), a line per language: its review status and completeness."""
        try:
            self._info = dict(self._info_source())
            if "languages" not in self._info:
                self._info["languages"] = self.language_lines(str(self._info.get("path") or ""))
        except Exception as exc:  # the admin screen must open even when a fact cannot be read
            self._info = {"error": f"could not gather the kiosk's state: {exc}"}
        self.infoChanged.emit()

    def language_lines(self, path: str) -> list[str]:
        """``az: draft, 100 of 100 texts translated (100%)`` for each language of the bundle
        at ``path`` (the kiosk's own copy, which does not change while it is current: the
        counts are kept for it)."""
        if not path:
            return []
        try:
            st = Path(path).stat()
            key = (path, st.st_size, st.st_mtime_ns)
            if self._languages_of is None or self._languages_of[0] != key:
                with closing(open_bundle(Path(path))) as conn:
                    self._languages_of = (key, locale_statuses(conn))
        except (OSError, BundleError, sqlite3.Error) as exc:
            log.warning("admin screen: the languages of %s cannot be read: %s", path, exc)
            return [self.tr("The languages cannot be read: %1").replace("%1", str(exc))]
        return [self._language_line(status) for status in self._languages_of[1]]

    def _language_line(self, status: LocaleStatus) -> str:
        if status.default:
            return (
                self.tr("%1: the source text, %2 texts")
                .replace("%1", status.locale)
                .replace("%2", str(status.total))
            )
        review = {
            "draft": self.tr("draft, awaiting review"),
            "machine": self.tr("machine translation, awaiting review"),
            "reviewed": self.tr("reviewed"),
        }.get(status.review, self.tr("review status not set"))
        return (
            self.tr("%1: %2; %3 of %4 texts translated (%5%)")
            .replace("%1", status.locale)
            .replace("%2", review)
            .replace("%3", str(status.translated))
            .replace("%4", str(status.total))
            .replace("%5", str(status.percent))
        )

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
        self._admin_open = False
        self._watch_idle()
        self.showTestPattern(False)
        self.left.emit()

    @Slot()
    def exitKiosk(self) -> None:
        self.exitRequested.emit(ADMIN_EXIT_CODE)
