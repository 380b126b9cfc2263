"""The operations layer stays usable without Qt, except for the watcher."""

from __future__ import annotations

import subprocess
import sys


def test_ops_modules_import_without_qt() -> None:
    """Importing every Qt-free ops module loads no PySide6 (the curator's tool stays light)."""
    code = (
        "import sys\n"
        "import kiosk.ops.config, kiosk.ops.pin, kiosk.ops.logs, kiosk.ops.stats\n"
        "import kiosk.ops.stats_cli, kiosk.ops.bundles, kiosk.ops.sdnotify\n"
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
