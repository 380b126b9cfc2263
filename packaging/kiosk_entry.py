"""Entry point of the frozen kiosk: PyInstaller runs this file as ``__main__``.

Called as ``kiosk`` it is ``python -m kiosk``. Called as ``kiosk-content`` (a symlink to the
kiosk on Linux, a second executable on Windows) it is the curator's command line, so a
technician can check and publish a bundle on the kiosk PC itself, without Python.
"""

import sys
from pathlib import Path

if Path(sys.argv[0]).stem.lower() == "kiosk-content":
    from kiosk.content.cli import main as content_main

    content_main()

from kiosk.app import main

raise SystemExit(main())
