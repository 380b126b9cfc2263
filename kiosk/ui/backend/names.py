"""The names of the people remembered: the wall, a person's card, and the search by name.

``NamesController`` holds what the memorial's names show (whether the wall, the card or the
search is open), the card of one person (every unknown said as unknown), and the search:

* the visitor types on the on-screen keyboard; ``search(text)`` only restarts a debounce timer
  (``debounce_ms``, 150 by default; tests inject it), so a key press never waits on a query;
* when the timer fires, the query goes with a sequence number to a worker on its own
  ``QThread``, which opens its own ``Bundle`` (one sqlite connection per thread, PITFALLS.md)
  and runs ``Bundle.search_people`` (which keeps the cyclic gc out of the query);
* the answer comes back queued to the GUI thread, and is shown only if it answers the last
  query sent: a slower, older answer is dropped (``dropped`` counts them).

Each result says why it matched, in the visitor's language, from ``Match.why``. The search's
worker, its results model and those words are ``name_search``'s.
"""

from __future__ import annotations

import time
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement

from kiosk.content.names import Match
from kiosk.content.records import PersonCard
from kiosk.ui.backend.dates import format_partial_date
from kiosk.ui.backend.models.memorial import life_dates
from kiosk.ui.backend.models.rows import image_url, readable, source_text
from kiosk.ui.backend.name_search import (
    MatchWords,
    NameResultsModel,
    SearchFn,
    SearchWorker,
    search_people,
)
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


