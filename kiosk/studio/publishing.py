"""Publish from the studio: build, check, say what changes, then the content layer's publish.

``PublishDialog`` builds the edited exhibit into a bundle (the same build and validation as
the checks), compares it with the bundle at the destination (kiosk.studio.changes) and, when
the curator confirms, hands it to ``kiosk.content.publish.publish``: the same validation,
quick_check, copy beside the destination and atomic rename as ``kiosk-content publish``.
A bundle with errors is not offered for publishing.

Both steps run off the GUI thread (kiosk.studio.tasks.ProgressJob) on a copy of the document
taken when the step starts: the window keeps drawing and answering while a large exhibit is
built or copied to a slow share, a bar and a line say what is being done, and the errors of
the check go to the problems panel too (``checkedWith``). The check can be stopped (it only
writes into the studio's scratch folder); the publish cannot: the kiosk's file is replaced
whole or not at all, so the dialog stays until it has ended, and says how.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.publish import PublishError, PublishResult, publish
from kiosk.ops.bundles import Cancelled
from kiosk.studio.changes import Summary, compare
from kiosk.studio.checks import CheckResult, check
from kiosk.studio.project import Project
from kiosk.studio.tasks import Outcome, ProgressJob

log = logging.getLogger(__name__)

Publisher = Callable[[Path, Path], PublishResult]

IDLE, CHECKING, PUBLISHING = "idle", "checking", "publishing"


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the check found, and (when it found no error) what changes at ``target``."""

    result: CheckResult
    summary: Summary | None
    target: Path


def ready(result: CheckResult) -> bool:
    return result.built and not result.errors and result.bundle is not None


