"""The console script ``kiosk-content``: the content layer's commands, plus ``stats``.

The curator's commands live in kiosk.content.cli; the visitor statistics command lives in
kiosk.ops (the content layer may not import it), so the two meet here, one layer up.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

from kiosk.content import cli as content_cli
from kiosk.ops.stats_cli import stats_command

content_cli.cli.add_command(stats_command)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    sys.exit(content_cli.run(argv))
