"""The studio's outline and its pages: a tree of the exhibit's tables (and its translations),
each item showing its editor in the window's middle; a problem's click goes to its field.

``Outline`` owns the editors (one per table, made from the table descriptions, so a new table
appears by itself) and the translations view of the open project; the window owns the widgets
they are shown in (the tree, the stack of pages) and the preview a selected row focuses.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QStackedWidget, QTreeWidget, QTreeWidgetItem

from kiosk.studio.checks import Finding
from kiosk.studio.document import EXHIBIT, LOCALES, editable_tables
from kiosk.studio.fields import outline_tables, table_title
from kiosk.studio.forms import MediaEditor, TableEditor
from kiosk.studio.preview import Preview
from kiosk.studio.project import Project
from kiosk.studio.translations import TranslationsView

TRANSLATIONS_PAGE = "translations"


class Outline(QObject):
    """The outline ``tree`` and the ``pages`` its items show, for one project at a time."""

    def __init__(
        self, tree: QTreeWidget, pages: QStackedWidget, preview: Preview, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.tree, self.pages, self.preview = tree, pages, preview
        self.project: Project | None = None
        self.editors: dict[str, TableEditor] = {}
        self.translations: TranslationsView | None = None
        tree.currentItemChanged.connect(self._current_changed)

    def build(self, project: Project) -> None:
        """An item and a page per table of ``project``, then the translations; the first shown."""
        self.clear()
        self.project = project
        for table in outline_tables(editable_tables()):
            editor = MediaEditor(project) if table == "media" else TableEditor(project, table)
            editor.rowSelected.connect(self.preview.focus)
            self.editors[table] = editor
            self.pages.addWidget(editor)
            self._add_item(self._label(table), table)
        self.translations = TranslationsView(project)
        self.pages.addWidget(self.translations)
        self._add_item("Translations", TRANSLATIONS_PAGE)
        project.edited.connect(self._refresh)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def clear(self) -> None:
        """Remove the pages of the project shown so far."""
        self.tree.clear()
        for editor in self.editors.values():
            self.pages.removeWidget(editor)
            editor.deleteLater()
        self.editors = {}
        if self.translations is not None:
            self.pages.removeWidget(self.translations)
            self.translations.deleteLater()
            self.translations = None
        self.project = None

    def _add_item(self, label: str, page: str) -> None:
        item = QTreeWidgetItem([label])
        item.setData(0, Qt.ItemDataRole.UserRole, page)
        self.tree.addTopLevelItem(item)

    def _label(self, table: str) -> str:
        if self.project is None or table == EXHIBIT:
            return table_title(table)
        return f"{table_title(table)} ({len(self.project.rows(table))})"

    def _refresh(self, table: str, row: int, name: str) -> None:
        if row != -1:
            return
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == table:
                item.setText(0, self._label(table))
        if (table == EXHIBIT or name == "locales") and self.translations is not None:
            self.translations.fill_languages()

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        page = item.data(0, Qt.ItemDataRole.UserRole)
        if page == TRANSLATIONS_PAGE and self.translations is not None:
            self.translations.fill_languages()
            self.pages.setCurrentWidget(self.translations)
        elif page in self.editors:
            editor = self.editors[page]
            self.pages.setCurrentWidget(editor)
            self.preview.focus(page, editor.current_key())

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def show_table(self, table: str) -> None:
        """Show the page of ``table`` (or ``TRANSLATIONS_PAGE``)."""
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == table:
                self.tree.setCurrentItem(item)

    def show_findings(self, findings: list[Finding]) -> None:
        """Mark the fields the problems are about, in every editor."""
        for editor in self.editors.values():
            editor.show_findings(findings)

    def go_to(self, finding: Finding) -> None:
        """Show the table, row and field a problem is about."""
        if finding.table == LOCALES:  # a language's review status
            self.show_table(TRANSLATIONS_PAGE)
            if self.translations is not None:
                self.translations.show_language(finding.row)
            return
        if finding.table == "translations" or (
            finding.message.startswith("no ") and "translation" in finding.message
        ):
            self.show_table(TRANSLATIONS_PAGE)
            if self.translations is not None and finding.table != "translations":
                self.translations.select((finding.table, finding.row, finding.field))
            return
        if finding.table in self.editors:
            self.show_table(finding.table)
            self.editors[finding.table].select(finding.row, finding.field)
