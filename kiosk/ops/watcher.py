"""Watches the configured bundle's folder and announces good new bundles (QtCore only).

The folder is watched, not just the file: ``QFileSystemWatcher`` goes silent on a path after
the file is replaced, so the file path is also re-added after every event. Events are
debounced; the file is then looked at until its size and mtime stay the same across two looks
a debounce apart (``Stability``). Only then is it copied into the data folder and the copy
checked (``BundleStore.stage``), on a worker thread (``BackgroundJob``): the GUI thread never
waits on a large bundle, and the outcome comes back to it through a queued signal. A slow poll
timer is the fallback for file systems that send no events (network shares).

When the data folder cannot take the copy (full disk, read-only), the watcher says so
(``trouble``, ``troubleChanged``) and tries again after ``retry_ms`` (a back-off: each delay in
turn, then the last one for ever), until it works.

Wiring (kiosk/cli/kiosk.py builds it, kiosk/ui/runtime/operations.py connects it)::

    watcher = BundleWatcher(config.bundle_path(), store, parent=app)
    watcher.candidateReady.connect(remember_pending)     # switch at the next attract
    watcher.candidateRejected.connect(lambda path, why: log.error(...))
    watcher.start()
    # at the next return to the attract loop (GUI thread, cheap: a rename):
    new_copy = store.commit(watcher.take_staged())
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.ops.bundles import (
    AdoptError,
    BundleStore,
    CandidateResult,
    Checker,
    FileSignature,
    Stability,
    Staged,
    observe,
)
from kiosk.ops.worker import BackgroundJob, Outcome

logger = logging.getLogger(__name__)

DEFAULT_DEBOUNCE_MS = 2000
DEFAULT_POLL_MS = 60_000
# After a failed copy into the data folder: 10 s, 1 min, 5 min, then every 15 min.
DEFAULT_RETRY_MS: tuple[int, ...] = (10_000, 60_000, 300_000, 900_000)
STOP_WAIT_S = 2.0


class BundleWatcher(QObject):
    """Emits ``candidateReady(path)`` for a good new bundle, ``candidateRejected(path, reason)``
    for a bad one, ``checked()`` after every finished check, and ``troubleChanged(text)`` when
    the data folder stops (text) or starts again ("") taking new bundles.

    "New" means a checksum different from the store's current copy and from the last one
    announced. The file present when ``start()`` is called is taken as already handled (the
    start-up choice checked it); ``recheck()`` checks it again regardless. A good candidate
    waits, copied and checked, in ``take_staged()``.
    """

    candidateReady = Signal(str)
    candidateRejected = Signal(str, str)
    checked = Signal()
    troubleChanged = Signal(str)

    def __init__(
        self,
        bundle_path: Path,
        store: BundleStore,
        *,
        checker: Checker | None = None,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        poll_ms: int = DEFAULT_POLL_MS,
        retry_ms: Sequence[int] = DEFAULT_RETRY_MS,
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
        self._staged: Staged | None = None
        self._look_again = False
        self._retry_ms = tuple(retry_ms) or DEFAULT_RETRY_MS
        self._retries = 0
        self._trouble = ""
        self.last_result: CandidateResult | None = None  # of the last candidateReady

        self._job = BackgroundJob("bundle-check", parent=self)
        self._job.finished.connect(self._on_outcome)
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
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._try_again)

    # -- lifetime ----------------------------------------------------------------------------
    def start(self) -> None:
        """Begin watching; the file as it is now counts as already handled."""
        self._rewatch()
        signature = self._observe(self.path)
        self._stability.observe(signature)
        self._handled = signature
        self._poll.start()

    def stop(self, wait_s: float = STOP_WAIT_S) -> None:
        """Stop watching and polling, cancel a running check (waiting at most ``wait_s``) and
        delete a staged copy that was not taken."""
        self._debounce.stop()
        self._poll.stop()
        self._retry.stop()
        self._job.stop(wait_s)
        self._store.discard(self.take_staged())
        watched = self._fs.files() + self._fs.directories()
        if watched:
            self._fs.removePaths(watched)

    @property
    def watched_paths(self) -> list[str]:
        """What the file system watcher is watching now (for diagnostics and tests)."""
        return self._fs.directories() + self._fs.files()

    @property
    def busy(self) -> bool:
        """True while a candidate is being copied and checked on the worker thread."""
        return self._job.busy

    @property
    def trouble(self) -> str:
        """Why new bundles cannot be taken now (full or read-only data folder), or ""."""
        return self._trouble

    def take_staged(self) -> Staged | None:
        """The good candidate waiting to be committed (copied and checked), handed over once."""
        staged, self._staged = self._staged, None
        return staged

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

    def retry_later(self, reason: str) -> None:
        """The data folder failed to take a candidate: say so and try again after a back-off."""
        delay = self._retry_ms[min(self._retries, len(self._retry_ms) - 1)]
        self._retries += 1
        self._announced = ""  # the same file is news again once the folder takes it
        self._set_trouble(
            f"New bundles cannot be taken: {reason}. Trying again in {_duration(delay)}."
        )
        logger.error("bundles: %s; trying again in %s", reason, _duration(delay))
        self._retry.start(delay)

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
    def _try_again(self) -> None:
        self._handled = None
        self._stability.observe(self._observe(self.path))
        self._look()

    @Slot()
    def _look(self) -> None:
        signature = self._observe(self.path)
        steadiness = self._stability.observe(signature)
        if steadiness == "changing":
            self._debounce.start()
            return
        if steadiness == "missing" or signature == self._handled:
            return
        if self._job.busy:  # one check at a time; look again when this one is done
            self._look_again = True
            return
        self._handled = signature
        self._check()

    def _check(self) -> None:
        path, store, checker = self.path, self._store, self._checker
        logger.info("bundles: checking %s (on a worker thread)", path)
        self._job.start(lambda cancel: store.stage(path, checker=checker, cancel=cancel))

    @Slot(object)
    def _on_outcome(self, outcome: Outcome) -> None:
        try:
            self._handle(outcome)
        finally:
            if self._look_again:  # the file changed while it was being checked
                self._look_again = False
                self._stability.observe(self._observe(self.path))
                self._look()
            self.checked.emit()

    def _handle(self, outcome: Outcome) -> None:
        error = outcome.error
        if isinstance(error, AdoptError) and error.storage:
            self.retry_later(str(error))
            return
        if error is not None:  # a bug or an unforeseen failure: a refusal, with its message
            problem = f"{self.path}: could not be checked ({type(error).__name__}: {error})"
            staged = Staged(self.path, None, CandidateResult(self.path, False, (problem,), ""))
        else:
            staged = outcome.value
        self._retries = 0
        self._set_trouble("")
        result = staged.result
        if not staged.ok:
            self._store.note_rejected(result)
            self._announced = ""  # after a refusal, a good bundle is news again
            self.candidateRejected.emit(str(self.path), result.reason)
            return
        if result.checksum in (self._store.current_checksum, self._announced):
            logger.info("bundles: %s changed but its content is the same", self.path)
            self._store.discard(staged)
            return
        self._store.discard(self._staged)  # a newer candidate replaces one still waiting
        self._staged = staged
        self._announced = result.checksum
        self.last_result = result
        logger.info("bundles: a new bundle is ready at %s", self.path)
        self.candidateReady.emit(str(self.path))

    def _set_trouble(self, text: str) -> None:
        if text != self._trouble:
            self._trouble = text
            self.troubleChanged.emit(text)


def _duration(ms: int) -> str:
    seconds = ms / 1000
    if seconds < 120:
        return f"{seconds:g} s"
    return f"{seconds / 60:g} min"
