"""The bundle watcher: real file replaces in a folder, debounced, checked, announced."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.ops.bundles import BundleStore, CandidateResult, FileSignature
from kiosk.ops.watcher import BundleWatcher

from .helpers import build_bundle, checker, corrupt_copy, damaged

WAIT_MS = 5000


def publish_bytes(data: bytes, dest: Path) -> None:
    """Replace ``dest`` the way ``kiosk-content publish`` does: a copy beside it, then rename."""
    tmp = dest.with_name(f".{dest.name}.publishing")
    tmp.write_bytes(data)
    tmp.replace(dest)


def publish(good: Path, dest: Path) -> None:
    publish_bytes(good.read_bytes(), dest)


def commit_staged(watcher: BundleWatcher, store: BundleStore) -> Path:
    """What the kiosk does at the end of a visit: commit the candidate the watcher staged."""
    staged = watcher.take_staged()
    assert staged is not None
    return store.commit(staged)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "published"
    path.mkdir()
    return path


@pytest.fixture
def bundle(folder: Path) -> Path:
    return build_bundle(folder / "exhibit.sqlite", "v1")


@pytest.fixture
def store(tmp_path: Path, bundle: Path) -> BundleStore:
    store = BundleStore(tmp_path / "data", checker=checker, default_bundle=bundle)
    store.startup_bundle(bundle)
    return store


@pytest.fixture
def watcher(qtbot: QtBot, bundle: Path, store: BundleStore) -> Iterator[BundleWatcher]:
    w = BundleWatcher(bundle, store, checker=checker, debounce_ms=20, poll_ms=600_000)
    w.start()
    yield w
    w.stop()


def test_good_new_bundle_is_announced(
    qtbot: QtBot, watcher: BundleWatcher, bundle: Path, tmp_path: Path
) -> None:
    """A good bundle published over the watched one gives candidateReady with its path."""
    v2 = build_bundle(tmp_path / "v2.sqlite", "v2")
    with qtbot.waitSignal(watcher.candidateReady, timeout=WAIT_MS) as blocker:
        publish(v2, bundle)
    assert blocker.args == [str(bundle)]
    assert watcher.last_result is not None and watcher.last_result.ok


def test_good_then_corrupt_then_half_written(
    qtbot: QtBot, watcher: BundleWatcher, bundle: Path, tmp_path: Path, store: BundleStore
) -> None:
    """Replace with a good bundle, then a corrupt one, then half a file: ready, refused, refused."""
    v2 = build_bundle(tmp_path / "v2.sqlite", "v2")
    with qtbot.waitSignal(watcher.candidateReady, timeout=WAIT_MS):
        publish(v2, bundle)
    commit_staged(watcher, store)

    bad = corrupt_copy(v2, tmp_path / "bad.sqlite")
    with qtbot.waitSignal(watcher.candidateRejected, timeout=WAIT_MS) as refused:
        publish(bad, bundle)
    assert refused.args[0] == str(bundle) and "damaged" in refused.args[1]

    v3 = build_bundle(tmp_path / "v3.sqlite", "v3").read_bytes()
    with qtbot.waitSignal(watcher.candidateRejected, timeout=WAIT_MS) as half:
        bundle.write_bytes(v3[: len(v3) // 2])
    assert "damaged" in half.args[1] or "incomplete" in half.args[1]
    rejection = store.last_rejected()
    assert rejection is not None and rejection.source == str(bundle.resolve())


def test_completed_copy_is_taken_after_a_refusal(
    qtbot: QtBot, watcher: BundleWatcher, bundle: Path, tmp_path: Path
) -> None:
    """A half-written file is refused; once the copy completes, the bundle is announced."""
    v2 = build_bundle(tmp_path / "v2.sqlite", "v2").read_bytes()
    with qtbot.waitSignal(watcher.candidateRejected, timeout=WAIT_MS):
        bundle.write_bytes(v2[: len(v2) // 2])
    with qtbot.waitSignal(watcher.candidateReady, timeout=WAIT_MS):
        bundle.write_bytes(v2)


def test_watch_survives_replace(
    qtbot: QtBot, watcher: BundleWatcher, bundle: Path, tmp_path: Path, store: BundleStore
) -> None:
    """After one replace the watcher still hears the next one."""
    for version in ("v2", "v3"):
        new = build_bundle(tmp_path / f"{version}.sqlite", version)
        with qtbot.waitSignal(watcher.candidateReady, timeout=WAIT_MS):
            publish(new, bundle)
        commit_staged(watcher, store)
    assert str(bundle) in watcher.watched_paths


def test_same_content_is_not_announced(qtbot: QtBot, bundle: Path, store: BundleStore) -> None:
    """Republishing the bytes the kiosk already runs is checked, but not announced."""
    calls: list[Path] = []
    emitted: list[object] = []

    def counting(path: Path) -> CandidateResult:
        calls.append(path)
        return checker(path)

    w = BundleWatcher(bundle, store, checker=counting, debounce_ms=20, poll_ms=600_000)
    w.candidateReady.connect(emitted.append)
    w.candidateRejected.connect(lambda *args: emitted.append(args))
    w.start()
    publish_bytes(bundle.read_bytes(), bundle)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=WAIT_MS)
    assert emitted == []
    w.stop()


def test_unrelated_file_in_folder_is_ignored(
    qtbot: QtBot, watcher: BundleWatcher, folder: Path
) -> None:
    """Other files appearing in the folder cause no check and no signal."""
    with (
        qtbot.assertNotEmitted(watcher.candidateReady, wait=200),
        qtbot.assertNotEmitted(watcher.candidateRejected, wait=0),
    ):
        (folder / "notes.txt").write_text("hello")


def test_poll_finds_change_without_events(
    qtbot: QtBot, bundle: Path, store: BundleStore, tmp_path: Path
) -> None:
    """The poll fallback finds a new bundle on a file system that sends no events."""
    w = BundleWatcher(bundle, store, checker=checker, debounce_ms=20, poll_ms=30)
    w.start()
    w.stop()  # no file system events, no timers: only explicit polls
    publish(build_bundle(tmp_path / "v2.sqlite", "v2"), bundle)
    with qtbot.waitSignal(w.candidateReady, timeout=WAIT_MS):
        w.poll()
        w.poll()


def test_changing_file_is_not_checked(qtbot: QtBot, store: BundleStore, bundle: Path) -> None:
    """While size or mtime still change between looks, nothing is checked; once stable, the
    kiosk's copy of it is (on a worker thread)."""
    looks = iter([FileSignature(100, 1), FileSignature(200, 2), FileSignature(300, 3)])
    current: list[FileSignature] = []

    def observe(_p: Path) -> FileSignature:
        if not current or len(current) < 3:
            current.append(next(looks))
        return current[-1]

    calls: list[Path] = []

    def counting(path: Path) -> CandidateResult:
        calls.append(path)
        return checker(path)

    w = BundleWatcher(bundle, store, checker=counting, debounce_ms=600_000, observe_file=observe)
    w.start()  # first look: 100 (taken as already handled)
    w.poll()  # 200: changing
    w.poll()  # 300: changing
    assert calls == []
    w.poll()  # 300 again: stable, so copied and checked
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=WAIT_MS)
    assert calls[0].parent == store.folder and calls[0].name.startswith(".incoming-")
    qtbot.waitUntil(lambda: not w.busy, timeout=WAIT_MS)
    w.stop()


