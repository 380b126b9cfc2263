"""Tone on a subject of grief: what the attract loop may show, the colour of a figure of loss,
the parts of a whole named in words, remembrance before administration, a minute of silence
without a stopwatch, a candle that never shows an empty counter, a quiet idle prompt."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor

from kiosk.content.reader import Bundle
from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.models import attract_figures
from kiosk.ui.runtime.shell import Timings
from kiosk.ui.tools.settle import iter_items, settle

from .bundles import SECTIONS, make_bundle
from .touch import item

SENSITIVE_KEY = next(s[0] for s in SECTIONS if s[3] is True)


def _visible(window: Any, name: str) -> list[Any]:
    return [i for i in iter_items(window.contentItem()) if i.objectName() == name and i.isVisible()]


def _texts(window: Any, name: str) -> list[str]:
    return [str(i.property("text")) for i in _visible(window, name)]


def _figures(content: ContentController) -> list[str]:
    model = content.attract_model
    return [
        str(model.get(r, "key"))
        for r in range(model.rowCount())
        if model.get(r, "kind") == "figure"
    ]


def _tie(bundle: Path, *statements: str) -> Path:
    with sqlite3.connect(bundle) as db:
        for statement in statements:
            db.execute(statement)
    db.close()
    return bundle


# -- the attract loop ------------------------------------------------------------------------
def test_only_figures_marked_for_the_loop_appear_on_it(qapp: Any, tmp_path: Path) -> None:
    """The curator's choice: the loop shows the figures marked attract, and no other."""
    bundle = make_bundle(tmp_path / "b.sqlite", attract=["injured"])
    content = ContentController()
    assert content.reload(bundle)
    assert _figures(content) == ["figure:injured"]


def test_a_figure_tied_to_a_sensitive_section_never_appears(qapp: Any, tmp_path: Path) -> None:
    """Marked for the loop but tied to a sensitive section, a figure stays off it; so does a
    part of a whole so tied."""
    bundle = _tie(
        make_bundle(tmp_path / "b.sqlite", attract=["killed", "women", "injured"]),
        f"UPDATE statistics SET section_id = (SELECT id FROM sections WHERE key = "
        f"'{SENSITIVE_KEY}') WHERE key = 'killed'",
    )
    with Bundle(bundle) as b:
        sections = b.sections()
        assert any(s.sensitive and s.key == SENSITIVE_KEY for s in sections)
        assert [f.key for f in attract_figures(b.statistics(), sections)] == ["injured"]
    content = ContentController()
    assert content.reload(bundle)
    assert _figures(content) == ["figure:injured"]


def test_no_figure_on_the_loop_leaves_title_date_and_dedication(
    make_shell: Any, tmp_path: Path, qt_warnings: Any
) -> None:
    """With nothing marked, the loop is its title, date and dedication: complete, no slide."""
    shell = make_shell(bundle=make_bundle(tmp_path / "b.sqlite", attract=[]))
    window = shell.window
    assert shell.content.attract_model.rowCount() == 0
    assert _visible(window, "attractFigure") == []
    assert item(window, "attractDedication").property("text") == "In memory of the victims"
    assert item(window, "attractDate").isVisible()
    assert qt_warnings() == []


def test_a_loss_on_the_loop_is_never_in_the_accent(make_shell: Any, tmp_path: Path) -> None:
    """Even marked for the loop, a figure of loss is set in the quiet loss colour."""
    shell = make_shell(bundle=make_bundle(tmp_path / "b.sqlite", attract=["injured"]))
    theme = shell.theme()
    value = item(shell.window, "attractValue")
    assert value.property("text") == "478"
    assert QColor(value.property("color")) == QColor(theme.property("loss"))
    assert QColor(value.property("color")) != QColor(theme.property("accent"))


