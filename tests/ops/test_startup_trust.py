"""A restart takes the kiosk's own copy with a stat, not a new integrity check, while the copy
is as it was when it was checked and adopted; any change to it means a full check again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.ops.bundles import BundleStore, startup

from .helpers import FakeClock, build_bundle, checker


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> BundleStore:
    shipped = build_bundle(tmp_path / "program" / "exhibit.sqlite", "Shipped")
    return BundleStore(tmp_path / "data", checker=checker, default_bundle=shipped, clock=clock)


@pytest.fixture
def published(tmp_path: Path) -> Path:
    (tmp_path / "pub").mkdir()
    return build_bundle(tmp_path / "pub" / "exhibit.sqlite", "Published v1")


def _quick_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    original = startup._quick_check

    def counting(path: Path) -> list[str]:
        calls.append(path)
        return original(path)

    monkeypatch.setattr(startup, "_quick_check", counting)
    return calls


def test_adopted_copy_records_its_mtime(store: BundleStore, published: Path) -> None:
    """state.json keeps the copy's size and modification time as adopted."""
    path, _ = store.startup_bundle(published)
    state = json.loads(store.state_path.read_text())["current"]
    assert state["mtime_ns"] == path.stat().st_mtime_ns
    assert state["size"] == path.stat().st_size
    assert store.trusted(path)


def test_restart_does_not_check_an_untouched_copy_again(
    store: BundleStore, published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second start takes the copy without SQLite's quick_check."""
    first, _ = store.startup_bundle(published)
    calls = _quick_checks(monkeypatch)
    assert store.startup_bundle(published) == (first, [])
    assert calls == []


def test_a_touched_copy_is_checked_again(
    store: BundleStore, published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy whose modification time changed is not trusted: checked in full."""
    first, _ = store.startup_bundle(published)
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 1_000_000))
    assert not store.trusted(first)
    calls = _quick_checks(monkeypatch)
    assert store.startup_bundle(published) == (first, [])
    assert calls == [first]


def test_trust_false_checks_in_full(
    store: BundleStore, published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``trust=False`` (the copy did not read after all) checks the copy again."""
    first, _ = store.startup_bundle(published)
    calls = _quick_checks(monkeypatch)
    store.startup_bundle(published, trust=False)
    assert calls == [first]


def test_a_state_without_mtime_is_checked(store: BundleStore, published: Path) -> None:
    """A state.json written by an older kiosk (no mtime_ns) is never trusted."""
    first, _ = store.startup_bundle(published)
    state = json.loads(store.state_path.read_text())
    del state["current"]["mtime_ns"]
    store.state_path.write_text(json.dumps(state))
    assert not store.trusted(first)
