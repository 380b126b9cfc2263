"""The figures' model: each figure that stands alone, with its parts drawn as parts of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QLocale
from PySide6.QtQml import QmlElement

from kiosk.content.records import Source, Statistic
from kiosk.ui.backend.models.rows import RowModel, readable, role_enum, source_text
from kiosk.ui.qt import QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


def tone_of(figure: Statistic) -> str:
    """ "context" only when the bundle says so: any other tone is drawn as a loss (quietly)."""
    return "context" if figure.tone == "context" else "loss"


def format_figure(value: float, locale: QLocale) -> str:
    """613 -> "613", 1275 -> "1,275" / "1.275" / "1 275"; fractions keep one decimal."""
    if float(value).is_integer():
        return locale.toString(int(value))
    return locale.toString(float(value), "f", 1)


class StatisticRow(NamedTuple):
    key: str
    label: str
    value: float
    valueText: str
    unit: str
    description: str
    source: str
    parts: list[dict[str, Any]]  # label, value, valueText, unit, fraction, offset, source
    hasParts: bool
    remainder: float  # the fraction of the whole the source does not break down
    remainderLabel: str  # what that rest is; "" for the program's own words
    partsExceedWhole: bool
    tone: str  # "loss" (never in the accent colour) or "context"


@QmlElement
@QmlUncreatable("Made by the ContentController")
class StatisticsModel(RowModel):
    """The figures that stand alone; each carries its parts, drawn as parts of its whole.

    ``parts`` is a list of maps (label, value, valueText, fraction, offset); ``remainder`` is
    the fraction of the whole the source does not break down, drawn without a number and
    named by ``remainderLabel`` (the curator's words, or "" for the program's). ``tone`` is
    the figure's own (its parts are drawn in it): "loss" or "context".
    """

    Row = StatisticRow
    Roles = role_enum("StatisticsRoles", StatisticRow)

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
                StatisticRow(
                    key=s.key,
                    label=s.label,
                    value=s.value,
                    valueText=format_figure(s.value, locale),
                    unit=s.unit,
                    description=readable(s.description),
                    source=source_text(sources.get(s.source_id or -1)),
                    parts=parts,
                    hasParts=bool(parts),
                    remainder=remainder,
                    remainderLabel=s.remainder_label.strip() if remainder > 0 else "",
                    partsExceedWhole=total > s.value > 0,
                    tone=tone_of(s),
                )
            )
        self._replace(keys, rows, locale)
