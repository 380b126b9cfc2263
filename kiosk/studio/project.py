"""The open exhibit: its document, every edit as an undoable command, save and the journal.

``Project`` is the one thing the studio's views edit. Every change goes through ``set_field``,
``set_translation``, ``set_review``, ``insert_row``, ``append_rows``, ``replace_rows``,
``remove_row``, ``move_row`` or ``add_image``, each of which pushes a ``QUndoCommand`` on
``undo_stack``: undo and redo cover every edit. Typing into one field merges into one command,
so Ctrl+Z takes back a word-run, not a letter.

Views listen to ``edited(table, row, field)`` (one value changed; row -1 = the table's rows
changed) and ``changed()`` (anything changed: re-check, re-journal).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.images import MIME_EXTENSIONS, ImageError, sniff
from kiosk.studio import document as docmod
from kiosk.studio import folder as foldermod
from kiosk.studio.document import EXHIBIT, NUMBER, SECTIONS, SourceDocument, blank_row
from kiosk.studio.journal import Journal

log = logging.getLogger(__name__)

JOURNAL_DELAY_MS = 1500
_MERGE_ID = 1720


class Project(QObject):
    """An exhibit's source folder open for editing."""

    edited = Signal(str, int, str)  # table, row (-1: rows added, removed or moved), field
    changed = Signal()
    saved = Signal()

    def __init__(
        self,
        folder: Path,
        document: SourceDocument,
        *,
        baseline: SourceDocument | None = None,
        data_dir: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.doc = document
        self.baseline = (baseline or document).clone()
        # Recovered from the journal: unsaved, though nothing is on the undo stack yet.
        self.recovered = baseline is not None and baseline is not document
        self.undo_stack = QUndoStack(self)
        self.journal = Journal(folder, data_dir)
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(JOURNAL_DELAY_MS)
        self._journal_timer.timeout.connect(self.write_journal)
        self.changed.connect(self._journal_timer.start)

    # -- reading ---------------------------------------------------------------------------
    def rows(self, table: str) -> list[dict[str, Any]]:
        return [self.doc.exhibit] if table == EXHIBIT else self.doc.table(table)

    def value(self, table: str, row: int, name: str) -> Any:
        rows = self.rows(table)
        return rows[row].get(name, "") if 0 <= row < len(rows) else ""

    def looks_dirty(self) -> bool:
        """Unsaved changes, as the title bar shows them (cheap: no rendering per keystroke)."""
        return self.recovered or not self.undo_stack.isClean()

    def is_dirty(self) -> bool:
        write, delete = foldermod.changes(self.baseline, self.doc)
        return bool(write or delete)

    # -- editing ---------------------------------------------------------------------------
    def set_field(self, table: str, row: int, name: str, value: Any) -> None:
        old = self.value(table, row, name)
        if old == value:
            return
        if name == "key" and table != EXHIBIT and old:
            self._rename(table, row, str(old), str(value))
            return
        self.undo_stack.push(_SetField(self, table, row, name, old, value))

    def _rename(self, table: str, row: int, old: str, new: str) -> None:
        """A new key for a row, followed by every reference to it and its translations: one
        undoable step."""
        stack = self.undo_stack
        stack.beginMacro(f"Rename {old} to {new}")
        stack.push(_SetField(self, table, row, "key", old, new))
        for other in tables.TABLES:
            for column in other.references:
                if column.references != table or other.name not in self.doc.rows:
                    continue
                for index, found in enumerate(self.doc.table(other.name)):
                    if found.get(column.source_name) == old:
                        stack.push(_SetField(self, other.name, index, column.source_name, old, new))
        for locale, texts in self.doc.translations.items():
            for t, k, f in [key for key in texts if key[0] == table and key[1] == old]:
                text = texts[(t, k, f)]
                stack.push(_SetTranslation(self, locale, (t, k, f), text, None))
                stack.push(_SetTranslation(self, locale, (t, new, f), None, text))
        stack.endMacro()

    def set_translation(self, locale: str, key: tuple[str, str, str], text: str) -> None:
        old = self.doc.translations.get(locale, {}).get(key)
        new = text if text.strip() else None
        if old == new or (old is None and new is None):
            return
        self.undo_stack.push(_SetTranslation(self, locale, key, old, new))

    def insert_row(self, table: str, at: int, values: dict[str, Any] | None = None) -> int:
        row = blank_row(table)
        row.update(values or {})
        if table == SECTIONS and not isinstance(row.get(NUMBER), int):
            row[NUMBER] = self.doc.next_section_number()
        at = max(0, min(at, len(self.rows(table))))
        self.undo_stack.push(_Rows(self, table, f"Add {table} row", insert=(at, row)))
        return at

    def append_rows(self, table: str, rows: list[dict[str, Any]], text: str = "") -> None:
        """Add many rows at the end as one undoable step (an import)."""
        if rows:
            full = [{**blank_row(table), **row} for row in rows]
            self.undo_stack.push(
                _Rows(self, table, text or f"Add {len(rows)} {table} rows", many=full)
            )

    def replace_rows(
        self, table: str, rows: list[dict[str, Any]], text: str, name: str = ""
    ) -> None:
        """Make ``rows`` the table's rows as one undoable step (an import that adds and
        updates; a language's review status). ``name`` goes with ``edited``."""
        before = list(self.doc.table(table))
        if rows != before:
            self.undo_stack.push(_Table(self, table, text, before, list(rows), name))

    def review(self, locale: str) -> str:
        """The language's review status as the document has it ("" when not set)."""
        for row in self.doc.table(docmod.LOCALES):
            if str(row.get("locale", "")) == locale:
                return str(row.get("review", ""))
        return ""

    def set_review(self, locale: str, status: str) -> None:
        """Set the language's review status (``REVIEW_STATUSES``, or "" for not set): its row
        of ``locales`` ([review] in exhibit.toml), as one undoable step."""
        if not locale or status == self.review(locale):
            return
        rows = [r for r in self.doc.table(docmod.LOCALES) if str(r.get("locale", "")) != locale]
        if status:
            rows.append({"locale": locale, "review": status})
        shown = status or "not set"
        self.replace_rows(docmod.LOCALES, rows, f"Review status of {locale}: {shown}", locale)

    def remove_row(self, table: str, at: int) -> None:
        if 0 <= at < len(self.rows(table)):
            self.undo_stack.push(_Rows(self, table, f"Delete {table} row", remove=at))

    def move_row(self, table: str, at: int, to: int) -> None:
        rows = self.rows(table)
        if at == to or not (0 <= at < len(rows) and 0 <= to < len(rows)):
            return
        self.undo_stack.push(_Rows(self, table, f"Move {table} row", move=(at, to)))

    def add_image(self, path: Path) -> tuple[int, str]:
        """Add the image file at ``path`` to the media (as one undoable step).

        Returns (row, problem): the row added, or -1 and what is wrong with the file."""
        try:
            data = path.read_bytes()
            info = sniff(data)
        except OSError as exc:
            return -1, f"{path.name}: cannot be read ({exc.strerror or exc})"
        except ImageError as exc:
            return -1, f"{path.name}: {exc}"
        stem = fmt.safe_file_stem(path.stem.lower(), "image")
        key, n = stem, 1
        taken = set(self.doc.keys("media"))
        while key in taken:
            n += 1
            key = f"{stem}-{n}"
        name = f"{key}.{MIME_EXTENSIONS[info.mime]}"
        row = {**blank_row("media"), "key": key, "file": name}
        at = len(self.rows("media"))
        self.undo_stack.push(
            _Rows(self, "media", f"Add image {name}", insert=(at, row), file=(name, data))
        )
        return at, ""

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> list[str]:
        """Write the changed files into the folder; returns them. Raises OSError."""
        written = foldermod.save(self.folder, self.baseline, self.doc)
        self.baseline = self.doc.clone()
        self.recovered = False
        self.undo_stack.setClean()
        self._journal_timer.stop()
        self.journal.discard()
        log.info("saved %s: %s", self.folder, ", ".join(written) or "nothing changed")
        self.saved.emit()
        return written

    def write_journal(self) -> None:
        try:
            self.journal.write(self.baseline, self.doc)
        except OSError as exc:  # a full disk: keep editing, say so in the log
            log.warning("the recovery journal could not be written (%s)", exc)

    # -- for the commands ------------------------------------------------------------------
    def _notify(self, table: str, row: int, name: str) -> None:
        self.edited.emit(table, row, name)
        self.changed.emit()


class _SetField(QUndoCommand):
    def __init__(  # noqa: PLR0917 - one command, its whole state
        self, project: Project, table: str, row: int, name: str, old: Any, new: Any
    ) -> None:
        super().__init__(f"Edit {table} {name}")
        self.project, self.table, self.row, self.name = project, table, row, name
        self.old, self.new = old, new

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetField):
            return False
        if (other.table, other.row, other.name) != (self.table, self.row, self.name):
            return False
        if not isinstance(self.new, str) or self.name == "key":  # one step each
            return False
        self.new = other.new
        return True

    def _set(self, value: Any) -> None:
        self.project.rows(self.table)[self.row][self.name] = value
        self.project._notify(self.table, self.row, self.name)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class _SetTranslation(QUndoCommand):
    def __init__(
        self,
        project: Project,
        locale: str,
        key: tuple[str, str, str],
        old: str | None,
        new: str | None,
    ) -> None:
        super().__init__(f"Translate {key[0]} {key[2]} ({locale})")
        self.project, self.locale, self.key, self.old, self.new = project, locale, key, old, new

    def id(self) -> int:
        return _MERGE_ID + 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, _SetTranslation) and (other.locale, other.key) == (
            self.locale,
            self.key,
        ):
            self.new = other.new
            return True
        return False

    def _set(self, value: str | None) -> None:
        texts = self.project.doc.translations.setdefault(self.locale, {})
        if value is None:
            texts.pop(self.key, None)
        else:
            texts[self.key] = value
        self.project._notify("translations", -1, self.locale)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class _Table(QUndoCommand):
    """All of one table's rows replaced (the rows kept are the same dicts: a later edit of
    one is undone before this is)."""

    def __init__(  # noqa: PLR0917 - one command, its whole state
        self,
        project: Project,
        table: str,
        text: str,
        before: list[dict[str, Any]],
        after: list[dict[str, Any]],
        name: str,
    ) -> None:
        super().__init__(text)
        self.project, self.table, self.name = project, table, name
        self.before, self.after = before, after

    def _set(self, rows: list[dict[str, Any]]) -> None:
        self.project.doc.rows[self.table] = list(rows)
        self.project._notify(self.table, -1, self.name)

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)


