"""Running unattended: live bundle updates at the end of a visit, the admin screen, visitor
statistics and recovery from an exception, with a real shell, watcher and file replaces."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Signal

from kiosk.ops import logs
from kiosk.ops.bundles import BundleStore, check_candidate
from kiosk.ops.pin import PinGate, hash_pin
from kiosk.ops.stats import StatsStore, summarize
from kiosk.ops.watcher import BundleWatcher
from kiosk.ui.runtime.operations import ADMIN, Operations
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.screens import ATTRACT
from kiosk.ui.tools.settle import settle

from .bundles import make_bundle
from .touch import item, tap, tap_at

PIN = "2468"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def kiosk(
    qapp: Any, tmp_path: Path, fast_timings: Timings, pin_hash: str
) -> Iterator[tuple[KioskShell, Operations, Path, Clock]]:
    """A kiosk watching ``published/exhibit.sqlite`` and running from its own copy."""
    published = make_bundle(tmp_path / "published" / "exhibit.sqlite", title="First edition")
    data = tmp_path / "data"
    store = BundleStore(data)
    start, notes = store.startup_bundle(published)
    assert notes == []
    shell = KioskShell(data, fast_timings)
    assert shell.open_bundle(start)
    clock = Clock()
    watcher = BundleWatcher(published, store, debounce_ms=20, poll_ms=50, parent=shell)
    stats = StatsStore(data / "stats.sqlite", 365, 50, clock=lambda: 1_700_000_000.0)
    ops = Operations(
        shell,
        PinGate(pin_hash),
        store,
        stats,
        configured=published,
        watcher=watcher,
        log_dir=data / "logs",
        clock=clock,
    )
    shell.extra_properties["admin"] = ops.admin
    window = shell.load()
    assert window is not None
    window.resize(1920, 1080)
    window.show()
    settle(window)
    ops.start()
    yield shell, ops, published, clock
    watcher.stop()
    stats.close()
    shell.shutdown()


def _publish(path: Path, **kwargs: Any) -> None:
    """Write a bundle beside ``path`` and replace it in one rename, as publish does."""
    staged = make_bundle(path.with_name("staged.sqlite"), **kwargs)
    staged.replace(path)


def test_the_kiosk_runs_from_its_own_copy(kiosk: Any) -> None:
    """The published file is not the one the kiosk has open (publish can replace it)."""
    _shell, ops, published, _ = kiosk
    current = ops.store.current()
    assert current is not None
    assert current.file != published
    assert current.file.parent == ops.store.folder


def test_new_bundle_waits_for_the_end_of_the_visit(kiosk: Any, qtbot: Any) -> None:
    """A new edition arriving mid-visit is shown only once the kiosk is back at attract."""
    shell, ops, published, _ = kiosk
    shell.idle.activity()
    shell.navigator.go("history")
    with qtbot.waitSignal(ops.watcher.candidateReady, timeout=5000):
        _publish(published, title="Second edition")
    assert ops.pending
    assert shell.content.title == "First edition"
    shell.end_visit()
    assert shell.content.title == "Second edition"
    assert ops.pending == ""


def test_new_bundle_at_attract_is_shown_at_once(kiosk: Any, qtbot: Any) -> None:
    """Nobody is there: a new edition is shown as soon as it is checked."""
    shell, _ops, published, _ = kiosk
    _publish(published, title="Second edition")
    qtbot.waitUntil(lambda: shell.content.title == "Second edition", timeout=5000)


def test_a_corrupt_bundle_is_refused_and_the_content_stays(kiosk: Any, qtbot: Any) -> None:
    """A damaged file is refused, logged and shown to the admin; the visitor sees no change."""
    shell, ops, published, _ = kiosk
    staged = published.with_name("staged.sqlite")
    staged.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    with qtbot.waitSignal(ops.watcher.candidateRejected, timeout=5000):
        staged.replace(published)
    shell.end_visit()
    assert shell.content.title == "First edition"
    assert ops.info()["rejected"].startswith(str(published))


def test_a_half_written_bundle_is_not_taken(kiosk: Any, qtbot: Any) -> None:
    """A file still being copied is not taken; once complete, it is."""
    shell, ops, published, _ = kiosk
    full = make_bundle(published.with_name("full.sqlite"), title="Second edition").read_bytes()
    ready: list[str] = []
    ops.watcher.candidateReady.connect(ready.append)
    with published.open("r+b") as fh:  # a copy in progress: the start of the new file
        fh.truncate(0)
        fh.write(full[: len(full) // 3])
        fh.flush()
        ops.watcher.poll()
        ops.watcher.poll()
    assert ready == []
    assert shell.content.title == "First edition"
    published.write_bytes(full)
    qtbot.waitUntil(lambda: shell.content.title == "Second edition", timeout=5000)


def test_visits_are_counted_in_the_statistics(kiosk: Any) -> None:
    """A visit with two screens and a candle is recorded and summarised."""
    shell, ops, _published, clock = kiosk
    shell.idle.activity()
    shell.navigator.go("timeline")
    clock.now += 30
    shell.navigator.go("memorial")
    shell.candle.light()
    clock.now += 15
    shell.end_visit()
    summary = summarize(ops.stats.path)
    assert summary.sessions == 1
    assert summary.median_visit_s == pytest.approx(45)
    screens = {s.name: s for s in summary.screens}
    assert screens["timeline"].visits == 1
    assert screens["timeline"].total_s == pytest.approx(30)
    assert "memorial" in screens
    assert summary.candles == 1


def test_admin_holds_the_idle_timer_and_returns_to_attract(kiosk: Any) -> None:
    """Entering admin stops the idle timeout; leaving it ends the visit with a full reset."""
    shell, ops, _published, _ = kiosk
    shell.idle.activity()
    ops.admin.openPinPad()
    assert ops.admin.submitPin(PIN) == "ok"
    assert shell.navigator.screen == ADMIN
    assert shell.idle.held
    assert ops.admin.info["title"] == "First edition"
    assert len(ops.admin.info["checksum"]) == 64
    ops.admin.resume()
    assert shell.navigator.screen == ATTRACT
    assert not shell.idle.held


def test_admin_reload_switches_at_once(kiosk: Any, qtbot: Any) -> None:
    """The technician's "Reload bundle" checks the file now (on the worker thread) and shows
    it as soon as it is checked, without waiting for the end of the visit."""
    shell, ops, published, _ = kiosk
    ops.watcher.stop()  # no file events: only the button may find the new edition
    _publish(published, title="Second edition")
    shell.idle.activity()
    ops.admin.openPinPad()
    ops.admin.submitPin(PIN)
    ops.admin.reload()
    qtbot.waitUntil(lambda: shell.content.title == "Second edition", timeout=5000)
    assert shell.navigator.screen == ADMIN


def test_corner_taps_open_the_pin_pad_on_screen(kiosk: Any, qtbot: Any, qt_warnings: Any) -> None:
    """Five taps in the top-left corner show the PIN pad; typing the PIN opens admin."""
    shell, ops, _published, _ = kiosk
    window = shell.window
    for _ in range(5):
        tap_at(window, QPoint(20, 20))
    qtbot.waitUntil(lambda: ops.admin.pinPadOpen, timeout=2000)
    settle(window)
    for digit in PIN:
        tap(window, f"pinKey_{digit}")
    tap(window, "pinKey_ok")
    qtbot.waitUntil(lambda: shell.navigator.screen == ADMIN, timeout=2000)
    settle(window)
    assert item(window, "adminResume").isVisible()
    tap(window, "adminTestPattern")
    qtbot.waitUntil(lambda: ops.admin.testPattern, timeout=2000)
    settle(window)
    tap(window, "testPatternClose")
    qtbot.waitUntil(lambda: not ops.admin.testPattern, timeout=2000)
    settle(window)
    tap(window, "adminResume")
    qtbot.waitUntil(lambda: shell.navigator.screen == ATTRACT, timeout=2000)
    assert qt_warnings() == []


class _Boom(QObject):
    fire = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_returns_to_attract(kiosk: Any, qtbot: Any, tmp_path: Path) -> None:
    """An error in the UI ends the visit (back to attract, logged) instead of a broken screen."""
    shell, _ops, _published, _ = kiosk
    old_hook = sys.excepthook
    logs.install_excepthooks(on_error=shell.recover)
    try:
        shell.idle.activity()
        shell.navigator.go("timeline")
        boom = _Boom()

        def broken() -> None:
            raise RuntimeError("a bug in a slot")

        boom.fire.connect(broken)
        boom.fire.emit()
        qtbot.waitUntil(lambda: shell.navigator.screen == ATTRACT, timeout=2000)
    finally:
        sys.excepthook = old_hook


def test_start_falls_back_to_the_last_good_copy(tmp_path: Path) -> None:
    """A configured bundle that is broken at start: the kiosk starts on its last good copy."""
    published = make_bundle(tmp_path / "published" / "exhibit.sqlite", title="First edition")
    store = BundleStore(tmp_path / "data")
    good, _ = store.startup_bundle(published)
    published.write_bytes(b"not a bundle at all")
    start, notes = store.startup_bundle(published)
    assert start == good
    assert any("last good copy" in n for n in notes)
    shutil.rmtree(published.parent)
    start, notes = store.startup_bundle(published)
    assert start == good


# -- checking off the GUI thread, once (issues 13 and 14) ---------------------------------------
def test_a_swap_runs_quick_check_once_and_off_the_gui_thread(
    kiosk: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the new file to the new content on screen, with the real validator: one
    PRAGMA quick_check, on the worker thread; the switch at the end of the visit checks nothing."""
    shell, ops, published, _ = kiosk
    # Made before the count starts: building a bundle adds the later schema versions'
    # columns, and SQLite checks an added column's CHECK with a quick_check of its own.
    staged = make_bundle(published.with_name("staged.sqlite"), title="Second edition")
    checks: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)

        def trace(sql: str) -> None:
            # "-- PRAGMA 'main'.quick_check='people'" is SQLite checking one table inside an
            # ALTER TABLE ... ADD COLUMN ... CHECK (a bundle being made), not a check of a file.
            if "quick_check" in sql.lower() and not sql.startswith("--"):
                checks.append(threading.current_thread().name)

        conn.set_trace_callback(trace)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    shell.idle.activity()
    with qtbot.waitSignal(ops.watcher.candidateReady, timeout=5000):
        staged.replace(published)
    assert len(checks) == 1 and checks[0] != threading.main_thread().name
    shell.end_visit()
    assert shell.content.title == "Second edition"
    assert len(checks) == 1


