"""The timeline's models: the events, and the years of the year strip.

The events are read from the bundle a page at a time as the view asks for them
(``PagedRowModel``): a timeline of 100,000 events costs what one of ten costs, at start and in
memory. The year strip comes from one SQL query (a window function over the curator's order);
for a large timeline it runs on a worker thread with its own connection, and the strip appears
when it is done (the screens never wait for it).
"""

from __future__ import annotations

import bisect
import contextlib
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple, Protocol

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.content.reader import Bundle, BundleError, event_years, open_bundle
from kiosk.content.records import Event, Source
from kiosk.ui.backend.dates import format_when
from kiosk.ui.backend.models.rows import (
    PagedRowModel,
    RowModel,
    image_url,
    readable,
    role_enum,
    source_detail,
    source_text,
)
from kiosk.ui.qt import QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

# Up to this many events the year strip is read at once, on the GUI thread (a few ms); a
# larger timeline gets it from a worker thread.
YEARS_AT_ONCE = 20_000
# ... and the worker starts this long after the bundle is shown: its pass over the events
# table stays off the way to the first frame (a kiosk PC may have two cores).
YEARS_DELAY_MS = 1_000

Years = list[tuple[int, int]]  # (year, row of its first event), in row order


def _excerpt(body: str, limit: int = 160, summary: str = "") -> str:
    """What a card shows: the curator's summary, else the text as one paragraph, shortened
    at a word (with an ellipsis) to about what a card holds."""
    if summary.strip():
        return re.sub(r"\s*\n\s*", " ", summary.strip())
    first = re.sub(r"\s*\n\s*", " ", body.strip())
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


class EventRow(NamedTuple):
    key: str
    title: str
    body: str
    excerpt: str
    dateText: str
    year: int  # 0 when undated
    era: str
    eraStart: bool  # the first event of its era
    category: str
    source: str
    sourceDetail: str
    imageUrl: str
    imageAlt: str


# A row that could not be read (a bundle damaged after it was checked): empty, never a crash.
BLANK_EVENT = EventRow("", "", "", "", "", 0, "", False, "", "", "", "", "")


def event_row(
    e: Event,
    previous_era: str | None,
    locale: QLocale,
    sources: Mapping[int, Source],
    image: Callable[[int | None], tuple[str, str]],
) -> EventRow:
    """One event as the timeline shows it (a new role: a field of EventRow and a line here)."""
    url, alt = image(e.image_id)
    source = sources.get(e.source_id or -1)
    era = e.era.strip()
    return EventRow(
        key=e.key,
        title=e.title,
        body=readable(e.body),
        excerpt=readable(_excerpt(e.body, summary=e.summary)),
        dateText=format_when(e.start, locale, e.date_label, e.end),
        year=e.start.year if e.start else 0,
        era=era,
        eraStart=bool(era) and era != previous_era,
        category=e.category,
        source=source_text(source),
        sourceDetail=source_detail(source),
        imageUrl=url,
        imageAlt=alt,
    )


class EventSource(Protocol):
    """Where the timeline's events come from: a bundle, or a list (tests, tools)."""

    path: Path | None  # the bundle file (a worker opens it for the year strip), or None

    def count(self) -> int: ...

    def page(self, offset: int, limit: int) -> list[Event]: ...

    def image(self, media_id: int | None) -> tuple[str, str]: ...  # (url, alt)

    def years(self) -> Years: ...

    def source_ids(self) -> list[int]: ...  # the sources named, in order of first naming


class EventList:
    """Events held in a list (a test's, or a tool's)."""

    path: Path | None = None

    def __init__(self, events: Iterable[Event], images: Mapping[int, tuple[str, str, str]]) -> None:
        self._events = list(events)
        self._images = images

    def count(self) -> int:
        return len(self._events)

    def page(self, offset: int, limit: int) -> list[Event]:
        return self._events[offset : offset + limit]

    def image(self, media_id: int | None) -> tuple[str, str]:
        url, alt, _credit = self._images.get(media_id or -1, ("", "", ""))
        return url, alt

    def years(self) -> Years:
        seen: dict[int, int] = {}
        for row, e in enumerate(self._events):
            if e.start and e.start.year and e.start.year not in seen:
                seen[e.start.year] = row
        return sorted(seen.items(), key=lambda item: item[1])

    def source_ids(self) -> list[int]:
        return list(dict.fromkeys(e.source_id for e in self._events if e.source_id is not None))


