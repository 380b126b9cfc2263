"""The kiosk as a process, from the first line of `main`: SIGTERM and SIGINT at every start-up
stage end it cleanly with exit 0, and hostile configuration and data files never stop it.

Deterministic, without sleeps: with KIOSK_TEST_STAGE_HOOK=NAME the kiosk prints
"kiosk-stage NAME" on stderr at each stage and, at the stage named, waits for a line on stdin.
The test signals it there, then sends the line.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk import paths
from kiosk.cli.kiosk import STAGE_HOOK_ENV

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="POSIX signals"),
]

# Every stage of a normal start, in order (kiosk.cli.stopping.checkpoint).
STAGES = ["start", "config", "imports", "qt", "fonts", "shell", "bundle", "window"]
STOP_TIMEOUT_S = 15  # the unit's TimeoutStopSec


class Kiosk:
    """`python -m kiosk` paused at one stage."""

    def __init__(self, tmp_path: Path, stage: str, *args: str) -> None:
        self.data = tmp_path / "data"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("KIOSK_DATA_DIR", "NOTIFY_SOCKET", "WATCHDOG_USEC")
        }
        env.update(
            {
                STAGE_HOOK_ENV: stage,
                "QT_QPA_PLATFORM": "offscreen",
                "QT_QUICK_BACKEND": "software",
                # The per-user folders: nothing may land there when --data-dir is given.
                "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
                "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
            }
        )
        command = [sys.executable, "-m", "kiosk", "--config", str(tmp_path / "kiosk.toml")]
        self.proc = subprocess.Popen(
            [*command, "--data-dir", str(self.data), *args],
            env=env,
            cwd=tmp_path,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.stage = stage
        self.said: list[str] = []

    def wait_for_stage(self) -> None:
        """Read stderr until the kiosk says it is at (and waits in) ``self.stage``."""
        assert self.proc.stderr is not None
        marker = f"kiosk-stage {self.stage}"
        while True:
            line = self.proc.stderr.readline().decode("utf-8", "replace")
            assert line, f"the kiosk ended before {self.stage!r}: {''.join(self.said)}"
            self.said.append(line)
            if line.strip() == marker:
                return

    def go_on(self) -> None:
        """Let the paused kiosk continue."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"\n")
        self.proc.stdin.flush()

    def finish(self) -> tuple[int, str, str]:
        """Exit code, stdout and all of stderr, within the unit's stop timeout."""
        out, err = self.proc.communicate(timeout=STOP_TIMEOUT_S)
        return self.proc.returncode, out.decode(), "".join(self.said) + err.decode()


@pytest.fixture
def kiosks(tmp_path: Path) -> Iterator[list[Kiosk]]:
    started: list[Kiosk] = []
    yield started
    for kiosk in started:
        if kiosk.proc.poll() is None:
            kiosk.proc.kill()
            kiosk.proc.communicate()


def start(kiosks: list[Kiosk], tmp_path: Path, stage: str, *args: str) -> Kiosk:
    kiosk = Kiosk(tmp_path, stage, "--windowed", "--bundle", str(paths.default_bundle()), *args)
    kiosks.append(kiosk)
    kiosk.wait_for_stage()
    return kiosk


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
@pytest.mark.parametrize("stage", STAGES)
def test_a_signal_at_any_start_up_stage_exits_cleanly(
    kiosks: list[Kiosk], tmp_path: Path, stage: str, signum: signal.Signals
) -> None:
    """SIGTERM or SIGINT while the kiosk starts: exit 0, no fatal error, no traceback, and
    before the window a stop at once (the stages after it never run)."""
    kiosk = start(kiosks, tmp_path, stage)
    kiosk.proc.send_signal(signum)
    kiosk.go_on()
    code, _out, err = kiosk.finish()
    assert code == 0, err
    assert "Fatal Python error" not in err
    assert "Traceback" not in err
    later = STAGES[STAGES.index(stage) + 1 :]
    assert not any(f"kiosk-stage {name}\n" in err for name in later), err
    if stage != "window":
        assert f"{signum.name} while starting ({stage}); stopping" in err
    else:  # handed over to the event loop, which ends as soon as it runs
        log = (kiosk.data / "logs" / "kiosk.log").read_text(encoding="utf-8")
        assert f"received {signum.name}: quitting cleanly" in log


