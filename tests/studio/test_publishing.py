"""Publish and import people off the GUI thread: the window keeps answering while they run, a
failure is reported where the curator looks, a stop takes nothing, and a save that meets a
file held open by another program names it."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from kiosk import paths
from kiosk.content.publish import PublishResult, publish
from kiosk.content.validate import validate_bundle
from kiosk.studio import people as people_module
from kiosk.studio.folder import replace_when_free
from kiosk.studio.people import PeopleImport
from kiosk.studio.publishing import PublishDialog
from kiosk.studio.window import StudioWindow

from .conftest import StudioFactory, wait_checked

TIMEOUT_MS = 30_000


def open_default(qtbot: Any, make_studio: StudioFactory, source: Path) -> tuple[StudioWindow, Any]:
    window, asker = make_studio()
    assert window.open_path(source)
    wait_checked(qtbot, window)
    return window, asker


def a_timer_fires(qtbot: Any) -> None:
    """The GUI thread's event loop runs: a zero-delay timer's event is processed."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True], timeout=5_000)


def checked_dialog(qtbot: Any, window: StudioWindow, dest: Path, **kwargs: Any) -> PublishDialog:
    """The publish dialog, checked and compared against ``dest``, ready to publish."""
    assert window.project is not None and window.checker is not None
    dialog = PublishDialog(window.project, window.checker.folder, str(dest), window, **kwargs)
    dialog.checkedWith.connect(window._publish_checked)
    dialog.show()
    with qtbot.waitSignal(dialog.compared, timeout=TIMEOUT_MS) as compared:
        assert dialog.check_and_compare()
        assert dialog.bar.isVisible() and dialog.stop_button.isVisible()
    assert compared.args == [True], dialog.report.toPlainText()
    return dialog


def kiosk_bundle(tmp_path: Path) -> Path:
    dest = tmp_path / "kiosk" / "exhibit.sqlite"
    dest.parent.mkdir()
    shutil.copy2(paths.default_bundle(), dest)
    return dest


