"""Every bundle table, described once: the one place a change of shape is made.

Each ``Table`` says what its columns are (type, NOT NULL, default, key, reference, the values
allowed), which texts a visitor reads (translatable, with the lengths a screen can show),
where the table lives in the editable source (its file and that file's columns) and which
record type the reader makes of a row. From these descriptions come:

* the DDL and the migrations (``schema``), and so the exact shape a bundle must have;
* the reader's records (``reader``: one generic row -> record conversion);
* the build and the export of the editable source (``source``): CSV columns, references by
  key, dates with their precision, numbers;
* the generic checks of ``validate``: types, NOT NULL, required texts, references, unique
  keys, text lengths, translations, row limits;
* the tables in docs/content-format.md (tests/content/test_tables.py compares them);
* how a value stored once is read (``Column.empty_means``, ``read_sql``: a person's name that
  is its parts joined is '' in the row since schema 4; every reader reads it through
  ``read_sql``, every writer stores it through ``schema.compact_sql`` or
  ``people.name_to_store``).

What is truly one table's own (a part may not exceed its whole, a sensitive section needs an
advisory, an image's bytes) stays hand-written next to the generic code that calls it.
docs/architecture.md ("Add a table") says how to add a table or a column.

The package: ``model`` (what a description is made of: ``Column``, ``Index``, ``Table``, the
values some columns allow), ``core`` (the exhibit's tables and its languages), ``people``
(places, people, relations, spelling variants). Import from the package itself.
"""

from __future__ import annotations

from typing import Final

from kiosk.content.tables.core import EXHIBIT_TABLES, LANGUAGE_TABLES
from kiosk.content.tables.model import (
    FATES,
    PRECISIONS,
    RELATION_KINDS,
    REMEMBRANCE_KINDS,
    REVIEW_STATUSES,
    SCRIPTS,
    TITLE_LIMITS,
    TONES,
    Column,
    DateField,
    Index,
    SqlType,
    Table,
    read_sql,
)
from kiosk.content.tables.people import PEOPLE_TABLES

__all__ = [
    "BY_NAME",
    "CONTENT_TABLES",
    "FATES",
    "PRECISIONS",
    "RELATION_KINDS",
    "REMEMBRANCE_KINDS",
    "REVIEW_STATUSES",
    "SCHEMA_VERSION",
    "SCRIPTS",
    "TABLES",
    "TITLE_LIMITS",
    "TONES",
    "TRANSLATABLE",
    "Column",
    "DateField",
    "Index",
    "SqlType",
    "Table",
    "read_sql",
    "table",
]

TABLES: Final[tuple[Table, ...]] = (*EXHIBIT_TABLES, *PEOPLE_TABLES, *LANGUAGE_TABLES)
"""In creation order: each table's references point at a table before it."""

BY_NAME: Final[dict[str, Table]] = {t.name: t for t in TABLES}
# The newest table or column (the schema's ``PRAGMA user_version``; see ``schema``).
SCHEMA_VERSION: Final = max(
    [t.since for t in TABLES]
    + [c.since for t in TABLES for c in t.columns]
    + [c.empty_since for t in TABLES for c in t.columns]
    + [c.until for t in TABLES for c in t.columns]
    + [c.unique_until for t in TABLES for c in t.columns]
    + [i.since for t in TABLES for i in t.indexes]
    + [i.until for t in TABLES for i in t.indexes]
)
CONTENT_TABLES: Final[tuple[str, ...]] = tuple(BY_NAME)

# Every visitor-facing text field, by table. The base tables hold the exhibit's default
# locale; ``translations`` holds the others, keyed by the row's ``key``.
TRANSLATABLE: Final[dict[str, tuple[str, ...]]] = {
    t.name: t.translatable for t in TABLES if t.translatable
}


def table(name: str) -> Table:
    """The description of the table ``name`` (KeyError when there is none)."""
    return BY_NAME[name]
