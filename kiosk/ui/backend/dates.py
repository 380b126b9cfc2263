"""Dates as a visitor reads them: in the visitor's language, to the precision the source gives.

A curator's ``date_label`` ("night of 26 February 1992") always wins over the computed text.
An entry without a date shows no date at all.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from kiosk.content.records import PartialDate, Precision


def _capitalised(text: str, locale: QLocale) -> str:
    # QLocale knows that Azerbaijani i becomes İ; str.upper does not.
    return locale.toUpper(text[:1]) + text[1:] if text else text


def format_partial_date(date: PartialDate | None, locale: QLocale) -> str:
    """``1988``, ``February 1992``, ``26 February 1992`` or ``26 February 1992, 05:00``."""
    if date is None:
        return ""
    year = str(date.year)
    if date.precision is Precision.YEAR or date.month is None:
        return year
    if date.precision is Precision.MONTH or date.day is None:
        # Standalone (nominative) month name: Russian "февраль 1992", not "февраля".
        month = locale.standaloneMonthName(date.month, QLocale.FormatType.LongFormat)
        return _capitalised(f"{month} {year}", locale)
    # Within a full date the month takes its grammatical form: "26 февраля 1992".
    month = locale.monthName(date.month, QLocale.FormatType.LongFormat)
    text = f"{date.day} {month} {year}"
    if date.precision is Precision.TIME and date.hour is not None:
        text += f", {date.hour:02d}:{(date.minute or 0):02d}"
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
    "az": "Azərbaycanca",
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
