"""``kiosk``: the exhibit, fullscreen, on the default bundle; and the technician's commands.

    kiosk [--bundle PATH] [--lang CODE] [--windowed]
    kiosk --screenshots DIR --size WxH [--bundle PATH] [--lang CODE]
    kiosk --self-test [--bundle PATH]
    kiosk --version

Exit codes: 0 success; 1 the self-test found a problem, or the window could not be shown;
2 bad command-line input (a bundle that cannot be read, a malformed size).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__, paths

log = logging.getLogger("kiosk")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*$")
MIN_SIDE, MAX_SIDE = 320, 8192


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` -> (1920, 1080); ValueError with a message a technician can act on."""
    match = _SIZE.match(text or "")
    if not match:
        raise ValueError(f"--size {text!r}: write it as WIDTHxHEIGHT, for example 1920x1080")
    w, h = int(match.group(1)), int(match.group(2))
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise ValueError(f"--size {text!r}: each side must be between {MIN_SIDE} and {MAX_SIDE}")
    return w, h


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="The memorial exhibit kiosk: runs fullscreen on a content bundle.",
    )
    parser.add_argument("--bundle", type=Path, help="the content bundle to show")
    parser.add_argument("--lang", metavar="CODE", default="", help="start language, e.g. az")
    parser.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    parser.add_argument("--data-dir", type=Path, help="the kiosk's own data folder")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check bundle, screens and fonts; print JSON"
    )
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="write one PNG per screen")
    parser.add_argument("--size", default="1920x1080", help="window size for --screenshots")
    return parser


def data_dir(arg: Path | None) -> Path:
    """``--data-dir``, else ``$KIOSK_DATA_DIR``, else the per-user data folder."""
    if arg is not None:
        return arg
    from kiosk.ops.config import default_data_dir  # noqa: PLC0415

    return default_data_dir()


def _headless_defaults() -> None:
    # Screenshots and the self-test run on machines without a display (CI, over SSH).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")


def _say(message: str) -> None:
    stream = sys.stderr if sys.stderr is not None else sys.stdout
    if stream is not None:
        print(message, file=stream)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # --help, --version, or a usage error (argparse said why)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    bundle = args.bundle if args.bundle is not None else paths.default_bundle()

    if args.self_test:
        _headless_defaults()
        from kiosk.ui.selftest import run_self_test  # noqa: PLC0415

        report = run_self_test(bundle, data_dir(args.data_dir))
        if sys.stdout is not None:
            print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK if report["ok"] else EXIT_FAILED

    size: tuple[int, int] | None = None
    if args.screenshots is not None:
        try:
            size = parse_size(args.size)
        except ValueError as exc:
            _say(f"kiosk: {exc}")
            return EXIT_USAGE
        _headless_defaults()

    from kiosk.content.reader import BundleError, check_readable  # noqa: PLC0415

    try:
        check_readable(bundle)
    except BundleError as exc:
        _say(f"kiosk: cannot show this bundle: {exc}")
        return EXIT_USAGE

    return _run(args, bundle, size)


def _run(args: argparse.Namespace, bundle: Path, size: tuple[int, int] | None) -> int:
    from PySide6.QtCore import QSize, Qt  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    from kiosk.ops.logs import qt_message_to_logging, setup_logging  # noqa: PLC0415
    from kiosk.ui.fonts import load_fonts  # noqa: PLC0415
    from kiosk.ui.qtlog import QtMessages  # noqa: PLC0415
    from kiosk.ui.shell import KioskShell, Timings  # noqa: PLC0415

    folder = data_dir(args.data_dir)
    screenshots = args.screenshots is not None
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("memorial-kiosk")
    shell_ref: list[KioskShell] = []

    def back_to_attract() -> None:
        # Installed as the excepthook's callback: an unexpected error returns to the start.
        if shell_ref:
            shell_ref[0].recover()

    setup_logging(folder, "INFO", on_error=back_to_attract, production=not screenshots)
    QtMessages(forward=qt_message_to_logging).install()
    fonts = load_fonts(paths.fonts_dir())
    for name in fonts.failed:
        log.error("font %s could not be loaded", name)

    timings = Timings(animate=False) if screenshots else Timings()
    shell = KioskShell(folder, timings, start_locale=args.lang)
    shell_ref.append(shell)
    if not shell.open_bundle(bundle, args.lang):
        _say(f"kiosk: cannot show this bundle: {shell.content.error_message()}")
        return EXIT_USAGE
    if args.lang and args.lang not in shell.content.locale_codes():
        log.warning(
            "--lang %s: the bundle has %s; showing %s",
            args.lang,
            ", ".join(shell.content.locale_codes()),
            shell.content.locale_code(),
        )
    window = shell.load()
    if window is None:
        _say("kiosk: the screens could not be loaded (see the log)")
        return EXIT_FAILED

    if screenshots and size is not None:
        from kiosk.ui.screenshots import take_screenshots  # noqa: PLC0415

        try:
            written = take_screenshots(shell, args.screenshots, QSize(*size))
        except OSError as exc:
            _say(f"kiosk: {exc}")
            return EXIT_FAILED
        if sys.stdout is not None:
            for path in written:
                print(path)
        shell.shutdown()
        return EXIT_OK

    if args.windowed:
        window.resize(1920, 1080)
        window.show()
    else:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()
    code = int(app.exec())
    shell.shutdown()
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
