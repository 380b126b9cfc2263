"""The live-update policy: checking candidates, the kiosk's own copies, the start-up choice."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from kiosk.content.reader import check_readable
from kiosk.ops.bundles import (
    MAX_BUNDLE_BYTES,
    AdoptError,
    BundleStore,
    Cancelled,
    CandidateResult,
    FileSignature,
    Stability,
    check_candidate,
    precheck,
)
from kiosk.ops.bundles import check as bundle_check
from kiosk.ops.bundles import startup as bundle_startup

from .helpers import DAMAGES, FakeClock, build_bundle, checker, corrupt_copy, damaged


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class CountingChecker:
    """The test checker, counting how often it runs."""

    def __init__(self) -> None:
        self.calls: list[Path] = []

    def __call__(self, path: Path) -> CandidateResult:
        self.calls.append(path)
        return checker(path)


@pytest.fixture
def counting() -> CountingChecker:
    return CountingChecker()


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """Stands in for the default exhibit shipped with the program."""
    return build_bundle(tmp_path / "program" / "exhibit.sqlite", "Shipped")


@pytest.fixture
def store(
    tmp_path: Path, shipped: Path, clock: FakeClock, counting: CountingChecker
) -> BundleStore:
    return BundleStore(tmp_path / "data", checker=counting, default_bundle=shipped, clock=clock)


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """The curator's published bundle, in its own folder."""
    (tmp_path / "pub").mkdir()
    return build_bundle(tmp_path / "pub" / "exhibit.sqlite", "Published v1")


# -- Stability ----------------------------------------------------------------------------------
def test_first_look_is_changing() -> None:
    """One look is never enough to take a file."""
    assert Stability().observe(FileSignature(10, 1)) == "changing"


def test_same_look_twice_is_stable() -> None:
    """Size and mtime unchanged across two looks: stable."""
    s = Stability()
    s.observe(FileSignature(10, 1))
    assert s.observe(FileSignature(10, 1)) == "stable"


def test_growing_file_is_changing() -> None:
    """A file still being copied (size growing, mtime moving) is not taken."""
    s = Stability()
    looks = [FileSignature(100, 1), FileSignature(200, 2), FileSignature(300, 3)]
    assert [s.observe(sig) for sig in looks] == ["changing"] * 3


def test_touched_file_is_changing() -> None:
    """Same size but a new mtime still counts as a change."""
    s = Stability()
    s.observe(FileSignature(100, 1))
    assert s.observe(FileSignature(100, 2)) == "changing"


def test_missing_file() -> None:
    """A file that is not there is missing, and its return starts over."""
    s = Stability()
    assert s.observe(None) == "missing"
    assert s.observe(FileSignature(1, 1)) == "changing"


# -- check_candidate ----------------------------------------------------------------------------
def test_good_bundle_passes_with_checksum(published: Path) -> None:
    """A sound bundle is ok, with the sha256 of its bytes."""
    result = checker(published)
    assert result.ok and result.problems == ()
    assert result.checksum == sha(published)


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "no such file"), (b"", "empty"), (b"hello world, not sqlite", "not a content bundle")],
)
def test_unreadable_candidates(tmp_path: Path, content: bytes | None, words: str) -> None:
    """Missing, empty or foreign files are refused with a curator-readable reason."""
    path = tmp_path / "exhibit.sqlite"
    if content is not None:
        path.write_bytes(content)
    result = checker(path)
    assert not result.ok and words in result.reason and str(path) in result.reason


def test_corrupt_bundle_is_refused(tmp_path: Path, published: Path) -> None:
    """A bundle with damaged pages fails quick_check."""
    result = checker(corrupt_copy(published, tmp_path / "bad.sqlite"))
    assert not result.ok and "damaged" in result.reason


