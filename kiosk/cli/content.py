"""The program ``kiosk-content``: the one command group of the curator's tool.

The wheel's console script (``kiosk-content = "kiosk.cli.content:main"``) and the frozen build
(packaging/kiosk_entry.py, when called as ``kiosk-content``) both run ``main`` here, so both
have every command. The curator's commands live in kiosk.content.cli; the visitor statistics
command lives in kiosk.ops (the content layer may not import it), so the two meet here, one
layer up. Nothing here, nor below, imports Qt: the tool runs without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

from kiosk.content.cli import command_group, run
from kiosk.ops.stats_cli import stats_command

cli = command_group(stats_command)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """``kiosk-content``: run the command line and exit with its code."""
    sys.exit(run(argv, cli))
