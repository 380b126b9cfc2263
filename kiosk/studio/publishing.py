"""Publish from the studio: build, check, say what changes, then the content layer's publish.

``PublishDialog`` builds the edited exhibit into a bundle (the same build and validation as
the checks), compares it with the bundle at the destination (kiosk.studio.changes) and, when
the curator confirms, hands it to ``kiosk.content.publish.publish``: the same validation,
quick_check, copy beside the destination and atomic rename as ``kiosk-content publish``.
A bundle with errors is not offered for publishing.

Also here: importing people from a CSV file, read and checked by the content layer's own
import-people reader, with progress, as one undoable step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.publish import PublishError, PublishResult, publish
from kiosk.content.source.files import SourceReader
from kiosk.content.source.import_people import MAX_LISTED, ImportFailed, read_people
from kiosk.studio.changes import Summary, compare
from kiosk.studio.checks import CheckResult, check
from kiosk.studio.document import SourceDocument, blank_row
from kiosk.studio.project import Project

log = logging.getLogger(__name__)


class PublishDialog(QDialog):
    def __init__(
        self, project: Project, work: Path, destination: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle("Publish the exhibit")
        self.project, self.work = project, work
        self.built: CheckResult | None = None
        self.summary: Summary | None = None
        self.published: PublishResult | None = None
        self._count = 0
        self.destination = QLineEdit(destination)
        self.destination.setObjectName("publishDestination")
        self.destination.setPlaceholderText(
            "The kiosk's exhibit file, e.g. /srv/memorial-kiosk/exhibit.sqlite"
        )
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        self.report = QPlainTextEdit()
        self.report.setObjectName("publishSummary")
        self.report.setReadOnly(True)
        self.buttons = QDialogButtonBox()
        self.compare_button = self.buttons.addButton(
            "Check and compare", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.publish_button = self.buttons.addButton(
            "Publish", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.publish_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.compare_button.clicked.connect(self.check_and_compare)
        self.publish_button.clicked.connect(self.publish_now)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Publish to (the file a kiosk, or a shared folder, reads):"))
        layout.addLayout(row)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        self.destination.textChanged.connect(lambda _t: self.publish_button.setEnabled(False))

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

    def check_and_compare(self) -> bool:
        """Build and validate the exhibit, then list what changes at the destination."""
        self.publish_button.setEnabled(False)
        target = self.target()
        if target is None:
            self.report.setPlainText("Choose where to publish first.")
            return False
        self._count += 1
        self.built = check(self.project.doc, self.work, name=f"publish-{self._count}.sqlite")
        lines: list[str] = []
        if not self.built.built or self.built.errors or self.built.bundle is None:
            lines.append(
                f"Not ready to publish: {self.built.errors} error(s). "
                "Fix them first (see Problems)."
            )
            lines += [f"  {f}" for f in self.built.findings if f.severity == "error"][:30]
            self.report.setPlainText("\n".join(lines))
            return False
        self.summary = compare(self.built.bundle, target)
        lines.append(f"Checked: no errors, {self.built.warnings} warning(s).")
        lines.append(f"What changes at {target}:")
        lines += [f"  {line}" for line in self.summary.lines()]
        if self.project.is_dirty():
            lines.append("(The changes are not saved yet: save them too, so the folder matches.)")
        self.report.setPlainText("\n".join(lines))
        self.publish_button.setEnabled(True)
        return True

    def publish_now(self) -> bool:
        """Publish the bundle just checked (kiosk.content.publish: validate, copy, rename)."""
        target = self.target()
        if self.built is None or self.built.bundle is None or target is None:
            return False
        try:
            self.published = publish(self.built.bundle, target)
        except PublishError as exc:
            self.report.appendPlainText(f"\nNot published: {exc}")
            log.warning("publish to %s refused: %s", target, exc)
            return False
        except OSError as exc:
            self.report.appendPlainText(f"\nNot published: {exc.strerror or exc}")
            return False
        self.report.appendPlainText(
            f"\nPublished to {self.published.dest} ({self.published.size:,} bytes). "
            "A kiosk watching it shows the new exhibit when its current visit ends."
        )
        log.info("published %s to %s", self.built.bundle, self.published.dest)
        self.publish_button.setEnabled(False)
        return True


# -- importing people ---------------------------------------------------------------------------
# The content layer's import-people works on a bundle (it copies, migrates, fills, indexes and
# validates a bundle file); the studio edits a source folder. So the studio reads the CSV with
# the import's own reader (read_people: the same header rules, the same checks of each row,
# the same problems by line and field, --strict's all-or-nothing) and adds or updates rows of
# the document's people table, as the import does in a bundle.
CHUNK = 2000


@dataclass
class PeopleImport:
    """What an import of people did (or, ``written`` False, would have done)."""

    added: int = 0
    updated: int = 0
    bad_rows: int = 0
    problems: list[str] = field(default_factory=list)  # by file, line and field
    written: bool = False
    stopped: bool = False
    rows: list[dict[str, Any]] | None = None  # the people table with the import in it

    def lines(self) -> list[str]:
        """The problems, as the details of the studio's message."""
        out = list(self.problems)
        if self.bad_rows > len(self.problems):
            out.append(f"... and more: {self.bad_rows:,} bad rows in all")
        return out


