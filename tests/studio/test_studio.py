"""The studio, driven as a curator would: open, edit, see the kiosk change, make a mistake and
go to it, undo, save, publish to a running kiosk; broken folders and bundles open without a
traceback."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTextEdit

from kiosk import paths
from kiosk.content.source import build, export
from kiosk.content.tables import REVIEW_STATUSES
from kiosk.ops.bundles import BundleStore
from kiosk.ops.pin import PinGate
from kiosk.ops.stats import StatsStore
from kiosk.ops.watcher import BundleWatcher
from kiosk.studio.forms import MediaEditor
from kiosk.studio.people import PeopleImport
from kiosk.studio.window import StudioWindow
from kiosk.ui.runtime.operations import Operations
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.tools.settle import settle

from .conftest import StudioFactory, first_error, wait_checked

# The shipped exhibit's only findings: its az and ru translations are drafts awaiting review.
DRAFTS = [
    "az: translations are a draft awaiting review",
    "ru: translations are a draft awaiting review",
]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def line_edit(window: StudioWindow, table: str, name: str) -> QLineEdit:
    found = window.findChild(QLineEdit, f"field_{table}_{name}")
    if found is None:  # a date: the line edit inside its box
        box = window.findChild(object, f"field_{table}_{name}")
        found = box.findChild(QLineEdit) if box is not None else None
    assert isinstance(found, QLineEdit), f"no editor field_{table}_{name}"
    return found


def retype(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Select all and type ``text``, as a curator would."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def open_default(qtbot: Any, make_studio: StudioFactory, source: Path) -> tuple[StudioWindow, Any]:
    window, asker = make_studio()
    assert window.open_path(source)
    wait_checked(qtbot, window)
    qtbot.waitUntil(lambda: window.preview.shell.window is not None, timeout=10_000)
    return window, asker


def test_open_the_default_exhibit(qtbot: Any, make_studio: StudioFactory, source: Path) -> None:
    """Every table in the outline, no problems, and the kiosk showing the exhibit."""
    window, asker = open_default(qtbot, make_studio, source)
    labels = [
        window.outline.topLevelItem(i).text(0) for i in range(window.outline.topLevelItemCount())
    ]
    assert labels[:3] == ["Exhibit and languages", "History sections (9)", "Timeline (8)"]
    assert "Translations" in labels
    assert [f.message for f in window.problems.findings] == DRAFTS
    assert asker.told == []
    assert window.preview.shell.content.title == "The Khojaly tragedy"


def test_edit_a_field_and_see_the_preview_change(
    qtbot: Any, make_studio: StudioFactory, source: Path
) -> None:
    """A section title typed into its form reaches the kiosk's History screen."""
    window, _ = open_default(qtbot, make_studio, source)
    window.show_table("sections")
    window.editors["sections"].select("the-town", "title")
    shell = window.preview.shell
    assert shell.navigator.screen == "history"
    retype(qtbot, line_edit(window, "sections", "title"), "Khojaly before the war")
    wait_checked(qtbot, window)
    model = shell.content.section_model
    qtbot.waitUntil(lambda: model.get(1, "title") == "Khojaly before the war", timeout=10_000)
    assert shell.history.index == 1  # the preview stays on the section being edited
    settle(shell.window)
    assert not window.preview.grab_image().isNull()


def test_make_an_error_and_jump_to_it_then_undo(
    qtbot: Any, make_studio: StudioFactory, source: Path
) -> None:
    """A day that does not exist is reported with its table, row and field; a click on the
    problem opens that field; undo takes the mistake back."""
    window, _ = open_default(qtbot, make_studio, source)
    window.show_table("events")
    window.editors["events"].select("khojaly-occupied", "start_date")
    date = line_edit(window, "events", "start_date")
    before = date.text()
    retype(qtbot, date, "1992-02-30")
    wait_checked(qtbot, window)
    error = first_error(window)
    assert (error.table, error.row, error.field) == ("events", "khojaly-occupied", "start_date")
    assert error.message.startswith("start_date: '1992-02-30'")
    # Elsewhere, then back through the problems panel.
    window.show_table("sections")
    item = window.problems.tree.topLevelItem(0)
    window.problems.tree.itemClicked.emit(item, 0)
    assert window.pages.currentWidget() is window.editors["events"]
    assert window.editors["events"].current_key() == "khojaly-occupied"
    assert QApplication.focusWidget() is date
    # Undo: one step takes back the typing, the form and the checks follow.
    project = window.project
    assert project is not None
    while project.undo_stack.canUndo():
        project.undo_stack.undo()
    assert date.text() == before
    wait_checked(qtbot, window)
    assert [f.message for f in window.problems.findings] == DRAFTS
    assert not project.is_dirty()
    project.undo_stack.redo()
    assert date.text() != before