def test_recheck_checks_unchanged_file(
    qtbot: QtBot, watcher: BundleWatcher, tmp_path: Path
) -> None:
    """The admin's reload re-checks the file even when it has not changed."""
    watcher.path.write_bytes(b"broken")
    with qtbot.waitSignal(watcher.candidateRejected, timeout=WAIT_MS):
        pass
    with qtbot.waitSignal(watcher.candidateRejected, timeout=WAIT_MS):
        watcher.recheck()


# -- off the GUI thread (issues 13 and 14) ------------------------------------------------------
class SlowChecker:
    """The test checker, held on a worker thread until the test releases it."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, path: Path) -> CandidateResult:
        self.threads.append(threading.current_thread())
        self.started.set()
        self.release.wait()
        return checker(path)


def test_a_slow_check_never_blocks_the_event_loop(
    qtbot: QtBot, bundle: Path, store: BundleStore, tmp_path: Path
) -> None:
    """While a check runs, timers on the GUI thread keep firing; the outcome then arrives on
    the GUI thread."""
    slow = SlowChecker()
    w = BundleWatcher(bundle, store, checker=slow, debounce_ms=20, poll_ms=600_000)
    ready_on: list[threading.Thread] = []
    w.candidateReady.connect(lambda _p: ready_on.append(threading.current_thread()))
    w.start()
    publish(build_bundle(tmp_path / "v2.sqlite", "v2"), bundle)
    qtbot.waitUntil(slow.started.is_set, timeout=WAIT_MS)
    assert w.busy
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=WAIT_MS)  # the GUI thread is free
    timer.stop()
    assert w.busy and ready_on == []
    with qtbot.waitSignal(w.candidateReady, timeout=WAIT_MS):
        slow.release.set()
    assert slow.threads[0] is not threading.main_thread()
    assert ready_on == [threading.main_thread()]
    w.stop()


def test_stop_does_not_wait_for_a_stuck_check(
    qtbot: QtBot, bundle: Path, store: BundleStore, tmp_path: Path
) -> None:
    """Quitting while a check is stuck returns within the bounded wait; the check's result
    is dropped and its copy deleted when it finally ends."""
    slow = SlowChecker()
    w = BundleWatcher(bundle, store, checker=slow, debounce_ms=20, poll_ms=600_000)
    w.start()
    publish(build_bundle(tmp_path / "v2.sqlite", "v2"), bundle)
    qtbot.waitUntil(slow.started.is_set, timeout=WAIT_MS)
    before = time.monotonic()
    with qtbot.assertNotEmitted(w.candidateReady, wait=0):
        w.stop(wait_s=0.05)
    assert time.monotonic() - before < 2.0
    assert not w.busy
    slow.release.set()
    with qtbot.assertNotEmitted(w.candidateReady, wait=0):
        slow.threads[0].join(WAIT_MS / 1000)
        qtbot.wait(0)  # deliver anything the thread queued (nothing must come)
    assert not slow.threads[0].is_alive()
    assert [p.name for p in store.folder.iterdir() if p.name.startswith(".incoming-")] == []


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("kind", "words"), [("folder", "folder"), ("symlink-loop", "loops"), ("fifo", "named pipe")]
)
def test_a_folder_loop_or_fifo_swapped_in_is_refused_logged_and_recorded(
    qtbot: QtBot,
    watcher: BundleWatcher,
    bundle: Path,
    tmp_path: Path,
    store: BundleStore,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    words: str,
) -> None:
    """Something that is not a file put where the bundle was: refused, logged at ERROR and
    recorded in state.json as the last refused bundle, for the admin screen."""
    good = tmp_path / "good.sqlite"
    good.write_bytes(bundle.read_bytes())
    with qtbot.waitSignal(watcher.candidateRejected, timeout=WAIT_MS) as refused:
        bundle.unlink()
        damaged(kind, good, bundle)
    assert words in refused.args[1] and str(bundle) in refused.args[1]
    assert any(r.levelno >= logging.ERROR and words in r.getMessage() for r in caplog.records)
    rejection = store.last_rejected()
    assert rejection is not None and words in rejection.problems[0]


def test_an_exception_in_the_check_is_a_refusal(
    qtbot: QtBot, bundle: Path, store: BundleStore, tmp_path: Path
) -> None:
    """A checker that raises: a refusal carrying its message, never the excepthook."""

    def broken(_path: Path) -> CandidateResult:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    w = BundleWatcher(bundle, store, checker=broken, debounce_ms=20, poll_ms=600_000)
    w.start()
    with qtbot.waitSignal(w.candidateRejected, timeout=WAIT_MS) as refused:
        publish(build_bundle(tmp_path / "v2.sqlite", "v2"), bundle)
    assert "UnicodeDecodeError" in refused.args[1]
    w.stop()


def test_a_full_data_folder_is_retried_with_back_off(
    qtbot: QtBot, bundle: Path, tmp_path: Path
) -> None:
    """A data folder that cannot take the copy: nothing is announced, the trouble is said,
    tries come after each delay in turn; once the folder works, the bundle is announced."""
    data = tmp_path / "data"
    data.write_text("a file where the data folder should be")  # mkdir fails like a full disk
    store = BundleStore(data, checker=checker, default_bundle=bundle)
    w = BundleWatcher(
        bundle, store, checker=checker, debounce_ms=20, poll_ms=600_000, retry_ms=(30, 60)
    )
    troubles: list[str] = []
    w.troubleChanged.connect(troubles.append)
    w.start()
    with qtbot.assertNotEmitted(w.candidateReady, wait=0):
        publish(build_bundle(tmp_path / "v2.sqlite", "v2"), bundle)
        qtbot.waitUntil(lambda: len(troubles) == 2, timeout=WAIT_MS)
    assert "cannot be copied" in troubles[0] and "0.03 s" in troubles[0]
    assert "0.06 s" in troubles[1] and w.trouble == troubles[1]
    data.unlink()
    with qtbot.waitSignal(w.candidateReady, timeout=WAIT_MS):
        pass
    assert w.trouble == "" and troubles[-1] == ""
    staged = w.take_staged()
    assert staged is not None and store.commit(staged).parent == store.folder
    w.stop()
