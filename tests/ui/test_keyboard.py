"""The names search keyboard (resources/qml/Kiosk/search/NameKeyboard.qml), alone in a small host
window: typed with real touches in each layout, held backspace with injected timing, clear, the
layout switch, capitals per layout, and the layout inspector at every size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, QPointF
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk import paths
from kiosk.ui.backend.dates import language_name
from kiosk.ui.tools.settle import iter_items, qml_eval, settle

from .keyboard_host import Host, open_host
from .layout import inspect
from .touch import center, item, tap, touch_device

SIZES = [(1280, 800), (1920, 1080), (1080, 1920), (3840, 2160)]
LAYOUTS = ["az", "ru", "en"]
ENDONYMS = {"az": "Azərbaycan dili", "ru": "Русский", "en": "English"}


@pytest.fixture
def host(qapp: Any) -> Iterator[Host]:
    made = open_host((1920, 1080), "az")
    yield made
    made.close()


def text(host: Host) -> str:
    return str(host.keyboard.property("text"))


def tap_keys(host: Host, *names: str) -> None:
    for name in names:
        tap(host.window, name)


def keys(host: Host) -> list[QQuickItem]:
    """The keys the keyboard shows now (letters, marks, function keys, the layout switch)."""
    return [
        i for i in iter_items(host.keyboard) if i.inherits("QQuickAbstractButton") and i.isVisible()
    ]


def finger(host: Host, action: str, point: QPoint) -> None:
    """One touch event of a finger held on the screen: "press", "move" or "release"."""
    window = host.window
    sequence = QTest.touchEvent(window, touch_device(), False)  # type: ignore[no-untyped-call]
    getattr(sequence, action)(0, point, window).commit()


class Signals:
    """Counts of the keyboard's typed / erased / cleared signals."""

    def __init__(self, keyboard: QQuickItem) -> None:
        self.typed: list[str] = []
        self.erased = 0
        self.cleared = 0
        keyboard.typed.connect(self.typed.append)  # type: ignore[attr-defined]
        keyboard.erased.connect(self._erased)  # type: ignore[attr-defined]
        keyboard.cleared.connect(self._cleared)  # type: ignore[attr-defined]

    def _erased(self) -> None:
        self.erased += 1

    def _cleared(self) -> None:
        self.cleared += 1


def test_loads_without_a_qml_warning(qapp: Any, qt_warnings: Callable[[], list[str]]) -> None:
    """The keyboard loads in every layout, at both text sizes, with no QML message."""
    made = open_host((1920, 1080), "az")
    try:
        for code in LAYOUTS:
            for scale in (1.0, 1.3):
                made.set(language=code, textScale=scale)
                assert made.keyboard.property("layout") == code
    finally:
        made.close()
    assert qt_warnings() == []


def test_azerbaijani_names_with_capitals_after_space_and_hyphen(host: Host) -> None:
    """A word starts with a capital (ə -> Ə), after a hyphen too; the rest is lower case."""
    signals = Signals(host.keyboard)
    tap_keys(host, "key_ə", "key_l", "key_i", "key_hyphen", "key_h", "key_ə", "key_y")
    tap_keys(host, "key_space", "key_q", "key_ı", "key_z")
    assert text(host) == "Əli-Həy Qız"
    assert signals.typed == list("Əli-Həy Qız")


def test_azerbaijani_shift_writes_dotted_and_dotless_capitals(host: Host) -> None:
    """Shifted i is İ and shifted ı is I (not I and I, as JavaScript and str.upper would)."""
    assert host.keyboard.property("shifted") is True  # a word's first letter
    assert item(host.window, "key_i").property("text") == "İ"
    assert item(host.window, "key_ı").property("text") == "I"
    tap_keys(host, "key_i", "key_ı")  # İ (auto), then ı
    tap_keys(host, "key_shift", "key_ı", "key_shift", "key_i", "key_i")  # I, İ, i
    assert text(host) == "İıIİi"
    tap_keys(host, "key_clear", "key_shift", "key_i")  # shift tapped off at a word's start
    assert text(host) == "i"


def test_russian_with_yo(host: Host) -> None:
    """ЙЦУКЕН types Cyrillic; ё is on the keyboard and its capital is Ё."""
    tap(host.window, "layout_ru")
    tap_keys(host, "key_ё", "key_ж", "key_space", "key_ф", "key_ё", "key_д", "key_о", "key_р")
    assert text(host) == "Ёж Фёдор"


