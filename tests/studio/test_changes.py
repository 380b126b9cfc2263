"""What a publish would change, as the studio says it before publishing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from content.factory import write_synthetic_source

from kiosk.content.schema import SCHEMA_VERSION
from kiosk.content.source import build
from kiosk.content.tables import read_sql, table
from kiosk.studio.changes import compare


def test_a_bundle_before_schema_4_holds_the_same_names(tmp_path: Path) -> None:
    """A kiosk's bundle of schema 3 spells every name out; the same content built now stores
    a name that is its parts joined once. The studio compares names as they read: no
    change."""
    new = build(write_synthetic_source(tmp_path / "source"), tmp_path / "new.sqlite").bundle
    old = tmp_path / "old.sqlite"
    shutil.copyfile(new, old)
    name = read_sql(table("people").column("name"), SCHEMA_VERSION)
    with sqlite3.connect(old) as conn:
        conn.execute(f"UPDATE people SET name = {name}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_schema_4'")
        conn.execute("PRAGMA user_version = 3")
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
