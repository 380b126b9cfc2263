"""A person's name stored once (schema 4): '' in the row when it is the name's parts joined,
the parts joined wherever it is read; what a curator, the kiosk and export see is unchanged.
All names here are obviously synthetic."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content import schema
from kiosk.content.names import index
from kiosk.content.reader import Bundle, check_readable
from kiosk.content.source import build, export
from kiosk.content.source.import_people import import_people
from kiosk.content.source.people import index_people
from kiosk.content.tables import read_sql, table
from kiosk.content.tables.people import (
    JOINED_NAME_SQL,
    joined_name,
    name_of_parts,
    name_to_store,
)
from kiosk.content.validate import validate_bundle

from .conftest import BundleFactory


def stored(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return {str(k): str(n) for k, n in conn.execute("SELECT key, name FROM people")}
    finally:
        conn.close()


def names_in(people_csv: Path) -> list[tuple[str, str]]:
    with people_csv.open(encoding="utf-8", newline="") as handle:
        return [(row["key"], row["name"]) for row in csv.DictReader(handle)]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


_PART = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet=st.sampled_from(" aəıİ Тт-'\u0301"), max_size=6),
)


@given(_PART, _PART, _PART)
def test_the_sql_and_python_joins_agree(
    surname: str | None, given_name: str | None, patronymic: str | None
) -> None:
    """What the writers compare with is exactly what the readers read (no trimming either)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE people (name TEXT, surname TEXT, given_name TEXT, patronymic TEXT)")
    conn.execute("INSERT INTO people VALUES ('', ?, ?, ?)", (surname, given_name, patronymic))
    (read,) = conn.execute(f"SELECT {JOINED_NAME_SQL.format(t='')} FROM people").fetchone()
    assert read == joined_name(surname, given_name, patronymic)
    parts = {"surname": surname, "given_name": given_name, "patronymic": patronymic}
    assert read == name_of_parts(parts)  # validate's twin of the SQL
    full = joined_name(surname, given_name, patronymic)
    row = {"name": full, "surname": surname, "given_name": given_name, "patronymic": patronymic}
    assert name_to_store(row) == ""
    assert name_to_store({**row, "name": full + " "}) == full + " "


def test_build_stores_a_name_once_and_reads_and_exports_it_whole(
    synthetic_source: Path, tmp_path: Path
) -> None:
    bundle = build(synthetic_source, tmp_path / "b.sqlite").bundle
    # s1 and s2 are their parts joined; s3 and p1 have no parts: the name is all there is.
    assert stored(bundle) == {"s1": "", "s2": "", "s3": "Əxample Testli", "p1": "Ann Example"}
    with Bundle(bundle) as opened:
        names = {p.key: p.name for p in opened.people_page(0, 10)}
        card = opened.person("s1")
    assert names == {
        "s1": "Testov Synthetic",
        "s2": "Тестова Синтетика",
        "s3": "Əxample Testli",
        "p1": "Ann Example",
    }
    assert card is not None and card.person.name == "Testov Synthetic"
    assert validate_bundle(bundle).ok
    export(bundle, tmp_path / "out")  # the names exactly as the curator's file has them
    assert names_in(tmp_path / "out" / "people.csv") == names_in(synthetic_source / "people.csv")


