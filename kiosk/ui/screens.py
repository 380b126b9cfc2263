"""The visitor screens, each registered once.

``SCREENS`` is the one list of the exhibit's screens. From it come:

* the names ``Navigator.go`` accepts (kiosk.ui.backend.navigation);
* Main.qml's screen slots, one per entry, in this order (later ones lie above earlier ones),
  each given the objects its ``needs`` names (Main.qml's ``services``) as its required
  properties, and which of them end with the visit (Navigator.slots);
* the home screen's tiles, in this order (Navigator.tiles);
* ``--screenshots``: each screen's shots in this order, then ``STATE_SHOTS``, numbered from 01
  (kiosk.ui.tools.screenshots.STEPS), which the self-test and the layout test walk too;
* the tests' parameters (tests/ui/test_screens.py).

Adding a screen is one entry here plus its QML file (listed in resources/qml/Kiosk/qmldir).
A tile's words are source texts of the "HomeScreen" translation context: marked here with
``QT_TRANSLATE_NOOP`` (so lupdate finds them), translated in QML with ``qsTranslate``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.ui.qt import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from kiosk.ui.runtime.shell import KioskShell

ATTRACT = "attract"
HOME = "home"

# One screenshot: the end of its file name ("history-advisory"), and a step that puts the
# shell in that state through the controllers; False when this bundle has nothing to show.
Shot = tuple[str, Callable[["KioskShell"], bool]]


@dataclass(frozen=True)
class Tile:
    """A way into a screen from home: a drawn motif (TileMotif.qml), a title, a line."""

    motif: str
    title: str
    description: str


@dataclass(frozen=True)
class Screen:
    """One visitor screen."""

    name: str  # what Navigator.go takes; the slot's objectName is "slot_" + name
    component: str  # its QML type in the Kiosk module
    needs: tuple[str, ...]  # its required properties, from Main.qml's services of these names
    tile: Tile | None = None  # a home tile leading to it
    shots: tuple[Shot, ...] = ()
    # True: made once and kept for the whole run (its ``rewind()`` is called when a visit
    # ends); False: rebuilt for every visit, so nothing of the last visitor's stays.
    lasting: bool = False


# -- the screenshot steps: each starts from a calm state and drives the controllers ----------
def _first_plain_section(shell: KioskShell) -> int:
    model = shell.content.section_model
    for row in range(model.rowCount()):
        if not model.is_sensitive(row):
            return row
    return 0


def _richest_event(shell: KioskShell) -> int:
    """An event worth showing open: the longest text among the first hundred."""
    model = shell.content.timeline_model
    rows = range(min(model.rowCount(), 100))
    return max(rows, key=lambda r: len(str(model.get(r, "body") or "")), default=-1)


def _calm(shell: KioskShell) -> None:
    shell.silence.cancel()
    shell.timeline.close()
    shell.accessibility.reset()
    shell.names.reset()


def _go(name: str) -> Callable[[KioskShell], bool]:
    def step(shell: KioskShell) -> bool:
        _calm(shell)
        shell.navigator.go(name)
        return True

    return step


def _attract(shell: KioskShell) -> bool:
    shell.end_visit()
    return True


def _history(shell: KioskShell) -> bool:
    _calm(shell)
    shell.navigator.go("history")
    shell.history.goTo(_first_plain_section(shell))
    return shell.content.section_model.rowCount() > 0


def _advisory(shell: KioskShell) -> bool:
    _calm(shell)
    row = shell.history.firstSensitive()
    if row < 0:
        return False
    shell.navigator.go("history")
    shell.history.goTo(row)
    return shell.history.show_advisory()


def _timeline_event(shell: KioskShell) -> bool:
    _calm(shell)
    shell.navigator.go("timeline")
    row = _richest_event(shell)
    if row < 0:
        return False
    shell.timeline.open(row)
    return True


def _silence(shell: KioskShell) -> bool:
    _calm(shell)
    shell.navigator.go("memorial")
    shell.silence.start()
    return True


def _names_wall(shell: KioskShell) -> bool:
    _calm(shell)
    if not shell.content.hasPeople:
        return False
    shell.navigator.go("memorial")
    shell.names.openWall()
    return True


def _person(shell: KioskShell) -> bool:
    """The card of the first person on the wall."""
    if not _names_wall(shell):
        return False
    model = shell.content.people_model
    key, person_id = model.get(0, "key"), model.get(0, "personId")
    return bool(key) and shell.names.openPerson(str(key), int(person_id or 0))


def _names_search(shell: KioskShell) -> bool:
    """The search with the answer to the first word of the first name on the wall."""
    if not _names_wall(shell):
        return False
    shell.names.openSearch()
    first = str(shell.content.people_model.get(0, "name") or "").split()
    return bool(first) and shell.names.search_and_wait(first[0])


def _idle_prompt(shell: KioskShell) -> bool:
    _calm(shell)
    shell.navigator.home()
    shell.idle.prompt_now()
    return True


def _high_contrast(shell: KioskShell) -> bool:
    _calm(shell)
    shell.idle.activity()
    shell.navigator.go("history")
    shell.history.goTo(_first_plain_section(shell))
    shell.accessibility.highContrast = True
    return True


def _large_text(shell: KioskShell) -> bool:
    _calm(shell)
    shell.navigator.go("history")
    shell.history.goTo(_first_plain_section(shell))
    shell.accessibility.largeText = True
    return True


SCREENS: tuple[Screen, ...] = (
    Screen(
        ATTRACT,
        "AttractScreen",
        needs=("content", "language", "cycleMs"),
        shots=(("attract", _attract),),
        lasting=True,
    ),
    Screen(
        HOME,
        "HomeScreen",
        needs=("content", "navigator", "language", "accessibility"),
        shots=(("home", _go(HOME)),),
    ),
    Screen(
        "history",
        "HistoryScreen",
        needs=("content", "history", "navigator", "sources", "language"),
        tile=Tile(
            "history",
            QT_TRANSLATE_NOOP("HomeScreen", "History"),
            QT_TRANSLATE_NOOP("HomeScreen", "The story, one part at a time"),
        ),
        shots=(("history", _history), ("history-advisory", _advisory)),
    ),
    Screen(
        "timeline",
        "TimelineScreen",
        needs=("content", "timeline", "navigator", "sources", "language"),
        tile=Tile(
            "timeline",
            QT_TRANSLATE_NOOP("HomeScreen", "Timeline"),
            QT_TRANSLATE_NOOP("HomeScreen", "The events, year by year"),
        ),
        shots=(("timeline", _go("timeline")), ("timeline-event", _timeline_event)),
    ),
    Screen(
        "numbers",
        "NumbersScreen",
        needs=("content", "navigator", "language", "sources"),
        tile=Tile(
            "numbers",
            QT_TRANSLATE_NOOP("HomeScreen", "In numbers"),
            QT_TRANSLATE_NOOP("HomeScreen", "The figures and their sources"),
        ),
        shots=(("numbers", _go("numbers")),),
    ),
    Screen(
        "memorial",
        "MemorialScreen",
        needs=("content", "navigator", "candle", "silence", "names", "language", "sources"),
        tile=Tile(
            "memorial",
            QT_TRANSLATE_NOOP("HomeScreen", "Memorial"),
            QT_TRANSLATE_NOOP("HomeScreen", "Remembrance, a minute of silence, a candle"),
        ),
        shots=(("memorial", _go("memorial")), ("minute-of-silence", _silence)),
    ),
)

# States that lie over any screen (the idle prompt) or change them all (contrast, text size):
# shot after every screen's own.
STATE_SHOTS: tuple[Shot, ...] = (
    ("idle-prompt", _idle_prompt),
    ("high-contrast", _high_contrast),
    ("large-text", _large_text),
    # the memorial's names, where the bundle has them (after the rest, so that a bundle
    # without names, like the shipped one, keeps the numbers above)
    ("names", _names_wall),
    ("person", _person),
    ("names-search", _names_search),
)

SCREEN_NAMES: tuple[str, ...] = tuple(s.name for s in SCREENS)


def numbered_shots(
    screens: tuple[Screen, ...] = SCREENS, states: tuple[Shot, ...] = STATE_SHOTS
) -> list[Shot]:
    """Every shot in order, named with a two-digit prefix: ("01-attract", step), ..."""
    shots = [shot for screen in screens for shot in screen.shots] + list(states)
    return [(f"{i:02d}-{name}", step) for i, (name, step) in enumerate(shots, start=1)]


def slots_for_qml(screens: Sequence[Screen] = SCREENS) -> list[dict[str, Any]]:
    """Main.qml's slots: name, component, needs, lasting (a list QML reads as JS objects)."""
    return [
        {"name": s.name, "component": s.component, "needs": list(s.needs), "lasting": s.lasting}
        for s in screens
    ]


def tiles_for_qml(screens: Sequence[Screen] = SCREENS) -> list[dict[str, str]]:
    """The home tiles: the screen's name, its motif, and the untranslated title and line."""
    return [
        {
            "name": s.name,
            "motif": s.tile.motif,
            "title": s.tile.title,
            "description": s.tile.description,
        }
        for s in screens
        if s.tile is not None
    ]
