"""A timeline of 10,000 events scrolls like one of ten: virtualised, no Python per frame."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.ui.backend.models import TimelineModel
from kiosk.ui.tools.settle import qml_eval, settle

from .bundles import make_bundle, many_events
from .touch import item


@pytest.fixture(scope="module")
def big_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("big") / "big.sqlite", events=many_events(10_000))


def _delegates(view: Any) -> int:
    return len(view.property("contentItem").childItems())


def test_only_the_cards_in_view_exist(make_shell: Any, big_bundle: Path) -> None:
    """Of 10,000 events only a screenful of cards (and a cache) is ever created."""
    shell = make_shell(bundle=big_bundle)
    shell.navigator.go("timeline")
    settle(shell.window)
    view = item(shell.window, "timelineList")
    assert view.property("count") == 10_000
    assert _delegates(view) < 20
    last_year = shell.content.year_model.rowCount() - 1
    shell.timeline.jumpToYear(last_year)
    settle(shell.window)
    first = qml_eval(view, "indexAt(contentX + leftMargin + 4, height / 2)")
    assert first == 9_990  # the first event of the last year, 1999
    assert _delegates(view) < 20


def test_scrolling_within_view_calls_no_python(
    make_shell: Any, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving the timeline a few pixels at a time (frames) asks Python for nothing."""
    calls: list[int] = []
    original = TimelineModel.data

    def counting(self: TimelineModel, index: Any, role: int = 0) -> Any:
        calls.append(role)
        return original(self, index, role)

    # Patched before the model is first used: PySide looks the override up once.
    monkeypatch.setattr(TimelineModel, "data", counting)
    shell = make_shell(bundle=big_bundle)
    shell.navigator.go("timeline")
    settle(shell.window)
    view = item(shell.window, "timelineList")
    calls.clear()
    start = view.property("contentX")
    for step in range(1, 11):
        view.setProperty("contentX", start + 2 * step)
        settle(shell.window)
    assert calls == []


def test_scrolling_far_asks_only_for_new_cards(
    make_shell: Any, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scrolling past 50 cards asks for about 50 cards' data, not for every frame or row."""
    calls: list[int] = []
    original = TimelineModel.data

    def counting(self: TimelineModel, index: Any, role: int = 0) -> Any:
        calls.append(index.row())
        return original(self, index, role)

    monkeypatch.setattr(TimelineModel, "data", counting)
    shell = make_shell(bundle=big_bundle)
    shell.navigator.go("timeline")
    settle(shell.window)
    view = item(shell.window, "timelineList")
    calls.clear()
    card = view.property("contentItem").childItems()[0].property("width")
    start = view.property("contentX")
    for step in range(1, 101):
        view.setProperty("contentX", start + card * step / 2)
        settle(shell.window)
    rows = set(calls)
    assert 40 <= len(rows) <= 70
    assert len(calls) <= len(rows) * len(TimelineModel.Roles)
