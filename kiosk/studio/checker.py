"""Checks as you type: the project, built and validated off the GUI thread, debounced.

Every change restarts a short timer; when it fires, a copy of the document is checked
(kiosk.studio.checks: the build's reader, writer and the validator) on a worker thread
(kiosk.ops.worker.BackgroundJob). A change that comes in while a check runs is checked
when that one ends, so the last state is always checked and at most one check runs.
Each check that builds writes a new bundle file (``preview-N.sqlite``) in the session's
scratch folder, so the preview never has a file replaced under its open connection; older
ones are removed.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.ops.worker import BackgroundJob, Outcome
from kiosk.studio.checks import CheckResult, check
from kiosk.studio.project import Project

log = logging.getLogger(__name__)

DEFAULT_DELAY_MS = 400
KEEP_BUNDLES = 3


class Checker(QObject):
    """Builds and checks ``project`` after each pause in typing; ``checked(CheckResult)``."""

    checked = Signal(object)
    started = Signal()

    def __init__(
        self, project: Project, delay_ms: int = DEFAULT_DELAY_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-studio-"))
        self.result: CheckResult | None = None
        self._count = 0
        self._again = False
        self._bundles: list[Path] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)
        self._job = BackgroundJob("studio-check", self)
        self._job.finished.connect(self._finished)
        project.changed.connect(self._timer.start)

    @property
    def busy(self) -> bool:
        return self._job.busy or self._timer.isActive()

    def run_now(self) -> None:
        """Check the document as it is now (or as soon as the running check ends)."""
        self._timer.stop()
        if self._job.busy:
            self._again = True
            return
        self._count += 1
        snapshot = self.project.doc.clone()
        folder, name = self.folder, f"preview-{self._count}.sqlite"
        self.started.emit()
        self._job.start(lambda _cancel: check(snapshot, folder, name=name))

    def _finished(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            log.error("the check failed unexpectedly: %s", outcome.error)
        else:
            result: CheckResult = outcome.value
            self.result = result
            if result.bundle is not None:
                self._bundles.append(result.bundle)
                while len(self._bundles) > KEEP_BUNDLES:
                    with contextlib.suppress(OSError):  # Windows: still open somewhere
                        self._bundles.pop(0).unlink(missing_ok=True)
            self.checked.emit(result)
        if self._again:
            self._again = False
            self.run_now()

    def close(self) -> None:
        self._timer.stop()
        self._job.stop(2.0)
        shutil.rmtree(self.folder, ignore_errors=True)