# -- in numbers: tone, parts named in words ------------------------------------------------
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_tone_decides_a_figures_colour(
    make_shell: Any, tmp_path: Path, high_contrast: bool
) -> None:
    """A figure of loss in the loss colour; a context figure (here the injured, re-marked)
    in the accent: the bundle's tone decides, in both palettes."""
    bundle = _tie(
        make_bundle(tmp_path / "b.sqlite"),
        "UPDATE statistics SET tone = 'context' WHERE key = 'injured'",
    )
    shell = make_shell(bundle=bundle, size=(1920, 2400))
    shell.accessibility.highContrast = high_contrast
    shell.navigator.go("numbers")
    settle(shell.window)
    theme = shell.theme()
    colours = {
        str(v.property("text")): QColor(v.property("color"))
        for v in _visible(shell.window, "figureValue")
    }
    assert colours["613"] == QColor(theme.property("loss"))
    assert colours["1,275"] == QColor(theme.property("loss"))
    assert colours["478"] == QColor(theme.property("accent"))


def test_each_part_is_named_in_words_and_the_rest_is_what_it_is(
    make_shell: Any, qt_warnings: Any
) -> None:
    """Under the bar, each part has its number and its name; the remainder reads "Others, not
    recorded by group" (no number); nothing there overlaps."""
    shell = make_shell(size=(1920, 2400))
    shell.navigator.go("numbers")
    settle(shell.window)
    window = shell.window
    labels = _texts(window, "partLabel")
    values = _texts(window, "partValue")
    for label in ("women", "children", "elderly persons", "whose fate is still unknown"):
        assert label in labels
    for value in ("106", "63", "70", "150"):
        assert value in values
    assert set(_texts(window, "remainderLabel")) == {"Others, not recorded by group"}
    callouts = _visible(window, "partCallout") + _visible(window, "remainderCallout")
    boxes = [c.mapRectToScene(c.boundingRect()) for c in callouts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b), (a, b)
    assert qt_warnings() == []


def test_the_remainder_takes_the_curators_words(make_shell: Any, tmp_path: Path) -> None:
    """A whole whose rest is not "not recorded by group" says what it is, from the bundle."""
    bundle = _tie(
        make_bundle(tmp_path / "b.sqlite"),
        "UPDATE statistics SET remainder_label = 'The others taken hostage' WHERE key = 'hostages'",
    )
    shell = make_shell(bundle=bundle, size=(1920, 2400))
    shell.navigator.go("numbers")
    settle(shell.window)
    assert set(_texts(shell.window, "remainderLabel")) == {
        "Others, not recorded by group",
        "The others taken hostage",
    }


def test_the_default_exhibit_puts_people_first_in_numbers(make_shell: Any) -> None:
    """The shipped figures: the killed first, the town's population and distance last, and
    none of the loss figures in the accent."""
    from kiosk import paths

    shell = make_shell(bundle=paths.default_bundle())
    shell.language.choose("en")  # the source text (visits start in Azerbaijani)
    model = shell.content.statistics_model
    keys = [model.get(r, "key") for r in range(model.rowCount())]
    assert keys[0] == "killed" and keys[-2:] == ["population", "distance"]
    tones = {model.get(r, "key"): model.get(r, "tone") for r in range(model.rowCount())}
    assert {k for k, t in tones.items() if t == "context"} == {"population", "distance"}
    row = keys.index("hostages")
    assert model.get(row, "remainderLabel") == "The others taken hostage"


