"""The screen registry (kiosk.ui.screens) drives the window's slots, the home tiles, the
screenshots and the navigator: adding a screen is one entry plus its QML file."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk import paths
from kiosk.ui.screens import SCREENS, STATE_SHOTS, Screen, Tile, numbered_shots
from kiosk.ui.tools.screenshots import STEPS
from kiosk.ui.tools.settle import find_item, iter_items, settle

from .touch import tap


def _named(shell: Any, name: str) -> Any:
    """The item named ``name``, shown or not."""
    found = [i for i in iter_items(shell.window.contentItem()) if i.objectName() == name]
    assert len(found) == 1, name
    return found[0]


def _tile_name(screen: str) -> str:
    return "tile" + screen[:1].upper() + screen[1:]


def test_screenshot_names_are_the_ones_the_readme_documents() -> None:
    """The registry's shots, numbered, are exactly README's list, in its order."""
    readme = (paths.data_root() / "README.md").read_text(encoding="utf-8")
    sentence = readme[readme.index("`--screenshots` writes") :].split("\n\n")[0]
    documented = re.findall(r"`(\d\d-[a-z-]+)\.png`", sentence)
    assert [name for name, _step in STEPS] == documented


def test_every_registered_screen_has_a_slot_and_every_tile_a_tile(make_shell: Any) -> None:
    """One slot per screen, in the registry's order; one home tile per registered tile."""
    shell = make_shell()
    stage = find_item(shell.window, "stage")
    order = [c.objectName() for c in stage.childItems() if c.objectName().startswith("slot_")]
    assert order == [f"slot_{s.name}" for s in SCREENS]
    shell.navigator.home()
    settle(shell.window)
    for screen in SCREENS:
        tile = find_item(shell.window, _tile_name(screen.name))
        assert (tile is not None) == (screen.tile is not None), screen.name


def test_a_new_entry_is_a_new_screen_with_its_tile(make_shell: Any, qt_warnings: Any) -> None:
    """An entry alone (here re-using a QML file) gives a slot, a tile, and a way there."""
    extra = Screen(
        "figures",
        "NumbersScreen",
        needs=next(s.needs for s in SCREENS if s.component == "NumbersScreen"),
        tile=Tile("numbers", "Figures", "The same figures again"),
    )
    shell = make_shell(screens=(*SCREENS, extra))
    shell.navigator.home()
    settle(shell.window)
    tile = find_item(shell.window, "tileFigures")
    assert tile is not None
    assert tile.property("text") == "Figures"
    tap(shell.window, "tileFigures")
    assert shell.navigator.screen == "figures"
    assert find_item(shell.window, "slot_figures").property("item") is not None
    assert qt_warnings() == []


def test_a_visit_rebuilds_every_screen_but_the_lasting_ones(make_shell: Any) -> None:
    """At the end of a visit the screens go (rebuilt next time); the attract loop stays."""
    shell = make_shell()
    attract = _named(shell, "slot_attract").property("item")
    for screen in SCREENS:
        shell.navigator.go(screen.name)
        settle(shell.window)
    shell.navigator.home()
    settle(shell.window)
    shell.end_visit()
    settle(shell.window)
    for screen in SCREENS:
        slot = _named(shell, f"slot_{screen.name}")
        assert bool(slot.property("active")) == screen.lasting
    assert _named(shell, "slot_attract").property("item") == attract


class _Tiles(QTranslator):
    """A translation of the home tiles' context alone."""

    def translate(self, context: str, source: str, _d: Any = None, _n: int = -1) -> str:
        return f"[{source}]" if context == "HomeScreen" else ""


def test_tile_words_are_translated_in_the_home_screen_context(make_shell: Any) -> None:
    """The words in the registry go through Qt's translation, context "HomeScreen"."""
    shell = make_shell()
    shell.navigator.home()
    settle(shell.window)
    translator = _Tiles()
    QCoreApplication.installTranslator(translator)
    try:
        shell.engine.retranslate()
        settle(shell.window)
        tile = find_item(shell.window, "tileHistory")
        assert tile.property("text") == "[History]"
        assert tile.property("description") == "[The story, one part at a time]"
    finally:
        QCoreApplication.removeTranslator(translator)
        shell.engine.retranslate()


def test_the_shots_follow_the_registry() -> None:
    """Every screen's shots, then the states over them, numbered from 01."""
    names = [name for name, _step in numbered_shots()]
    assert names[0] == "01-attract"
    assert len(names) == len(set(names))
    assert [n[3:] for n in names[: len(names) - len(STATE_SHOTS)]] == [
        shot for s in SCREENS for shot, _step in s.shots
    ]