def test_save_gives_exactly_the_expected_files(
    qtbot: Any, make_studio: StudioFactory, source: Path
) -> None:
    """Saving writes the one changed file, in the exported form; nothing else changes."""
    original = tree(source)
    window, _ = open_default(qtbot, make_studio, source)
    window.show_table("sections")
    window.editors["sections"].select("the-attack", "body")
    body = window.findChild(QTextEdit, "field_sections_body")
    assert isinstance(body, QTextEdit)
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "A new paragraph.")
    assert "words" in window.editors["sections"].form.hint.text()
    assert window.save()
    expected = dict(original)
    name = "sections/03-the-attack.md"
    expected[name] = original[name].rstrip(b"\n") + b"\n\nA new paragraph.\n"
    assert tree(source) == expected
    assert window.windowTitle().startswith("source")  # no '*': saved
    assert window.save()  # nothing changed since: nothing written
    assert tree(source) == expected


def test_renaming_a_key_follows_its_references(
    qtbot: Any, make_studio: StudioFactory, source: Path
) -> None:
    """A section's new key is written into the events that link to it and its translations."""
    window, _ = open_default(qtbot, make_studio, source)
    window.show_table("sections")
    window.editors["sections"].select("the-town", "key")
    key = line_edit(window, "sections", "key")
    retype(qtbot, key, "the-town-before")
    key.editingFinished.emit()
    wait_checked(qtbot, window)
    assert [f.message for f in window.problems.findings] == DRAFTS
    project = window.project
    assert project is not None
    assert "the-town-before" in [r["section"] for r in project.doc.table("events")]
    assert ("sections", "the-town-before", "title") in project.doc.translations["az"]
    project.undo_stack.undo()
    assert "the-town" in [r["section"] for r in project.doc.table("events")]