class BundleEvents:
    """The events of an open bundle, read a page at a time on its (GUI thread's) connection."""

    def __init__(self, bundle: Bundle, generation: int, count: int | None = None) -> None:
        self._bundle = bundle
        self._generation = generation
        self._count = bundle.event_count() if count is None else count
        self._media: dict[int, tuple[str, str]] = {}
        self.path: Path | None = bundle.path

    def count(self) -> int:
        return self._count

    def page(self, offset: int, limit: int) -> list[Event]:
        return self._bundle.event_page(offset, limit)

    def image(self, media_id: int | None) -> tuple[str, str]:
        if media_id is None:
            return "", ""
        found = self._media.get(media_id)
        if found is None:
            media = self._bundle.media(media_id)
            found = (
                ("", "") if media is None else (image_url(self._generation, media_id), media.alt)
            )
            self._media[media_id] = found
        return found

    def forget_texts(self) -> None:
        """The language changed: the images' alt texts are read again."""
        self._media.clear()

    def years(self) -> Years:
        return self._bundle.event_years()

    def source_ids(self) -> list[int]:
        return self._bundle.event_source_ids()


class _YearIndexer(QObject):
    """Reads the year strip of a large timeline on a daemon thread, with its own connection;
    ``done(token, years)`` arrives on the GUI thread."""

    done = Signal(int, object)
    _found = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._found.connect(self.done, Qt.ConnectionType.QueuedConnection)

    def start(self, token: int, path: Path) -> None:
        threading.Thread(
            target=self._run, args=(token, path), name="kiosk-year-index", daemon=True
        ).start()

    def _run(self, token: int, path: Path) -> None:
        try:
            conn = open_bundle(path)
            try:
                years: Years = event_years(conn)
            finally:
                conn.close()
        except Exception as exc:  # a damaged file: no year strip, the events still show
            log.error("the timeline's years could not be read from %s: %s", path, exc)
            years = []
        # the model may have gone (a closed shell, a test) while this read
        with contextlib.suppress(RuntimeError):
            self._found.emit(token, years)


