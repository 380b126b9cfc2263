"""List models the screens draw: one row per section, event, figure, remembrance entry or person.

Each model is a ``QAbstractListModel`` whose roles are an ``IntEnum``; rows are plain tuples built
once, in Python, when the bundle or the language changes. QML asks for a row only when it creates
a delegate, never per frame, so a timeline of 10,000 events scrolls on the C++ side alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement

from kiosk.content.records import Event, Person, Remembrance, Section, Source, Statistic
from kiosk.ui.backend.dates import format_partial_date, format_when
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

_FIRST_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_Index = QModelIndex | QPersistentModelIndex


def _role_enum(name: str, roles: Sequence[str]) -> type[IntEnum]:
    return IntEnum(name, {r: _FIRST_ROLE + i for i, r in enumerate(roles)})  # type: ignore[return-value]


def source_text(source: Source | None) -> str:
    """The short name of where a text or figure comes from (shown on every card)."""
    return source.title.strip() if source is not None else ""


def source_detail(source: Source | None) -> str:
    """The longer note on a source (shown where there is room to read it)."""
    return source.detail.strip() if source is not None else ""


def image_url(generation: int, media_id: int | None) -> str:
    """The ``image://bundle/...`` address of a media row; the generation defeats stale caches."""
    return "" if media_id is None else f"image://bundle/{generation}/{media_id}"


class RowModel(QAbstractListModel):
    """Rows are tuples whose fields follow ``Roles``; subclasses build them from records."""

    Roles: ClassVar[type[IntEnum]]
    countChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Any, ...]] = []
        self._keys: list[str] = []

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            role = _FIRST_ROLE + 1  # the second field of every model is its main text
        field = role - _FIRST_ROLE
        if not 0 <= field < len(self.Roles):
            return None
        return self._rows[row][field]

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(r): QByteArray(r.name.encode()) for r in self.Roles}

    # -- for Python and QML ------------------------------------------------------------------
    def _get_count(self) -> int:
        return len(self._rows)

    count = Property(int, _get_count, notify=countChanged)

    @Slot(int, str, result="QVariant")
    def get(self, row: int, role_name: str) -> Any:
        """One field of one row, by role name (``None`` when out of range)."""
        if not 0 <= row < len(self._rows) or role_name not in self.Roles.__members__:
            return None
        return self._rows[row][int(self.Roles[role_name]) - _FIRST_ROLE]

    def row_dict(self, row: int) -> dict[str, Any]:
        return {r.name: self._rows[row][int(r) - _FIRST_ROLE] for r in self.Roles}

    def _replace(self, keys: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Swap in new rows: same keys in the same order only refresh the data (a language
        change keeps every view's position); anything else resets the model."""
        if keys == self._keys and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0))
            return
        old = len(self._rows)
        self.beginResetModel()
        self._keys, self._rows = keys, rows
        self.endResetModel()
        if old != len(rows):
            self.countChanged.emit()

    def _set_field(self, row: int, role: IntEnum, value: Any) -> None:
        field = int(role) - _FIRST_ROLE
        current = self._rows[row]
        if current[field] == value:
            return
        self._rows[row] = (*current[:field], value, *current[field + 1 :])
        idx = self.index(row, 0)
        self.dataChanged.emit(idx, idx, [int(role)])


@QmlElement
@QmlUncreatable("Made by the ContentController")
class SectionModel(RowModel):
    """The history, one narrative section per row, in reading order."""

    Roles = _role_enum(
        "SectionRoles",
        [
            "key",
            "title",
            "body",
            "number",
            "sensitive",
            "advisory",
            "revealed",
            "source",
            "sourceDetail",
            "imageUrl",
            "imageAlt",
            "imageCredit",
        ],
    )

    def load(
        self,
        sections: Iterable[Section],
        sources: Mapping[int, Source],
        images: Mapping[int, tuple[str, str, str]],
        revealed: set[str],
    ) -> None:
        rows, keys = [], []
        for number, s in enumerate(sections, start=1):
            url, alt, credit = images.get(s.image_id or -1, ("", "", ""))
            keys.append(s.key)
            rows.append(
                (
                    s.key,
                    s.title,
                    s.body,
                    number,
                    s.sensitive,
                    s.advisory,
                    (not s.sensitive) or s.key in revealed,
                    source_text(sources.get(s.source_id or -1)),
                    source_detail(sources.get(s.source_id or -1)),
                    url,
                    alt,
                    credit,
                )
            )
        self._replace(keys, rows)

    def set_revealed(self, revealed: set[str]) -> None:
        """Mark which sensitive sections the visitor chose to read."""
        for row, key in enumerate(self._keys):
            sensitive = self._rows[row][int(self.Roles["sensitive"]) - _FIRST_ROLE]
            self._set_field(row, self.Roles["revealed"], (not sensitive) or key in revealed)

    def key_at(self, row: int) -> str:
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def is_sensitive(self, row: int) -> bool:
        return bool(self.get(row, "sensitive"))