def test_a_folder_swapped_in_is_shown_on_the_admin_screen(kiosk: Any, qtbot: Any) -> None:
    """A folder where the bundle was: refused, the content stays, the admin facts say why."""
    shell, ops, published, _ = kiosk
    with qtbot.waitSignal(ops.watcher.candidateRejected, timeout=5000):
        published.unlink()
        published.mkdir()
    shell.end_visit()
    assert shell.content.title == "First edition"
    assert "is a folder" in ops.info()["rejected"]


def test_a_full_data_folder_is_said_and_retried(
    qapp: Any, tmp_path: Path, fast_timings: Timings, pin_hash: str, qtbot: Any
) -> None:
    """The data folder cannot take the new copy: the admin facts say so, the content stays;
    once it can, the new edition is taken without anyone doing anything."""
    published = make_bundle(tmp_path / "published" / "exhibit.sqlite", title="First edition")
    data = tmp_path / "data"
    store = BundleStore(data)
    start, _ = store.startup_bundle(published)
    shell = KioskShell(data, fast_timings)
    assert shell.open_bundle(start)
    watcher = BundleWatcher(
        published, store, debounce_ms=20, poll_ms=600_000, retry_ms=(40, 80), parent=shell
    )
    ops = Operations(shell, PinGate(pin_hash), store, None, configured=published, watcher=watcher)
    ops.start()
    real_copy = store._copy_to_temp
    failing = [True]

    def copy(source: Path, cancel: Any = None) -> Any:
        if failing[0]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(source, cancel)

    store._copy_to_temp = copy  # type: ignore[method-assign]
    try:
        with qtbot.waitSignal(watcher.troubleChanged, timeout=5000):
            _publish(published, title="Second edition")
        assert "No space left on device" in ops.info()["updates"]
        assert shell.content.title == "First edition"
        failing[0] = False
        qtbot.waitUntil(lambda: shell.content.title == "Second edition", timeout=5000)
        assert ops.info()["updates"] == ""
    finally:
        watcher.stop()
        shell.shutdown()


