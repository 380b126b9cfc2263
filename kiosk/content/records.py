"""Typed, immutable records read from a content bundle.

Text fields hold the text in the locale the bundle was opened in, already fallen back to the
exhibit's default locale where a translation is missing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    """How much of a date is known. The stored value's shape matches it."""

    YEAR = "year"  # 1988
    MONTH = "month"  # 1992-02
    DAY = "day"  # 1992-02-26
    TIME = "time"  # 1992-02-26T05:00


_SHAPES: dict[Precision, re.Pattern[str]] = {
    Precision.YEAR: re.compile(r"^(\d{4})$"),
    Precision.MONTH: re.compile(r"^(\d{4})-(\d{2})$"),
    Precision.DAY: re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    Precision.TIME: re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$"),
}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a given precision, stored as a partial ISO 8601 string."""

    value: str
    precision: Precision

    @classmethod
    def parse(cls, value: str, precision: str | Precision) -> PartialDate:
        """Check that ``value`` has the shape its precision says and is a real date.

        Raises ValueError with a message fit for a curator.
        """
        try:
            prec = Precision(precision)
        except ValueError:
            names = ", ".join(p.value for p in Precision)
            raise ValueError(f"precision {precision!r} is not one of {names}") from None
        match = _SHAPES[prec].match(value or "")
        if not match:
            examples = {
                Precision.YEAR: "1988",
                Precision.MONTH: "1992-02",
                Precision.DAY: "1992-02-26",
                Precision.TIME: "1992-02-26T05:00",
            }
            raise ValueError(
                f"{value!r} is not a {prec.value} date (write it like {examples[prec]})"
            )
        parts = [int(p) for p in match.groups()]
        _check_calendar(value, parts)
        return cls(value, prec)

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if len(self.value) >= 7 else None

    @property
    def day(self) -> int | None:
        return int(self.value[8:10]) if len(self.value) >= 10 else None

    @property
    def hour(self) -> int | None:
        return int(self.value[11:13]) if len(self.value) >= 13 else None

    @property
    def minute(self) -> int | None:
        return int(self.value[14:16]) if len(self.value) >= 16 else None

    def sort_key(self) -> str:
        """Chronological order: a string compare works on partial ISO 8601."""
        return self.value


def _check_calendar(value: str, parts: list[int]) -> None:
    year = parts[0]
    if year < 1:
        raise ValueError(f"{value!r}: year {year} is out of range")
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise ValueError(f"{value!r}: month {parts[1]} is not between 1 and 12")
    if len(parts) >= 3:
        last = calendar.monthrange(year, parts[1])[1]
        if not 1 <= parts[2] <= last:
            raise ValueError(f"{value!r}: day {parts[2]} is not in that month (1-{last})")
    if len(parts) >= 5 and not (0 <= parts[3] <= 23 and 0 <= parts[4] <= 59):
        raise ValueError(f"{value!r}: {parts[3]:02d}:{parts[4]:02d} is not a time of day")


@dataclass(frozen=True, slots=True)
class Exhibit:
    title: str
    subtitle: str
    default_locale: str
    locales: tuple[str, ...]
    content_version: str
    credits: str
    dedication: str = ""
    visit_locale: str = ""  # the language a visit starts in; empty: default_locale


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    key: str
    title: str
    detail: str


@dataclass(frozen=True, slots=True)
class Section:
    id: int
    position: int
    key: str
    title: str
    body: str
    image_id: int | None
    source_id: int | None
    sensitive: bool
    advisory: str


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    position: int
    key: str
    start: PartialDate | None
    end: PartialDate | None
    date_label: str
    title: str
    body: str
    era: str
    category: str
    image_id: int | None
    source_id: int | None
    section_id: int | None
    summary: str = ""  # schema 2: what a timeline card shows; "" = the start of the body


@dataclass(frozen=True, slots=True)
class Statistic:
    id: int
    position: int
    key: str
    value: float
    unit: str
    label: str
    description: str
    source_id: int | None
    parent_id: int | None
    tone: str = "loss"  # loss | context
    attract: bool = False
    section_id: int | None = None
    remainder_label: str = ""


@dataclass(frozen=True, slots=True)
class Remembrance:
    id: int
    position: int
    key: str
    kind: str  # observance | decree | address | other
    date: PartialDate | None
    date_label: str
    title: str
    body: str
    source_id: int | None


@dataclass(frozen=True, slots=True)
class Person:
    """One person remembered. Every unknown is None (or an empty text): never a guess.

    ``name`` is the name as recorded, in full, as shown; ``surname``, ``given_name`` and
    ``patronymic`` are its parts where the curator knows them. ``name_lang`` (``az``, ``ru``)
    and ``name_script`` (``latn``, ``cyrl``) say how it was recorded; ``other_spellings``
    are the curator's other spellings of the whole name, any alphabet. ``fate_kind`` is one
    of ``tables.FATES`` (None: not recorded); ``fate`` is the curator's words about it.
    ``name_order`` is the person's rank in the names' collation (0, 1, 2...); ``wall_order``
    their rank on the wall in a bundle of schema 2 to 4 (from schema 5 the ``id`` is the
    wall's order, 1, 2, 3..., and ``wall_order`` is None). Fields of schema 2 are None in a
    bundle of schema 1.
    """

    id: int
    name: str
    birth_date: PartialDate | None
    death_date: PartialDate | None
    age: int | None
    fate: str
    notes: str
    photo_id: int | None
    key: str = ""
    surname: str | None = None
    given_name: str | None = None
    patronymic: str | None = None
    name_lang: str | None = None
    name_script: str | None = None
    other_spellings: tuple[str, ...] = ()
    fate_kind: str | None = None
    place_id: int | None = None
    family: str | None = None
    source_id: int | None = None
    name_order: int | None = None
    wall_order: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """One of the curator's places (a village, a town, a district)."""

    id: int
    position: int
    key: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Relation:
    """``person_id`` is the ``kind`` (parent, child, spouse, sibling) of ``relative_id``."""

    id: int
    person_id: int
    kind: str
    relative_id: int


@dataclass(frozen=True, slots=True)
class Relative:
    """A family member as a person's card lists them: how related, and who."""

    kind: str  # the relative is the person's: parent, child, spouse, sibling
    person: Person


@dataclass(frozen=True, slots=True)
class PersonCard:
    """Everything a person's card shows: the person, their place, source and family."""

    person: Person
    place: Place | None
    source: Source | None
    relatives: tuple[Relative, ...]  # from relations.csv, in the names' order
    family: tuple[Person, ...]  # others with the same family key, in the names' order


@dataclass(frozen=True, slots=True)
class Media:
    id: int
    key: str
    mime: str
    width: int
    height: int
    alt: str
    credit: str
