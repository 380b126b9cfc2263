"""The name search's machinery: its worker thread, its results, and their reasons in words.

``SearchWorker`` lives on the search's own ``QThread`` with its own ``Bundle`` (one sqlite
connection per thread, PITFALLS.md); ``NameResultsModel`` is the list the visitor sees, best
first; ``MatchWords`` says why each result matched, in the visitor's language, from
``Match.why``. ``NamesController`` (``names``) runs them: the debounce, the sequence numbers,
what is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.content.names import Match, Strength, WordWhy
from kiosk.content.reader import Bundle
from kiosk.ui.backend.models.rows import RowModel, role_enum
from kiosk.ui.qt import QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

RESULTS = 30

# How a search runs on the worker's own bundle (tests inject a slow one).
SearchFn = Callable[[Bundle, str, int], list[Match]]


def search_people(bundle: Bundle, query: str, limit: int) -> list[Match]:
    return bundle.search_people(query, limit)


class SearchWorker(QObject):
    """Lives on the search thread: its own Bundle, opened there, used there, closed there."""

    found = Signal(int, object)  # sequence number, list[Match]

    def __init__(self, search: SearchFn) -> None:
        super().__init__()
        self._search = search
        self._bundle: Bundle | None = None

    @Slot(int, str, str)
    def run(self, seq: int, path: str, query: str) -> None:
        matches: list[Match] = []
        try:
            if self._bundle is None or str(self._bundle.path) != path:
                self.close()
                self._bundle = Bundle(path)
            matches = self._search(self._bundle, query, RESULTS)
        except Exception:  # a search that fails shows no results; the kiosk goes on
            log.warning(
                "the name search failed for a query of %d letters", len(query), exc_info=True
            )
        self.found.emit(seq, matches)

    @Slot()
    def close(self) -> None:
        if self._bundle is not None:
            self._bundle.close()
            self._bundle = None


class ResultRow(NamedTuple):
    key: str
    name: str
    strength: str  # Strength's value: exact, spelling, script, variant, prefix, weak
    strengthText: str  # in the visitor's language
    why: str  # in the visitor's language
    weak: bool  # possibly another person
    personId: int  # where the bundle keeps them: the card opens at once


@QmlElement
@QmlUncreatable("Made by the NamesController")
class NameResultsModel(RowModel):
    """The search's results, best first."""

    Row = ResultRow
    Roles = role_enum("NameResultRoles", ResultRow)

    def show(self, rows: list[ResultRow]) -> None:
        self._replace([f"{i}:{r.key}" for i, r in enumerate(rows)], rows)


class MatchWords(QObject):
    """Why a result matched, in the visitor's language (the installed translator's)."""

    def strength(self, strength: Strength) -> str:
        return {
            Strength.EXACT: self.tr("The name as recorded"),
            Strength.SPELLING: self.tr("Another spelling"),
            Strength.SCRIPT: self.tr("Another alphabet"),
            Strength.VARIANT: self.tr("A variant of the name"),
            Strength.PREFIX: self.tr("Begins with what you typed"),
            Strength.WEAK: self.tr("Possibly another person"),
        }[strength]

    def word(self, w: WordWhy) -> str:
        """Why one word matched; '' when it is the name as recorded, letter for letter (the
        strength says so: "“Mamedov” is written “Mamedov”" would say nothing more)."""
        rules = set(w.rules)
        typed, recorded = w.query, w.matched
        if "exact" in rules and typed.casefold() == recorded.casefold():
            if w.field != "other":
                return ""
            return self.tr("“%1” is one of the spellings recorded for this person").replace(
                "%1", recorded
            )
        if w.relation and "father" not in rules:
            text = (
                self.tr("“%1” = “%2” (daughter of %3)")
                if w.relation == "daughter"
                else self.tr("“%1” = “%2” (son of %3)")
            )
            return text.replace("%1", typed).replace("%2", recorded).replace("%3", w.father)
        if "father" in rules:
            text = self.tr("“%1” is the father’s name in “%2”")
        elif "sounds_like" in rules:
            text = self.tr("“%1” sounds like “%2”")
        elif "variant" in rules:
            text = self.tr("“%1” and “%2” are one name in the curator’s list of spellings")
        elif "transliteration" in rules and w.query_script == "cyrl":
            text = self.tr("“%1” is the Russian spelling of “%2”")
        elif "transliteration" in rules and w.name_script == "cyrl":
            text = self.tr("“%1” is the Latin spelling of “%2”")
        elif "transliteration" in rules or "transcription" in rules:
            text = self.tr("“%1” is another Latin spelling of “%2”")
        elif "feminine" in rules:
            text = self.tr("“%2” is the feminine form of “%1”")
        elif "masculine" in rules:
            text = self.tr("“%2” is the masculine form of “%1”")
        elif "prefix" in rules:
            text = self.tr("“%2” begins with “%1”")
        elif "diacritics" in rules:
            text = self.tr("“%1” is “%2” without its accents")
        else:
            text = self.tr("“%1” is written “%2”")
        return text.replace("%1", typed).replace("%2", recorded)

    def row(self, m: Match) -> ResultRow:
        """A match as the results list shows it, its reasons in the visitor's language."""
        return ResultRow(
            key=m.key,
            name=m.name,
            strength=str(m.strength),
            strengthText=self.strength(m.strength),
            why="; ".join(filter(None, (self.word(w) for w in m.why))),
            weak=m.possibly_other_person,
            personId=m.id,
        )