DEBOUNCE_MS = 150


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class NamesController(QObject):
    """The wall, the card and the search of the memorial's names (see the module)."""

    changed = Signal()  # what is open
    cardChanged = Signal()
    resultsChanged = Signal()  # a search's answer was shown (or the box emptied)
    queryChanged = Signal()
    _request = Signal(int, str, str)

    def __init__(
        self,
        content: Any,
        debounce_ms: int = DEBOUNCE_MS,
        search: SearchFn = search_people,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._wall = False
        self._search_open = False
        self._card: dict[str, Any] = {}
        self._card_key = ""
        self._card_id = 0
        self._query = ""
        self._matches: list[Match] = []
        self._seq = 0  # the last query sent
        self._shown = 0  # the query whose answer is shown
        self.dropped = 0  # answers that came after a newer query was sent
        self.results = NameResultsModel(self)
        self._words = MatchWords(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(max(0, int(debounce_ms)))
        self._debounce.timeout.connect(self._send)
        self._thread = QThread()
        self._thread.setObjectName("name-search")
        self._worker = SearchWorker(search)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.found.connect(self._found)
        # The worker's connection is closed on its own thread, as the thread ends.
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        # Started with the first search: a bundle without names (or a visit that never
        # searches) has no thread to stop; one running is stopped before the application ends.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        content.changed.connect(self._bundle_changed)

    # -- lifetime ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the search thread (its bundle closed there). Idempotent."""
        self._debounce.stop()
        if shiboken6.isValid(self._thread) and self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()

    @Slot()
    def reset(self) -> None:
        """A visit ended: everything closed, the box empty."""
        self._wall = False
        self._search_open = False
        self._close_card()
        self._clear_search()
        self.changed.emit()

    def _bundle_changed(self) -> None:
        if not self._content.hasPeople:
            self.reset()
        elif self._card_key and not self.openPerson(self._card_key, self._card_id):
            self._close_card()  # they are not in the new bundle

    @Slot()
    def retranslate(self) -> None:
        """The visitor's language changed: the card and the reasons are said again in it."""
        if self._card_key:
            self.openPerson(self._card_key, self._card_id)
        if self._matches:
            self.results.show([self._words.row(m) for m in self._matches])
            self.resultsChanged.emit()

    # -- what is open ------------------------------------------------------------------------
    def _get_wall(self) -> bool:
        return self._wall

    wallOpen = Property(bool, _get_wall, notify=changed)

    def _get_search_open(self) -> bool:
        return self._search_open

    searchOpen = Property(bool, _get_search_open, notify=changed)

    def _get_card_open(self) -> bool:
        return bool(self._card_key)

    cardOpen = Property(bool, _get_card_open, notify=cardChanged)

    @Slot()
    def openWall(self) -> None:
        self._wall = True
        self._search_open = False
        self.changed.emit()

    @Slot()
    def closeWall(self) -> None:
        self._wall = False
        self._search_open = False
        self._close_card()
        self.changed.emit()

    @Slot()
    def openSearch(self) -> None:
        self._search_open = True
        self.changed.emit()

    @Slot()
    def closeSearch(self) -> None:
        self._search_open = False
        self.changed.emit()

    # -- the card ----------------------------------------------------------------------------
    def _get_card(self) -> dict[str, Any]:
        return self._card

    card = Property(dict, _get_card, notify=cardChanged)

    @Slot(str, int, result=bool)
    def openPerson(self, key: str, person_id: int = 0) -> bool:
        """Open the card of the person with ``key`` (False: no such person). ``person_id``
        is where the wall row or the search result found them: read at once while the
        person there has ``key`` (the key alone is looked for through the whole bundle)."""
        bundle = self._content.bundle
        found = bundle.person(key, id=person_id) if bundle is not None and key else None
        if found is None:
            return False
        self._card_key = key
        self._card_id = found.person.id
        self._card = self._card_data(found)
        self.cardChanged.emit()
        return True

    @Slot()
    def closeCard(self) -> None:
        self._close_card()

    def _close_card(self) -> None:
        if self._card_key:
            self._card_key = ""
            self._card = {}
            self.cardChanged.emit()

    def _relation(self, kind: str) -> str:
        return {
            "parent": self.tr("parent"),
            "child": self.tr("child"),
            "spouse": self.tr("spouse"),
            "sibling": self.tr("brother or sister"),
        }.get(kind, self.tr("relative"))

    def _fate(self, kind: str | None) -> str:
        return {
            "killed": self.tr("killed"),
            "died_of_wounds": self.tr("died of wounds"),
            "died_in_captivity": self.tr("died in captivity"),
            "missing": self.tr("missing"),
            "unknown_after_captivity": self.tr("fate unknown after captivity"),
            "other": self.tr("other"),
        }.get(kind or "", "")

    def _card_data(self, card: PersonCard) -> dict[str, Any]:
        p = card.person
        locale = self._content.qlocale
        born = format_partial_date(p.birth_date, locale)
        died = format_partial_date(p.death_date, locale)
        fate = " — ".join(t for t in (self._fate(p.fate_kind), p.fate.strip()) if t)
        family: list[dict[str, str | int]] = [
            {
                "key": r.person.key,
                "personId": r.person.id,
                "name": r.person.name,
                "relation": self._relation(r.kind),
            }
            for r in card.relatives
        ]
        linked = {f["key"] for f in family}
        family += [
            {
                "key": o.key,
                "personId": o.id,
                "name": o.name,
                "relation": self.tr("same family"),
            }
            for o in card.family
            if o.key not in linked
        ]
        generation = int(getattr(self._content, "_generation", 0))
        return {
            "key": p.key,
            "name": p.name.strip() or self.tr("name not recorded"),
            "otherSpellings": "; ".join(s for s in p.other_spellings if s.strip()),
            "photoUrl": image_url(generation, p.photo_id),
            "born": born or self.tr("date of birth not recorded"),
            "bornKnown": bool(born),
            "died": died or self.tr("date of death not recorded"),
            "diedKnown": bool(died),
            "age": self.tr("aged %n", "", p.age)
            if p.age is not None
            else self.tr("age not recorded"),
            "ageKnown": p.age is not None,
            "lifeText": life_dates(p, locale),
            "place": card.place.name if card.place is not None else self.tr("place not recorded"),
            "placeKnown": card.place is not None,
            "fate": readable(fate) or self.tr("fate not recorded"),
            "fateKnown": bool(fate),
            "notes": readable(p.notes.strip()),
            "source": source_text(card.source) or self.tr("source not recorded"),
            "sourceKnown": card.source is not None,
            "family": family,
        }

    # -- the search --------------------------------------------------------------------------
    def _get_query(self) -> str:
        return self._query

    query = Property(str, _get_query, notify=queryChanged)

    def _get_results(self) -> NameResultsModel:
        return self.results

    resultsModel = Property(NameResultsModel, _get_results, constant=True)

    def _get_searching(self) -> bool:
        return self._seq != self._shown or self._debounce.isActive()

    searching = Property(bool, _get_searching, notify=resultsChanged)

    def _get_answered(self) -> bool:
        """A query was typed and its answer is shown (so "no one found" may be said)."""
        return (
            bool(self._query.strip()) and self._seq == self._shown and not self._debounce.isActive()
        )

    answered = Property(bool, _get_answered, notify=resultsChanged)

    @Slot(str)
    def search(self, text: str) -> None:
        """What the visitor has typed now: searched once typing pauses (the debounce)."""
        if text == self._query:
            return
        self._query = text
        self.queryChanged.emit()
        if not text.strip():
            self._clear_search(keep_query=True)
            return
        self._debounce.start()
        self.resultsChanged.emit()

    def search_and_wait(self, text: str, timeout_s: float = 5.0) -> bool:
        """Search ``text`` now (no debounce) and run Qt until the answer is shown: for the
        screenshots and the layout test, never for a visitor. False when none came in time."""
        self.search(text)
        self._debounce.stop()
        self._send()
        deadline = time.monotonic() + timeout_s
        while self._seq != self._shown and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            self._thread.wait(5)  # (a moment for the worker; not the GUI thread's normal path)
        return self._seq == self._shown

    def _clear_search(self, *, keep_query: bool = False) -> None:
        self._debounce.stop()
        self._seq += 1  # whatever is on its way answers nothing now
        self._shown = self._seq
        self._matches = []
        self.results.show([])
        if not keep_query and self._query:
            self._query = ""
            self.queryChanged.emit()
        self.resultsChanged.emit()

    def _send(self) -> None:
        bundle = self._content.bundle
        if bundle is None:
            return
        if not self._thread.isRunning():
            self._thread.start()
        self._seq += 1
        self._request.emit(self._seq, str(bundle.path), self._query.strip())

    def _found(self, seq: int, matches: list[Match]) -> None:
        if seq != self._seq:
            self.dropped += 1
            return
        self._shown = seq
        self._matches = list(matches)
        self.results.show([self._words.row(m) for m in self._matches])
        self.resultsChanged.emit()
