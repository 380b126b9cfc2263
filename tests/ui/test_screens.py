"""The visitor screens in a real window, driven by real touch events."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint

from kiosk.ui.runtime.shell import Timings
from kiosk.ui.screens import SCREEN_NAMES
from kiosk.ui.tools.settle import find_item, qml_eval, settle

from .touch import center, item, swipe, tap, tap_at


@pytest.mark.parametrize("screen", SCREEN_NAMES)
def test_each_screen_loads_without_qml_warnings(
    make_shell: Any, qt_warnings: Any, screen: str
) -> None:
    """Every screen is created and drawn with no QML warning."""
    shell = make_shell()
    shell.navigator.go(screen)
    settle(shell.window)
    assert shell.window.grabWindow().isNull() is False
    assert find_item(shell.window, f"slot_{screen}") is not None
    assert qt_warnings() == []


def test_a_touch_on_the_attract_loop_opens_home(make_shell: Any) -> None:
    """Any touch on the attract loop begins the visit at the home screen."""
    shell = make_shell()
    assert shell.navigator.screen == "attract"
    tap_at(shell.window, QPoint(40, 40))
    assert shell.navigator.screen == "home"
    assert shell.idle.state == "active"


def test_attract_home_timeline_event_home(make_shell: Any, qt_warnings: Any) -> None:
    """Tap from the attract loop to an event of the timeline, close it, and go home."""
    shell = make_shell()
    window = shell.window
    tap_at(window, QPoint(960, 540))
    tap(window, "tileTimeline")
    assert shell.navigator.screen == "timeline"
    cards = item(window, "timelineList")
    first_card = cards.property("contentItem").childItems()
    assert first_card, "the timeline shows cards"
    tap_at(window, center(item(window, "eventTitle")))
    assert shell.timeline.isOpen
    assert item(window, "detailTitle").property("text") == shell.timeline.selectedTitle
    tap(window, "eventClose")
    assert not shell.timeline.isOpen
    tap(window, "homeButton")
    assert shell.navigator.screen == "home"
    assert qt_warnings() == []


def test_tapping_outside_an_open_event_closes_it(make_shell: Any) -> None:
    """The dimmed area around an open event closes it: no dead end."""
    shell = make_shell()
    shell.navigator.go("timeline")
    shell.timeline.open(0)
    settle(shell.window)
    tap_at(shell.window, QPoint(8, 8))
    assert not shell.timeline.isOpen


def test_year_strip_jumps_to_the_first_event_of_a_year(make_shell: Any) -> None:
    """A tap on a year scrolls the timeline to that year's first event."""
    shell = make_shell()
    shell.navigator.go("timeline")
    settle(shell.window)
    tap(shell.window, "year_1997")
    view = item(shell.window, "timelineList")
    first = shell.content.year_model.get(shell.content.year_model.rowCount() - 1, "firstRow")
    start = qml_eval(view, "indexAt(contentX + leftMargin + 4, height / 2)")
    end = qml_eval(view, "indexAt(contentX + width - rightMargin - 4, height / 2)")
    assert start <= first <= end, "the year's first event is in view"
    assert start > 0, "the view moved"


def test_timeline_swipes_sideways(make_shell: Any, qtbot: Any) -> None:
    """A swipe moves the timeline (with inertia, on the C++ side)."""
    shell = make_shell()
    shell.navigator.go("timeline")
    settle(shell.window)
    view = item(shell.window, "timelineList")
    start = view.property("contentX")
    swipe(shell.window, QPoint(1500, 500), QPoint(500, 500))
    qtbot.waitUntil(lambda: view.property("contentX") > start + 300, timeout=3000)


def _go_to_sensitive(shell: Any) -> int:
    window = shell.window
    shell.navigator.go("history")
    settle(window)
    target = shell.history.firstSensitive()
    assert target > 0
    while shell.history.index < target:
        tap(window, "historyNext")
    return target


def test_history_advisory_then_read(make_shell: Any, qt_warnings: Any) -> None:
    """A sensitive section shows its advisory first; Read this section shows the text."""
    shell = make_shell()
    _go_to_sensitive(shell)
    window = shell.window
    assert shell.history.showAdvisory
    assert find_item(window, "advisoryRead") is not None
    assert find_item(window, "advisorySkip") is not None
    assert "killings" in item(window, "advisoryText").property("text")
    tap(window, "advisoryRead")
    assert not shell.history.showAdvisory
    body = [i for i in _visible_named(window, "sectionBody") if "cruelty" in i.property("text")]
    assert body, "the section's text is shown after choosing to read it"
    assert qt_warnings() == []


def test_history_advisory_then_skip(make_shell: Any) -> None:
    """Skip to the next section passes the sensitive section without showing it."""
    shell = make_shell()
    target = _go_to_sensitive(shell)
    tap(shell.window, "advisorySkip")
    assert shell.history.index == target + 1
    assert shell.navigator.screen == "history"


def test_skipping_the_last_section_leads_home(make_shell: Any) -> None:
    """The skip choice never traps: on the last section it leads home."""
    from .bundles import SECTIONS, make_bundle

    sections = [*SECTIONS[:2], SECTIONS[2]]  # the sensitive one last
    shell = make_shell(bundle=make_bundle(shell_tmp := _tmp(make_shell), sections=sections))
    del shell_tmp
    shell.navigator.go("history")
    shell.history.goTo(2)
    settle(shell.window)
    assert item(shell.window, "advisorySkip").property("text") == "Skip, and go home"
    tap(shell.window, "advisorySkip")
    assert shell.navigator.screen == "home"


