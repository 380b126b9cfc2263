"""The candle count: in the kiosk's data folder, replaced atomically, never lost to a bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.ops.candles import FILE_NAME, CandleStore


def test_count_starts_at_zero_and_persists(tmp_path: Path) -> None:
    """Each candle is saved; a new store reads the count back."""
    store = CandleStore(tmp_path)
    assert store.count == 0
    assert store.light() == 1
    assert store.light() == 2
    assert CandleStore(tmp_path).count == 2
    assert json.loads((tmp_path / FILE_NAME).read_text())["count"] == 2


def test_folder_is_created(tmp_path: Path) -> None:
    """The data folder need not exist yet."""
    store = CandleStore(tmp_path / "new" / "folder")
    store.light()
    assert (tmp_path / "new" / "folder" / FILE_NAME).exists()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"count": -3}',
        b'{"count": "many"}',
        b"[1, 2]",
        b"\xff\xfe",
        b"[" * 100_000,  # issue 14: a RecursionError in json, now refused for its size
        b"[" * 3000,  # small enough to parse: the RecursionError itself
        b'{"count": 1' + b"0" * 5000 + b"}",  # beyond int's digit limit
        b'{"count": 1}' + b" " * 10_000,  # far larger than any candle count
    ],
    ids=[
        "empty",
        "not-json",
        "negative",
        "text",
        "list",
        "not-utf8",
        "brackets-100k",
        "nested",
        "digits",
        "huge",
    ],
)
def test_damaged_file_is_set_aside(tmp_path: Path, content: bytes) -> None:
    """A damaged file counts from zero, is kept aside for a technician, and is replaced."""
    (tmp_path / FILE_NAME).write_bytes(content)
    store = CandleStore(tmp_path)
    assert store.count == 0
    assert list(tmp_path.glob("candles.damaged-*.json"))
    assert store.light() == 1
    assert CandleStore(tmp_path).count == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unwritable_folder_counts_in_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A folder that cannot be written keeps counting in memory and says so once."""
    tmp_path.chmod(0o500)
    try:
        store = CandleStore(tmp_path)
        assert store.light() == 1
        assert store.light() == 2
    finally:
        tmp_path.chmod(0o700)
    assert sum("cannot be saved" in r.message for r in caplog.records) == 1


def test_unwritable_path_counts_in_memory(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A data folder that is a file (cannot hold candles.json) never raises."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = CandleStore(blocker)
    assert store.light() == 1
    assert store.light() == 2
    assert any("cannot be saved" in r.message for r in caplog.records)


def test_no_temporary_files_left(tmp_path: Path) -> None:
    """The atomic write leaves only candles.json behind."""
    store = CandleStore(tmp_path)
    for _ in range(5):
        store.light()
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_set_aside_not_waited_on(tmp_path: Path) -> None:
    """A FIFO named candles.json would block a plain read forever; it is set aside instead."""
    os.mkfifo(tmp_path / FILE_NAME)
    store = CandleStore(tmp_path)
    assert store.count == 0
    assert store.light() == 1
    assert CandleStore(tmp_path).count == 1
