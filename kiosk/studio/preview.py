"""The live preview: the kiosk itself (KioskShell and its QML screens) on the edited exhibit.

Why a window container and not a QQuickWidget: the kiosk's Main.qml is a ``Window``, the very
window the kiosk shows fullscreen; a QQuickWidget needs an ``Item`` root, so it would need a
second Main for the studio, which could drift from the kiosk. Here the studio makes a real
``KioskShell``, loads the real Main.qml, and embeds that ``QQuickWindow`` with
``QWidget.createWindowContainer``: what the curator sees is what a visitor will see, drawn by
the same code, at the chosen size.

"Fit" shows the whole screen in the dock: the window is made smaller, in the chosen screen's
proportions, and the kiosk lays itself out for it as it does for any screen (its Theme scales
every size with the window's short side). Down to a short side of 540 px that scale is not
clamped, so the layout is the chosen size's, scaled (line breaks can differ by a word where
type is hinted); "Actual pixels" shows it 1:1 in a scroll area (the dock can float onto a
second screen). The container is a native child
window, so widgets cannot lie over it and ``QWidget.grab`` does not see it: the studio's
screenshots paint the window's own ``grabWindow`` into its place (kiosk.studio.shots).

Each check that builds gives a new bundle file; ``show_bundle`` switches the shell to it with
``shell.content.reload`` (which keeps the last good content when a file cannot be read), then
goes back to the row the curator is editing: a section on the History screen (a sensitive one
shows its advisory first, as on the kiosk), an event opened on the Timeline, a figure on In
numbers, remembrance and people on the Memorial screen.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.reader import Bundle, BundleError
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.screens import HOME

log = logging.getLogger(__name__)

SIZES: tuple[tuple[str, QSize], ...] = (
    ("1920 x 1080 (landscape)", QSize(1920, 1080)),
    ("1080 x 1920 (portrait)", QSize(1080, 1920)),
    ("1280 x 800 (small)", QSize(1280, 800)),
)

# Where each table is seen on the kiosk.
SCREEN_OF: dict[str, str] = {
    "exhibit": HOME,
    "sections": "history",
    "events": "timeline",
    "statistics": "numbers",
    "remembrance": "memorial",
    "people": "memorial",
}

ZOOMS: tuple[str, ...] = ("Fit", "Actual pixels")
# Theme.scale = max(0.5, shortSide / 1080): above this short side, a smaller window is the same
# layout scaled.
MIN_SHORT_SIDE = 540

# No visit ends by itself in the preview (a day; QTimer takes at most 2^31 - 1 ms).
_DAY_MS = 86_400_000


class Preview(QWidget):
    """The kiosk's screens for the selected row, at a chosen size, language, text and contrast."""

    shown = Signal(str)  # the bundle now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self._data = Path(tempfile.mkdtemp(prefix="kiosk-studio-preview-"))
        self.shell = KioskShell(
            self._data,
            Timings(idle_ms=_DAY_MS, prompt_ms=_DAY_MS, attract_cycle_ms=_DAY_MS, animate=False),
        )
        self.container: QWidget | None = None
        self.bundle: Path | None = None
        self.screens_failed = False  # the kiosk's QML did not load: a broken program, not content
        self.focus_table, self.focus_key = "exhibit", ""

        self.size_box = QComboBox()
        for label, size in SIZES:
            self.size_box.addItem(label, size)
        self.size_box.setToolTip("The kiosk's screen size")
        self.zoom_box = QComboBox()
        self.zoom_box.addItems(ZOOMS)
        self.zoom_box.setToolTip("Fit: the whole screen, scaled; Actual pixels: 1:1")
        self.language_box = QComboBox()
        self.language_box.setToolTip("The language a visitor chose")
        self.large_text = QCheckBox("Larger text")
        self.contrast = QCheckBox("Higher contrast")
        self.message = QLabel("The preview appears once the exhibit has been checked.")
        self.message.setWordWrap(True)
        controls = QHBoxLayout()
        for widget in (
            self.size_box,
            self.zoom_box,
            self.language_box,
            self.large_text,
            self.contrast,
        ):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll_area, 1)

        self.size_box.currentIndexChanged.connect(self._apply_size)
        self.zoom_box.currentIndexChanged.connect(self._apply_size)
        self.language_box.currentIndexChanged.connect(self._apply_language)
        self.large_text.toggled.connect(self._apply_access)
        self.contrast.toggled.connect(self._apply_access)

    # -- what is shown ---------------------------------------------------------------------
    def show_bundle(self, path: Path) -> bool:
        """Show the bundle at ``path`` (just built and checked); False when it cannot be read."""
        shell = self.shell
        if shell.window is None:
            # the language the curator writes in (the source), not the visit's: an edit shows
            if not shell.open_bundle(path, self._source_locale(path)):
                self.message.setText(
                    f"The preview cannot show this: {shell.content.error_message()}"
                )
                return False
            window = shell.load()
            if window is None:
                self.screens_failed = True
                self.message.setText("The kiosk's screens could not be loaded (see the log).")
                return False
            self.container = QWidget.createWindowContainer(window)
            self.container.setObjectName("previewContainer")
            self.scroll_area.setWidget(self.container)
            self._apply_size()
        elif not shell.content.reload(path, self.language_box.currentData() or "", checked=True):
            self.message.setText(
                "The preview keeps the last good version: " + shell.content.error_message()
            )
            return False
        self.bundle = path
        self.message.setText("")
        self.message.setVisible(False)
        self._fill_languages()
        self._apply_access()
        self.focus(self.focus_table, self.focus_key)
        self.shown.emit(str(path))
        return True

    def focus(self, table: str, key: str) -> None:
        """Go to the screen (and the section or event) where ``table``'s row ``key`` is seen."""
        self.focus_table, self.focus_key = table, key
        shell = self.shell
        if shell.window is None or table not in SCREEN_OF:
            return
        shell.silence.cancel()
        shell.timeline.close()
        shell.idle.activity()
        shell.navigator.go(SCREEN_OF[table])
        if table == "sections":
            sections = shell.content.section_model
            for row in range(sections.rowCount()):
                if sections.key_at(row) == key:
                    shell.history.goTo(row)
        elif table == "events":
            events = shell.content.timeline_model
            for row in range(events.rowCount()):
                if events.get(row, "key") == key:
                    shell.timeline.open(row)

    def grab_image(self) -> QImage:
        """The kiosk window as drawn now (a null image before the first bundle)."""
        window = self.shell.window
        return window.grabWindow() if window is not None else QImage()

    # -- the controls ----------------------------------------------------------------------
    def current_size(self) -> QSize:
        size = self.size_box.currentData()
        return size if isinstance(size, QSize) else SIZES[0][1]

    def shown_size(self) -> QSize:
        """The window's size: the chosen screen's, or in "Fit" scaled into the dock."""
        size = self.current_size()
        if self.zoom_box.currentIndex() != 0:
            return size
        room = self.scroll_area.viewport().size()
        factor = min(room.width() / size.width(), room.height() / size.height(), 1.0)
        factor = max(factor, MIN_SHORT_SIDE / min(size.width(), size.height()))
        return QSize(round(size.width() * factor), round(size.height() * factor))

    def _apply_size(self) -> None:
        window = self.shell.window
        if window is not None and self.container is not None:
            shown = self.shown_size()
            window.resize(shown)
            self.container.setFixedSize(shown)

    @staticmethod
    def _source_locale(path: Path) -> str:
        try:
            with Bundle(path) as bundle:
                return bundle.default_locale
        except BundleError:
            return ""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom_box.currentIndex() == 0:
            self._apply_size()

    def _fill_languages(self) -> None:
        codes = self.shell.content.locale_codes()
        wanted = self.language_box.currentData() or self.shell.content.locale_code()
        box = self.language_box
        if [box.itemData(i) for i in range(box.count())] != codes:
            box.blockSignals(True)
            box.clear()
            for code in codes:
                box.addItem(code, code)
            box.blockSignals(False)
        index = box.findData(wanted)
        box.setCurrentIndex(max(index, 0))
        self._apply_language()

    def _apply_language(self) -> None:
        code = self.language_box.currentData()
        if code and self.shell.window is not None and code != self.shell.language.current_code():
            self.shell.language.choose(code)

    def _apply_access(self) -> None:
        self.shell.accessibility.largeText = self.large_text.isChecked()
        self.shell.accessibility.highContrast = self.contrast.isChecked()

    def close_preview(self) -> None:
        """Delete the QML before the controllers, and the scratch data folder.

        The shell deletes its engine and with it the window; the container, left empty, goes
        with the studio's widgets. (Taking the container out of its scroll area after its
        window was deleted crashes Qt, and deleting the container first leaves a wrapper
        behind that crashes PySide later: neither is done.)"""
        self.shell.shutdown()
        self.container = None
        shutil.rmtree(self._data, ignore_errors=True)
