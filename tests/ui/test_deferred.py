"""What waits for the first frame (issue 19): overlays and the technician's screens are built when
first needed, the unattended machinery after the first frame, and READY=1 at that frame."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtQuick import QQuickWindow

from kiosk.ops.bundles import BundleStore
from kiosk.ops.pin import PinGate
from kiosk.ui.runtime.firstframe import after_first_frame
from kiosk.ui.runtime.operations import Operations
from kiosk.ui.tools.settle import iter_items, settle

from .touch import item


def found(window: QQuickWindow, name: str) -> Any:
    """The item named ``name`` in the window's visual tree, shown or not; None when there is
    none."""
    return next((i for i in iter_items(window.contentItem()) if i.objectName() == name), None)


def built(window: QQuickWindow, name: str) -> bool:
    return found(window, name) is not None


# name -> (what makes the overlay needed, what ends it)
OVERLAYS: dict[str, tuple[Callable[[Any], object], Callable[[Any], object]]] = {
    "silenceOverlay": (
        lambda shell: (shell.navigator.go("memorial"), shell.silence.start()),
        lambda shell: shell.silence.cancel(),
    ),
    "idlePrompt": (
        lambda shell: shell.idle.prompt_now(),
        lambda shell: shell.idle.activity(),
    ),
}


@pytest.mark.parametrize("name", OVERLAYS)
def test_overlays_are_built_when_first_needed_and_then_kept(make_shell: Any, name: str) -> None:
    """At start neither the minute of silence nor the idle prompt exists; each is built the
    first time it is needed, shown, and kept (hidden) after it ends."""
    begin, end = OVERLAYS[name]
    shell = make_shell()
    window = shell.window
    assert not built(window, name)
    begin(shell)
    settle(window)
    assert item(window, name).isVisible()
    end(shell)
    settle(window)
    assert built(window, name)
    assert not found(window, name).isVisible()


def test_the_admin_screens_exist_only_while_open(make_shell: Any, tmp_path: Path) -> None:
    """The admin layer set after load (as kiosk.cli.kiosk does after the first frame) brings
    the hidden corner only; the PIN pad is built when opened and gone when closed."""
    shell = make_shell(show=False)
    ops = Operations(
        shell, PinGate(""), BundleStore(tmp_path / "data"), None, configured=tmp_path / "x"
    )
    window = shell.window
    window.resize(1920, 1080)
    window.show()
    settle(window)
    assert not built(window, "adminCorner")
    window.setProperty("admin", ops.admin)
    settle(window)
    assert built(window, "adminCorner")
    assert not built(window, "pinCancel")
    assert not built(window, "adminLanguages")
    ops.admin.openPinPad()
    settle(window)
    assert item(window, "pinCancel").isVisible()
    ops.admin.cancelPin()
    settle(window)
    assert not built(window, "pinCancel")


@pytest.fixture
def notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()


def test_ready_at_the_first_frame_then_the_rest_once(
    make_shell: Any, qtbot: Any, notify_socket: socket.socket
) -> None:
    """READY=1 goes out at the first swapped frame; what waits for it runs once, on the GUI
    thread, however many frames follow."""
    shell = make_shell(show=False)
    window = shell.window
    calls: list[int] = []
    after_first_frame(window, lambda: calls.append(1), at_latest_ms=60_000)
    window.resize(800, 600)
    window.show()
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    assert notify_socket.recv(64) == b"READY=1"
    window.update()
    settle(window)
    assert calls == [1]


def test_what_waits_runs_even_when_no_frame_comes(make_shell: Any, qtbot: Any) -> None:
    """A window that never draws (never shown here) still gets what waits for its first frame,
    after ``at_latest_ms``."""
    shell = make_shell(show=False)
    calls: list[int] = []
    after_first_frame(shell.window, lambda: calls.append(1), at_latest_ms=50)
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)


def test_frames_swapped_on_another_thread_reach_python_on_the_gui_thread(
    make_shell: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under Qt's threaded render loop frameSwapped comes from the render thread: the kiosk's
    Python runs for it on the GUI thread only (never holding the render thread on the GIL),
    once, however many frames were swapped before it ran."""
    import threading

    from kiosk.ui.runtime import firstframe

    shell = make_shell(show=False)
    window = shell.window
    threads: list[int] = []
    monkeypatch.setattr(firstframe, "tell_ready", lambda: threads.append(threading.get_ident()))
    calls: list[int] = []
    after_first_frame(window, lambda: calls.append(threading.get_ident()), at_latest_ms=60_000)

    def render_thread() -> None:
        for _ in range(3):
            window.frameSwapped.emit()

    worker = threading.Thread(target=render_thread)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: calls != [], timeout=5000)
    window.update()
    settle(window)
    assert threads == [threading.get_ident()]
    assert calls == [threading.get_ident()]
