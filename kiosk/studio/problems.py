"""The problems panel: what the checks found, errors first; a click goes to the field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from kiosk.studio.checks import CheckResult, Finding
from kiosk.studio.fields import label_for, table_title

ERROR = QColor("#c0392b")
WARNING = QColor("#9a6a00")


class ProblemsPanel(QWidget):
    goTo = Signal(object)  # the Finding clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.status = QLabel("Not checked yet.")
        self.status.setObjectName("problemsStatus")
        self.tree = QTreeWidget()
        self.tree.setObjectName("problemsTree")
        self.tree.setHeaderLabels(["", "Where", "What is wrong"])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 70)
        self.tree.setColumnWidth(1, 300)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.findings: list[Finding] = []

    def show_result(self, result: CheckResult) -> None:
        order = {"error": 0, "warning": 1}
        self.findings = sorted(result.findings, key=lambda f: order.get(f.severity, 2))
        self.tree.clear()
        for finding in self.findings:
            where = table_title(finding.table) if finding.table else "the exhibit"
            if finding.row:
                where += f" · {finding.row}"
            if finding.field and finding.table:
                where += f" · {label_for(finding.table, finding.field)[0]}"
            item = QTreeWidgetItem([finding.severity, where, finding.message])
            item.setForeground(0, QBrush(ERROR if finding.severity == "error" else WARNING))
            item.setToolTip(2, finding.message + (f"\n({finding.where})" if finding.where else ""))
            self.tree.addTopLevelItem(item)
        if not result.built:
            headline = (
                f"The exhibit cannot be built: {result.errors} problem{'s' * (result.errors != 1)}."
            )
        elif result.errors:
            headline = (
                f"{result.errors} error{'s' * (result.errors != 1)} (publishing is refused until "
                f"they are fixed), {result.warnings} warning{'s' * (result.warnings != 1)}."
            )
        elif result.warnings:
            count = result.warnings
            headline = f"Ready to publish; {count} warning{'s' * (count != 1)} worth a look."
        else:
            headline = "No problems: ready to publish."
        self.status.setText(headline)

    def checking(self) -> None:
        self.status.setText(self.status.text().split(" (checking")[0] + " (checking…)")

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = self.tree.indexOfTopLevelItem(item)
        if 0 <= index < len(self.findings):
            self.goTo.emit(self.findings[index])
