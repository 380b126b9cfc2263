"""Logs and fault handlers for a program nobody watches.

``setup_logging`` writes rotating log files to ``<data_dir>/logs/kiosk.log`` (1 MB x 5), and to
stderr when there is one (a frozen windowed build has ``sys.stderr = None``). It survives an
unwritable folder or a full disk: file logging is then off (or skips records), the reason is
logged to whatever still works, and nothing is raised. It also installs ``sys.excepthook`` and
``threading.excepthook`` (log, then call an optional callback, e.g. to send the UI back to the
attract loop) and enables ``faulthandler`` into ``logs/faults.log``.

Qt's message handler lives in the UI layer; it forwards to ``qt_message_to_logging``.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Final

LOG_FILE: Final = "kiosk.log"
FAULT_FILE: Final = "faults.log"
MAX_BYTES: Final = 1_000_000
BACKUP_COUNT: Final = 5
LOG_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_ERROR_LINE: Final = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (ERROR|CRITICAL) ")

logger = logging.getLogger(__name__)

ErrorCallback = Callable[[], None]


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that never raises and says once (on stderr) when writing fails.

    A full disk or a log file that cannot be rotated (Windows: another process has it open)
    must not disturb the kiosk; records are lost until writing works again.
    """

    failing = False  # the last record could not be written
    _this_failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self._this_failed = False
        super().emit(record)
        if not self._this_failed:
            self.failing = False

    def handleError(self, record: logging.LogRecord) -> None:
        self._this_failed = True
        if not self.failing and sys.stderr is not None:
            exc = sys.exc_info()[1]
            with contextlib.suppress(Exception):
                sys.stderr.write(f"kiosk: cannot write the log file {self.baseFilename}: {exc}\n")
        self.failing = True


class _State:
    """What ``setup_logging`` installed, so that it can be undone (tests, a second call)."""

    handlers: list[logging.Handler] = []  # noqa: RUF012 (module-level singleton state)
    fault_file: IO[str] | None = None
    fault_was_enabled = False
    log_file: Path | None = None
    previous_excepthook: Callable[..., object] | None = None
    previous_threading_hook: Callable[..., object] | None = None
    on_error: ErrorCallback | None = None


def _stderr_handler(formatter: logging.Formatter) -> logging.Handler | None:
    if sys.stderr is None:
        return None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    return handler


