"""The table descriptions are the one source of the schema, the records and the format docs."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.content import schema, tables
from kiosk.content.shape import expected_shape
from kiosk.content.tables import TABLES, Table

DOC = Path(__file__).resolve().parents[2] / "docs" / "content-format.md"


@pytest.fixture(scope="module")
def migrated() -> sqlite3.Connection:
    db = sqlite_utils.Database(memory=True)
    schema.create_or_migrate(db)
    return db.conn


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_migrations_make_the_described_columns(table: Table, migrated: sqlite3.Connection) -> None:
    """Each table's columns, in order, with type, NOT NULL, default and key as described."""
    made = expected_shape().columns[table.name]
    now = table.columns_at(schema.SCHEMA_VERSION)
    assert [c.name for c in made] == [c.name for c in now]
    for have, want in zip(made, now, strict=True):
        assert have.type == want.type, want.name
        assert have.notnull == want.not_null, want.name
        default = None if want.default is None else schema._literal(want.default)
        assert have.default == default, want.name
        assert bool(have.pk) == (want.primary_key or want.name in table.primary_key)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_references_and_unique_keys_are_as_described(
    table: Table, migrated: sqlite3.Connection
) -> None:
    """PRAGMA foreign_key_list and the unique indexes say what the description says."""
    keys = {(r[3], r[2], r[4]) for r in migrated.execute(f"PRAGMA foreign_key_list({table.name})")}
    assert keys == {(c.name, c.references, "id") for c in table.references}
    unique = set()
    for index in migrated.execute(f"PRAGMA index_list({table.name})").fetchall():
        if index[2] and index[3] == "u":
            names = [r[2] for r in migrated.execute(f"PRAGMA index_info({index[1]})")]
            unique.add(tuple(names))
    assert unique == {(c.name,) for c in table.columns if c.unique_sql(schema.SCHEMA_VERSION)}


