"""The attract loop's model: the figures the curator chose for it and the key images, taking
turns. Nothing a sensitive section guards ever appears on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtQml import QmlElement

from kiosk.content.records import Section, Statistic
from kiosk.ui.backend.models.figures import format_figure, tone_of
from kiosk.ui.backend.models.rows import RowModel, role_enum
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

# The attract loop shows at most this many images: the first ones in reading order are the key ones.
ATTRACT_IMAGES = 12


def attract_figures(figures: Sequence[Statistic], sections: Iterable[Section]) -> list[Statistic]:
    """The figures the curator marked for the attract loop, less any tied to a sensitive
    section: by its own ``section_id`` or its whole's (a part of the special-cruelty figure is
    as guarded as the figure). The validator warns about each one left out here."""
    sensitive = {s.id for s in sections if s.sensitive}
    by_id = {f.id: f for f in figures}

    def guarded(figure: Statistic) -> bool:
        seen: set[int] = set()
        current: Statistic | None = figure
        while current is not None and current.id not in seen:
            if current.section_id in sensitive:
                return True
            seen.add(current.id)
            current = by_id.get(current.parent_id) if current.parent_id is not None else None
        return False

    return [f for f in figures if f.attract and not guarded(f)]


def interleave(figures: Sequence[Any], images: Sequence[Any]) -> list[Any]:
    """Figures and images taking turns, a figure first; the longer list finishes alone."""
    out: list[Any] = []
    for i in range(max(len(figures), len(images))):
        out += [*figures[i : i + 1], *images[i : i + 1]]
    return out


class HasImage(Protocol):
    """An event as far as the attract loop cares: its image and its section."""

    @property
    def image_id(self) -> int | None: ...

    @property
    def section_id(self) -> int | None: ...


class EventImage(NamedTuple):
    """An event's image and section (all the attract loop reads of an event)."""

    image_id: int | None
    section_id: int | None


class SlideRow(NamedTuple):
    key: str
    label: str  # a figure's label, or an image's alt text
    kind: str  # "figure" or "image"
    valueText: str
    unit: str
    imageUrl: str
    credit: str
    tone: str  # a figure's: "loss" or "context"; "" for an image


@QmlElement
@QmlUncreatable("Made by the ContentController")
class AttractModel(RowModel):
    """The slides of the attract loop: the figures chosen for it and the key images, taking
    turns (often none at all: the screen's title, date and dedication stand alone).

    ``kind`` is "figure" (``valueText``, ``unit``, ``label``, ``tone``) or "image"
    (``imageUrl``, its alt text as ``label``, ``credit``). Figures are those the bundle marks
    ``attract`` (``attract_figures``); images come from the sections (in reading order), then
    the events; none from a sensitive section, and none twice.
    """

    Row = SlideRow
    Roles = role_enum("AttractRoles", SlideRow)
    hasImagesChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._has_images = False

    def load(
        self,
        statistics: Sequence[Statistic],
        sections: Iterable[Section],
        events: Iterable[HasImage],
        images: Mapping[int, tuple[str, str, str]],
        locale: QLocale,
    ) -> None:
        sections = list(sections)
        figures = [
            SlideRow(
                key=f"figure:{s.key}",
                label=s.label,
                kind="figure",
                valueText=format_figure(s.value, locale),
                unit=s.unit,
                imageUrl="",
                credit="",
                tone=tone_of(s),
            )
            for s in attract_figures(statistics, sections)
        ]
        sensitive = {s.id for s in sections if s.sensitive}
        wanted = [s.image_id for s in sections if not s.sensitive]
        wanted += [e.image_id for e in events if e.section_id not in sensitive]
        shown: list[SlideRow] = []
        for media_id in dict.fromkeys(i for i in wanted if i is not None and i in images):
            url, alt, credit = images[media_id]
            shown.append(
                SlideRow(
                    key=f"image:{media_id}",
                    label=alt,
                    kind="image",
                    valueText="",
                    unit="",
                    imageUrl=url,
                    credit=credit,
                    tone="",
                )
            )
            if len(shown) == ATTRACT_IMAGES:
                break
        rows = interleave(figures, shown)
        self._replace([r.key for r in rows], rows, locale)
        if self._has_images != bool(shown):
            self._has_images = bool(shown)
            self.hasImagesChanged.emit()

    def _get_has_images(self) -> bool:
        return self._has_images

    hasImages = Property(bool, _get_has_images, notify=hasImagesChanged)
