"""One editor per kind of field, for the studio's forms (kiosk.studio.forms.row).

Each wraps its widget(s) and gets and sets the value as the document holds it: a line for a
short text (``Line``), a list of language codes (``Locales``), a plain-text box for a long one
(``Long``; a section's text wraps at about ``READING_MEASURE`` characters, the kiosk's reading
measure), a checkbox for a flag (``Check``), a combo of choices or of keys for a reference
(``Combo``), and a date with its precision (``Date``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QFont, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from kiosk.studio.fields import PRECISION_LABELS, FieldSpec

READING_MEASURE = 60  # characters a line of body text holds on the kiosk (about)


class Editor:
    """One field's widget(s): get and set its value as the document holds it."""

    def __init__(self, spec: FieldSpec, widget: QWidget) -> None:
        self.spec, self.widget = spec, widget

    def get(self) -> Any:  # pragma: no cover - each kind overrides
        raise NotImplementedError

    def set(self, value: Any) -> None:  # pragma: no cover
        raise NotImplementedError


class Line(Editor):
    def __init__(self, spec: FieldSpec) -> None:
        self.edit = QLineEdit()
        super().__init__(spec, self.edit)

    def get(self) -> Any:
        return self.edit.text()

    def set(self, value: Any) -> None:
        if self.edit.text() != str(value or ""):
            self.edit.setText(str(value or ""))
            self.edit.setCursorPosition(0)  # a long text shows its start, not its end


class Locales(Line):
    def get(self) -> Any:
        return [p.strip() for p in self.edit.text().split(",") if p.strip()]

    def set(self, value: Any) -> None:
        text = ", ".join(value) if isinstance(value, list) else str(value or "")
        if self.get() != (value if isinstance(value, list) else []):
            self.edit.setText(text)
            self.edit.setCursorPosition(0)


class Long(Editor):
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


class Check(Editor):
    def __init__(self, spec: FieldSpec) -> None:
        self.box = QCheckBox(spec.label)
        super().__init__(spec, self.box)

    def get(self) -> Any:
        return self.box.isChecked()

    def set(self, value: Any) -> None:
        self.box.setChecked(value is True)


class Combo(Editor):
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


class Date(Editor):
    """A date as written (1992, 1992-02, 1992-02-26, 1992-02-26T05:00) and its precision."""

    def __init__(self, spec: FieldSpec) -> None:
        box = QWidget()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("not dated (e.g. 1992-02-26)")
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
            self.edit.setCursorPosition(0)  # a long text shows its start, not its end

    def set_precision(self, value: Any) -> None:
        index = self.precision.findData(str(value or ""))
        if index < 0:
            self.precision.addItem(str(value), str(value))
            index = self.precision.count() - 1
        if index != self.precision.currentIndex():
            self.precision.setCurrentIndex(index)
