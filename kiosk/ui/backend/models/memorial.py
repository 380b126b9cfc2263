"""The memorial's models: acts of remembrance, and the names of the people remembered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from PySide6.QtCore import QLocale, QObject, Slot
from PySide6.QtQml import QmlElement

from kiosk.content.records import Person, Remembrance, Source
from kiosk.ui.backend.dates import format_partial_date, format_when
from kiosk.ui.backend.models.rows import RowModel, image_url, role_enum, source_text
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


@QmlElement
@QmlUncreatable("Made by the ContentController")
class PeopleModel(RowModel):
    """The names of the people remembered, sorted by name; empty when the bundle has none."""

    Row = PersonRow
    Roles = role_enum("PeopleRoles", PersonRow)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # (row, dates, age) of each person whose age is known: their line is made again when
        # the words of another language arrive (retranslate).
        self._aged: list[tuple[int, str, int]] = []

    def _life_text(self, dates: str, age: int | None) -> str:
        if age is None:
            return dates
        # "aged 34" / "34 года" / "34 yaşında": the number decides the word (numerus forms).
        aged = self.tr("aged %n", "", age)
        return f"{dates} ({aged})" if dates else aged

    def load(self, people: Iterable[Person], generation: int, locale: QLocale) -> None:
        rows: list[PersonRow] = []
        keys: list[str] = []
        self._aged = []
        for p in people:
            born = format_partial_date(p.birth_date, locale)
            died = format_partial_date(p.death_date, locale)
            dates = f"{born} – {died}" if born and died else (born or died)
            if p.age is not None:
                self._aged.append((len(rows), dates, p.age))
            name = p.name.strip()
            keys.append(str(p.id))
            rows.append(
                PersonRow(
                    key=str(p.id),
                    name=name,
                    lifeText=self._life_text(dates, p.age),
                    fate=p.fate,
                    notes=p.notes,
                    initial=locale.toUpper(name[:1]) if name else "",
                    photoUrl=image_url(generation, p.photo_id),
                )
            )
        self._replace(keys, rows, locale)

    def retranslate(self) -> None:
        """Make the lines of translated words again, in the words installed now."""
        for row, dates, age in self._aged:
            if row < len(self._rows):
                self._set_field(row, "lifeText", self._life_text(dates, age))

    @Slot(result="QVariantList")
    def initials(self) -> list[dict[str, Any]]:
        """Each first letter with the row of its first name: the letter strip."""
        seen: dict[str, int] = {}
        for row, person in enumerate(self._rows):
            seen.setdefault(person.initial, row)
        return [{"letter": k, "row": v} for k, v in seen.items() if k]
