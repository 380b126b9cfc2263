"""Operations: what keeps the kiosk running unattended.

Configuration (``config``), the admin PIN (``pin``), logs and fault handlers (``logs``), the
anonymous visitor statistics (``stats``), the live-update policy for content bundles
(``bundles``, Qt-free), the bundle folder watcher (``watcher``, QtCore only) and the systemd
readiness/watchdog notification (``sdnotify``).

Everything here is importable without a display; only ``watcher`` imports PySide6.QtCore.
Modules are imported by name (``from kiosk.ops.config import load_config``); this package
imports nothing on its own so that the curator's tool does not pay for Qt.
"""
