"""The floor: a bare Qt Quick window from Python (benchmarks/floor.qml: one QML file, three
texts), sized to the screen.

Run as a program it shows the window and sends ``READY=1`` to ``$NOTIFY_SOCKET`` from its first
``frameSwapped``, exactly as the kiosk does (kiosk.ui.runtime.operations), then runs until SIGTERM.
The other benchmarks build it in-process with ``floor_window()``.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

QML = Path(__file__).resolve().with_name("floor.qml")


def notify(state: str) -> None:
    raw = os.environ.get("NOTIFY_SOCKET", "")
    if not raw:
        return
    address = "\0" + raw[1:] if raw.startswith("@") else raw
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect(address)
        sock.sendall(state.encode())


def floor_window():  # type: ignore[no-untyped-def]
    """(engine, window): the floor's QML loaded, the window sized to its screen, not shown."""
    from PySide6.QtCore import QUrl  # noqa: PLC0415
    from PySide6.QtQml import QQmlApplicationEngine  # noqa: PLC0415
    from PySide6.QtQuick import QQuickWindow  # noqa: PLC0415 - roots come back typed

    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(QML)))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise SystemExit("floor.qml did not load")
    window = roots[0]
    window.setGeometry(window.screen().geometry())
    return engine, window


def main() -> int:
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    app = QGuiApplication(sys.argv[:1])
    _engine, window = floor_window()

    def first_frame() -> None:
        window.frameSwapped.disconnect(first_frame)
        notify("READY=1")

    window.frameSwapped.connect(first_frame)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
