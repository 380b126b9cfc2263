"""Translations side by side: the default language's text | another language's, missing marked.

One row per visitor text (every translatable column of every table, from the descriptions),
the default text on the left (read-only), the translation on the right (edited in place,
undoable through ``Project.set_translation``). A missing translation is shaded and says
"missing"; "Only missing" hides the rest.

The language's review status: the content layer has no review-status column yet (another
change adds it). ``REVIEW_STATUS_COLUMN`` marks the place: the combo is shown, disabled, and
says so; once the column exists, its value is read and written here through the project.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.studio.fields import label_for, table_title
from kiosk.studio.project import Project

# TODO(locale review status): the content layer has no such column yet. When it does, set this
# to its name and the combo below reads and writes it (one value per language).
REVIEW_STATUS_COLUMN = ""
REVIEW_STATES = ("draft", "in review", "reviewed")
MISSING = QColor("#fdebd0")


class TranslationsView(QWidget):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translations")
        self.project = project
        self.language = QComboBox()
        self.language.setObjectName("translationLanguage")
        self.only_missing = QCheckBox("Only missing")
        self.review = QComboBox()
        self.review.setObjectName("reviewStatus")
        self.review.addItems(REVIEW_STATES)
        self.review.setEnabled(bool(REVIEW_STATUS_COLUMN))
        self.review.setToolTip(
            "The language's review status"
            if REVIEW_STATUS_COLUMN
            else "Review status: waiting for the content layer's locale review column"
        )
        self.summary = QLabel()
        self.summary.setObjectName("translationSummary")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("translationTable")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Language:"))
        top.addWidget(self.language)
        top.addWidget(QLabel("Review status:"))
        top.addWidget(self.review)
        top.addWidget(self.only_missing)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._keys: list[tuple[str, str, str]] = []
        self.language.currentIndexChanged.connect(self.refresh)
        self.only_missing.toggled.connect(self.refresh)
        self.table.itemChanged.connect(self._item_changed)
        project.changed.connect(self._maybe_refresh)
        self.fill_languages()

    def fill_languages(self) -> None:
        with QSignalBlocker(self.language):
            current = self.language.currentText()
            self.language.clear()
            self.language.addItems(self.project.doc.other_locales())
            index = self.language.findText(current)
            self.language.setCurrentIndex(max(index, 0))
        self.refresh()

    def current_locale(self) -> str:
        return self.language.currentText()

    def _maybe_refresh(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        locale = self.current_locale()
        texts = self.project.doc.translations.get(locale, {})
        default = self.project.doc.default_locale or "default"
        self.table.setHorizontalHeaderLabels(["Where", default, locale or "(no other language)"])
        rows = [r for r in self.project.doc.translatable() if r[3].strip()]
        missing = [r for r in rows if not texts.get((r[0], r[1], r[2]), "").strip()]
        shown = missing if self.only_missing.isChecked() else rows
        self.summary.setText(
            f"{len(rows) - len(missing)} of {len(rows)} texts translated; {len(missing)} missing"
            if locale
            else "The exhibit has one language."
        )
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(shown))
            self._keys = []
            for i, (table, key, field, text) in enumerate(shown):
                self._keys.append((table, key, field))
                where = QTableWidgetItem(
                    f"{table_title(table)}\n{key} · {label_for(table, field)[0]}"
                )
                original = QTableWidgetItem(text)
                for item in (where, original):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                translated = texts.get((table, key, field), "")
                target = QTableWidgetItem(translated)
                if not translated.strip():
                    target.setBackground(QBrush(MISSING))
                    target.setToolTip("missing: the kiosk shows the default language's text")
                    where.setText(where.text() + "\nmissing")
                self.table.setItem(i, 0, where)
                self.table.setItem(i, 1, original)
                self.table.setItem(i, 2, target)
            self.table.setEnabled(bool(locale))
        self.table.resizeRowsToContents()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 2 or not 0 <= item.row() < len(self._keys) or not self.current_locale():
            return
        self.project.set_translation(self.current_locale(), self._keys[item.row()], item.text())

    def select(self, key: tuple[str, str, str]) -> bool:
        for row, found in enumerate(self._keys):
            if found == key:
                self.table.setCurrentCell(row, 2)
                return True
        return False
