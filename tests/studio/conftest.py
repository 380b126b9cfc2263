"""Fixtures for the studio: a copy of the default exhibit's source, and a studio window whose
questions are answered by the test (no dialog ever waits for a click)."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk import paths
from kiosk.studio.checks import Finding
from kiosk.studio.window import Asker, StudioWindow
from kiosk.ui.runtime.fonts import load_fonts


class ScriptedAsker(Asker):
    """Answers the studio's questions as the test says, and keeps what it was told."""

    def __init__(self) -> None:
        super().__init__(None)
        self.answers: dict[str, bool] = {}
        self.export_to: Path | None = None
        self.told: list[tuple[str, str, str]] = []
        self.asked: list[str] = []
        self.on_close = "discard"

    def yes(self, title: str, text: str) -> bool:
        self.asked.append(title)
        return self.answers.get(title, True)

    def save_discard_cancel(self, title: str, text: str) -> str:
        self.asked.append(title)
        return self.on_close

    def folder_for_export(self, bundle: Path) -> Path | None:
        return self.export_to

    def tell(self, title: str, text: str, details: str = "") -> None:
        self.told.append((title, text, details))


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: Any) -> None:
    load_fonts(paths.fonts_dir())


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the default exhibit's source folder (db/source)."""
    return Path(shutil.copytree(paths.default_source(), tmp_path / "source"))


StudioFactory = Callable[..., tuple[StudioWindow, ScriptedAsker]]


@pytest.fixture
def make_studio(qtbot: Any, tmp_path: Path) -> Iterator[StudioFactory]:
    """Make studio windows (shown, 1600x1000) with a scripted asker and their own data folder."""
    made: list[StudioWindow] = []

    def factory(data_dir: Path | None = None) -> tuple[StudioWindow, ScriptedAsker]:
        asker = ScriptedAsker()
        window = StudioWindow(
            data_dir=data_dir or tmp_path / "studio-data", asker=asker, check_delay_ms=20
        )
        window.resize(1600, 1000)
        window.show()
        made.append(window)
        return window, asker

    yield factory
    for window in made:
        window.shutdown()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


def wait_checked(qtbot: Any, window: StudioWindow, timeout: int = 15_000) -> None:
    """Until every edit so far has been checked (and the preview shown what was built)."""
    checker = window.checker
    assert checker is not None
    qtbot.waitUntil(lambda: not checker.busy and checker.result is not None, timeout=timeout)


def first_error(window: StudioWindow) -> Finding:
    return next(f for f in window.problems.findings if f.severity == "error")
