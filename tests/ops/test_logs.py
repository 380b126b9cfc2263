"""Logs and fault handlers: files that rotate, hooks that log, survival of a broken disk."""

from __future__ import annotations

import errno
import io
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.ops import logs
from kiosk.ops.logs import qt_message_to_logging, recent_errors, setup_logging, teardown_logging


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, raise_exceptions = root.level, logging.raiseExceptions
    yield
    teardown_logging()
    root.setLevel(level)
    logging.raiseExceptions = raise_exceptions


def read_log(log_dir: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (log_dir / "kiosk.log").read_text(encoding="utf-8")


def test_log_file_is_written(tmp_path: Path) -> None:
    """A record lands in <data_dir>/logs/kiosk.log."""
    log_dir = setup_logging(tmp_path, "INFO")
    logging.getLogger("kiosk.test").info("hello from the test")
    assert log_dir == tmp_path / "logs"
    assert "INFO kiosk.test: hello from the test" in read_log(log_dir)
    assert logs.log_file() == log_dir / "kiosk.log"


def test_level_filters(tmp_path: Path) -> None:
    """Below the configured level nothing is written."""
    log_dir = setup_logging(tmp_path, "WARNING")
    logging.getLogger("kiosk.test").info("quiet")
    logging.getLogger("kiosk.test").warning("loud")
    text = read_log(log_dir)
    assert "loud" in text and "quiet" not in text


def test_log_file_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full log file is rotated to kiosk.log.1."""
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    log_dir = setup_logging(tmp_path, "INFO")
    for i in range(100):
        logging.getLogger("kiosk.test").info("line %d %s", i, "x" * 40)
    assert (log_dir / "kiosk.log.1").is_file()


def test_unwritable_folder_is_survived(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A data folder that cannot hold logs gives a message on stderr, not an exception."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    setup_logging(blocker, "INFO")
    logging.getLogger("kiosk.test").error("still logged")
    err = capsys.readouterr().err
    assert "cannot write logs" in err and "still logged" in err
    assert logs.log_file() is None


def test_no_stderr_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A windowed frozen build (sys.stderr is None) still logs to the file."""
    monkeypatch.setattr(sys, "stderr", None)
    log_dir = setup_logging(tmp_path, "INFO")
    logging.getLogger("kiosk.test").warning("no console here")
    assert "no console here" in read_log(log_dir)


class _FullDisk(io.StringIO):
    def write(self, _s: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_is_survived(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A write failure drops the record, says so once on stderr, and raises nothing."""
    setup_logging(tmp_path, "INFO")
    handler = next(
        h for h in logging.getLogger().handlers if isinstance(h, logs._QuietRotatingFileHandler)
    )
    handler.stream.close()
    handler.stream = _FullDisk()
    for _ in range(3):
        logging.getLogger("kiosk.test").warning("lost")
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 1
    assert "No space left" in err


def test_excepthook_logs_and_calls_back(tmp_path: Path) -> None:
    """An uncaught exception is logged as CRITICAL and the callback runs."""
    calls: list[str] = []
    log_dir = setup_logging(tmp_path, "INFO", on_error=lambda: calls.append("attract"))
    try:
        raise ValueError("boom in a slot")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert calls == ["attract"]
    text = read_log(log_dir)
    assert "CRITICAL" in text and "ValueError: boom in a slot" in text
    assert "Traceback" in text


def test_thread_exception_is_logged(tmp_path: Path) -> None:
    """An exception in another thread is logged with the thread's name."""
    calls: list[str] = []
    log_dir = setup_logging(tmp_path, "INFO", on_error=lambda: calls.append("attract"))

    def fail() -> None:
        raise RuntimeError("worker broke")

    worker = threading.Thread(target=fail, name="image-loader")
    worker.start()
    worker.join()
    assert calls == ["attract"]
    assert "thread image-loader: RuntimeError: worker broke" in read_log(log_dir)


def test_failing_callback_is_contained(tmp_path: Path) -> None:
    """A callback that fails is logged, and the hook itself does not raise."""

    def bad_callback() -> None:
        raise KeyError("ui gone")

    log_dir = setup_logging(tmp_path, "INFO", on_error=bad_callback)
    sys.excepthook(ValueError, ValueError("first"), None)
    assert "The error callback itself failed" in read_log(log_dir)


def test_teardown_restores_hooks(tmp_path: Path) -> None:
    """Undoing the setup puts the previous hooks back."""
    before = sys.excepthook, threading.excepthook
    setup_logging(tmp_path, "INFO")
    assert sys.excepthook is not before[0]
    teardown_logging()
    assert (sys.excepthook, threading.excepthook) == before


def test_faulthandler_file_is_opened(tmp_path: Path) -> None:
    """Fatal faults go to logs/faults.log, which notes each start."""
    log_dir = setup_logging(tmp_path, "INFO")
    assert "kiosk started" in (log_dir / "faults.log").read_text(encoding="utf-8")


def test_recent_errors_reads_errors_only(tmp_path: Path) -> None:
    """The admin screen gets the ERROR and CRITICAL lines, oldest first, across rotation."""
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / "kiosk.log.1").write_text(
        "2026-01-01 10:00:00,000 ERROR kiosk.x: old error\n"
        "2026-01-01 10:00:01,000 INFO kiosk.x: fine\n",
        encoding="utf-8",
    )
    (log_dir / "kiosk.log").write_text(
        "2026-01-02 10:00:00,000 CRITICAL kiosk.x: new crash\n"
        "Traceback (most recent call last):\n"
        "ERROR not a log line\n"
        "2026-01-02 10:00:01,000 WARNING kiosk.x: careful\n"
        "2026-01-02 10:00:02,000 ERROR kiosk.x: newest error\n",
        encoding="utf-8",
    )
    assert [ln[24:] for ln in recent_errors(log_dir)] == [
        "ERROR kiosk.x: old error",
        "CRITICAL kiosk.x: new crash",
        "ERROR kiosk.x: newest error",
    ]
    assert [ln[24:] for ln in recent_errors(log_dir, limit=1)] == ["ERROR kiosk.x: newest error"]


def test_recent_errors_of_missing_folder(tmp_path: Path) -> None:
    """No logs yet means no errors, not an exception."""
    assert recent_errors(tmp_path / "nothing") == []


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("QtWarningMsg", logging.WARNING),
        ("QtMsgType.QtCriticalMsg", logging.ERROR),
        ("fatal", logging.CRITICAL),
        ("debug", logging.DEBUG),
        ("something odd", logging.WARNING),
    ],
)
def test_qt_messages_map_to_levels(name: str, level: int, caplog: pytest.LogCaptureFixture) -> None:
    """Qt's message types become logging levels on the 'qt' logger."""
    caplog.set_level(logging.DEBUG, logger="qt")
    qt_message_to_logging(name, "Binding loop detected", "qrc:/Home.qml", 42)
    record = caplog.records[-1]
    assert record.name == "qt" and record.levelno == level
    assert record.getMessage() == "Binding loop detected (qrc:/Home.qml:42)"
