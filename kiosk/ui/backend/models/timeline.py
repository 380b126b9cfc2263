"""The timeline's models: the events, and the years of the year strip."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from PySide6.QtCore import QLocale, Slot
from PySide6.QtQml import QmlElement

from kiosk.content.records import Event, Source
from kiosk.ui.backend.dates import format_when
from kiosk.ui.backend.models.rows import RowModel, role_enum, source_detail, source_text
from kiosk.ui.qt import QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


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


@QmlElement
@QmlUncreatable("Made by the ContentController")
class TimelineModel(RowModel):
    """The dated (and undated) events, in the curator's order."""

    Row = EventRow
    Roles = role_enum("TimelineRoles", EventRow)

    def load(
        self,
        events: Iterable[Event],
        sources: Mapping[int, Source],
        images: Mapping[int, tuple[str, str, str]],
        locale: QLocale,
    ) -> None:
        rows, keys = [], []
        previous_era: str | None = None
        for e in events:
            url, alt, _credit = images.get(e.image_id or -1, ("", "", ""))
            source = sources.get(e.source_id or -1)
            era = e.era.strip()
            keys.append(e.key)
            rows.append(
                EventRow(
                    key=e.key,
                    title=e.title,
                    body=e.body,
                    excerpt=_excerpt(e.body, summary=e.summary),
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
            )
            previous_era = era
        self._replace(keys, rows, locale)


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

    def load_from(self, timeline: TimelineModel, locale: QLocale) -> None:
        seen: dict[int, int] = {}
        for row, event in enumerate(timeline.rows()):
            if event.year and event.year not in seen:
                seen[event.year] = row
        rows = [
            YearRow(year=y, label=str(y), firstRow=r)
            for y, r in sorted(seen.items(), key=lambda item: item[1])
        ]
        self._replace([str(r.year) for r in rows], rows, locale)

    @Slot(int, result=int)
    def indexForEventRow(self, event_row: int) -> int:
        """The year (row of this model) an event row falls in; -1 before the first year."""
        found = -1
        for i, row in enumerate(self._rows):
            if row.firstRow <= event_row:
                found = i
            else:
                break
        return found
