"""Running unattended: the pieces of kiosk.ops wired to the visitor experience.

``Operations`` connects, for one running kiosk:

* live bundle updates: the watcher copies and checks a new bundle on a worker thread; a good
  one waits, staged, until the visit is over (the next return to the attract loop) and is then
  committed (a rename) and shown; a refused one is logged and shown on the admin screen while
  the current content stays; a data folder that cannot take it is retried with a back-off and
  said on the admin screen; quitting cancels a running check without waiting for it;
* the admin screen: the PIN pad opens it, it holds the idle timer, "Return" ends it with a full
  reset, "Reload" checks the bundle again and switches as soon as it is checked;
* anonymous visitor statistics: visits, screens and their time, language, candle, silence;
* the systemd watchdog: READY=1 after the first frame, WATCHDOG=1 from a timer on the GUI
  thread, so a hung UI (not just a dead process) is restarted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from kiosk import __version__
from kiosk.ops import sdnotify
from kiosk.ui.backend.admin import AdminController
from kiosk.ui.runtime.firstframe import after_first_frame
from kiosk.ui.screens import ATTRACT

if TYPE_CHECKING:  # what is needed only once an update or the admin screen comes (see info)
    from kiosk.ops.bundles import BundleStore
    from kiosk.ops.pin import PinGate
    from kiosk.ops.stats import StatsStore
    from kiosk.ops.watcher import BundleWatcher
    from kiosk.ui.runtime.shell import KioskShell

log = logging.getLogger(__name__)

ADMIN = "admin"


def _nothing() -> None:
    """What waits for the first frame when the kiosk's start-up did not ask for anything."""


