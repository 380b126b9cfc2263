"""A list and a form for each table, generated from its description (kiosk.studio.fields).

``TableEditor`` shows a table's rows in a list (add, delete, move up and down) and the selected
row in a form: one editor per source column, chosen by kind (a line for a short text, a
plain-text box for a long one, a date with its precision, a combo of keys for a reference, a
checkbox for a flag...). Editors write through ``Project.set_field`` (undoable) and follow
``Project.edited`` (an undo shows in the form). Each editor's objectName is
``field_<table>_<column>``; ``focus_field`` is how the problems panel jumps to one.

A section's text gets a text box that wraps at about 60 characters (the kiosk's reading
measure), with its word count and a reading-length hint.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QPixmap, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.studio.checks import Finding
from kiosk.studio.document import EXHIBIT
from kiosk.studio.fields import PRECISION_LABELS, FieldSpec, fields, row_noun
from kiosk.studio.project import Project

READING_MEASURE = 60  # characters a line of body text holds on the kiosk (about)
WORDS_PER_MINUTE = 160  # a visitor reading standing, in a second language as often as not
_TITLE_FIELDS = ("title", "name", "label", "key")
_ERROR_STYLE = "border: 2px solid #c0392b;"
_WARNING_STYLE = "border: 2px solid #d68910;"


def reading_hint(text: str, limits: tuple[int, int] | None = None) -> str:
    """'312 words, about 2 minutes standing; 4 paragraphs; 1,830 of 3,000 characters'."""
    words = len(re.findall(r"\w+", text))
    minutes = words / WORDS_PER_MINUTE
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    when = (
        "under a minute"
        if minutes < 1
        else f"about {round(minutes)} minute{'s' * (round(minutes) != 1)}"
    )
    parts = [f"{words:,} word{'s' * (words != 1)}, {when} to read standing"]
    parts.append(f"{len(paragraphs)} paragraph{'s' * (len(paragraphs) != 1)}")
    if limits is not None:
        parts.append(f"{len(text):,} of {limits[0]:,} characters")
        if len(text) > limits[1]:
            parts.append(f"over the {limits[1]:,} the kiosk can show")
        elif len(text) > limits[0]:
            parts.append("long for a screen: consider splitting")
    return "; ".join(parts)


def row_title(table: str, row: dict[str, Any]) -> str:
    key = str(row.get("key", ""))
    for name in _TITLE_FIELDS[:-1]:
        text = str(row.get(name, "") or "").strip()
        if text:
            return f"{text}  ·  {key}" if key else text
    return key or f"(new {row_noun(table)})"


class _Editor:
    """One field's widget(s): get and set its value as the document holds it."""

    def __init__(self, spec: FieldSpec, widget: QWidget) -> None:
        self.spec, self.widget = spec, widget

    def get(self) -> Any:  # pragma: no cover - each kind overrides
        raise NotImplementedError

    def set(self, value: Any) -> None:  # pragma: no cover
        raise NotImplementedError


class _Line(_Editor):
    def __init__(self, spec: FieldSpec) -> None:
        self.edit = QLineEdit()
        super().__init__(spec, self.edit)

    def get(self) -> Any:
        return self.edit.text()

    def set(self, value: Any) -> None:
        if self.edit.text() != str(value or ""):
            self.edit.setText(str(value or ""))


class _Locales(_Line):
    def get(self) -> Any:
        return [p.strip() for p in self.edit.text().split(",") if p.strip()]

    def set(self, value: Any) -> None:
        text = ", ".join(value) if isinstance(value, list) else str(value or "")
        if self.get() != (value if isinstance(value, list) else []):
            self.edit.setText(text)


class _Long(_Editor):
    def __init__(self, spec: FieldSpec, *, measure: bool = False) -> None:
        self.edit = QTextEdit()
        self.edit.setAcceptRichText(False)
        self.edit.setTabChangesFocus(True)
        if measure:
            self.edit.setLineWrapMode(QTextEdit.LineWrapMode.FixedColumnWidth)
            self.edit.setLineWrapColumnOrWidth(READING_MEASURE)
            self.edit.setWordWrapMode(QTextOption.WrapMode.WordWrap)
            self.edit.setMinimumHeight(360)
            font = QFont("Noto Sans")
            font.setPointSize(12)
            self.edit.setFont(font)
        else:
            self.edit.setFixedHeight(96)
        super().__init__(spec, self.edit)

    def get(self) -> Any:
        return self.edit.toPlainText()

    def set(self, value: Any) -> None:
        if self.edit.toPlainText() != str(value or ""):
            self.edit.setPlainText(str(value or ""))


class _Check(_Editor):
    def __init__(self, spec: FieldSpec) -> None:
        self.box = QCheckBox(spec.label)
        super().__init__(spec, self.box)

    def get(self) -> Any:
        return self.box.isChecked()

    def set(self, value: Any) -> None:
        self.box.setChecked(value is True)