def _excerpt(body: str, limit: int = 600) -> str:
    """The text as one paragraph, shortened at a word: a card shows what fits of it."""
    first = re.sub(r"\s*\n\s*", " ", body.strip())
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


@QmlElement
@QmlUncreatable("Made by the ContentController")
class TimelineModel(RowModel):
    """The dated (and undated) events, in the curator's order."""

    Roles = _role_enum(
        "TimelineRoles",
        [
            "key",
            "title",
            "body",
            "excerpt",
            "dateText",
            "year",
            "era",
            "eraStart",
            "category",
            "source",
            "sourceDetail",
            "imageUrl",
            "imageAlt",
        ],
    )

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
            era = e.era.strip()
            keys.append(e.key)
            rows.append(
                (
                    e.key,
                    e.title,
                    e.body,
                    _excerpt(e.body),
                    format_when(e.start, locale, e.date_label, e.end),
                    e.start.year if e.start else 0,
                    era,
                    bool(era) and era != previous_era,
                    e.category,
                    source_text(sources.get(e.source_id or -1)),
                    source_detail(sources.get(e.source_id or -1)),
                    url,
                    alt,
                )
            )
            previous_era = era
        self._replace(keys, rows)


@QmlElement
@QmlUncreatable("Made by the ContentController")
class YearModel(RowModel):
    """The years of the timeline, each with the row of its first event: the year strip."""

    Roles = _role_enum("YearRoles", ["year", "label", "firstRow"])

    def load_from(self, timeline: TimelineModel, locale: QLocale) -> None:
        seen: dict[int, int] = {}
        for row in range(timeline.rowCount()):
            year = int(timeline.get(row, "year") or 0)
            if year and year not in seen:
                seen[year] = row
        rows = [(y, str(y), r) for y, r in sorted(seen.items(), key=lambda item: item[1])]
        self._replace([str(y) for y, _label, _r in rows], rows)

    @Slot(int, result=int)
    def indexForEventRow(self, event_row: int) -> int:
        """The year (row of this model) an event row falls in; -1 before the first year."""
        found = -1
        for i, row in enumerate(self._rows):
            if row[2] <= event_row:
                found = i
            else:
                break
        return found


def format_figure(value: float, locale: QLocale) -> str:
    """613 -> "613", 1275 -> "1,275" / "1.275" / "1 275"; fractions keep one decimal."""
    if float(value).is_integer():
        return locale.toString(int(value))
    return locale.toString(float(value), "f", 1)


@QmlElement
@QmlUncreatable("Made by the ContentController")
class StatisticsModel(RowModel):
    """The figures that stand alone; each carries its parts, drawn as parts of its whole.

    ``parts`` is a list of maps (label, value, valueText, fraction, offset); ``remainder`` is
    the fraction of the whole the source does not break down, drawn without a number.
    """

    Roles = _role_enum(
        "StatisticsRoles",
        [
            "key",
            "label",
            "value",
            "valueText",
            "unit",
            "description",
            "source",
            "parts",
            "hasParts",
            "remainder",
            "partsExceedWhole",
        ],
    )

    def load(
        self, statistics: Sequence[Statistic], sources: Mapping[int, Source], locale: QLocale
    ) -> None:
        by_id = {s.id: s for s in statistics}
        top = [s for s in statistics if s.parent_id is None or s.parent_id not in by_id]
        top_ids = {s.id for s in top}
        children: dict[int, list[Statistic]] = {}
        for s in statistics:
            if s.parent_id in top_ids:
                children.setdefault(s.parent_id, []).append(s)
            elif s.id not in top_ids:
                # A part of a part is shown as a figure of its own rather than lost.
                top.append(s)
        rows, keys = [], []
        for s in top:
            parts_src = children.get(s.id, [])
            parts: list[dict[str, Any]] = []
            offset = 0.0
            total = sum(max(p.value, 0.0) for p in parts_src)
            # Parts summing to more than the whole cannot be drawn inside it honestly: scale
            # them to the sum instead, and say so (partsExceedWhole) rather than overflow.
            whole = max(s.value, total) if s.value > 0 else total
            for p in parts_src:
                fraction = max(p.value, 0.0) / whole if whole > 0 else 0.0
                parts.append(
                    {
                        "key": p.key,
                        "label": p.label,
                        "value": p.value,
                        "valueText": format_figure(p.value, locale),
                        "unit": p.unit,
                        "fraction": fraction,
                        "offset": offset,
                        "source": source_text(sources.get(p.source_id or -1)),
                    }
                )
                offset += fraction
            remainder = max(0.0, 1.0 - offset) if parts else 0.0
            if remainder < 1e-9:
                remainder = 0.0
            keys.append(s.key)
            rows.append(
                (
                    s.key,
                    s.label,
                    s.value,
                    format_figure(s.value, locale),
                    s.unit,
                    s.description,
                    source_text(sources.get(s.source_id or -1)),
                    parts,
                    bool(parts),
                    remainder,
                    total > s.value > 0,
                )
            )
        self._replace(keys, rows)


