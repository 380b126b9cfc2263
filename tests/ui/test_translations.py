"""The program's own words in Azerbaijani and Russian: complete, current, compiled, and shown.

The .ts files in resources/translations are the source (scripts/update-translations makes them
with pyside6-lupdate and compiles the .qm the kiosk loads); these tests hold them to the
program's sources and show the words, numbers and dates a visitor of each language reads.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QTranslator

from kiosk import paths
from kiosk.content.records import PartialDate
from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.dates import az_ordinal_suffix, format_partial_date, language_name
from kiosk.ui.backend.language import LanguageController
from kiosk.ui.backend.models import format_figure
from kiosk.ui.runtime.fonts import SHIPPED_FAMILIES, missing_letters
from kiosk.ui.tools.settle import settle

from .bundles import make_bundle
from .touch import item

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
# How many plural forms Qt gives each language, and a count that picks each form in turn.
PLURALS = {"ru": [1, 3, 5], "az": [1, 5], "en": [1, 5]}
FULL = ("az", "ru")
PLACEHOLDER = re.compile(r"%L?n|%\d")
# Russian's three forms, as a reader checks them: one (1, 21), few (2-4, 22), many (5-20, 25).
RU_CANDLES = {
    1: "Здесь зажжена одна свеча.",
    2: "Здесь зажжены 2 свечи.",
    5: "Здесь зажжено 5 свечей.",
    11: "Здесь зажжено 11 свечей.",
    21: "Здесь зажжена 21 свеча.",
    22: "Здесь зажжены 22 свечи.",
    7000: "Здесь зажжено 7\u00a0000 свечей.",
}


def _script() -> ModuleType:
    path = ROOT / "scripts" / "update-translations"
    loader = importlib.machinery.SourceFileLoader("update_translations", str(path))
    spec = importlib.util.spec_from_loader("update_translations", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _messages(code: str) -> list[tuple[str, ET.Element]]:
    tree = ET.parse(TS_DIR / f"kiosk_{code}.ts")
    return [
        (context.findtext("name") or "", message)
        for context in tree.iter("context")
        for message in context.iter("message")
    ]


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [f.text or "" for f in translation.findall("numerusform")]
    return [translation.text or ""]


# -- the .ts files ------------------------------------------------------------------------------
@pytest.mark.parametrize("code", FULL)
def test_every_string_is_translated(code: str) -> None:
    """No string is unfinished, vanished-but-kept or empty, each count has all its plural forms,
    and every translation keeps the placeholders of its English text."""
    problems = []
    for context, message in _messages(code):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        state = translation.get("type")
        if state:
            problems.append(f"{context}: {source!r} is {state}")
            continue
        forms = _forms(message)
        if message.get("numerus") == "yes" and len(forms) != len(PLURALS[code]):
            problems.append(f"{context}: {source!r} has {len(forms)} plural forms")
        for form in forms:
            if not form.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {form!r} changes the placeholders")
    assert problems == []
    assert len(_messages(code)) > 50


def test_english_has_its_plural_forms() -> None:
    """English needs "1 candle" / "5 candles" too: kiosk_en.ts holds every counted string."""
    english = _messages("en")
    assert english, "kiosk_en.ts lists the counted strings"
    for context, message in english:
        assert message.get("numerus") == "yes", context
        assert (message.find("translation") or ET.Element("x")).get("type") is None
        forms = _forms(message)
        assert len(forms) == 2 and all(f.strip() for f in forms), (context, forms)
    counted = {(c, m.findtext("source")) for code in FULL for c, m in _messages(code)}
    counted_en = {(c, m.findtext("source")) for c, m in english}
    numerus_ru = {(c, m.findtext("source")) for c, m in _messages("ru") if m.get("numerus")}
    assert counted_en == numerus_ru and counted_en <= counted


@pytest.mark.slow
def test_ts_files_are_up_to_date_with_the_sources() -> None:
    """Every string the QML and Python say is in the .ts, and nothing else is: after changing a
    word in the code, run scripts/update-translations."""
    script = _script()
    for code in FULL:
        committed = script.read_strings(TS_DIR / f"kiosk_{code}.ts")
        assert committed == script.source_strings(code), (
            f"kiosk_{code}.ts is stale: run scripts/update-translations"
        )
    committed_en = script.read_strings(TS_DIR / "kiosk_en.ts")
    assert committed_en == script.source_strings("en", plural_only=True)


@pytest.mark.parametrize("code", ["az", "ru", "en"])
def test_qm_files_say_what_the_ts_say(qapp: Any, code: str) -> None:
    """The committed .qm are the compiled .ts: every translation, every plural form."""
    translator = QTranslator()
    assert translator.load(f"kiosk_{code}", str(paths.translations_dir()))
    for context, message in _messages(code):
        source = message.findtext("source") or ""
        comment = message.findtext("comment") or ""
        if message.get("numerus") == "yes":
            for n, form in zip(PLURALS[code], _forms(message), strict=True):
                assert translator.translate(context, source, comment, n) == form, (context, n)
        else:
            assert translator.translate(context, source, comment) == _forms(message)[0]


def test_the_kiosk_finds_its_translations(qapp: Any) -> None:
    """kiosk.paths points at the compiled words in this layout (the wheel and the frozen build
    carry the same resources/translations folder; tests/test_wheel.py and test_frozen.py)."""
    names = {p.name for p in paths.translations_dir().glob("kiosk_*.qm")}
    assert names >= {"kiosk_az.qm", "kiosk_ru.qm", "kiosk_en.qm"}


def test_fonts_cover_every_letter_of_the_translations(qapp: Any) -> None:
    """Each shipped font has a glyph for every letter the program and the exhibit write in az
    and ru (ə, ğ, ı, İ, ё, й, ъ, the no-break hyphen of "1992‑ci il" ...)."""
    text = "".join(f for code in FULL for _c, m in _messages(code) for f in _forms(m))
    for csv in sorted((ROOT / "db" / "source" / "translations").glob("*.csv")):
        text += csv.read_text(encoding="utf-8")
    letters = "".join(sorted({c for c in text if not c.isspace()}))
    assert {"ə", "Ə", "ğ", "ı", "İ", "ş", "ç", "ö", "ü", "ё", "й", "ъ"} <= set(letters)
    for family in SHIPPED_FAMILIES:
        assert missing_letters(family, letters) == "", family


# -- numbers, dates, casing ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "expected"), [("ru", "7\u00a0000"), ("az", "7.000"), ("en", "7,000")]
)
def test_figures_are_written_as_the_visit_language_writes_them(code: str, expected: str) -> None:
    """7 000 / 7.000 / 7,000, by the language of the visit, not the PC's."""
    assert format_figure(7000, QLocale(code)) == expected