class _Combo(_Editor):
    def __init__(self, spec: FieldSpec, items: list[tuple[str, str]]) -> None:
        self.box = QComboBox()
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.setMinimumContentsLength(16)
        self.fill(items)
        super().__init__(spec, self.box)

    def fill(self, items: list[tuple[str, str]]) -> None:
        current = self.box.currentData()
        with QSignalBlocker(self.box):
            self.box.clear()
            for value, label in items:
                self.box.addItem(label, value)
            if current is not None:
                self.box.setCurrentIndex(max(self.box.findData(current), 0))

    def get(self) -> Any:
        return self.box.currentData() or ""

    def set(self, value: Any) -> None:
        text = str(value or "")
        index = self.box.findData(text)
        if index < 0:  # a value the list does not have (a key that is gone): keep it visible
            self.box.addItem(f"{text} (not found)", text)
            index = self.box.count() - 1
        if self.box.currentIndex() != index:
            self.box.setCurrentIndex(index)


class _Date(_Editor):
    """A date as written (1992, 1992-02, 1992-02-26, 1992-02-26T05:00) and its precision."""

    def __init__(self, spec: FieldSpec) -> None:
        box = QWidget()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("1992-02-26")
        self.precision = QComboBox()
        for value, label in PRECISION_LABELS.items():
            self.precision.addItem(label, value)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.precision, 1)
        super().__init__(spec, box)

    def get(self) -> Any:
        return self.edit.text()

    def set(self, value: Any) -> None:
        if self.edit.text() != str(value or ""):
            self.edit.setText(str(value or ""))

    def set_precision(self, value: Any) -> None:
        index = self.precision.findData(str(value or ""))
        if index < 0:
            self.precision.addItem(str(value), str(value))
            index = self.precision.count() - 1
        if index != self.precision.currentIndex():
            self.precision.setCurrentIndex(index)


