"""Where each screen's texts and figures come from: one line per screen opens a panel that
lists them, instead of the same "Source: ..." under every card.

``SourcesController.byScreen`` maps a screen's name to the sources its rows name, in the order
they first appear, each as ``{"title", "detail"}`` in the language shown. It is rebuilt when the
content changes (another bundle, another language), never per frame. ``openScreen`` is the
screen whose panel is open ("" when none); a new visit closes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.models.rows import RowModel, readable
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


def used_sources(titles: Iterable[str], details: dict[str, str]) -> list[dict[str, str]]:
    """The distinct sources named in ``titles``, in order of first appearance, with their
    notes."""
    seen: dict[str, None] = {}
    for title in titles:
        if title.strip():
            seen.setdefault(title.strip(), None)
    return [{"title": t, "detail": details.get(t, "")} for t in seen]


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class SourcesController(QObject):
    changed = Signal()  # byScreen changed (new content or language)
    openChanged = Signal()

    def __init__(self, content: ContentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._models: dict[str, RowModel] = {
            "history": content.section_model,
            "timeline": content.timeline_model,
            "numbers": content.statistics_model,
            "memorial": content.remembrance_model,
        }
        self._by_screen: dict[str, list[dict[str, str]]] = {}
        self._open = ""
        for name, model in self._models.items():
            model.modelReset.connect(lambda name=name: self._rebuild(name))
            model.dataChanged.connect(
                lambda _first, _last, roles=(), name=name: self._data_changed(name, roles)
            )
        for name in self._models:
            self._rebuild(name)

    def _details(self) -> dict[str, str]:
        """Each source's note by its title, in the language shown."""
        bundle = self._content.bundle
        if bundle is None:
            return {}
        return {s.title.strip(): readable(s.detail.strip()) for s in bundle.sources().values()}

    def _data_changed(self, name: str, roles: list[int]) -> None:
        if self._models[name].may_change_sources(list(roles)):
            self._rebuild(name)

    def _rebuild(self, name: str) -> None:
        """The sources of one screen again, after its model changed."""
        used = used_sources(self._models[name].source_titles(), self._details())
        if used != self._by_screen.get(name):
            self._by_screen = {**self._by_screen, name: used}
            self.changed.emit()

    def by_screen(self) -> dict[str, list[dict[str, str]]]:
        return self._by_screen

    byScreen = Property(dict, by_screen, notify=changed)

    @Slot(str, result=list)
    def sourcesFor(self, screen: str) -> list[dict[str, str]]:
        """The sources of ``screen`` (for Python and tests; QML binds to ``byScreen``)."""
        return list(self._by_screen.get(screen, []))

    def open_screen(self) -> str:
        return self._open

    openScreen = Property(str, open_screen, notify=openChanged)

    @Slot(str)
    def open(self, screen: str) -> None:
        """Open the sources panel of ``screen``."""
        if screen != self._open and self._by_screen.get(screen):
            self._open = screen
            self.openChanged.emit()

    @Slot()
    def close(self) -> None:
        if self._open:
            self._open = ""
            self.openChanged.emit()
