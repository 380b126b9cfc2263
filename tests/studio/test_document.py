"""The studio's document: the source folder read and written with the content layer's own
writers, byte for byte; saves that write only what changed; the recovery journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from content.factory import write_synthetic_source

from kiosk import paths
from kiosk.content.source import BuildError, build, export, read_source
from kiosk.studio.checks import check_in_temp
from kiosk.studio.document import NUMBER, SECTIONS
from kiosk.studio.fields import fields, outline_tables
from kiosk.studio.folder import changes, load, save
from kiosk.studio.journal import Journal

# The shipped exhibit's only findings: its az and ru translations are drafts awaiting review.
DRAFTS = [
    "az: translations are a draft awaiting review",
    "ru: translations are a draft awaiting review",
]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_default_exhibit_renders_to_itself() -> None:
    """db/source read and rendered again is db/source, byte for byte."""
    loaded = load(paths.default_source())
    assert loaded.problems == [] and loaded.skipped == []
    assert loaded.document.render().files == tree(paths.default_source())


def test_rendering_is_the_exports_canonical_form(tmp_path: Path) -> None:
    """Images, translations, sensitive sections, references: rendering == export, exactly."""
    bundle = build(write_synthetic_source(tmp_path / "synthetic"), tmp_path / "b.sqlite").bundle
    export(bundle, tmp_path / "exported")
    assert load(tmp_path / "exported").document.render().files == tree(tmp_path / "exported")


def test_saving_unchanged_writes_nothing(source: Path) -> None:
    """A save of an unchanged document changes no byte and touches no file."""
    before = {p: p.stat().st_mtime_ns for p in source.rglob("*")}
    doc = load(source).document
    assert save(source, doc.clone(), doc) == []
    assert {p: p.stat().st_mtime_ns for p in source.rglob("*")} == before


def test_save_writes_the_changed_file_only(source: Path) -> None:
    """One edited event rewrites timeline.csv alone; a renumbered section replaces its file."""
    original = tree(source)
    baseline = load(source).document
    doc = baseline.clone()
    doc.table("events")[0]["title"] = "The conflict begins"
    doc.table(SECTIONS)[1][NUMBER] = 15
    written = save(source, baseline, doc)
    assert written == ["sections/02-the-town.md", "sections/15-the-town.md", "timeline.csv"]
    after = tree(source)
    assert set(after) == (set(original) - {"sections/02-the-town.md"}) | {"sections/15-the-town.md"}
    assert after["sections/15-the-town.md"] == original["sections/02-the-town.md"]
    assert after["timeline.csv"] == original["timeline.csv"].replace(
        b"The conflict in Nagorny Karabakh begins", b"The conflict begins"
    )
    assert [f.message for f in check_in_temp(doc).findings] == DRAFTS


def test_untouched_files_keep_their_own_form(source: Path) -> None:
    """A comment added to exhibit.toml survives a save that did not touch the exhibit."""
    exhibit = source / "exhibit.toml"
    exhibit.write_text(exhibit.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    baseline = load(source).document
    doc = baseline.clone()
    doc.table("statistics")[0]["value"] = "7001"
    assert save(source, baseline, doc) == ["statistics.csv"]
    assert exhibit.read_text(encoding="utf-8").endswith("# my note\n")


def test_journal_recovers_unsaved_changes(source: Path, tmp_path: Path) -> None:
    """The journal holds the changes; recovery applies them to a copy, not to the folder."""
    baseline = load(source).document
    doc = baseline.clone()
    doc.exhibit["subtitle"] = "26 February 1992, Khojaly"
    journal = Journal(source, tmp_path / "data")
    journal.write(baseline, doc)
    entry = journal.read()
    assert entry is not None and list(entry.write) == ["exhibit.toml"]
    recovered = journal.recover(entry).document
    assert recovered.exhibit["subtitle"] == "26 February 1992, Khojaly"
    assert load(source).document.exhibit["subtitle"] == "26 February 1992"
    assert changes(baseline, recovered)[0].keys() == {"exhibit.toml"}
    journal.discard()
    assert journal.read() is None


def test_forms_come_from_the_table_descriptions() -> None:
    """Every table has its form, each column the editor its description calls for."""
    kinds = {
        (f.table, f.name): f.kind
        for t in ("sections", "events", "statistics", "remembrance", "people", "media")
        for f in fields(t)
    }
    assert kinds[("sections", "sensitive")] == "boolean"
    assert kinds[("sections", "body")] == "longtext"
    assert kinds[("sections", "source")] == "reference"
    assert kinds[("events", "start_date")] == "date"
    assert ("events", "start_precision") not in kinds  # part of the date's editor
    assert kinds[("events", "section")] == "reference"
    assert kinds[("statistics", "parent")] == "reference"
    assert kinds[("statistics", "value")] == "number"
    assert kinds[("remembrance", "kind")] == "choice"
    assert kinds[("people", "age")] == "integer"
    assert kinds[("media", "file")] == "file"
    assert outline_tables(("sources", "media", "sections", "events", "places-new"))[:3] == [
        "exhibit",
        "sections",
        "events",
    ]
    assert outline_tables(("sources", "places-new"))[-1] == "places-new"


def test_a_broken_section_file_is_named_as_the_build_names_it(source: Path) -> None:
    """The studio reads section files with the build's own reader: a section without its
    closing '+++' and a misnamed one are left out, with the build's own message."""
    sections = source / "sections"
    (sections / "90-unclosed.md").write_text('+++\nkey = "unclosed"\n\nText\n', encoding="utf-8")
    (sections / "notes.md").write_text("+++\n+++\nText\n", encoding="utf-8")
    loaded = load(source)
    assert loaded.skipped == ["sections/notes.md", "sections/90-unclosed.md"]
    assert [str(p) for p in loaded.problems] == [
        "sections/90-unclosed.md: the settings have no closing '+++' line"
    ]
    with pytest.raises(BuildError) as built:
        read_source(source)
    assert str(loaded.problems[0]) in [str(p) for p in built.value.problems]


def test_an_image_in_a_subfolder_of_media_opens_as_the_build_reads_it(tmp_path: Path) -> None:
    """media.csv may name media/photos/x.png (the build takes it): the studio loads it too,
    and writes it back where it was."""
    folder = write_synthetic_source(tmp_path / "synthetic")
    (folder / "media" / "photos").mkdir()
    (folder / "media" / "square.png").rename(folder / "media" / "photos" / "square.png")
    csv = folder / "media.csv"
    csv.write_bytes(csv.read_bytes().replace(b",square.png,", b",photos/square.png,"))
    build(folder, tmp_path / "b.sqlite")  # the build takes it
    loaded = load(folder)
    assert loaded.problems == []
    assert list(loaded.document.media_files) == ["photos/square.png"]
    files = loaded.document.render().files
    assert files["media/photos/square.png"] == tree(folder)["media/photos/square.png"]
    assert b",photos/square.png," in files["media.csv"]