# -- memorial --------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_memorial_puts_remembrance_before_administration(make_shell: Any, size: Any) -> None:
    """The dedication first, then the candle, then the day of mourning, then the decrees and
    addresses under a heading of their own."""
    shell = make_shell(size=size)
    shell.navigator.go("memorial")
    settle(shell.window)
    window = shell.window
    dedication = item(window, "memorialDedication")
    candle = item(window, "candleCard")
    heading = item(window, "officialHeading")
    pane = item(window, "remembrancePane")
    assert dedication.property("text") == "In memory of the victims"
    assert heading.property("text") == "Decrees and addresses"

    def top_left(i: Any) -> tuple[float, float]:
        p = i.mapToScene(i.boundingRect().topLeft())
        return p.x(), p.y()

    d, c, p = top_left(dedication), top_left(candle), top_left(pane)
    assert d[1] < c[1]
    if size[0] > size[1]:
        assert c[0] < p[0]  # the acts on the left, the texts on the right
    else:
        assert c[1] < p[1]  # the acts above the texts
    model = shell.content.remembrance_model
    kinds = [model.get(r, "kind") for r in range(model.rowCount())]
    official = [k in ("decree", "address") for k in kinds]
    assert official == sorted(official)  # every observance before every decree
    assert [model.get(r, "firstOfficial") for r in range(model.rowCount())].count(True) == 1


CANDLES = {
    "en": {
        0: "No candle has been lit here yet.",
        1: "One candle has been lit here.",
        5: "5 candles have been lit here.",
    },
    "az": {
        0: "Burada hələ şam yandırılmayıb.",
        1: "Burada bir şam yandırılıb.",
        5: "Burada 5 şam yandırılıb.",
    },
    "ru": {
        0: "Здесь ещё не зажжено ни одной свечи.",
        1: "Здесь зажжена одна свеча.",
        5: "Здесь зажжено 5 свечей.",
    },
}


@pytest.mark.parametrize("count", [0, 1, 5])
@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_the_candle_never_shows_an_empty_counter(
    make_shell: Any, tmp_path: Path, lang: str, count: int
) -> None:
    """No candle yet is said in words, never "0"; one and five take their own forms."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "candles.json").write_text(json.dumps({"count": count}), encoding="utf-8")
    bundle = make_bundle(tmp_path / "b.sqlite", locales=("en", "az", "ru"))
    shell = make_shell(bundle=bundle, start_locale=lang)
    shell.navigator.go("memorial")
    settle(shell.window)
    text = item(shell.window, "candleCount").property("text")
    assert text == CANDLES[lang][count]
    assert "0" not in text


def test_the_minute_of_silence_is_a_dimming_light_not_a_stopwatch(make_shell: Any) -> None:
    """While the minute lasts, no numeral is on the overlay; the light and the thin line of
    the time left shrink as the seconds pass."""
    slow = Timings(silence_seconds=60, silence_tick_ms=60_000, animate=False)
    shell = make_shell(timings=slow)
    shell.navigator.go("memorial")
    shell.silence.start()
    settle(shell.window)
    window = shell.window
    overlay = next(
        i
        for i in iter_items(window.contentItem())
        if i.isVisible() and i.property("layoutLayer") and i.property("timeLeft") is not None
    )
    texts = [
        str(t.property("text"))
        for t in iter_items(overlay)
        if t.inherits("QQuickText") and t.isVisible()
    ]
    assert texts and not [t for t in texts if re.search(r"\d", t)]
    light, line = item(window, "silenceLight"), item(window, "silenceTimeLeft")
    full = (light.opacity(), line.width())
    shell.silence._set_remaining(15)  # three quarters of the minute gone
    settle(window)
    assert light.opacity() < full[0] and line.width() == pytest.approx(full[1] / 4, abs=1)
    shell.silence.cancel()


def test_the_idle_prompt_is_quiet(make_shell: Any) -> None:
    """Nothing on the "are you still there?" card is in the accent colour."""
    shell = make_shell()
    shell.navigator.home()
    shell.idle.prompt_now()
    settle(shell.window)
    accent = QColor(shell.theme().property("accent"))
    card = item(shell.window, "idleCard")
    assert item(shell.window, "idleContinue").property("kind") != "primary"
    for i in iter_items(card):
        if i.isVisible() and i.inherits("QQuickText"):
            assert QColor(i.property("color")) != accent, i.property("text")
        if i.isVisible() and i.inherits("QQuickRectangle"):
            assert QColor(i.property("color")) != accent
