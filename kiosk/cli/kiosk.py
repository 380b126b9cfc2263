"""``kiosk``: the exhibit, fullscreen, on the default bundle; and the technician's commands.

    kiosk [--bundle PATH] [--config PATH] [--lang CODE] [--windowed]
    kiosk --screenshots DIR --size WxH [--bundle PATH] [--lang CODE]
    kiosk --self-test [--bundle PATH]
    kiosk --set-pin [--config PATH]
    kiosk --version

Exit codes: 0 success (also after SIGTERM or SIGINT); 1 the self-test found a problem, there is
no screen (no DISPLAY, Wayland or QT_QPA_PLATFORM), or the window could not be shown; 2 bad
command-line input (a bundle that cannot be read for screenshots, a malformed size, a PIN that
cannot be set); 64 a technician chose "Exit kiosk" on the admin screen (the service manager
does not restart it).

SIGTERM and SIGINT end the program with exit code 0 from the first line of ``main`` to the last
(kiosk.cli.stopping: the request is recorded, each start-up stage returns early when one came).
The runs without a visitor, ``--self-test`` and ``--screenshots``, are kiosk.cli.headless.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__, paths
from kiosk.cli.headless import (
    MAX_SIDE,
    MIN_SIDE,
    headless_defaults,
    one_line,
    parse_size,
    screenshots_command,
    self_test_command,
    unreadable_bundle,
)
from kiosk.cli.stopping import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    STAGE_HOOK_ENV,
    STOP,
    checkpoint,
    interruptible,
    say,
)

if TYPE_CHECKING:
    from kiosk.ops.bundles import BundleStore
    from kiosk.ops.config import Config
    from kiosk.ui.runtime.operations import Operations
    from kiosk.ui.runtime.shell import KioskShell

__all__ = [  # the exit codes, STAGE_HOOK_ENV and --size live beside it; still found here
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_SIDE",
    "MIN_SIDE",
    "STAGE_HOOK_ENV",
    "build_parser",
    "data_dir",
    "main",
    "parse_size",
    "set_pin",
]

log = logging.getLogger("kiosk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="The memorial exhibit kiosk: runs fullscreen on a content bundle.",
    )
    parser.add_argument("--bundle", type=Path, help="the content bundle to show")
    parser.add_argument("--lang", metavar="CODE", default="", help="start language, e.g. az")
    parser.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    parser.add_argument("--config", type=Path, metavar="PATH", help="the configuration file")
    parser.add_argument("--data-dir", type=Path, help="the kiosk's own data folder")
    parser.add_argument(
        "--set-pin", action="store_true", help="set the admin PIN (asked twice) and exit"
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check bundle, screens and fonts; print JSON"
    )
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="write one PNG per screen")
    parser.add_argument("--size", default="1920x1080", help="window size for --screenshots")
    return parser


def data_dir(arg: Path | None, config: Config | None = None) -> Path:
    """``--data-dir``, else the configuration's ``data_dir`` (or ``$KIOSK_DATA_DIR``), else the
    per-user data folder."""
    if arg is not None:
        return arg
    if config is not None:
        return config.data_path()
    from kiosk.ops.config import default_data_dir  # noqa: PLC0415

    return default_data_dir()


def set_pin(config_path: Path | None, read: Callable[[str], str] | None = None) -> int:
    """``kiosk --set-pin``: ask for the PIN twice and write its salted hash to the configuration.

    The PIN is read without echo on a terminal, or as two lines from standard input (so an
    install script can pipe it). The PIN itself is never stored or logged.
    """
    import getpass  # noqa: PLC0415 - (termios) for this command only, not the kiosk's start

    from kiosk.ops.config import ConfigError, default_config_path, set_pin_hash  # noqa: PLC0415
    from kiosk.ops.pin import hash_pin, pin_problem  # noqa: PLC0415

    read = read or getpass.getpass

    path = config_path if config_path is not None else default_config_path()
    try:
        pin = read("New admin PIN (4 to 12 digits): ").strip()
        again = read("The same PIN again: ").strip()
    except (EOFError, KeyboardInterrupt):
        say("kiosk: no PIN was set")
        return EXIT_USAGE
    problem = pin_problem(pin)
    if problem:
        say(f"kiosk: {problem}; no PIN was set")
        return EXIT_USAGE
    if pin != again:
        say("kiosk: the two PINs differ; no PIN was set")
        return EXIT_USAGE
    try:
        set_pin_hash(path, hash_pin(pin))
    except ConfigError as exc:
        say(f"kiosk: {exc}")
        return EXIT_USAGE
    say(f"kiosk: the admin PIN is set in {path}")
    return EXIT_OK


def _read_line(prompt: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass  # noqa: PLC0415

        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise EOFError
    return line


def main(argv: Sequence[str] | None = None) -> int:
    """The command line. SIGTERM and SIGINT, at any moment, end it with exit code 0.

    Run as the program (``argv`` None) the handlers stay until the process ends, so a signal
    while the interpreter shuts down still means a clean exit; called with ``argv`` (tests),
    the previous handlers are put back on return.
    """
    STOP.install()
    try:
        code = _main(argv)
    finally:
        if argv is not None:
            STOP.restore()
    return EXIT_OK if STOP.requested else code


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # --help, --version, or a usage error (argparse said why)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE

    if args.set_pin:
        return set_pin(args.config, interruptible(_read_line))
    if checkpoint("start"):
        return EXIT_OK

    from kiosk.ops.config import load_config  # noqa: PLC0415

    config, config_messages = load_config(args.config)
    bundle = args.bundle if args.bundle is not None else config.bundle_path()
    if checkpoint("config"):
        return EXIT_OK

    if args.self_test:
        return self_test_command(bundle, data_dir(args.data_dir, config))

    size: tuple[int, int] | None = None
    if args.screenshots is not None:
        try:
            size = parse_size(args.size)
        except ValueError as exc:
            say(f"kiosk: {exc}")
            return EXIT_USAGE
        headless_defaults()
        problem = unreadable_bundle(bundle)
        if problem:
            say(f"kiosk: cannot show this bundle: {one_line(problem)}")
            return EXIT_USAGE

    return _run(args, config, config_messages, bundle, size)


def _run(
    args: argparse.Namespace,
    config: Config,
    config_messages: list[str],
    bundle: Path,
    size: tuple[int, int] | None,
) -> int:
    from PySide6.QtCore import QSize, Qt  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    from kiosk.ops.logs import qt_message_to_logging, setup_logging  # noqa: PLC0415
    from kiosk.ui.runtime.fonts import load_fonts  # noqa: PLC0415
    from kiosk.ui.runtime.qtlog import QtMessages  # noqa: PLC0415
    from kiosk.ui.runtime.screenfit import (  # noqa: PLC0415
        ScreenFit,
        display_problem,
        show_windowed,
        size_scale,
    )
    from kiosk.ui.runtime.shell import KioskShell, Timings  # noqa: PLC0415

    if checkpoint("imports"):
        return EXIT_OK
    folder = data_dir(args.data_dir, config)
    screenshots = args.screenshots is not None
    if QGuiApplication.instance() is None and (problem := display_problem(os.environ)):
        # Qt would abort (SIGABRT) after a misleading message about libxcb-cursor0.
        setup_logging(folder, config.log_level)
        log.critical("%s", problem)
        return EXIT_FAILED
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("memorial-kiosk")
    if checkpoint("qt"):
        return EXIT_OK
    shell_ref: list[KioskShell] = []

    def back_to_attract() -> None:
        # Installed as the excepthook's callback: an unexpected error returns to the start.
        if shell_ref:
            shell_ref[0].recover()

    log_dir = setup_logging(
        folder, config.log_level, on_error=back_to_attract, production=not screenshots
    )
    for message in config_messages:
        log.warning("configuration: %s", message)
    QtMessages(forward=qt_message_to_logging).install()
    fonts = load_fonts(paths.fonts_dir())
    for name in fonts.failed:
        log.error("font %s could not be loaded", name)
    if checkpoint("fonts"):
        return EXIT_OK

    lang = args.lang or config.default_language or ""
    if screenshots:
        timings = Timings(animate=False)
    else:
        timings = Timings(
            idle_ms=int(config.idle_timeout_s * 1000),
            prompt_ms=int(config.idle_prompt_s * 1000),
            attract_cycle_ms=int(config.attract_interval_s * 1000),
        )
    # Screenshots show a size, not a screen: only ui_scale (if set) changes them.
    scale, why = size_scale(
        None if screenshots else QGuiApplication.primaryScreen(), config.ui_scale
    )
    log.info("sizes scaled by %g (%s)", scale, why)
    shell = KioskShell(folder, timings, start_locale=lang, size_scale=scale)
    shell_ref.append(shell)
    if checkpoint("shell", shell):
        return EXIT_OK

    if screenshots and size is not None:
        return screenshots_command(shell, bundle, lang, args.screenshots, QSize(*size))

    from kiosk.ops.bundles import BundleStore  # noqa: PLC0415

    store = BundleStore(folder)
    start, notes = store.startup_bundle(bundle)
    for note in notes:
        log.warning("start-up: %s", note)
    if checkpoint("bundle", shell):
        return EXIT_OK
    # The kiosk's own copy, untouched since it was checked when adopted, is not checked again
    # (a restart reads only what the first screen needs); should it not read after all, the
    # copies are checked in full and the next usable one is shown.
    trusted = store.trusted(start)
    if not shell.open_bundle(start, lang, checked=trusted) and trusted:
        log.error("the kiosk's copy %s did not read; checking the copies again", start)
        start, notes = store.startup_bundle(bundle, trust=False)
        for note in notes:
            log.warning("start-up: %s", note)
        shell.open_bundle(start, lang)
    if shell.content.bundle is None:
        say(f"kiosk: cannot show any bundle: {shell.content.error_message()}")
        log.critical("no bundle could be shown: %s", shell.content.error_message())
        return EXIT_FAILED
    window = shell.load()
    if window is None:
        say("kiosk: the screens could not be loaded (see the log)")
        return EXIT_FAILED

    from kiosk.ui.runtime.firstframe import (  # noqa: PLC0415
        after_first_frame,
        freeze_startup_objects,
    )
    from kiosk.ui.runtime.lockdown import KeyLock, quit_on_signals  # noqa: PLC0415

    checkpoint("window")  # from here a stop request is honoured by the event loop
    signals = quit_on_signals(app, pending=STOP.signum)
    # The unattended machinery (admin layer, live updates, statistics, watchdog) is built just
    # after the first frame, which tells systemd the kiosk is ready: nothing a visitor sees
    # waits for it, and the first touch comes long after.
    running: list[Operations] = []

    def start_unattended() -> None:
        operations = _operations(
            shell, config, store, configured=bundle, log_dir=log_dir, notes=notes
        )
        operations.admin.exitRequested.connect(app.exit)
        window.setProperty("admin", operations.admin)  # Main.qml's admin layer appears
        operations.start(ready_told=True)
        running.append(operations)
        freeze_startup_objects()

    after_first_frame(window, start_unattended)
    if args.windowed:
        show_windowed(window)
    else:
        key_lock = KeyLock(app)
        app.installEventFilter(key_lock)
        window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        # The screen's size, whether or not a window manager honours fullscreen, and again
        # when the screen changes (kiosk.ui.runtime.screenfit).
        fit = ScreenFit(window)
        fit.show()
    log.info("kiosk %s showing %s", __version__, start)
    code = int(app.exec())
    log.info("kiosk stopping (exit code %d)", code)
    signals.restore()
    for operations in running:  # none when a stop came before the first frame
        if operations.stats is not None:
            operations.stats.close()
    shell.shutdown()
    return code


def _operations(
    shell: KioskShell,
    config: Config,
    store: BundleStore,
    *,
    configured: Path,
    log_dir: Path,
    notes: list[str],
) -> Operations:
    """The unattended machinery: admin, live updates, statistics, watchdog."""
    from kiosk.ops.config import STATS_FILE  # noqa: PLC0415
    from kiosk.ops.pin import LOCKOUT_FILE, PinGate  # noqa: PLC0415
    from kiosk.ops.stats import StatsStore  # noqa: PLC0415
    from kiosk.ops.watcher import BundleWatcher  # noqa: PLC0415
    from kiosk.ui.runtime.operations import Operations  # noqa: PLC0415

    stats = StatsStore(
        shell.data_dir / STATS_FILE,  # the data folder in use: --data-dir, data_dir or default
        config.stats_retention_days,
        config.stats_max_mb,
        enabled=config.stats_enabled,
    )
    watcher = BundleWatcher(configured, store, parent=shell)
    operations = Operations(
        shell,
        PinGate(config.admin_pin_hash, state_path=shell.data_dir / LOCKOUT_FILE),
        store,
        stats,
        configured=configured,
        watcher=watcher,
        log_dir=log_dir,
        startup_notes=notes,
    )
    operations.admin.follow(shell.idle)  # the pad and admin screen close at the idle timeout
    return operations


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
