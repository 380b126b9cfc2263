"""What a publish would change, as the studio says it before publishing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from content.factory import write_synthetic_source

from kiosk.content.source import build
from kiosk.content.source.import_people import import_people
from kiosk.studio.changes import compare

DATA = Path(__file__).parents[1] / "data"


def test_a_bundle_before_schema_4_holds_the_same_names(tmp_path: Path) -> None:
    """A kiosk's bundle of schema 3 spells every name out (and numbers the people in the
    file's order); the same content built now stores a name that is its parts joined once,
    and numbers the people in the wall's order. The studio compares people by key and names
    as they read: no change."""
    new = build(write_synthetic_source(tmp_path / "source"), tmp_path / "new.sqlite").bundle
    old = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "people-schema-3.sqlite", old)  # that release's build of the source
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM people WHERE name = ''").fetchone()[0] == 0
    conn.close()
    with sqlite3.connect(new) as conn:
        assert conn.execute("SELECT count(*) FROM people WHERE name = ''").fetchone()[0] == 2
    conn.close()
    summary = compare(new, old)
    assert summary.destination_readable
    assert "The content is the same as the exhibit at the destination." in summary.lines()
    with sqlite3.connect(old) as conn:  # a name that really differs is a change
        conn.execute("UPDATE people SET name = 'Testov Synthetic Other' WHERE key = 's1'")
    conn.close()
    assert any("(s1)" in line for line in compare(new, old).lines())


def test_a_new_name_changes_no_one_else(tmp_path: Path) -> None:
    """A name added before the others moves every rank after it (and, from schema 5, every
    id): the studio says one person is new, not that everyone changed."""
    old = build(write_synthetic_source(tmp_path / "source"), tmp_path / "old.sqlite").bundle
    new = tmp_path / "new.sqlite"
    shutil.copyfile(old, new)
    added = tmp_path / "added.csv"
    added.write_text("key,name,name_lang\nn1,Aaa Synthetic,az\n", encoding="utf-8")
    assert import_people(new, added).written
    people = compare(new, old).tables["people"]
    assert (people.added, people.removed, people.changed, people.moved) == (["n1"], [], [], False)
