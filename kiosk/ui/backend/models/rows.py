"""What every list model the screens draw has in common: rows, their roles, and how they change.

A model's rows are instances of its ``Row``, a ``NamedTuple`` whose fields are the model's roles
(QML reads them by these names), built once, in Python, when the bundle or the language changes.
``Roles``, the role numbers Qt uses, follow from those fields. Code reads a row's fields by name
(``row.title``, ``model.get(row, "title")``), never by position. QML asks for a row only when it
creates a delegate, never per frame, so a timeline of 10,000 events scrolls on the C++ side alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from enum import IntEnum
from typing import Any, ClassVar, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from kiosk.content.limits import MAX_WORD_CHARS
from kiosk.content.records import Source
from kiosk.ui.qt import Property

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

FIRST_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_Index = QModelIndex | QPersistentModelIndex


def role_enum(name: str, row: type[NamedTuple]) -> type[IntEnum]:
    """The Qt roles of a row type: one per field, in the fields' order."""
    return IntEnum(name, {f: FIRST_ROLE + i for i, f in enumerate(row._fields)})  # type: ignore[return-value]


def source_text(source: Source | None) -> str:
    """The short name of where a text or figure comes from (shown on every card)."""
    return source.title.strip() if source is not None else ""


def source_detail(source: Source | None) -> str:
    """The longer note on a source (shown where there is room to read it)."""
    return readable(source.detail.strip()) if source is not None else ""


def image_url(generation: int, media_id: int | None) -> str:
    """The ``image://bundle/...`` address of a media row; the generation defeats stale caches."""
    return "" if media_id is None else f"image://bundle/{generation}/{media_id}"


# A word no line holds, and how often it gets a break opportunity (U+200B ZERO WIDTH SPACE:
# invisible, a place a line may break, ignored by screen readers).
_LONG_WORD = re.compile(rf"[^\s\u200b]{{{MAX_WORD_CHARS + 1},}}")
SOFT_BREAK = "\u200b"
SOFT_BREAK_EVERY = 10
_JOINERS = frozenset("\u200c\u200d")  # never a break beside a (non-)joiner
_MARKS = frozenset(("Mn", "Mc", "Me", "Cf", "Sk"))  # marks that belong to the letter before


def readable(text: str) -> str:
    """``text`` as a screen should lay it out: a word longer than a line (over
    ``MAX_WORD_CHARS``) gets a break opportunity every ``SOFT_BREAK_EVERY`` characters (never
    inside a letter with its marks). Qt lays out one enormous word in time that grows with the
    square of its length (a 100,000-character word takes most of a second, again at every
    layout); with a break every few characters it costs what ordinary text costs. The stored
    text is never changed, and ordinary text comes back as it was (the same object)."""
    if len(text) <= MAX_WORD_CHARS or _LONG_WORD.search(text) is None:
        return text
    return _LONG_WORD.sub(_soft_breaks, text)


def _soft_breaks(match: re.Match[str]) -> str:
    word = match.group()
    pieces: list[str] = []
    start = 0
    while len(word) - start > SOFT_BREAK_EVERY:
        cut = start + SOFT_BREAK_EVERY
        while cut < len(word) and not _may_break_before(word, cut):
            cut += 1
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return SOFT_BREAK.join(p for p in pieces if p)


def _may_break_before(word: str, at: int) -> bool:
    here, before = word[at], word[at - 1]
    return (
        here not in _JOINERS and before not in _JOINERS and unicodedata.category(here) not in _MARKS
    )


