"""From a bundle's rows to the reader's records, by the table descriptions (``tables``).

SQLite is dynamically typed: a hand-edited bundle can hold text in a number column. The
validator reports that; the conversions here only never crash on it (a wrong value becomes
the column's empty value: 0, None, '').
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from functools import cache
from typing import Any, Protocol

from kiosk.content.fileio import lenient_text
from kiosk.content.limits import MAX_TEXT_CHARS
from kiosk.content.records import PartialDate
from kiosk.content.tables import SCHEMA_VERSION, Column, Table, read_sql


class Row(Protocol):
    """A row by column name (``sqlite3.Row``, a dict)."""

    def __getitem__(self, key: str, /) -> Any: ...


# How a record's field is made from a row: row, translate(column, row) -> value.
Translate = Callable[[str, Row], str]
Converter = Callable[[Row, Translate], object]


def date_or_none(value: Any, precision: Any) -> PartialDate | None:
    if value is None or precision is None:
        return None
    try:
        return PartialDate.parse(str(value), str(precision))
    except ValueError:
        return None  # the validator reports it; the kiosk shows the entry without a date


def text(value: Any) -> str:
    if isinstance(value, bytes):
        return lenient_text(value)
    return "" if value is None else str(value)


def int_or_none(value: Any) -> int | None:
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def integer(value: Any) -> int:
    number = int_or_none(value)
    return 0 if number is None else number


def real(value: Any) -> float:
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return 0.0


def text_or_none(value: Any) -> str | None:
    return None if value is None else text(value)


def text_list(value: Any, separator: str) -> tuple[str, ...]:
    """A list kept in one text column (``Мамедов Али; Mammadov Ali``) as its items."""
    if value is None:
        return ()
    return tuple(item.strip() for item in text(value).split(separator) if item.strip())


def _column_converter(column: Column) -> Converter:
    name = column.name
    if column.separator:
        separator = column.separator
        return lambda row, _tr: text_list(row[name], separator)
    if column.boolean:
        return lambda row, _tr: bool(row[name])
    if column.type == "INTEGER":
        if column.not_null or column.primary_key:
            return lambda row, _tr: integer(row[name])
        return lambda row, _tr: int_or_none(row[name])
    if column.type == "REAL":
        return lambda row, _tr: real(row[name])
    if column.translatable:
        return lambda row, tr: tr(name, row)
    if not column.not_null:  # unknown stays unknown: None, never ''
        return lambda row, _tr: text_or_none(row[name])
    return lambda row, _tr: text(row[name])


def _date_converter(value: str, precision: str) -> Converter:
    return lambda row, _tr: date_or_none(row[value], row[precision])


def _converters(table: Table, version: int) -> tuple[tuple[str, Converter], ...]:
    """``_make_converters``, kept by table name and version (hashing a table's description
    on every row was a third of the reader's time)."""
    key = (table.name, version)
    found = _CONVERTERS.get(key)
    if found is None or found[0] is not table:
        found = (table, _make_converters(table, version))
        _CONVERTERS[key] = found
    return found[1]


_CONVERTERS: dict[tuple[str, int], tuple[Table, tuple[tuple[str, Converter], ...]]] = {}


def _make_converters(table: Table, version: int) -> tuple[tuple[str, Converter], ...]:
    """How each field is made, for the columns a bundle of schema ``version`` has (the
    others keep their defaults: None, an empty text or list)."""
    if table.record is None:
        raise TypeError(f"the table {table.name} has no record type")
    present = {c.name for c in table.columns_at(version)}
    dates = {d.field: d for d in table.dates}
    out: list[tuple[str, Converter]] = []
    for field in dataclasses.fields(table.record):
        date = dates.get(field.name)
        if date is not None:
            if date.value in present:
                out.append((field.name, _date_converter(date.value, date.precision)))
        elif field.name in present:
            out.append((field.name, _column_converter(table.column(field.name))))
    return tuple(out)


@cache
def record_columns(table: Table, version: int = SCHEMA_VERSION) -> tuple[str, ...]:
    """The columns a record of ``table`` is made from, in the table's order (and ``key``,
    which translations are found by), of those a bundle of schema ``version`` has."""
    fields = {f.name for f in dataclasses.fields(table.record or object)}
    wanted = fields | {"key"}
    for date in table.dates:
        if date.field in fields:
            wanted |= {date.value, date.precision}
    return tuple(c.name for c in table.columns_at(version) if c.name in wanted)


def bounded(column: Column, version: int = SCHEMA_VERSION) -> str:
    """``column`` as a select-list entry (its value as ``read_sql`` reads it), a text cut
    just past what a valid bundle may hold (validate refuses longer texts): a hostile 50 MB
    text costs the kiosk a bounded string, not its memory, and no screen lays out a 50 MB
    title."""
    if column.type != "TEXT":
        return column.name
    longest = MAX_TEXT_CHARS
    if column.limits is not None and not column.paragraphs:
        longest = column.limits[1] + 1  # a text with a limit of its own (a title)
    return f"substr({read_sql(column, version)}, 1, {longest}) AS {column.name}"


def select_list(table: Table, version: int = SCHEMA_VERSION) -> str:
    """``record_columns`` as an SQL select list, each text ``bounded``."""
    by_name = {c.name: c for c in table.columns}
    return ", ".join(bounded(by_name[name], version) for name in record_columns(table, version))


def to_record(
    table: Table, row: Row, translate: Translate, version: int = SCHEMA_VERSION, **given: Any
) -> Any:
    """The record of ``table`` for ``row`` (read from a bundle of schema ``version``);
    ``given`` supplies fields that are not columns (the exhibit's languages, which the
    ``Bundle`` has already read)."""
    values = {name: convert(row, translate) for name, convert in _converters(table, version)}
    assert table.record is not None  # _converters checked it
    return table.record(**{**values, **given})
