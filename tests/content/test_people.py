"""People (issue 18): schema 2, build and export, the reader's pages and cards, validation,
``import-people`` and ``search-people``. Every name here is obviously synthetic."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.content import schema
from kiosk.content.names.collation import sort_key
from kiosk.content.reader import Bundle, check_readable
from kiosk.content.source import build, export
from kiosk.content.source.files import SourceReader
from kiosk.content.source.import_people import PersonRow, import_people, read_people
from kiosk.content.validate import validate_bundle

from .conftest import BundleFactory
from .test_cli import invoke


def where(path: Path) -> set[tuple[str, str, str]]:
    return {(p.table, p.row, p.field) for p in validate_bundle(path).problems}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- the bundle ---------------------------------------------------------------------------


def test_the_synthetic_people_build_and_validate(fresh_bundle: BundleFactory) -> None:
    report = validate_bundle(fresh_bundle())
    assert report.ok, [str(p) for p in report.problems]


def test_unknowns_stay_null(fresh_bundle: BundleFactory) -> None:
    """An empty cell is NULL in the bundle, never '' or 0."""
    conn = sqlite3.connect(fresh_bundle())
    row = conn.execute(
        "SELECT surname, given_name, patronymic, name_script, other_spellings, fate_kind, "
        "place_id, family, source_id, age, birth_date FROM people WHERE key = 's2'"
    ).fetchone()
    conn.close()
    assert row[:2] == ("Тестова", "Синтетика")
    assert row[2:] == (None, "cyrl", None, "missing", 1, "fam-1", None, None, None)


def test_the_name_index_reads_the_people_table(fresh_bundle: BundleFactory) -> None:
    """No second copy of the names: the index's rowids are people.id, which are the wall's
    order (schema 5: place, family, name; these synthetic people have no place)."""
    conn = sqlite3.connect(fresh_bundle())
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "people_search" in names and "people_search_names" not in names
    from kiosk.content.names import search

    ids = dict(conn.execute("SELECT key, id FROM people"))
    found = search(conn, "Testov")
    conn.close()
    assert found and found[0].key == "s1"
    assert ids == {"s1": 1, "s2": 2, "s3": 3, "p1": 4}


def test_build_export_build_keeps_people_places_relations_variants(
    synthetic_source: Path, tmp_path: Path
) -> None:
    first = build(synthetic_source, tmp_path / "a.sqlite").bundle
    export(first, tmp_path / "out")
    text = (tmp_path / "out" / "people.csv").read_text(encoding="utf-8")
    assert "Тестов Синтетик" in text and "fam-1" in text and "village-a" in text
    assert (tmp_path / "out" / "relations.csv").read_text().splitlines()[1] == "s1,spouse,s2"
    second = build(tmp_path / "out", tmp_path / "b.sqlite").bundle
    assert first.read_bytes() == second.read_bytes()


def test_people_of_one_name_build_export_build_to_the_same_bytes(
    synthetic_source: Path, tmp_path: Path
) -> None:
    """Two people of one name, the file's order not the wall's: the names' order breaks the
    tie by key (never by the id, which is the wall's place), so the export, written in the
    wall's order, builds to the same bytes."""
    people = synthetic_source / "people.csv"
    header = people.read_text("utf-8").splitlines()[0].split(",")
    with people.open("a", encoding="utf-8", newline="") as out:
        for key, place in (("d1", ""), ("d2", "village-a")):
            row = dict.fromkeys(header, "") | {"key": key, "name": "Dup Synthetic"}
            out.write(",".join(row[c] if c != "place" else place for c in header) + "\n")
    first = build(synthetic_source, tmp_path / "first.sqlite").bundle
    export(first, tmp_path / "out")
    keys = [row.split(",")[0] for row in (tmp_path / "out" / "people.csv").read_text().splitlines()]
    assert keys.index("d2") < keys.index("d1")  # village A first on the wall
    second = build(tmp_path / "out", tmp_path / "second.sqlite").bundle
    assert first.read_bytes() == second.read_bytes()


def test_a_schema_1_bundle_still_opens_validates_and_exports(tmp_path: Path) -> None:
    """A bundle made before schema 2 is read as it is (no places, no name index)."""
    path = tmp_path / "v1.sqlite"
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = DELETE")
    schema.create_or_migrate(db, 1)
    db.execute(
        "INSERT INTO exhibit (id, title, default_locale, locales, content_version) "
        "VALUES (1, 'Old', 'en', '[\"en\"]', '1')"
    )
    db.execute(
        "INSERT INTO people (key, name, death_date, death_precision, age) "
        "VALUES ('o1', 'Oldform Synthetic', '1992', 'year', NULL)"
    )
    db.conn.commit()
    db.close()
    assert db.execute if False else True
    check_readable(path)
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.problems]
    with Bundle(path) as bundle:
        assert bundle.version == 1
        assert bundle.people_count() == 1 and bundle.places() == []
        person = bundle.people_page(0, 10)[0]
        assert person.name == "Oldform Synthetic" and person.fate_kind is None
        card = bundle.person("o1")
        assert card is not None and card.relatives == () and card.place is None
        assert bundle.search_people("Oldform") == []
        assert "schema 1" in bundle.name_index_problem()
    export(path, tmp_path / "out")
    assert (tmp_path / "out" / "places.csv").read_text() == "key,name,description\n"
    code, _out, err = invoke("search-people", path, "Oldform")
    assert code == 1 and "schema 1" in err
    # import-people takes it to schema 2
    csv_file = write(tmp_path / "p.csv", "name\nNewform Synthetic\n")
    result = import_people(path, csv_file)
    assert result.written and result.added == 1
    with Bundle(path) as bundle:
        assert bundle.version == schema.SCHEMA_VERSION and bundle.people_count() == 2
        assert [m.key for m in bundle.search_people("Oldform")] == ["o1"]


