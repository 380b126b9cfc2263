"""The timeline's year and era headings, on screen, follow the visitor and the language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.ui.tools.settle import find_item

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
    """In portrait the year and its era stand above the cards; choosing another language
    rewrites the era at once, and the year stays."""
    shell = make_shell(bundle=era_bundle, size=(1080, 1920))
    _timeline(shell, qtbot)
    assert _text(shell, "currentEra") == "The conflict"
    tap(shell.window, "year_1992")
    qtbot.waitUntil(lambda: _text(shell, "currentEra") == "The tragedy", timeout=2000)
    assert _text(shell, "currentYearLarge") == "1992"
    shell.language.choose("az")
    qtbot.waitUntil(lambda: _text(shell, "currentEra") == "Faciə", timeout=2000)
    assert _text(shell, "currentYearLarge") == "1992"
    shell.language.choose("en")
    qtbot.waitUntil(lambda: _text(shell, "currentEra") == "The tragedy", timeout=2000)
    assert qt_warnings() == []


def test_year_heading_follows_the_year_strip(make_shell: Any, era_bundle: Path, qtbot: Any) -> None:
    """In landscape the year stands at the top right; a tap on a year of the strip shows it,
    and the strip marks that year as the current one."""
    shell = make_shell(bundle=era_bundle)
    _timeline(shell, qtbot)
    assert _text(shell, "currentYear") == "1988"
    tap(shell.window, "year_1994")
    qtbot.waitUntil(lambda: _text(shell, "currentYear") == "1994", timeout=2000)
    assert item(shell.window, "year_1994").property("kind") == "primary"
    assert item(shell.window, "year_1988").property("kind") == "quiet"
