"""The kiosk fills the screen it is on, and says so when there is no screen at all.

Fast tests: ``kiosk.ui.runtime.screenfit`` with stand-in windows and screens (no display
needed), and a real window on the offscreen platform. Slow tests: the real kiosk (not
``--screenshots``) fullscreen under Xvfb with no window manager, at 1280x800 and 1080x1920,
its screen grabbed and checked; and ``kiosk`` with no screen at all. The frozen kiosk under
cage is in tests/test_frozen.py; it uses ``Frame`` and ``check_fills`` from here.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QRect, QSize, Signal

from kiosk import paths
from kiosk.ui.runtime.screenfit import ScreenFit, display_problem, show_windowed, windowed_size

# Theme.background (normal palette): what the attract loop shows everywhere but its content.
BACKGROUND = (0x13, 0x11, 0x0F)
# Every wait has this deadline; the waits end as soon as their condition holds.
DEADLINE_S = 60.0


# -- windowed_size and display_problem (no Qt window) ------------------------------------------
@pytest.mark.parametrize(
    ("available", "expected"),
    [
        ((2560, 1400), (1920, 1080)),  # room enough: the design size
        ((1920, 1080), (1920, 1080)),
        ((1280, 760), (1280, 720)),  # a small laptop: the largest 16:9 that fits
        ((1080, 1880), (1080, 607)),  # a portrait desktop
        ((0, 0), (1920, 1080)),  # no screen to ask
    ],
)
def test_windowed_size(available: tuple[int, int], expected: tuple[int, int]) -> None:
    """--windowed: 1920x1080 when the screen's free area holds it, else the largest 16:9."""
    size = windowed_size(QSize(*available))
    assert (size.width(), size.height()) == expected


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({}, "neither DISPLAY, WAYLAND_DISPLAY nor QT_QPA_PLATFORM"),
        ({"DISPLAY": ":0"}, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"WAYLAND_SOCKET": "3"}, None),
        ({"QT_QPA_PLATFORM": "offscreen"}, None),
        ({"QT_QPA_PLATFORM": "wayland"}, None),
        ({"QT_QPA_PLATFORM": "eglfs"}, None),
        ({"QT_QPA_PLATFORM": "xcb"}, "QT_QPA_PLATFORM=xcb but DISPLAY is not set"),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, None),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, None),
        ({"DISPLAY": ""}, "neither DISPLAY"),
    ],
)
def test_display_problem(environ: dict[str, str], problem: str | None) -> None:
    """No X, no Wayland and no platform chosen (or xcb without X): say so, and what to do."""
    found = display_problem(environ, "linux")
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found
        for advice in ("cage", "--screenshots", "QT_QPA_PLATFORM=offscreen"):
            assert advice in found
        assert "\n" not in found


def test_windows_and_macos_always_have_a_screen() -> None:
    assert display_problem({}, "win32") is None
    assert display_problem({}, "darwin") is None


# -- ScreenFit with stand-ins: every change a real screen can make ------------------------------
class FakeScreen(QObject):
    """A QScreen as ScreenFit sees it: a name, a geometry and its change signal."""

    geometryChanged = Signal(QRect)

    def __init__(self, name: str, rect: QRect) -> None:
        super().__init__()
        self._name, self._rect = name, rect

    def name(self) -> str:
        return self._name

    def geometry(self) -> QRect:
        return QRect(self._rect)

    def devicePixelRatio(self) -> float:
        return 1.0

    def change(self, rect: QRect) -> None:
        self._rect = rect
        self.geometryChanged.emit(rect)


class FakeWindow(QObject):
    """A QWindow as ScreenFit sees it, on a bare X server: it goes where it is put."""

    screenChanged = Signal(QObject)

    def __init__(self, screen: FakeScreen) -> None:
        super().__init__()
        self._screen = screen
        self._geometry = QRect(0, 0, 1920, 1080)
        self.fullscreen = False

    def screen(self) -> FakeScreen:
        return self._screen

    def geometry(self) -> QRect:
        return QRect(self._geometry)

    def setGeometry(self, rect: QRect) -> None:
        self._geometry = QRect(rect)

    def showFullScreen(self) -> None:
        self.fullscreen = True  # and, like X without a window manager, nothing else

    def move_to(self, screen: FakeScreen) -> None:
        self._screen = screen
        self.screenChanged.emit(screen)


