"""One job at a time off the GUI thread, its outcome delivered back on the GUI thread (QtCore).

Checking and copying a bundle can take seconds on a large file. Done on the GUI thread, a
visitor's touch would wait, and so would the systemd watchdog (``WatchdogSec``) and SIGTERM.
``BackgroundJob`` runs such work on a Python daemon thread and hands the result to the GUI
thread through a queued signal:

    job = BackgroundJob("bundle-check", parent=watcher)
    job.finished.connect(on_outcome)          # on_outcome(Outcome), on the GUI thread
    job.start(lambda cancel: store.stage(path, cancel=cancel))

The work gets a ``threading.Event`` that ``cancel()`` and ``stop()`` set; long loops check it
and raise ``kiosk.ops.bundles.Cancelled``. A cancelled job's outcome is dropped. ``stop(wait_s)``
waits a bounded time only: the thread is a daemon, so a check stuck in SQLite never holds up
the kiosk's exit (systemd's ``TimeoutStopSec``). Any exception from the work becomes
``Outcome.error``, logged with its traceback; it never reaches ``threading.excepthook``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.ops.bundles import Cancelled

logger = logging.getLogger(__name__)

Work = Callable[[threading.Event], Any]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a job returned (``value``), or the exception it raised (``error``)."""

    job: int
    value: Any = None
    error: Exception | None = None


class BackgroundJob(QObject):
    """Runs one job at a time on a daemon thread; ``finished(Outcome)`` on this object's thread."""

    finished = Signal(object)
    _delivered = Signal(object)  # emitted from the worker thread; queued to ours

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._job = 0
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._busy = False
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        """True from ``start`` until its outcome was delivered (or the job was cancelled)."""
        return self._busy

    def start(self, work: Work) -> bool:
        """Run ``work(cancel_event)`` on a new daemon thread; False (nothing started) when busy."""
        if self._busy:
            return False
        self._job += 1
        self._cancel = threading.Event()
        self._busy = True
        self._thread = threading.Thread(
            target=self._run,
            args=(self._job, work, self._cancel),
            name=f"kiosk-{self._name}-{self._job}",
            daemon=True,
        )
        self._thread.start()
        return True

    def cancel(self) -> None:
        """Ask the running job to stop and forget it: its outcome will not be delivered."""
        self._cancel.set()
        self._busy = False

    def stop(self, wait_s: float = 2.0) -> bool:
        """Cancel, then wait at most ``wait_s`` for the thread; True when it has ended."""
        self.cancel()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(max(0.0, wait_s))
        if thread.is_alive():
            logger.warning(
                "%s: a job is still running after %.1f s; leaving it (the thread is a daemon)",
                self._name,
                wait_s,
            )
            return False
        return True

    # -- the worker thread -------------------------------------------------------------------
    def _run(self, job: int, work: Work, cancel: threading.Event) -> None:
        try:
            outcome = Outcome(job, value=work(cancel))
        except Cancelled:
            logger.info("%s: job %d cancelled", self._name, job)
            return
        except Exception as exc:  # an outcome, never threading.excepthook
            logger.warning("%s: job %d failed", self._name, job, exc_info=True)
            outcome = Outcome(job, error=exc)
        if cancel.is_set():
            return
        try:
            self._delivered.emit(outcome)
        except RuntimeError:  # the receiver was deleted: the kiosk is shutting down
            logger.info("%s: job %d finished after its receiver was gone", self._name, job)

    # -- back on the GUI thread --------------------------------------------------------------
    @Slot(object)
    def _deliver(self, outcome: Outcome) -> None:
        if outcome.job != self._job or self._cancel.is_set():
            return  # a job that was cancelled (and maybe replaced) in the meantime
        self._busy = False
        self.finished.emit(outcome)
