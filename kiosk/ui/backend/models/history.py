"""The history's model: one narrative section per row, in reading order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from PySide6.QtCore import QLocale, QObject
from PySide6.QtQml import QmlElement

from kiosk.content.records import Section, Source
from kiosk.ui.backend.models.rows import (
    RowModel,
    readable,
    role_enum,
    source_detail,
    source_text,
)
from kiosk.ui.qt import QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


class SectionRow(NamedTuple):
    key: str
    title: str
    body: str
    number: int
    sensitive: bool
    advisory: str
    revealed: bool  # not sensitive, or the visitor chose to read it
    source: str
    sourceDetail: str
    imageUrl: str
    imageAlt: str
    imageCredit: str


@QmlElement
@QmlUncreatable("Made by the ContentController")
class SectionModel(RowModel):
    """The history, one narrative section per row, in reading order.

    It remembers which sensitive sections the visitor chose to read, so a language change (new
    rows) keeps them open; another bundle keeps only those it still has as sensitive.
    """

    Row = SectionRow
    Roles = role_enum("SectionRoles", SectionRow)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._revealed: set[str] = set()

    def load(
        self,
        sections: Iterable[Section],
        sources: Mapping[int, Source],
        images: Mapping[int, tuple[str, str, str]],
        locale: QLocale | None = None,
    ) -> None:
        sections = list(sections)
        self._revealed &= {s.key for s in sections if s.sensitive}
        rows, keys = [], []
        for number, s in enumerate(sections, start=1):
            url, alt, credit = images.get(s.image_id or -1, ("", "", ""))
            source = sources.get(s.source_id or -1)
            keys.append(s.key)
            rows.append(
                SectionRow(
                    key=s.key,
                    title=s.title,
                    body=readable(s.body),
                    number=number,
                    sensitive=s.sensitive,
                    advisory=readable(s.advisory),
                    revealed=(not s.sensitive) or s.key in self._revealed,
                    source=source_text(source),
                    sourceDetail=source_detail(source),
                    imageUrl=url,
                    imageAlt=alt,
                    imageCredit=credit,
                )
            )
        self._replace(keys, rows, locale)

    def set_revealed(self, revealed: set[str]) -> None:
        """Mark which sensitive sections the visitor chose to read."""
        self._revealed = set(revealed)
        for row, current in enumerate(self._rows):
            self._set_field(
                row, "revealed", (not current.sensitive) or current.key in self._revealed
            )

    def key_at(self, row: int) -> str:
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def is_sensitive(self, row: int) -> bool:
        return bool(self.get(row, "sensitive"))