class RowModel(QAbstractListModel):
    """Rows are ``Row`` tuples; subclasses build them from records, by field name."""

    Row: ClassVar[type[Any]]  # a NamedTuple; its fields are the roles
    Roles: ClassVar[type[IntEnum]]  # role_enum(..., Row)
    countChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._keys: list[str] = []
        self._locale = QLocale("en")

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            role = FIRST_ROLE + 1  # the second field of every row is its main text
        field = role - FIRST_ROLE  # Roles follow Row's fields, so role and field agree
        if not 0 <= field < len(self.Roles):
            return None
        return self._rows[row][field]

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(r): QByteArray(r.name.encode()) for r in self.Roles}

    # -- for Python and QML ------------------------------------------------------------------
    def _get_count(self) -> int:
        return self.rowCount()

    count = Property(int, _get_count, notify=countChanged)

    @Slot(int, str, result="QVariant")
    def get(self, row: int, role_name: str) -> Any:
        """One field of one row, by role name (``None`` when out of range)."""
        if not 0 <= row < len(self._rows) or role_name not in self.Roles.__members__:
            return None
        return getattr(self._rows[row], role_name)

    def row_dict(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row]._asdict())

    def rows(self) -> list[Any]:
        """Every row as it is now (a copy of the list; the rows themselves are immutable)."""
        return list(self._rows)

    def may_change_sources(self, roles: list[int]) -> bool:
        """Whether a ``dataChanged`` of ``roles`` (none: every role) can change
        ``source_titles`` (a section's read mark cannot)."""
        if not roles:
            return True
        names = {r.name for r in self.Roles if int(r) in roles}
        return bool(names & {"source", "parts"})

    def source_titles(self) -> list[str]:
        """The source each row names, in row order (a figure's parts after the figure), for
        the sources panel; a paged model answers from SQL instead."""
        titles: list[str] = []
        for row in self.rows():
            titles.append(str(getattr(row, "source", "") or ""))
            titles.extend(
                str(part.get("source", "") or "") for part in getattr(row, "parts", ()) or ()
            )
        return titles

    @property
    def locale(self) -> QLocale:
        """The language the rows were last built in."""
        return self._locale

    def _replace(self, keys: list[str], rows: list[Any], locale: QLocale | None = None) -> None:
        """Swap in new rows: same keys in the same order only refresh the data (a language
        change keeps every view's position); anything else resets the model."""
        if locale is not None:
            self._locale = locale
        if keys == self._keys and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0))
            return
        old = len(self._rows)
        self.beginResetModel()
        self._keys, self._rows = keys, rows
        self.endResetModel()
        if old != len(rows):
            self.countChanged.emit()

    def _set_field(self, row: int, name: str, value: Any) -> None:
        current = self._rows[row]
        if getattr(current, name) == value:
            return
        self._rows[row] = current._replace(**{name: value})
        idx = self.index(row, 0)
        self.dataChanged.emit(idx, idx, [int(self.Roles[name])])


class PagedRowModel(RowModel):
    """A ``RowModel`` whose rows are read a page at a time, as the views ask for them.

    Only the row count is known up front; ``data()`` is served from a small LRU of pages
    (``CACHED_PAGES`` of ``PAGE_ROWS`` rows), and a page missing from it is read by
    ``_read_page`` (a subclass's one indexed query: well under a frame). Never every row in
    Python: a model of 100,000 rows holds a few hundred. A view asks for a row only when it
    makes a delegate, so scrolling within what is made calls no Python at all.
    """

    PAGE_ROWS: ClassVar[int] = 50
    CACHED_PAGES: ClassVar[int] = 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()

    # -- what a subclass gives -----------------------------------------------------------------
    def _read_page(self, number: int) -> list[Any]:
        """The rows ``number * PAGE_ROWS`` onwards (at most ``PAGE_ROWS``); may be short."""
        raise NotImplementedError

    def _blank(self) -> Any:
        """What a row that cannot be read shows (every field empty, of its type)."""
        raise NotImplementedError

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def data(self, index: _Index, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            role = FIRST_ROLE + 1
        field = role - FIRST_ROLE
        if not 0 <= field < len(self.Roles):
            return None
        return row[field]

    # -- for Python and QML --------------------------------------------------------------------
    @Slot(int, str, result="QVariant")
    def get(self, row: int, role_name: str) -> Any:
        found = self._row(row)
        if found is None or role_name not in self.Roles.__members__:
            return None
        return getattr(found, role_name)

    def row_dict(self, row: int) -> dict[str, Any]:
        found = self._row(row)
        if found is None:
            raise IndexError(row)
        return dict(found._asdict())

    def rows(self) -> list[Any]:
        """Every row, read page by page (for tests and tools: the screens never ask for it)."""
        return [self._row(r) for r in range(self._count)]

    def cached_pages(self) -> list[int]:
        """The pages held now, least recently used first."""
        return list(self._pages)

    # -- the page cache ------------------------------------------------------------------------
    def _row(self, row: int) -> Any:
        if not 0 <= row < self._count:
            return None
        number, at = divmod(row, self.PAGE_ROWS)
        page = self._pages.get(number)
        if page is None:
            page = self._pages[number] = self._read_page(number)
            while len(self._pages) > self.CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[at] if at < len(page) else self._blank()

    def _reset_pages(self, count: int, first: list[Any] | None = None) -> None:
        """Other rows altogether (another bundle): the views start again."""
        old = self._count
        self.beginResetModel()
        self._count = count
        self._pages.clear()
        if first is not None and count:
            self._pages[0] = first
        self.endResetModel()
        if old != count:
            self.countChanged.emit()

    def _refresh_pages(self) -> None:
        """The same rows in other words (a language change): only the pages held are read
        again, and the views keep their place."""
        for number in list(self._pages):
            self._pages[number] = self._read_page(number)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 0))
