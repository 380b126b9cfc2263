"""Entry point of the frozen kiosk: PyInstaller runs this file as ``__main__``.

Called as ``kiosk`` it is ``python -m kiosk``. Called as ``kiosk-content`` (a symlink to the
kiosk on Linux, a second executable on Windows) it is the curator's command line, so a
technician can check and publish a bundle, and read the visitor statistics, on the kiosk PC
itself, without Python. It runs kiosk.cli.content's group, the same one as the wheel's console
script, so the two cannot differ in their commands.
"""

import sys
from pathlib import Path

if Path(sys.argv[0]).stem.lower() == "kiosk-content":
    from kiosk.cli.content import main as content_main

    content_main()

from kiosk.cli.kiosk import main

raise SystemExit(main())
