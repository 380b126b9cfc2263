"""The validator: each rule reports table, row and field; garbage never makes it raise."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.reader import open_bundle
from kiosk.content.tables import CONTENT_TABLES
from kiosk.content.validate import Report, quick_check, validate_bundle
from kiosk.content.validate.rules import Validator

from .conftest import BundleFactory
from .factory import mangler, png_bytes

HOSTILE = [
    '<img src="x.png">',
    "read more at http://example.org",
    "HTTPS://example.org",
    "JavaScript:alert(1)",
    "background: url(x.png)",
    "data:image/png;base64,AAAA",
    '<a href="x">here</a>',
    "<STYLE>p{}</STYLE>",
    "file:///etc/passwd",
    "<script>alert(1)</script>",
    '<iframe src="x">',
]


def where(report: Report, severity: str = "error") -> set[tuple[str, str, str]]:
    return {(p.table, p.row, p.field) for p in report.problems if p.severity == severity}


def messages(report: Report) -> str:
    return "\n".join(str(p) for p in report.problems)


def test_synthetic_bundle_is_valid(fresh_bundle: BundleFactory) -> None:
    """The fixture bundle passes, with warnings only for its missing translations."""
    report = validate_bundle(fresh_bundle())
    assert report.ok, messages(report)
    assert all("texts untranslated" in p.message for p in report.warnings)


def test_missing_translations_are_one_warning_per_table_and_locale(
    fresh_bundle: BundleFactory,
) -> None:
    """The untranslated texts of a table are counted in one warning per other language; each
    one is listed in ``untranslated`` (what --verbose and --json show)."""
    report = validate_bundle(fresh_bundle())
    sections = [p for p in report.warnings if p.table == "sections"]
    assert [str(p) for p in sections] == [
        "warning: sections: az: 4 of 5 section texts untranslated (the en text is shown)"
    ]
    assert sections[0].locale == "az"
    assert [(u.row, u.field) for u in report.untranslated_in("az", "sections")] == [
        ("start", "body"),
        ("hard", "title"),
        ("hard", "body"),
        ("hard", "advisory"),
    ]
    assert report.warning_count == len(report.warnings) == 9  # one per table with texts
    figures = next(p for p in report.warnings if p.table == "statistics")
    assert figures.message == "az: 8 of 8 figure texts untranslated (the en text is shown)"


def test_a_translated_table_has_no_warning(fresh_bundle: BundleFactory) -> None:
    """A table every text of which is translated is not mentioned."""

    def translate_all(conn: sqlite3.Connection) -> None:
        for key, title in conn.execute("SELECT key, label FROM statistics").fetchall():
            conn.execute(
                "INSERT OR REPLACE INTO translations VALUES ('statistics', ?, 'label', 'az', ?)",
                (key, f"az {title}"),
            )

    report = validate_bundle(fresh_bundle(translate_all))
    figures = [p.message for p in report.warnings if p.table == "statistics"]
    assert figures == ["az: 5 of 8 figure texts untranslated (the en text is shown)"]


def test_untranslated_detail_is_capped_and_counted(fresh_bundle: BundleFactory) -> None:
    """Over its limit per table and language, the detail stops; the rest is counted."""
    many = ", ".join(f"({100 + i}, {100 + i}, 'e{i}', 'Event {i}')" for i in range(30))
    path = fresh_bundle(f"INSERT INTO events (id, position, key, title) VALUES {many}")
    report = Report(str(path), detail_limit=5)
    with closing(open_bundle(path)) as conn:
        Validator(conn, report).run()
    assert len(report.untranslated_in("az", "events")) == 5
    events = next(p for p in report.warnings if p.table == "events" and p.locale)
    assert events.message.startswith("az: 42 of 42 event texts")
    assert report.unlisted[("az", "events")] == 37


def test_required_text_is_missing(fresh_bundle: BundleFactory) -> None:
    """An empty title is an error on that row and field."""
    report = validate_bundle(fresh_bundle("UPDATE sections SET title = '' WHERE key = 'start'"))
    assert ("sections", "start", "title") in where(report)


@pytest.mark.parametrize(
    ("sql", "field"),
    [
        ("UPDATE events SET start_date = '2001-02-30' WHERE key = 'night'", "start_date"),
        ("UPDATE events SET start_precision = 'year' WHERE key = 'night'", "start_date"),
        ("UPDATE events SET start_precision = NULL WHERE key = 'night'", "start_precision"),
        ("UPDATE events SET start_date = NULL WHERE key = 'night'", "start_precision"),
        ("UPDATE events SET end_date = '2000-01-01' WHERE key = 'night'", "end_date"),
    ],
)
def test_dates_must_be_well_formed(fresh_bundle: BundleFactory, sql: str, field: str) -> None:
    """Bad dates, precisions that do not fit, and an end before the start are errors."""
    report = validate_bundle(fresh_bundle(sql))
    assert ("events", "night", field) in where(report), messages(report)


def test_dates_out_of_order_warn(fresh_bundle: BundleFactory) -> None:
    """A dated event placed before an earlier one is a warning, not an error."""
    report = validate_bundle(fresh_bundle("UPDATE events SET position = 0 WHERE key = 'later'"))
    assert report.ok
    assert any(p.row == "night" and "chronological" in p.message for p in report.warnings)


def test_part_larger_than_its_whole(fresh_bundle: BundleFactory) -> None:
    """A part over its whole is an error on the part (and the parts' sum on the whole)."""
    report = validate_bundle(fresh_bundle("UPDATE statistics SET value = 150 WHERE key = 'some'"))
    assert {("statistics", "some", "value"), ("statistics", "all", "value")} <= where(report)


def test_parts_adding_up_to_more_than_the_whole(fresh_bundle: BundleFactory) -> None:
    """Parts each below the whole but summing above it are an error on the whole."""
    report = validate_bundle(fresh_bundle("UPDATE statistics SET value = 99 WHERE key = 'some'"))
    assert where(report) == {("statistics", "all", "value")}


def test_parent_cycle(fresh_bundle: BundleFactory) -> None:
    """Figures whose parents go round are reported once, without hanging."""
    report = validate_bundle(
        fresh_bundle(
            "UPDATE statistics SET parent_id = (SELECT id FROM statistics WHERE key = 'some') "
            "WHERE key = 'all'"
        )
    )
    assert any("go round" in p.message for p in report.errors)


_HARD = "(SELECT id FROM sections WHERE key = 'hard')"


def _attract_warnings(report: Report) -> set[tuple[str, str, str]]:
    return {w for w in where(report, "warning") if w[2] == "attract"}


_START = "(SELECT id FROM sections WHERE key = 'start')"


def test_attract_figure_tied_to_a_sensitive_section_is_a_warning(
    fresh_bundle: BundleFactory,
) -> None:
    """A figure marked for the attract loop but tied to a sensitive section is never shown
    there: validate says so, naming the figure, the field and the section."""
    report = validate_bundle(
        fresh_bundle(f"UPDATE statistics SET attract = 1, section_id = {_HARD} WHERE key = 'all'")
    )
    assert report.ok
    assert _attract_warnings(report) == {("statistics", "all", "attract")}
    assert "A hard part" in messages(report) and "never shows it" in messages(report)


def test_a_part_of_a_sensitive_whole_is_tied_too(fresh_bundle: BundleFactory) -> None:
    """A part inherits its whole's section: marked for the loop, it is warned about too."""
    report = validate_bundle(
        fresh_bundle(
            f"UPDATE statistics SET section_id = {_HARD} WHERE key = 'all'",
            "UPDATE statistics SET attract = 1 WHERE key = 'some'",
        )
    )
    assert _attract_warnings(report) == {("statistics", "some", "attract")}


def test_attract_figures_of_plain_sections_pass(fresh_bundle: BundleFactory) -> None:
    """A figure marked for the loop whose section is not sensitive (or that has none) is fine;
    so is a figure tied to a sensitive section but not marked."""
    report = validate_bundle(
        fresh_bundle(
            f"UPDATE statistics SET attract = 1, section_id = {_START} WHERE key = 'all'",
            "UPDATE statistics SET attract = 1 WHERE key = 'others'",
            f"UPDATE statistics SET section_id = {_HARD} WHERE key = 'some'",
        )
    )
    assert report.ok and not _attract_warnings(report), messages(report)


def test_a_tone_outside_loss_and_context_is_an_error(fresh_bundle: BundleFactory) -> None:
    """tone is loss or context: anything else is refused by the schema's CHECK or reported."""
    report = validate_bundle(
        fresh_bundle("UPDATE statistics SET tone = 'triumph' WHERE key = 'all'", loose=True)
    )
    assert ("statistics", "all", "tone") in where(report)


def test_a_value_outside_its_columns_list_is_an_error(fresh_bundle: BundleFactory) -> None:
    """Every column whose description lists its values (a figure's tone, a remembrance item's
    kind, a person's fate) is checked against that list, with the list in the message; a date's
    precision is checked with its date, once."""
    report = validate_bundle(
        fresh_bundle(
            "UPDATE remembrance SET kind = 'parade'",
            "UPDATE people SET fate_kind = 'vanished'",
            "UPDATE events SET start_precision = 'era' WHERE key = 'night'",
            loose=True,
        )
    )
    found = {(p.table, p.field): p.message for p in report.errors}
    assert found[("remembrance", "kind")].startswith("'parade': use ")
    assert "decree" in found[("remembrance", "kind")]
    assert found[("people", "fate_kind")].startswith("'vanished': use ")
    assert [p.field for p in report.errors if p.table == "events"].count("start_precision") <= 1


@pytest.mark.parametrize(
    ("table", "column", "row"),
    [
        ("sections", "image_id", "start"),
        ("sections", "source_id", "start"),
        ("events", "section_id", "night"),
        ("statistics", "parent_id", "some"),
        ("people", "photo_id", "p1"),
    ],
)
def test_references_must_exist(
    fresh_bundle: BundleFactory, table: str, column: str, row: str
) -> None:
    """A reference to a missing row is an error naming the reference."""
    report = validate_bundle(fresh_bundle(f"UPDATE {table} SET {column} = 999 WHERE key = '{row}'"))
    assert (table, row, column) in where(report)


def test_corrupt_image(fresh_bundle: BundleFactory) -> None:
    """A truncated image blob is an error on media.data."""
    report = validate_bundle(fresh_bundle("UPDATE media SET data = substr(data, 1, 40)"))
    assert ("media", "square", "data") in where(report)


def test_image_size_and_type_must_match_the_data(fresh_bundle: BundleFactory) -> None:
    """Stored width, height and mime must be the image's own."""
    report = validate_bundle(
        fresh_bundle("UPDATE media SET width = 10, height = 10, mime = 'image/gif'")
    )
    assert {("media", "square", f) for f in ("width", "height", "mime")} <= where(report)


def test_image_over_the_pixel_limit(fresh_bundle: BundleFactory) -> None:
    """An image wider than the limit is refused."""
    big = png_bytes(8001, 1)
    report = validate_bundle(
        fresh_bundle(
            lambda c: c.execute("UPDATE media SET data = ?, width = 8001, height = 1", (big,))
        )
    )
    assert any("limit" in p.message for p in report.errors)


def test_translation_pointing_nowhere(fresh_bundle: BundleFactory) -> None:
    """Translations of rows or fields that do not exist are errors."""
    report = validate_bundle(
        fresh_bundle(
            "INSERT INTO translations VALUES ('sections', 'ghost', 'title', 'az', 'X')",
            "INSERT INTO translations VALUES ('sections', 'start', 'colour', 'az', 'X')",
            "INSERT INTO translations VALUES ('nowhere', 'start', 'title', 'az', 'X')",
        )
    )
    fields = {f for t, _r, f in where(report) if t == "translations"}
    assert fields == {"key", "field", "tbl"}


def test_translation_in_unlisted_locale_warns(fresh_bundle: BundleFactory) -> None:
    """A translation in a language the exhibit does not list is never shown: a warning."""
    report = validate_bundle(
        fresh_bundle("INSERT INTO translations VALUES ('sections', 'start', 'title', 'ru', 'X')")
    )
    assert report.ok
    assert any(p.field == "locale" for p in report.warnings)


def test_locales_must_include_the_default(fresh_bundle: BundleFactory) -> None:
    """The default locale missing from the list is an error."""
    report = validate_bundle(fresh_bundle("""UPDATE exhibit SET locales = '["az"]'"""))
    assert ("exhibit", "exhibit", "locales") in where(report)


def test_locales_must_be_a_list(fresh_bundle: BundleFactory) -> None:
    """Locales that are not a JSON list of codes are an error."""
    report = validate_bundle(fresh_bundle("UPDATE exhibit SET locales = 'en, az'"))
    assert ("exhibit", "exhibit", "locales") in where(report)


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_that_could_load_a_resource(fresh_bundle: BundleFactory, text: str) -> None:
    """Tags, URLs and CSS that could fetch something are errors, in any text field."""
    report = validate_bundle(
        fresh_bundle(
            lambda c: c.execute("UPDATE events SET body = ? WHERE key = 'night'", (text,)),
            lambda c: c.execute("UPDATE translations SET text = ? WHERE key = 'start'", (text,)),
        )
    )
    assert ("events", "night", "body") in where(report)
    assert ("translations", "az/sections/start/title", "text") in where(report)


def test_plain_words_near_markup_are_fine(fresh_bundle: BundleFactory) -> None:
    """Ordinary prose with a colon or angle bracket is not mistaken for markup."""
    text = "The data: 613 killed. A file: the decree. 3 < 4 and a > b."
    report = validate_bundle(
        fresh_bundle(lambda c: c.execute("UPDATE events SET body = ?", (text,)))
    )
    assert report.ok, messages(report)


def test_title_too_long(fresh_bundle: BundleFactory) -> None:
    """Over 120 characters a title is an error; over 80 a warning."""
    report = validate_bundle(
        fresh_bundle(
            f"UPDATE sections SET title = '{'x' * 121}' WHERE key = 'start'",
            f"UPDATE sections SET title = '{'y' * 90}' WHERE key = 'hard'",
        )
    )
    assert ("sections", "start", "title") in where(report)
    assert ("sections", "hard", "title") in where(report, "warning")


def test_long_paragraph_and_body_warn(fresh_bundle: BundleFactory) -> None:
    """A wall of text gets warnings for the body and the paragraph."""
    body = ("word " * 140).strip()
    report = validate_bundle(
        fresh_bundle(lambda c: c.execute("UPDATE sections SET body = ?", (body,)))
    )
    assert any("paragraph 1" in p.message for p in report.warnings)


def test_a_word_longer_than_a_line_warns_naming_section_and_field(
    fresh_bundle: BundleFactory,
) -> None:
    """A word no line holds (a missing space, a pasted run of letters) is a warning that names
    the section and the field; a word of a line's length is not."""
    long_word = "Synthetic" + "x" * 98_991  # 99,000 characters, no space (a text may hold 100,000)
    fitting = "y" * 60
    report = validate_bundle(
        fresh_bundle(
            lambda c: c.execute(
                "UPDATE sections SET body = ? WHERE key = 'start'", (f"A {long_word} b.",)
            ),
            lambda c: c.execute(
                "UPDATE sections SET body = ? WHERE key = 'hard'", (f"A {fitting} b.",)
            ),
        )
    )
    words = [p for p in report.warnings if "with no space" in p.message]
    assert [(p.table, p.row, p.field) for p in words] == [("sections", "start", "body")]
    assert "99,000 characters" in words[0].message
    assert "'Synthetic" in words[0].message


def test_sensitive_section_needs_an_advisory(fresh_bundle: BundleFactory) -> None:
    """A section marked sensitive without an advisory is an error."""
    report = validate_bundle(fresh_bundle("UPDATE sections SET advisory = '' WHERE key = 'hard'"))
    assert ("sections", "hard", "advisory") in where(report)


def test_duplicate_keys_in_a_foreign_table(fresh_bundle: BundleFactory) -> None:
    """Without the UNIQUE constraint, a repeated key is still found."""
    report = validate_bundle(
        fresh_bundle("UPDATE statistics SET key = 'all' WHERE key = 'others'", loose=True)
    )
    assert ("statistics", "all", "key") in where(report)


def test_wrong_types_are_errors(fresh_bundle: BundleFactory) -> None:
    """Text in a number column (SQLite allows it) is named, not crashed on."""
    report = validate_bundle(
        fresh_bundle(
            "UPDATE statistics SET value = 'many' WHERE key = 'all'",
            "UPDATE sections SET position = 'first' WHERE key = 'start'",
            "UPDATE sections SET title = x'00ff' WHERE key = 'hard'",
            loose=True,
        )
    )
    assert {
        ("statistics", "all", "value"),
        ("sections", "start", "position"),
        ("sections", "hard", "title"),
    } <= where(report)


def test_invalid_utf8_text(fresh_bundle: BundleFactory) -> None:
    """Bytes that are not UTF-8, stored as TEXT, are reported."""
    report = validate_bundle(
        fresh_bundle("UPDATE sections SET title = CAST(x'41ff42' AS TEXT) WHERE key = 'start'")
    )
    assert ("sections", "start", "title") in where(report)


def test_nulls_everywhere(fresh_bundle: BundleFactory) -> None:
    """Every column NULL in every row: many errors, no exception."""

    def null_all(conn: sqlite3.Connection) -> None:
        for table in CONTENT_TABLES:  # the name index keeps its shape
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = NULL' for c in cols)}")

    report = validate_bundle(fresh_bundle(null_all, loose=True))
    assert report.readable and report.errors
    assert ("sections", "row 1", "title") in where(report)


def test_newer_schema_is_unreadable(fresh_bundle: BundleFactory) -> None:
    """A bundle from a newer program is refused as unreadable, with the reason."""
    report = validate_bundle(fresh_bundle("PRAGMA user_version = 99"))
    assert not report.readable
    assert "newer" in report.problems[0].message


def test_dropped_table_is_unreadable(fresh_bundle: BundleFactory) -> None:
    """A bundle missing a table is not a bundle the kiosk can read."""
    report = validate_bundle(fresh_bundle("DROP TABLE events"))
    assert not report.readable
    assert "events" in report.problems[0].message


def test_damaged_pages_fail_quick_check(fresh_bundle: BundleFactory) -> None:
    """Garbage written over a page of the file is found by quick_check."""
    path = fresh_bundle()
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 3 * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    assert quick_check(path)
    report = validate_bundle(path)
    assert not report.ok


def test_quick_check_on_a_sound_bundle(fresh_bundle: BundleFactory) -> None:
    """A sound bundle gives no complaint."""
    assert quick_check(fresh_bundle()) == []


def test_report_json_keys(fresh_bundle: BundleFactory) -> None:
    """The JSON report has the documented keys, and each problem names where it is."""
    data = json.loads(validate_bundle(fresh_bundle()).to_json())
    assert set(data) == {
        "bundle",
        "readable",
        "ok",
        "errors",
        "warnings",
        "problems",
        "languages",
        "untranslated",
    }
    assert set(data["problems"][0]) == {"severity", "table", "row", "field", "message"}
    assert data["languages"] == [
        {"locale": "en", "default": True, "review": "source", "translated": 40, "total": 40},
        {"locale": "az", "default": False, "review": "", "translated": 2, "total": 40},
    ]
    assert {"locale": "az", "table": "sections", "row": "hard", "field": "title"} in data[
        "untranslated"
    ]
    assert len(data["untranslated"]) == 38


def test_missing_file_is_a_report_not_an_exception(tmp_path: Path) -> None:
    """validate_bundle on a path that does not exist reports it as unreadable."""
    report = validate_bundle(tmp_path / "nothing.sqlite")
    assert not report.readable and "no such file" in report.problems[0].message


VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from([*HOSTILE, "", "1992-02-30", "year", "time", "[1]", '["en"]', "0"]),
    st.binary(max_size=40),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutations=st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 20), VALUES), min_size=1, max_size=6
    ),
    loose=st.booleans(),
)
def test_random_mutations_never_raise(
    fresh_bundle: BundleFactory, mutations: list[tuple[int, int, object]], loose: bool
) -> None:
    """Random values of random types in random columns: always a Report, never an exception."""

    mutate = mangler(mutations)
    report = validate_bundle(fresh_bundle(mutate, loose=loose))
    assert isinstance(report, Report)
    json.loads(report.to_json())


