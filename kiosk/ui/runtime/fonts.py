"""The exhibit's fonts: loaded from the program's own folder before any QML, so every kiosk
renders the same letters whatever the machine has installed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QRawFont

HEADING_FAMILY = "Noto Serif"
BODY_FAMILY = "Noto Sans"
# The admin screen's log lines and statistics summary are set in a fixed-width font, and the
# kiosk ships one. The summary (kiosk.ops.stats.format_summary, also printed by `kiosk-content
# stats`) lines up its columns with spaces ("{screen:<16} {visits:>7}"): Noto Sans with tabular
# figures would align the digits but not the names padded before them. Asking QML for
# "monospace" instead left the choice to the PC: a kiosk with no such font installed (a minimal
# Linux, cage) gets whatever Qt finds, perhaps without Azerbaijani letters. Noto Sans Mono
# Regular (SIL OFL, Debian's fonts-noto-core, 0.5 MB; one weight, the admin screen uses no
# other) keeps the frozen program well inside its 120 MB budget.
MONO_FAMILY = "Noto Sans Mono"
# Every family the QML asks for by name; the self-test checks each is loaded and covers the
# exhibit's letters.
SHIPPED_FAMILIES = (HEADING_FAMILY, BODY_FAMILY, MONO_FAMILY)
# Letters each script of the first exhibit needs: Azerbaijani, Russian, English.
# (The whole alphabets, both cases: a font can have "ё" and lack "Ё".) The signs are the ones
# the translations write: no-break hyphen in "1992‑ci il", no-break spaces in "1992 г.",
# Russian quotation marks, dashes.
COVERAGE_SAMPLES = {
    "Azerbaijani": "abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ",
    "Russian": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "English": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "signs": "\u2011\u00a0\u202f«»„“”‘’–—…№·",
}


@dataclass
class FontReport:
    loaded: dict[str, list[str]] = field(default_factory=dict)  # file name -> families
    failed: list[str] = field(default_factory=list)

    @property
    def families(self) -> set[str]:
        return {f for fams in self.loaded.values() for f in fams}

    @property
    def ok(self) -> bool:
        return bool(self.loaded) and not self.failed


def load_fonts(folder: Path) -> FontReport:
    """``addApplicationFont`` every .ttf/.otf in ``folder`` (it returns -1 on failure)."""
    report = FontReport()
    files = sorted(p for p in Path(folder).glob("*") if p.suffix.lower() in (".ttf", ".otf"))
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            report.failed.append(path.name)
        else:
            report.loaded[path.name] = list(QFontDatabase.applicationFontFamilies(font_id))
    return report


def missing_letters(family: str, text: str) -> str:
    """The letters of ``text`` the font ``family`` has no glyph for."""
    raw = QRawFont.fromFont(QFont(family))
    # supportsCharacter(str) goes through QChar and fails beyond Latin-1; ask by code point.
    return "".join(ch for ch in text if not raw.supportsCharacter(ord(ch)))


def is_fixed_width(family: str, sample: str = "iIlW0m .:") -> bool:
    """True when every letter of ``sample`` is as wide as every other in ``family``."""
    metrics = QFontMetricsF(QFont(family))
    return len({metrics.horizontalAdvance(ch) for ch in sample}) == 1
