"""The ``kiosk`` command line: flags, exit codes, screenshots and the self-test."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import __version__, paths
from kiosk.cli.kiosk import EXIT_USAGE, main, parse_size

EXPECTED_SHOTS = [
    "01-attract.png",
    "02-home.png",
    "03-history.png",
    "04-history-advisory.png",
    "05-timeline.png",
    "06-timeline-event.png",
    "07-numbers.png",
    "08-memorial.png",
    "09-minute-of-silence.png",
    "10-idle-prompt.png",
    "11-high-contrast.png",
    "12-large-text.png",
]


def _run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KIOSK_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "QT_QUICK_BACKEND": "software",
    }
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


@pytest.mark.parametrize(
    ("text", "size"),
    [("1920x1080", (1920, 1080)), ("1080X1920", (1080, 1920)), (" 3840 x 2160 ", (3840, 2160))],
)
def test_parse_size(text: str, size: tuple[int, int]) -> None:
    """WIDTHxHEIGHT, forgiving about case and spaces."""
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "1920", "1920x", "axb", "10x10", "99999x1080", "-1x5"])
def test_parse_size_rejects_nonsense(text: str) -> None:
    """A bad size says how to write a good one."""
    with pytest.raises(ValueError, match=r"WIDTHxHEIGHT|between"):
        parse_size(text)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version and exits 0."""
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_unknown_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown flag exits 2 with argparse's message."""
    assert main(["--no-such-flag"]) == EXIT_USAGE
    assert "unrecognized arguments" in capsys.readouterr().err


def test_bad_bundle_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Screenshots of a bundle that cannot be read: a clear message naming it, exit 2.

    (The running kiosk instead starts on its last good copy: tests/test_unattended.py.)
    """
    missing = tmp_path / "nowhere.sqlite"
    assert main(["--bundle", str(missing), "--screenshots", str(tmp_path / "shots")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert str(missing) in err and "no such file" in err
    assert "Traceback" not in err


def test_bad_size_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--screenshots with a malformed --size exits 2 before opening anything."""
    assert main(["--screenshots", str(tmp_path), "--size", "big"]) == EXIT_USAGE
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_screenshots_bad_bundle_exits_2(tmp_path: Path) -> None:
    """--screenshots on a file that is not a bundle exits 2 with the reason."""
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"junk" * 100)
    assert main(["--screenshots", str(tmp_path / "shots"), "--bundle", str(junk)]) == EXIT_USAGE


@pytest.mark.slow
def test_screenshots_writes_one_png_per_screen(tmp_path: Path) -> None:
    """kiosk --screenshots DIR --size WxH writes the twelve named PNGs and exits 0."""
    if not paths.default_bundle().exists():
        pytest.skip("the default exhibit has not been built")
    shots = tmp_path / "shots"
    result = _run("--screenshots", str(shots), "--size", "1280x800", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.name for p in shots.iterdir()) == EXPECTED_SHOTS
    from PySide6.QtGui import QImage

    image = QImage(str(shots / "02-home.png"))
    assert (image.width(), image.height()) == (1280, 800)
    assert "Warning" not in result.stderr and "WARNING" not in result.stderr


@pytest.mark.slow
def test_self_test_passes_on_the_default_exhibit(tmp_path: Path) -> None:
    """kiosk --self-test prints a JSON report; every check passes on the shipped exhibit."""
    if not paths.default_bundle().exists():
        pytest.skip("the default exhibit has not been built")
    result = _run("--self-test", data=tmp_path / "data")
    report = json.loads(result.stdout)
    failed = [c for c in report["checks"] if not c["ok"]]
    assert result.returncode == 0, failed
    assert report["ok"] is True
    names = {c["name"] for c in report["checks"]}
    assert {"bundle readable", "bundle valid", "fonts loaded", "sqlite fts5"} <= names
    assert {"font Noto Serif", "font Noto Sans", "screen 05-timeline"} <= names
    assert not (tmp_path / "data" / "candles.json").exists()