def test_data_dir_holds_the_statistics(kiosks: list[Kiosk], tmp_path: Path, qtbot: Any) -> None:
    """`--data-dir` is where the statistics go, not the per-user data folder (issue 14). The
    statistics start just after the first frame (issue 19), not on the way to it."""
    kiosk = start(kiosks, tmp_path, "window")
    assert not (kiosk.data / "stats.sqlite").exists()
    kiosk.go_on()
    qtbot.waitUntil((kiosk.data / "stats.sqlite").is_file, timeout=30_000)
    assert not list((tmp_path / "xdg-data").rglob("stats.sqlite"))
    kiosk.proc.send_signal(signal.SIGTERM)
    assert kiosk.finish()[0] == 0


HOSTILE_CONFIGS = {
    "nested-500": "a = " + "[" * 500 + "]" * 500 + "\n",
    "nul-in-bundle": 'bundle = "exhibit\\u0000.sqlite"\n',
    "nul-in-data-dir": 'data_dir = "data\\u0000"\n',
}


@pytest.mark.parametrize("config", HOSTILE_CONFIGS.values(), ids=HOSTILE_CONFIGS.keys())
def test_hostile_files_never_stop_the_start(
    kiosks: list[Kiosk], tmp_path: Path, config: str
) -> None:
    """A hostile kiosk.toml and a candles.json of 100,000 brackets: the kiosk reaches its
    window on the defaults, and the log names each file and what is wrong with it."""
    (tmp_path / "kiosk.toml").write_text(config, encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "candles.json").write_text("[" * 100_000, encoding="utf-8")
    kiosk = Kiosk(tmp_path, "window", "--windowed")
    kiosks.append(kiosk)
    kiosk.wait_for_stage()
    log = (kiosk.data / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"configuration: {tmp_path / 'kiosk.toml'}" in log
    assert "candles.json was damaged (it is 100,000 bytes" in log
    kiosk.proc.send_signal(signal.SIGTERM)
    kiosk.go_on()
    code, _out, err = kiosk.finish()
    assert code == 0, err
    assert "Traceback" not in err


def test_self_test_survives_a_deeply_nested_configuration(tmp_path: Path) -> None:
    """`--self-test` with a TOML nested 500 levels deep reports on the defaults (no
    RecursionError), and the report still passes."""
    (tmp_path / "kiosk.toml").write_text(HOSTILE_CONFIGS["nested-500"], encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    config, data = str(tmp_path / "kiosk.toml"), str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--self-test", "--config", config, "--data-dir", data],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ok"] is True


def test_a_signal_during_the_self_test_exits_cleanly(kiosks: list[Kiosk], tmp_path: Path) -> None:
    """SIGTERM while `--self-test` runs: exit 0, nothing half printed."""
    kiosk = Kiosk(tmp_path, "config", "--self-test")
    kiosks.append(kiosk)
    kiosk.wait_for_stage()
    kiosk.proc.send_signal(signal.SIGTERM)
    kiosk.go_on()
    code, out, err = kiosk.finish()
    assert code == 0, err
    assert out == ""
    assert "Fatal Python error" not in err and "Traceback" not in err


def test_a_signal_while_asking_for_a_pin_ends_it(tmp_path: Path) -> None:
    """`kiosk --set-pin` waiting for the PIN: SIGTERM ends it at once with exit 0 and no PIN."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--set-pin", "--config", str(tmp_path / "kiosk.toml")],
        env={**os.environ, STAGE_HOOK_ENV: "pin"},
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline().strip() == b"kiosk-stage pin"
        proc.send_signal(signal.SIGTERM)  # stdin stays open: only the signal can end the wait
        _out, err = proc.communicate(timeout=STOP_TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert b"no PIN was set" in err
    assert not (tmp_path / "kiosk.toml").exists()