def test_fit_takes_the_screens_size_before_showing(qapp: Any) -> None:
    """A 1920x1080 window on a 1280x800 screen is fitted to it, then shown fullscreen."""
    screen = FakeScreen("HDMI-1", QRect(0, 0, 1280, 800))
    window = FakeWindow(screen)
    ScreenFit(window).show()  # type: ignore[arg-type]
    assert window.fullscreen
    assert window.geometry() == QRect(0, 0, 1280, 800)


def test_fit_follows_resolution_and_rotation(qapp: Any) -> None:
    """Another resolution, then a rotation to portrait: the window follows each."""
    screen = FakeScreen("HDMI-1", QRect(0, 0, 1280, 800))
    window = FakeWindow(screen)
    ScreenFit(window).show()  # type: ignore[arg-type]
    screen.change(QRect(0, 0, 3840, 2160))
    assert window.geometry() == QRect(0, 0, 3840, 2160)
    screen.change(QRect(0, 0, 2160, 3840))
    assert window.geometry() == QRect(0, 0, 2160, 3840)


def test_fit_follows_the_window_to_another_screen(qapp: Any) -> None:
    """Moved to another screen (the first unplugged, or one plugged in after a start on Qt's
    placeholder), the window takes that screen's place and size, and forgets the old one."""
    first = FakeScreen("placeholder", QRect(0, 0, 640, 480))
    second = FakeScreen("DP-1", QRect(1280, 0, 1080, 1920))
    window = FakeWindow(first)
    ScreenFit(window).show()  # type: ignore[arg-type]
    window.move_to(second)
    assert window.geometry() == QRect(1280, 0, 1080, 1920)
    first.change(QRect(0, 0, 800, 600))  # no longer its screen: ignored
    assert window.geometry() == QRect(1280, 0, 1080, 1920)
    second.change(QRect(1280, 0, 1920, 1080))
    assert window.geometry() == QRect(1280, 0, 1920, 1080)


def test_fit_ignores_a_screen_without_geometry(qapp: Any) -> None:
    """A screen going away may report an empty geometry for a moment: the window keeps its."""
    screen = FakeScreen("HDMI-1", QRect(0, 0, 1280, 800))
    window = FakeWindow(screen)
    ScreenFit(window).show()  # type: ignore[arg-type]
    screen.change(QRect())
    assert window.geometry() == QRect(0, 0, 1280, 800)


# -- a real window on the offscreen platform ----------------------------------------------------
def test_fit_a_real_window(qapp: Any) -> None:
    """A real QQuickWindow is fitted to its real screen, and again on the screen's signal."""
    from PySide6.QtQuick import QQuickWindow

    window = QQuickWindow()
    try:
        window.resize(320, 240)
        fit = ScreenFit(window)
        screen = window.screen()
        fit.show()
        assert window.geometry() == screen.geometry()
        window.setGeometry(QRect(10, 10, 320, 240))
        screen.geometryChanged.emit(screen.geometry())
        assert window.geometry() == screen.geometry()
    finally:
        window.close()
        window.deleteLater()


def test_windowed_fits_a_small_screen(qapp: Any) -> None:
    """--windowed on the offscreen platform's small screen: the largest 16:9 that fits."""
    from PySide6.QtQuick import QQuickWindow

    window = QQuickWindow()
    try:
        show_windowed(window)
        expected = windowed_size(window.screen().availableGeometry().size())
        assert window.size() == expected
        assert window.isVisible()
    finally:
        window.close()
        window.deleteLater()


def test_the_kiosk_window_starts_at_its_screens_size(qapp: Any, tmp_path: Path) -> None:
    """Main.qml has no size of its own: the window is created at the screen's size."""
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.runtime.shell import KioskShell, Timings

    shell = KioskShell(tmp_path / "data", Timings(animate=False))
    try:
        assert shell.open_bundle(paths.default_bundle())
        window = shell.load()
        assert window is not None
        screen = QGuiApplication.primaryScreen().geometry()
        assert (window.width(), window.height()) == (screen.width(), screen.height())
    finally:
        shell.shutdown()