def test_quitting_does_not_wait_for_a_running_check(
    qapp: Any, tmp_path: Path, fast_timings: Timings, pin_hash: str, qtbot: Any
) -> None:
    """The application's quit (what SIGTERM does) stops the watcher at once, even while a
    check is stuck on the worker thread; its late outcome changes nothing."""
    published = make_bundle(tmp_path / "published" / "exhibit.sqlite", title="First edition")
    data = tmp_path / "data"
    started, release = threading.Event(), threading.Event()

    def stuck(path: Path) -> Any:
        started.set()
        release.wait()
        return check_candidate(path)

    store = BundleStore(data, checker=stuck)
    release.set()  # the start-up check goes through
    start, _ = store.startup_bundle(published)
    shell = KioskShell(data, fast_timings)
    assert shell.open_bundle(start)
    watcher = BundleWatcher(published, store, debounce_ms=20, poll_ms=600_000, parent=shell)
    ops = Operations(shell, PinGate(pin_hash), store, None, configured=published, watcher=watcher)
    ops.start()
    try:
        started.clear()
        release.clear()
        _publish(published, title="Second edition")
        qtbot.waitUntil(started.is_set, timeout=5000)
        before = time.monotonic()
        qapp.aboutToQuit.emit()  # what QCoreApplication.exit() sends before exec() returns
        assert time.monotonic() - before < 5.0
        assert not watcher.busy
        release.set()
        with qtbot.assertNotEmitted(watcher.candidateReady, wait=50):
            pass
        assert shell.content.title == "First edition"
    finally:
        release.set()
        shell.shutdown()
