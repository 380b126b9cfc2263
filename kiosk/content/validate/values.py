"""How the validator reads values: nothing trusted, every type checked, no text read whole
past ``MAX_TEXT_CHARS``, no image past ``MAX_IMAGE_BYTES``; and the patterns a text is checked
against."""

from __future__ import annotations

import calendar
import json
import re
from functools import lru_cache
from typing import Final

from kiosk.content.images import MAX_IMAGE_BYTES
from kiosk.content.limits import MAX_TEXT_CHARS, MAX_WORD_CHARS
from kiosk.content.records import PartialDate
from kiosk.content.tables import SCHEMA_VERSION, Column, table
from kiosk.content.validate.report import shorten

Row = dict[str, object]

PARAGRAPH_WARN: Final = 600  # characters: about ten lines of 60 for a standing reader
KEY_MAX: Final = 100
MAX_AGE: Final = 130

# Anything that could make a text renderer fetch or run something. The kiosk shows plain
# text only, but a bundle must stay safe if a screen ever renders styled text.
MARKUP: Final = re.compile(
    r"""
    <\s*/?\s*(?:img|image|script|a|iframe|frame|frameset|object|embed|applet|link|style|svg
              |math|video|audio|source|track|picture|meta|base|form|input|body|html)\b
    | \b(?:https?|ftp|javascript|vbscript):
    | \b(?:file|data|qrc|blob):(?!\s)
    | \burl\s*\(
    | @import
    | \b(?:src|srcset|href|xlink:href)\s*=
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A word no screen line holds (no space in it; a zero-width space is a break already).
LONG_WORD: Final = re.compile(rf"[^\s\u200b]{{{MAX_WORD_CHARS + 1},}}")
CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
BIDI: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What any of the three could match starts with one of these (a quick first look per text).
SUSPECT: Final = re.compile("[<:(@=\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
WS: Final = "' ' || char(9) || char(10) || char(13)"  # what strip() removes, in SQL


class Undecodable(str):
    """A TEXT value that was not valid UTF-8 (kept with replacement characters)."""

    __slots__ = ()


class Cut(str):
    """A TEXT value over MAX_TEXT_CHARS, cut there (already reported as too long)."""

    __slots__ = ()


def text_factory(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Undecodable(raw.decode("utf-8", "replace"))


# Python types that fit a declared column type as they are (checked first, for speed).
ACCEPTS: Final[dict[str, tuple[type, ...]]] = {
    "TEXT": (str, Undecodable),
    "INTEGER": (int,),
    "REAL": (int, float),
}


@lru_cache(maxsize=4096)
def parse_date(value: str, precision: str) -> PartialDate | str:
    """``PartialDate.parse``, remembered (a names list repeats its dates): the date or why not."""
    try:
        return PartialDate.parse(value, precision)
    except ValueError as exc:
        return shorten(str(exc), 200)


def _bounds(date: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a partial date may be, as (year, month, day)."""
    year, month, day = date.year, date.month, date.day
    if month is None:
        return (year, 1, 1), (year, 12, 31)
    if day is None:
        return (year, month, 1), (year, month, calendar.monthrange(year, month)[1])
    return (year, month, day), (year, month, day)


def _years(born: tuple[int, int, int], died: tuple[int, int, int]) -> int:
    return died[0] - born[0] - (died[1:] < born[1:])


def age_range(birth: PartialDate, death: PartialDate) -> tuple[int, int]:
    """The ages at death the two dates allow, as (least, most) whole years."""
    birth_first, birth_last = _bounds(birth)
    death_first, death_last = _bounds(death)
    return max(0, _years(birth_last, death_first)), _years(birth_first, death_last)


def compare_dates(a: str, b: str) -> int:
    """Compare partial ISO dates on what both know: '1992' equals '1992-02-26'."""
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def select_sql(name: str, version: int = SCHEMA_VERSION) -> str:
    """The schema's columns of table ``name``, each read at most MAX_TEXT_CHARS + 1 long (a
    BLOB over MAX_IMAGE_BYTES is not read at all: its size comes as ``<column>_size``, its
    type as ``<column>_type``)."""
    parts = []
    for column in table(name).columns_at(version):
        if column.type == "BLOB":
            blob = column.name
            parts.append(
                f"typeof({blob}) AS {blob}_type, "
                f"CASE WHEN typeof({blob}) = 'blob' THEN length({blob}) END AS {blob}_size, "
                f"CASE WHEN typeof({blob}) = 'blob' AND length({blob}) <= {MAX_IMAGE_BYTES} "
                f"THEN {blob} END AS {blob}"
            )
            continue
        value = column.name
        parts.append(
            f"CASE WHEN typeof({value}) IN ('text', 'blob') "
            f"THEN substr({value}, 1, {MAX_TEXT_CHARS + 1}) ELSE {value} END AS {value}"
        )
    return f"SELECT {', '.join(parts)} FROM {name}"


def stored_once(name: str, version: int = SCHEMA_VERSION) -> tuple[Column, ...]:
    """The columns of table ``name`` whose '' stands for a value derived from the row
    (``Column.empty_means``) in a bundle of schema ``version``: ``select_sql`` reads them as
    stored; the loader derives them from the row's other (bounded) values."""
    return tuple(
        c
        for c in table(name).columns_at(version)
        if c.derive is not None and c.empty_since and version >= c.empty_since
    )


# Events in the order the timeline shows them (position, then id), as in the kiosk; a value
# of the wrong type sorts as the validator's own order did.
EVENT_ORDER: Final = (
    " ORDER BY CASE WHEN typeof(position) = 'integer' THEN position ELSE 4611686018427387904 "
    "END, CASE WHEN typeof(id) = 'integer' THEN id ELSE 0 END, rowid"
)


def json_value(text: str) -> object:
    """``text`` parsed as JSON, or None (not JSON, too long, nested too deep)."""
    if len(text) > 10_000:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def type_problem(kind: str, value: object) -> str | None:
    """Why ``value`` does not fit a column declared ``kind`` (None when it fits)."""
    if kind.startswith("INT"):
        if isinstance(value, int) and not isinstance(value, bool):
            return None
        return f"should be a whole number, but holds {_describe(value)}"
    if kind == "REAL":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None
        return f"should be a number, but holds {_describe(value)}"
    if kind == "TEXT":
        if isinstance(value, str):
            return None
        return f"should be text, but holds {_describe(value)}"
    return None


def _describe(value: object) -> str:
    if isinstance(value, bytes):
        return f"binary data ({len(value)} bytes)"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {shown!r}"
    if isinstance(value, float):
        return f"the number {value!r}"
    return f"the number {value}"