def test_english_apostrophe_and_shift(host: Host) -> None:
    """No capital after an apostrophe by itself: shift writes O'Neil."""
    tap(host.window, "layout_en")
    tap_keys(host, "key_o", "key_apostrophe", "key_shift", "key_n", "key_e", "key_i", "key_l")
    assert text(host) == "O'Neil"


def test_no_leading_or_double_space_and_a_length_limit(host: Host) -> None:
    signals = Signals(host.keyboard)
    tap_keys(host, "key_space", "key_a", "key_space", "key_space", "key_b")
    assert text(host) == "A B"
    assert signals.typed == ["A", " ", "B"]
    host.keyboard.setProperty("maxLength", 4)
    tap_keys(host, "key_c", "key_d")
    assert text(host) == "A Bc"


def test_case_off_keeps_lower_case(host: Host) -> None:
    """autoCapitalize: false types as shown, lower case (the search ignores case anyway)."""
    host.keyboard.setProperty("autoCapitalize", False)
    settle(host.window)
    tap_keys(host, "key_ə", "key_l", "key_i")
    assert text(host) == "əli"


def test_backspace_erases_one_per_tap(host: Host) -> None:
    signals = Signals(host.keyboard)
    tap_keys(host, "key_a", "key_b", "key_c")
    tap(host.window, "key_backspace")
    assert text(host) == "Ab"
    assert signals.erased == 1
    assert host.keyboard.property("erasing") is False
    tap_keys(host, "key_backspace", "key_backspace", "key_backspace")  # one more than there is
    assert text(host) == ""
    assert signals.erased == 3


def test_backspace_held_repeats_with_injected_timing(host: Host, qtbot: Any) -> None:
    """Held down, backspace erases at once, then again after repeatDelay, then every
    repeatInterval, until the text is gone or the finger lifts."""
    keyboard = host.keyboard
    keyboard.setProperty("repeatDelay", 30)
    keyboard.setProperty("repeatInterval", 20)
    keyboard.setProperty("text", "Abcdefgh")
    signals = Signals(keyboard)
    window = host.window
    point = center(item(window, "key_backspace"))

    finger(host, "press", point)
    assert text(host) == "Abcdefg"  # at once, under the finger
    assert keyboard.property("erasing") is True
    qtbot.waitUntil(lambda: len(text(host)) <= 5, timeout=5000)  # repeated, still held
    finger(host, "release", point)
    settle(window)
    assert keyboard.property("erasing") is False  # lifted: the repeat has stopped
    left = text(host)
    assert "Abcdefgh".startswith(left)
    assert signals.erased == 8 - len(left)

    # held again: it stops by itself when nothing is left
    keyboard.setProperty("text", "Abc")
    finger(host, "press", point)
    qtbot.waitUntil(lambda: keyboard.property("erasing") is False, timeout=5000)
    assert text(host) == ""
    finger(host, "release", point)
    settle(window)
    assert signals.erased == 8 - len(left) + 3


def test_a_finger_sliding_off_backspace_stops_the_repeat(host: Host) -> None:
    keyboard = host.keyboard
    keyboard.setProperty("repeatDelay", 60_000)  # only the press itself erases here
    keyboard.setProperty("text", "Abc")
    window = host.window
    start = center(item(window, "key_backspace"))
    finger(host, "press", start)
    assert keyboard.property("erasing") is True
    away = QPoint(start.x(), start.y() - 3 * int(item(window, "key_backspace").height()))
    finger(host, "move", away)
    finger(host, "release", away)
    settle(window)
    assert keyboard.property("erasing") is False
    assert text(host) == "Ab"


def test_clear(host: Host) -> None:
    signals = Signals(host.keyboard)
    tap_keys(host, "key_a", "key_b")
    tap(host.window, "key_clear")
    assert text(host) == ""
    assert signals.cleared == 1
    tap(host.window, "key_clear")  # nothing to clear: no signal
    assert signals.cleared == 1
    assert host.keyboard.property("shifted") is True  # a new name starts with a capital


