"""What every ``kiosk-content`` command shares: its exit codes, its path argument and its
one-line error message."""

from __future__ import annotations

from pathlib import Path

import click

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2

PATH = click.Path(path_type=Path, dir_okay=True, file_okay=True)


def fail(message: str) -> None:
    """``message`` on stderr as one line, after the program's name."""
    # one line: SQLite quotes a damaged schema's SQL in its message, newlines and all
    click.echo(f"kiosk-content: {' '.join(message.splitlines())}", err=True)