def test_images_count_only_with_alt_text_and_credit(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """A dropped image is an error until it has alt text and a credit."""
    from kiosk.studio.shots import example_image

    window, _ = open_default(qtbot, make_studio, source)
    window.show_table("media")
    media = window.editors["media"]
    assert isinstance(media, MediaEditor)
    assert media.add_files([str(example_image(tmp_path / "Town Square.png"))]) == [0]
    wait_checked(qtbot, window)
    assert {(f.row, f.field) for f in window.problems.findings if f.severity == "error"} == {
        ("town-square", "alt"),
        ("town-square", "credit"),
    }
    alt = window.findChild(QTextEdit, "field_media_alt")
    assert isinstance(alt, QTextEdit)
    alt.setFocus()
    qtbot.keyClicks(alt, "A drawn placeholder with words on it")
    retype(qtbot, line_edit(window, "media", "credit"), "The exhibit's own drawing")
    wait_checked(qtbot, window)
    assert [f for f in window.problems.findings if f.severity == "error"] == []
    assert not media.add_files([str(source / "timeline.csv")])  # not an image: refused, said


def test_translations_side_by_side(qtbot: Any, make_studio: StudioFactory, source: Path) -> None:
    """A missing translation is marked and counted; typing one fills it (undoably)."""
    window, _ = open_default(qtbot, make_studio, source)
    project = window.project
    assert project is not None
    project.set_translation("ru", ("exhibit", "exhibit", "subtitle"), "")
    window.show_table("translations")
    view = window.translations
    assert view is not None
    view.language.setCurrentText("ru")
    assert "1 missing" in view.summary.text()
    view.only_missing.setChecked(True)
    assert view.table.rowCount() == 1
    assert "missing" in view.table.item(0, 0).text()
    view.table.item(0, 2).setText("26 февраля 1992 г.")
    assert "0 missing" in view.summary.text()


def choose_review(view: Any, status: str) -> None:
    view.review.setCurrentIndex(view.review.findData(status))


def test_review_status_is_set_undone_and_saved_as_export_writes_it(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """The combo reads and writes the language's [review] row, one undo step each; the draft
    warnings come and go in the problems panel; the saved exhibit.toml is export's."""
    original = tree(source)
    window, _ = open_default(qtbot, make_studio, source)
    project = window.project
    assert project is not None
    drafts = [f for f in window.problems.findings if f.table == "locales"]
    assert [(f.row, f.severity) for f in drafts] == [("az", "warning"), ("ru", "warning")]
    window.go_to(drafts[1])  # a click on a draft warning opens the language's translations
    view = window.translations
    assert view is not None and window.pages.currentWidget() is view
    assert view.current_locale() == "ru"
    assert view.review.isEnabled() and view.review.currentData() == "draft"
    assert [view.review.itemText(i) for i in range(view.review.count())] == [
        "not set",
        *REVIEW_STATUSES,
    ]
    steps = project.undo_stack.count()
    choose_review(view, "reviewed")
    assert project.review("ru") == "reviewed"
    view.language.setCurrentText("az")
    choose_review(view, "")  # not set: the row goes
    assert project.review("az") == "" and project.undo_stack.count() == steps + 2
    wait_checked(qtbot, window)
    assert [f.message for f in window.problems.findings] == []
    assert window.save()
    toml = (source / "exhibit.toml").read_text(encoding="utf-8")
    assert '\nru = "reviewed"\n' in toml and "\naz = " not in toml
    assert set(tree(source)) == set(original)  # exhibit.toml the one file changed
    assert {k for k, v in tree(source).items() if original[k] != v} == {"exhibit.toml"}
    # exactly what export writes for the bundle built from the saved folder
    bundle = build(source, tmp_path / "saved.sqlite").bundle
    export(bundle, tmp_path / "exported")
    assert (tmp_path / "exported" / "exhibit.toml").read_bytes() == (
        source / "exhibit.toml"
    ).read_bytes()
    project.undo_stack.undo()
    assert view.review.currentData() == "draft"  # az again, shown at once
    project.undo_stack.undo()
    assert project.review("ru") == "draft"
    wait_checked(qtbot, window)
    assert [f.message for f in window.problems.findings] == DRAFTS
    assert window.save()
    assert tree(source) == original  # byte for byte


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def import_people(qtbot: Any, window: StudioWindow, path: Path) -> PeopleImport:
    """Import ``path`` (off the GUI thread) and wait for what came of it."""
    with qtbot.waitSignal(window.peopleImported, timeout=15_000) as blocker:
        assert window.import_people_from(path)
    result = blocker.args[0]
    assert isinstance(result, PeopleImport)
    return result


def test_import_people_reads_with_the_content_layers_import(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """The import's own reader: updates by key, adds, a key for the keyless, bad rows left out
    and named by line and field; one undo step; --strict as an option."""
    window, asker = open_default(qtbot, make_studio, source)
    project = window.project
    assert project is not None
    project.insert_row("places", 0, {"key": "village-a", "name": "Village A"})
    project.insert_row(
        "people",
        0,
        {"key": "p1", "name": "Testov Synthetic", "birth_date": "1950", "birth_precision": "year"},
    )
    before = [dict(r) for r in project.doc.table("people")]
    steps = project.undo_stack.count()
    names = write_csv(
        tmp_path / "names.csv",
        "key,name,surname,given_name,birth_date,fate_kind,place,age\n"
        "p1,,Testov,,,,village-a,\n"  # an update: an empty cell erases nothing
        "n1,Newman Synthetic,,,1960-05,Missing,village-a,\n"
        ",,Keylessov,Synthetic,,,,\n"
        "n2,Badage Synthetic,,,1950,,,150\n"
        "n3,Noplace Synthetic,,,,,village-z,\n",
    )
    result = import_people(qtbot, window, names)
    assert result.written
    assert (result.added, result.updated, result.bad_rows) == (2, 1, 2)
    assert result.problems == [
        "names.csv, line 5: age: 150 is not an age (0 to 130)",
        "names.csv, line 6: place: there is no place with the key 'village-z'",
    ]
    assert asker.told[-1][1].startswith("2 people added, 1 updated; 2 row(s) with problems")
    assert "line 6: place" in asker.told[-1][2]
    people = project.doc.table("people")
    assert [r["key"] for r in people] == ["p1", "n1", "person-3"]
    assert (people[0]["place"], people[0]["birth_date"]) == ("village-a", "1950")
    assert (people[0]["name"], people[0]["surname"]) == ("Testov Synthetic", "Testov")
    assert (people[1]["birth_precision"], people[1]["fate_kind"]) == ("month", "missing")
    assert people[2]["name"] == "Keylessov Synthetic" and people[2]["given_name"] == "Synthetic"
    assert project.undo_stack.count() == steps + 1
    wait_checked(qtbot, window)
    assert [f for f in window.problems.findings if f.severity == "error"] == []
    project.undo_stack.undo()
    assert project.doc.table("people") == before
    project.undo_stack.redo()
    assert len(project.doc.table("people")) == 3
    # all rows or none: a bad row and nothing is taken
    window.strict_import_action.setChecked(True)
    strict = import_people(
        qtbot,
        window,
        write_csv(tmp_path / "more.csv", "name,age\nFine Synthetic,30\nBad Synthetic,old\n"),
    )
    assert not strict.written and strict.bad_rows == 1
    assert asker.told[-1][1].startswith("Nothing was imported: 1 row(s) of more.csv")
    assert strict.problems == ["more.csv, line 3: age: 'old' is not a whole number"]
    assert len(project.doc.table("people")) == 3 and project.undo_stack.count() == steps + 1
    # a file the import cannot read at all
    unknown = import_people(qtbot, window, write_csv(tmp_path / "x.csv", "name,nickname\nA,B\n"))
    assert not unknown.written
    assert "unknown column(s) 'nickname'" in unknown.problems[0]


def test_publish_to_a_running_kiosk(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """Publish builds, compares, then replaces the kiosk's bundle; the kiosk takes it."""
    published = tmp_path / "kiosk" / "exhibit.sqlite"
    published.parent.mkdir()
    shutil.copy2(paths.default_bundle(), published)
    data = tmp_path / "kiosk-data"
    store = BundleStore(data)
    start, _notes = store.startup_bundle(published)
    shell = KioskShell(data, Timings(idle_ms=60_000, prompt_ms=60_000, animate=False))
    assert shell.open_bundle(start, "en")  # the English the curator edits (visits: az)
    watcher = BundleWatcher(published, store, debounce_ms=20, poll_ms=50, parent=shell)
    stats = StatsStore(data / "stats.sqlite", 365, 50)
    ops = Operations(
        shell,
        PinGate(""),
        store,
        stats,
        configured=published,
        watcher=watcher,
        log_dir=data / "logs",
    )
    kiosk_window = shell.load()
    assert kiosk_window is not None
    kiosk_window.resize(1280, 800)
    kiosk_window.show()
    settle(kiosk_window)
    ops.start()
    try:
        window, _ = open_default(qtbot, make_studio, source)
        window.show_table("exhibit")
        retype(qtbot, line_edit(window, "exhibit", "title"), "Khojaly, 26 February 1992")
        wait_checked(qtbot, window)
        dialog = window.publish_dialog()
        assert dialog is not None
        dialog.destination.setText(str(published))
        with qtbot.waitSignal(dialog.compared, timeout=30_000) as compared:
            assert dialog.check_and_compare()
        assert compared.args == [True]
        summary = dialog.report.toPlainText()
        assert "Exhibit and languages: 1 exhibit changed" in summary
        assert "Language az: 100% translated" in summary
        with qtbot.waitSignal(dialog.publishEnded, timeout=30_000) as ended:
            assert dialog.publish_now()
        assert ended.args == [True]
        qtbot.waitUntil(lambda: shell.content.title == "Khojaly, 26 February 1992", timeout=10_000)
        dialog.close()
    finally:
        watcher.stop()
        stats.close()
        shell.shutdown()


def test_a_bundle_opens_as_a_new_source_folder(
    qtbot: Any, make_studio: StudioFactory, tmp_path: Path
) -> None:
    """Opening a bundle exports it first; the bundle itself is never changed."""
    bundle = tmp_path / "exhibit.sqlite"
    shutil.copy2(paths.default_bundle(), bundle)
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()
    window, asker = make_studio()
    asker.export_to = tmp_path / "exhibit-source"
    assert window.open_path(bundle)
    assert tree(tmp_path / "exhibit-source") == tree(paths.default_source())
    assert window.project is not None and window.project.folder == tmp_path / "exhibit-source"
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() == digest


def test_a_broken_bundle_says_what_is_wrong(
    qtbot: Any, make_studio: StudioFactory, tmp_path: Path
) -> None:
    """A damaged bundle is not opened; the curator is told why; no traceback."""
    bundle = tmp_path / "broken.sqlite"
    bundle.write_bytes(paths.default_bundle().read_bytes()[:5000])
    window, asker = make_studio()
    asker.export_to = tmp_path / "never"
    assert not window.open_path(bundle)
    assert asker.told and asker.told[-1][0] == "Cannot open"
    assert "cannot be opened" in asker.told[-1][1]
    assert not (tmp_path / "never").exists()
    assert window.project is None


def test_a_broken_folder_opens_what_can_be_opened(
    qtbot: Any, make_studio: StudioFactory, source: Path
) -> None:
    """A section that is not valid TOML and a bad date: the rest opens; both are listed."""
    (source / "sections" / "04-one-night.md").write_text(
        "+++\nkey = \n+++\nText\n", encoding="utf-8"
    )
    timeline = source / "timeline.csv"
    timeline.write_text(
        timeline.read_text(encoding="utf-8").replace("1992-02-26", "1992-02-31", 1),
        encoding="utf-8",
    )
    window, asker = make_studio()
    assert window.open_path(source)
    title, text, details = asker.told[-1]
    assert title == "Opened with problems"
    assert "sections/04-one-night.md" in text
    assert "timeline.csv, line" in details and "day 31" in details
    project = window.project
    assert project is not None
    assert len(project.doc.table("sections")) == 8
    wait_checked(qtbot, window)
    assert any(f.table == "events" and f.field == "start_date" for f in window.problems.findings)
    # saving a fix leaves the broken section's file alone
    window.show_table("events")
    error = next(f for f in window.problems.findings if f.table == "events")
    window.go_to(error)
    retype(qtbot, line_edit(window, "events", "start_date"), "1992-02-26")
    assert window.save()
    assert (
        (source / "sections" / "04-one-night.md")
        .read_text(encoding="utf-8")
        .startswith("+++\nkey = \n")
    )


def test_unsaved_changes_are_offered_back_after_a_crash(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """The journal written while editing is offered when the folder is opened again."""
    data = tmp_path / "shared-data"
    window, _ = make_studio(data)
    assert window.open_path(source)
    window.show_table("exhibit")
    retype(qtbot, line_edit(window, "exhibit", "subtitle"), "Never saved")
    assert window.project is not None
    window.project.write_journal()  # what the timer does a moment after typing stops
    # A second studio (the first one "crashed": it never saved nor discarded).
    again, asker = make_studio(data)
    assert again.open_path(source)
    assert "Recover unsaved changes" in asker.asked
    assert again.project is not None
    assert again.project.doc.exhibit["subtitle"] == "Never saved"
    assert again.project.is_dirty()
    assert b"Never saved" not in (source / "exhibit.toml").read_bytes()
