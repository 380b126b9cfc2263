"""The memorial's models: acts of remembrance, and the names of the people remembered."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, Protocol

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
from PySide6.QtQml import QmlElement

from kiosk.content.records import Person, Place, Remembrance, Source
from kiosk.ui.backend.dates import format_partial_date, format_when
from kiosk.ui.backend.models.rows import (
    FIRST_ROLE,
    RowModel,
    image_url,
    role_enum,
    source_text,
)
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

_Index = QModelIndex | QPersistentModelIndex


# The acts of a state (decrees, addresses) come after remembrance itself, under a heading.
OFFICIAL_KINDS = frozenset({"decree", "address"})


class RemembranceRow(NamedTuple):
    key: str
    title: str
    body: str
    kind: str
    dateText: str
    source: str
    official: bool  # a decree or an address
    firstOfficial: bool  # the first of those: the heading goes above it


@QmlElement
@QmlUncreatable("Made by the ContentController")
class RemembranceModel(RowModel):
    """Remembrance before administration: the days of mourning (and any other kind) first,
    then the decrees and addresses, each group in the curator's order."""

    Row = RemembranceRow
    Roles = role_enum("RemembranceRoles", RemembranceRow)

    def load(
        self, entries: Iterable[Remembrance], sources: Mapping[int, Source], locale: QLocale
    ) -> None:
        ordered = sorted(entries, key=lambda r: r.kind in OFFICIAL_KINDS)  # stable
        rows: list[RemembranceRow] = []
        keys: list[str] = []
        for r in ordered:
            official = r.kind in OFFICIAL_KINDS
            keys.append(r.key)
            rows.append(
                RemembranceRow(
                    key=r.key,
                    title=r.title,
                    body=r.body,
                    kind=r.kind,
                    dateText=format_when(r.date, locale, r.date_label),
                    source=source_text(sources.get(r.source_id or -1)),
                    official=official,
                    firstOfficial=official and not any(row.official for row in rows),
                )
            )
        self._replace(keys, rows, locale)


class PersonRow(NamedTuple):
    key: str
    name: str
    lifeText: str
    fate: str
    notes: str
    initial: str  # the name's first letter, upper-cased the language's way
    photoUrl: str
    place: str  # the place's name ("" when none is recorded): the wall's sections
    family: str  # the curator's family key ("" when none)


# Rows are read from SQLite a page at a time, as the view asks for them; a few pages stay.
PAGE_SIZE = 60
PAGES_KEPT = 12


class PeopleSource(Protocol):
    """What the model reads: ``kiosk.content.reader.Bundle``'s paged people."""

    locale: str

    def people_count(self) -> int: ...

    def people_page(self, offset: int, limit: int, order: str = "name") -> list[Person]: ...

    def places(self) -> list[Place]: ...


def life_dates(p: Person, locale: QLocale) -> str:
    born = format_partial_date(p.birth_date, locale)
    died = format_partial_date(p.death_date, locale)
    return f"{born} – {died}" if born and died else (born or died)


@QmlElement
@QmlUncreatable("Made by the ContentController")
class PeopleModel(QAbstractListModel):
    """The names wall: everyone the bundle names, in the wall's order (by place, then family,
    then each alphabet's own collation: ``Bundle.people_page(order="wall")``).

    Windowed: ``rowCount`` is one count; a row's data is read with its page (``PAGE_SIZE``
    rows, one index range read) when a view first asks for it, and only ``PAGES_KEPT`` pages
    are kept. So opening the wall costs the same at a million names as at a hundred, and no
    list of every person is ever made in Python. ``pages_read`` counts the reads (tests).
    """

    Row = PersonRow
    Roles = role_enum("PeopleRoles", PersonRow)
    countChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: PeopleSource | None = None
        self._count = 0
        self._generation = 0
        self._locale = QLocale("en")
        self._pages: OrderedDict[int, list[PersonRow]] = OrderedDict()
        self._places: dict[int, str] = {}
        self.pages_read = 0

    # -- loading -----------------------------------------------------------------------------
    def load(self, source: PeopleSource | None, generation: int, locale: QLocale) -> None:
        """Show the people of ``source`` (None: nobody). Reads one count and the places."""
        old = self._count
        self.beginResetModel()
        self._source = source
        self._generation = generation
        self._locale = locale
        self._pages.clear()
        self._count = source.people_count() if source is not None else 0
        self._places = (
            {p.id: p.name for p in source.places()} if source is not None and self._count else {}
        )
        self.endResetModel()
        if old != self._count:
            self.countChanged.emit()

    def retranslate(self) -> None:
        """The words of another language arrived: rows are made again when next asked for."""
        if self._pages:
            self._pages.clear()
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 0))

    def _life_text(self, dates: str, age: int | None) -> str:
        if age is None:
            return dates
        # "aged 34" / "34 года" / "34 yaşında": the number decides the word (numerus forms).
        aged = self.tr("aged %n", "", age)
        return f"{dates} ({aged})" if dates else aged

    def _row(self, p: Person) -> PersonRow:
        name = p.name.strip()
        return PersonRow(
            key=p.key or str(p.id),
            name=name,
            lifeText=self._life_text(life_dates(p, self._locale), p.age),
            fate=p.fate,
            notes=p.notes,
            initial=self._locale.toUpper(name[:1]) if name else "",
            photoUrl=image_url(self._generation, p.photo_id),
            place=self._places.get(p.place_id, "") if p.place_id is not None else "",
            family=p.family or "",
        )

    def _page(self, number: int) -> list[PersonRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        source = self._source
        people = source.people_page(number * PAGE_SIZE, PAGE_SIZE, "wall") if source else []
        self.pages_read += 1
        page = [self._row(p) for p in people]
        self._pages[number] = page
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page

    def row(self, row: int) -> PersonRow | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        at = row % PAGE_SIZE
        return page[at] if at < len(page) else None

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def data(self, index: _Index, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        found = self.row(index.row())
        if found is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            role = FIRST_ROLE + 1
        field = role - FIRST_ROLE
        if not 0 <= field < len(self.Roles):
            return None
        return found[field]

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(r): QByteArray(r.name.encode()) for r in self.Roles}

    def _get_count(self) -> int:
        return self._count

    count = Property(int, _get_count, notify=countChanged)

    @Slot(int, str, result="QVariant")
    def get(self, row: int, role_name: str) -> Any:
        """One field of one row, by role name (``None`` when out of range)."""
        found = self.row(row)
        if found is None or role_name not in self.Roles.__members__:
            return None
        return getattr(found, role_name)

    @property
    def locale(self) -> QLocale:
        return self._locale
