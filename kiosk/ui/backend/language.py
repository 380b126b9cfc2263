"""The visitor's language: the bundle's content and the program's own words ("Home", "Next").

Content comes from the bundle in the chosen locale (ContentController.setLocale). The program's
words come from Qt translation files ``kiosk_<locale>.qm`` in the translations folder
(resources/translations, made by scripts/update-translations); a language without one shows
them in English. ``touchPrompts`` gives "Touch to begin" in every language of the bundle at
once, for the attract loop.

The visit's language is also Qt's default locale while it lasts (``QLocale.setDefault``), so
``%Ln`` in a translated string and ``Qt.locale()`` in QML write numbers as the visitor's
language does (7 000 / 7.000 / 7,000), whatever the PC's own locale is. The translator and the
default locale change *before* the content is re-read in the new language, so text the models
put together from translated words ("34 года") is in the new language too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QObject,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.dates import language_name, short_name
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

# The translator of the program's words installed in the application now (at most one).
_INSTALLED: list[QTranslator] = []

# QT_TRANSLATE_NOOP marks the words for lupdate; they are looked up per language below.
TOUCH_TO_BEGIN = ("Attract", str(QT_TRANSLATE_NOOP("Attract", "Touch to begin")))


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
        self._installed_code: str | None = None
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

    def _install(self, code: str) -> bool:
        """Make ``code`` the language of the program's words and numbers; True when it
        changed (the QML is retranslated then: its words and its ``%Ln`` numbers)."""
        translator = self._translator(code) if code else None
        wanted = [translator] if translator is not None else []
        if code == self._installed_code and wanted == _INSTALLED:
            return False
        self._installed_code = code
        if code:
            QLocale.setDefault(QLocale(code))
        app = QCoreApplication.instance()
        if app is not None and wanted != _INSTALLED:
            # One set of the program's words at a time, whichever controller installed the
            # last (tests build many shells in one application; a stale Russian translator
            # would answer for strings English leaves to the source text).
            for old in _INSTALLED:
                if shiboken6.isValid(old):
                    app.removeTranslator(old)
            _INSTALLED.clear()
            if translator is not None:
                app.installTranslator(translator)
                _INSTALLED.append(translator)
        if self._retranslate is not None:
            self._retranslate()
        return True

    def _on_locale(self, code: str) -> None:
        # A visitor's choice installed the words already (choose); a new bundle, or the first
        # one, arrives here with its language: its models were built before the words were
        # there, so the few rows made of translated words are made again.
        if self._install(code):
            self._content.people_model.retranslate()
        self.currentChanged.emit(code)

    # -- properties --------------------------------------------------------------------------
    def current_code(self) -> str:
        return self._content.locale_code()

    current = Property(str, current_code, notify=currentChanged)

    def _get_choices(self) -> list[dict[str, Any]]:
        return [
            {"code": c, "name": language_name(c), "short": short_name(c)}
            for c in self._content.listed_locale_codes()
        ]

    choices = Property(list, _get_choices, notify=choicesChanged)

    def _get_can_choose(self) -> bool:
        return len(self._content.locale_codes()) > 1

    canChoose = Property(bool, _get_can_choose, notify=choicesChanged)

    def touch_prompts(self) -> list[str]:
        """ "Touch to begin" once per language of the bundle (once only where they agree)."""
        prompts: list[str] = []
        for code in self._content.listed_locale_codes() or [""]:
            translator = self._translator(code) if code else None
            text = translator.translate(*TOUCH_TO_BEGIN) if translator is not None else ""
            text = text or TOUCH_TO_BEGIN[1]  # the English words, whatever language is on
            if text not in prompts:
                prompts.append(text)
        return prompts

    touchPrompts = Property(list, touch_prompts, notify=choicesChanged)

    # -- actions -----------------------------------------------------------------------------
    @Slot(str)
    def choose(self, code: str) -> None:
        if code in self._content.locale_codes():
            self._install(code)
        self._content.setLocale(code)
        if self._content.locale_code() != code:  # the content could not follow
            self._install(self._content.locale_code())

    @Slot()
    def reset(self) -> None:
        """A new visit starts in the start language (``--lang``, the config's
        ``default_language``) or else the bundle's visit language (its ``visit_locale``, or
        its default language)."""
        start = self.start_locale
        if start not in self._content.locale_codes():
            start = self._content.visit_locale_code()
        if start:
            self.choose(start)


@QmlElement
@QmlSingleton
class LanguageNames(QObject):
    """Each language's own name for QML ("Azərbaycan dili", "Русский"), from ``language_name``:
    the one list of them, which the keyboard's layout switch reads as the bars' choices do."""

    @Slot(str, result=str)
    def name(self, code: str) -> str:
        return language_name(code)
