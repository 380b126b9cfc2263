"""The QML module: one ``Kiosk`` module whose qmldir lists every file of its subfolders."""

from __future__ import annotations

from pathlib import Path

from kiosk import paths
from kiosk.ui.screens import SCREENS

FOLDERS = {"screens", "components", "overlays", "admin", "search"}


def _module() -> Path:
    return paths.qml_dir() / "Kiosk"


def test_qmldir_lists_every_qml_file_once_and_nothing_else(
    qml_module_files: dict[str, str],
) -> None:
    """A file missing from qmldir would load in no screen; an entry without a file, in none."""
    on_disk = sorted(p.relative_to(_module()).as_posix() for p in _module().rglob("*.qml"))
    assert sorted(qml_module_files.values()) == on_disk


def test_files_sit_in_the_folder_that_says_what_they_are(
    qml_module_files: dict[str, str],
) -> None:
    """Main, the two singletons (Theme, Reading) and the slot at the top; everything else in
    screens, components, overlays, admin or search (the names search); every registered screen
    in screens/."""
    top = {name for name, path in qml_module_files.items() if "/" not in path}
    assert top == {"Main", "Theme", "Reading", "ScreenSlot"}
    assert {path.split("/")[0] for path in qml_module_files.values() if "/" in path} <= FOLDERS
    for screen in SCREENS:
        assert qml_module_files[screen.component] == f"screens/{screen.component}.qml"


def test_files_in_subfolders_import_their_module(qml_module_files: dict[str, str]) -> None:
    """A subfolder has no qmldir of its own: its files reach Theme and their siblings through
    ``import Kiosk``."""
    for path in qml_module_files.values():
        if "/" in path:
            lines = (_module() / path).read_text(encoding="utf-8").splitlines()
            assert "import Kiosk" in lines, path
