"""A person's name stored once (schema 4): '' in the row when it is the name's parts joined,
the parts joined wherever it is read; what a curator, the kiosk and export see is unchanged.
All names here are obviously synthetic."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content import schema
from kiosk.content.reader import Bundle, check_readable
from kiosk.content.source import build, export
from kiosk.content.source.import_people import import_people
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
    # (in the wall's order, the ids' since schema 5, not the file's)
    exported = names_in(tmp_path / "out" / "people.csv")
    assert sorted(exported) == sorted(names_in(synthetic_source / "people.csv"))


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


DATA = Path(__file__).parents[1] / "data"


def built_before_schema_4(tmp_path: Path, version: int = 3) -> Path:
    """A copy of the synthetic bundle as the release of schema ``version`` built it
    (tests/data/people-schema-N.sqlite, made by that release's ``kiosk-content build`` from
    tests/content/factory.py's source): every name in full at 3, and the name index with its
    former definition (a three-letter prefix index too)."""
    path = tmp_path / f"people-schema-{version}.sqlite"
    shutil.copyfile(DATA / f"people-schema-{version}.sqlite", path)
    return path


def fts_sql(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        found = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'people_search'")
        return str(found.fetchone()[0])
    finally:
        conn.close()


def test_a_bundle_built_before_schema_4_opens_validates_and_searches(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """A kiosk updated before its content: the bundle it was given last is read as it is."""
    path = built_before_schema_4(tmp_path)
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
    tmp_path: Path,
) -> None:
    """A bundle written before schema 4 has every name in full: it reads as it did, and
    migrating it (as import-people does) stores each name once without touching what any
    reader sees. Schema 5 makes the people's table anew (no wall rank: the ids are the
    wall's order), so a migration alone leaves the name index out of date, which validate
    says; import-people, which migrates, numbers the people and makes the index again as it
    is made now."""
    path = built_before_schema_4(tmp_path)
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
    errors = [str(p) for p in validate_bundle(path).errors]
    assert len(errors) == 1 and "the name index is out of date" in errors[0], errors
    assert import_people(path, write(tmp_path / "none.csv", "key,name\n")).written
    assert "prefix='2 3'" in fts_sql(path)
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.problems]
    with Bundle(path) as opened:
        assert opened.version == schema.SCHEMA_VERSION
        assert [(p.key, p.name) for p in opened.people_page(0, 10)] == before
        wall = [p.key for p in opened.people_page(0, 10, "wall")]
    assert wall == ["s1", "s2", "s3", "p1"]


@pytest.mark.parametrize("version", [3, 4])
def test_a_bundle_of_an_earlier_release_reads_as_it_is_and_imports_to_now(
    tmp_path: Path, version: int
) -> None:
    """The synthetic people as the releases of schema 3 and 4 built them: read as they are
    (the wall by its rank column, the count off its index, a card by key), valid; an import
    brings them to now (ids in the wall's order, no rank column) with the same wall, cards
    and relations."""
    path = built_before_schema_4(tmp_path, version)
    with Bundle(path) as opened:
        assert opened.version == version
        wall = [p.key for p in opened.people_page(0, 10, "wall")]
        assert opened.people_count() == 4 and wall == ["s1", "s2", "s3", "p1"]
        assert [p.key for p in opened.people_page(2, 10, "wall")] == ["s3", "p1"]
        card = opened.person("s1")
        assert card is not None and {r.person.key for r in card.relatives} == {"s2", "s3", "p1"}
        assert [m.key for m in opened.search_people("Testov")][:1] == ["s1"]
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.errors]
    assert import_people(path, write(tmp_path / "none.csv", "key,name\n")).written
    with Bundle(path) as opened:
        assert opened.version == schema.SCHEMA_VERSION
        assert [p.key for p in opened.people_page(0, 10, "wall")] == wall
        assert [p.id for p in opened.people_page(0, 10, "wall")] == [1, 2, 3, 4]
        card = opened.person("s1", id=1)
        assert card is not None and {r.person.key for r in card.relatives} == {"s2", "s3", "p1"}
    conn = sqlite3.connect(path)
    indexes = {str(r[1]) for r in conn.execute("PRAGMA index_list(people)")}
    conn.close()
    assert indexes == {"people_place", "people_family"}  # no key, rank or wall index


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