@QmlElement
@QmlUncreatable("Made by the ContentController")
class RemembranceModel(RowModel):
    """Days of mourning, decrees and addresses, in the curator's order."""

    Roles = _role_enum("RemembranceRoles", ["key", "title", "body", "kind", "dateText", "source"])

    def load(
        self, entries: Iterable[Remembrance], sources: Mapping[int, Source], locale: QLocale
    ) -> None:
        rows, keys = [], []
        for r in entries:
            keys.append(r.key)
            rows.append(
                (
                    r.key,
                    r.title,
                    r.body,
                    r.kind,
                    format_when(r.date, locale, r.date_label),
                    source_text(sources.get(r.source_id or -1)),
                )
            )
        self._replace(keys, rows)


@QmlElement
@QmlUncreatable("Made by the ContentController")
class PeopleModel(RowModel):
    """The names of the people remembered, sorted by name; empty when the bundle has none."""

    Roles = _role_enum(
        "PeopleRoles", ["key", "name", "lifeText", "fate", "notes", "initial", "photoUrl"]
    )

    def load(self, people: Iterable[Person], generation: int, locale: QLocale) -> None:
        rows, keys = [], []
        for p in people:
            born = format_partial_date(p.birth_date, locale)
            died = format_partial_date(p.death_date, locale)
            life = f"{born} – {died}" if born and died else (born or died)
            if p.age is not None:
                age = self.tr("aged %1").replace("%1", locale.toString(p.age))
                life = f"{life} ({age})" if life else age
            name = p.name.strip()
            keys.append(str(p.id))
            rows.append(
                (
                    str(p.id),
                    name,
                    life,
                    p.fate,
                    p.notes,
                    locale.toUpper(name[:1]) if name else "",
                    image_url(generation, p.photo_id),
                )
            )
        self._replace(keys, rows)

    @Slot(result="QVariantList")
    def initials(self) -> list[dict[str, Any]]:
        """Each first letter with the row of its first name: the letter strip."""
        seen: dict[str, int] = {}
        for row, values in enumerate(self._rows):
            seen.setdefault(values[5], row)
        return [{"letter": k, "row": v} for k, v in seen.items() if k]


# The attract loop shows at most this many images: the first ones in reading order are the key ones.
ATTRACT_IMAGES = 12


def interleave(figures: Sequence[tuple[Any, ...]], images: Sequence[tuple[Any, ...]]) -> list[Any]:
    """Figures and images taking turns, a figure first; the longer list finishes alone."""
    out: list[Any] = []
    for i in range(max(len(figures), len(images))):
        out += [*figures[i : i + 1], *images[i : i + 1]]
    return out


@QmlElement
@QmlUncreatable("Made by the ContentController")
class AttractModel(RowModel):
    """The slides of the attract loop: the key figures and the key images, taking turns.

    ``kind`` is "figure" (``valueText``, ``unit``, ``label``) or "image" (``imageUrl``, its alt
    text as ``label``, ``credit``). Images come from the sections (in reading order), then the
    events; none from a sensitive section, and none twice.
    """

    Roles = _role_enum(
        "AttractRoles", ["key", "label", "kind", "valueText", "unit", "imageUrl", "credit"]
    )
    hasImagesChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._has_images = False

    def load(
        self,
        statistics: StatisticsModel,
        sections: Iterable[Section],
        events: Iterable[Event],
        images: Mapping[int, tuple[str, str, str]],
    ) -> None:
        figures = [
            (
                f"figure:{statistics.get(r, 'key')}",
                statistics.get(r, "label"),
                "figure",
                statistics.get(r, "valueText"),
                statistics.get(r, "unit"),
                "",
                "",
            )
            for r in range(statistics.rowCount())
        ]
        sections = list(sections)
        sensitive = {s.id for s in sections if s.sensitive}
        wanted = [s.image_id for s in sections if not s.sensitive]
        wanted += [e.image_id for e in events if e.section_id not in sensitive]
        shown: list[tuple[Any, ...]] = []
        for media_id in dict.fromkeys(i for i in wanted if i is not None and i in images):
            url, alt, credit = images[media_id]
            shown.append((f"image:{media_id}", alt, "image", "", "", url, credit))
            if len(shown) == ATTRACT_IMAGES:
                break
        rows = interleave(figures, shown)
        self._replace([r[0] for r in rows], rows)
        if self._has_images != bool(shown):
            self._has_images = bool(shown)
            self.hasImagesChanged.emit()

    def _get_has_images(self) -> bool:
        return self._has_images

    hasImages = Property(bool, _get_has_images, notify=hasImagesChanged)
