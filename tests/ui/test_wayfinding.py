"""Wayfinding and touch: what can be touched, where the visitor is, where text goes on, where
things come from, and where to begin (issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor

from kiosk.ui.screens import SCREENS
from kiosk.ui.tools.settle import find_item, iter_items, qml_eval, settle

from .bundles import EVENTS, SECTIONS, make_bundle
from .touch import item, tap


def _visible(window: Any, name: str) -> list[Any]:
    return [i for i in iter_items(window.contentItem()) if i.objectName() == name and i.isVisible()]


# -- larger text and higher contrast, everywhere ---------------------------------------------
@pytest.mark.parametrize("screen", [s.name for s in SCREENS if s.name != "attract"])
def test_reading_choices_in_every_bottom_bar(make_shell: Any, screen: str) -> None:
    """Larger text and higher contrast are in the bottom bar of every screen, and work there."""
    shell = make_shell()
    shell.navigator.go(screen)
    settle(shell.window)
    tap(shell.window, "toggleLargeText")
    assert shell.accessibility.largeText
    tap(shell.window, "toggleHighContrast")
    assert shell.accessibility.highContrast
    assert item(shell.window, "toggleLargeText").property("checked") is True
    tap(shell.window, "toggleLargeText")
    assert not shell.accessibility.largeText


def test_icons_grow_with_the_text(make_shell: Any) -> None:
    """A button's drawn icon is as large as its words, in large text mode too."""
    shell = make_shell()
    shell.navigator.go("history")
    settle(shell.window)
    glyph = float(qml_eval(item(shell.window, "homeButton"), "contentItem.children[0].width"))
    shell.accessibility.largeText = True
    settle(shell.window)
    larger = float(qml_eval(item(shell.window, "homeButton"), "contentItem.children[0].width"))
    assert larger / glyph == pytest.approx(1.3, abs=0.05)


# -- home ------------------------------------------------------------------------------------
@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_home_says_where_to_begin_and_tiles_are_in_reach(make_shell: Any, large: bool) -> None:
    """One sentence says where to begin; in portrait every tile lies in the lower part of the
    screen a seated visitor reaches (Theme.seatedReach, from the bottom edge)."""
    shell = make_shell(size=(1080, 1920))
    shell.accessibility.largeText = large
    shell.navigator.home()
    settle(shell.window)
    assert "History" in item(shell.window, "homeBegin").property("text")
    reach = shell.theme().property("seatedReach")
    top_of_reach = shell.window.height() * (1 - reach)
    for name in ("tileHistory", "tileTimeline", "tileNumbers", "tileMemorial"):
        tile = item(shell.window, name)
        assert tile.mapToScene(tile.position() * 0).y() >= top_of_reach - 1, name


# -- "more" under long text ------------------------------------------------------------------
@pytest.fixture
def long_bundle(tmp_path: Path) -> Path:
    long = ("long", "A long section", "\n\n".join(["Text that goes on. " * 12] * 30), False, "")
    return make_bundle(tmp_path / "long.sqlite", sections=[long, *SECTIONS])


def test_more_button_scrolls_on_and_back(make_shell: Any, long_bundle: Path) -> None:
    """Where the text goes on below, a More button scrolls on by most of a screen; at the end
    it goes back to the top."""
    shell = make_shell(bundle=long_bundle)
    shell.navigator.go("history")
    settle(shell.window)
    more = item(shell.window, "moreButton")
    assert more.property("text") == "More"
    flick = item(shell.window, "readingFlick")
    assert flick.property("contentY") == 0
    tap(shell.window, "moreButton")
    first = flick.property("contentY")
    assert first > flick.height() * 0.5
    for _ in range(40):
        if item(shell.window, "moreButton").property("text") != "More":
            break
        tap(shell.window, "moreButton")
    assert item(shell.window, "moreButton").property("text") == "Back to the top"
    tap(shell.window, "moreButton")
    assert flick.property("contentY") == 0


def test_no_more_button_when_all_fits(make_shell: Any) -> None:
    shell = make_shell()
    shell.navigator.go("history")
    shell.history.goTo(len(SECTIONS) - 1)  # a short section
    settle(shell.window)
    assert find_item(shell.window, "moreButton") is None


# -- the advisory ----------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)])
@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_advisory_choices_are_equal_and_alone(make_shell: Any, size: Any, large: bool) -> None:
    """On an advisory the two choices are the same size at every text size, and the bar's
    Next does not compete with them."""
    shell = make_shell(size=size)
    shell.accessibility.largeText = large
    shell.navigator.go("history")
    shell.history.goTo(shell.history.firstSensitive())
    settle(shell.window)
    read, skip = item(shell.window, "advisoryRead"), item(shell.window, "advisorySkip")
    assert (read.width(), read.height()) == (skip.width(), skip.height())
    assert find_item(shell.window, "historyNext") is None
    tap(shell.window, "advisoryRead")
    assert item(shell.window, "historyNext").isVisible()


