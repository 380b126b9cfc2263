"""The kiosk as a service manager runs it: a real process, started on good, missing and broken
bundles, stopped with SIGTERM; and `kiosk --set-pin`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk import __version__, paths
from kiosk.ops.config import load_config
from kiosk.ops.pin import verify_pin

pytestmark = pytest.mark.slow


class Kiosk:
    def __init__(self, tmp_path: Path, bundle: Path) -> None:
        self.data = tmp_path / "data"
        self.log = self.data / "logs" / "kiosk.log"
        env = {
            **os.environ,
            "KIOSK_DATA_DIR": str(self.data),
            "QT_QPA_PLATFORM": "offscreen",
            "QT_QUICK_BACKEND": "software",
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "--windowed",
                "--bundle",
                str(bundle),
                "--config",
                str(tmp_path / "kiosk.toml"),
            ],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def running(self) -> bool:
        # Logged once the window is up and the signal handlers are in place.
        return f"kiosk {__version__} showing" in self.log_text() and self.proc.poll() is None


@pytest.fixture
def start(tmp_path: Path, qtbot: Any) -> Iterator[Any]:
    started: list[Kiosk] = []

    def run(bundle: Path) -> Kiosk:
        kiosk = Kiosk(tmp_path, bundle)
        started.append(kiosk)
        qtbot.waitUntil(kiosk.running, timeout=30_000)
        return kiosk

    yield run
    for kiosk in started:
        if kiosk.proc.poll() is None:
            kiosk.proc.kill()
        kiosk.proc.communicate()


def test_sigterm_quits_cleanly(start: Any) -> None:
    """SIGTERM (systemd stopping the service) ends the kiosk with exit code 0."""
    kiosk = start(paths.default_bundle())
    kiosk.proc.send_signal(signal.SIGTERM)
    assert kiosk.proc.wait(timeout=30) == 0
    assert "quitting cleanly" in kiosk.log_text()


def test_sigint_quits_cleanly(start: Any) -> None:
    """SIGINT (Ctrl+C in a terminal) ends the kiosk with exit code 0, no traceback."""
    kiosk = start(paths.default_bundle())
    kiosk.proc.send_signal(signal.SIGINT)
    assert kiosk.proc.wait(timeout=30) == 0
    assert b"Traceback" not in kiosk.proc.communicate()[1]


def test_starts_on_a_missing_bundle(start: Any, tmp_path: Path) -> None:
    """A configured bundle that is not there: the kiosk starts anyway, on the default exhibit."""
    kiosk = start(tmp_path / "nowhere" / "exhibit.sqlite")
    assert "ships with the program" in kiosk.log_text()
    kiosk.proc.send_signal(signal.SIGTERM)
    assert kiosk.proc.wait(timeout=30) == 0


def test_starts_on_a_broken_bundle(start: Any, tmp_path: Path) -> None:
    """A configured bundle of random bytes is refused and logged; the kiosk still starts."""
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    kiosk = start(broken)
    assert "was refused" in kiosk.log_text()
    kiosk.proc.send_signal(signal.SIGTERM)
    assert kiosk.proc.wait(timeout=30) == 0


def _set_pin(tmp_path: Path, lines: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--set-pin", "--config", str(tmp_path / "kiosk.toml")],
        input=lines,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )


def test_set_pin_writes_only_a_salted_hash(tmp_path: Path) -> None:
    """`kiosk --set-pin` stores a scrypt hash that verifies, and never the PIN itself."""
    (tmp_path / "kiosk.toml").write_text("idle_timeout_s = 120\n", encoding="utf-8")
    result = _set_pin(tmp_path, "482916\n482916\n")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "kiosk.toml").read_text(encoding="utf-8")
    assert "482916" not in text
    config, messages = load_config(tmp_path / "kiosk.toml")
    assert messages == []
    assert config.idle_timeout_s == 120
    assert verify_pin("482916", config.admin_pin_hash)


@pytest.mark.parametrize(
    ("lines", "says"),
    [("1234\n4321\n", "differ"), ("12\n12\n", "4 to 12 digits"), ("", "no PIN was set")],
)
def test_set_pin_refuses_bad_input(tmp_path: Path, lines: str, says: str) -> None:
    """Two different PINs, a too-short PIN or no input: exit 2, a clear message, no file."""
    result = _set_pin(tmp_path, lines)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "kiosk.toml").exists()


def test_starts_on_a_fifo_without_hanging(start: Any, tmp_path: Path) -> None:
    """A FIFO as the configured bundle is refused from its type (never opened, which would
    block); the kiosk starts and the log says why."""
    fifo = tmp_path / "exhibit.sqlite"
    os.mkfifo(fifo)
    kiosk = start(fifo)
    assert f"{fifo}: is a named pipe" in kiosk.log_text()
    kiosk.proc.send_signal(signal.SIGTERM)
    assert kiosk.proc.wait(timeout=30) == 0


_STUCK_CHECK = """
import sys, threading
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from kiosk.ops.bundles import BundleStore, check_candidate
from kiosk.ops.pin import PinGate
from kiosk.ops.watcher import BundleWatcher
from kiosk.ui.runtime.lockdown import quit_on_signals
from kiosk.ui.runtime.operations import Operations
from kiosk.ui.runtime.shell import KioskShell, Timings

app = QGuiApplication([])
published, data = Path(sys.argv[1]), Path(sys.argv[2])
never = threading.Event()

def stuck(path):
    print("checking", flush=True)
    never.wait()  # a check that never ends (a huge bundle, a hung disk)
    return check_candidate(path)

store = BundleStore(data)
start, _ = store.startup_bundle(published)
shell = KioskShell(data, Timings(animate=False))
assert shell.open_bundle(start)
watcher = BundleWatcher(published, store, checker=stuck, debounce_ms=20, parent=shell)
ops = Operations(shell, PinGate(""), store, None, configured=published, watcher=watcher)
ops.start()
signals = quit_on_signals(app)
print("ready", flush=True)
code = app.exec()
signals.restore()
shell.shutdown()
print("stopped", flush=True)
sys.exit(code)
"""


def test_sigterm_during_a_stuck_check_quits_promptly(tmp_path: Path, qtbot: Any) -> None:
    """SIGTERM while a bundle check is stuck on the worker thread: the event loop is free to
    quit, shutdown waits for the check a bounded time only, and the exit code is 0 well
    within systemd's TimeoutStopSec (15 s)."""
    published = tmp_path / "published" / "exhibit.sqlite"
    published.parent.mkdir()
    shutil.copyfile(paths.default_bundle(), published)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _STUCK_CHECK, str(published), str(tmp_path / "data")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    reader.start()
    try:
        qtbot.waitUntil(lambda: "ready\n" in lines, timeout=60_000)
        staged = published.with_name("staged.sqlite")
        data = bytearray(published.read_bytes())
        data[-1] ^= 1  # other bytes, another checksum: a new candidate
        staged.write_bytes(bytes(data))
        staged.replace(published)
        qtbot.waitUntil(lambda: "checking\n" in lines, timeout=30_000)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=12) == 0
        reader.join(10)
        assert "stopped\n" in lines
        assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
