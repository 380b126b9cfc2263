"""The shape a bundle must have, and how a bundle's shape differs from it.

The expected shape is not written down a second time: it is read back from a database the
schema's migrations were just run in (sqlite_master and PRAGMA table_xinfo), so it follows
the table descriptions (``tables``) through the DDL made of them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Final

from kiosk.content.schema import FORMER_DEFINITIONS, SCHEMA_VERSION, create_or_migrate

# Tables SQLite itself may add to any database: ANALYZE's statistics (a few short rows per
# index) are tolerated; everything else not in the schema is refused.
_TOLERATED: Final = frozenset({"sqlite_stat1"})


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """One column as ``PRAGMA table_xinfo`` describes it."""

    name: str
    type: str
    notnull: bool
    default: str | None
    pk: int
    hidden: int  # 0 plain, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED


@dataclass(frozen=True, slots=True)
class Shape:
    """What a database holds besides its rows: objects by (type, name), columns by table."""

    objects: dict[tuple[str, str], str]  # (type, name) -> normalised SQL ('' for autoindexes)
    owner: dict[tuple[str, str], str]  # (type, name) -> the table it belongs to
    columns: dict[str, tuple[ColumnInfo, ...]]


@dataclass(frozen=True, slots=True)
class ShapeDifferences:
    """``refused``: differences a bundle cannot be read with (extra or changed columns, tables,
    views, triggers, indexes). ``deviations``: constraints or indexes lost or changed (a bundle
    written by another tool): readable, but validation reports each as an error."""

    refused: list[str]
    deviations: list[str]


def normalised_sql(sql: str) -> str:
    """``sql`` without comments, case and layout, for comparing two definitions."""
    text = re.sub(r"--[^\n]*", " ", sql)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*([(),=])\s*", r"\1", text).casefold()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_virtual(sql: str) -> bool:
    return sql.startswith("create virtual table")


def shape_of(conn: sqlite3.Connection, tables: Iterable[str] | None = None) -> Shape:
    """The shape of the database behind ``conn``; columns only of ``tables`` (default: all).

    Reads the schema only, never a row, of the file itself (``main``: never the temporary
    tables and views ``reader.open_bundle`` lays over an older bundle). Raises sqlite3.Error.
    """
    objects: dict[tuple[str, str], str] = {}
    owner: dict[tuple[str, str], str] = {}
    for kind, name, tbl_name, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master"
    ):
        ident = (str(kind), str(name))
        objects[ident] = normalised_sql(sql) if isinstance(sql, str) else ""
        owner[ident] = str(tbl_name)
    wanted = [name for kind, name in objects if kind == "table"] if tables is None else list(tables)
    columns: dict[str, tuple[ColumnInfo, ...]] = {}
    for table in wanted:
        sql = objects.get(("table", table))
        if sql is None or _is_virtual(sql):
            continue
        columns[table] = tuple(
            ColumnInfo(
                name=str(r[1]),
                type=str(r[2]).upper(),
                notnull=bool(r[3]),
                default=None if r[4] is None else str(r[4]),
                pk=int(r[5]),
                hidden=int(r[6]),
            )
            for r in conn.execute(f"PRAGMA main.table_xinfo({_quoted(table)})")
        )
    return Shape(objects, owner, columns)


@cache
def expected_shape(version: int = SCHEMA_VERSION) -> Shape:
    """The shape ``create_or_migrate`` gives a new database at schema ``version`` (the
    newest by default; an older bundle must have its own version's shape). Computed once
    per version, in memory."""
    import sqlite_utils  # noqa: PLC0415 - only when a bundle's shape is checked

    db = sqlite_utils.Database(memory=True)
    try:
        create_or_migrate(db, version)
        return shape_of(db.conn)
    finally:
        db.close()


def _names(items: Iterable[str], limit: int = 8) -> str:
    shown = sorted(items)
    text = ", ".join(printable_name(n) for n in shown[:limit])
    return text + (f" and {len(shown) - limit} more" if len(shown) > limit else "")


def printable_name(name: str, limit: int = 60) -> str:
    """A name from a bundle, safe to print: no control characters, at most ``limit`` long."""
    clean = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", name)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _column_differences(
    table: str, have: tuple[ColumnInfo, ...], want: tuple[ColumnInfo, ...]
) -> list[str]:
    out: list[str] = []
    by_name = {c.name: c for c in have}
    wanted = {c.name: c for c in want}
    for column in have:
        if column.name not in wanted:
            kind = {2: "a generated column", 3: "a stored generated column"}.get(
                column.hidden, "a column"
            )
            out.append(
                f"table {table} has {kind} the schema does not: {printable_name(column.name)}"
            )
    for column in want:
        got = by_name.get(column.name)
        if got is None:
            out.append(f"table {table} is missing the column {column.name}")
            continue
        if got.hidden != column.hidden:
            out.append(f"table {table}: {column.name} is a generated or hidden column")
        if got.type != column.type:
            out.append(
                f"table {table}: {column.name} is declared {printable_name(got.type) or 'untyped'}"
                f", the schema says {column.type or 'untyped'}"
            )
        if got.default is not None and got.default != column.default:
            out.append(
                f"table {table}: {column.name} has the default {printable_name(got.default)}, "
                f"the schema says {column.default or 'none'}"
            )
    if not out and [c.name for c in have] != [c.name for c in want]:
        out.append(f"table {table}: the columns are in another order than the schema's")
    return out


def compare_shape(actual: Shape, expected: Shape | None = None) -> ShapeDifferences:
    """How ``actual`` differs from the schema's shape (``expected_shape()`` by default)."""
    want = expected or expected_shape()
    refused: list[str] = []
    deviations: list[str] = []

    def of_kind(shape: Shape, kind: str) -> dict[str, str]:
        return {name: sql for (k, name), sql in shape.objects.items() if k == kind}

    have_tables, want_tables = of_kind(actual, "table"), of_kind(want, "table")
    missing = [t for t in want_tables if t not in have_tables]
    if missing:
        refused.append(f"missing tables: {', '.join(missing)}")
    extra = [t for t in have_tables if t not in want_tables and t not in _TOLERATED]
    if extra:
        refused.append(f"tables the schema does not have: {_names(extra)}")
    for kind, label in (("view", "views"), ("trigger", "triggers")):
        found = set(of_kind(actual, kind)) - set(of_kind(want, kind))
        if found:
            refused.append(f"{label} (a bundle has none): {_names(found)}")
    have_index, want_index = of_kind(actual, "index"), of_kind(want, "index")
    # Indexes SQLite makes for UNIQUE and PRIMARY KEY follow the table's definition,
    # which is compared below.
    extra_index = [
        i for i, sql in have_index.items() if sql and i not in want_index and not _auto(i)
    ]
    if extra_index:
        refused.append(f"indexes the schema does not have: {_names(extra_index)}")
    for table, want_sql in want_tables.items():
        have_sql = have_tables.get(table)
        if have_sql is None:
            continue
        if _is_virtual(have_sql) != _is_virtual(want_sql):
            refused.append(f"table {table} is a virtual table; the schema has a plain one")
            continue
        if _is_virtual(want_sql):
            former = {normalised_sql(sql) for sql in FORMER_DEFINITIONS.get(table, ())}
            if have_sql != want_sql and have_sql not in former:
                refused.append(f"table {table} is defined differently from the schema")
            continue
        differences = _column_differences(
            table, actual.columns.get(table, ()), want.columns.get(table, ())
        )
        refused.extend(differences)
        if not differences and have_sql != want_sql:
            deviations.append(
                f"table {table}: its keys, constraints or defaults differ from the schema "
                "(written by another tool?); rebuild it with `kiosk-content build`"
            )
    for index, want_sql in want_index.items():
        if _auto(index):
            continue
        have_sql = have_index.get(index)
        if have_sql is None:
            if want.owner[("index", index)] in have_tables:
                deviations.append(
                    f"the index {index} is missing (searches and lists would be slow); "
                    "rebuild it with `kiosk-content build`"
                )
        elif have_sql != want_sql:
            deviations.append(f"the index {index} is defined differently from the schema")
    return ShapeDifferences(refused, deviations)


def _auto(index: str) -> bool:
    return index.startswith("sqlite_autoindex_")