def _file_handler(
    log_dir: Path, formatter: logging.Formatter
) -> tuple[logging.Handler | None, str]:
    """The rotating file handler, or None and the reason it could not be made."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingFileHandler(
            log_dir / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        return None, f"cannot write logs to {log_dir} ({exc.strerror or exc}); file logging is off"
    handler.setFormatter(formatter)
    return handler, ""


def _rotate_if_large(path: Path, limit: int = MAX_BYTES) -> None:
    with contextlib.suppress(OSError):
        if path.stat().st_size > limit:
            path.replace(path.with_name(path.name + ".1"))


def _enable_faulthandler(log_dir: Path) -> str:
    """Point faulthandler at ``logs/faults.log`` (else stderr); returns a problem or ''."""
    path = log_dir / FAULT_FILE
    _State.fault_was_enabled = faulthandler.is_enabled()
    try:
        _rotate_if_large(path)
        fh = path.open("a", encoding="utf-8")
        fh.write(f"--- kiosk started, pid {os.getpid()}, {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        fh.flush()
        faulthandler.enable(fh, all_threads=True)
    except (OSError, ValueError, RuntimeError) as exc:
        if sys.stderr is not None:
            with contextlib.suppress(Exception):
                faulthandler.enable(all_threads=True)
        return f"cannot write {path} ({exc}); fatal faults go to stderr only"
    _State.fault_file = fh
    return ""


def _log_exception(
    what: str,
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
) -> None:
    logger.critical(
        "Unhandled exception in %s: %s: %s",
        what,
        exc_type.__name__,
        exc,
        exc_info=(exc_type, exc, tb) if exc is not None else None,
    )
    callback = _State.on_error
    if callback is not None:
        try:
            callback()
        except Exception:
            logger.exception("The error callback itself failed")


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    _log_exception("the main thread", exc_type, exc, tb)


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    if issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "a thread"
    _log_exception(f"thread {name}", args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthooks(on_error: ErrorCallback | None = None) -> None:
    """Log uncaught exceptions (main thread, other threads, Qt slots) and call ``on_error``.

    ``on_error`` runs on the thread that failed; a UI callback should only post to the UI
    thread (e.g. a queued signal or ``QTimer.singleShot(0, ...)``).
    """
    if _State.previous_excepthook is None:
        _State.previous_excepthook = sys.excepthook
        _State.previous_threading_hook = threading.excepthook
    _State.on_error = on_error
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook


def setup_logging(
    data_dir: Path,
    level: str | int = "INFO",
    on_error: ErrorCallback | None = None,
    *,
    production: bool = True,
) -> Path:
    """Configure logging for the kiosk; returns the log folder ``<data_dir>/logs``. Never raises.

    Calling it again replaces what the previous call installed. With ``production`` (the
    default) ``logging.raiseExceptions`` is turned off so a failing handler prints nothing.
    """
    teardown_logging()
    if production:
        logging.raiseExceptions = False
    log_dir = Path(data_dir) / "logs"
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = []
    stderr_handler = _stderr_handler(formatter)
    if stderr_handler is not None:
        handlers.append(stderr_handler)
    file_handler, file_problem = _file_handler(log_dir, formatter)
    if file_handler is not None:
        handlers.append(file_handler)
        _State.log_file = log_dir / LOG_FILE
    root = logging.getLogger()
    root.setLevel(_level_number(level))
    for handler in handlers:
        root.addHandler(handler)
    _State.handlers = handlers
    install_excepthooks(on_error)
    fault_problem = _enable_faulthandler(log_dir) if file_handler is not None else ""
    for problem in (file_problem, fault_problem):
        if problem:
            logger.error(problem)
    return log_dir


def _level_number(level: str | int) -> int:
    if isinstance(level, int):
        return level
    number = logging.getLevelName(level.strip().upper())
    return number if isinstance(number, int) else logging.INFO


def log_file() -> Path | None:
    """The log file being written, or None when file logging is off."""
    return _State.log_file


def teardown_logging() -> None:
    """Undo ``setup_logging``: remove its handlers, restore the hooks, close the fault file."""
    root = logging.getLogger()
    for handler in _State.handlers:
        root.removeHandler(handler)
        with contextlib.suppress(Exception):
            handler.close()
    _State.handlers = []
    _State.log_file = None
    if _State.previous_excepthook is not None:
        sys.excepthook = _State.previous_excepthook
        if _State.previous_threading_hook is not None:
            threading.excepthook = _State.previous_threading_hook
        _State.previous_excepthook = None
        _State.previous_threading_hook = None
    _State.on_error = None
    if _State.fault_file is not None:
        with contextlib.suppress(Exception):
            faulthandler.disable()
            _State.fault_file.close()
        _State.fault_file = None
        if _State.fault_was_enabled and sys.__stderr__ is not None:
            with contextlib.suppress(Exception):
                faulthandler.enable(sys.__stderr__, all_threads=True)


def _log_files_oldest_first(log_dir: Path) -> list[Path]:
    rotated = [log_dir / f"{LOG_FILE}.{i}" for i in range(BACKUP_COUNT, 0, -1)]
    return [p for p in [*rotated, log_dir / LOG_FILE] if p.is_file()]


def recent_errors(log_dir: Path, limit: int = 20) -> list[str]:
    """The last ``limit`` ERROR and CRITICAL lines of the logs, oldest first, for the admin screen.

    Reads the current log and, when it has too few, the rotated ones. Never raises: an
    unreadable log gives what could be read.
    """
    found: list[str] = []
    for path in reversed(_log_files_oldest_first(Path(log_dir))):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines = [ln.rstrip() for ln in text.splitlines() if _ERROR_LINE.match(ln)]
        found = lines + found
        if len(found) >= limit:
            break
    return found[-limit:] if limit > 0 else []


_QT_LEVELS: Final = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "critical": logging.ERROR,
    "fatal": logging.CRITICAL,
    "system": logging.ERROR,  # QtSystemMsg is an alias of QtCriticalMsg
}


def _qt_level(level_name: str) -> int:
    name = level_name.lower().rsplit(".", 1)[-1]
    name = name.removeprefix("qt").removesuffix("msg")
    return _QT_LEVELS.get(name, logging.WARNING)


def qt_message_to_logging(
    level_name: str, message: str, file: str | None = None, line: int = 0
) -> None:
    """Log one Qt message on the ``qt`` logger.

    ``level_name`` is Qt's message type in any spelling: ``"warning"``, ``"QtWarningMsg"`` or
    ``str(QtMsgType.QtWarningMsg)``. Qt's "critical" is logged as ERROR and "fatal" as CRITICAL.
    ``file`` and ``line`` (a QML location, when Qt gives one) are appended.
    """
    where = f" ({file}:{line})" if file else ""
    logging.getLogger("qt").log(_qt_level(level_name), "%s%s", message, where)
