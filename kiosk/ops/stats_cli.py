"""``kiosk-content stats FILE [--csv OUT]``: the visitor statistics, for the curator's tool.

kiosk.cli.content puts it in the program's one command group, beside the content commands
(``command_group(stats_command)``). Exit codes: 0 printed (and exported), 1 the CSV file could
not be written, 2 FILE is not a readable statistics file.
"""

from __future__ import annotations

from pathlib import Path

import click

from kiosk.ops.stats import StatsFileError, format_summary, summarize, to_csv

EXIT_OK = 0
EXIT_CSV_FAILED = 1
EXIT_NOT_STATS = 2


@click.command("stats")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--csv",
    "csv_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also export every event to this CSV file (UTF-8, one row per event).",
)
def stats_command(file: Path, csv_out: Path | None) -> None:
    """Summarise the kiosk's visitor statistics FILE (stats.sqlite in its data folder).

    Prints visits per day, the median visit length, the most visited screens, the languages
    chosen, candles lit and minutes of silence. The file holds no personal data.
    """
    try:
        summary = summarize(file)
    except StatsFileError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(EXIT_NOT_STATS) from None
    click.echo(format_summary(summary))
    if csv_out is None:
        return
    try:
        rows = to_csv(file, csv_out)
    except StatsFileError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(EXIT_NOT_STATS) from None
    except OSError as exc:
        click.echo(f"Error: {csv_out}: cannot be written ({exc.strerror or exc})", err=True)
        raise SystemExit(EXIT_CSV_FAILED) from None
    click.echo(f"\nExported {rows} events to {csv_out}")