class Operations(QObject):
    """Live updates, admin, statistics and watchdog around one ``KioskShell``."""

    def __init__(
        self,
        shell: KioskShell,
        gate: PinGate,
        store: BundleStore,
        stats: StatsStore | None,
        *,
        configured: Path,
        watcher: BundleWatcher | None = None,
        log_dir: Path | None = None,
        startup_notes: list[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or shell)
        self.shell = shell
        self.admin = AdminController(gate, self.info, parent=self)
        self.store = store
        self.stats = stats
        self.watcher = watcher
        self.configured = configured
        self.log_dir = log_dir
        self.startup_notes = list(startup_notes or [])
        self.pending: str = ""
        self._switch_when_checked = False  # the admin asked to reload: no visitor to wait for
        self._clock = clock
        self._visit_started: float | None = None
        self._screen: str = ATTRACT
        self._screen_since = clock()
        self._watchdog = QTimer(self)
        self._watchdog.timeout.connect(lambda: sdnotify.notify("WATCHDOG=1"))
        shell.navigator.add_screen(ADMIN)
        self._wire()

    # -- wiring ------------------------------------------------------------------------------
    def _wire(self) -> None:
        shell = self.shell
        self.admin.entered.connect(self._enter_admin)
        self.admin.left.connect(self._leave_admin)
        self.admin.reloadRequested.connect(self.reload_now)
        shell.idle.reset.connect(self._visit_over)
        shell.idle.woke.connect(self._visit_began)
        shell.navigator.screenChanged.connect(self._screen_changed)
        shell.language.currentChanged.connect(self._language_chosen)
        shell.candle.litChanged.connect(self._candle_changed)
        shell.silence.started.connect(lambda: self._stat("silence"))
        shell.content.loadFailed.connect(lambda why: log.error("bundle not shown: %s", why))
        if self.watcher is not None:
            self.watcher.candidateReady.connect(self._candidate_ready)
            self.watcher.candidateRejected.connect(self._candidate_rejected)
            self.watcher.checked.connect(self._check_finished)
            self.watcher.troubleChanged.connect(self._trouble_changed)

    def start(self, *, ready_told: bool = False) -> None:
        """Begin watching the bundle, and tell systemd once the first frame is on screen
        (``ready_told``: built after the first frame, which already told it: see kiosk.cli)."""
        if self.watcher is not None:
            self.watcher.start()
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self.stop)
        window = self.shell.window
        if window is not None and not ready_told:
            after_first_frame(window, _nothing)  # READY=1 once, on the GUI thread
        interval = sdnotify.watchdog_interval_s()
        if interval:
            self._watchdog.start(max(1000, int(interval * 1000 / 2)))

    def stop(self) -> None:
        """Stop watching; a check still running is cancelled, not waited for (SIGTERM)."""
        if self.watcher is not None:
            self.watcher.stop()

    # -- live updates ------------------------------------------------------------------------
    def _candidate_ready(self, path: str) -> None:
        log.info("a new bundle is ready: %s; it will be shown when this visit ends", path)
        self.pending = path
        at_attract = self.shell.navigator.screen == ATTRACT and self.shell.idle.state == ATTRACT
        if at_attract or self._switch_when_checked:
            self._switch()

    def _candidate_rejected(self, path: str, reason: str) -> None:
        log.error("refused the new bundle %s: %s; the current content stays", path, reason)
        self._refresh_admin()

    def _check_finished(self) -> None:
        if self.watcher is None or not self.watcher.busy:
            self._switch_when_checked = False

    def _trouble_changed(self, text: str) -> None:
        if text:
            log.warning("live updates: %s", text)
        self._refresh_admin()

    def _refresh_admin(self) -> None:
        if self.shell.navigator.screen == ADMIN:
            self.admin.refresh()

    def _switch(self) -> bool:
        """Commit the staged bundle and show it; the current content stays on any failure.

        Runs on the GUI thread at the end of a visit: the bundle was copied and checked on the
        worker thread, so this is a rename, a small state file and reading the copy.
        """
        from kiosk.ops.bundles import AdoptError  # noqa: PLC0415

        pending, self.pending = self.pending, ""
        staged = self.watcher.take_staged() if self.watcher is not None else None
        if not pending or staged is None:
            return False
        try:
            copy = self.store.commit(staged)
        except AdoptError as exc:
            log.error("could not take the new bundle %s: %s", pending, exc)
            if exc.storage and self.watcher is not None:
                self.watcher.retry_later(str(exc))
            return False
        if not self.shell.content.reload(copy, checked=True):
            log.error("the new bundle %s could not be shown; keeping the last good one", copy)
            return False
        log.info("now showing %s (copied from %s)", copy, pending)
        self._refresh_admin()
        return True

    def reload_now(self) -> None:
        """The admin's "Reload bundle": check the watched file again (on the worker thread)
        and switch as soon as it is checked; a bundle already waiting is shown at once."""
        if self.pending:
            self._switch()
        if self.watcher is not None:
            self._switch_when_checked = True
            self.watcher.recheck()

    # -- visits and the admin screen ---------------------------------------------------------
    def _visit_began(self) -> None:
        self._visit_started = self._clock()
        self._stat("session_start")

    def _visit_over(self) -> None:
        if self._visit_started is not None:
            self._stat("session_end", self._clock() - self._visit_started)
            self._visit_started = None
        if self.pending:
            self._switch()

    def _screen_changed(self, screen: str) -> None:
        now = self._clock()
        previous, self._screen = self._screen, screen
        seconds, self._screen_since = now - self._screen_since, now
        if previous not in (ATTRACT, ADMIN):
            self._stat("screen", previous, seconds)

    def _candle_changed(self, lit: bool) -> None:
        if lit:
            self._stat("candle")

    def _language_chosen(self, code: str) -> None:
        if self.shell.idle.state != ATTRACT:
            self._stat("language", code)

    def _enter_admin(self) -> None:
        self.shell.idle.hold(ADMIN)
        self.shell.navigator.go(ADMIN)

    def _leave_admin(self) -> None:
        self.shell.idle.release(ADMIN)
        self.shell.end_visit()

    def _stat(self, event: str, *args: Any) -> None:
        if self.stats is None or (self.shell.navigator.screen == ADMIN and event != "screen"):
            return
        getattr(self.stats, event)(*args)

    # -- what the admin screen shows ---------------------------------------------------------
    def info(self) -> dict[str, Any]:
        # imported here: a kiosk nobody administers never reads its log or its statistics
        from kiosk.ops.logs import recent_errors  # noqa: PLC0415
        from kiosk.ops.stats import format_summary  # noqa: PLC0415

        current = self.store.current()
        rejected = self.store.last_rejected()
        summary = self.stats.summary() if self.stats is not None else None
        exhibit = self.shell.content.exhibit()
        return {
            "title": exhibit.title if exhibit else "",
            "contentVersion": exhibit.content_version if exhibit else "",
            "checksum": current.checksum if current else "",
            "validatedAt": current.validated_at if current else "",
            "path": str(current.file) if current else "",
            "configured": str(self.configured),
            "pending": self.pending,
            "updates": self.watcher.trouble if self.watcher is not None else "",
            "rejected": (
                f"{rejected.source} at {rejected.at}: {'; '.join(rejected.problems[:3])}"
                if rejected
                else ""
            ),
            "warnings": list(current.warnings[:20]) if current else [],
            "notes": self.startup_notes,
            "errors": recent_errors(self.log_dir, limit=12) if self.log_dir else [],
            "logDir": str(self.log_dir or ""),
            "stats": format_summary(summary) if summary is not None else "",
            "version": __version__,
        }
