"""The memorial's models: acts of remembrance, and the names of the people remembered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from PySide6.QtCore import QLocale, QObject
from PySide6.QtQml import QmlElement

from kiosk.content.records import Person, Place, Remembrance, Source
from kiosk.ui.backend.dates import format_partial_date, format_when
from kiosk.ui.backend.models.rows import (
    PagedRowModel,
    RowModel,
    image_url,
    readable,
    role_enum,
    source_text,
)
from kiosk.ui.qt import QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

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
                    body=readable(r.body),
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
    personId: int  # where the bundle keeps them: the card opens at once (0: unknown)


BLANK_PERSON = PersonRow("", "", "", "", "", "", "", "", "", personId=0)


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
class PeopleModel(PagedRowModel):
    """The names wall: everyone the bundle names, in the wall's order (by place, then family,
    then each alphabet's own collation: ``Bundle.people_page(order="wall")``).

    Windowed (``PagedRowModel``): ``rowCount`` is one count; a row's data is read with its
    page (``PAGE_ROWS`` rows, one index range read) when a view first asks for it, and only
    ``CACHED_PAGES`` pages are kept. So opening the wall costs the same at a million names as
    at a hundred, and no list of every person is ever made in Python. ``pages_read`` counts
    the reads (tests).
    """

    Row = PersonRow
    Roles = role_enum("PeopleRoles", PersonRow)
    PAGE_ROWS = 60
    CACHED_PAGES = 12

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: PeopleSource | None = None
        self._generation = 0
        self._places: dict[int, str] = {}
        self.pages_read = 0

    # -- loading -----------------------------------------------------------------------------
    def load(self, source: PeopleSource | None, generation: int, locale: QLocale) -> None:
        """Show the people of ``source`` (None: nobody). Reads one count and the places."""
        self._source = source
        self._generation = generation
        self._locale = locale
        count = source.people_count() if source is not None else 0
        self._places = (
            {p.id: p.name for p in source.places()} if source is not None and count else {}
        )
        self._reset_pages(count)

    def retranslate(self) -> None:
        """The words of another language arrived: the pages held are made again."""
        self._refresh_pages()

    def _life_text(self, dates: str, age: int | None) -> str:
        if age is None:
            return dates
        # "aged 34" / "34 года" / "34 yaşında": the number decides the word (numerus forms).
        aged = self.tr("aged %n", "", age)
        return f"{dates} ({aged})" if dates else aged

    def _person_row(self, p: Person) -> PersonRow:
        name = p.name.strip()
        return PersonRow(
            key=p.key or str(p.id),
            name=name,
            lifeText=self._life_text(life_dates(p, self._locale), p.age),
            fate=readable(p.fate),
            notes=readable(p.notes),
            initial=self._locale.toUpper(name[:1]) if name else "",
            photoUrl=image_url(self._generation, p.photo_id),
            place=self._places.get(p.place_id, "") if p.place_id is not None else "",
            family=p.family or "",
            personId=p.id,
        )

    # -- pages -------------------------------------------------------------------------------
    def _read_page(self, number: int) -> list[PersonRow]:
        source = self._source
        rows = self.PAGE_ROWS
        people = source.people_page(number * rows, rows, "wall") if source else []
        self.pages_read += 1
        return [self._person_row(p) for p in people]

    def _blank(self) -> PersonRow:
        return BLANK_PERSON
