"""systemd's readiness and watchdog protocol (sd_notify), without a dependency.

``notify("READY=1")`` once the first frame is up, and ``notify("WATCHDOG=1")`` on a timer at half
of ``watchdog_interval_s()`` when the service has ``WatchdogSec=``. Outside systemd (no
``$NOTIFY_SOCKET``, or Windows) every call is a harmless ``False``.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import Final

logger = logging.getLogger(__name__)

NOTIFY_SOCKET_ENV: Final = "NOTIFY_SOCKET"


def _address(raw: str) -> str | None:
    """The socket address for ``raw``: ``@name`` is Linux's abstract namespace."""
    if raw.startswith("@"):
        return "\0" + raw[1:]
    if raw.startswith("/"):
        return raw
    return None  # e.g. systemd's "vsock:" addresses, which this kiosk does not need


def notify(state: str) -> bool:
    """Send ``state`` (e.g. ``"READY=1"``, ``"WATCHDOG=1"``) to ``$NOTIFY_SOCKET``.

    Returns True when the datagram was sent; False when there is no socket to send to or
    sending failed (logged at debug level). Never raises.
    """
    raw = os.environ.get(NOTIFY_SOCKET_ENV, "")
    family = getattr(socket, "AF_UNIX", None)
    if not raw or family is None:
        return False
    address = _address(raw)
    if address is None:
        logger.debug("sd_notify: unsupported NOTIFY_SOCKET %r", raw)
        return False
    try:
        with socket.socket(family, socket.SOCK_DGRAM | getattr(socket, "SOCK_CLOEXEC", 0)) as sock:
            sock.connect(address)
            sock.sendall(state.encode("utf-8"))
    except OSError as exc:
        logger.debug("sd_notify: cannot send %r to %r (%s)", state, raw, exc)
        return False
    return True


def watchdog_interval_s() -> float | None:
    """The service's watchdog timeout in seconds (``$WATCHDOG_USEC``), or None when it has none.

    Send ``WATCHDOG=1`` at about half this interval. ``$WATCHDOG_PID`` is not checked: under
    cage the service's main process is the compositor and the kiosk its child, which systemd
    accepts with ``NotifyAccess=all``; the kiosk is the one that knows whether its UI is alive.
    """
    usec = os.environ.get("WATCHDOG_USEC", "")
    try:
        value = int(usec)
    except ValueError:
        return None
    return value / 1_000_000 if value > 0 else None