def test_import_stores_once_and_an_update_of_the_parts_keeps_the_name_recorded(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    path = fresh_bundle()
    first = write(
        tmp_path / "first.csv",
        "key,name,surname,given_name,patronymic\n"
        "n1,Alpha Synthetic Beta,Alpha,Synthetic,Beta\n"  # the parts joined
        "n2,Synthetic Alpha,Alpha,Synthetic,\n"  # given name first: kept as recorded
        "n3,,Gamma,Synthetic,\n"  # no name: the parts joined
        "n4,Delta  Synthetic,Delta,Synthetic,\n",  # two spaces: not the parts joined
    )
    assert import_people(path, first).written
    assert {k: v for k, v in stored(path).items() if k.startswith("n")} == {
        "n1": "",
        "n2": "Synthetic Alpha",
        "n3": "",
        "n4": "Delta  Synthetic",
    }
    # An update naming only a new surname leaves the name as recorded as it was; one that
    # names the name too stores it once again when it is the new parts joined.
    second = write(
        tmp_path / "second.csv",
        "key,name,surname\nn1,,Omega\nn3,Omega Synthetic,Omega\n",
    )
    result = import_people(path, second)
    assert result.written and result.updated == 2
    assert stored(path)["n1"] == "Alpha Synthetic Beta"
    assert stored(path)["n3"] == ""
    with Bundle(path) as opened:
        n1, n3 = opened.person("n1"), opened.person("n3")
        assert n1 is not None and n1.person.name == "Alpha Synthetic Beta"
        assert n1.person.surname == "Omega"
        assert n3 is not None and n3.person.name == "Omega Synthetic"
        assert [m.key for m in opened.search_people("Omega Synthetic Beta")][:1] == ["n1"]
    assert validate_bundle(path).ok


def built_before_schema_4(
    fresh_bundle: BundleFactory, monkeypatch: pytest.MonkeyPatch, *edits: str
) -> Path:
    """The synthetic bundle as schema 3's build wrote it: every name in full, and the name
    index with its former definition (a three-letter prefix index too)."""
    name = read_sql(table("people").column("name"), schema.SCHEMA_VERSION)
    with monkeypatch.context() as patch:
        patch.setattr(index, "BUNDLE_SCHEMA", (*index.FORMER_FTS, *index.ONE_TABLE_SCHEMA[1:]))
        return fresh_bundle(
            f"UPDATE people SET name = {name}",
            index_people,
            "DELETE FROM _sqlite_migrations WHERE name IN ('0004_schema_4', '0005_schema_5')",
            "CREATE INDEX people_name_order ON people(name_order)",
            "PRAGMA user_version = 3",
            *edits,
        )


def fts_sql(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        found = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'people_search'")
        return str(found.fetchone()[0])
    finally:
        conn.close()


def test_a_bundle_built_before_schema_4_opens_validates_and_searches(
    fresh_bundle: BundleFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kiosk updated before its content: the bundle it was given last is read as it is."""
    path = built_before_schema_4(fresh_bundle, monkeypatch)
    assert "prefix='2 3 4'" in fts_sql(path) and stored(path)["s1"] == "Testov Synthetic"
    check_readable(path)  # raises BundleError for a file that is not a bundle
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.problems]
    with Bundle(path) as opened:
        assert [m.key for m in opened.search_people("Testo")][:1] == ["s1"]
        assert opened.name_index_problem() == ""
    # Another definition of the index is still refused.
    other = fresh_bundle(
        "DROP TABLE people_search",
        "CREATE VIRTUAL TABLE people_search USING fts5(keys, content='', prefix='5')",
    )
    assert "people_search is defined differently" in str(validate_bundle(other).errors[0])


def test_a_schema_3_bundle_migrates_to_names_stored_once_and_reads_the_same(
    fresh_bundle: BundleFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A bundle written before schema 4 has every name in full: it reads as it did, and
    migrating it (as import-people does) stores each name once without touching what any
    reader sees, the name index's fingerprint included (it stays current); import-people
    makes the index again as it is made now."""
    path = built_before_schema_4(fresh_bundle, monkeypatch)
    with Bundle(path) as opened:
        before = [(p.key, p.name) for p in opened.people_page(0, 10)]
    db = sqlite_utils.Database(path)
    try:
        schema.create_or_migrate(db)
    finally:
        db.close()
    assert stored(path) == {"s1": "", "s2": "", "s3": "Əxample Testli", "p1": "Ann Example"}
    with Bundle(path) as opened:
        assert [(p.key, p.name) for p in opened.people_page(0, 10)] == before
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.problems]
    assert import_people(path, write(tmp_path / "none.csv", "key,name\n")).written
    assert "prefix='2 3'" in fts_sql(path)
    with Bundle(path) as opened:
        assert [(p.key, p.name) for p in opened.people_page(0, 10)] == before


def test_an_empty_name_with_no_parts_is_still_an_error(fresh_bundle: BundleFactory) -> None:
    path = fresh_bundle("UPDATE people SET name = '' WHERE key = 's3'")
    problems = [str(p) for p in validate_bundle(path).errors]
    assert "error: people [s3] name: is empty (required)" in problems


def test_the_bundle_the_last_release_shipped_is_read_as_it_is(tmp_path: Path) -> None:
    """db/exhibit.sqlite as built at bd6b282 (schema 3, the name index with its three-letter
    prefix index), byte for byte: what a kiosk holds when its program is updated first."""
    shipped = Path(__file__).parents[1] / "data" / "exhibit-schema-3.sqlite"
    bundle = tmp_path / "exhibit.sqlite"
    bundle.write_bytes(shipped.read_bytes())
    assert "prefix='2 3 4'" in fts_sql(bundle)
    report = validate_bundle(bundle)
    assert report.ok and report.readable, [str(p) for p in report.errors]
    with Bundle(bundle) as opened:
        assert opened.version == 3
        assert len(opened.sections()) == 9 and len(opened.events()) == 8
        assert opened.search_people("A") == [] and not opened.has_people()
    export(bundle, tmp_path / "out")
    rebuilt = build(tmp_path / "out", tmp_path / "rebuilt.sqlite").bundle
    assert validate_bundle(rebuilt).ok and "prefix='2 3'" in fts_sql(rebuilt)
    assert bundle.read_bytes() == shipped.read_bytes()  # read, never written
