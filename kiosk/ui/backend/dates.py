"""Dates as a visitor reads them: in the visit's language, to the precision the source gives.

A curator's ``date_label`` ("night of 26 February 1992") always wins over the computed text;
the partial dates a program cannot compute ("night of ...", "by 5 AM", "every year on ...") are
such labels, translated with the rest of the content. An entry without a date shows no date.

The computed dates follow the style of the exhibit's own labels in each language:

=========  =======================  =========================  ================================
precision  English                  Russian                    Azerbaijani
=========  =======================  =========================  ================================
year       1988                     1988 г.                    1988-ci il
month      February 1992            Февраль 1992 г.            Fevral 1992-ci il
day        26 February 1992         26 февраля 1992 г.         26 fevral 1992-ci il
time       26 February 1992, 05:00  26 февраля 1992 г., 05:00  26 fevral 1992-ci il, saat 05:00
=========  =======================  =========================  ================================

Month names come from QLocale for the visit's language (the genitive in a Russian full date,
the nominative standing alone); in Russian the day keeps to its month and "г." to its year
with no-break spaces, and Azerbaijani's ordinal ending to its year with a
non-breaking hyphen (U+2011), as the exhibit's translators wrote them. Any other language gets
"d MMMM yyyy" in its own month names.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTime

from kiosk.content.records import PartialDate, Precision

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"

# Azerbaijani ordinal endings after a figure follow the vowel of the number's last word:
# 1 bir -> 1-ci, 3 üç -> 3-cü, 6 altı -> 6-cı, 9 doqquz -> 9-cu, 10 on -> 10-cu, 40 qırx -> 40-cı,
# 100 yüz -> 100-cü, 1000 min -> 1000-ci.
_AZ_UNITS = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_AZ_TENS = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}


def az_ordinal_suffix(number: int) -> str:
    """The ending of an Azerbaijani ordinal written in figures: 1992 -> "ci", 1994 -> "cü"."""
    number = abs(number)
    if number % 10:
        return _AZ_UNITS[number % 10]
    if number % 100:
        return _AZ_TENS[number // 10 % 10]
    if number % 1000:
        return "cü"  # yüz
    return "ci"  # min


def _is(locale: QLocale, language: QLocale.Language) -> bool:
    return locale.language() == language


def _capitalised(text: str, locale: QLocale) -> str:
    # QLocale knows that Azerbaijani i becomes İ; str.upper does not.
    return locale.toUpper(text[:1]) + text[1:] if text else text


def _year(year: int, locale: QLocale) -> str:
    """A year as a date ends in the visit's language: 1992, 1992 г., 1992-ci il."""
    if _is(locale, QLocale.Language.Russian):
        return f"{year}{NBSP}г."
    if _is(locale, QLocale.Language.Azerbaijani):
        return f"{year}{NB_HYPHEN}{az_ordinal_suffix(year)} il"
    return str(year)  # never locale.toString: a year has no thousands separator


def _time(hour: int, minute: int, locale: QLocale) -> str:
    clock = locale.toString(QTime(hour, minute), "HH:mm")
    if _is(locale, QLocale.Language.Azerbaijani):
        return f"saat {clock}"
    return clock


def format_partial_date(date: PartialDate | None, locale: QLocale) -> str:
    """``1988``, ``February 1992``, ``26 February 1992`` or ``26 February 1992, 05:00``, in
    the words and style of ``locale`` (see the table above)."""
    if date is None:
        return ""
    year = _year(date.year, locale)
    if date.precision is Precision.YEAR or date.month is None:
        return year
    if date.precision is Precision.MONTH or date.day is None:
        # Standalone (nominative) month name: Russian "февраль 1992", not "февраля".
        month = locale.standaloneMonthName(date.month, QLocale.FormatType.LongFormat)
        return _capitalised(f"{month} {year}", locale)
    # Within a full date the month takes its grammatical form: "26 февраля 1992".
    month = locale.monthName(date.month, QLocale.FormatType.LongFormat)
    # Russian keeps the day with its month (a no-break space), as the exhibit's labels do.
    gap = NBSP if _is(locale, QLocale.Language.Russian) else " "
    text = f"{date.day}{gap}{month} {year}"
    if date.precision is Precision.TIME and date.hour is not None:
        text += ", " + _time(date.hour, date.minute or 0, locale)
    return text


def format_when(
    start: PartialDate | None,
    locale: QLocale,
    label: str = "",
    end: PartialDate | None = None,
) -> str:
    """The date line of an entry: the curator's label if any, else the start (and end)."""
    if label.strip():
        return label.strip()
    first = format_partial_date(start, locale)
    last = format_partial_date(end, locale)
    if first and last and last != first:
        return f"{first} – {last}"
    return first


_ENDONYMS = {
    # Qt calls English "American English" and Azerbaijani "azərbaycan" (the country's name
    # in form); a visitor looks for the name of the language.
    "en": "English",
    "az": "Azərbaycan dili",
    "ru": "Русский",
}


def language_name(code: str) -> str:
    """The language's own name, as a visitor looking for it would recognise it."""
    base = code.replace("-", "_").split("_")[0].lower()
    if base in _ENDONYMS:
        return _ENDONYMS[base]
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    return _capitalised(locale.nativeLanguageName(), locale)


def short_name(code: str) -> str:
    """The language's short name for a compact choice: its code in capitals ("AZ", "RU",
    "EN"), the way a language switch is commonly labelled in any of the three."""
    base = code.replace("-", "_").split("_")[0]
    return base.upper() if base.isascii() else base
