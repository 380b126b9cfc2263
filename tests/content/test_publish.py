"""Publishing: validate, copy beside DEST, then one atomic replace; a refusal touches nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.content.publish import PublishError, publish
from kiosk.content.source import build

from .conftest import BundleFactory


def kiosk_folder(tmp_path: Path) -> tuple[Path, bytes]:
    folder = tmp_path / "kiosk"
    folder.mkdir()
    dest = folder / "exhibit.sqlite"
    dest.write_bytes(b"the bundle the kiosk has now")
    return dest, dest.read_bytes()


def test_valid_bundle_replaces_dest(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """A valid bundle ends up at DEST, byte for byte, with no temporary file left."""
    bundle = fresh_bundle()
    dest, _old = kiosk_folder(tmp_path)
    result = publish(bundle, dest)
    assert dest.read_bytes() == bundle.read_bytes()
    assert result.dest == dest and len(result.sha256) == 64
    assert [p.name for p in dest.parent.iterdir()] == ["exhibit.sqlite"]


def test_invalid_bundle_leaves_dest_untouched(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """A bundle with validation errors is refused and DEST keeps its old content."""
    bundle = fresh_bundle("UPDATE sections SET title = ''")
    dest, old = kiosk_folder(tmp_path)
    with pytest.raises(PublishError, match="refused"):
        publish(bundle, dest)
    assert dest.read_bytes() == old
    assert [p.name for p in dest.parent.iterdir()] == ["exhibit.sqlite"]


def test_unreadable_bundle_leaves_dest_untouched(tmp_path: Path) -> None:
    """Random bytes are refused as not a bundle."""
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(3000))
    dest, old = kiosk_folder(tmp_path)
    with pytest.raises(PublishError, match="not a content bundle"):
        publish(junk, dest)
    assert dest.read_bytes() == old


def test_dest_folder_keeps_the_bundle_name(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """Publishing into a folder puts the bundle there under its own name."""
    bundle = fresh_bundle()
    folder = tmp_path / "kiosk"
    folder.mkdir()
    assert publish(bundle, folder).dest == folder / bundle.name


def test_missing_dest_folder_is_refused(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """A destination in a folder that does not exist is a clear error."""
    with pytest.raises(PublishError, match="does not exist"):
        publish(fresh_bundle(), tmp_path / "nowhere" / "exhibit.sqlite")


def test_busy_dest_is_retried(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """A DEST that is briefly in use (Windows) is retried with growing pauses, then replaced."""
    bundle = fresh_bundle()
    dest, _old = kiosk_folder(tmp_path)
    attempts: list[int] = []
    pauses: list[float] = []

    def flaky_replace(src: Path, dst: Path) -> None:
        attempts.append(1)
        if len(attempts) < 3:
            raise PermissionError(13, "in use")
        src.replace(dst)

    publish(bundle, dest, sleep=pauses.append, replace=flaky_replace)
    assert len(attempts) == 3 and pauses == [0.05, 0.1]
    assert dest.read_bytes() == bundle.read_bytes()


def test_dest_busy_for_too_long_fails_cleanly(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """When DEST stays in use, publish gives up with a message; DEST and folder are unchanged."""
    dest, old = kiosk_folder(tmp_path)
    pauses: list[float] = []

    def always_busy(src: Path, dst: Path) -> None:
        raise PermissionError(13, "in use")

    with pytest.raises(PublishError, match="in use by another program"):
        publish(fresh_bundle(), dest, sleep=pauses.append, replace=always_busy)
    assert sum(pauses) >= 5.0
    assert dest.read_bytes() == old
    assert [p.name for p in dest.parent.iterdir()] == ["exhibit.sqlite"]


def test_bundle_open_with_a_wal_file_is_refused(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """A -wal file beside the bundle means unsaved changes elsewhere: refuse."""
    bundle = fresh_bundle()
    Path(f"{bundle}-wal").write_bytes(b"x" * 100)
    dest, old = kiosk_folder(tmp_path)
    with pytest.raises(PublishError, match="open in another program"):
        publish(bundle, dest)
    assert dest.read_bytes() == old


def test_publishing_onto_itself_is_refused(fresh_bundle: BundleFactory) -> None:
    """DEST may not be the bundle itself."""
    bundle = fresh_bundle()
    with pytest.raises(PublishError, match="bundle itself"):
        publish(bundle, bundle)


def _dead_pid() -> int:
    """A process number that is not running (a child that has exited and been reaped)."""
    pid = os.fork() if hasattr(os, "fork") else 0
    if pid == 0 and hasattr(os, "fork"):
        os._exit(0)
    if pid:
        os.waitpid(pid, 0)
    return pid or 999_999_999


def test_publish_removes_what_a_killed_publish_left(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """`.exhibit.sqlite.<pid>.publishing` of a process that is gone (SIGKILLed mid-publish) is
    removed by the next publish; one of a live process, or of another name, is kept."""
    dest, _old = kiosk_folder(tmp_path)
    stale = dest.with_name(f".exhibit.sqlite.{_dead_pid()}.publishing")
    live = dest.with_name(f".exhibit.sqlite.{os.getppid()}.publishing")
    other = dest.with_name(f".other.sqlite.{_dead_pid()}.publishing")
    for path in (stale, live, other):
        path.write_bytes(b"half a bundle")
    publish(fresh_bundle(), dest)
    assert not stale.exists()
    assert live.exists() and other.exists()


def test_a_very_old_leftover_goes_whatever_its_pid(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """A leftover older than a day is removed even if its pid was reused by a live process."""
    dest, _old = kiosk_folder(tmp_path)
    old = dest.with_name(f".exhibit.sqlite.{os.getppid()}.publishing")
    old.write_bytes(b"x")
    os.utime(old, (0, 0))
    publish(fresh_bundle(), dest)
    assert not old.exists()


def test_build_removes_what_a_killed_build_left(synthetic_source: Path, tmp_path: Path) -> None:
    """The same for `build`'s `.NAME.<pid>.building`; and a built bundle is one file in
    rollback-journal mode (header bytes 18 and 19 are 1, not WAL's 2)."""
    target = tmp_path / "out.sqlite"
    stale = target.with_name(f".out.sqlite.{_dead_pid()}.building")
    stale.write_bytes(b"half")
    build(synthetic_source, target)
    assert not stale.exists()
    assert target.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sqlite", "source"]