class PublishDialog(QDialog):
    compared = Signal(bool)  # the check and comparison ended: True when ready to publish
    publishEnded = Signal(bool)  # True: published
    checkedWith = Signal(object)  # the CheckResult of the publish's own check

    def __init__(
        self,
        project: Project,
        work: Path,
        destination: str = "",
        parent: QWidget | None = None,
        *,
        publisher: Publisher = publish,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle("Publish the exhibit")
        # A folder of its own: the checks as you type build in ``work`` at the same time.
        self.project, self.work = project, work / "publish"
        self.built: CheckResult | None = None
        self.summary: Summary | None = None
        self.published: PublishResult | None = None
        self.state = IDLE
        self._publisher = publisher
        self._count = 0
        self._job = ProgressJob("studio-publish", self)
        self._job.finished.connect(self._finished)
        self.destination = QLineEdit(destination)
        self.destination.setObjectName("publishDestination")
        self.destination.setPlaceholderText(
            "The kiosk's exhibit file, e.g. /srv/memorial-kiosk/exhibit.sqlite"
        )
        self.browse = QPushButton("Choose…")
        self.browse.clicked.connect(self._browse)
        self.report = QPlainTextEdit()
        self.report.setObjectName("publishSummary")
        self.report.setReadOnly(True)
        self.stage = QLabel("")
        self.stage.setObjectName("publishStage")
        self._job.progress.connect(lambda text: self.stage.setText(str(text)))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: neither build nor copy can say how far along it is
        self.bar.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.compare_button = self.buttons.addButton(
            "Check and compare", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.stop_button = self.buttons.addButton("Stop", QDialogButtonBox.ButtonRole.ActionRole)
        self.stop_button.setVisible(False)
        # An action too (not Accept): the buttons then read in the order of the steps.
        self.publish_button = self.buttons.addButton(
            "Publish", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.publish_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.compare_button.clicked.connect(self.check_and_compare)
        self.stop_button.clicked.connect(self.stop)
        self.publish_button.clicked.connect(self.publish_now)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Publish to (the file a kiosk, or a shared folder, reads):"))
        layout.addLayout(row)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        self.destination.textChanged.connect(lambda _t: self.publish_button.setEnabled(False))

    @property
    def busy(self) -> bool:
        return self.state != IDLE

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Publish to", self.destination.text() or "exhibit.sqlite", "Exhibit (*.sqlite)"
        )
        if path:
            self.destination.setText(path)

    def target(self) -> Path | None:
        text = self.destination.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path / "exhibit.sqlite" if path.is_dir() else path

    # -- the steps (each starts a job; its end comes back in _finished) ------------------------
    def check_and_compare(self) -> bool:
        """Start building and validating the exhibit, then listing what changes at the
        destination (``compared`` says how it ended). False when it could not start."""
        target = self.target()
        if self.busy:
            return False
        self.publish_button.setEnabled(False)
        if target is None:
            self.report.setPlainText("Choose where to publish first.")
            return False
        self._count += 1
        snapshot = self.project.doc.clone()
        work, name, job = self.work, f"publish-{self._count}.sqlite", self._job

        def run(cancel: threading.Event) -> Comparison:
            result = check(snapshot, work, name=name)
            if cancel.is_set():
                raise Cancelled
            if not ready(result) or result.bundle is None:
                return Comparison(result, None, target)
            job.report(f"Comparing with the exhibit at {target}…")
            return Comparison(result, compare(result.bundle, target), target)

        self.report.setPlainText("")
        self._begin(CHECKING, "Building and checking the exhibit…")
        self._job.start(run)
        return True

    def publish_now(self) -> bool:
        """Start publishing the bundle just checked (kiosk.content.publish: validate, copy,
        rename; ``publishEnded`` says how it ended). False when there is nothing to publish."""
        target = self.target()
        if self.busy or self.built is None or self.built.bundle is None or target is None:
            return False
        bundle, publisher = self.built.bundle, self._publisher
        self._begin(
            PUBLISHING,
            f"Publishing to {target}: checking the exhibit, copying it beside the kiosk's file, "
            "then replacing that file…",
        )
        self._job.start(lambda _cancel: publisher(bundle, target))
        return True

    def stop(self) -> None:
        """Stop a check (a publish cannot be stopped halfway)."""
        if self.state != CHECKING:
            return
        self._job.cancel()
        self._end()
        self.report.setPlainText("Stopped: nothing was published.")
        self.compared.emit(False)

    def reject(self) -> None:
        if self.state == PUBLISHING:
            self.stage.setText(
                "Publishing cannot be stopped halfway (the kiosk's file is replaced whole or "
                "not at all); this window closes when you ask again after it has ended."
            )
            return
        self.stop()
        super().reject()

    def _begin(self, state: str, text: str) -> None:
        self.state = state
        self.stage.setText(text)
        self.bar.setVisible(True)
        self.stop_button.setVisible(state == CHECKING)
        for widget in (self.compare_button, self.publish_button, self.destination, self.browse):
            widget.setEnabled(False)

    def _end(self) -> None:
        self.state = IDLE
        self.stage.setText("")
        self.bar.setVisible(False)
        self.stop_button.setVisible(False)
        for widget in (self.compare_button, self.destination, self.browse):
            widget.setEnabled(True)

    def _finished(self, outcome: Outcome) -> None:
        state = self.state
        self._end()
        if state == CHECKING:
            self.compared.emit(self._checked(outcome))
        elif state == PUBLISHING:
            self.publishEnded.emit(self._published(outcome))

    def _checked(self, outcome: Outcome) -> bool:
        if outcome.error is not None:
            self.report.setPlainText(
                f"The check could not be made ({type(outcome.error).__name__}: {outcome.error})."
                " Nothing was published; the details are in the studio's log."
            )
            return False
        comparison: Comparison = outcome.value
        self.built, self.summary = comparison.result, comparison.summary
        self.checkedWith.emit(comparison.result)
        if comparison.summary is None:
            lines = [
                f"Not ready to publish: {self.built.errors} error(s). "
                "Fix them first (see Problems: a click there goes to the field)."
            ]
            lines += [f"  {f}" for f in self.built.findings if f.severity == "error"][:30]
            self.report.setPlainText("\n".join(lines))
            return False
        lines = [f"Checked: no errors, {self.built.warnings} warning(s)."]
        lines.append(f"What changes at {comparison.target}:")
        lines += [f"  {line}" for line in comparison.summary.lines()]
        if self.project.is_dirty():
            lines.append("(The changes are not saved yet: save them too, so the folder matches.)")
        self.report.setPlainText("\n".join(lines))
        if comparison.target != self.target():
            self.report.appendPlainText("\nThe destination has changed since: check again.")
            return False
        self.publish_button.setEnabled(True)
        return True

    def _published(self, outcome: Outcome) -> bool:
        error = outcome.error
        if isinstance(error, PublishError):
            self.report.appendPlainText(
                f"\nNot published: {error}\n(The kiosk's file is unchanged.)"
            )
            log.warning("publish refused: %s", error)
            return False
        if isinstance(error, OSError):
            self.report.appendPlainText(f"\nNot published: {error.strerror or error}")
            return False
        if error is not None:
            self.report.appendPlainText(
                f"\nNot published: an unexpected problem ({type(error).__name__}: {error}). "
                "The details are in the studio's log; check the destination before trying again."
            )
            return False
        self.published = outcome.value
        assert self.published is not None
        self.report.appendPlainText(
            f"\nPublished to {self.published.dest} ({self.published.size:,} bytes). "
            "A kiosk watching it shows the new exhibit when its current visit ends."
        )
        log.info("published to %s (sha256 %s)", self.published.dest, self.published.sha256)
        return True