class RowForm(QWidget):
    """The form of one row of one table."""

    def __init__(self, project: Project, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.table = project, table
        self.row = -1
        self.editors: dict[str, _Editor] = {}
        self.labels: dict[str, QLabel] = {}
        self._loading = False
        self.hint = QLabel()
        self.hint.setObjectName(f"hint_{table}")
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in fields(table):
            editor = self._make(spec)
            editor.widget.setObjectName(f"field_{table}_{spec.name}")
            editor.widget.setToolTip(spec.help)
            self.editors[spec.name] = editor
            label = QLabel(spec.label + (" *" if spec.required else ""))
            label.setToolTip(spec.help)
            self.labels[spec.name] = label
            holder = QWidget()
            holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor.widget)
            if spec.help:
                help_label = QLabel(spec.help)
                help_label.setWordWrap(True)
                help_label.setStyleSheet("color: #666; font-size: 11px;")
                column.addWidget(help_label)
            if table == "sections" and spec.name == "body":
                column.addWidget(self.hint)
            if spec.kind == "file":
                self.thumbnail = QLabel()
                self.thumbnail.setObjectName("thumbnail")
                column.addWidget(self.thumbnail)
            form.addRow("" if spec.kind == "boolean" else label, holder)
        project.edited.connect(self._edited)

    # -- editors ---------------------------------------------------------------------------
    def _make(self, spec: FieldSpec) -> _Editor:
        editor: _Editor
        if spec.kind == "longtext":
            editor = _Long(spec, measure=self.table == "sections" and spec.name == "body")
            editor.edit.textChanged.connect(lambda s=spec: self._write(s))
        elif spec.kind == "boolean":
            editor = _Check(spec)
            editor.box.toggled.connect(lambda _v, s=spec: self._write(s))
        elif spec.kind in ("choice", "reference"):
            editor = _Combo(spec, self._items(spec))
            editor.box.currentIndexChanged.connect(lambda _i, s=spec: self._write(s))
        elif spec.kind == "date":
            editor = _Date(spec)
            editor.edit.textEdited.connect(lambda _t, s=spec: self._write(s))
            editor.precision.currentIndexChanged.connect(
                lambda _i, s=spec: self._write_precision(s)
            )
        elif spec.kind == "locales":
            editor = _Locales(spec)
            editor.edit.textEdited.connect(lambda _t, s=spec: self._write(s))
        elif spec.kind == "file":
            editor = _Line(spec)
            editor.edit.setReadOnly(True)
        elif spec.name == "key" and self.table != EXHIBIT:
            # A key is renamed when the curator is done typing it (references follow it).
            editor = _Line(spec)
            editor.edit.editingFinished.connect(lambda s=spec: self._write(s))
        else:
            editor = _Line(spec)
            if spec.kind in ("number", "integer"):
                editor.edit.setPlaceholderText("1275" if spec.kind == "integer" else "2.5")
            editor.edit.textEdited.connect(lambda _t, s=spec: self._write(s))
        return editor

    def _items(self, spec: FieldSpec) -> list[tuple[str, str]]:
        if spec.kind == "choice":
            return [(c, c) for c in spec.choices]
        items = [("", "(none)")]
        for row in self.project.rows(spec.references):
            key = str(row.get("key", ""))
            note = ""
            if spec.references == "media" and not (
                str(row.get("alt", "")).strip() and str(row.get("credit", "")).strip()
            ):
                note = "  (needs alt text and credit)"
            if key:
                items.append((key, row_title(spec.references, row) + note))
        return items

    def _write(self, spec: FieldSpec) -> None:
        if self._loading or self.row < 0:
            return
        self.project.set_field(self.table, self.row, spec.name, self.editors[spec.name].get())
        self._update_hints()

    def _write_precision(self, spec: FieldSpec) -> None:
        if self._loading or self.row < 0:
            return
        editor = self.editors[spec.name]
        assert isinstance(editor, _Date)
        self.project.set_field(
            self.table, self.row, spec.precision, editor.precision.currentData() or ""
        )

    # -- showing a row ---------------------------------------------------------------------
    def show_row(self, row: int) -> None:
        self.row = row
        self.setEnabled(row >= 0)
        self._loading = True
        try:
            for name, editor in self.editors.items():
                if isinstance(editor, _Combo):
                    editor.fill(self._items(editor.spec))
                editor.set(self.project.value(self.table, row, name) if row >= 0 else "")
                if isinstance(editor, _Date):
                    editor.set_precision(self.project.value(self.table, row, editor.spec.precision))
        finally:
            self._loading = False
        self._update_hints()

    def _edited(self, table: str, row: int, name: str) -> None:
        if self.row < 0:
            return
        if table == self.table and row == self.row:
            self._loading = True
            try:
                for field_name, editor in self.editors.items():
                    if field_name == name:
                        editor.set(self.project.value(table, row, name))
                    elif isinstance(editor, _Date) and editor.spec.precision == name:
                        editor.set_precision(self.project.value(table, row, name))
            finally:
                self._loading = False
            self._update_hints()
        elif row == -1 or name == "key":  # another table's keys may have changed: the combos
            self._loading = True
            try:
                for editor in self.editors.values():
                    if isinstance(editor, _Combo) and editor.spec.references == table:
                        editor.fill(self._items(editor.spec))
                        editor.set(self.project.value(self.table, self.row, editor.spec.name))
            finally:
                self._loading = False

    def _update_hints(self) -> None:
        if "body" in self.editors and self.table == "sections":
            spec = self.editors["body"].spec
            self.hint.setText(reading_hint(str(self.editors["body"].get()), spec.limits))
        if "advisory" in self.editors and "sensitive" in self.editors:
            sensitive = self.editors["sensitive"].get() is True
            self.editors["advisory"].widget.setEnabled(
                sensitive or bool(self.editors["advisory"].get())
            )
        if "file" in self.editors and hasattr(self, "thumbnail"):
            name = str(self.editors["file"].get())
            pixmap = QPixmap()
            data = self.project.doc.media_files.get(name)
            if data and pixmap.loadFromData(data):
                pixmap = pixmap.scaled(240, 160, Qt.AspectRatioMode.KeepAspectRatio)
            self.thumbnail.setPixmap(pixmap)

    def mark(self, findings: list[Finding]) -> None:
        """Outline the editors the problems are about (red for errors, amber for warnings)."""
        worst: dict[str, str] = {}
        for finding in findings:
            if finding.field in self.editors and worst.get(finding.field) != "error":
                worst[finding.field] = finding.severity
        for name, label in self.labels.items():
            severity = worst.get(name)
            text = [f.message for f in findings if f.field == name]
            editor = self.editors[name].widget
            editor.setStyleSheet(
                ""
                if severity is None
                else (_ERROR_STYLE if severity == "error" else _WARNING_STYLE)
            )
            label.setToolTip("\n".join(text) or self.editors[name].spec.help)


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
            buttons = QHBoxLayout()
            noun = row_noun(table)
            for text, slot, name in (
                (f"Add {noun}", self.add_row, "add"),
                ("Delete", self.delete_row, "delete"),
                ("Up", lambda: self.move_row(-1), "up"),
                ("Down", lambda: self.move_row(1), "down"),
            ):
                button = QPushButton(text)
                button.setObjectName(f"{name}_{table}")
                button.clicked.connect(slot)
                buttons.addWidget(button)
            column.addLayout(buttons)
            splitter = QSplitter()
            splitter.addWidget(left)
            splitter.addWidget(scroll)
            splitter.setSizes([220, 680])
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
        elif name in _TITLE_FIELDS and 0 <= row < self.list.count():
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
