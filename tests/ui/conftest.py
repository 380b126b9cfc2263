"""Fixtures for the visitor screens: a synthetic bundle, a shell with injected timings, a window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, QtMsgType

from kiosk import paths
from kiosk.ui.runtime.fonts import load_fonts
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.tools.settle import settle

from .bundles import make_bundle

# Platform noise that says nothing about the screens.
NOISE = ("propagateSizeHints", "This plugin does not support")

TRANSLATIONS = {
    ("exhibit", "exhibit", "title", "az"): "Xocalı faciəsi",
    ("exhibit", "exhibit", "title", "ru"): "Ходжалинская трагедия",
    ("sections", "background", "title", "az"): "1992-ci ilə qədər Xocalı",
    ("sections", "background", "title", "ru"): "Ходжалы до 1992 года",
    ("statistics", "killed", "label", "ru"): "жителей Ходжалы были убиты",
}


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: Any) -> None:
    load_fonts(paths.fonts_dir())


@pytest.fixture(autouse=True)
def _program_words_as_before(qapp: Any) -> Iterator[None]:
    """A test's shell may end its run in Azerbaijani (the shipped exhibit's visit language):
    the next test starts with the program's words and numbers as they were (English)."""
    import shiboken6
    from PySide6.QtCore import QLocale

    from kiosk.ui.backend import language

    before = QLocale()
    yield
    for translator in language._INSTALLED:
        if shiboken6.isValid(translator):
            qapp.removeTranslator(translator)
    language._INSTALLED.clear()
    QLocale.setDefault(before)


@pytest.fixture(scope="session")
def exhibit_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three languages, a sensitive section, parts of a whole, undated entries, an image."""
    root = tmp_path_factory.mktemp("bundle")
    return make_bundle(
        root / "exhibit.sqlite",
        locales=("en", "az", "ru"),
        translations=TRANSLATIONS,
        with_images=True,
    )


@pytest.fixture
def fast_timings() -> Timings:
    """Everything a visitor waits for, in milliseconds; no animation."""
    return Timings(
        idle_ms=60_000,
        prompt_ms=60_000,
        silence_seconds=3,
        silence_tick_ms=5,
        attract_cycle_ms=60_000,
        animate=False,
    )


ShellFactory = Callable[..., KioskShell]


@pytest.fixture
def make_shell(
    qapp: Any, tmp_path: Path, exhibit_bundle: Path, fast_timings: Timings
) -> Iterator[ShellFactory]:
    """Build a loaded, shown KioskShell (window 1920x1080 unless told) on the test bundle."""
    made: list[KioskShell] = []

    def factory(
        bundle: Path | None = None,
        timings: Timings | None = None,
        size: tuple[int, int] = (1920, 1080),
        show: bool = True,
        **kwargs: Any,
    ) -> KioskShell:
        shell = KioskShell(tmp_path / "data", timings or fast_timings, **kwargs)
        assert shell.open_bundle(bundle or exhibit_bundle), shell.content.error_message()
        window = shell.load()
        assert window is not None
        made.append(shell)
        if show:
            window.resize(QSize(*size))
            window.show()
            settle(window)
        return shell

    yield factory
    for shell in made:
        shell.shutdown()


@pytest.fixture
def qt_warnings(qtlog: Any) -> Callable[[], list[str]]:
    """The Qt warnings (QML errors above all) logged so far in this test."""

    def warnings() -> list[str]:
        return [
            r.message
            for r in qtlog.records
            if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
            and not any(n in r.message for n in NOISE)
        ]

    return warnings
