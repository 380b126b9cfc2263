"""Building a bundle from its editable source, and exporting it back, losslessly."""

from __future__ import annotations

import os
import sqlite3
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import formats as fmt
from kiosk.content.reader import Bundle
from kiosk.content.records import Precision
from kiosk.content.source import BuildError, ExportError, build, export

from .factory import write_csv


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (the migration record aside), sorted, plus the schema version."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] not in ("_sqlite_migrations", "people_search", "people_search_plain")  # FTS5
        ]
        out = {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
        out["user_version"] = [conn.execute("PRAGMA user_version").fetchone()]
        return out
    finally:
        conn.close()


def build_error(source: Path, tmp_path: Path) -> str:
    with pytest.raises(BuildError) as info:
        build(source, tmp_path / "out.sqlite")
    return "\n".join(str(p) for p in info.value.problems)


def test_build_reads_every_table(synthetic_source: Path, tmp_path: Path) -> None:
    """The built bundle holds what the source says, in the kiosk's reader."""
    result = build(synthetic_source, tmp_path / "b.sqlite")
    with Bundle(result.bundle, "az") as bundle:
        assert bundle.exhibit().title == "Test sərgisi"
        assert [s.key for s in bundle.sections()] == ["start", "hard"]
        assert bundle.sections()[1].sensitive
        events = bundle.events()
        assert events[2].start is not None and events[2].start.precision is Precision.TIME
        assert events[3].start is None and events[3].date_label == "Every year"
        stats = {s.key: s for s in bundle.statistics()}
        assert stats["some"].parent_id == stats["all"].id
        assert stats["others"].value == 2.5
        media = bundle.media(bundle.sections()[0].image_id or -1)
        assert media is not None and (media.width, media.height) == (4, 3)


def test_build_export_build_is_lossless(synthetic_source: Path, tmp_path: Path) -> None:
    """Export of a built bundle rebuilds to the same tables and re-exports byte for byte."""
    first = build(synthetic_source, tmp_path / "one.sqlite").bundle
    export(first, tmp_path / "exported")
    second = build(tmp_path / "exported", tmp_path / "two.sqlite").bundle
    export(second, tmp_path / "again")
    assert tables(first) == tables(second)
    assert tree(tmp_path / "exported") == tree(tmp_path / "again")


def test_canonical_source_exports_to_itself(synthetic_source: Path, tmp_path: Path) -> None:
    """A source already in canonical form comes back byte-identical."""
    export(build(synthetic_source, tmp_path / "b.sqlite").bundle, tmp_path / "canon")
    export(build(tmp_path / "canon", tmp_path / "c.sqlite").bundle, tmp_path / "back")
    assert tree(tmp_path / "canon") == tree(tmp_path / "back")


def test_builds_are_reproducible(synthetic_source: Path, tmp_path: Path) -> None:
    """The same source builds to the same bytes (no clock time in the bundle)."""
    one = build(synthetic_source, tmp_path / "one.sqlite").bundle.read_bytes()
    two = build(synthetic_source, tmp_path / "two.sqlite").bundle.read_bytes()
    assert one == two


def test_failed_build_keeps_the_old_bundle(synthetic_source: Path, tmp_path: Path) -> None:
    """A source with problems writes nothing: the existing bundle and folder stay as they were."""
    target = tmp_path / "out" / "b.sqlite"
    build(synthetic_source, target)
    before = target.read_bytes()
    write_csv(synthetic_source, "statistics.csv", [["x", "lots", "", "X", "", "", ""]])
    with pytest.raises(BuildError):
        build(synthetic_source, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.sqlite"]


def test_bad_date_names_file_and_line(synthetic_source: Path, tmp_path: Path) -> None:
    """A malformed date is reported with its file, line and column."""
    text = (synthetic_source / "timeline.csv").read_text(encoding="utf-8")
    (synthetic_source / "timeline.csv").write_text(text.replace("2001-05-01", "2001-13-01", 1))
    message = build_error(synthetic_source, tmp_path)
    assert "timeline.csv, line 3: start_date:" in message
    assert "month 13" in message


def test_date_shape_must_match_precision(synthetic_source: Path, tmp_path: Path) -> None:
    """'1992-02' written with precision 'day' is refused."""
    write_csv(
        synthetic_source,
        "timeline.csv",
        [["a", "1992-02", "day", "", "", "", "A", "", "", "", "", "", ""]],
    )
    assert "not a day date" in build_error(synthetic_source, tmp_path)


def test_missing_precision_is_taken_from_the_date(synthetic_source: Path, tmp_path: Path) -> None:
    """An empty precision column is filled from the date's shape."""
    write_csv(
        synthetic_source,
        "timeline.csv",
        [["a", "1992-02", "", "", "", "", "A", "", "", "", "", "", ""]],
    )
    bundle = build(synthetic_source, tmp_path / "b.sqlite").bundle
    with Bundle(bundle) as b:
        start = b.events()[0].start
        assert start is not None and start.precision is Precision.MONTH


def test_unknown_reference_is_named(synthetic_source: Path, tmp_path: Path) -> None:
    """A parent key that no figure has is reported on its line."""
    write_csv(
        synthetic_source,
        "statistics.csv",
        [["a", "1", "", "A", "", "", ""], ["b", "1", "", "B", "", "", "nobody"]],
    )
    assert "statistics.csv, line 3: parent: there is no figure with the key 'nobody'" in (
        build_error(synthetic_source, tmp_path)
    )


def test_duplicate_key_names_both_lines(synthetic_source: Path, tmp_path: Path) -> None:
    """A key used twice is reported where it repeats, pointing at the first use."""
    write_csv(
        synthetic_source,
        "statistics.csv",
        [["a", "1", "", "A", "", "", ""], ["a", "2", "", "B", "", "", ""]],
    )
    assert "line 3: key 'a' is used twice (first in statistics.csv, line 2)" in build_error(
        synthetic_source, tmp_path
    )


def test_number_with_thousands_comma_is_refused(synthetic_source: Path, tmp_path: Path) -> None:
    """'1,275' is not a figure the build guesses at."""
    write_csv(synthetic_source, "statistics.csv", [["a", "1,275", "", "A", "", "", ""]])
    assert "is not a number" in build_error(synthetic_source, tmp_path)


def test_figure_tone_attract_and_section(synthetic_source: Path, tmp_path: Path) -> None:
    """tone, attract (true/false), section and remainder_label are read; empty cells take the
    defaults (loss, not on the attract loop, no section); export writes them back the same."""
    write_csv(
        synthetic_source,
        "statistics.csv",
        [
            ["all", "100", "", "All", "", "notes", "", "context", "true", "start", "The rest"],
            ["some", "40", "", "Some", "", "notes", "all", "", "false", "hard", ""],
            ["bare", "2", "", "Bare", "", "notes", "", "", "", "", ""],
        ],
    )
    result = build(synthetic_source, tmp_path / "b.sqlite")
    with Bundle(result.bundle) as bundle:
        stats = {s.key: s for s in bundle.statistics()}
        start, hard = (s.id for s in bundle.sections())
    assert (stats["all"].tone, stats["all"].attract, stats["all"].section_id) == (
        "context",
        True,
        start,
    )
    assert stats["all"].remainder_label == "The rest"
    assert (stats["some"].tone, stats["some"].attract, stats["some"].section_id) == (
        "loss",
        False,
        hard,
    )
    assert (stats["bare"].tone, stats["bare"].attract, stats["bare"].section_id) == (
        "loss",
        False,
        None,
    )
    export(result.bundle, tmp_path / "out")
    text = (tmp_path / "out" / "statistics.csv").read_text(encoding="utf-8")
    assert "all,100,,All,,notes,,context,true,start,The rest" in text
    assert "bare,2,,Bare,,notes,,loss,false,," in text


@pytest.mark.parametrize(("cell", "message"), [("yes", "attract: write true or false")])
def test_attract_takes_true_or_false(
    synthetic_source: Path, tmp_path: Path, cell: str, message: str
) -> None:
    """attract is true or false, nothing a build would have to guess at."""
    write_csv(
        synthetic_source,
        "statistics.csv",
        [["a", "1", "", "A", "", "notes", "", "loss", cell, "", ""]],
    )
    assert message in build_error(synthetic_source, tmp_path)


def test_a_tone_is_loss_or_context(synthetic_source: Path, tmp_path: Path) -> None:
    """Another tone is refused, naming the two there are."""
    write_csv(synthetic_source, "statistics.csv", [["a", "1", "", "A", "", "notes", "", "proud"]])
    assert "use one of loss, context" in build_error(synthetic_source, tmp_path)


def test_unknown_column_is_refused(synthetic_source: Path, tmp_path: Path) -> None:
    """A misspelt header column is named with the right ones."""
    (synthetic_source / "remembrance.csv").write_text("key,titel\nx,y\n", encoding="utf-8")
    assert "remembrance.csv, line 1: unknown column(s) 'titel'" in build_error(
        synthetic_source, tmp_path
    )


def test_row_with_too_many_cells(synthetic_source: Path, tmp_path: Path) -> None:
    """An unquoted comma in a text gives a row longer than its header: named, with the fix."""
    (synthetic_source / "remembrance.csv").write_text("key,title\nx,One, two\n", encoding="utf-8")
    assert "double quotes" in build_error(synthetic_source, tmp_path)


def test_section_without_front_matter(synthetic_source: Path, tmp_path: Path) -> None:
    """A section file must open with its settings between +++ lines."""
    (synthetic_source / "sections" / "03-plain.md").write_text("Just text.\n", encoding="utf-8")
    assert "sections/03-plain.md, line 1: must start with a line '+++'" in build_error(
        synthetic_source, tmp_path
    )


def test_front_matter_toml_error_has_file_line(synthetic_source: Path, tmp_path: Path) -> None:
    """A TOML mistake in front matter points at the line in the file, not in the block."""
    (synthetic_source / "sections" / "03-bad.md").write_text(
        '+++\nkey = "bad"\ntitle = oops\n+++\n\nText.\n', encoding="utf-8"
    )
    assert "sections/03-bad.md, line 3: is not valid TOML" in build_error(
        synthetic_source, tmp_path
    )


def test_two_sections_with_one_number(synthetic_source: Path, tmp_path: Path) -> None:
    """Section numbers give the order, so two files may not share one."""
    (synthetic_source / "sections" / "01-again.md").write_text(
        '+++\nkey = "again"\ntitle = "Again"\n+++\n\nText.\n', encoding="utf-8"
    )
    assert "same number" in build_error(synthetic_source, tmp_path)


def test_file_not_utf8(synthetic_source: Path, tmp_path: Path) -> None:
    """A CSV saved in a legacy code page is reported, with the line of the first bad byte."""
    (synthetic_source / "remembrance.csv").write_bytes(b"key,title\nx,caf\xe9\n")
    assert "remembrance.csv, line 2: is not UTF-8 text" in build_error(synthetic_source, tmp_path)


def test_excel_bom_and_crlf_are_accepted(synthetic_source: Path, tmp_path: Path) -> None:
    """A CSV saved by Excel (BOM, CRLF line ends) builds."""
    (synthetic_source / "remembrance.csv").write_bytes(
        b"\xef\xbb\xbfkey,kind,title\r\nx,decree,A decree\r\n"
    )
    bundle = build(synthetic_source, tmp_path / "b.sqlite").bundle
    with Bundle(bundle) as b:
        assert [r.title for r in b.remembrance()] == ["A decree"]


def test_control_characters_are_refused(synthetic_source: Path, tmp_path: Path) -> None:
    """Invisible control characters in a text are an error, not content."""
    write_csv(synthetic_source, "remembrance.csv", [["x", "decree", "", "", "", "A\x07", "", ""]])
    assert "control character (U+0007)" in build_error(synthetic_source, tmp_path)


def test_media_file_outside_media_folder(synthetic_source: Path, tmp_path: Path) -> None:
    """A media path may not climb out of media/."""
    write_csv(synthetic_source, "media.csv", [["square", "../exhibit.toml", "", ""]])
    assert "inside the media/ folder" in build_error(synthetic_source, tmp_path)


def test_media_file_that_is_not_an_image(synthetic_source: Path, tmp_path: Path) -> None:
    """A file in media/ that is no image is named."""
    (synthetic_source / "media" / "square.png").write_bytes(b"not an image at all")
    assert "media/square.png: not a PNG, JPEG, GIF or WebP image" in build_error(
        synthetic_source, tmp_path
    )


def test_translation_for_missing_row(synthetic_source: Path, tmp_path: Path) -> None:
    """A translation must point at a row and a field that exist."""
    (synthetic_source / "translations" / "az.csv").write_text(
        "table,key,field,text\nsections,nowhere,title,X\nsections,start,colour,Y\n",
        encoding="utf-8",
    )
    message = build_error(synthetic_source, tmp_path)
    assert "az.csv, line 2: key 'nowhere'" in message
    assert "az.csv, line 3: field 'colour'" in message


def test_missing_folder_and_missing_exhibit_toml(tmp_path: Path) -> None:
    """Building from a folder that is not a source folder says so."""
    assert "does not exist" in build_error(tmp_path / "nothing", tmp_path)
    assert "has no exhibit.toml" in build_error(tmp_path, tmp_path)


def test_export_refuses_a_non_empty_folder(synthetic_source: Path, tmp_path: Path) -> None:
    """Export never mixes its files with an existing folder's."""
    bundle = build(synthetic_source, tmp_path / "b.sqlite").bundle
    with pytest.raises(ExportError, match="not an empty folder"):
        export(bundle, synthetic_source)


def test_export_of_hostile_keys_stays_inside_the_folder(
    fresh_bundle: object, tmp_path: Path
) -> None:
    """Keys like '../../x' become safe file names; nothing is written outside DIR."""
    assert callable(fresh_bundle)
    bundle = fresh_bundle(
        "UPDATE sections SET key = '../../evil' WHERE key = 'start'",
        "UPDATE media SET key = '..\\..\\con' WHERE key = 'square'",
    )
    out = tmp_path / "deep" / "out"
    files = export(bundle, out)
    assert all(out in f.parents for f in files)
    assert not (tmp_path / "evil").exists()


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_toml_strings_round_trip(text: str) -> None:
    """Any text written by the TOML writer reads back the same."""
    assert tomllib.loads(f"v = {fmt.toml_string(text)}")["v"] == text


def test_format_document_names_every_file_and_column() -> None:
    """docs/content-format.md documents every file and column the build reads."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "content-format.md").read_text()
    for name, (_table, columns) in fmt.CSV_FILES.items():
        assert name in doc
        assert ", ".join(columns) in " ".join(doc.split()), name
    for name in (*fmt.EXHIBIT_FIELDS, *fmt.SECTION_FIELDS, *fmt.TRANSLATION_COLUMNS):
        assert name in doc


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"),
    max_size=40,
) | st.sampled_from(['a "quoted", text', "line one\n\nline two", "'''", "x\\ny", "Ə ə İ ı"])


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(TEXT, min_size=6, max_size=6), value=st.floats(-1e9, 1e9))
def test_round_trip_with_any_text(
    fresh_bundle: object, tmp_path: Path, texts: list[str], value: float
) -> None:
    """Any text and number survive export and rebuild; a second round changes nothing."""
    assert callable(fresh_bundle)

    def edit(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE sections SET title = ?, body = ? WHERE key = 'start'", texts[:2])
        conn.execute("UPDATE events SET title = ?, date_label = ? WHERE key = 'night'", texts[2:4])
        conn.execute("UPDATE exhibit SET credits = ?", (texts[4],))
        conn.execute("UPDATE translations SET text = ? WHERE key = 'start'", (texts[5],))
        conn.execute("UPDATE statistics SET value = ? WHERE key = 'others'", (value,))

    run = tmp_path / os.urandom(4).hex()
    export(fresh_bundle(edit), run / "raw")
    first = build(run / "raw", run / "one.sqlite").bundle
    export(first, run / "one")
    second = build(run / "one", run / "two.sqlite").bundle
    export(second, run / "two")
    assert tree(run / "one") == tree(run / "two")
    assert tables(first) == tables(second)
    with Bundle(first) as bundle:
        assert bundle.sections()[0].title == normalized(texts[0])
        assert bundle.statistics()[2].value == value


def normalized(text: str) -> str:
    """What the build keeps of a text: lines without trailing blanks, trimmed."""
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
