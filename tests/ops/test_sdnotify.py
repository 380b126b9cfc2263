"""systemd notifications: READY=1 and WATCHDOG=1 over $NOTIFY_SOCKET."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.ops.sdnotify import notify, watchdog_interval_s

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs AF_UNIX")


@pytest.fixture
def listener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """A datagram socket bound in tmp_path, named by $NOTIFY_SOCKET."""
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(2)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()


def test_ready_is_sent(listener: socket.socket) -> None:
    """READY=1 arrives as one datagram."""
    assert notify("READY=1")
    assert listener.recv(64) == b"READY=1"


def test_watchdog_is_sent(listener: socket.socket) -> None:
    """WATCHDOG=1 arrives too, and several states can follow each other."""
    assert notify("WATCHDOG=1") and notify("STATUS=showing the exhibit")
    assert listener.recv(64) == b"WATCHDOG=1"
    assert listener.recv(64) == b"STATUS=showing the exhibit"


def test_unset_socket_is_a_quiet_no(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside systemd nothing is sent and nothing fails."""
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False


def test_dead_socket_is_a_quiet_no(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A socket path nobody listens on gives False, not an exception."""
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "nobody.sock"))
    assert notify("READY=1") is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux")
def test_abstract_namespace(monkeypatch: pytest.MonkeyPatch) -> None:
    """An @name socket is Linux's abstract namespace."""
    name = f"kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(2)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify("READY=1")
        assert sock.recv(64) == b"READY=1"


def test_watchdog_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    """WATCHDOG_USEC gives the interval, even when WATCHDOG_PID names a parent (cage)."""
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_interval_s() == 30.0
    monkeypatch.setenv("WATCHDOG_PID", "1")
    assert watchdog_interval_s() == 30.0
    monkeypatch.delenv("WATCHDOG_USEC")
    monkeypatch.delenv("WATCHDOG_PID")
    assert watchdog_interval_s() is None
