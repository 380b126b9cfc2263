"""A list and a form for each table (Qt Widgets).

``TableEditor`` shows a table's rows in a list (add, delete, move up and down) and the selected
row in a form (``RowForm``); the exhibit has its form alone. ``select`` is how the problems
panel jumps to a row and a field. ``MediaEditor`` also takes image files dropped on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kiosk.studio.checks import Finding
from kiosk.studio.document import EXHIBIT
from kiosk.studio.fields import row_noun
from kiosk.studio.forms.row import TITLE_FIELDS, RowForm, row_title
from kiosk.studio.project import Project


class TableEditor(QWidget):
    """A table's rows (a list) and the selected row (a form); the exhibit has its form alone."""

    rowSelected = Signal(str, str)  # table, key

    def __init__(self, project: Project, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.table = project, table
        self.setObjectName(f"editor_{table}")
        self.form = RowForm(project, table)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        self.list = QListWidget()
        self.list.setObjectName(f"list_{table}")
        self.left_column: QVBoxLayout | None = None
        self.findings: list[Finding] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if table == EXHIBIT:
            layout.addWidget(scroll)
            self.form.show_row(0)
        else:
            left = QWidget()
            column = QVBoxLayout(left)
            self.left_column = column
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.list, 1)
            # Two rows of two: the list then needs little width, and the form gets the room.
            buttons = QGridLayout()
            noun = row_noun(table)
            for index, (text, slot, name) in enumerate(
                (
                    (f"Add {noun}", self.add_row, "add"),
                    ("Delete", self.delete_row, "delete"),
                    ("Up", lambda: self.move_row(-1), "up"),
                    ("Down", lambda: self.move_row(1), "down"),
                )
            ):
                button = QPushButton(text)
                button.setObjectName(f"{name}_{table}")
                button.clicked.connect(slot)
                buttons.addWidget(button, index // 2, index % 2)
            column.addLayout(buttons)
            splitter = QSplitter()
            splitter.addWidget(left)
            splitter.addWidget(scroll)
            splitter.setStretchFactor(1, 1)  # a wider window widens the form, not the list
            splitter.setSizes([240, 660])
            layout.addWidget(splitter)
            self.list.currentRowChanged.connect(self._selected)
            self.refresh_list()
            if self.list.count():
                self.list.setCurrentRow(0)
            else:
                self.form.show_row(-1)
        project.edited.connect(self._edited)

    def current_key(self) -> str:
        if self.table == EXHIBIT:
            return EXHIBIT
        return str(self.project.value(self.table, self.form.row, "key"))

    def refresh_list(self) -> None:
        rows = self.project.rows(self.table)
        with QSignalBlocker(self.list):
            current = self.list.currentRow()
            self.list.clear()
            bad = {f.row for f in self.findings if f.severity == "error"}
            for row in rows:
                item = QListWidgetItem(row_title(self.table, row))
                if str(row.get("key", "")) in bad:
                    item.setForeground(Qt.GlobalColor.red)
                self.list.addItem(item)
            if rows:
                self.list.setCurrentRow(min(max(current, 0), len(rows) - 1))
        if self.list.currentRow() != self.form.row:
            self._selected(self.list.currentRow())

    def _selected(self, row: int) -> None:
        self.form.show_row(row)
        self.form.mark([f for f in self.findings if f.row == self.current_key()])
        if row >= 0:
            self.rowSelected.emit(self.table, self.current_key())

    def _edited(self, table: str, row: int, name: str) -> None:
        if table != self.table or self.table == EXHIBIT:
            return
        if row == -1:
            shown = self.form.row
            self.refresh_list()
            if shown >= 0 and self.form.row == shown:
                # The rows changed under the form (an import, a row added above): show the
                # row now at its place as it is.
                self.form.show_row(shown)
        elif name in TITLE_FIELDS and 0 <= row < self.list.count():
            self.list.item(row).setText(row_title(self.table, self.project.rows(self.table)[row]))

    def select(self, key: str, field: str = "") -> bool:
        """Show the row with ``key`` and put the cursor in ``field``; False when not found."""
        if self.table != EXHIBIT:
            index = self.project.doc.index_of(self.table, key)
            if index < 0:
                return False
            self.list.setCurrentRow(index)
        editor = self.form.editors.get(field)
        if editor is not None:
            target = getattr(editor, "edit", None) or getattr(editor, "box", None) or editor.widget
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = [f for f in findings if f.table == self.table]
        if self.table != EXHIBIT:
            bad = {f.row for f in self.findings if f.severity == "error"}
            for index, row in enumerate(self.project.rows(self.table)):
                item = self.list.item(index)
                if item is not None:
                    item.setForeground(
                        Qt.GlobalColor.red
                        if str(row.get("key", "")) in bad
                        else Qt.GlobalColor.black
                    )
        self.form.mark([f for f in self.findings if f.row == self.current_key()])

    # -- rows ------------------------------------------------------------------------------
    def add_row(self) -> None:
        at = self.list.currentRow() + 1 if self.list.count() else 0
        key = f"new-{row_noun(self.table).replace(' ', '-')}"
        taken, n = set(self.project.doc.keys(self.table)), 1
        candidate = key
        while candidate in taken:
            n += 1
            candidate = f"{key}-{n}"
        at = self.project.insert_row(self.table, at, {"key": candidate})
        self.list.setCurrentRow(at)

    def delete_row(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.project.remove_row(self.table, row)

    def move_row(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if row >= 0 and 0 <= to < self.list.count():
            self.project.move_row(self.table, row, to)
            self.list.setCurrentRow(to)


class MediaEditor(TableEditor):
    """The images: a table editor that takes image files dropped on it (one undo step each).

    A dropped image is added at once (its file goes into media/ on save) but counts, in the
    checks and in the choice of an image elsewhere, only once it has alt text and a credit."""

    imagesRefused = Signal(str)  # what was wrong with the files that were not images

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(project, "media", parent)
        self.setAcceptDrops(True)
        self.drop_hint = QLabel("Drop image files here (PNG, JPEG, GIF or WebP).")
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setStyleSheet("color: #666; border: 1px dashed #999; padding: 8px;")
        self.drop_hint.setWordWrap(True)
        if self.left_column is not None:
            self.left_column.addWidget(self.drop_hint)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_files(paths)
        event.acceptProposedAction()

    def add_files(self, paths: list[str]) -> list[int]:
        added, refused = [], []
        for path in paths:
            row, problem = self.project.add_image(Path(path))
            if row >= 0:
                added.append(row)
            else:
                refused.append(problem)
        if added:
            self.list.setCurrentRow(added[-1])
            self.select(self.current_key(), "alt")
        if refused:
            self.imagesRefused.emit("\n".join(refused))
        return added