def read_people_import(
    doc: SourceDocument,
    path: Path,
    *,
    strict: bool = False,
    progress: Callable[[int], bool] | None = None,
) -> PeopleImport:
    """The people table of ``doc`` with the people of the CSV at ``path`` added or updated, as
    ``kiosk-content import-people`` does in a bundle: a row whose key ``doc`` has updates that
    person with the cells it fills (an empty cell erases nothing); any other row adds one (a
    row without a key gets ``person-N``, N the id the build gives it); a bad row is left out
    and reported (with ``strict``, nothing is taken). ``progress(rows read)`` is called every
    ``CHUNK`` rows; when it returns False the import stops and takes nothing. Qt-free."""
    result = PeopleImport()
    ids = {
        name: {key: i for i, key in enumerate(doc.keys(name), start=1) if key}
        for name in ("places", "sources", "media")
    }
    people = list(doc.table("people"))
    at = {key: i for i, key in enumerate(doc.keys("people")) if key}
    keyless: list[int] = []
    checker = SourceReader(path.parent)
    count = 0
    try:
        for row in read_people(path, checker, ids):
            count += 1
            if progress is not None and count % CHUNK == 0 and not progress(count):
                result.stopped = True
                return result
            if row is None:
                continue
            key = str(row.values.get("key") or "")
            if key in at:
                people[at[key]] = {**people[at[key]], **row.cells}
                result.updated += 1
                continue
            if key:
                at[key] = len(people)
            else:
                keyless.append(len(people))
            people.append({**blank_row("people"), "name": str(row.values["name"]), **row.cells})
            result.added += 1
    except ImportFailed as exc:
        result.problems = [str(exc)]
        return result
    except OSError as exc:
        result.problems = [f"{path.name}: cannot be read ({exc.strerror or exc})"]
        return result
    taken = set(at)
    for index in keyless:
        number = index + 1
        while f"person-{number}" in taken:
            number += 1
        people[index]["key"] = f"person-{number}"
        taken.add(f"person-{number}")
    result.bad_rows = len({(p.file, p.line) for p in checker.problems})
    result.problems = [str(p) for p in checker.problems[:MAX_LISTED]]
    if not (strict and result.bad_rows):
        result.rows = people
    return result


def _count_rows(path: Path) -> int:
    """The rows of the CSV, about (its lines less the header), for the progress bar."""
    lines = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
    except OSError:
        return 0
    return max(lines - 1, 0)


def import_people(
    project: Project, path: Path, parent: QWidget | None = None, *, strict: bool = False
) -> PeopleImport:
    """Add or update the people in the CSV at ``path`` (``read_people_import``) as one
    undoable step, with a progress dialog that can stop it (then nothing changes)."""
    total = _count_rows(path)
    progress = QProgressDialog(f"Reading {path.name}…", "Stop", 0, max(total, 1), parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def advance(count: int) -> bool:
        progress.setValue(min(count, max(total, 1)))
        QCoreApplication.processEvents()
        return not progress.wasCanceled()

    try:
        result = read_people_import(project.doc, path, strict=strict, progress=advance)
    finally:
        progress.close()
    if result.stopped:
        result.problems = ["stopped: nothing was imported"]
    elif result.rows is not None and (result.added or result.updated):
        project.replace_rows(
            "people",
            result.rows,
            f"Import people from {path.name} ({result.added:,} added, {result.updated:,} updated)",
        )
        result.written = True
    log.info(
        "imported %s: %d added, %d updated, %d bad rows%s",
        path,
        result.added,
        result.updated,
        result.bad_rows,
        "" if result.written else " (nothing taken)",
    )
    return result
