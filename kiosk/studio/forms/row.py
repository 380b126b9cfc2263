"""The form of one row of one table, generated from its description (kiosk.studio.fields).

One editor per source column, chosen by kind (kiosk.studio.forms.editors). Editors write
through ``Project.set_field`` (undoable) and follow ``Project.edited`` (an undo shows in the
form). Each editor's objectName is ``field_<table>_<column>``. A section's text shows its word
count and a reading-length hint; the editors a problem is about are outlined (``mark``).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.studio.checks import Finding
from kiosk.studio.document import EXHIBIT
from kiosk.studio.fields import FieldSpec, fields, row_noun
from kiosk.studio.forms.editors import Check, Combo, Date, Editor, Line, Locales, Long
from kiosk.studio.project import Project

WORDS_PER_MINUTE = 160  # a visitor reading standing, in a second language as often as not
TITLE_FIELDS = ("title", "name", "label", "key")
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
    for name in TITLE_FIELDS[:-1]:
        text = str(row.get(name, "") or "").strip()
        if text:
            return f"{text}  ·  {key}" if key else text
    return key or f"(new {row_noun(table)})"


class RowForm(QWidget):
    """The form of one row of one table."""

    def __init__(self, project: Project, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.table = project, table
        self.row = -1
        self.editors: dict[str, Editor] = {}
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
    def _make(self, spec: FieldSpec) -> Editor:
        editor: Editor
        if spec.kind == "longtext":
            editor = Long(spec, measure=self.table == "sections" and spec.name == "body")
            editor.edit.textChanged.connect(lambda s=spec: self._write(s))
        elif spec.kind == "boolean":
            editor = Check(spec)
            editor.box.toggled.connect(lambda _v, s=spec: self._write(s))
        elif spec.kind in ("choice", "reference"):
            editor = Combo(spec, self._items(spec))
            editor.box.currentIndexChanged.connect(lambda _i, s=spec: self._write(s))
        elif spec.kind == "date":
            editor = Date(spec)
            editor.edit.textEdited.connect(lambda _t, s=spec: self._write(s))
            editor.precision.currentIndexChanged.connect(
                lambda _i, s=spec: self._write_precision(s)
            )
        elif spec.kind == "locales":
            editor = Locales(spec)
            editor.edit.textEdited.connect(lambda _t, s=spec: self._write(s))
        elif spec.kind == "file":
            editor = Line(spec)
            editor.edit.setReadOnly(True)
        elif spec.name == "key" and self.table != EXHIBIT:
            # A key is renamed when the curator is done typing it (references follow it).
            editor = Line(spec)
            editor.edit.editingFinished.connect(lambda s=spec: self._write(s))
        else:
            editor = Line(spec)
            if spec.kind in ("number", "integer"):
                editor.edit.setPlaceholderText(
                    "not set (e.g. 1275)" if spec.kind == "integer" else "not set (e.g. 2.5)"
                )
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
        assert isinstance(editor, Date)
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
                if isinstance(editor, Combo):
                    editor.fill(self._items(editor.spec))
                editor.set(self.project.value(self.table, row, name) if row >= 0 else "")
                if isinstance(editor, Date):
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
                    elif isinstance(editor, Date) and editor.spec.precision == name:
                        editor.set_precision(self.project.value(table, row, name))
            finally:
                self._loading = False
            self._update_hints()
        elif row == -1 or name == "key":  # another table's keys may have changed: the combos
            self._loading = True
            try:
                for editor in self.editors.values():
                    if isinstance(editor, Combo) and editor.spec.references == table:
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