# -- the reader -------------------------------------------------------------------------


def test_person_card_has_place_source_relatives_and_family(fresh_bundle: BundleFactory) -> None:
    with Bundle(fresh_bundle()) as bundle:
        card = bundle.person("s1")
        assert card is not None
        assert card.person.other_spellings == ("Тестов Синтетик",)
        assert card.person.fate_kind == "killed" and card.person.name_lang == "en"
        assert card.place is not None and card.place.name == "Village A"
        assert card.source is not None and card.source.key == "notes"
        kinds = {r.person.key: r.kind for r in card.relatives}
        # s1 is s2's spouse, s3's parent, and p1 is s1's sibling
        assert kinds == {"s2": "spouse", "s3": "child", "p1": "sibling"}
        assert [p.key for p in card.family] == ["s2"]
        child = bundle.person("s3")
        assert child is not None
        assert {r.person.key: r.kind for r in child.relatives} == {"s1": "parent"}
        assert bundle.person("nobody") is None


def test_people_pages_in_name_and_wall_order(fresh_bundle: BundleFactory) -> None:
    with Bundle(fresh_bundle()) as bundle:
        assert bundle.people_count() == 4
        names = [p.name for p in bundle.people_page(0, 10)]
        # Azerbaijani first, then other Latin names, then Cyrillic
        assert names == ["Əxample Testli", "Ann Example", "Testov Synthetic", "Тестова Синтетика"]
        assert [p.name for p in bundle.people_page(1, 2)] == names[1:3]
        assert bundle.people_page(4, 10) == []
        wall = [p.key for p in bundle.people_page(0, 10, "wall")]
        assert wall == ["s1", "s2", "s3", "p1"]  # village A's family, village B, no place
        assert bundle.people_count(place="village-a") == 2
        assert bundle.people_count(family="fam-1") == 2
        assert [p.key for p in bundle.people_page(0, 5, place="village-b")] == ["s3"]
        with pytest.raises(ValueError, match="order"):
            bundle.people_page(0, 5, "age")