def test_publish_runs_off_the_gui_thread_with_the_window_responsive(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """While the publish runs (held at its start by the test), the GUI thread processes events,
    the curator can go on editing, the dialog shows what it is doing and will not close; the
    bundle published is the one checked, whatever was edited since."""
    window, _ = open_default(qtbot, make_studio, source)
    dest = kiosk_bundle(tmp_path)
    entered, release = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []

    def held(bundle: Path, target: Path) -> PublishResult:
        threads.append(threading.current_thread())
        entered.set()
        assert release.wait(20), "the test never let the publish go on"
        return publish(bundle, target)

    project = window.project
    assert project is not None
    project.set_field("exhibit", 0, "title", "Synthetic title, checked")
    dialog = checked_dialog(qtbot, window, dest, publisher=held)
    assert "Exhibit and languages: 1 exhibit changed" in dialog.report.toPlainText()
    with qtbot.waitSignal(dialog.publishEnded, timeout=TIMEOUT_MS) as ended:
        assert dialog.publish_now()
        qtbot.waitUntil(entered.is_set, timeout=10_000)
        a_timer_fires(qtbot)
        assert dialog.busy and dialog.bar.isVisible() and not dialog.stop_button.isVisible()
        assert not dialog.publish_button.isEnabled() and not dialog.compare_button.isEnabled()
        assert dialog.stage.text().startswith("Publishing to ")
        project.set_field("exhibit", 0, "title", "Synthetic title, edited during the publish")
        dialog.reject()  # Close or Esc: not halfway through
        assert dialog.busy and "cannot be stopped halfway" in dialog.stage.text()
        assert dest.read_bytes() == paths.default_bundle().read_bytes()  # not yet
        release.set()
    assert ended.args == [True], dialog.report.toPlainText()
    assert threads and threads[0] is not threading.main_thread()
    assert not dialog.busy and not dialog.bar.isVisible()
    assert dialog.published is not None and dialog.published.dest == dest
    assert "Published to" in dialog.report.toPlainText()
    report = validate_bundle(dest)
    assert report.error_count == 0
    with sqlite3.connect(f"file:{dest}?mode=ro", uri=True) as conn:
        (title,) = conn.execute("SELECT title FROM exhibit").fetchone()
    assert title == "Synthetic title, checked"
    dialog.close()


def test_a_refused_publish_says_why_and_leaves_the_kiosk_alone(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """A destination that cannot be written: the dialog says so and the kiosk's file is as it
    was; an unexpected failure is reported too, never a traceback."""
    window, _ = open_default(qtbot, make_studio, source)
    dest = kiosk_bundle(tmp_path)
    before = dest.read_bytes()

    def busy(_bundle: Path, target: Path) -> PublishResult:
        return publish(_bundle, target, retry_seconds=0, replace=_held_open)

    dialog = checked_dialog(qtbot, window, dest, publisher=busy)
    with qtbot.waitSignal(dialog.publishEnded, timeout=TIMEOUT_MS) as ended:
        assert dialog.publish_now()
    assert ended.args == [False]
    text = dialog.report.toPlainText()
    assert "Not published: " in text and "in use by another program" in text
    assert "(The kiosk's file is unchanged.)" in text
    assert dest.read_bytes() == before and dialog.published is None
    assert list(dest.parent.iterdir()) == [dest]  # no copy left beside it

    def broken(_bundle: Path, _target: Path) -> PublishResult:
        raise RuntimeError("synthetic failure")

    dialog._publisher = broken
    with qtbot.waitSignal(dialog.publishEnded, timeout=TIMEOUT_MS) as ended:
        assert dialog.publish_now()
    assert ended.args == [False]
    assert "an unexpected problem (RuntimeError: synthetic failure)" in dialog.report.toPlainText()
    assert dest.read_bytes() == before
    dialog.close()


def _held_open(_tmp: Path, _target: Path) -> None:
    raise PermissionError(errno.EACCES, "synthetic: held open by another program")


def test_a_check_with_errors_is_not_offered_and_shows_in_problems(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """An exhibit with an error is not offered for publishing; the error is listed in the
    dialog and in the problems panel, whose click goes to the field."""
    window, _ = open_default(qtbot, make_studio, source)
    assert window.project is not None and window.checker is not None
    window.checker.checked.disconnect(window._checked)  # only the publish's check shows
    window.project.set_field("events", 0, "start_date", "1992-02-30")
    window.project.set_field("events", 0, "start_precision", "day")
    dialog = PublishDialog(window.project, tmp_path, str(kiosk_bundle(tmp_path)), window)
    dialog.checkedWith.connect(window._publish_checked)
    with qtbot.waitSignal(dialog.compared, timeout=TIMEOUT_MS) as compared:
        assert dialog.check_and_compare()
    assert compared.args == [False]
    assert dialog.report.toPlainText().startswith("Not ready to publish: 1 error(s).")
    assert not dialog.publish_button.isEnabled() and not dialog.publish_now()
    errors = [f for f in window.problems.findings if f.severity == "error"]
    assert [(f.table, f.field) for f in errors] == [("events", "start_date")]
    dialog.close()


def test_stopping_a_check_publishes_nothing(
    qtbot: Any, make_studio: StudioFactory, source: Path, tmp_path: Path
) -> None:
    """Stop during the check: nothing is offered, and the late result is dropped."""
    window, _ = open_default(qtbot, make_studio, source)
    assert window.project is not None
    dialog = PublishDialog(window.project, tmp_path, str(kiosk_bundle(tmp_path)), window)
    dialog.show()
    with qtbot.waitSignal(dialog.compared, timeout=TIMEOUT_MS) as compared:
        assert dialog.check_and_compare()
        assert dialog.stop_button.isVisible()
        dialog.stop_button.click()
    assert compared.args == [False]
    assert dialog.report.toPlainText() == "Stopped: nothing was published."
    qtbot.waitUntil(lambda: not _threads("kiosk-studio-publish"), timeout=TIMEOUT_MS)
    a_timer_fires(qtbot)  # a dropped result would have been delivered by now
    assert dialog.built is None and not dialog.publish_button.isEnabled()
    assert not dialog.publish_now()
    dialog.close()


def _threads(prefix: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(prefix)]


def _people_csv(path: Path, rows: int) -> Path:
    lines = ["key,name"] + [f"syn-{i},Synthetic Person {i}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _hold_import(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The import's reader, held at its start until the test releases it."""
    entered, release = threading.Event(), threading.Event()
    real = people_module.read_people_import

    def held(*args: Any, **kwargs: Any) -> PeopleImport:
        entered.set()
        assert release.wait(20), "the test never let the import go on"
        return real(*args, **kwargs)

    monkeypatch.setattr(people_module, "read_people_import", held)
    return entered, release


def test_import_people_runs_off_the_gui_thread(
    qtbot: Any,
    make_studio: StudioFactory,
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the file is read the window answers; the people then come in as one step."""
    window, asker = open_default(qtbot, make_studio, source)
    project = window.project
    assert project is not None and window.importer is not None
    entered, release = _hold_import(monkeypatch)
    steps = project.undo_stack.count()
    with qtbot.waitSignal(window.peopleImported, timeout=TIMEOUT_MS) as imported:
        assert window.import_people_from(_people_csv(tmp_path / "names.csv", 4500))
        qtbot.waitUntil(entered.is_set, timeout=10_000)
        a_timer_fires(qtbot)
        assert window.importer.busy and not window.import_people_from(tmp_path / "names.csv")
        release.set()
    result = imported.args[0]
    assert (result.written, result.added, result.updated) == (True, 4500, 0)
    assert len(project.doc.table("people")) == 4500
    assert project.undo_stack.count() == steps + 1
    assert asker.told[-1][1].startswith("4,500 people added, 0 updated")


def test_import_people_stopped_or_failed_takes_nothing(
    qtbot: Any,
    make_studio: StudioFactory,
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stop takes nothing; a failure is told; people edited meanwhile are never overwritten."""
    window, asker = open_default(qtbot, make_studio, source)
    project, importer = window.project, window.importer
    assert project is not None and importer is not None
    names = _people_csv(tmp_path / "names.csv", 10)
    entered, release = _hold_import(monkeypatch)
    with qtbot.waitSignal(window.peopleImported, timeout=TIMEOUT_MS) as imported:
        assert window.import_people_from(names)
        qtbot.waitUntil(entered.is_set, timeout=10_000)
        importer.stop()
    release.set()
    assert imported.args[0].stopped and not imported.args[0].written
    assert asker.told[-1][1] == "Stopped: nothing was imported from names.csv."
    qtbot.waitUntil(lambda: not _threads("kiosk-studio-import-people"), timeout=TIMEOUT_MS)
    assert project.doc.table("people") == []
    # People edited while the file was read: nothing is taken over them.
    entered.clear()
    release.clear()
    with qtbot.waitSignal(window.peopleImported, timeout=TIMEOUT_MS) as imported:
        assert window.import_people_from(names)
        qtbot.waitUntil(entered.is_set, timeout=10_000)
        project.insert_row("people", 0, {"key": "typed", "name": "Typed Synthetic"})
        release.set()
    assert not imported.args[0].written
    assert "changed while the file was being read" in imported.args[0].problems[0]
    assert project.doc.keys("people") == ["typed"]

    def broken(*_args: Any, **_kwargs: Any) -> PeopleImport:
        raise RuntimeError("synthetic failure")

    monkeypatch.setattr(people_module, "read_people_import", broken)
    with qtbot.waitSignal(window.peopleImported, timeout=TIMEOUT_MS) as imported:
        assert window.import_people_from(names)
    assert "could not be imported (RuntimeError: synthetic failure)" in asker.told[-1][2]
    assert asker.told[-1][1] == "Nothing was imported from names.csv."


def test_a_save_names_a_file_held_open_by_another_program(tmp_path: Path) -> None:
    """Windows cannot replace a file a spreadsheet has open: the save waits a moment, then
    names the file; the rename goes through when the file is let go in time."""
    tmp, path = tmp_path / ".people.csv.saving", tmp_path / "people.csv"
    tmp.write_text("new", encoding="utf-8")
    path.write_text("old", encoding="utf-8")
    waits: list[float] = []
    with pytest.raises(PermissionError) as raised:
        replace_when_free(
            tmp, path, "people.csv", wait_s=1.0, replace=_held_open, sleep=waits.append
        )
    assert raised.value.strerror.startswith("people.csv is open in another program")
    assert sum(waits) >= 1.0
    tries: list[int] = []

    def let_go_on_the_third(src: Path, dst: Path) -> None:
        tries.append(1)
        if len(tries) < 3:
            _held_open(src, dst)
        src.replace(dst)

    replace_when_free(tmp, path, "people.csv", replace=let_go_on_the_third, sleep=waits.append)
    assert path.read_text(encoding="utf-8") == "new" and not tmp.exists()