@QmlElement
@QmlUncreatable("Made by the ContentController")
class TimelineModel(PagedRowModel):
    """The dated (and undated) events, in the curator's order, read a page at a time."""

    Row = EventRow
    Roles = role_enum("TimelineRoles", EventRow)
    yearsChanged = Signal()  # the year index (for the year strip) is there, or changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: EventSource = EventList([], {})
        self._sources: Mapping[int, Source] = {}
        self._years: Years = []
        self._token = 0
        self._failed = False
        self._indexer = _YearIndexer(self)
        self._indexer.done.connect(self._years_found)

    # -- loading -------------------------------------------------------------------------------
    def load(
        self,
        events: Iterable[Event],
        sources: Mapping[int, Source],
        images: Mapping[int, tuple[str, str, str]],
        locale: QLocale,
    ) -> None:
        """Show events held in a list (tests and tools; a bundle's come through ``attach``)."""
        self.attach(EventList(events, images), sources, locale)

    def attach(
        self,
        source: EventSource,
        sources: Mapping[int, Source],
        locale: QLocale,
        first: list[Event] | None = None,
    ) -> None:
        """Show the events of ``source`` (a new bundle): the views start again. ``first``: the
        first page, already read (the check that the bundle reads)."""
        self._source, self._sources, self._locale = source, sources, locale
        self._failed = False
        count = source.count()
        first_rows = None if first is None else self._rows_of(first[: self.PAGE_ROWS], None)
        self._reset_pages(count, first_rows)
        self._token += 1
        if source.path is None or count <= YEARS_AT_ONCE:
            self._set_years(self._read_years(source))
        else:
            self._set_years([])
            token, path = self._token, source.path
            QTimer.singleShot(YEARS_DELAY_MS, self, lambda: self._index_later(token, path))

    def _index_later(self, token: int, path: Path) -> None:
        if token == self._token:  # still the bundle shown
            self._indexer.start(token, path)

    def relocalise(self, sources: Mapping[int, Source], locale: QLocale) -> None:
        """The same events in another language: only the pages held are read again."""
        self._sources, self._locale = sources, locale
        forget = getattr(self._source, "forget_texts", None)
        if forget is not None:
            forget()
        self._refresh_pages()

    def source_titles(self) -> list[str]:
        """The sources the events name, in order of first naming, in the language shown: from
        SQL, never by reading every event (the sources panel asks at each reset)."""
        try:
            ids = self._source.source_ids()
        except BundleError as exc:
            log.error("the timeline's sources could not be read: %s", exc)
            return []
        return [source_text(self._sources.get(i)) for i in ids]

    # -- the year index ------------------------------------------------------------------------
    def years(self) -> Years:
        """``(year, first row)`` of each year, in row order; empty while a worker reads it."""
        return self._years

    def _read_years(self, source: EventSource) -> Years:
        try:
            return source.years()
        except BundleError as exc:
            log.error("the timeline's years could not be read: %s", exc)
            return []

    def _years_found(self, token: int, years: Years) -> None:
        if token == self._token:  # not a bundle shown before this one
            self._set_years(years)

    def _set_years(self, years: Years) -> None:
        self._years = years
        self.yearsChanged.emit()

    # -- pages ---------------------------------------------------------------------------------
    def _read_page(self, number: int) -> list[EventRow]:
        start = number * self.PAGE_ROWS
        before = 1 if start > 0 else 0  # the row before: is the page's first event an era's?
        try:
            events = self._source.page(start - before, self.PAGE_ROWS + before)
        except BundleError as exc:
            if not self._failed:
                log.error("timeline events could not be read: %s", exc)
                self._failed = True
            return []
        previous = events[0].era.strip() if before and events else None
        return self._rows_of(events[before:], previous)

    def _rows_of(self, events: list[Event], previous_era: str | None) -> list[EventRow]:
        out = []
        for e in events:
            row = event_row(e, previous_era, self._locale, self._sources, self._source.image)
            out.append(row)
            previous_era = row.era
        return out

    def _blank(self) -> EventRow:
        return BLANK_EVENT


class YearRow(NamedTuple):
    year: int
    label: str
    firstRow: int  # the row of the year's first event in the TimelineModel


@QmlElement
@QmlUncreatable("Made by the ContentController")
class YearModel(RowModel):
    """The years of the timeline, each with the row of its first event: the year strip."""

    Row = YearRow
    Roles = role_enum("YearRoles", YearRow)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeline: TimelineModel | None = None
        self._first_rows: list[int] = []

    def load_from(self, timeline: TimelineModel, locale: QLocale) -> None:
        """The years of ``timeline``'s index (SQL), and again whenever that index changes."""
        if timeline is not self._timeline:
            if self._timeline is not None:
                self._timeline.yearsChanged.disconnect(self._follow)
            self._timeline = timeline
            timeline.yearsChanged.connect(self._follow)
        self._locale = locale
        self._follow()

    def _follow(self) -> None:
        if self._timeline is None:
            return
        rows = [YearRow(year=y, label=str(y), firstRow=r) for y, r in self._timeline.years()]
        self._first_rows = [r.firstRow for r in rows]
        self._replace([str(r.year) for r in rows], rows, self._locale)

    @Slot(int, result=int)
    def indexForEventRow(self, event_row: int) -> int:
        """The year (row of this model) an event row falls in; -1 before the first year."""
        return bisect.bisect_right(self._first_rows, event_row) - 1