@pytest.mark.parametrize(
    ("year", "suffix"),
    [
        (1988, "ci"),
        (1989, "cu"),
        (1992, "ci"),
        (1993, "cü"),
        (1994, "cü"),
        (1996, "cı"),
        (1990, "cı"),
        (1980, "ci"),
        (1930, "cu"),
        (2010, "cu"),
        (1900, "cü"),
        (2000, "ci"),
    ],
)
def test_azerbaijani_year_endings_follow_vowel_harmony(year: int, suffix: str) -> None:
    """1992-ci il, 1994-cü il, 1996-cı il, 1989-cu il: the ending follows the number's last word."""
    assert az_ordinal_suffix(year) == suffix
    date = format_partial_date(PartialDate.parse(str(year), "year"), QLocale("az"))
    assert date == f"{year}\u2011{suffix} il"


def test_dates_agree_with_the_exhibit_labels() -> None:
    """A computed full date reads like the translators' own labels ("26 февраля 1992 г.",
    "26 fevral 1992‑ci il"), so the timeline does not mix two styles."""
    day = PartialDate.parse("1992-02-26", "day")
    labels = {}
    for code in ("az", "ru"):
        rows = (ROOT / "db" / "source" / "translations" / f"{code}.csv").read_text("utf-8")
        line = next(row for row in rows.splitlines() if row.startswith("events,the-attack,date_"))
        labels[code] = line.split(",", 3)[3].strip('"')
    assert labels["ru"] == "Ночь на " + format_partial_date(day, QLocale("ru"))
    assert labels["az"] == format_partial_date(day, QLocale("az")) + ", gecə"


def test_azerbaijani_capitals_keep_the_dot() -> None:
    """Azerbaijani i capitalises to İ (QLocale), never to I (str.upper)."""
    june = format_partial_date(PartialDate.parse("1992-06", "month"), QLocale("az"))
    assert june.startswith("İyun")
    assert format_partial_date(PartialDate.parse("1992-06", "month"), QLocale("en")) == (
        "June 1992"
    )
    assert language_name("az") == "Azərbaycan dili"


# -- in the program -----------------------------------------------------------------------------
def _people(tmp_path: Path) -> Path:
    people = [
        {"name": "ilham", "death_date": "1992-02-26", "death_precision": "day", "age": 34},
        {"name": "Anna", "age": 21},
        {"name": "Orxan", "age": 5},
    ]
    return make_bundle(tmp_path / "p.sqlite", locales=("en", "az", "ru"), people=people)