def test_section_body_over_the_hard_limit(fresh_bundle: BundleFactory) -> None:
    """A section body over 4000 characters is more than a screen can hold: an error."""
    body = "\n\n".join(["A short paragraph of plain words."] * 130)
    report = validate_bundle(
        fresh_bundle(
            lambda c: c.execute("UPDATE sections SET body = ? WHERE key = 'start'", (body,))
        )
    )
    assert ("sections", "start", "body") in where(report)


def test_lost_constraints_are_errors_not_refusals(fresh_bundle: BundleFactory) -> None:
    """A bundle whose tables lost their keys and constraints (rewritten by another tool) is
    readable, and each difference from the schema is an error saying to rebuild."""
    report = validate_bundle(fresh_bundle(loose=True))
    assert report.readable and not report.ok
    messages = [p.message for p in report.errors]
    assert any("constraints" in m and "kiosk-content build" in m for m in messages)
    assert any("people_family" in m for m in messages)


def test_every_difference_from_the_schema_is_listed(fresh_bundle: BundleFactory) -> None:
    """An extra column, a view and a trigger: refused, with each of them named."""
    report = validate_bundle(
        fresh_bundle(
            "ALTER TABLE people ADD COLUMN nickname TEXT",
            "CREATE VIEW everyone AS SELECT * FROM people",
            "CREATE TRIGGER touch AFTER INSERT ON people BEGIN SELECT 1; END",
        )
    )
    assert not report.readable
    message = report.problems[0].message
    assert "nickname" in message and "everyone" in message and "touch" in message


def test_text_over_the_hard_limit_is_not_read_whole(fresh_bundle: BundleFactory) -> None:
    """A text over MAX_TEXT_CHARS is one error naming the limit (its display limit is not
    reported again with a wrong count)."""
    report = validate_bundle(
        fresh_bundle(lambda c: c.execute("UPDATE events SET body = ?", ("x" * 200_001,)))
    )
    bodies = [p for p in report.errors if p.field == "body"]
    assert bodies and all("100,000" in p.message for p in bodies)


def test_json_counts_everything_and_lists_a_few(fresh_bundle: BundleFactory) -> None:
    """Over the cap, `errors` counts every problem; `problems` lists ten and one count line."""

    def many(conn: sqlite3.Connection) -> None:
        conn.executemany(
            "INSERT INTO people (key, name, age) VALUES (?, ?, 200)",
            ((f"old{i}", f"Old {i}") for i in range(500)),
        )

    data = json.loads(validate_bundle(fresh_bundle(many)).to_json())
    ages = [p for p in data["problems"] if p["field"] == "age"]
    # 500 ages, and the name index no longer holds the people added behind its back.
    assert data["errors"] == 501 and len(ages) == 11
    assert ages[-1]["message"].startswith("... and 490 more of the same")
