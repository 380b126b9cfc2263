"""The visitor experience put together: controllers, models, wiring, and the QML window.

``KioskShell`` is the one place that knows how the pieces connect, so ``kiosk.cli.kiosk`` (command
line) and the tests build the same thing. The lead's additions (admin screen, configuration, live
updates) plug in here:

* more objects for QML: put them in ``shell.extra_properties`` before ``load()`` and declare a
  matching ``required property`` in Main.qml; one that can wait for the first frame (the admin
  layer: kiosk.cli.kiosk sets ``admin`` then) is a plain property, set on the window later;
* another visitor screen: one entry in kiosk.ui.screens.SCREENS and its QML file; a screen
  outside the visit (the admin screen): ``shell.navigator.add_screen("admin")``;
* a new bundle: ``shell.content.reload(path)`` (keeps the old content when the new one fails);
* the end of a visit: ``shell.idle.reset`` (emitted on return to the attract loop); end one
  now with ``shell.end_visit()``; recover from an unexpected error with ``shell.recover()``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk import paths
from kiosk.ops.candles import CandleStore
from kiosk.ui.backend.accessibility import Accessibility
from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.history import HistoryController
from kiosk.ui.backend.idle import DEFAULT_PROMPT_MS, DEFAULT_TIMEOUT_MS, IdleGuard
from kiosk.ui.backend.images import PROVIDER_ID, BundleImageProvider
from kiosk.ui.backend.language import LanguageController
from kiosk.ui.backend.memorial import CandleController, MinuteOfSilence
from kiosk.ui.backend.names import DEBOUNCE_MS, NamesController
from kiosk.ui.backend.navigation import Navigator
from kiosk.ui.backend.sources import SourcesController
from kiosk.ui.backend.timeline import TimelineController
from kiosk.ui.runtime.screenfit import initial_size
from kiosk.ui.screens import ATTRACT, SCREENS, Screen

log = logging.getLogger(__name__)

QML_MODULE = "Kiosk"


@dataclass(frozen=True)
class Timings:
    """Every duration the visitor experience waits for; tests inject milliseconds."""

    idle_ms: int = DEFAULT_TIMEOUT_MS
    prompt_ms: int = DEFAULT_PROMPT_MS
    silence_seconds: int = 60
    silence_tick_ms: int = 1000
    attract_cycle_ms: int = 12_000
    animate: bool = True  # calm fades and the flame; off for screenshots and layout tests
    search_debounce_ms: int = DEBOUNCE_MS  # the names search waits this long after a key


class KioskShell(QObject):
    """Builds the controllers for one bundle and one data folder, and loads Main.qml."""

    def __init__(
        self,
        data_dir: Path,
        timings: Timings | None = None,
        start_locale: str = "",
        translations_dir: Path | None = None,
        *,
        screens: Sequence[Screen] = SCREENS,
        size_scale: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timings = timings or Timings()
        # every size on screen times this (kiosk.ui.runtime.screenfit.size_scale: the screen's
        # physical size, or ui_scale); 1.0 in tests and screenshots, whatever the platform says
        self.size_scale = size_scale
        self.data_dir = Path(data_dir)
        self.images = BundleImageProvider()
        self.content = ContentController(self.images, self)
        self.navigator = Navigator(screens, parent=self)
        self.idle = IdleGuard(self.timings.idle_ms, self.timings.prompt_ms, self)
        self.accessibility = Accessibility(self)
        self.language = LanguageController(
            self.content,
            translations_dir if translations_dir is not None else paths.translations_dir(),
            parent=self,
        )
        self.language.start_locale = start_locale
        self.history = HistoryController(self.content.section_model, self)
        self.timeline = TimelineController(
            self.content.timeline_model, self.content.year_model, self
        )
        self.silence = MinuteOfSilence(
            self.timings.silence_seconds, self.timings.silence_tick_ms, self
        )
        self.candle = CandleController(CandleStore(self.data_dir), self)
        self.sources = SourcesController(self.content, self)
        self.names = NamesController(self.content, self.timings.search_debounce_ms, parent=self)
        self.extra_properties: dict[str, Any] = {}
        self.engine: QQmlApplicationEngine | None = None
        self.window: QQuickWindow | None = None
        self._wire()

    # -- wiring ------------------------------------------------------------------------------
    def _wire(self) -> None:
        self.idle.reset.connect(self._reset_visit)
        self.idle.woke.connect(self._visitor_arrived)
        self.navigator.screenChanged.connect(self._screen_changed)
        self.navigator.screenChanged.connect(lambda _screen: self.sources.close())
        self.silence.started.connect(lambda: self.idle.hold("silence"))
        self.silence.stopped.connect(lambda: self.idle.release("silence"))
        self.history.leave.connect(self.navigator.home)
        self.language.currentChanged.connect(lambda _code: self.names.retranslate())

    def _visitor_arrived(self) -> None:
        if self.navigator.screen == ATTRACT:
            self.navigator.home()

    def _screen_changed(self, screen: str) -> None:
        if screen == ATTRACT:
            if self.idle.state != ATTRACT:
                self.idle.goAttract()  # a visit ended some other way: reset it all the same
        elif self.idle.state == ATTRACT:
            self.idle.activity()

    def _reset_visit(self) -> None:
        """Everything the last visitor chose goes back to how the next visitor expects it."""
        self.silence.cancel()
        self.timeline.reset()
        self.history.reset()
        self.accessibility.reset()
        self.language.reset()
        self.candle.reset()
        self.sources.close()
        self.names.reset()
        self.navigator.attract()

    def end_visit(self) -> None:
        """Back to the attract loop now, with the full reset."""
        self.idle.goAttract()

    def recover(self) -> None:
        """After an unexpected error: return to the attract loop (safe from any thread)."""
        QTimer.singleShot(0, self, self.end_visit)

    # -- loading -----------------------------------------------------------------------------
    def open_bundle(self, path: Path, locale: str = "", *, checked: bool = False) -> bool:
        """Open the first bundle; False (and ``content.error``) when it cannot be read.
        ``checked``: it was checked when adopted and is unchanged since (not checked again)."""
        return self.content.reload(path, locale or self.language.start_locale, checked=checked)

    def initial_properties(self) -> dict[str, Any]:
        """What Main.qml's required properties receive."""
        size = initial_size()
        return {
            "content": self.content,
            "navigator": self.navigator,
            "idle": self.idle,
            "accessibility": self.accessibility,
            "language": self.language,
            "history": self.history,
            "timeline": self.timeline,
            "silence": self.silence,
            "candle": self.candle,
            "sources": self.sources,
            "names": self.names,
            "attractCycleMs": self.timings.attract_cycle_ms,
            "animate": self.timings.animate,
            "sizeScale": self.size_scale,
            # the window starts at its screen's size (Main.qml has none of its own)
            "width": size.width(),
            "height": size.height(),
            **self.extra_properties,
        }

    def load(self, engine: QQmlApplicationEngine | None = None) -> QQuickWindow | None:
        """Create the window (not shown). None when Main.qml failed to load."""
        import kiosk.ui.backend  # noqa: F401, PLC0415 - registers the QML types before the engine reads them

        # Not a child of the shell: at shutdown the engine (and the QML bound to the
        # controllers) must go first, before the controllers it reads.
        self.engine = engine or QQmlApplicationEngine()
        self.engine.addImportPath(str(paths.qml_dir()))
        self.engine.addImageProvider(PROVIDER_ID, self.images)
        self.engine.setInitialProperties(self.initial_properties())
        self.language.set_retranslate(self.engine.retranslate)
        self.engine.loadFromModule(QML_MODULE, "Main")
        roots = self.engine.rootObjects()
        if not roots:
            log.error("the visitor screens could not be loaded (see the QML messages above)")
            return None
        window = roots[0]
        if not isinstance(window, QQuickWindow):
            log.error("Main.qml's root is not a window")
            return None
        self.window = window
        return window

    def theme(self) -> QObject | None:
        """The Theme singleton of the loaded engine (tests read its colours and sizes)."""
        if self.engine is None:
            return None
        theme = self.engine.singletonInstance(QML_MODULE, "Theme")
        return theme if isinstance(theme, QObject) else None

    def shutdown(self) -> None:
        """Close the window and delete the QML before the controllers it is bound to."""
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.close()
        self.window = None
        if self.engine is not None and shiboken6.isValid(self.engine):
            shiboken6.delete(self.engine)
        self.engine = None
        self.names.shutdown()
        self.content.close()
