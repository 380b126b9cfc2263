"""The visit's language: chosen on the attract screen, changed mid-visit from every screen's
bottom bar with real taps, and the visitor found in the same place in the new language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint

from kiosk.ui.runtime.shell import KioskShell
from kiosk.ui.screens import ATTRACT, HOME, SCREENS
from kiosk.ui.tools.settle import find_item, settle

from .touch import item, tap, tap_at

SHIPPED = Path(__file__).resolve().parents[2] / "db" / "exhibit.sqlite"
HOME_WORDS = {"az": "Ana səhifə", "ru": "Главная", "en": "Home"}


def choose(shell: KioskShell, code: str) -> None:
    """Tap ``code`` in the bar of the screen shown: its short button, or the list it opens."""
    window = shell.window
    if shell.navigator.screen == HOME:
        tap(window, f"language_{code}")
    elif find_item(window, f"barLanguage_{code}") is not None:
        tap(window, f"barLanguage_{code}")
    else:
        tap(window, "barLanguageMenu")
        tap(window, f"barLanguageItem_{code}")
    assert shell.content.locale == code


def _text(shell: KioskShell, name: str) -> str:
    return str(item(shell.window, name).property("text"))


# Where a visitor is on each screen, and what says so in the visit's language: set the place
# with taps, then (after each switch) check it is the same place and reads in the language.
def _history(shell: KioskShell) -> Callable[[], None]:
    tap(shell.window, "historyNext")
    tap(shell.window, "historyNext")
    row = shell.history.index
    assert row == 2

    def same() -> None:
        assert shell.history.index == row
        model = shell.content.section_model
        assert _text(shell, "sectionTitle") == model.get(row, "title")

    return same


def _timeline(shell: KioskShell) -> Callable[[], None]:
    tap(shell.window, "eventTitle")
    assert shell.timeline.isOpen
    row = shell.timeline.property("selectedRow")

    def same() -> None:
        assert shell.timeline.isOpen and shell.timeline.property("selectedRow") == row
        assert _text(shell, "detailTitle") == shell.content.timeline_model.get(row, "title")

    return same


def _memorial(shell: KioskShell) -> Callable[[], None]:
    def same() -> None:
        assert _text(shell, "memorialDedication") == shell.content.dedication

    return same


def _numbers(shell: KioskShell) -> Callable[[], None]:
    def same() -> None:
        assert _text(shell, "figureLabel") == shell.content.statistics_model.get(0, "label")

    return same


def _home(shell: KioskShell) -> Callable[[], None]:
    def same() -> None:
        assert _text(shell, "homeTitle") == shell.content.title

    return same


PLACES: dict[str, Callable[[KioskShell], Callable[[], None]]] = {
    HOME: _home,
    "history": _history,
    "timeline": _timeline,
    "numbers": _numbers,
    "memorial": _memorial,
}
VISITOR_SCREENS = [s for s in SCREENS if s.name != ATTRACT]


@pytest.mark.parametrize("screen", VISITOR_SCREENS, ids=lambda s: s.name)
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_switch_language_mid_visit_on_every_screen(
    make_shell: Any, qt_warnings: Any, screen: Any, size: tuple[int, int]
) -> None:
    """From the attract loop to the screen by taps, a place on it, then each language from the
    bar: the same screen, the same place, its texts and the program's words in the language."""
    shell = make_shell(bundle=SHIPPED, size=size)
    window = shell.window
    tap_at(window, QPoint(8, 8))  # the visit begins in the exhibit's visit language
    assert shell.content.locale == "az"
    if screen.tile is not None:
        tap(window, "tile" + screen.name[0].upper() + screen.name[1:])
    elif screen.name != HOME:
        shell.navigator.go(screen.name)
        settle(window)
    assert shell.navigator.screen == screen.name
    same = PLACES.get(screen.name, lambda _shell: lambda: None)(shell)
    same()
    for code in ("ru", "en", "az"):
        choose(shell, code)
        assert shell.navigator.screen == screen.name
        same()
        if screen.name != HOME:
            assert _text(shell, "homeButton") == HOME_WORDS[code]
    assert qt_warnings() == []


def test_every_visitor_screen_has_the_bar_choice(make_shell: Any) -> None:
    """Each screen of the registry but the attract loop and home (which has the languages by
    name) carries the bar's language choice."""
    shell = make_shell(bundle=SHIPPED)
    for screen in VISITOR_SCREENS:
        if screen.name == HOME:
            continue
        shell.navigator.go(screen.name)
        settle(shell.window)
        assert find_item(shell.window, "barLanguageChoice") is not None, screen.name


def test_the_compact_choice_opens_a_list(make_shell: Any) -> None:
    """Where the bar has no room for the short buttons, one button opens the list of names."""
    shell = make_shell(bundle=SHIPPED, size=(1080, 1920))
    shell.accessibility.largeText = True
    shell.navigator.go("history")
    settle(shell.window)
    choice = item(shell.window, "barLanguageChoice")
    choice.setProperty("compactWidth", 10_000)  # force the compact form
    settle(shell.window)
    tap(shell.window, "barLanguageMenu")
    assert item(shell.window, "barLanguageItem_ru").property("text") == "Русский"
    tap(shell.window, "barLanguageItem_ru")
    assert shell.content.locale == "ru"
    assert find_item(shell.window, "barLanguageList") is None  # closed again


def test_attract_offers_each_language_by_its_own_name(make_shell: Any) -> None:
    """Azərbaycan dili, Русский, English, in the exhibit's order, quiet and large; a touch on
    one begins the visit in it; a touch elsewhere begins it in the visit language."""
    shell = make_shell(bundle=SHIPPED)
    window = shell.window
    theme = shell.theme()
    names = []
    for code in ("az", "ru", "en"):
        button = item(window, f"attractLanguage_{code}")
        names.append(button.property("text"))
        assert button.height() >= theme.property("touchMin")
        assert button.width() >= theme.property("touchMin")
        assert button.property("kind") == "quiet"
    assert names == ["Azərbaycan dili", "Русский", "English"]
    tap(window, "attractLanguage_ru")
    assert shell.navigator.screen == HOME and shell.content.locale == "ru"
    assert _text(shell, "homeTitle") == "Ходжалинская трагедия"
    shell.end_visit()
    settle(window)
    assert shell.content.locale == "az"  # the next visit starts again in the visit language
    tap(window, "attractLanguage_en")
    assert shell.content.locale == "en"
    shell.end_visit()
    settle(window)
    tap_at(window, QPoint(8, 8))
    assert shell.navigator.screen == HOME and shell.content.locale == "az"


def test_attract_offers_nothing_with_one_language(make_shell: Any) -> None:
    shell = make_shell()  # the test bundle: is it one language? then nothing is offered
    if len(shell.content.locale_codes()) > 1:
        from .bundles import make_bundle

        shell.shutdown()
        shell = make_shell(bundle=make_bundle(Path(shell.data_dir) / "one.sqlite"))
    assert find_item(shell.window, "attractLanguages") is None
    assert find_item(shell.window, "attractLanguage_en") is None
