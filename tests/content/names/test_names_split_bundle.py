"""The split name index in a bundle: people_search_plain from schema 5 on; older bundles, one
table, searched and validated as before; validate finds a table that misses a person. The
people are the synthetic bundle's (tests/content/factory.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from kiosk.content import schema
from kiosk.content.names import Strength
from kiosk.content.names.index import PLAIN, index_rows, person_tokens, split_levels
from kiosk.content.reader import Bundle
from kiosk.content.source import build, export
from kiosk.content.source.import_people import import_people
from kiosk.content.source.people import Fingerprint, _names
from kiosk.content.validate import validate_bundle

from ..conftest import BundleFactory
from ..test_people_name_once import built_before_schema_4

TYPED = ["Testo", "Testov", "Тестов", "Testova", "Synthetic S", "Ann", "Example A", "Əx", "T"]
SHIPPED = Path(__file__).parents[2] / "data" / "exhibit-schema-3.sqlite"


def answers(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    with Bundle(path) as opened:
        assert opened.name_index_problem() == ""
        return {
            typed: [(m.key, m.name, str(m.strength)) for m in opened.search_people(typed)]
            for typed in TYPED
        }


def tied(found: dict[str, list[tuple[str, str, str]]]) -> dict[str, list[tuple[str, str, str]]]:
    """The answers with the results of one strength in key order: a bundle of another
    release numbers the people otherwise (before schema 5, in its file's order), and two
    equally strong results come in the order of their ids."""
    order = [s.value for s in Strength]
    return {q: sorted(r, key=lambda m: (order.index(m[2]), m[0])) for q, r in found.items()}


def fts_tables(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        found = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
        return {str(name): str(sql) for name, sql in found}
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int | None]:
    conn = sqlite3.connect(path)
    try:
        return index_rows(conn)
    finally:
        conn.close()


def migrate(path: Path, version: int = schema.SCHEMA_VERSION) -> None:
    db = sqlite_utils.Database(path)
    try:
        schema.create_or_migrate(db, version)
    finally:
        db.close()


def test_a_bundle_has_both_tables_and_each_holds_every_person(fresh_bundle: BundleFactory) -> None:
    path = fresh_bundle()
    tables = fts_tables(path)
    assert "prefix='2 3'" in tables["people_search"] and "prefix" not in tables[PLAIN]
    assert counts(path) == {"people_search": 4, PLAIN: 4}
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.problems]
    assert all(answers(path)[typed] for typed in ("Testo", "Тестов", "Ann", "T"))


def test_older_bundles_one_table_are_read_validated_and_searched_alike(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """Schema 3 (prefix '2 3 4', as that release built it) and 4, every level in
    people_search and no second table: valid, and every query answers as from the bundle
    rebuilt now; import-people (which migrates to 5, numbers the people and indexes them)
    splits the index."""
    rebuilt = tied(answers(fresh_bundle()))
    path = built_before_schema_4(tmp_path)
    for version in (3, 4):
        if version > 3:
            migrate(path, version)
        with Bundle(path) as opened:
            assert opened.version == version
        assert PLAIN not in fts_tables(path)
        assert counts(path) == {"people_search": 4}
        report = validate_bundle(path)
        assert report.ok, (version, [str(p) for p in report.problems])
        assert tied(answers(path)) == rebuilt, version
    nobody = tmp_path / "nobody.csv"
    nobody.write_text("key,name\n", encoding="utf-8")
    assert import_people(path, nobody).written
    assert PLAIN in fts_tables(path)
    assert counts(path) == {"people_search": 4, PLAIN: 4}
    assert validate_bundle(path).ok and tied(answers(path)) == rebuilt


def test_a_schema_5_bundle_needs_the_second_table(fresh_bundle: BundleFactory) -> None:
    """The shape of schema 5 has people_search_plain; that of 4 does not (checked above)."""
    report = validate_bundle(fresh_bundle(f"DROP TABLE {PLAIN}"))
    assert not report.readable
    assert any(f"missing tables: {PLAIN}" in str(p) for p in report.problems)


def _drop_from_plain(key: str) -> Callable[[sqlite3.Connection], None]:
    def edit(conn: sqlite3.Connection) -> None:
        person = next(p for p in _names(conn, Fingerprint()) if p.key == key)
        _, plain = split_levels(person_tokens(person))
        conn.execute(
            f"INSERT INTO {PLAIN}({PLAIN}, rowid, keys) VALUES ('delete', ?, ?)", (person.id, plain)
        )

    return edit


def test_validate_reports_a_table_that_misses_a_person(fresh_bundle: BundleFactory) -> None:
    """The fingerprint says the index was built from these people; each FTS5 table must also
    still hold every one of them."""
    path = fresh_bundle(_drop_from_plain("s1"))
    assert counts(path) == {"people_search": 4, PLAIN: 3}
    problems = [str(p) for p in validate_bundle(path).errors]
    assert problems == [
        f"error: {PLAIN}: the name index's table {PLAIN} holds 3 people; the bundle has 4: "
        "rebuild the bundle (`kiosk-content build`, or `import-people`)"
    ]


def test_the_last_release_s_bundle_is_one_table_and_rebuilds_split(tmp_path: Path) -> None:
    bundle = tmp_path / "exhibit.sqlite"
    bundle.write_bytes(SHIPPED.read_bytes())
    assert counts(bundle) == {"people_search": 0} and PLAIN not in fts_tables(bundle)
    assert validate_bundle(bundle).ok
    export(bundle, tmp_path / "out")
    rebuilt = build(tmp_path / "out", tmp_path / "rebuilt.sqlite").bundle
    assert counts(rebuilt) == {"people_search": 0, PLAIN: 0}
    assert bundle.read_bytes() == SHIPPED.read_bytes()
