"""The visitor's language: the bundle's content and the program's own words ("Home", "Next").

Content comes from the bundle in the chosen locale (ContentController.setLocale). The program's
words come from Qt translation files ``kiosk_<locale>.qm`` in the translations folder when they
exist; until then the words show in English. ``touchPrompts`` gives "Touch to begin" in every
language of the bundle at once, for the attract loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.dates import language_name
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

TOUCH_TO_BEGIN = ("Attract", "Touch to begin")


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class LanguageController(QObject):
    currentChanged = Signal(str)
    choicesChanged = Signal()

    def __init__(
        self,
        content: ContentController,
        translations_dir: Path | None = None,
        retranslate: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._dir = translations_dir
        self._retranslate = retranslate
        self._translators: dict[str, QTranslator | None] = {}
        self._installed: QTranslator | None = None
        self.start_locale = ""
        content.localeChanged.connect(self._on_locale)
        content.changed.connect(self.choicesChanged)

    def set_retranslate(self, retranslate: Callable[[], None] | None) -> None:
        self._retranslate = retranslate

    def _translator(self, code: str) -> QTranslator | None:
        if code not in self._translators:
            translator: QTranslator | None = None
            if self._dir is not None:
                candidate = QTranslator(self)
                if candidate.load(f"kiosk_{code}", str(self._dir)):
                    translator = candidate
            self._translators[code] = translator
        return self._translators[code]

    def _on_locale(self, code: str) -> None:
        app = QCoreApplication.instance()
        translator = self._translator(code)
        if app is not None and translator is not self._installed:
            if self._installed is not None:
                app.removeTranslator(self._installed)
            if translator is not None:
                app.installTranslator(translator)
            self._installed = translator
            if self._retranslate is not None:
                self._retranslate()
        self.currentChanged.emit(code)

    # -- properties --------------------------------------------------------------------------
    def current_code(self) -> str:
        return self._content.locale_code()

    current = Property(str, current_code, notify=currentChanged)

    def _get_choices(self) -> list[dict[str, Any]]:
        return [{"code": c, "name": language_name(c)} for c in self._content.locale_codes()]

    choices = Property(list, _get_choices, notify=choicesChanged)

    def _get_can_choose(self) -> bool:
        return len(self._content.locale_codes()) > 1

    canChoose = Property(bool, _get_can_choose, notify=choicesChanged)

    def touch_prompts(self) -> list[str]:
        """ "Touch to begin" once per language of the bundle (once only where they agree)."""
        prompts: list[str] = []
        for code in self._content.locale_codes() or [""]:
            translator = self._translator(code) if code else None
            text = translator.translate(*TOUCH_TO_BEGIN) if translator is not None else ""
            text = text or QCoreApplication.translate(*TOUCH_TO_BEGIN)
            if text not in prompts:
                prompts.append(text)
        return prompts

    touchPrompts = Property(list, touch_prompts, notify=choicesChanged)

    # -- actions -----------------------------------------------------------------------------
    @Slot(str)
    def choose(self, code: str) -> None:
        self._content.setLocale(code)

    @Slot()
    def reset(self) -> None:
        """A new visit starts in the start language (or the bundle's default)."""
        start = self.start_locale
        if start not in self._content.locale_codes():
            start = self._content.default_locale_code()
        if start:
            self.choose(start)