def test_the_ids_are_the_walls_order_and_the_relations_follow_an_import(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """Schema 5: the people are numbered 1, 2, 3... in the wall's order, with no rank column;
    an import that puts new people before the others numbers everyone anew, and every
    relation still joins the same two people."""
    path = fresh_bundle()
    csv_file = write(
        tmp_path / "new.csv",
        "key,name,place\nn1,Aaron Synthetic,village-a\nn2,Zzz Synthetic,\nn3,Aab Synthetic,\n",
    )
    assert import_people(path, csv_file).written
    conn = sqlite3.connect(path)
    ids = dict(conn.execute("SELECT key, id FROM people"))
    columns = {r[1] for r in conn.execute("PRAGMA table_info(people)")}
    indexes = {r[1] for r in conn.execute("PRAGMA index_list(people)")}
    conn.close()
    assert "wall_order" not in columns and indexes == {"people_place", "people_family"}
    with Bundle(path) as bundle:
        wall = [p.key for p in bundle.people_page(0, 10, "wall")]
        # village A (Aaron, then the family of Testov), village B, then no place by name
        assert wall == ["n1", "s1", "s2", "s3", "n3", "p1", "n2"]
        assert [ids[k] for k in wall] == list(range(1, 8))
        assert bundle.people_count() == 7
        assert [p.key for p in bundle.people_page(5, 10, "wall")] == ["p1", "n2"]
        card = bundle.person("s1")
        assert card is not None
        assert {r.person.key: r.kind for r in card.relatives} == {
            "s2": "spouse",
            "s3": "child",
            "p1": "sibling",
        }
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.errors]


def test_a_card_opens_by_id_or_by_key_alone(fresh_bundle: BundleFactory) -> None:
    """The kiosk opens a card where the wall or the search saw the person (no key index);
    an id that now holds someone else (another bundle) falls back to the key."""
    with Bundle(fresh_bundle()) as bundle:
        first = bundle.people_page(0, 1, "wall")[0]
        asked: list[str] = []
        bundle._conn.set_trace_callback(asked.append)
        card = bundle.person(first.key, id=first.id)
        assert card is not None and card.person.key == first.key
        assert not any(" WHERE key = " in sql for sql in asked)  # no pass over the table
        for stale in (first.id + 1, 999):
            asked.clear()
            moved = bundle.person(first.key, id=stale)
            assert moved is not None and moved.person.key == first.key
            assert any(" WHERE key = " in sql for sql in asked)
        assert bundle.person("nobody", id=first.id) is None


