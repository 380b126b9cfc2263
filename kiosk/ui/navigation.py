"""Which screen the visitor sees. Every screen leads home: no history stack to get lost in."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

ATTRACT = "attract"
HOME = "home"
VISITOR_SCREENS = (ATTRACT, HOME, "history", "timeline", "numbers", "memorial")


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class Navigator(QObject):
    """The current screen. ``go`` to a named screen; an unknown name leads home, not nowhere."""

    screenChanged = Signal(str)

    def __init__(
        self, screens: Iterable[str] = VISITOR_SCREENS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._screens: list[str] = list(dict.fromkeys(screens))
        self._screen = ATTRACT

    def _get_screen(self) -> str:
        return self._screen

    screen = Property(str, _get_screen, notify=screenChanged)

    def _get_screens(self) -> list[str]:
        return list(self._screens)

    screens = Property(list, _get_screens, constant=True)

    def add_screen(self, name: str) -> None:
        """Make ``name`` a screen ``go`` accepts (the admin screen is added this way)."""
        if name not in self._screens:
            self._screens.append(name)

    @Slot(str)
    def go(self, name: str) -> None:
        if name not in self._screens:
            log.warning("no screen named %r; going home", name)
            name = HOME
        if name != self._screen:
            self._screen = name
            self.screenChanged.emit(name)

    @Slot()
    def home(self) -> None:
        self.go(HOME)

    @Slot()
    def attract(self) -> None:
        self.go(ATTRACT)
