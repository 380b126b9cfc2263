"""Import people from a CSV file into the studio's exhibit, off the GUI thread, as one undo step.

The content layer's import-people works on a bundle (it copies, migrates, fills, indexes and
validates a bundle file); the studio edits a source folder. So the studio reads the CSV with
the import's own reader (read_people: the same header rules, the same checks of each row, the
same problems by line and field, --strict's all-or-nothing) and adds or updates rows of the
document's people table, as the import does in a bundle (``read_people_import``, Qt-free).

``PeopleImporter`` runs that on a worker thread (kiosk.studio.tasks.ProgressJob) over a copy
of the document, with a progress dialog whose Stop takes nothing; back on the GUI thread the
new people table goes in as one undoable step, unless the people (or the places, sources and
images they name) were changed in the meantime: then nothing is taken and the curator is told.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kiosk.content.source.files import SourceReader
from kiosk.content.source.import_people import MAX_LISTED, ImportFailed, read_people
from kiosk.studio.document import SourceDocument, blank_row
from kiosk.studio.project import Project
from kiosk.studio.tasks import Outcome, ProgressJob

log = logging.getLogger(__name__)

CHUNK = 2000
NAMED = ("places", "sources", "media")  # the tables a person's row names by key


@dataclass
class PeopleImport:
    """What an import of people did (or, ``written`` False, would have done)."""

    added: int = 0
    updated: int = 0
    bad_rows: int = 0
    problems: list[str] = field(default_factory=list)  # by file, line and field
    written: bool = False
    stopped: bool = False
    strict: bool = False  # all rows or none
    rows: list[dict[str, Any]] | None = None  # the people table with the import in it

    def lines(self) -> list[str]:
        """The problems, as the details of the studio's message."""
        out = list(self.problems)
        if self.bad_rows > len(self.problems):
            out.append(f"... and more: {self.bad_rows:,} bad rows in all")
        return out

    def summary(self, path: Path) -> str:
        """What came of it, in one or two sentences for the curator."""
        if self.written:
            bad = f"; {self.bad_rows:,} row(s) with problems left out" if self.bad_rows else ""
            return (
                f"{self.added:,} people added, {self.updated:,} updated{bad} "
                "(one step: Edit > Undo takes them all back)."
            )
        if self.stopped:
            return f"Stopped: nothing was imported from {path.name}."
        if self.bad_rows and self.strict:
            return (
                f"Nothing was imported: {self.bad_rows:,} row(s) of {path.name} have problems "
                "(all rows or none)."
            )
        if self.problems:
            return f"Nothing was imported from {path.name}."
        return f"{path.name} has no one to import."


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
    ``CHUNK`` rows; when it returns False the import stops and takes nothing. ``doc`` is not
    changed."""
    result = PeopleImport(strict=strict)
    ids = {name: {key: i for i, key in enumerate(doc.keys(name), start=1) if key} for name in NAMED}
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


def count_rows(path: Path) -> int:
    """The rows of the CSV, about (its lines less the header), for the progress bar."""
    lines = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
    except OSError:
        return 0
    return max(lines - 1, 0)


class PeopleImporter(QObject):
    """Imports people from CSV files into ``project``, one file at a time, off the GUI thread.
    ``imported(PeopleImport, Path)`` when an import has ended (taken, refused or stopped)."""

    imported = Signal(object, object)

    def __init__(self, project: Project, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.project, self.window = project, window
        self._job = ProgressJob("studio-import-people", self)
        self._job.finished.connect(self._finished)
        self._job.progress.connect(self._progress)
        self._dialog: QProgressDialog | None = None
        self._path = Path()
        self._snapshot = SourceDocument()
        self._strict = False

    @property
    def busy(self) -> bool:
        return self._dialog is not None

    def start(self, path: Path, *, strict: bool = False) -> bool:
        """Start importing the CSV at ``path``; False when an import is already running."""
        if self.busy:
            return False
        self._path, self._strict = path, strict
        self._snapshot = snapshot = self.project.doc.clone()
        dialog = QProgressDialog(f"Reading {path.name}…", "Stop", 0, 0, self.window)
        dialog.setWindowTitle("Import people")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.stop)
        self._dialog = dialog
        job = self._job

        def run(cancel: threading.Event) -> PeopleImport:
            job.report(("total", count_rows(path)))

            def advance(count: int) -> bool:
                job.report(("read", count))
                return not cancel.is_set()

            return read_people_import(snapshot, path, strict=strict, progress=advance)

        self._job.start(run)
        return True

    def stop(self) -> None:
        """Stop the running import: nothing is taken."""
        if not self.busy:
            return
        self._job.cancel()
        stopped = PeopleImport(stopped=True, strict=self._strict)
        stopped.problems = ["stopped: nothing was imported"]
        self._end(stopped)

    def _progress(self, value: object) -> None:
        if self._dialog is None or not isinstance(value, tuple):
            return
        kind, number = value
        if kind == "total":
            self._dialog.setMaximum(max(int(number), 1))
        else:
            self._dialog.setValue(min(int(number), self._dialog.maximum()))

    def _finished(self, outcome: Outcome) -> None:
        if not self.busy:
            return
        if outcome.error is not None:
            error = outcome.error
            result = PeopleImport(
                strict=self._strict,
                problems=[
                    f"{self._path.name}: could not be imported ({type(error).__name__}: {error});"
                    " the details are in the studio's log"
                ],
            )
        else:
            result = outcome.value
            if result.rows is not None and (result.added or result.updated):
                self._take(result)
        self._end(result)

    def _take(self, result: PeopleImport) -> None:
        doc, before = self.project.doc, self._snapshot
        if doc.table("people") != before.table("people") or any(
            doc.keys(name) != before.keys(name) for name in NAMED
        ):
            result.problems = [
                "the people, places, sources or images changed while the file was being read: "
                "nothing was imported; import it again"
            ]
            return
        assert result.rows is not None
        self.project.replace_rows(
            "people",
            result.rows,
            f"Import people from {self._path.name} "
            f"({result.added:,} added, {result.updated:,} updated)",
        )
        result.written = True

    def _end(self, result: PeopleImport) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.stop)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self._snapshot = SourceDocument()
        log.info(
            "imported %s: %d added, %d updated, %d bad rows%s",
            self._path,
            result.added,
            result.updated,
            result.bad_rows,
            "" if result.written else " (nothing taken)",
        )
        self.imported.emit(result, self._path)

    def close(self) -> None:
        """Stop any import and its thread (the studio is closing, or opening another exhibit)."""
        if self.busy:
            self.stop()
        self._job.stop(2.0)