class _Rows(QUndoCommand):
    """Insert, remove or move one row (with its image file, for media)."""

    def __init__(
        self,
        project: Project,
        table: str,
        text: str,
        *,
        insert: tuple[int, dict[str, Any]] | None = None,
        remove: int | None = None,
        move: tuple[int, int] | None = None,
        file: tuple[str, bytes] | None = None,
        many: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(text)
        self.many = many
        self.project, self.table = project, table
        self.insert, self.remove, self.move, self.file = insert, remove, move, file
        self.removed: dict[str, Any] | None = None
        self.removed_file: tuple[str, bytes] | None = None

    def _rows(self) -> list[dict[str, Any]]:
        return self.project.doc.table(self.table)

    def redo(self) -> None:
        rows, doc = self._rows(), self.project.doc
        if self.many is not None:
            rows.extend(dict(r) for r in self.many)
        elif self.insert is not None:
            at, row = self.insert
            rows.insert(at, dict(row))
            if self.file is not None:
                doc.media_files[self.file[0]] = self.file[1]
        elif self.remove is not None:
            self.removed = rows.pop(self.remove)
            name = str(self.removed.get("file", "")) if self.table == "media" else ""
            if name and name in doc.media_files and name not in {str(r.get("file")) for r in rows}:
                self.removed_file = (name, doc.media_files.pop(name))
        elif self.move is not None:
            at, to = self.move
            rows.insert(to, rows.pop(at))
            self._renumber_sections()
        self.project._notify(self.table, -1, "")

    def undo(self) -> None:
        rows, doc = self._rows(), self.project.doc
        if self.many is not None:
            del rows[len(rows) - len(self.many) :]
        elif self.insert is not None:
            rows.pop(self.insert[0])
            if self.file is not None:
                doc.media_files.pop(self.file[0], None)
        elif self.remove is not None and self.removed is not None:
            rows.insert(self.remove, self.removed)
            if self.removed_file is not None:
                doc.media_files[self.removed_file[0]] = self.removed_file[1]
        elif self.move is not None:
            at, to = self.move
            rows.insert(at, rows.pop(to))
            self._renumber_sections()
        self.project._notify(self.table, -1, "")

    def _renumber_sections(self) -> None:
        """A section's place is its file's number: moved sections keep the numbers in order."""
        if self.table != SECTIONS:
            return
        rows = self._rows()
        numbers = sorted(n for n in (r.get(NUMBER) for r in rows) if isinstance(n, int))
        if len(numbers) == len(rows):
            for row, number in zip(rows, numbers, strict=True):
                row[NUMBER] = number
