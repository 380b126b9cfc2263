"""The visitor-experience rules and state machines, tested without QML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.ops.candles import CandleStore
from kiosk.ops.config import Config
from kiosk.ui.backend.accessibility import Accessibility
from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.history import HistoryController
from kiosk.ui.backend.idle import IdleGuard
from kiosk.ui.backend.language import LanguageController
from kiosk.ui.backend.memorial import CandleController, MinuteOfSilence
from kiosk.ui.backend.navigation import Navigator
from kiosk.ui.backend.timeline import TimelineController
from kiosk.ui.runtime.shell import KioskShell, Timings

from .bundles import EVENTS, SECTIONS, make_bundle


@pytest.fixture
def content(qapp: Any, exhibit_bundle: Path) -> ContentController:
    controller = ContentController()
    assert controller.reload(exhibit_bundle)
    return controller


# -- navigation ---------------------------------------------------------------------------------
def test_navigator_goes_to_named_screens(qapp: Any) -> None:
    """go() changes the screen and says so once."""
    nav = Navigator()
    seen: list[str] = []
    nav.screenChanged.connect(seen.append)
    nav.go("timeline")
    nav.go("timeline")
    assert nav.screen == "timeline"
    assert seen == ["timeline"]


def test_navigator_unknown_screen_leads_home(qapp: Any) -> None:
    """An unknown screen name is no dead end: it leads home."""
    nav = Navigator()
    nav.go("nowhere")
    assert nav.screen == "home"


def test_navigator_accepts_added_screens(qapp: Any) -> None:
    """The admin screen is added by name."""
    nav = Navigator()
    nav.add_screen("admin")
    nav.go("admin")
    assert nav.screen == "admin"


# -- idle ---------------------------------------------------------------------------------------
def test_idle_cycle_attract_active_prompt_attract(qapp: Any, qtbot: Any) -> None:
    """Touch wakes; silence prompts; more silence returns to attract and resets."""
    idle = IdleGuard(timeout_ms=20, prompt_ms=30)
    states: list[str] = []
    idle.stateChanged.connect(states.append)
    with qtbot.waitSignal(idle.woke, timeout=100):
        idle.activity()
    with qtbot.waitSignal(idle.reset, timeout=1000):
        pass
    assert states == ["active", "prompt", "attract"]


def test_the_idle_prompt_lasts_20_seconds_by_default(qapp: Any) -> None:
    """Long enough to read after a hard section: 20 s, in the guard, the shell's timings and
    the configuration alike."""
    assert IdleGuard().promptRemaining == 20
    assert Timings().prompt_ms == 20_000
    assert Config().idle_prompt_s == 20


def test_idle_prompt_counts_down_each_second(qapp: Any, qtbot: Any) -> None:
    """The prompt shows 10 seconds and counts down to zero (here in milliseconds)."""
    idle = IdleGuard(timeout_ms=5, prompt_ms=50)
    remaining: list[int] = []
    idle.promptRemainingChanged.connect(remaining.append)
    idle.activity()
    with qtbot.waitSignal(idle.reset, timeout=1000):
        pass
    assert remaining[0] == 1  # ceil(50 ms / 1000) seconds
    assert remaining[-1] == 0


def test_touch_during_prompt_continues_the_visit(qapp: Any, qtbot: Any) -> None:
    """A touch while "are you still there?" shows keeps the visit going."""
    idle = IdleGuard(timeout_ms=10, prompt_ms=60_000)
    idle.activity()
    qtbot.waitUntil(lambda: idle.state == "prompt", timeout=1000)
    idle.activity()
    assert idle.state == "active"


def test_activity_restarts_the_idle_timer(qapp: Any, qtbot: Any) -> None:
    """Each touch restarts the countdown: a steady visitor is never prompted."""
    idle = IdleGuard(timeout_ms=60, prompt_ms=60_000)
    idle.activity()
    for _ in range(5):
        with qtbot.assertNotEmitted(idle.stateChanged, wait=25):
            pass
        idle.activity()


def test_hold_stops_the_timeout(qapp: Any, qtbot: Any) -> None:
    """While held (a minute of silence), no prompt; after release the timeout runs again."""
    idle = IdleGuard(timeout_ms=10, prompt_ms=60_000)
    idle.activity()
    idle.hold("silence")
    with qtbot.assertNotEmitted(idle.stateChanged, wait=40):
        pass
    idle.release("silence")
    qtbot.waitUntil(lambda: idle.state == "prompt", timeout=1000)


def test_hold_withdraws_a_showing_prompt(qapp: Any, qtbot: Any) -> None:
    """Starting the silence while the prompt shows withdraws the prompt."""
    idle = IdleGuard(timeout_ms=5, prompt_ms=60_000)
    idle.activity()
    qtbot.waitUntil(lambda: idle.state == "prompt", timeout=1000)
    idle.hold("silence")
    assert idle.state == "active"


def test_idle_timeouts_are_configurable(qapp: Any) -> None:
    """set_timeouts changes the idle timeout (the configuration's idle_timeout_s)."""
    idle = IdleGuard()
    assert idle.timeoutMs == 90_000
    idle.set_timeouts(30_000, 5_000)
    assert idle.timeoutMs == 30_000


# -- accessibility ------------------------------------------------------------------------------
def test_accessibility_reset(qapp: Any) -> None:
    """Reset returns to normal text size and contrast."""
    a = Accessibility()
    a.toggleLargeText()
    a.toggleHighContrast()
    assert a.textScale == pytest.approx(1.3)
    a.reset()
    assert (a.largeText, a.highContrast, a.textScale) == (False, False, 1.0)


# -- history ------------------------------------------------------------------------------------
def test_history_pages_and_position_text(content: ContentController) -> None:
    """next/previous move one section; the position reads "2 of 4"."""
    history = HistoryController(content.section_model)
    history.next()
    assert history.index == 1
    assert history.positionText == "2 of 4"
    history.previous()
    history.previous()
    assert history.index == 0
    assert not history.hasPrevious


def test_history_advisory_until_read(content: ContentController) -> None:
    """A sensitive section shows its advisory until the visitor chooses to read it."""
    history = HistoryController(content.section_model)
    row = history.firstSensitive()
    history.goTo(row)
    assert history.showAdvisory
    history.read()
    assert not history.showAdvisory
    assert content.section_model.get(row, "revealed") is True


def test_history_skip_moves_on(content: ContentController) -> None:
    """Skip goes to the next section without revealing the sensitive one."""
    history = HistoryController(content.section_model)
    row = history.firstSensitive()
    history.goTo(row)
    history.skip()
    assert history.index == row + 1
    assert content.section_model.get(row, "revealed") is False


def test_history_skip_on_last_section_leaves(qapp: Any, tmp_path: Path) -> None:
    """Skipping the last section asks to leave (the shell goes home)."""
    content = ContentController()
    content.reload(make_bundle(tmp_path / "b.sqlite", sections=[SECTIONS[0], SECTIONS[2]]))
    history = HistoryController(content.section_model)
    history.goTo(1)
    left: list[bool] = []
    history.leave.connect(lambda: left.append(True))
    history.skip()
    assert left == [True]


def test_history_reset_shows_advisories_again(content: ContentController) -> None:
    """A new visit starts at the first section with every advisory back."""
    history = HistoryController(content.section_model)
    history.goTo(history.firstSensitive())
    history.read()
    history.reset()
    assert history.index == 0
    assert history.advisory_at(history.firstSensitive())


def test_revealed_survives_a_language_change(content: ContentController) -> None:
    """Choosing another language keeps the visitor's choice to read a section."""
    history = HistoryController(content.section_model)
    row = history.firstSensitive()
    history.goTo(row)
    history.read()
    content.setLocale("az")
    assert not history.showAdvisory
    assert history.index == row


# -- timeline -----------------------------------------------------------------------------------
def test_timeline_open_and_close(content: ContentController) -> None:
    """open(row) shows that event's title, date and source; close() hides it."""
    timeline = TimelineController(content.timeline_model, content.year_model)
    timeline.open(3)
    assert timeline.isOpen
    assert timeline.selectedTitle == "Khojaly occupied"
    assert timeline.selectedDate == "26 February 1992, 05:00"
    assert timeline.selectedSource == "Exhibit text"
    timeline.close()
    assert not timeline.isOpen
    assert timeline.selectedTitle == ""


def test_timeline_jump_to_year(content: ContentController, qtbot: Any) -> None:
    """A year of the strip asks the view to show that year's first event."""
    timeline = TimelineController(content.timeline_model, content.year_model)
    years = content.year_model
    row_1992 = next(r for r in range(years.rowCount()) if years.get(r, "year") == 1992)
    with qtbot.waitSignal(timeline.jumpRequested, timeout=100) as signal:
        timeline.jumpToYear(row_1992)
    assert signal.args == [2]


# The eras of the test events, translated: the era heading must follow a language change.
ERA_TRANSLATIONS = {
    ("events", "conflict", "era", "az"): "Münaqişə",
    ("events", "attack", "era", "az"): "Faciə",
}


@pytest.fixture
def eras(qapp: Any, tmp_path: Path) -> ContentController:
    controller = ContentController()
    bundle = make_bundle(
        tmp_path / "eras.sqlite", locales=("en", "az"), translations=ERA_TRANSLATIONS
    )
    assert controller.reload(bundle)
    return controller


def _year_row(content: ContentController, year: int) -> int:
    years = content.year_model
    return next(r for r in range(years.rowCount()) if years.get(r, "year") == year)


def test_timeline_current_year_and_era_follow_the_view(eras: ContentController, qtbot: Any) -> None:
    """The year the view rests in, and that year's era, are properties that say they changed."""
    timeline = TimelineController(eras.timeline_model, eras.year_model)
    assert (timeline.currentYearRow, timeline.currentYear) == (0, "1988")
    assert timeline.currentEra == "The conflict"
    with qtbot.waitSignal(timeline.currentChanged, timeout=100):
        timeline.showingEvent(3)  # "Khojaly occupied", the second event of 1992
    assert timeline.currentYearRow == _year_row(eras, 1992)
    assert (timeline.currentYear, timeline.currentEra) == ("1992", "The tragedy")


def test_timeline_jump_to_year_makes_it_current(eras: ContentController, qtbot: Any) -> None:
    """A tap on a year of the strip makes it the current year before the view scrolls there."""
    timeline = TimelineController(eras.timeline_model, eras.year_model)
    row_1994 = _year_row(eras, 1994)
    with qtbot.waitSignal(timeline.jumpRequested, timeout=100):
        timeline.jumpToYear(row_1994)
    assert timeline.currentYearRow == row_1994
    assert (timeline.currentYear, timeline.currentEra) == ("1994", "Remembrance")


def test_timeline_era_follows_a_language_change(eras: ContentController, qtbot: Any) -> None:
    """A language change rewrites the era of the current year, and keeps the year."""
    timeline = TimelineController(eras.timeline_model, eras.year_model)
    timeline.jumpToYear(_year_row(eras, 1992))
    with qtbot.waitSignal(timeline.currentChanged, timeout=100):
        eras.setLocale("az")
    assert (timeline.currentYear, timeline.currentEra) == ("1992", "Faciə")
    with qtbot.waitSignal(timeline.currentChanged, timeout=100):
        eras.setLocale("en")
    assert timeline.currentEra == "The tragedy"


def test_timeline_reset_and_new_bundle_go_back_to_the_first_year(
    eras: ContentController, qtbot: Any, tmp_path: Path
) -> None:
    """A new visit, or a new bundle, starts the timeline at its first year again."""
    timeline = TimelineController(eras.timeline_model, eras.year_model)
    timeline.jumpToYear(_year_row(eras, 1997))
    with qtbot.waitSignal(timeline.currentChanged, timeout=100):
        timeline.reset()
    assert (timeline.currentYearRow, timeline.currentYear) == (0, "1988")
    timeline.jumpToYear(_year_row(eras, 1997))
    later = make_bundle(tmp_path / "later.sqlite", events=EVENTS[2:])
    with qtbot.waitSignal(timeline.currentChanged, timeout=100):
        assert eras.reload(later)
    assert (timeline.currentYearRow, timeline.currentYear) == (0, "1992")
    assert timeline.currentEra == "The tragedy"


# -- memorial -----------------------------------------------------------------------------------
def test_minute_of_silence_counts_down(qapp: Any, qtbot: Any) -> None:
    """60 ticks (here 3 of 1 ms) and the minute ends by itself."""
    silence = MinuteOfSilence(seconds=3, tick_ms=1)
    seen: list[int] = []
    silence.remainingChanged.connect(seen.append)
    with qtbot.waitSignal(silence.finished, timeout=1000):
        silence.start()
    assert seen[:3] == [2, 1, 0]
    assert not silence.running


def test_minute_of_silence_cancel(qapp: Any) -> None:
    """Cancel stops at once and does not count as finished."""
    silence = MinuteOfSilence(seconds=60, tick_ms=1000)
    finished: list[bool] = []
    silence.finished.connect(lambda: finished.append(True))
    silence.start()
    silence.cancel()
    assert not silence.running
    assert finished == []
    assert silence.remaining == 60


def test_candle_once_per_visit(qapp: Any, tmp_path: Path) -> None:
    """A visitor lights one candle; the next visitor may light another."""
    candle = CandleController(CandleStore(tmp_path))
    candle.light()
    candle.light()
    assert candle.count == 1
    candle.reset()
    candle.light()
    assert candle.count == 2
    assert CandleStore(tmp_path).count == 2


# -- language -----------------------------------------------------------------------------------
def test_language_choices_and_reset(content: ContentController) -> None:
    """Choices name each language in itself; reset returns to the start language."""
    language = LanguageController(content)
    names = [c["name"] for c in language.choices]
    assert names == ["English", "Azərbaycan dili", "Русский"]
    assert language.canChoose
    language.choose("ru")
    assert content.locale == "ru"
    assert content.statistics_model.get(0, "label") == "жителей Ходжалы были убиты"
    language.reset()
    assert content.locale == "en"


def test_language_start_locale(content: ContentController) -> None:
    """--lang sets the language each visit starts in."""
    language = LanguageController(content)
    language.start_locale = "az"
    language.reset()
    assert content.locale == "az"


def test_touch_prompts_without_translations(content: ContentController) -> None:
    """Until chrome translations exist, "Touch to begin" shows once, in English."""
    language = LanguageController(content)
    assert language.touchPrompts == ["Touch to begin"]


# -- content ------------------------------------------------------------------------------------
def test_reload_switches_to_a_new_bundle(content: ContentController, tmp_path: Path) -> None:
    """reload(path) shows the new bundle and says so."""
    other = make_bundle(tmp_path / "other.sqlite", title="Another memorial")
    assert content.reload(other)
    assert content.title == "Another memorial"
    assert content.bundlePath == str(other)


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage", "truncated"])
def test_reload_keeps_the_last_good_content(
    content: ContentController, tmp_path: Path, damage: str, exhibit_bundle: Path
) -> None:
    """A bad bundle never replaces good content; the error names the file."""
    bad = tmp_path / "bad.sqlite"
    if damage == "empty":
        bad.write_bytes(b"")
    elif damage == "garbage":
        bad.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        bad.write_bytes(exhibit_bundle.read_bytes()[:5000])
    failures: list[str] = []
    content.loadFailed.connect(failures.append)
    assert not content.reload(bad)
    assert content.title == "Khojaly: a memorial exhibit"
    assert content.section_model.rowCount() == 4
    assert failures and str(bad) in failures[0]
    assert content.error == failures[0]


def test_language_change_keeps_rows_in_place(content: ContentController, qtbot: Any) -> None:
    """A language change refreshes the rows' data without resetting the models (positions)."""
    resets: list[bool] = []
    content.timeline_model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(content.timeline_model.dataChanged, timeout=100):
        content.setLocale("az")
    assert resets == []


# -- the whole visit ----------------------------------------------------------------------------
def test_idle_reset_clears_the_visit(
    qapp: Any, qtbot: Any, tmp_path: Path, exhibit_bundle: Path
) -> None:
    """Back to attract resets language, text size, contrast, pages, open event and candle."""
    shell = KioskShell(tmp_path, Timings(idle_ms=10, prompt_ms=20, animate=False))
    shell.open_bundle(exhibit_bundle)
    shell.navigator.go("history")
    shell.language.choose("az")
    shell.accessibility.largeText = True
    shell.accessibility.highContrast = True
    shell.history.goTo(2)
    shell.history.read()
    shell.timeline.open(1)
    shell.candle.light()
    with qtbot.waitSignal(shell.idle.reset, timeout=2000):
        pass
    assert shell.navigator.screen == "attract"
    assert shell.content.locale == "en"
    assert not shell.accessibility.largeText and not shell.accessibility.highContrast
    assert shell.history.index == 0 and shell.history.advisory_at(2)
    assert not shell.timeline.isOpen
    assert not shell.candle.litThisVisit


def test_navigating_away_from_attract_starts_a_visit(qapp: Any, tmp_path: Path) -> None:
    """Any screen but the attract loop makes the visit active (timers run)."""
    shell = KioskShell(tmp_path, Timings(animate=False))
    shell.navigator.go("numbers")
    assert shell.idle.state == "active"
    shell.navigator.attract()
    assert shell.idle.state == "attract"


def test_recover_returns_to_attract(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    """After an unexpected error the kiosk goes back to its start, resetting the visit."""
    shell = KioskShell(tmp_path, Timings(animate=False))
    shell.navigator.go("memorial")
    with qtbot.waitSignal(shell.idle.reset, timeout=1000):
        shell.recover()
    assert shell.navigator.screen == "attract"


# -- controllers take the models they use --------------------------------------------------------
def test_history_needs_only_its_section_model(qapp: Any) -> None:
    """A HistoryController over a bare SectionModel: pages, advisory and position text in the
    model's language, without a ContentController."""
    from PySide6.QtCore import QLocale

    from kiosk.content.records import Section
    from kiosk.ui.backend.models import SectionModel

    def section(i: int, sensitive: bool = False) -> Section:
        return Section(
            id=i,
            key=f"s{i}",
            position=i,
            title=f"T{i}",
            body="B",
            sensitive=sensitive,
            advisory="killings" if sensitive else "",
            source_id=None,
            image_id=None,
        )

    model = SectionModel()
    model.load([section(1), section(2, sensitive=True)], {}, {}, QLocale("ar"))
    history = HistoryController(model)
    assert history.positionText == "١ of ٢"
    history.next()
    assert history.showAdvisory
    history.read()
    assert not history.showAdvisory
    assert model.get(1, "revealed") is True
    history.reset()
    assert model.get(1, "revealed") is False


def test_timeline_needs_only_its_models(content: ContentController) -> None:
    """A TimelineController over the event and year models alone opens events and jumps."""
    from kiosk.ui.backend.models import TimelineModel, YearModel

    events, years = TimelineModel(), YearModel()
    events.load([], {}, {}, content.qlocale)
    timeline = TimelineController(events, years)
    timeline.open(0)
    assert not timeline.isOpen
    timeline = TimelineController(content.timeline_model, content.year_model)
    timeline.open(0)
    assert timeline.selectedTitle == content.timeline_model.get(0, "title")
