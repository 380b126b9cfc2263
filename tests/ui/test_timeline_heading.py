"""The timeline's era heading and the year strip's mark, on screen, follow the visitor and the
language; the year and the era are each said once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.ui.tools.settle import find_item, iter_items

from .bundles import make_bundle
from .touch import item, tap

ERA_TRANSLATIONS = {
    ("events", "conflict", "era", "az"): "Münaqişə",
    ("events", "attack", "era", "az"): "Faciə",
}


@pytest.fixture
def era_bundle(tmp_path: Path) -> Path:
    return make_bundle(
        tmp_path / "eras.sqlite", locales=("en", "az"), translations=ERA_TRANSLATIONS
    )


def _text(shell: Any, name: str) -> str:
    found = find_item(shell.window, name)
    return "" if found is None else str(found.property("text"))


def _timeline(shell: Any, qtbot: Any) -> None:
    """Go to the timeline and wait until its year strip is laid out and drawn: the buttons are
    there, and a frame was swapped after them (so the layouts' polish has run)."""
    shell.navigator.go("timeline")
    qtbot.waitUntil(lambda: find_item(shell.window, "year_1994") is not None, timeout=3000)
    with qtbot.waitSignal(shell.window.frameSwapped, timeout=3000):
        shell.window.update()


def test_era_heading_follows_a_language_change(
    make_shell: Any, era_bundle: Path, qtbot: Any, qt_warnings: Any
) -> None:
    """In portrait the era stands above the cards; choosing another language rewrites it at
    once, and the strip still marks the year."""
    shell = make_shell(bundle=era_bundle, size=(1080, 1920))
    _timeline(shell, qtbot)
    assert _text(shell, "currentEra") == "The conflict"
    tap(shell.window, "year_1992")
    qtbot.waitUntil(lambda: _text(shell, "currentEra") == "The tragedy", timeout=2000)
    assert item(shell.window, "year_1992").property("kind") == "primary"
    shell.language.choose("az")
    qtbot.waitUntil(lambda: _text(shell, "currentEra") == "Faciə", timeout=2000)
    assert item(shell.window, "year_1992").property("kind") == "primary"
    shell.language.choose("en")
    qtbot.waitUntil(lambda: _text(shell, "currentEra") == "The tragedy", timeout=2000)
    assert qt_warnings() == []


def test_year_is_marked_on_the_strip(make_shell: Any, era_bundle: Path, qtbot: Any) -> None:
    """A tap on a year of the strip makes it the marked one; no second, larger year heading
    repeats it."""
    shell = make_shell(bundle=era_bundle)
    _timeline(shell, qtbot)
    assert item(shell.window, "year_1988").property("kind") == "primary"
    tap(shell.window, "year_1994")
    qtbot.waitUntil(lambda: shell.timeline.currentYear == "1994", timeout=2000)
    qtbot.waitUntil(lambda: item(shell.window, "year_1994").property("kind") == "primary")
    assert item(shell.window, "year_1988").property("kind") == "quiet"
    assert find_item(shell.window, "currentYear") is None
    assert find_item(shell.window, "currentYearLarge") is None


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_era_is_named_once(make_shell: Any, era_bundle: Path, qtbot: Any, size: Any) -> None:
    """Where the portrait heading names the era, the cards of that era do not name it again
    (their marker line stays); in landscape the cards' labels are the only names."""
    shell = make_shell(bundle=era_bundle, size=size)
    _timeline(shell, qtbot)
    labels = [
        i.property("text")
        for i in iter_items(shell.window.contentItem())
        if i.objectName() == "eraLabel" and i.isVisible()
    ]
    heading = _text(shell, "currentEra")
    named = labels + ([heading] if heading else [])
    assert named.count("The conflict") == 1, named