@pytest.mark.slow
def test_self_test_fails_on_a_broken_bundle(tmp_path: Path) -> None:
    """A broken bundle: the report says so, and the exit code is not 0."""
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = _run("--self-test", "--bundle", str(junk), data=tmp_path / "data")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["ok"] is False
    assert report["checks"][0]["name"] == "bundle readable"
    assert not report["checks"][0]["ok"]
    assert str(junk) in report["checks"][0]["detail"]


# -- damaged bundles at the technician's doors (issue 14) ---------------------------------------
def _damage(kind: str, target: Path) -> Path:
    if kind == "folder":
        target.mkdir()
    elif kind == "symlink-loop":
        target.symlink_to(target.name)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "truncated":
        target.write_bytes(paths.default_bundle().read_bytes()[:100])
    else:  # random bytes behind an SQLite header
        target.write_bytes(b"SQLite format 3\x00" + random.Random(3).randbytes(8192))
    return target


DAMAGED = {
    "folder": "is a folder",
    "symlink-loop": "loops",
    "fifo": "named pipe",
    "empty": "empty",
    "truncated": "",
    "random": "",
}


@pytest.mark.timeout(120)  # opening a FIFO would block for ever
@pytest.mark.parametrize(("kind", "words"), sorted(DAMAGED.items()))
def test_screenshots_of_a_damaged_bundle_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, words: str
) -> None:
    """--screenshots on a damaged bundle: exit 2 (as the README says) and one line naming the
    file and the problem; no traceback, nothing written."""
    bad = _damage(kind, tmp_path / "exhibit.sqlite")
    shots = tmp_path / "shots"
    assert main(["--bundle", str(bad), "--screenshots", str(shots)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and words in err
    assert "Traceback" not in err
    assert not shots.exists()


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("kind", "words"), sorted(DAMAGED.items()))
def test_self_test_bundle_checks_on_a_damaged_bundle(tmp_path: Path, kind: str, words: str) -> None:
    """The self-test's bundle checks fail with the file and the problem; they never raise."""
    from kiosk.ui.tools.selftest import check_bundle

    bad = _damage(kind, tmp_path / "exhibit.sqlite")
    checks = check_bundle(bad)
    assert checks[0]["name"] == "bundle readable" and not checks[0]["ok"]
    assert str(bad) in checks[0]["detail"] and words in checks[0]["detail"]


def test_self_test_survives_an_unexpected_error_from_the_content_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A UnicodeDecodeError from the reader (a bit flip) is a failed check with its message."""
    from kiosk.ui.tools import selftest

    def broken(_path: object) -> None:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(selftest, "check_readable", broken)
    checks = selftest.check_bundle(paths.default_bundle())
    assert not checks[0]["ok"] and "UnicodeDecodeError" in checks[0]["detail"]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_self_test_on_a_fifo_exits_1_with_the_reason(tmp_path: Path) -> None:
    """--self-test on a FIFO: it does not hang; exit 1, the JSON report says why, one line on
    stderr names the file and the problem; the screens are not loaded."""
    fifo = _damage("fifo", tmp_path / "exhibit.sqlite")
    result = _run("--self-test", "--bundle", str(fifo), data=tmp_path / "data")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert "named pipe" in report["checks"][0]["detail"]
    assert {"name": "screens", "ok": False}.items() <= report["checks"][-1].items()
    assert "Traceback" not in result.stderr
    assert f"{fifo}: is a named pipe" in result.stderr


@pytest.mark.slow
def test_screenshots_of_a_bundle_damaged_inside_exit_2(tmp_path: Path) -> None:
    """A bundle whose header reads but whose pages are damaged: exit 2, no traceback."""
    data = bytearray(paths.default_bundle().read_bytes())
    for offset in range(4096 * 2, len(data), 4096):
        data[offset : offset + 64] = b"\xff" * 64
    bad = tmp_path / "exhibit.sqlite"
    bad.write_bytes(bytes(data))
    result = _run("--screenshots", str(tmp_path / "shots"), "--bundle", str(bad), data=tmp_path)
    assert result.returncode == EXIT_USAGE, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and str(bad) in result.stderr
