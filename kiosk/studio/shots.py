"""``kiosk-studio --screenshots DIR``: pictures of the studio's main views, for the curator's
guide (docs/curator-guide.md) and for a look without a screen.

Each view is reached through the window's own methods (never simulated clicks) on a scratch
copy of the exhibit, so the curator's folder and journal are never touched. The preview is a
native child window that ``QWidget.grab`` does not see: its own ``grabWindow`` is painted into
its place.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap

from kiosk import paths
from kiosk.studio.checks import Finding
from kiosk.studio.window import StudioWindow
from kiosk.ui.tools.settle import settle

WINDOW_SIZE = QSize(1920, 1080)


def wait_until(condition: Callable[[], bool], timeout_s: float = 20.0) -> bool:
    """Run Qt's event loop until ``condition()`` holds (False after ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return True


def wait_checked(window: StudioWindow) -> bool:
    """Until the edits so far are checked and the preview shows their bundle."""
    checker = window.checker
    if checker is None:
        return False
    ok = wait_until(lambda: not checker.busy and checker.result is not None)
    if ok and window.preview.shell.window is not None:
        settle(window.preview.shell.window)
    return ok


def example_image(path: Path) -> Path:
    """A drawn placeholder (no photograph is ever invented for an exhibit)."""
    image = QImage(800, 500, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b3a36"))
    painter = QPainter(image)
    painter.setPen(QColor("#d8cfc0"))
    painter.setFont(QFont("Noto Sans", 40))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "an image you add")
    painter.end()
    image.save(str(path))
    return path


def grab(window: StudioWindow) -> QPixmap:
    """The window as it looks, the preview's own picture painted in the preview's place."""
    QCoreApplication.processEvents()
    picture = window.grab()
    container = window.preview.container
    if container is not None and container.isVisible():
        kiosk = window.preview.grab_image()
        viewport = window.preview.scroll_area.viewport()
        clip = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
        origin = container.mapTo(window, QPoint(0, 0))
        painter = QPainter(picture)
        painter.setClipRect(clip)
        painter.drawImage(origin, kiosk)
        painter.end()
    return picture


def take_screenshots(window: StudioWindow, out_dir: Path, scratch: Path) -> list[Path]:
    """Write the studio's views as PNGs into ``out_dir``; returns the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    window.resize(WINDOW_SIZE)
    window.show()
    window.resizeDocks(
        [window.preview_dock, window.outline_dock], [990, 190], Qt.Orientation.Horizontal
    )
    window.resizeDocks([window.problems_dock], [140], Qt.Orientation.Vertical)
    written: list[Path] = []

    def shot(name: str) -> None:
        wait_checked(window)
        path = out_dir / f"{name}.png"
        if not grab(window).save(str(path)):
            raise OSError(f"{path}: the screenshot could not be written")
        written.append(path)

    project = window.project
    if project is None:
        raise RuntimeError("no exhibit is open")
    wait_checked(window)
    if window.preview.screens_failed:
        raise OSError("the kiosk's screens could not be loaded in the preview (see the log)")
    window.show_table("exhibit")
    shot("01-exhibit")
    window.show_table("sections")
    window.editors["sections"].select(project.doc.keys("sections")[0], "body")
    shot("02-section")
    sensitive = [r["key"] for r in project.doc.table("sections") if r.get("sensitive") is True]
    if sensitive:
        window.editors["sections"].select(sensitive[0], "advisory")
        shot("03-sensitive-section")
    events = project.doc.keys("events")
    if events:
        window.show_table("events")
        window.editors["events"].select(events[min(5, len(events) - 1)], "title")
        shot("04-timeline-event")
    # A mistake, and the problems panel leading to it: a date that does not exist.
    if events:
        row = project.doc.index_of("events", events[0])
        project.set_field("events", row, "start_date", "1992-02-30")
        project.set_field("events", row, "start_precision", "day")
        wait_checked(window)
        first = next((f for f in window.problems.findings if f.severity == "error"), None)
        if first is not None:
            window.go_to(first)
        shot("05-problem")
        project.undo_stack.undo()
        project.undo_stack.undo()
    others = project.doc.other_locales()
    if others:
        # The translations, and the preview in that language on the first section.
        window.show_table("translations")
        window.preview.focus("sections", (project.doc.keys("sections") or [""])[0])
        box = window.preview.language_box
        before = box.currentIndex()
        box.setCurrentIndex(max(box.findData(others[0]), 0))
        shot("06-translations")
        box.setCurrentIndex(before)
    window.show_table("media")
    media = window.editors["media"]
    if hasattr(media, "add_files"):
        media.add_files([str(example_image(scratch / "an-image.png"))])
        shot("07-images")
        project.undo_stack.undo()
    # Publishing over the exhibit a kiosk has now (the one that ships), after a first edit.
    kiosk_bundle = scratch / "kiosk" / "exhibit.sqlite"
    kiosk_bundle.parent.mkdir(exist_ok=True)
    shutil.copy2(paths.default_bundle(), kiosk_bundle)
    if project.doc.table("sections"):
        title = str(project.doc.table("sections")[0].get("title", ""))
        project.set_field("sections", 0, "title", title + " (edited)")
    window.show_table("sections")
    dialog = window.publish_dialog()
    if dialog is not None:
        dialog.destination.setText(str(kiosk_bundle))
        dialog.show()
        if dialog.check_and_compare():
            wait_until(lambda: not dialog.busy)
        QCoreApplication.processEvents()
        path = out_dir / "08-publish.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
    return written


def problems_text(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in findings)