# -- history: where you are ------------------------------------------------------------------
def test_section_list_shows_and_goes_to_a_section(make_shell: Any) -> None:
    """Every section is listed, the current one marked; a tap goes to that section."""
    shell = make_shell()
    shell.navigator.go("history")
    settle(shell.window)
    assert find_item(shell.window, "sectionEntry_1") is not None
    tap(shell.window, "sectionEntry_2")
    assert shell.history.index == 1
    titles = [i.property("text") for i in _visible(shell.window, "sectionTitle")]
    assert SECTIONS[1][1] in titles
    entry = item(shell.window, "sectionEntry_2")
    assert qml_eval(entry, "current") is True


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_section_list_in_portrait_sits_low(make_shell: Any, size: Any) -> None:
    """In portrait the list lies below the text, within reach; in landscape beside it."""
    shell = make_shell(size=size)
    shell.navigator.go("history")
    settle(shell.window)
    entry = item(shell.window, "sectionEntry_1")
    body = item(shell.window, "sectionTitle")
    if size[1] > size[0]:
        assert entry.mapToScene(entry.position() * 0).y() > body.mapToScene(body.position() * 0).y()
        reach = shell.theme().property("seatedReach")
        assert entry.mapToScene(entry.position() * 0).y() >= size[1] * (1 - reach)
    else:
        assert entry.mapToScene(entry.position() * 0).x() < body.mapToScene(body.position() * 0).x()


# -- timeline cards --------------------------------------------------------------------------
@pytest.fixture
def summary_bundle(tmp_path: Path) -> Path:
    events = [
        (*EVENTS[0], "A conflict starts."),
        *EVENTS[1:],
        ("wordy", "1999", "year", "", "Wordy", "Word " * 200, "Remembrance"),
    ]
    return make_bundle(tmp_path / "summaries.sqlite", events=events)


def _card_texts(shell: Any, name: str) -> list[str]:
    return [str(i.property("text")) for i in _visible(shell.window, name)]


def test_card_shows_the_summary_and_a_cut_at_a_word(make_shell: Any, summary_bundle: Path) -> None:
    """A card shows the curator's summary; without one, the start of the body cut at a word
    with an ellipsis, never in the middle of one."""
    shell = make_shell(bundle=summary_bundle)
    model = shell.content.timeline_model
    assert model.get(0, "excerpt") == "A conflict starts."
    wordy = model.get(model.rowCount() - 1, "excerpt")
    assert wordy.endswith("…") and len(wordy) <= 161
    assert wordy[:-1].split()[-1] == "Word"
    shell.navigator.go("timeline")
    settle(shell.window)
    assert "A conflict starts." in _card_texts(shell, "eventExcerpt")
    shell.window.resize(QSize(1280, 800))  # a small screen, large text: cards must shorten
    shell.accessibility.largeText = True
    settle(shell.window)
    shown = _card_texts(shell, "eventExcerpt")
    assert any(text.endswith("…") for text in shown), shown
    for text in shown:
        body = text.removesuffix("…")
        if text.endswith("…"):
            # what is shown ends with a whole word of the text it came from
            source = next(
                str(model.get(r, "excerpt"))
                for r in range(model.rowCount())
                if str(model.get(r, "excerpt")).startswith(body)
            )
            rest = source[len(body) :]
            assert rest == "" or not rest[0].isalnum(), (body, rest[:10])


def test_undated_card_says_the_source_gives_no_date(make_shell: Any) -> None:
    """An event the source does not date says so, rather than showing nothing."""
    shell = make_shell()
    shell.navigator.go("timeline")
    shell.timeline.jumpToYear(shell.content.year_model.rowCount() - 1)
    settle(shell.window)
    list_view = item(shell.window, "timelineList")
    qml_eval(list_view, "positionViewAtEnd()")
    settle(shell.window)
    assert "The source gives no date" in _card_texts(shell, "eventDate")


def test_edge_card_fades(make_shell: Any) -> None:
    """A fade lies over the right edge while more cards follow, and goes at the end."""
    shell = make_shell()
    shell.navigator.go("timeline")
    settle(shell.window)
    fade = item(shell.window, "edgeFadeRight")
    assert fade.opacity() == 1
    view = item(shell.window, "timelineList")
    qml_eval(view, "positionViewAtEnd()")
    settle(shell.window)
    assert fade.opacity() == 0


# -- sources ---------------------------------------------------------------------------------
def _texts_saying_source(shell: Any) -> list[str]:
    """Every text on screen that starts as a source line does, except the sources line's own."""
    lines = _visible(shell.window, "sourcesLine")
    return [
        str(i.property("text"))
        for i in iter_items(shell.window.contentItem())
        if i.isVisible()
        and str(i.property("text") or "").startswith(("Source:", "Sources:"))
        and not any(line.isAncestorOf(i) or line == i for line in lines)
    ]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("screen", ["history", "timeline", "numbers", "memorial"])