def _tmp(_factory: Any) -> Any:
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="kiosk-test-")) / "last-sensitive.sqlite"


def test_history_swipe_turns_the_page(make_shell: Any, qtbot: Any) -> None:
    """A sideways swipe on the history turns to the next section."""
    shell = make_shell()
    shell.navigator.go("history")
    settle(shell.window)
    swipe(shell.window, QPoint(1600, 500), QPoint(300, 500))
    qtbot.waitUntil(lambda: shell.history.index == 1, timeout=3000)


def test_minute_of_silence_dims_counts_down_and_returns(make_shell: Any, qtbot: Any) -> None:
    """Start: the screen dims and counts down; at zero it returns; idle does not interrupt."""
    shell = make_shell(timings=Timings(silence_seconds=5, silence_tick_ms=50, animate=False))
    shell.navigator.go("memorial")
    settle(shell.window)
    tap(shell.window, "silenceStart")
    assert shell.silence.running
    overlay = item(shell.window, "silenceOverlay")
    assert overlay.isVisible()
    # An idle timeout far shorter than the minute: it must wait for the minute to end.
    shell.idle.set_timeouts(2, 60_000)
    states: list[str] = []
    shell.idle.stateChanged.connect(states.append)
    with qtbot.waitSignal(shell.silence.finished, timeout=2000):
        pass
    assert states == []
    settle(shell.window)
    assert not overlay.isVisible()
    assert shell.navigator.screen == "memorial"


def test_minute_of_silence_can_be_ended(make_shell: Any) -> None:
    """End the silence returns at once."""
    shell = make_shell(timings=None)
    shell.silence._timer.setInterval(60_000)
    shell.navigator.go("memorial")
    settle(shell.window)
    tap(shell.window, "silenceStart")
    tap(shell.window, "silenceCancel")
    assert not shell.silence.running


def test_lighting_a_candle_counts_once_per_visit(make_shell: Any) -> None:
    """A tap lights the visitor's candle and adds one to the count, kept in the data folder."""
    shell = make_shell()
    shell.navigator.go("memorial")
    settle(shell.window)
    before = shell.candle.count
    tap(shell.window, "candleLight")
    tap(shell.window, "candleLight")
    assert shell.candle.count == before + 1
    assert shell.candle.litThisVisit
    assert (shell.data_dir / "candles.json").exists()


def test_language_choice_changes_the_content(make_shell: Any) -> None:
    """Choosing Azərbaycan dili shows the bundle's Azerbaijani text."""
    shell = make_shell()
    shell.navigator.home()
    settle(shell.window)
    tap(shell.window, "language_az")
    assert shell.content.locale == "az"
    assert item(shell.window, "homeTitle").property("text") == "Xocalı faciəsi"


def test_language_choice_hidden_with_one_language(make_shell: Any, tmp_path: Any) -> None:
    """A bundle in one language shows no language choice."""
    from .bundles import make_bundle

    shell = make_shell(bundle=make_bundle(tmp_path / "one.sqlite"))
    shell.navigator.home()
    settle(shell.window)
    assert find_item(shell.window, "language_en") is None


def test_accessibility_toggles(make_shell: Any) -> None:
    """Larger text and higher contrast are taps on the home screen."""
    shell = make_shell()
    shell.navigator.home()
    settle(shell.window)
    tap(shell.window, "toggleLargeText")
    tap(shell.window, "toggleHighContrast")
    assert shell.accessibility.largeText
    assert shell.accessibility.highContrast
    theme = shell.theme()
    assert theme.property("textScale") == pytest.approx(1.3)
    assert theme.property("highContrast") is True


def _visible_named(window: Any, name: str) -> list[Any]:
    from kiosk.ui.tools.settle import iter_items

    return [i for i in iter_items(window.contentItem()) if i.objectName() == name and i.isVisible()]


def test_a_key_press_is_activity_too(make_shell: Any) -> None:
    """A key (a technician's keyboard) wakes the kiosk like a touch does."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    shell = make_shell()
    QTest.keyClick(shell.window, Qt.Key.Key_Space)
    settle(shell.window)
    assert shell.idle.state == "active"
    assert shell.navigator.screen == "home"


def test_attract_loop_cycles_the_key_figures(make_shell: Any, qtbot: Any) -> None:
    """The attract loop shows the exhibit's figures one after another, slowly."""
    shell = make_shell(timings=Timings(attract_cycle_ms=120, animate=False))
    labels = [shell.content.statistics_model.get(r, "label") for r in range(2)]

    def shown() -> str:
        figure = item(shell.window, "attractFigure")
        return " ".join(
            str(c.property("text")) for c in figure.childItems() if c.inherits("QQuickText")
        )

    assert labels[0] in shown()
    qtbot.waitUntil(lambda: labels[1] in shown(), timeout=3000)


def test_touch_prompts_show_on_the_attract_loop(make_shell: Any) -> None:
    """ "Touch to begin" is on the attract loop, in each language of the bundle."""
    shell = make_shell()
    prompts = item(shell.window, "touchPrompts")
    texts = [c.property("text") for c in prompts.childItems() if c.inherits("QQuickText")]
    assert texts == ["Touch to begin", "Başlamaq üçün toxunun", "Коснитесь, чтобы начать"]
