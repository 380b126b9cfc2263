"""The History screen's list of sections never rests with a row's letters cut by its edge: the
program's resting position keeps the current row whole and puts a row boundary at the top, and
a row the edge still crosses (the list is not a whole number of rows high) shows no letters until
the visitor moves the list (which stays free to flick)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.ui.tools.settle import iter_items, settle

from .bundles import make_bundle
from .touch import center, swipe

TOL = 0.5
SIZES = [(1080, 1920), (1920, 1080), (1280, 800), (3840, 2160)]

# Nine synthetic sections, as many as the default exhibit, titles of different lengths (some
# wrap in a narrow list at large text); the seventh is sensitive, as in the default exhibit.
_TITLES = [
    "Synthetic section one",
    "Synthetic section two, whose title is long enough to need a second line",
    "Synthetic section three",
    "Section four",
    "Synthetic section five, with a longer title",
    "Synthetic section six",
    "Synthetic section seven, marked sensitive",
    "Section eight",
    "Synthetic section nine",
]


@pytest.fixture(scope="module")
def nine_sections(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sections = [
        (
            f"s{n}",
            title,
            "Synthetic body text. " * 20,
            n == 7,
            "Synthetic advisory: this section describes synthetic test events." if n == 7 else "",
        )
        for n, title in enumerate(_TITLES, start=1)
    ]
    return make_bundle(tmp_path_factory.mktemp("sections") / "nine.sqlite", sections=sections)


def _section_list(window: Any) -> QQuickItem:
    lists: list[QQuickItem] = [
        i
        for i in iter_items(window.contentItem())
        if i.objectName() == "sectionList" and i.isVisible()
    ]
    assert len(lists) == 1, lists
    return lists[0]


def _rect(item: QQuickItem, x: float, y: float, w: float, h: float) -> QRectF:
    top_left = item.mapToScene(QPointF(x, y))
    return QRectF(top_left.x(), top_left.y(), w, h)


def _shown_opacity(item: QQuickItem, stop: QQuickItem) -> float:
    """The opacity the item is drawn with, up to (not past) ``stop``, its ancestor."""
    opacity = 1.0
    while item is not stop:
        opacity *= item.opacity()
        item = item.parentItem()
    return opacity


def _texts(window: Any) -> tuple[list[str], list[str]]:
    """The section list's texts whose letters show and are crossed by its edge, and the titles
    hidden although wholly inside it."""
    view = _section_list(window)
    shown = _rect(view, 0, 0, view.width(), view.height())
    cut, hidden = [], []
    for text in iter_items(view):
        if not text.inherits("QQuickText") or not text.isVisible():
            continue
        painted = _rect(
            text,
            0,
            0,
            float(text.property("contentWidth")),
            float(text.property("contentHeight")),
        )
        painted.moveTop(painted.top() + (text.height() - painted.height()) / 2)  # AlignVCenter
        if not painted.intersects(shown):
            continue
        inside = painted.top() >= shown.top() - TOL and painted.bottom() <= shown.bottom() + TOL
        label = f"{text.property('text')!r} at {painted.top():.0f}-{painted.bottom():.0f}"
        if _shown_opacity(text, view) <= 0.01:
            # a row's words go together: its title, the taller, holds the number's height
            if inside and text.objectName() == "sectionEntryTitle":
                hidden.append(label)
        elif not inside:
            cut.append(label)
    return cut, hidden


def _cut_texts(window: Any) -> list[str]:
    """The texts of the section list whose letters show and are crossed by its edge."""
    return _texts(window)[0]


def _current_is_whole(window: Any, number: int) -> bool:
    view = _section_list(window)
    entry = next(
        i for i in iter_items(view) if i.objectName() == f"sectionEntry_{number}" and i.isVisible()
    )
    row = _rect(entry, 0, 0, entry.width(), entry.height())
    shown = _rect(view, 0, 0, view.width(), view.height())
    return row.top() >= shown.top() - TOL and row.bottom() <= shown.bottom() + TOL


def _history(make_shell: Any, bundle: Path, size: tuple[int, int], large: bool) -> Any:
    shell = make_shell(bundle=bundle, size=size)
    shell.accessibility.largeText = large
    shell.navigator.go("history")
    settle(shell.window)
    return shell


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_advisory_list_cuts_no_row(
    make_shell: Any, nine_sections: Path, size: tuple[int, int], large: bool
) -> None:
    """On the advisory step (the walk-through's case) the list, scrolled to the current
    section, shows no row's letters cut by its top or bottom edge; the current row is whole."""
    shell = _history(make_shell, nine_sections, size, large)
    shell.history.goTo(shell.history.firstSensitive())
    settle(shell.window)
    assert shell.history.showAdvisory
    assert _cut_texts(shell.window) == []
    assert _current_is_whole(shell.window, 7)


# Heights at which the list is seldom a whole number of rows high: at several of them (1280
# wide, large text) an edge crosses a tall row below or above its words.
_HEIGHTS = range(760, 1100, 20)


@pytest.mark.parametrize("height", _HEIGHTS)
@pytest.mark.parametrize("width", [1280, 1920])
def test_words_that_fit_show_though_their_row_meets_the_edge(
    make_shell: Any, nine_sections: Path, width: int, height: int
) -> None:
    """A row the edge crosses below or above its words (a large text's tall row) shows them:
    only words the edge would cut are hidden, never an empty box where they would fit."""
    shell = _history(make_shell, nine_sections, (width, height), True)
    for index in range(len(_TITLES)):
        shell.history.goTo(index)
        settle(shell.window)
        cut, hidden = _texts(shell.window)
        assert (cut, hidden) == ([], []), index


def _rows(view: QQuickItem) -> list[tuple[float, float]]:
    """(top, bottom) of each row the list has made, in its content's coordinates."""
    return sorted(
        (entry.y(), entry.y() + entry.height())
        for entry in view.property("contentItem").childItems()
        if entry.objectName().startswith("sectionEntry_")
    )


def _edges_tidy(view: QQuickItem) -> str:
    """'' when an edge is at a row's boundary and at most one row is crossed by an edge."""
    top = float(view.property("contentY"))
    bottom = top + view.height()
    rows = _rows(view)
    crossed = [
        r
        for r in rows
        if (r[0] < top - TOL and r[1] > top + TOL) or (r[0] < bottom - TOL and r[1] > bottom + TOL)
    ]
    at_boundary = any(abs(r[0] - top) <= TOL for r in rows) or any(
        abs(r[1] - bottom) <= TOL for r in rows
    )
    if len(crossed) > 1 or not at_boundary:
        return f"view {top:.0f}-{bottom:.0f}, rows {rows}"
    return ""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_every_resting_position_cuts_no_row(
    make_shell: Any, nine_sections: Path, size: tuple[int, int], large: bool
) -> None:
    """Going to each section in turn (forwards, then back): the program's resting position
    never cuts a row's letters, shows the current row whole, puts an edge at a row's boundary
    and leaves at most one row crossed by an edge (no half rows at both ends)."""
    shell = _history(make_shell, nine_sections, size, large)
    order = [*range(len(_TITLES)), *reversed(range(len(_TITLES)))]
    for index in order:
        shell.history.goTo(index)
        settle(shell.window)
        assert _cut_texts(shell.window) == [], index
        assert _current_is_whole(shell.window, index + 1), index
        assert _edges_tidy(_section_list(shell.window)) == "", index


def test_the_portrait_list_scrolls(make_shell: Any, nine_sections: Path) -> None:
    """(The case above is a real one: in portrait the nine rows are more than the list shows.)"""
    shell = _history(make_shell, nine_sections, (1080, 1920), False)
    view = _section_list(shell.window)
    assert float(view.property("contentHeight")) > view.height() + 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_rows_keep_their_height_when_current(
    make_shell: Any, nine_sections: Path, size: tuple[int, int]
) -> None:
    """The current row's bold title (wider, so perhaps a line longer) does not make its row
    taller: the list does not shift under the visitor's finger when a section is chosen."""
    shell = _history(make_shell, nine_sections, size, True)
    view = _section_list(shell.window)

    def heights() -> list[float]:
        return [bottom - top for top, bottom in _rows(view)]

    first = heights()
    for index in range(len(first)):
        shell.history.goTo(index)
        settle(shell.window)
        assert heights()[: len(first)] == first, index


def test_flicking_stays_free_and_rests_uncut(
    make_shell: Any, nine_sections: Path, qtbot: Any
) -> None:
    """A visitor's swipe moves the list where the finger takes it (the program does not pull
    it back to the current section), and where it comes to rest no row's letters are cut."""
    shell = _history(make_shell, nine_sections, (1080, 1920), False)
    shell.history.goTo(6)
    settle(shell.window)
    view = _section_list(shell.window)
    before = float(view.property("contentY"))
    middle = center(view)
    swipe(shell.window, middle, QPoint(middle.x(), middle.y() + round(view.height() / 3)))
    qtbot.waitUntil(lambda: not view.property("moving"))
    settle(shell.window)
    after = float(view.property("contentY"))
    assert after < before - 20
    assert _cut_texts(shell.window) == []
    assert shell.history.index == 6
