"""Which screen the visitor sees. Every screen leads home: no history stack to get lost in."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.qt import Property, QmlUncreatable
from kiosk.ui.screens import (
    ATTRACT,
    HOME,
    SCREEN_NAMES,
    SCREENS,
    Screen,
    slots_for_qml,
    tiles_for_qml,
)

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

VISITOR_SCREENS = SCREEN_NAMES  # kiosk.ui.screens registers them


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class Navigator(QObject):
    """The current screen. ``go`` to a named screen; an unknown name leads home, not nowhere."""

    screenChanged = Signal(str)

    def __init__(self, registry: Sequence[Screen] = SCREENS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registry = tuple(registry)
        self._screens: list[str] = list(dict.fromkeys(s.name for s in self._registry))
        self._screen = ATTRACT

    def _get_screen(self) -> str:
        return self._screen

    screen = Property(str, _get_screen, notify=screenChanged)

    def _get_screens(self) -> list[str]:
        return list(self._screens)

    screens = Property(list, _get_screens, constant=True)

    def _get_slots(self) -> list[dict[str, Any]]:
        return slots_for_qml(self._registry)

    # Main.qml makes one ScreenSlot per entry (name, component, needs, lasting)
    slots = Property(list, _get_slots, constant=True)

    def _get_tiles(self) -> list[dict[str, str]]:
        return tiles_for_qml(self._registry)

    # the home screen's tiles (name, motif, title, description: untranslated source texts)
    tiles = Property(list, _get_tiles, constant=True)

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
