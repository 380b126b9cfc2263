"""Watches the configured bundle's folder and announces good new bundles (QtCore only).

The folder is watched, not just the file: ``QFileSystemWatcher`` goes silent on a path after
the file is replaced, so the file path is also re-added after every event. Events are
debounced; the file is then looked at until its size and mtime stay the same across two looks
a debounce apart (``Stability``), and only then checked (``check_candidate``). A slow poll timer
is the fallback for file systems that send no events (network shares).

Wiring (done in kiosk/app.py)::

    watcher = BundleWatcher(config.bundle_path(), store, parent=app)
    watcher.candidateReady.connect(lambda path: remember_pending(path))   # switch at attract
    watcher.candidateRejected.connect(lambda path, why: admin.show_rejection(path, why))
    watcher.start()
    # at the next return to the attract loop:
    new_copy = store.adopt(Path(pending), watcher.last_result)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.ops.bundles import (
    BundleStore,
    CandidateResult,
    Checker,
    FileSignature,
    Stability,
    check_candidate,
    observe,
)

logger = logging.getLogger(__name__)

DEFAULT_DEBOUNCE_MS = 2000
DEFAULT_POLL_MS = 60_000


class BundleWatcher(QObject):
    """Emits ``candidateReady(path)`` for a good new bundle, ``candidateRejected(path, reason)``
    for a bad one.

    "New" means a checksum different from the store's current copy and from the last one
    announced. The file present when ``start()`` is called is taken as already handled (the
    start-up choice checked it); ``recheck()`` checks it again regardless.
    """

    candidateReady = Signal(str)
    candidateRejected = Signal(str, str)

    def __init__(
        self,
        bundle_path: Path,
        store: BundleStore,
        *,
        checker: Checker = check_candidate,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        poll_ms: int = DEFAULT_POLL_MS,
        observe_file: Callable[[Path], FileSignature | None] = observe,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(bundle_path).absolute()
        self._store = store
        self._checker = checker
        self._observe = observe_file
        self._stability = Stability()
        self._handled: FileSignature | None = None
        self._announced = ""
        self.last_result: CandidateResult | None = None  # of the last candidateReady

        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(self._on_fs_event)
        self._fs.fileChanged.connect(self._on_fs_event)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._look)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.poll)

    # -- lifetime ----------------------------------------------------------------------------
    def start(self) -> None:
        """Begin watching; the file as it is now counts as already handled."""
        self._rewatch()
        signature = self._observe(self.path)
        self._stability.observe(signature)
        self._handled = signature
        self._poll.start()

    def stop(self) -> None:
        """Stop watching and polling."""
        self._debounce.stop()
        self._poll.stop()
        watched = self._fs.files() + self._fs.directories()
        if watched:
            self._fs.removePaths(watched)

    @property
    def watched_paths(self) -> list[str]:
        """What the file system watcher is watching now (for diagnostics and tests)."""
        return self._fs.directories() + self._fs.files()

    # -- slots -------------------------------------------------------------------------------
    @Slot()
    def poll(self) -> None:
        """Look at the file now (also run by the slow poll timer)."""
        self._rewatch()
        self._look()

    @Slot()
    def recheck(self) -> None:
        """Check the file again even if it has not changed (the admin's "reload" button)."""
        self._handled = None
        self._announced = ""
        self._stability.observe(self._observe(self.path))
        self._look()

    # -- internals ---------------------------------------------------------------------------
    def _rewatch(self) -> None:
        folder = str(self.path.parent)
        if folder not in self._fs.directories() and self.path.parent.is_dir():
            self._fs.addPath(folder)
        files = self._fs.files()
        if files:
            self._fs.removePaths(files)
        if self.path.is_file():
            self._fs.addPath(str(self.path))

    @Slot(str)
    def _on_fs_event(self, _changed: str) -> None:
        self._rewatch()
        self._debounce.start()

    @Slot()
    def _look(self) -> None:
        signature = self._observe(self.path)
        steadiness = self._stability.observe(signature)
        if steadiness == "changing":
            self._debounce.start()
            return
        if steadiness == "missing" or signature == self._handled:
            return
        self._handled = signature
        self._check()

    def _check(self) -> None:
        result = self._checker(self.path)
        if not result.ok:
            self._store.note_rejected(result)
            self._announced = ""  # after a refusal, a good bundle is news again
            self.candidateRejected.emit(str(self.path), result.reason)
            return
        if result.checksum in (self._store.current_checksum, self._announced):
            logger.info("bundles: %s changed but its content is the same", self.path)
            return
        self._announced = result.checksum
        self.last_result = result
        logger.info("bundles: a new bundle is ready at %s", self.path)
        self.candidateReady.emit(str(self.path))