def test_ages_follow_each_language_plurals(qapp: Any, tmp_path: Path) -> None:
    """ "34 года", "21 год", "5 лет": the people's ages change words when the visitor changes
    language, and also when a visit starts in that language."""
    content = ContentController()
    language = LanguageController(content, paths.translations_dir())
    assert content.reload(_people(tmp_path), "ru")
    lines = {
        content.people_model.get(r, "name"): content.people_model.get(r, "lifeText")
        for r in range(3)
    }
    assert lines == {
        "ilham": "26\u00a0февраля 1992\u00a0г. (34 года)",
        "Anna": "21 год",
        "Orxan": "5 лет",
    }
    language.choose("az")
    row = next(r for r in range(3) if content.people_model.get(r, "name") == "ilham")
    assert content.people_model.get(row, "lifeText") == "26 fevral 1992\u2011ci il (34 yaşında)"
    assert content.people_model.get(row, "initial") == "İ"
    language.choose("en")
    assert content.people_model.get(row, "lifeText") == "26 February 1992 (aged 34)"


@pytest.mark.parametrize(("count", "expected"), sorted(RU_CANDLES.items()))
def test_candle_count_in_russian_takes_the_right_form(
    make_shell: Any, tmp_path: Path, count: int, expected: str
) -> None:
    """Russian's three plural forms, verb included, and 7 000 written the Russian way."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "candles.json").write_text(json.dumps({"count": count}), encoding="utf-8")
    shell = make_shell(start_locale="ru", show=False)
    shell.navigator.go("memorial")
    assert item(shell.window, "candleCount").property("text") == expected


def test_every_screen_changes_its_words_with_the_language(make_shell: Any, tmp_path: Path) -> None:
    """Home, the home button, the history position and the candle count follow the visitor's
    language at once, numbers included; English comes back the same as it was."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "candles.json").write_text(json.dumps({"count": 7000}), encoding="utf-8")
    shell = make_shell()
    window = shell.window
    seen = {}
    for code in ("az", "ru", "en"):
        shell.language.choose(code)
        shell.navigator.go("memorial")
        settle(window)
        candles = item(window, "candleCount").property("text")
        shell.navigator.go("history")
        settle(window)
        seen[code] = (
            item(window, "homeButton").property("text"),
            shell.history.positionText,
            candles,
        )
    count = shell.content.section_model.rowCount()
    assert seen == {
        "az": ("Ana səhifə", f"1 / {count}", "Burada 7.000 şam yandırılıb."),
        "ru": ("Главная", f"1 из {count}", "Здесь зажжено 7\u00a0000 свечей."),
        "en": ("Home", f"1 of {count}", "7,000 candles have been lit here."),
    }


def test_touch_to_begin_in_every_language_of_the_bundle(make_shell: Any) -> None:
    """The attract loop invites each visitor in their own language, in the bundle's order."""
    shell = make_shell()
    prompts = ["Touch to begin", "Başlamaq üçün toxunun", "Коснитесь, чтобы начать"]
    assert shell.language.touchPrompts == prompts
    shell.language.choose("ru")  # the words of the last visit do not leak into the others
    assert shell.language.touchPrompts == prompts
    shell.end_visit()
    settle(shell.window)
    shown = item(shell.window, "touchPrompts")
    texts = [c.property("text") for c in shown.childItems() if c.inherits("QQuickText")]
    assert texts == prompts


def test_a_string_moved_to_another_file_keeps_its_translation(tmp_path: Path) -> None:
    """QML moved between files changes a string's context; the update script gives it the
    translation its identical English text already had, so a move never loses words."""
    ts = tmp_path / "kiosk_ru.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context><name>OldPlace</name>
  <message><source>Light a candle</source>
    <translation type="vanished">Зажечь свечу</translation></message>
</context>
<context><name>NewPlace</name>
  <message><source>Light a candle</source>
    <translation type="unfinished"></translation></message>
  <message><source>Something new</source>
    <translation type="unfinished"></translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    carried = _script().carry_over(ts)
    assert carried == ["kiosk_ru.ts: NewPlace: 'Light a candle'"]
    moved = {
        (c, m.findtext("source")): m.find("translation")
        for c, m in (
            (context.findtext("name"), message)
            for context in ET.parse(ts).iter("context")
            for message in context.iter("message")
        )
    }
    done = moved[("NewPlace", "Light a candle")]
    assert done is not None and done.text == "Зажечь свечу" and done.get("type") is None
    new = moved[("NewPlace", "Something new")]
    assert new is not None and new.get("type") == "unfinished"