# -- a grabbed screen, read and judged (also used by tests/test_frozen.py) ----------------------
@dataclass(frozen=True)
class Frame:
    """A screen grab as 8-bit RGB, from a binary PPM (P6) file."""

    width: int
    height: int
    rgb: bytes

    @classmethod
    def from_ppm(cls, data: bytes) -> Frame:
        # P6 <ws> width <ws> height <ws> maxval <one ws> pixels; no comments from grim/import
        match = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        assert match is not None, f"not a binary PPM: {data[:20]!r}"
        width, height, maxval = (int(g) for g in match.groups())
        assert maxval == 255, f"PPM with maxval {maxval}"
        pixels = data[match.end() : match.end() + width * height * 3]
        assert len(pixels) == width * height * 3, "truncated PPM"
        return cls(width, height, pixels)

    def row(self, y: int) -> bytes:
        return self.rgb[y * self.width * 3 : (y + 1) * self.width * 3]

    def content_box(self, background: tuple[int, int, int] = BACKGROUND) -> QRect:
        """The smallest rectangle holding every pixel that is not ``background`` (empty if
        there is none)."""
        empty = bytes(background) * self.width
        left, right, top, bottom = self.width, -1, -1, -1
        for y in range(self.height):
            row = self.row(y)
            if row == empty:
                continue
            if top < 0:
                top = y
            bottom = y
            left = min(left, _same_prefix(row, empty) // 3)
            right = max(right, self.width - 1 - _same_prefix(row[::-1], empty[::-1]) // 3)
        if top < 0:
            return QRect()
        return QRect(left, top, right - left + 1, bottom - top + 1)


def _same_prefix(a: bytes, b: bytes) -> int:
    """How many leading bytes ``a`` and ``b`` share (a bisection of C-speed comparisons)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def check_fills(frame: Frame, log_text: str) -> None:
    """The attract loop fills this screen, laid out for its size: the kiosk's window has the
    screen's geometry (its log says so), the background reaches every edge, nothing runs off
    them, the content is centred and reaches down to "Touch to begin" near the bottom edge.

    A 1920x1080 layout cropped to a smaller screen runs off its right and bottom edges and is
    centred at x=960; on a portrait screen it leaves the lower part of the screen uncovered."""
    size = f"{frame.width}x{frame.height}+0+0"
    fitted = re.findall(r"window fitted to screen .*?: (\d+x\d+\+\d+\+\d+)", log_text)
    assert fitted, "the kiosk did not log its window's geometry"
    assert fitted[-1] == size, f"window {fitted[-1]} on a screen of {size}"
    corners = [(0, 0), (frame.width - 1, 0), (0, frame.height - 1)]
    corners.append((frame.width - 1, frame.height - 1))
    for x, y in corners:
        i = (y * frame.width + x) * 3
        assert tuple(frame.rgb[i : i + 3]) == BACKGROUND, f"corner {x},{y} is not the background"
    box = frame.content_box()
    assert not box.isEmpty(), "nothing drawn"
    margin = 4
    assert box.left() >= margin and box.top() >= margin, f"content at the edge: {box}"
    assert box.right() < frame.width - margin, f"content runs off the right edge: {box}"
    assert box.bottom() < frame.height - margin, f"content runs off the bottom edge: {box}"
    centre = (box.left() + box.right()) / 2
    assert abs(centre - frame.width / 2) <= 0.02 * frame.width, f"not centred: {box}"
    assert box.top() < 0.4 * frame.height, f"content starts low: {box}"
    assert box.bottom() > 0.85 * frame.height, f"content ends high: {box}"


def problems_in_log(text: str) -> list[str]:
    """The log's warnings and errors (the log format: time, level, logger, message)."""
    return [line for line in text.splitlines() if re.search(r" (WARNING|ERROR|CRITICAL) ", line)]


def wait_ready(notify: socket.socket, process: subprocess.Popen[Any], what: str) -> None:
    """Wait for READY=1 (sent after the first frame) on ``notify``; fail if ``process`` ends."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} ended (status {process.returncode}) before its first frame")
        ready, _, _ = select.select([notify], [], [], 0.5)
        if ready and b"READY=1" in notify.recv(4096).split(b"\n"):
            return
    pytest.fail(f"{what} sent no READY=1 within {DEADLINE_S:.0f} s")


def grab_until_drawn(grab: Any) -> Frame:
    """``grab()`` the screen until something is drawn on it (the first frame can reach the
    screen a moment after READY); the last grab once the deadline has passed."""
    deadline = time.monotonic() + DEADLINE_S
    while True:
        frame: Frame = grab()
        if not frame.content_box().isEmpty() or time.monotonic() > deadline:
            return frame


def notify_socket(folder: Path) -> socket.socket:
    """A socket standing in for systemd's $NOTIFY_SOCKET, writable by anyone (cage's user)."""
    path = folder / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    path.chmod(0o777)
    return sock


def clean_env(**extra: str) -> dict[str, str]:
    """An environment with no display, no Qt settings and nothing of this session's."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ")}
    return {**keep, **extra}


# -- the real kiosk under Xvfb, no window manager -------------------------------------------------
@pytest.fixture
def xvfb(request: pytest.FixtureRequest) -> Iterator[tuple[str, int, int]]:
    """An Xvfb of the size given by the test's parameter, with no window manager:
    ($DISPLAY, width, height)."""
    if shutil.which("Xvfb") is None or shutil.which("import") is None:
        pytest.skip("needs Xvfb and ImageMagick's import (scripts/install-system-deps)")
    width, height = request.param
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        number = b""
        deadline = time.monotonic() + DEADLINE_S
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read], [], [], 0.5)
            if ready:
                chunk = os.read(read, 16)
                if not chunk:
                    break
                number += chunk
        assert number.strip().isdigit(), f"Xvfb gave no display number (status {server.poll()})"
        yield f":{number.strip().decode()}", width, height
    finally:
        os.close(read)
        server.terminate()
        server.wait(timeout=30)