def test_half_written_bundle_is_refused(tmp_path: Path, published: Path) -> None:
    """The first half of a bundle is refused, not taken."""
    data = published.read_bytes()
    half = tmp_path / "half.sqlite"
    half.write_bytes(data[: len(data) // 2])
    result = checker(half)
    assert not result.ok and ("damaged" in result.reason or "incomplete" in result.reason)


def test_validator_errors_refuse_and_warnings_carry(published: Path) -> None:
    """Validation errors make a candidate bad; warnings ride along."""

    def validator(_p: Path) -> tuple[list[str], list[str]]:
        return ["events [e1] start_date: not a date"], ["sections [s1] body: long"]

    result = check_candidate(published, validator=validator)
    assert not result.ok and result.problems == ("events [e1] start_date: not a date",)
    assert result.warnings == ("sections [s1] body: long",)


def test_real_validator_is_used_by_default(published: Path) -> None:
    """Without an injected validator the content validator's errors name table, row, field."""
    conn = sqlite3.connect(published)
    conn.execute("UPDATE exhibit SET title = ''")
    conn.commit()
    conn.close()
    result = check_candidate(published)
    assert not result.ok
    assert any("exhibit" in p and "title" in p for p in result.problems)


# -- adopt --------------------------------------------------------------------------------------
def test_adopt_copies_into_data_folder(store: BundleStore, published: Path) -> None:
    """The kiosk runs from its own copy, recorded as current with its checksum and source."""
    copy = store.adopt(published)
    assert copy.parent == store.folder and copy != published
    assert copy.read_bytes() == published.read_bytes()
    current = store.current()
    assert current is not None
    assert (current.file, current.checksum) == (copy, sha(published))
    assert current.source == str(published.resolve())
    assert current.validated_at.startswith("2023-11-14T22:13:20")


def test_adopt_trusts_a_matching_check(
    store: BundleStore, published: Path, counting: CountingChecker
) -> None:
    """A result whose checksum matches the copy is not checked again."""
    store.adopt(published, checker(published))
    assert counting.calls == []


def test_adopt_rechecks_a_file_that_changed(
    store: BundleStore, published: Path, tmp_path: Path
) -> None:
    """A file replaced by a broken one after its check is refused, naming the source."""
    checked = checker(published)
    corrupt_copy(published, tmp_path / "bad.sqlite").replace(published)
    with pytest.raises(AdoptError, match="damaged") as info:
        store.adopt(published, checked)
    assert str(published) in str(info.value)
    assert store.current() is None


def test_adopt_keeps_previous_and_deletes_older(
    store: BundleStore, published: Path, clock: FakeClock
) -> None:
    """Three adoptions leave the current and the previous copy only."""
    copies = []
    for version in ("v1", "v2", "v3"):
        build_bundle(published, version)
        clock.advance(60)
        copies.append(store.adopt(published))
    assert sorted(p.name for p in store.folder.glob("bundle-*")) == sorted(
        p.name for p in copies[1:]
    )
    previous = store.previous()
    assert previous is not None and previous.file == copies[1]


def test_adopting_same_content_reuses_the_copy(store: BundleStore, published: Path) -> None:
    """The same bytes again do not make a second copy."""
    first = store.adopt(published)
    assert store.adopt(published) == first
    assert len(list(store.folder.glob("bundle-*"))) == 1
    assert store.previous() is None


def test_adopt_leaves_no_temporary_files(store: BundleStore, published: Path) -> None:
    """Neither a good nor a refused adoption leaves a temporary copy behind."""
    store.adopt(published)
    published.write_bytes(b"garbage")
    with pytest.raises(AdoptError):
        store.adopt(published)
    assert [p.name for p in store.folder.iterdir() if p.name.startswith(".")] == []


def test_adopt_of_missing_file(store: BundleStore, tmp_path: Path) -> None:
    """A missing source is an AdoptError naming it."""
    with pytest.raises(AdoptError, match=r"gone\.sqlite"):
        store.adopt(tmp_path / "gone.sqlite")


def test_rejection_is_recorded(store: BundleStore, tmp_path: Path) -> None:
    """A refused candidate is kept in the state for the admin screen."""
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"nope")
    store.note_rejected(checker(bad))
    rejection = store.last_rejected()
    assert rejection is not None and "not a content bundle" in rejection.problems[0]


# -- startup_bundle -----------------------------------------------------------------------------
def test_start_on_good_configured_bundle(store: BundleStore, published: Path) -> None:
    """A good configured bundle is adopted and its copy opened, with no notes."""
    path, notes = store.startup_bundle(published)
    assert notes == [] and path.parent == store.folder


def test_start_with_default_config_adopts_shipped(store: BundleStore, shipped: Path) -> None:
    """No configured bundle means the shipped exhibit, still run from a copy."""
    path, notes = store.startup_bundle(None)
    assert notes == [] and path.parent == store.folder
    assert path.read_bytes() == shipped.read_bytes()


def test_second_start_skips_the_check(
    store: BundleStore, published: Path, counting: CountingChecker
) -> None:
    """An unchanged configured bundle is not validated again at the next start."""
    first, _ = store.startup_bundle(published)
    counting.calls.clear()
    assert store.startup_bundle(published) == (first, [])
    assert counting.calls == []


def test_start_on_missing_bundle_uses_last_good(store: BundleStore, published: Path) -> None:
    """A configured bundle that disappeared: the last good copy, with a note saying why."""
    good, _ = store.startup_bundle(published)
    published.unlink()
    path, notes = store.startup_bundle(published)
    assert path == good
    assert "no such file" in notes[0] and "last good copy" in notes[1]


def test_start_on_broken_bundle_uses_last_good(
    store: BundleStore, published: Path, tmp_path: Path
) -> None:
    """A configured bundle replaced by a broken one: the last good copy."""
    good, _ = store.startup_bundle(published)
    corrupt_copy(published, tmp_path / "bad.sqlite").replace(published)
    path, notes = store.startup_bundle(published)
    assert path == good and "damaged" in notes[0]
    assert store.last_rejected() is not None


def test_start_with_damaged_copy_uses_previous(
    store: BundleStore, published: Path, clock: FakeClock
) -> None:
    """When the current copy is damaged too, the previous copy is used."""
    older, _ = store.startup_bundle(published)
    build_bundle(published, "v2")
    clock.advance(60)
    newer, _ = store.startup_bundle(published)
    published.unlink()
    newer.write_bytes(b"x" * newer.stat().st_size)
    path, notes = store.startup_bundle(published)
    assert path == older and "last good copy" in notes[-1]


def test_start_on_broken_bundle_without_copy_uses_shipped(
    store: BundleStore, shipped: Path, tmp_path: Path
) -> None:
    """No good copy yet: the exhibit shipped with the program, with notes."""
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00 and then nothing useful")
    path, notes = store.startup_bundle(bad)
    assert path == shipped
    assert "refused" in notes[0] and "ships with the program" in notes[1]


def test_start_with_nothing_usable(tmp_path: Path, clock: FakeClock) -> None:
    """Nothing usable anywhere: the shipped path and a note saying so, never an exception."""
    store = BundleStore(
        tmp_path / "data", checker=checker, default_bundle=tmp_path / "none.sqlite", clock=clock
    )
    path, notes = store.startup_bundle(tmp_path / "missing.sqlite")
    assert path == tmp_path / "none.sqlite"
    assert "No usable bundle" in notes[-1]


def test_start_survives_corrupt_state_file(store: BundleStore, published: Path) -> None:
    """A damaged state.json is ignored, not fatal."""
    store.startup_bundle(published)
    store.state_path.write_text("{ not json", encoding="utf-8")
    path, notes = store.startup_bundle(published)
    assert path.parent == store.folder and notes == []
    assert json.loads(store.state_path.read_text(encoding="utf-8"))["current"]


def test_start_runs_directly_when_copy_impossible(tmp_path: Path, published: Path) -> None:
    """A data folder that cannot take a copy: the good configured bundle itself, with a note."""
    blocker = tmp_path / "data-is-a-file"
    blocker.write_text("x")
    store = BundleStore(blocker, checker=checker, default_bundle=published)
    path, notes = store.startup_bundle(published)
    assert path == published and "Running directly" in notes[0]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_start_leaves_published_file_closed(store: BundleStore, published: Path) -> None:
    """After choosing, no handle to the published file stays open (Windows can replace it)."""
    store.startup_bundle(published)
    targets = {os.path.realpath(fd) for fd in Path("/proc/self/fd").iterdir()}
    assert str(published.resolve()) not in targets


def test_never_raises_on_checker_failure(tmp_path: Path, shipped: Path) -> None:
    """Even a checker that blows up gives a path and a note, not an exception."""

    def broken(_p: Path) -> CandidateResult:
        raise RuntimeError("checker bug")

    store = BundleStore(tmp_path / "data", checker=broken, default_bundle=shipped)
    path, notes = store.startup_bundle(tmp_path / "x.sqlite")
    assert path == shipped and "checker bug" in notes[0]


# -- damaged and hostile files (issue 14) -------------------------------------------------------
NEVER_A_BUNDLE = {
    "random": "",
    "truncated-100": "",
    "truncated-half": "",
    "empty": "empty",
    "folder": "folder",
    "symlink-loop": "loops",
    "fifo": "named pipe",
}


@pytest.mark.timeout(60)  # a FIFO opened for reading would block for ever
@pytest.mark.parametrize(("kind", "words"), sorted(NEVER_A_BUNDLE.items()))
def test_damaged_candidates_are_refused_naming_file_and_problem(
    tmp_path: Path, published: Path, kind: str, words: str
) -> None:
    """Every damaged file is a refusal that names the file (and, where stat can tell, the
    problem), with the real validator; nothing raises and nothing blocks."""
    bad = damaged(kind, published, tmp_path / f"{kind}.sqlite")
    result = check_candidate(bad)
    assert not result.ok
    assert str(bad) in result.reason and words in result.reason


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", DAMAGES)
def test_no_damaged_file_makes_the_checker_raise(
    tmp_path: Path, published: Path, kind: str
) -> None:
    """Bit flips, extra views and triggers may or may not be refused (the content layer decides
    what a bundle is); the runtime's checker never raises on any of them."""
    bad = damaged(kind, published, tmp_path / f"{kind}.sqlite")
    result = check_candidate(bad)
    if not result.ok:
        assert str(bad) in result.reason


@pytest.mark.parametrize(
    "error",
    [
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
        RuntimeError("Symlink loop from '/x'"),
        MemoryError(),
    ],
)
def test_any_exception_from_the_content_layer_is_a_refusal(
    published: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
) -> None:
    """An exception the content layer did not turn into a BundleError refuses the candidate
    with its message, logged with the traceback at WARNING; it does not propagate."""

    def broken(_path: object) -> None:
        raise error

    monkeypatch.setattr(bundle_check, "check_readable", broken)
    result = check_candidate(published)
    assert not result.ok
    assert str(published) in result.reason and type(error).__name__ in result.reason
    logged = [r for r in caplog.records if r.levelno == logging.WARNING and r.exc_info]
    assert logged and str(published) in logged[0].getMessage()


def test_a_validator_that_raises_is_a_refusal(published: Path) -> None:
    """A validator bug refuses the candidate; it does not reach the excepthook."""

    def validator(_p: Path) -> tuple[list[str], list[str]]:
        raise KeyError("columns")

    result = check_candidate(published, validator=validator)
    assert not result.ok and "KeyError" in result.reason


def test_a_huge_file_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    """A file over MAX_BUNDLE_BYTES is refused by stat alone (a sparse file: nothing is read)."""
    huge = tmp_path / "huge.sqlite"
    with huge.open("wb") as fh:
        fh.truncate(MAX_BUNDLE_BYTES + 1)
    assert "too large" in (precheck(huge) or "")
    result = check_candidate(huge)
    assert not result.ok and "too large" in result.reason and str(huge) in result.reason


def test_stage_refuses_an_oversized_bundle_before_copying(
    tmp_path: Path, shipped: Path, published: Path
) -> None:
    """With a limit below the bundle's size nothing is copied into the data folder."""
    store = BundleStore(
        tmp_path / "data",
        checker=checker,
        default_bundle=shipped,
        max_bytes=published.stat().st_size - 1,
    )
    staged = store.stage(published)
    assert not staged.ok and "too large" in staged.result.reason
    assert not store.folder.exists() or list(store.folder.iterdir()) == []


def test_stage_checks_the_copy_and_commit_makes_it_current(
    store: BundleStore, published: Path, counting: CountingChecker
) -> None:
    """stage copies and checks the copy (not the published file) and changes nothing current;
    commit renames it into place without checking again."""
    staged = store.stage(published)
    assert staged.ok and staged.file is not None and staged.file.parent == store.folder
    assert counting.calls == [staged.file]
    assert store.current() is None
    copy = store.commit(staged)
    assert counting.calls == [staged.file]
    current = store.current()
    assert current is not None and current.file == copy
    assert copy.read_bytes() == published.read_bytes()


def test_a_commit_does_not_delete_a_copy_being_staged(
    store: BundleStore, published: Path, tmp_path: Path
) -> None:
    """A worker staging the next bundle while the GUI thread commits keeps its copy."""
    first = store.stage(published)
    second = store.stage(build_bundle(tmp_path / "v2.sqlite", "v2"))
    store.commit(first)
    assert second.file is not None and second.file.exists()
    store.discard(second)
    assert not second.file.exists()


def test_a_cancelled_stage_leaves_nothing(store: BundleStore, published: Path) -> None:
    """A stage cancelled (the kiosk quitting) raises Cancelled and deletes its copy."""
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        store.stage(published, cancel=cancel)
    assert list(store.folder.iterdir()) == []


@pytest.mark.parametrize("kind", ["symlink-loop", "folder", "random", "truncated-half"])
def test_start_on_a_damaged_bundle_uses_the_last_good_copy(
    store: BundleStore, published: Path, tmp_path: Path, kind: str
) -> None:
    """A damaged configured bundle at start: the last good copy (not the shipped exhibit),
    with a note naming the file and why."""
    good, _ = store.startup_bundle(published)
    published.unlink()
    damaged(kind, build_bundle(tmp_path / "v2.sqlite", "v2"), published)
    path, notes = store.startup_bundle(published)
    assert path == good
    assert str(published) in notes[0] and "refused" in notes[0]
    assert "last good copy" in notes[-1]
    rejection = store.last_rejected()
    assert rejection is not None and rejection.source.endswith("exhibit.sqlite")


@pytest.mark.timeout(60)
def test_start_on_a_fifo_does_not_hang(store: BundleStore, published: Path) -> None:
    """A FIFO as the configured bundle: refused from its type, never opened; last good copy."""
    good, _ = store.startup_bundle(published)
    published.unlink()
    os.mkfifo(published)
    path, notes = store.startup_bundle(published)
    assert path == good and "named pipe" in notes[0]


def test_start_survives_an_unexpected_error_from_the_content_layer(
    store: BundleStore, published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A UnicodeDecodeError (a bit flip in the schema) refuses the bundle; the last good copy
    is still used, not the shipped exhibit."""
    good, _ = store.startup_bundle(published)
    build_bundle(published, "v2")
    real = check_readable

    def flaky(path: object) -> None:
        if Path(str(path)) == published:
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        real(str(path))

    monkeypatch.setattr(bundle_check, "check_readable", flaky)  # the candidate
    monkeypatch.setattr(bundle_startup, "check_readable", flaky)  # the kept copies
    path, notes = store.startup_bundle(published)
    assert path == good
    assert "UnicodeDecodeError" in notes[0] and "last good copy" in notes[-1]
