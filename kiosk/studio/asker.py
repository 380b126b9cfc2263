"""The studio's questions to the curator, as dialogs. Tests and ``--screenshots`` pass an
``Asker`` that answers by itself, so nothing ever waits for a click that will not come."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kiosk.studio.opening import suggested_folder


class Asker:
    """The studio's questions, as dialogs. Tests pass one that answers by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def yes(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def save_discard_cancel(self, title: str, text: str) -> str:
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(self.parent, title, text, buttons)
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(answer, "cancel")

    def folder_for_export(self, bundle: Path) -> Path | None:
        suggested = suggested_folder(bundle)
        path = QFileDialog.getExistingDirectory(
            self.parent,
            f"Where should the editable copy of {bundle.name} go? (a new folder is made in it)",
            str(suggested.parent),
        )
        return Path(path) / suggested.name if path else None

    def source_folder(self) -> Path | None:
        path = QFileDialog.getExistingDirectory(self.parent, "Open an exhibit's source folder")
        return Path(path) if path else None

    def exhibit_file(self) -> Path | None:
        path, _f = QFileDialog.getOpenFileName(
            self.parent, "Open an exhibit file", "", "Exhibit (*.sqlite);;All files (*)"
        )
        return Path(path) if path else None

    def people_file(self) -> Path | None:
        path, _f = QFileDialog.getOpenFileName(
            self.parent, "Import people from a CSV file", "", "CSV (*.csv)"
        )
        return Path(path) if path else None

    def tell(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.parent)
        if details:
            box.setDetailedText(details)
        box.exec()
