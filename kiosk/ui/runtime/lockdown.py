"""Lockdown: what keeps a visitor (or a curious child with a keyboard) inside the exhibit, and
what lets the service manager stop the kiosk cleanly.

* ``KeyLock`` swallows every key press and shortcut (Escape, Alt+F4, Alt+Tab within the window,
  Ctrl+Q...) before the window sees it, and the window's close request is refused unless the
  program itself is quitting.
* ``quit_on_signals`` turns SIGTERM and SIGINT into a clean ``QCoreApplication.exit(0)``: the
  C signal handler only writes a byte to a socket, which Qt's event loop notices (Python signal
  handlers would otherwise not run while Qt sleeps in C++). A signal that came before it (the
  ``pending`` one ``kiosk.cli.kiosk`` recorded during start-up) is written to the socket at
  once, and one that comes before the loop runs waits there: either ends the loop as soon as
  it starts.
"""

from __future__ import annotations

import logging
import signal
import socket
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier

log = logging.getLogger(__name__)

_BLOCKED = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.ContextMenu,
}


class KeyLock(QObject):
    """An application-wide event filter: no key or context menu reaches the exhibit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _BLOCKED:
            return True
        if event.type() == QEvent.Type.Close and not QCoreApplication.closingDown():
            event.ignore()
            return True
        return super().eventFilter(watched, event)


class _SignalBridge(QObject):
    def __init__(self, app: QCoreApplication, pending: int = 0) -> None:
        super().__init__(app)
        self._rsock, self._wsock = socket.socketpair()
        self._rsock.setblocking(False)
        self._wsock.setblocking(False)
        self._notifier = QSocketNotifier(self._rsock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)
        self._previous_fd = signal.set_wakeup_fd(self._wsock.fileno())
        self._previous: dict[int, Any] = {}
        for signum in (signal.SIGTERM, signal.SIGINT):
            # A Python-level handler must exist for the wakeup fd to be written.
            self._previous[signum] = signal.signal(signum, self._note)
        self._received: list[int] = []
        if pending:
            # Honoured once the loop runs: QCoreApplication.exit() before exec() does nothing.
            self._wsock.send(bytes([pending & 0xFF]))

    def _note(self, signum: int, _frame: object) -> None:
        self._received.append(signum)

    def _on_signal(self) -> None:
        try:
            data = self._rsock.recv(64)
        except OSError:
            data = b""
        names = ", ".join(signal.Signals(b).name for b in data if b in (15, 2)) or "a signal"
        log.info("received %s: quitting cleanly", names)
        QCoreApplication.exit(0)

    def restore(self) -> None:
        signal.set_wakeup_fd(self._previous_fd)
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._notifier.setEnabled(False)
        self._rsock.close()
        self._wsock.close()


def quit_on_signals(app: QCoreApplication, pending: int = 0) -> _SignalBridge:
    """SIGTERM or SIGINT ends the event loop with exit code 0. Keep the returned object.

    ``pending``: a signal number received before this call (0 for none); the loop then ends
    as soon as it starts.
    """
    return _SignalBridge(app, pending)
