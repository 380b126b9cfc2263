"""``kiosk-studio``: the curator's desktop editor (Qt Widgets) with the kiosk as its preview.

    kiosk-studio [FOLDER_OR_BUNDLE]        open a source folder, or a bundle (exported first)
    kiosk-studio --screenshots DIR [FOLDER]  write PNGs of the main views and exit
    kiosk-studio --version

With no argument it opens the default exhibit's source folder when there is one (a source
checkout), else nothing. Exit codes: 0 done; 1 the screenshots could not be made; 2 bad
command-line input. Whatever goes wrong, the curator gets a dialog and the log
(``<data>/logs/studio.log``) gets the details: never a traceback on screen.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import shutil
import sys
import tempfile
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk import __version__, paths

if TYPE_CHECKING:
    from kiosk.studio.asker import Asker

log = logging.getLogger("kiosk.studio")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-studio",
        description="Edit, check, preview and publish an exhibit.",
    )
    parser.add_argument(
        "path", nargs="?", type=Path, metavar="FOLDER_OR_BUNDLE", help="a source folder or a bundle"
    )
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="write PNGs of the main views and exit"
    )
    parser.add_argument(
        "--data-dir", type=Path, metavar="PATH", help="the studio's own data folder (log, recovery)"
    )
    parser.add_argument("--version", action="version", version=f"kiosk-studio {__version__}")
    return parser


def setup_logging(data_dir: Path) -> None:
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        (data_dir / "logs").mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            data_dir / "logs" / "studio.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = (
            logging.StreamHandler(sys.stderr) if sys.stderr is not None else logging.NullHandler()
        )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def install_excepthooks(show: bool) -> None:
    """Log any uncaught exception (GUI thread or worker) and tell the curator in a dialog."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if not show:
            return
        from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: PLC0415

        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "Something went wrong",
                f"The studio met an unexpected problem ({kind.__name__}: {value}). Your edits are "
                "kept in the recovery journal; the details are in the log.",
            )

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(
        args.exc_type, args.exc_value or Exception(), args.exc_traceback
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from kiosk.studio.journal import default_data_dir  # noqa: PLC0415

    screenshots = args.screenshots is not None
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-studio-shots-")) if screenshots else None
    data_dir = args.data_dir or (scratch / "data" if scratch else default_data_dir())
    setup_logging(data_dir)
    install_excepthooks(show=not screenshots)
    try:
        return _run(args, data_dir, scratch)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _run(args: argparse.Namespace, data_dir: Path, scratch: Path | None) -> int:
    from PySide6.QtCore import QCoreApplication, QEvent  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from kiosk.ui.runtime.fonts import load_fonts  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk-studio")
    app.setOrganizationName("memorial-kiosk")
    load_fonts(paths.fonts_dir())
    from kiosk.studio.window import StudioWindow  # noqa: PLC0415

    path: Path | None = args.path
    if path is None and paths.default_source().is_dir():
        path = paths.default_source()
    if scratch is not None:
        return _screenshots(args.screenshots, path, data_dir, scratch)
    log_qt_messages()
    window = StudioWindow(data_dir=data_dir)
    window.resize(1600, 1000)
    window.show()
    if path is not None:
        window.open_path(path)
    code = app.exec()
    window.shutdown()  # (again: closing the window did it; idempotent) then delete, in order
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return int(code)


def _screenshots(out: Path, path: Path | None, data_dir: Path, scratch: Path) -> int:
    from PySide6.QtCore import QCoreApplication, QEvent  # noqa: PLC0415

    from kiosk.studio.shots import take_screenshots  # noqa: PLC0415
    from kiosk.studio.window import StudioWindow  # noqa: PLC0415

    if path is None or not path.exists():
        _say("kiosk-studio: --screenshots needs an exhibit (a source folder or a bundle)")
        return EXIT_USAGE
    log_qt_messages()
    source = scratch / "exhibit"
    if path.is_dir():
        shutil.copytree(path, source)
    window = StudioWindow(data_dir=data_dir, asker=_quiet(source), check_delay_ms=50)
    try:
        if not window.open_path(source if path.is_dir() else path):
            _say(f"kiosk-studio: {path}: cannot be opened")
            return EXIT_FAILED
        written = take_screenshots(window, out, scratch)
    except OSError as exc:
        _say(f"kiosk-studio: {exc}")
        return EXIT_FAILED
    finally:
        # The window (and the kiosk's QML in it) goes before the QApplication, in order.
        window.shutdown()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if sys.stdout is not None:  # a windowed frozen build has none
        for file in written:
            print(file)
    return EXIT_OK


def log_qt_messages() -> None:
    """Qt's messages (the preview's QML warnings above all) into the studio's log."""
    from kiosk.ops.logs import qt_message_to_logging  # noqa: PLC0415
    from kiosk.ui.runtime.qtlog import QtMessages  # noqa: PLC0415

    QtMessages(forward=qt_message_to_logging).install()


def _say(line: str) -> None:
    log.error("%s", line)
    if sys.stderr is not None:
        print(line, file=sys.stderr)


def _quiet(export_to: Path) -> Asker:
    from kiosk.studio.asker import Asker  # noqa: PLC0415

    class Quiet(Asker):
        """Answers for --screenshots: export a bundle into the scratch folder, never recover."""

        def yes(self, title: str, text: str) -> bool:
            return title == "Make an editable copy"

        def save_discard_cancel(self, title: str, text: str) -> str:
            return "discard"

        def folder_for_export(self, bundle: Path) -> Path | None:
            return export_to

        def tell(self, title: str, text: str, details: str = "") -> None:
            log.info("%s: %s %s", title, text, details)

    return Quiet()


def entry() -> None:
    """The console script."""
    sys.exit(main())