def test_one_sources_line_opens_the_panel(make_shell: Any, screen: str, size: Any) -> None:
    """One line per screen names the source and opens a panel listing each source with its
    note; Close (or a tap outside) closes it. No "Source:" repeats under every text."""
    shell = make_shell(size=size)
    shell.navigator.go(screen)
    settle(shell.window)
    lines = _visible(shell.window, "sourcesLine")
    assert len(lines) == 1
    assert _texts_saying_source(shell) == []
    assert lines[0].property("text") == "Source: Exhibit text"
    assert shell.sources.sourcesFor(screen) == [{"title": "Exhibit text", "detail": "page 1"}]
    tap(shell.window, "sourcesLine")
    assert shell.sources.openScreen == screen
    assert _card_texts(shell, "sourceTitle") == ["Exhibit text"]
    assert _card_texts(shell, "sourceDetail") == ["page 1"]
    detail = _visible(shell.window, "sourceDetail")[0]
    assert detail.property("font").italic() is False
    assert detail.width() <= shell.theme().property("measure") + 1
    tap(shell.window, "sourcesClose")
    assert shell.sources.openScreen == ""


@pytest.fixture
def two_sources_bundle(tmp_path: Path) -> Path:
    """A second source, named by a part of a figure and by a decree only."""
    path = make_bundle(tmp_path / "sources.sqlite")
    db = sqlite_utils.Database(path)
    db["sources"].insert({"id": 2, "key": "archive", "title": "State archive", "detail": "f. 7"})
    db.execute("UPDATE statistics SET source_id = 2 WHERE key = 'children'")
    db.execute("UPDATE remembrance SET source_id = 2 WHERE key = 'decree-1994'")
    db.conn.commit()
    db.close()
    return path


@pytest.mark.parametrize("screen", ["numbers", "memorial"])
def test_sources_panel_lists_every_source_the_screen_uses(
    make_shell: Any, two_sources_bundle: Path, screen: str
) -> None:
    """The panel of Numbers lists a source named only by a part of a figure, and Memorial's
    one named only by a decree, after the one named first; the line says there are more."""
    shell = make_shell(bundle=two_sources_bundle)
    expected = [
        {"title": "Exhibit text", "detail": "page 1"},
        {"title": "State archive", "detail": "f. 7"},
    ]
    assert shell.sources.sourcesFor(screen) == expected
    assert shell.sources.sourcesFor("history") == expected[:1]
    shell.navigator.go(screen)
    settle(shell.window)
    [line] = _visible(shell.window, "sourcesLine")
    assert line.property("text") == "Sources: Exhibit text and 1 more"
    tap(shell.window, "sourcesLine")
    assert shell.sources.openScreen == screen

    def top_down(name: str) -> list[str]:
        shown = sorted(
            _visible(shell.window, name), key=lambda i: i.mapToScene(i.position() * 0).y()
        )
        return [str(i.property("text")) for i in shown]

    assert top_down("sourceTitle") == ["Exhibit text", "State archive"]
    assert top_down("sourceDetail") == ["page 1", "f. 7"]


def test_sources_panel_closes_when_the_visit_ends(make_shell: Any) -> None:
    shell = make_shell()
    shell.navigator.go("history")
    shell.sources.open("history")
    shell.end_visit()
    assert shell.sources.openScreen == ""


# -- inert cards -----------------------------------------------------------------------------
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize(
    ("screen", "names"),
    [("numbers", ("figureCard",)), ("memorial", ("candleCard", "silenceCard"))],
)
def test_inert_cards_have_no_button_look(
    make_shell: Any, screen: str, names: tuple[str, ...], high_contrast: bool
) -> None:
    """A figure card and a remembrance card cannot be touched and do not look as if they
    could: not a button, nothing on them that takes a tap but their own buttons, drawn flat in
    the panel colours, never in a button's fill or edge."""
    shell = make_shell()
    shell.accessibility.highContrast = high_contrast
    shell.navigator.go(screen)
    settle(shell.window)
    theme = shell.theme()
    cards = [i for name in names for i in _visible(shell.window, name)]
    assert len(cards) >= len(names)
    for card in cards:
        assert not card.inherits("QQuickAbstractButton"), card.objectName()
        assert not card.acceptTouchEvents()
        assert card.acceptedMouseButtons() == Qt.MouseButton.NoButton
        fill = QColor(str(qml_eval(card, "String(color)")))
        edge = QColor(str(qml_eval(card, "String(border.color)")))
        assert fill == QColor(theme.property("panel")), card.objectName()
        assert edge == QColor(theme.property("panelEdge")), card.objectName()
        assert fill != QColor(theme.property("control"))
        assert edge != QColor(theme.property("controlOutline"))
        assert qml_eval(card, "border.width") == theme.property("panelEdgeWidth")