def test_rows_without_a_key_get_keys_nobody_has(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """``person-<n>`` for a row with no key, numbered on from every ``person-N`` key the
    bundle has once the file is in: neither a curator's own ``person-6`` (in the bundle) nor
    a ``person-7`` further down the same file is shared or taken for an update."""
    path = fresh_bundle()
    taken = write(tmp_path / "taken.csv", "key,name\nperson-6,Explicit Synthetic\n")
    assert import_people(path, taken).written
    rows = "name,key\nYoyo Synthetic,\nAaa Synthetic,\nLater Synthetic,person-7\n"
    result = import_people(path, write(tmp_path / "k.csv", rows))
    assert result.written and (result.added, result.updated, result.bad_rows) == (3, 0, 0)
    assert import_people(path, write(tmp_path / "one.csv", "name\nMmm Synthetic\n")).written
    conn = sqlite3.connect(path)
    keys = dict(conn.execute("SELECT name, key FROM people WHERE key LIKE 'person-%'"))
    conn.close()
    assert keys == {
        "Explicit Synthetic": "person-6",
        "Later Synthetic": "person-7",
        "Yoyo Synthetic": "person-8",
        "Aaa Synthetic": "person-9",
        "Mmm Synthetic": "person-10",
    }
    assert validate_bundle(path).ok


def test_people_texts_come_translated_per_page(fresh_bundle: BundleFactory) -> None:
    path = fresh_bundle(
        "INSERT INTO translations VALUES ('people', 's1', 'notes', 'az', 'Qeyd')",
        "UPDATE people SET notes = 'A note' WHERE key = 's1'",
    )
    with Bundle(path, "az") as bundle:
        card = bundle.person("s1")
        assert card is not None and card.person.notes == "Qeyd"


def test_collation_of_each_alphabet() -> None:
    az = ["Zəki", "Əli", "Cəfər", "Çingiz", "Xəlil", "Hüseyn", "İlham", "Ismayıl", "Qasım"]
    assert sorted(az, key=lambda n: sort_key(n, "az")) == [
        "Cəfər",
        "Çingiz",
        "Əli",
        "Hüseyn",
        "Xəlil",
        "Ismayıl",
        "İlham",
        "Qasım",
        "Zəki",
    ]
    ru = ["Яковлев", "Ёжиков", "Елисеев", "Жуков", "Эминов"]
    assert sorted(ru, key=sort_key) == ["Елисеев", "Ёжиков", "Жуков", "Эминов", "Яковлев"]
    en = ["Xavier Testov", "Quill Testov", "Testov", "Testov-Second"]
    assert sorted(en, key=sort_key) == ["Quill Testov", "Testov", "Testov-Second", "Xavier Testov"]
    assert sort_key("Əli") < sort_key("Ann") < sort_key("Али")  # az, then en, then ru


# -- validation ---------------------------------------------------------------------------


def test_rules_of_a_person_name_table_row_and_field(fresh_bundle: BundleFactory) -> None:
    path = fresh_bundle(
        "UPDATE people SET birth_date = '2005', birth_precision = 'year' WHERE key = 's2'",
        "UPDATE people SET death_date = '2001-05-01', death_precision = 'day' WHERE key = 's2'",
        "UPDATE people SET age = 45 WHERE key = 's1'",
        "UPDATE people SET name_script = 'latn' WHERE key = 's2'",
        "INSERT INTO relations (person_id, kind, relative_id) VALUES (2, 'spouse', 2)",
        "INSERT INTO relations (person_id, kind, relative_id) VALUES (2, 'child', 999)",
    )
    found = where(path)
    assert ("people", "s2", "death_date") in found
    assert ("people", "s1", "age") in found
    assert ("people", "s2", "name_script") in found
    assert ("relations", "id 4", "relative_id") in found
    assert ("relations", "id 5", "relative_id") in found
    messages = [str(p) for p in validate_bundle(path).problems]
    assert any(
        "45 disagrees with the dates (born 1960, died 2001-05-01: 40 or 41)" in m for m in messages
    )
    assert any("points at people id 999, which does not exist" in m for m in messages)


def test_a_stale_or_foreign_name_index_is_an_error(fresh_bundle: BundleFactory) -> None:
    renamed = fresh_bundle("UPDATE people SET surname = 'Otherov' WHERE key = 's1'")
    assert any("name index is out of date" in str(p) for p in validate_bundle(renamed).errors)
    other = fresh_bundle("UPDATE people_search_meta SET value = '0' WHERE name = 'keys_version'")
    assert any("another version of the search" in str(p) for p in validate_bundle(other).errors)
    with Bundle(other) as bundle:
        assert "out of date" in bundle.name_index_problem()


# -- import-people --------------------------------------------------------------------------


def test_import_adds_updates_and_reports_bad_rows(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    path = fresh_bundle()
    csv_file = write(
        tmp_path / "people.csv",
        "key,name,surname,fate_kind,birth_date,death_date,age,place\n"
        "s1,,Testov,died_of_wounds,,,,\n"  # an update: name from the parts given
        "n1,Newman Synthetic,,,,,,village-b\n"
        "n2,Badage Synthetic,,,1950,1992-02-26,30,\n"
        ",Keyless Synthetic,,,,,,\n"
        "n3,Noplace Synthetic,,,,,,village-z\n"
        "n4,Wrongfate Synthetic,,drowned,,,,\n",
    )
    result = import_people(path, csv_file)
    assert result.written and (result.added, result.updated, result.bad_rows) == (2, 1, 3)
    problems = [str(p) for p in result.problems]
    assert problems[0].startswith("people.csv, line 4: age: 30 disagrees with the dates")
    assert problems[1] == "people.csv, line 6: place: there is no place with the key 'village-z'"
    assert problems[2].startswith("people.csv, line 7: fate_kind 'drowned'")
    assert validate_bundle(path).ok
    with Bundle(path) as bundle:
        s1 = bundle.person("s1")
        assert s1 is not None
        assert s1.person.fate_kind == "died_of_wounds" and s1.person.name == "Testov Synthetic"
        assert s1.person.given_name == "Synthetic"  # a column the CSV has not: untouched
        assert s1.person.birth_date is not None  # an empty cell erases nothing
        assert s1.place is not None and s1.place.key == "village-a"
        keyless = bundle.search_people("Keyless")
        assert keyless and keyless[0].key.startswith("person-")
        assert [m.key for m in bundle.search_people("Newman")] == ["n1"]


def test_strict_import_writes_nothing_on_a_bad_row(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    path = fresh_bundle()
    before = path.read_bytes()
    csv_file = write(tmp_path / "p.csv", "name,age\nFine Synthetic,30\nBad Synthetic,old\n")
    code, out, err = invoke("import-people", path, csv_file, "--strict")
    assert code == 1 and "line 3: age: 'old' is not a whole number" in err
    assert "nothing was written" in err and out == ""
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*importing"))


def test_read_people_checks_rows_without_a_bundle(tmp_path: Path) -> None:
    """The import's reading alone: checked rows as bundle columns and as people.csv cells."""
    csv_file = write(
        tmp_path / "names.csv",
        "key,surname,given_name,birth_date,fate_kind,place,age\n"
        "a1,Testov, Synthetic ,1950-03,Missing,village-a,\n"
        "a2,Badov,Synthetic,1950,,village-z,\n"
        "a1,Twicev,Synthetic,,,,\n",
    )
    checker = SourceReader(tmp_path)
    rows = list(read_people(csv_file, checker, {"places": {"village-a": 1}}))
    assert rows[1:] == [None, None]
    first = rows[0]
    assert isinstance(first, PersonRow) and first.line == 2
    assert first.values["name"] == "Testov Synthetic" and first.values["place_id"] == 1
    assert first.cells == {
        "key": "a1",
        "surname": "Testov",
        "given_name": "Synthetic",
        "birth_date": "1950-03",
        "birth_precision": "month",
        "fate_kind": "missing",
        "place": "village-a",
    }
    assert [str(p) for p in checker.problems] == [
        "names.csv, line 3: place: there is no place with the key 'village-z'",
        "names.csv, line 4: key 'a1' is used twice in this file",
    ]


def test_import_command_output_and_no_progress_bar_off_a_tty(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    path = fresh_bundle()
    rows = "".join(f"Synthetic-{i:04d} Testov\n" for i in range(50))
    code, out, err = invoke("import-people", path, write(tmp_path / "p.csv", "name\n" + rows))
    assert code == 0, err
    assert out.strip() == (
        f"imported p.csv into {path}: 50 added, 0 updated; 54 people in the bundle"
    )
    assert err == ""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("key,age\n", "has no 'name' column"),
        ("name,nickname\n", "unknown column(s) 'nickname'"),
    ],
)
def test_import_refuses_a_file_it_cannot_read(
    fresh_bundle: BundleFactory, tmp_path: Path, text: str, message: str
) -> None:
    path = fresh_bundle()
    code, _out, err = invoke("import-people", path, write(tmp_path / "p.csv", text))
    assert code == 1 and message in err and "Traceback" not in err


def test_import_into_an_unreadable_bundle_exits_2(tmp_path: Path) -> None:
    bad = write(tmp_path / "b.sqlite", "not a bundle")
    code, _out, err = invoke("import-people", bad, write(tmp_path / "p.csv", "name\nA B\n"))
    assert code == 2 and "not an SQLite database" in err


def test_import_leaves_the_bundle_alone_when_the_result_would_not_validate(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    path = fresh_bundle("UPDATE sections SET title = ''")
    before = path.read_bytes()
    code, _out, err = invoke(
        "import-people", path, write(tmp_path / "p.csv", "name\nA Synthetic\n")
    )
    assert code == 1 and "nothing was written" in err and "sections" in err
    assert path.read_bytes() == before


# -- search-people ---------------------------------------------------------------------------


def test_search_people_json(fresh_bundle: BundleFactory) -> None:
    code, out, _err = invoke("search-people", fresh_bundle(), "Тестов", "--json")
    assert code == 0
    results = json.loads(out)
    assert [r["key"] for r in results] == ["s1", "s2"]
    first = results[0]
    assert set(first) >= {"key", "name", "strength", "why"}
    assert first["strength"] == "exact" and first["why"][0]["field"] == "other"
    assert results[1]["strength"] == "spelling"  # the feminine form
    code, out, _err = invoke("search-people", fresh_bundle(), "Testov", "--json", "--limit", "1")
    assert code == 0 and len(json.loads(out)) == 1


def test_search_people_text_and_nobody(fresh_bundle: BundleFactory) -> None:
    code, out, _err = invoke("search-people", fresh_bundle(), "Zintetik")
    assert code == 0 and "Testov Synthetic" in out and "variant" in out
    code, out, _err = invoke("search-people", fresh_bundle(), "Zzyzx")
    assert code == 0 and out.strip() == "no one found"


def test_search_in_a_worker_thread_with_its_own_bundle(fresh_bundle: BundleFactory) -> None:
    """The screens search off the GUI thread: one Bundle per thread."""
    import threading

    path = fresh_bundle()
    found: list[str] = []

    def work() -> None:
        with Bundle(path) as bundle:
            found.extend(m.key for m in bundle.search_people("Тест"))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert found[:2] == ["s1", "s2"]


def test_import_keeps_the_file_a_copy_until_it_is_done(
    fresh_bundle: BundleFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure in the middle leaves the bundle as it was and no temporary file."""
    from kiosk.content.source import import_people as module

    path = fresh_bundle()
    before = path.read_bytes()

    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("power cut")

    monkeypatch.setattr(module, "index_people", broken)
    with pytest.raises(RuntimeError):
        import_people(path, write(tmp_path / "p.csv", "name\nA Synthetic\n"))
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*importing"))
    shutil.copyfile(path, tmp_path / "copy.sqlite")


def test_people_written_by_another_tool_are_still_listed(fresh_bundle: BundleFactory) -> None:
    """Rows with no ranks (inserted behind build's back) are listed by name; validate says
    the index is out of date."""
    path = fresh_bundle(
        "DELETE FROM relations",
        "DELETE FROM people",
        "INSERT INTO people (key, name) VALUES ('b', 'Bsynthetic'), ('a', 'Asynthetic')",
    )
    with Bundle(path) as bundle:
        assert [p.key for p in bundle.people_page(0, 10)] == ["a", "b"]
        assert [p.key for p in bundle.people_page(1, 10, "wall")] == ["b"]
    assert any("out of date" in str(p) for p in validate_bundle(path).errors)


def test_no_people_need_no_index(fresh_bundle: BundleFactory) -> None:
    """A bundle written without the index (by another tool) is valid while it names nobody."""
    empty = fresh_bundle(
        "DELETE FROM relations", "DELETE FROM people", "DELETE FROM people_search_meta"
    )
    assert validate_bundle(empty).ok
    named = fresh_bundle("DELETE FROM people_search_meta")
    assert any("name index is missing" in str(p) for p in validate_bundle(named).errors)


def test_the_count_is_never_more_than_a_bundle_may_hold(fresh_bundle: BundleFactory) -> None:
    """The count is the last id (no pass over a million rows): a hostile id of three
    billion is not three billion rows to page (validate refuses such a bundle anyway)."""
    path = fresh_bundle("UPDATE people SET id = 3000000000 WHERE key = 'p1'")
    with Bundle(path) as bundle:
        assert bundle.people_count() == 2_000_000
    assert not validate_bundle(path).ok
