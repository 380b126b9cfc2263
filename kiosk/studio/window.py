"""The studio's main window: outline, editors, problems, preview; open, save, publish.

    +---------+-------------------------------+---------------------+
    | outline | the table: list | row's form  | preview (the kiosk) |
    |         |   (or the translations)       |  size, language,    |
    |         |                               |  text, contrast     |
    +---------+-------------------------------+---------------------+
    | problems (errors first; a click goes to the field)            |
    +---------------------------------------------------------------+

Questions to the curator go through ``kiosk.studio.asker.Asker`` (tests answer them themselves).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTreeWidget,
    QWidget,
)

from kiosk import __version__
from kiosk.studio.asker import Asker
from kiosk.studio.checker import Checker
from kiosk.studio.checks import CheckResult, Finding
from kiosk.studio.document import SourceDocument
from kiosk.studio.forms import TableEditor
from kiosk.studio.journal import default_data_dir
from kiosk.studio.opening import Opened, open_asking
from kiosk.studio.outline import TRANSLATIONS_PAGE, Outline
from kiosk.studio.people import PeopleImport, PeopleImporter
from kiosk.studio.preview import Preview
from kiosk.studio.problems import ProblemsPanel
from kiosk.studio.project import Project
from kiosk.studio.publishing import PublishDialog
from kiosk.studio.translations import TranslationsView

__all__ = ["TRANSLATIONS_PAGE", "Asker", "StudioWindow"]

log = logging.getLogger(__name__)


class StudioWindow(QMainWindow):
    peopleImported = Signal(object)  # PeopleImport: an import of people has ended

    def __init__(
        self, *, data_dir: Path | None = None, asker: Asker | None = None, check_delay_ms: int = 400
    ) -> None:
        super().__init__()
        self.setObjectName("studio")
        self.setWindowTitle("Exhibit studio")
        self.data_dir = data_dir or default_data_dir()
        self.asker = asker or Asker(self)
        self.check_delay_ms = check_delay_ms
        self.project: Project | None = None
        self.checker: Checker | None = None
        self.importer: PeopleImporter | None = None
        self.last_result: CheckResult | None = None
        self.last_open: Opened | None = None
        self.publish_destination = str(
            QSettings("memorial-kiosk", "studio").value("publish_to", "") or ""
        )

        self.outline = QTreeWidget()
        self.outline.setObjectName("outline")
        self.outline.setHeaderHidden(True)
        self.pages = QStackedWidget()
        self.welcome = QLabel(
            "Open an exhibit's source folder (File > Open folder), or an exhibit file to make an "
            "editable copy of it."
        )
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)

        self.preview = Preview()
        self.navigator = Outline(self.outline, self.pages, self.preview, self)
        self.problems = ProblemsPanel()
        self.problems.goTo.connect(self.go_to)
        self.outline_dock = self._dock(
            "Exhibit", self.outline, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.preview_dock = self._dock(
            "Preview: the kiosk", self.preview, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.problems_dock = self._dock(
            "Problems", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self._make_actions()
        self.status = QLabel("")
        self.statusBar().addPermanentWidget(self.status)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{widget.objectName() or title}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _make_actions(self) -> None:
        menu = self.menuBar().addMenu("&File")
        tools = self.addToolBar("Main")
        tools.setObjectName("mainToolbar")
        self.open_action = QAction(
            "Open folder…", self, shortcut=QKeySequence(QKeySequence.StandardKey.Open)
        )
        self.open_action.triggered.connect(lambda: self._open_chosen(self.asker.source_folder()))
        self.open_bundle_action = QAction("Open exhibit file…", self)
        self.open_bundle_action.triggered.connect(
            lambda: self._open_chosen(self.asker.exhibit_file())
        )
        self.save_action = QAction(
            "Save", self, shortcut=QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.save_action.triggered.connect(self.save)
        self.publish_action = QAction("Publish…", self)
        self.publish_action.triggered.connect(self.show_publish)
        self.import_action = QAction("Import people from CSV…", self)
        self.import_action.triggered.connect(self._ask_import_people)
        # The toolbar's Undo and Redo: short words (the Edit menu says what they take back).
        self.undo_button = QAction("Undo", self, enabled=False)
        self.undo_button.triggered.connect(lambda: self._step(undo=True))
        self.redo_button = QAction("Redo", self, enabled=False)
        self.redo_button.triggered.connect(lambda: self._step(undo=False))
        # kiosk-content import-people's --strict: nothing is imported when any row is wrong.
        self.strict_import_action = QAction("Import people: all rows or none", self)
        self.strict_import_action.setCheckable(True)
        self.strict_import_action.setToolTip(
            "Import nothing when any row of the file has a problem (otherwise the good rows are "
            "imported and the bad ones listed)"
        )
        quit_action = QAction("Quit", self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        for action in (
            self.open_action,
            self.open_bundle_action,
            self.save_action,
            self.publish_action,
            self.import_action,
            self.strict_import_action,
            quit_action,
        ):
            menu.addAction(action)
        self.edit_menu = self.menuBar().addMenu("&Edit")
        for action in (
            self.open_action,
            self.save_action,
            self.publish_action,
            self.undo_button,
            self.redo_button,
        ):
            tools.addAction(action)
        self.tools = tools
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("About", self)
        about.triggered.connect(
            lambda: self.asker.tell("Exhibit studio", f"Exhibit studio {__version__}")
        )
        help_menu.addAction(about)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for action in (self.save_action, self.publish_action, self.import_action):
            action.setEnabled(on)

    # -- opening ---------------------------------------------------------------------------
    def _step(self, *, undo: bool) -> None:
        if self.project is not None:
            (self.project.undo_stack.undo if undo else self.project.undo_stack.redo)()

    def _open_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open a source folder, or a bundle (exported into a new folder first). Never raises."""
        if not self._may_close_project():
            return False
        opened, document, baseline = open_asking(path, self.asker, self.data_dir)
        self.last_open = opened
        if document is None or opened.folder is None:
            return False
        self.set_project(opened.folder, document, baseline)
        return True

    def set_project(
        self, folder: Path, document: SourceDocument, baseline: SourceDocument | None = None
    ) -> None:
        self._close_project()
        project = Project(folder, document, baseline=baseline, data_dir=self.data_dir, parent=self)
        self.project = project
        self.edit_menu.clear()
        undo = project.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = project.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_action, self.redo_action = undo, redo
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        stack = project.undo_stack
        for button, can, changed, said in (
            (self.undo_button, stack.canUndo(), stack.canUndoChanged, stack.undoTextChanged),
            (self.redo_button, stack.canRedo(), stack.canRedoChanged, stack.redoTextChanged),
        ):
            button.setEnabled(can)
            changed.connect(button.setEnabled)
            said.connect(lambda text, b=button: b.setToolTip(f"{b.text()}: {text}"))
        self.navigator.build(project)
        self.importer = PeopleImporter(project, self)
        self.importer.imported.connect(self._people_imported)
        self.checker = Checker(project, self.check_delay_ms, self)
        self.checker.checked.connect(self._checked)
        self.checker.started.connect(self.problems.checking)
        project.changed.connect(self._update_title)
        project.saved.connect(self._update_title)
        project.undo_stack.cleanChanged.connect(lambda _c: self._update_title())
        self._enable(True)
        self._update_title()
        self.checker.run_now()

    @property
    def editors(self) -> dict[str, TableEditor]:
        return self.navigator.editors

    @property
    def translations(self) -> TranslationsView | None:
        return self.navigator.translations

    def show_table(self, table: str) -> None:
        """Show the page of ``table`` (or the translations: ``TRANSLATIONS_PAGE``)."""
        self.navigator.show_table(table)

    # -- checks, problems, preview ---------------------------------------------------------
    def _checked(self, result: CheckResult) -> None:
        self.last_result = result
        self.problems.show_result(result)
        self.navigator.show_findings(result.findings)
        if result.bundle is not None:
            self.preview.show_bundle(result.bundle)
        self._update_title()

    def go_to(self, finding: Finding) -> None:
        """Show the table, row and field a problem is about."""
        self.navigator.go_to(finding)

    def _publish_checked(self, result: CheckResult) -> None:
        """The publish's own check: its problems in the panel (the preview stays as it is)."""
        self.problems.show_result(result)
        self.navigator.show_findings(result.findings)

    # -- saving, publishing ----------------------------------------------------------------
    def save(self) -> bool:
        if self.project is None:
            return False
        try:
            written = self.project.save()
        except OSError as exc:
            log.error("saving %s failed: %s", self.project.folder, exc)
            self.asker.tell("Not saved", f"The exhibit could not be saved: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(
            f"Saved {len(written)} file{'s' * (len(written) != 1)}"
            if written
            else "Nothing to save",
            5000,
        )
        return True

    def publish_dialog(self) -> PublishDialog | None:
        if self.project is None or self.checker is None:
            return None
        dialog = PublishDialog(self.project, self.checker.folder, self.publish_destination, self)
        dialog.checkedWith.connect(self._publish_checked)
        return dialog

    def show_publish(self) -> None:
        dialog = self.publish_dialog()
        if dialog is None:
            return
        dialog.exec()
        if dialog.published is not None:
            self.publish_destination = str(dialog.published.dest)
            QSettings("memorial-kiosk", "studio").setValue("publish_to", self.publish_destination)

    def _ask_import_people(self) -> None:
        path = self.asker.people_file() if self.project is not None else None
        if path is not None:
            self.import_people_from(path)

    def import_people_from(self, path: Path) -> bool:
        """Start importing the people in the CSV at ``path`` off the GUI thread (all or none
        when ``strict_import_action`` is checked); ``peopleImported`` when it has ended, after
        the curator was told what came of it. False when it could not start."""
        if self.importer is None:
            return False
        return self.importer.start(path, strict=self.strict_import_action.isChecked())

    def _people_imported(self, result: PeopleImport, path: Path) -> None:
        if result.written:
            self.show_table("people")
        text = result.summary(path)
        self.asker.tell("Import people", text, "\n".join(result.lines()))
        self.peopleImported.emit(result)

    # -- closing ---------------------------------------------------------------------------
    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle("Exhibit studio")
            return
        dirty = self.project.looks_dirty()
        self.setWindowTitle(f"{'*' if dirty else ''}{self.project.folder.name} - Exhibit studio")
        result = self.last_result
        if result is not None:
            self.status.setText(
                f"{result.errors} error(s), {result.warnings} warning(s)"
                + ("; unsaved changes" if dirty else "")
            )

    def _may_close_project(self) -> bool:
        if self.project is None or not self.project.is_dirty():
            return True
        answer = self.asker.save_discard_cancel(
            "Unsaved changes", f"Save the changes to {self.project.folder.name}?"
        )
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.project.journal.discard()
            return True
        return False

    def _close_project(self) -> None:
        if self.importer is not None:
            self.importer.close()
            self.importer.deleteLater()
            self.importer = None
        if self.checker is not None:
            self.checker.close()
            self.checker = None
        self.navigator.clear()
        if self.project is not None:
            self.project.deleteLater()
            self.project = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close_project():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop the checks and the preview (the QML before its controllers)."""
        self._close_project()
        self.preview.close_preview()