def test_checks_refuse_what_the_description_refuses(migrated: sqlite3.Connection) -> None:
    """A precision, a kind and a 0/1 flag outside their choices are refused by SQLite too."""
    for statement in (
        "INSERT INTO events (position, key, title, start_precision) VALUES (1, 'a', 'A', 'week')",
        "INSERT INTO remembrance (position, key, title, kind) VALUES (1, 'a', 'A', 'party')",
        "INSERT INTO sections (position, key, title, body, sensitive) VALUES (1, 'a', 'A', 'B', 2)",
        "INSERT INTO exhibit (id, title, default_locale, locales, content_version) "
        "VALUES (2, 'A', 'en', '[]', '1')",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            migrated.execute(statement)


def test_schema_version_follows_the_descriptions(migrated: sqlite3.Connection) -> None:
    newest = max(
        [t.since for t in TABLES]
        + [c.since for t in TABLES for c in t.columns]
        + [c.empty_since for t in TABLES for c in t.columns]
        + [v for t in TABLES for i in t.indexes for v in (i.since, i.until)]
    )
    assert newest == schema.SCHEMA_VERSION
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == newest


def test_a_later_version_appends_its_columns_and_creates_its_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The generic upgrade of a later version: ALTER TABLE for new columns, CREATE for tables."""
    later = schema.SCHEMA_VERSION + 1
    region = Table(
        "regions",
        (schema.Column("id", "INTEGER", primary_key=True), schema.Column("name", "TEXT")),
        max_rows=10,
        since=later,
    )
    people = tables.table("people")
    grown = dataclasses.replace(
        people, columns=(*people.columns, schema.Column("region_id", "INTEGER", since=later))
    )
    swapped = tuple(grown if t.name == "people" else t for t in TABLES)
    monkeypatch.setattr(schema, "TABLES", (*swapped, region))
    statements = schema.upgrade_statements(later)
    first = schema.create_statements(later - 1)
    assert statements == [
        "ALTER TABLE people ADD COLUMN region_id INTEGER",
        "CREATE TABLE regions (\n    id INTEGER PRIMARY KEY,\n    name TEXT\n)",
    ]
    assert "region_id" not in "".join(first) and "regions" not in "".join(first)


def test_an_older_version_has_the_shape_of_its_time() -> None:
    """create_or_migrate to version 1 makes what a version-1 bundle holds: no table or
    column a later version added; migrating on from there gives the newest shape."""
    old = sqlite_utils.Database(memory=True)
    schema.create_or_migrate(old, 1)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"_sqlite_migrations"} | {t.name for t in TABLES if t.since == 1}
    for table in TABLES:
        if table.since == 1:
            assert [c.name for c in expected_shape(1).columns[table.name]] == [
                c.name for c in table.columns if c.since == 1
            ]
    schema.create_or_migrate(old)
    assert old.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    for table in TABLES:
        assert [c.name for c in expected_shape().columns[table.name]] == [
            c.name for c in table.columns_at(schema.SCHEMA_VERSION)
        ]
    with pytest.raises(ValueError, match="no schema version"):
        schema.create_or_migrate(sqlite_utils.Database(memory=True), schema.SCHEMA_VERSION + 1)


def test_schema_2_adds_the_people_columns_places_relations_and_the_name_index() -> None:
    """Version 2 (issue 18): new tables, people's new columns and indexes, the name index."""
    statements = "\n".join(schema.upgrade_statements(2))
    for made in (
        "CREATE TABLE places",
        "CREATE TABLE relations",
        "CREATE TABLE spelling_variants",
        "ALTER TABLE people ADD COLUMN surname TEXT",
        "ALTER TABLE people ADD COLUMN fate_kind TEXT",
        "CREATE INDEX people_name_order ON people(name_order)",
        "CREATE VIRTUAL TABLE people_search USING fts5",
        "CREATE TABLE people_search_terms",
    ):
        assert made in statements, made
    assert "people_search_names" not in statements  # the names are the people table's own
    assert "places" not in "".join(schema.create_statements(1))


def test_schema_3_drops_the_name_index_and_makes_place_and_family_partial() -> None:
    """Version 3: indexes only. A database migrated from 2 has exactly the shape of one
    created at 3, and version 2's shape keeps its own indexes (older bundles stay valid)."""
    assert schema.upgrade_statements(3) == [
        "DROP INDEX people_name",
        "DROP INDEX people_place",
        "DROP INDEX people_family",
        "CREATE INDEX people_place ON people(place_id, name_order) WHERE place_id IS NOT NULL",
        "CREATE INDEX people_family ON people(family, name_order) WHERE family IS NOT NULL",
    ]
    old = sqlite_utils.Database(memory=True)
    schema.create_or_migrate(old, 2)
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people'"
    before = dict(old.execute(indexes).fetchall())
    assert "people_name" in before and "WHERE" not in before["people_place"]
    schema.create_or_migrate(old)
    new = sqlite_utils.Database(memory=True)
    schema.create_or_migrate(new)
    assert dict(old.execute(indexes).fetchall()) == dict(new.execute(indexes).fetchall())
    assert ("index", "people_name") not in expected_shape(3).objects
    assert ("index", "people_name") in expected_shape(2).objects


@pytest.mark.parametrize("table", [t for t in TABLES if t.record], ids=lambda t: t.name)
def test_every_record_field_is_read_from_a_column(table: Table) -> None:
    """A record's fields are the table's columns or its dates: none can drift apart."""
    assert table.record is not None
    dates = {d.field for d in table.dates}
    for field in dataclasses.fields(table.record):
        assert field.name in dates or field.name in table.names, field.name


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_source_column_fills_a_column(table: Table) -> None:
    for name in table.source_columns:
        assert table.source_column(name) is not None or name in table.derived, name
    for column in table.references:
        assert column.references in {t.name for t in TABLES}


def _doc_table(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading`` in docs/content-format.md."""
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    rows = []
    for line in after.split("\n"):
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return [r for r in rows[1:] if not set("".join(r)) <= set("-: ")]


def text_table_markdown() -> str:
    """The table of visitor texts as docs/content-format.md shows it."""
    lines = [
        "| file | column | translated | required | keep under | at most |",
        "|---|---|---|---|---|---|",
    ]
    for table in TABLES:
        for column in table.columns:
            if column.limits is None:
                continue
            warn, error = column.limits
            lines.append(
                f"| `{table.source}` | `{column.source_name}` | "
                f"{'yes' if column.translatable else 'no'} | "
                f"{'yes' if column.required else 'no'} | {warn:,} | {error:,} |"
            )
    return "\n".join(lines)


def test_format_document_lists_every_text_with_its_limits() -> None:
    """docs/content-format.md's table of texts is the descriptions' (paste it when it fails)."""
    assert text_table_markdown() in DOC.read_text(encoding="utf-8"), (
        "update the table in docs/content-format.md to:\n" + text_table_markdown()
    )


def test_format_document_row_limits_are_the_descriptions() -> None:
    """The size-limit table's rows per table are each table's max_rows."""
    found: dict[str, int] = {}
    for what, limit, _over in _doc_table("**Size limits.**"):
        match = re.match(r"([\d,]+) rows?", limit)
        if not match:
            continue
        for name in what.split(","):
            found[re.sub(r"\s*\(.*\)", "", name).strip()] = int(match[1].replace(",", ""))
    assert found == {t.name: t.max_rows for t in TABLES}