def test_layout_follows_the_visit_and_the_visitor_may_switch(host: Host) -> None:
    """The visit's language picks the layout; the visitor's switch keeps what was typed; a new
    language or reset() goes back to the visit's layout."""
    keyboard = host.keyboard
    assert keyboard.property("layout") == "az"
    for code, name in ENDONYMS.items():
        assert item(host.window, f"layout_{code}").property("text") == name
    tap_keys(host, "key_ə", "key_space")
    tap(host.window, "layout_ru")
    assert keyboard.property("layout") == "ru"
    assert keyboard.property("layoutLocale") == "ru_RU"
    tap(host.window, "key_ж")
    assert text(host) == "Ə Ж"
    host.set(language="en")
    assert keyboard.property("layout") == "en"
    tap(host.window, "layout_az")
    qml_eval(keyboard, "reset()")
    settle(host.window)
    assert keyboard.property("layout") == "en"
    assert text(host) == ""
    host.set(language="de")  # no layout of its own: Latin letters
    assert keyboard.property("layout") == "en"
    host.set(language="ru")
    assert keyboard.property("layout") == "ru"


@pytest.mark.parametrize("code", LAYOUTS)
def test_capitals_are_the_layouts_own(host: Host, code: str) -> None:
    """Every written-out capital is what QLocale of the layout makes of its letter (az: İ/I)."""
    host.set(language=code)
    locale = QLocale(str(host.keyboard.property("layoutLocale")))
    letters = [k for k in keys(host) if k.property("kind") == "char" and k.property("letter")]
    expected = {"az": 32, "ru": 33, "en": 26}[code]
    assert len(letters) == expected
    for key in letters:
        lower = str(qml_eval(key, "modelData.lower"))
        upper = str(qml_eval(key, "modelData.upper"))
        assert locale.toUpper(lower) == upper, (code, lower, upper)
        assert locale.toLower(upper) == lower, (code, lower, upper)


def test_every_key_has_an_accessible_name(host: Host) -> None:
    for code in LAYOUTS:
        host.set(language=code)
        for key in keys(host):
            name = qml_eval(key, "Accessible.name")
            assert isinstance(name, str) and name.strip(), key.objectName()
    host.set(language="az")
    assert qml_eval(item(host.window, "key_i"), "Accessible.name") == "İ"  # as shown: shifted
    assert qml_eval(item(host.window, "key_backspace"), "Accessible.name") == "Backspace"
    assert qml_eval(item(host.window, "layout_ru"), "Accessible.name") == "Русский"


def test_layout_names_are_the_programs_language_names(host: Host) -> None:
    """The switch names each layout as the language choices do (language_name, one list of
    language names); keyboardLayouts.js holds no copy of them."""
    shown = {str(entry["code"]): str(entry["name"]) for entry in _layout_entries(host)}
    assert shown == {code: language_name(code) for code in LAYOUTS}
    source = (paths.qml_dir() / "Kiosk" / "search" / "keyboardLayouts.js").read_text("utf-8")
    for name in ENDONYMS.values():
        assert f'"{name}"' not in source


def _layout_entries(host: Host) -> list[dict[str, object]]:
    value = host.keyboard.property("layouts")
    entries = value.toVariant() if hasattr(value, "toVariant") else value
    assert isinstance(entries, list)
    return entries


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_fits_at_every_size_text_size_and_layout(qapp: Any, size: tuple[int, int]) -> None:
    """The layout inspector finds nothing: no key under Theme.touchMin, no label cut off or
    spilling, nothing off screen; in portrait the keys shrink to the width and stay low."""
    made = open_host(size, "az")
    try:
        window = made.window
        for large in (False, True):
            for code in LAYOUTS:
                made.set(language=code, textScale=1.3 if large else 1.0)
                scale = min(size) / 1080
                touch_min = round(88 * scale)
                report = inspect(
                    window,
                    touch_min=touch_min,
                    text_min=round(28 * scale * (1.3 if large else 1.0) - 0.5),
                )
                where = f"{code} at {size}, large text {large}"
                assert report.problems == [], f"{where}:\n" + "\n".join(report.problems)
                assert report.controls >= 30, where
                keyboard = made.keyboard
                assert keyboard.height() <= 0.5 * min(size) + 1, where
                if size[1] > size[0]:  # portrait: the switch above the keys, all low
                    assert keyboard.property("switchBeside") is False
                    assert keyboard.mapToScene(QPointF(0, 0)).y() >= size[1] * 0.6
                else:
                    assert keyboard.property("switchBeside") is True, where
    finally:
        made.close()
