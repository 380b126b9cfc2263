"""Each language's review status and completeness: exhibit.toml's [review], the bundle's
``locales`` table (schema 2), a bundle of schema 1, and what info and validate say of them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.content import schema
from kiosk.content.locales import locale_statuses
from kiosk.content.reader import Bundle, open_bundle
from kiosk.content.schema import SCHEMA_VERSION, create_or_migrate
from kiosk.content.source import BuildError, build, export
from kiosk.content.tables import TABLES
from kiosk.content.validate import validate_bundle

from .conftest import BundleFactory
from .test_cli import invoke

REVIEW = '\n[review]\naz = "draft"\n'


def with_review(source: Path, review: str = REVIEW) -> Path:
    toml = source / "exhibit.toml"
    text = toml.read_text(encoding="utf-8")
    head, sources = text.split("[[sources]]", 1)
    toml.write_text(head.rstrip("\n") + "\n" + review + "\n[[sources]]" + sources, "utf-8")
    return source


def statuses(bundle: Path) -> list[tuple[str, str, int, int]]:
    conn = open_bundle(bundle)
    try:
        return [(s.locale, s.review, s.translated, s.total) for s in locale_statuses(conn)]
    finally:
        conn.close()


def test_review_status_builds_and_exports_losslessly(
    synthetic_source: Path, tmp_path: Path
) -> None:
    """[review] goes into the bundle's locales table and comes back in the canonical form;
    build -> export -> build gives the same bytes."""
    first = build(with_review(synthetic_source), tmp_path / "a.sqlite").bundle
    assert statuses(first) == [("en", "source", 40, 40), ("az", "draft", 2, 40)]
    export(first, tmp_path / "exported")
    text = (tmp_path / "exported" / "exhibit.toml").read_text(encoding="utf-8")
    assert "\n[review]\n# How far each translation has come: draft, machine or reviewed" in text
    assert 'az = "draft"\n\n[[sources]]' in text
    again = build(tmp_path / "exported", tmp_path / "b.sqlite").bundle
    assert first.read_bytes() == again.read_bytes()
    export(again, tmp_path / "exported-again")
    assert (tmp_path / "exported-again" / "exhibit.toml").read_text(encoding="utf-8") == text


def test_without_review_the_status_is_not_set(synthetic_source: Path, tmp_path: Path) -> None:
    """No [review]: no rows, the status reads as not set, and export writes no [review]."""
    bundle = build(synthetic_source, tmp_path / "a.sqlite").bundle
    assert statuses(bundle)[1][:2] == ("az", "")
    export(bundle, tmp_path / "out")
    assert "[review]" not in (tmp_path / "out" / "exhibit.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("review", "message"),
    [
        ('az = "finished"', "'finished' is not a review status; use draft, machine, reviewed"),
        ('en = "draft"', "en is the default language; its text is the source"),
        ('ru = "draft"', "ru is not in locales (en, az)"),
        ("az = 1", 'write the status in double quotes, like "draft"'),
    ],
)
def test_a_wrong_review_status_names_its_line(
    synthetic_source: Path, tmp_path: Path, review: str, message: str
) -> None:
    source = with_review(synthetic_source, f"\n[review]\n{review}\n")
    line = source.joinpath("exhibit.toml").read_text("utf-8").split("\n").index(review) + 1
    with pytest.raises(BuildError) as caught:
        build(source, tmp_path / "a.sqlite")
    assert [str(p) for p in caught.value.problems] == [
        f"exhibit.toml, line {line}: [review] {review.split(maxsplit=1)[0]}: {message}"
        + ("" if "default" not in message else " and has no review status")
    ]


def test_review_status_is_written_as_the_curator_means_it(
    synthetic_source: Path, tmp_path: Path
) -> None:
    """Upper case and spaces are forgiven; a [review] that is not a table is refused."""
    bundle = build(
        with_review(synthetic_source, '\n[review]\naz = " Reviewed "\n'), tmp_path / "a.sqlite"
    ).bundle
    assert statuses(bundle)[1][1] == "reviewed"
    (tmp_path / "s2").mkdir()
    other = shutil.copytree(synthetic_source, tmp_path / "s2" / "source")
    toml = other / "exhibit.toml"
    toml.write_text(
        toml.read_text("utf-8").replace('[review]\naz = " Reviewed "', 'review = "draft"'),
        "utf-8",
    )
    with pytest.raises(BuildError, match="write it as a \\[review\\] table"):
        build(other, tmp_path / "b.sqlite")


# -- a bundle of schema version 1 --------------------------------------------------------------
def downgrade_to_v1(path: Path) -> Path:
    """Make ``path`` what the build of schema version 1 wrote: without what version 2 added."""
    conn = sqlite3.connect(path)
    try:
        for table in TABLES:
            for index in table.indexes:
                if not index.at(1):
                    conn.execute(f"DROP INDEX IF EXISTS {index.name}")
            for index in schema.table_indexes(table, 1):  # those later versions dropped
                if index.until:
                    conn.execute(schema.create_index_sql(table, index))
        # Tables version 2 made that no description lists (the name search's index): every
        # table a version-1 bundle lacks, virtual ones first (they own their shadow tables).
        v1 = set(schema.tables_at(1)) | {"_sqlite_migrations"}
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY sql LIKE 'CREATE VIRTUAL%' DESC"
        ).fetchall():
            if name not in v1 and name not in {t.name for t in TABLES}:
                conn.execute(f"DROP TABLE IF EXISTS {name}")
        for table in TABLES:  # a value stored once is written out, as before schema 4
            for column in table.columns:
                if column.empty_means:
                    spelled = schema.read_sql(column, schema.SCHEMA_VERSION)
                    conn.execute(f"UPDATE {table.name} SET {column.name} = {spelled}")
        for table in reversed(TABLES):
            if table.since > 1:
                conn.execute(f"DROP TABLE {table.name}")
            else:
                for column in table.columns:
                    if column.since > 1 and column.at(schema.SCHEMA_VERSION):
                        conn.execute(f"ALTER TABLE {table.name} DROP COLUMN {column.name}")
                if any(c.unique_until for c in table.columns):  # its UNIQUE, as at 1
                    kept = ", ".join(c.name for c in table.columns_at(1))
                    conn.execute(f"ALTER TABLE {table.name} RENAME TO before_v1")
                    conn.execute(schema.create_table_sql(table, 1))
                    conn.execute(f"INSERT INTO {table.name} SELECT {kept} FROM before_v1")
                    conn.execute("DROP TABLE before_v1")
                    for index in schema.table_indexes(table, 1):
                        conn.execute(schema.create_index_sql(table, index))
        conn.execute("DELETE FROM _sqlite_migrations WHERE name <> '0001_initial'")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    return path


@pytest.fixture
def v1_bundle(synthetic_source: Path, tmp_path: Path) -> Path:
    built = build(with_review(synthetic_source), tmp_path / "v1.sqlite").bundle
    return downgrade_to_v1(built)


def test_a_version_1_bundle_opens_and_reads_as_not_set(v1_bundle: Path) -> None:
    """The kiosk, validate, info and export all read a bundle made before review statuses,
    and the file is not touched."""
    before = v1_bundle.read_bytes()
    with Bundle(v1_bundle, "az") as bundle:
        assert bundle.exhibit().title == "Test sərgisi"
        assert [s.key for s in bundle.sections()] == ["start", "hard"]
    assert statuses(v1_bundle)[1] == ("az", "", 2, 37)
    report = validate_bundle(v1_bundle)
    assert report.ok and report.readable, [str(p) for p in report.problems]
    assert not [p for p in report.warnings if p.table == "locales"]
    code, out, _err = invoke("info", v1_bundle, "--json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == 1 and data["counts"]["locales"] == 0
    assert data["languages"][1]["review"] == ""
    code, out, _err = invoke("info", v1_bundle)
    assert "az  not set   2 of 37 texts translated (5%)" in out
    assert v1_bundle.read_bytes() == before


def test_a_version_1_bundle_exports_and_the_migration_adds_the_table(
    v1_bundle: Path, tmp_path: Path
) -> None:
    """export writes no [review]; migrating the file itself (as a build does) adds the
    locales table and sets the schema version."""
    export(v1_bundle, tmp_path / "out")
    assert "[review]" not in (tmp_path / "out" / "exhibit.toml").read_text("utf-8")
    db = sqlite_utils.Database(v1_bundle)
    try:
        create_or_migrate(db)
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db["locales"].exists()
        assert db.execute("SELECT count(*) FROM locales").fetchone()[0] == 0
    finally:
        db.close()
    # The migration adds tables; it does not index the people's names (build and
    # import-people do), and validate says so, and nothing else.
    report = validate_bundle(v1_bundle)
    assert [p.message for p in report.errors] == [
        "the name index is missing: rebuild the bundle (`kiosk-content build`, or `import-people`)"
    ]


def test_a_version_1_bundle_with_a_later_table_is_refused(v1_bundle: Path) -> None:
    """A bundle saying schema 1 but holding the locales table is not of its schema."""
    conn = sqlite3.connect(v1_bundle)
    conn.execute("CREATE TABLE locales (locale TEXT PRIMARY KEY, review TEXT)")
    conn.commit()
    conn.close()
    report = validate_bundle(v1_bundle)
    assert not report.readable
    assert "tables the schema does not have: locales" in report.problems[0].message


# -- info and validate ------------------------------------------------------------------------
def test_info_shows_each_language_status_and_completeness(
    synthetic_source: Path, tmp_path: Path
) -> None:
    bundle = build(with_review(synthetic_source), tmp_path / "a.sqlite").bundle
    code, out, _err = invoke("info", bundle)
    assert code == 0
    assert "Translations:    en  source    40 texts, the source of the others\n" in out
    assert "                 az  draft     2 of 40 texts translated (5%)\n" in out
    code, out, _err = invoke("info", bundle, "--json")
    assert json.loads(out)["languages"] == [
        {"locale": "en", "default": True, "review": "source", "translated": 40, "total": 40},
        {"locale": "az", "default": False, "review": "draft", "translated": 2, "total": 40},
    ]


@pytest.mark.parametrize(
    ("status", "warning"),
    [
        ("draft", "warning: locales: az: translations are a draft awaiting review"),
        ("machine", "warning: locales: az: translations are machine-made, awaiting review"),
        ("reviewed", None),
    ],
)
def test_validate_warns_of_each_language_awaiting_review(
    synthetic_source: Path, tmp_path: Path, status: str, warning: str | None
) -> None:
    source = with_review(synthetic_source, f'\n[review]\naz = "{status}"\n')
    bundle = build(source, tmp_path / "a.sqlite").bundle
    code, out, _err = invoke("validate", bundle)
    assert code == 0
    found = [line for line in out.splitlines() if line.startswith("warning: locales")]
    assert found == ([warning] if warning else [])
    data = json.loads(invoke("validate", bundle, "--json")[1])
    assert data["languages"][1]["review"] == status


def test_validate_counts_in_one_line_and_lists_with_verbose(
    synthetic_source: Path, tmp_path: Path
) -> None:
    """One line per table and language; --verbose lists each text under its line."""
    bundle = build(synthetic_source, tmp_path / "a.sqlite").bundle
    code, out, _err = invoke("validate", bundle)
    assert code == 0
    lines = out.splitlines()
    assert "warning: statistics: az: 8 of 8 figure texts untranslated (the en text is shown)" in (
        lines
    )
    assert not any("no az translation" in line for line in lines)
    assert lines[-1].endswith("valid: 0 errors, 9 warnings")
    code, out, _err = invoke("validate", bundle, "--verbose")
    assert code == 0
    lines = out.splitlines()
    at = lines.index(
        "warning: sections: az: 4 of 5 section texts untranslated (the en text is shown)"
    )
    assert lines[at + 1 : at + 5] == [
        "    sections [start] body: no az translation",
        "    sections [hard] title: no az translation",
        "    sections [hard] body: no az translation",
        "    sections [hard] advisory: no az translation",
    ]
    assert lines[at + 5].startswith("warning: ")
    assert invoke("validate", bundle, "-v")[1] == out


def test_validate_checks_the_locales_rows(fresh_bundle: BundleFactory) -> None:
    """A status for the default language or one the exhibit does not have is a warning; a
    status that is none of the statuses (a bundle another tool wrote) is an error."""
    report = validate_bundle(
        fresh_bundle(
            "INSERT INTO locales VALUES ('en', 'draft'), ('fr', 'reviewed'), ('az', 'done')"
        )
    )
    found = {
        (p.severity, p.row, p.field, p.message) for p in report.problems if p.table == "locales"
    }
    assert found == {
        (
            "warning",
            "en",
            "locale",
            "en is the default language: its text is the source and has no review status",
        ),
        (
            "warning",
            "fr",
            "locale",
            "fr is not in the exhibit's languages: its review status is never used",
        ),
        ("error", "az", "review", "'done': use draft, machine, reviewed"),
    }