SCREENS = [(1280, 800), (1080, 1920)]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb is X11 on Linux")
@pytest.mark.parametrize("xvfb", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS], indirect=True)
def test_kiosk_fills_a_bare_x_screen(xvfb: tuple[str, int, int], tmp_path: Path) -> None:
    """The real kiosk, fullscreen on an X server with no window manager (where showFullScreen
    resizes nothing), fills the screen with the layout for its size; SIGTERM ends it with 0
    and nothing in its log is a warning."""
    if not paths.default_bundle().exists():
        pytest.skip("the default exhibit has not been built")
    display, width, height = xvfb
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    notify = notify_socket(tmp_path)
    env = clean_env(
        DISPLAY=display,
        QT_QUICK_BACKEND="software",
        NOTIFY_SOCKET=str(tmp_path / "notify.sock"),
        HOME=str(tmp_path),
        XDG_RUNTIME_DIR=str(runtime),
        KIOSK_DATA_DIR=str(tmp_path / "data"),
    )
    output = tmp_path / "kiosk.out"
    with output.open("wb") as out:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--config", str(tmp_path / "kiosk.toml")],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_ready(notify, kiosk, "the kiosk")

        def grab() -> Frame:
            shot = subprocess.run(
                ["import", "-window", "root", "-depth", "8", "ppm:-"],
                env=env,
                capture_output=True,
                check=True,
                timeout=DEADLINE_S,
            )
            return Frame.from_ppm(shot.stdout)

        frame = grab_until_drawn(grab)
        assert (frame.width, frame.height) == (width, height)
        log_text = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
        check_fills(frame, log_text)
        kiosk.send_signal(signal.SIGTERM)
        status = kiosk.wait(timeout=DEADLINE_S)
    finally:
        notify.close()
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    said = output.read_text(encoding="utf-8", errors="replace")
    assert status == 0, said[-3000:]
    log_text = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert not problems_in_log(log_text), problems_in_log(log_text)
    assert "kiosk stopping (exit code 0)" in log_text


# -- no screen at all ---------------------------------------------------------------------------
def _kiosk(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only X11/Wayland can lack one")
def test_no_screen_says_what_to_do_and_exits_1(tmp_path: Path) -> None:
    """No DISPLAY, no Wayland, no QT_QPA_PLATFORM: one line saying what is missing and what to
    do, the same in the log, exit 1; not Qt's abort (134) after its libxcb-cursor0 message."""
    env = clean_env(HOME=str(tmp_path), KIOSK_DATA_DIR=str(tmp_path / "data"))
    result = _kiosk("--config", str(tmp_path / "kiosk.toml"), env=env)
    assert result.returncode == 1, result.stderr[-3000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needed in (
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "cage",
        "--screenshots",
        "QT_QPA_PLATFORM=offscreen",
    ):
        assert needed in lines[0]
    assert "xcb" not in result.stderr
    log_text = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "CRITICAL kiosk: no screen" in log_text


@pytest.mark.slow
def test_screenshots_need_no_screen(tmp_path: Path) -> None:
    """--screenshots still runs with nothing set: it picks the offscreen platform itself."""
    if not paths.default_bundle().exists():
        pytest.skip("the default exhibit has not been built")
    env = clean_env(HOME=str(tmp_path), KIOSK_DATA_DIR=str(tmp_path / "data"))
    shots = tmp_path / "shots"
    result = _kiosk("--screenshots", str(shots), "--size", "1280x800", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (shots / "01-attract.png").exists()
