"""Publish from the studio: build, check, say what changes, then the content layer's publish.

``PublishDialog`` builds the edited exhibit into a bundle (the same build and validation as
the checks), compares it with the bundle at the destination (kiosk.studio.changes) and, when
the curator confirms, hands it to ``kiosk.content.publish.publish``: the same validation,
quick_check, copy beside the destination and atomic rename as ``kiosk-content publish``.
A bundle with errors is not offered for publishing.

Also here: importing people from a CSV file (people.csv's columns), with progress.
"""

from __future__ import annotations

import csv
import io
import logging
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
from kiosk.content.tables import table
from kiosk.studio.changes import Summary, compare
from kiosk.studio.checks import CheckResult, check
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
# TODO(import-people): `kiosk-content import-people` is not in the content layer yet. When it
# is, call its reader here (it will know name variants and dates better); until then this reads
# a CSV with people.csv's own columns (key, name, birth_date, ... photo), nothing more.
CHUNK = 2000


def read_people_csv(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of a people CSV (people.csv's columns; a missing key is made from the row number)."""
    columns = table("people").source_columns
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    reader = csv.DictReader(io.StringIO(text))
    unknown = [c for c in (reader.fieldnames or []) if c not in columns]
    problems = (
        [f"unknown column(s) {', '.join(unknown)}; the columns are: {', '.join(columns)}"]
        if unknown
        else []
    )
    rows = []
    for number, raw in enumerate(reader, start=1):
        row = {c: (raw.get(c) or "").strip() for c in columns}
        if not row["name"]:
            problems.append(f"line {number + 1}: no name; left out")
            continue
        row["key"] = row["key"] or f"person-{number}"
        rows.append(row)
    return rows, problems


def import_people(
    project: Project, path: Path, parent: QWidget | None = None
) -> tuple[int, list[str]]:
    """Add the people in the CSV at ``path`` as one undoable step, with a progress dialog."""
    progress = QProgressDialog("Reading the names…", "Stop", 0, 0, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    try:
        rows, problems = read_people_csv(path)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        progress.close()
        return 0, [f"{path.name}: cannot be read ({exc})"]
    taken = set(project.doc.keys("people"))
    fresh: list[dict[str, Any]] = []
    progress.setLabelText(f"Adding {len(rows):,} names…")
    progress.setMaximum(max(len(rows), 1))
    for start in range(0, len(rows), CHUNK):
        for row in rows[start : start + CHUNK]:
            key, n = row["key"], 1
            while key in taken:
                n += 1
                key = f"{row['key']}-{n}"
            taken.add(key)
            fresh.append({**row, "key": key})
        progress.setValue(min(start + CHUNK, len(rows)))
        QCoreApplication.processEvents()
        if progress.wasCanceled():
            progress.close()
            return 0, ["stopped: nothing was added"]
    project.append_rows("people", fresh, f"Import {len(fresh):,} people from {path.name}")
    progress.close()
    return len(fresh), problems
