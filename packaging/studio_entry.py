"""Entry point of the frozen studio (packaging/studio.spec): ``kiosk-studio``."""

import sys

from kiosk.cli.studio import main

sys.exit(main())
