"""Translations side by side: the default language's text | another language's, missing marked.

One row per visitor text (every translatable column of every table, from the descriptions),
the default text on the left (read-only), the translation on the right (edited in place,
undoable through ``Project.set_translation``). A missing translation is shaded and says
"missing"; "Only missing" hides the rest.

The language's review status (``kiosk.content.tables.REVIEW_STATUSES``: draft, machine,
reviewed; or not set) is chosen above the table: it is the language's row of the document's
``locales`` (exhibit.toml's ``[review]``), set through ``Project.set_review`` as one undoable
step. The validator's warning for a language still in draft (or machine-made) is in the
problems panel, like any other.
"""

from __future__ import annotations

from typing import Final

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

from kiosk.content.tables import REVIEW_STATUSES
from kiosk.studio.fields import label_for, table_title
from kiosk.studio.project import Project

# The review combo's choices: (what it says, the value in [review]); "" is not set.
REVIEW_CHOICES: Final = (("not set", ""), *((status, status) for status in REVIEW_STATUSES))
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
        self.review.setToolTip(
            "How far this language's translations have come: draft (awaiting review by a "
            "native-speaking curator), machine (machine-translated, not yet read), reviewed"
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
        self.review.currentIndexChanged.connect(self._review_chosen)
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

    def show_language(self, locale: str) -> None:
        """Show ``locale``'s translations (when it is one), its review status in focus."""
        index = self.language.findText(locale)
        if index >= 0:
            self.language.setCurrentIndex(index)
        self.review.setFocus()

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
        self._show_review(locale)
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

    def _show_review(self, locale: str) -> None:
        """The combo at the language's status (one not in REVIEW_STATUSES is shown as it is,
        so that choosing a status puts it right)."""
        status = self.project.review(locale) if locale else ""
        with QSignalBlocker(self.review):
            self.review.clear()
            for text, value in REVIEW_CHOICES:
                self.review.addItem(text, value)
            if self.review.findData(status) < 0:
                self.review.addItem(f"{status} (not a review status)", status)
            self.review.setCurrentIndex(self.review.findData(status))
            self.review.setEnabled(bool(locale))

    def _review_chosen(self, index: int) -> None:
        locale = self.current_locale()
        value = self.review.itemData(index)
        if locale and isinstance(value, str):
            self.project.set_review(locale, value)

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
