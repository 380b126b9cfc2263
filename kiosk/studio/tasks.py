"""The studio's long jobs (publish, import people) off the GUI thread, with progress.

``ProgressJob`` is the project's ``kiosk.ops.worker.BackgroundJob`` (one job at a time on a
daemon thread, its ``Outcome`` delivered on the GUI thread, a cancelled job's outcome dropped)
plus ``progress(value)``: the work calls ``job.report(value)`` from its thread and the GUI
thread gets ``progress`` queued, so a progress bar moves while the window stays responsive.
A report that arrives after the job was cancelled is dropped like its outcome.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.ops.worker import BackgroundJob, Outcome

__all__ = ["Outcome", "ProgressJob"]


class ProgressJob(BackgroundJob):
    """A ``BackgroundJob`` whose work can report progress; ``progress(object)`` on our thread."""

    progress = Signal(object)
    _reported = Signal(object)  # emitted from the worker thread; queued to ours

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(name, parent)
        self._reported.connect(self._relay, Qt.ConnectionType.QueuedConnection)

    def report(self, value: object) -> None:
        """Called by the work, on its own thread."""
        try:
            self._reported.emit(value)
        except RuntimeError:  # the job was deleted (the studio is closing): nobody to tell
            return

    @Slot(object)
    def _relay(self, value: object) -> None:
        if self.busy:
            self.progress.emit(value)
