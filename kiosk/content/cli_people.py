"""``kiosk-content import-people`` and ``search-people``: the names of the victims from the
command line (the commands' group is ``kiosk.content.cli``'s)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from kiosk.content.cli_output import EXIT_OK, EXIT_PROBLEMS, PATH, fail
from kiosk.content.reader import Bundle
from kiosk.content.source.import_people import ImportFailed, import_people
from kiosk.content.validate import printable


def _count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


@click.command("import-people")
@click.argument("bundle", type=PATH)
@click.argument("csv_file", metavar="CSV", type=PATH)
@click.option("--strict", is_flag=True, help="Write nothing when any row has a problem.")
def import_people_command(bundle: Path, csv_file: Path, strict: bool) -> int:
    """Add or update people in BUNDLE from CSV, then rebuild its name index.

    CSV has a header line naming any of people.csv's columns (docs/content-format.md); only
    `name` is needed. A row whose key is in BUNDLE updates that person; any other row adds one.
    A bad row is reported by its line and field and left out, the good rows are kept (with
    --strict, nothing is written). BUNDLE is replaced only once the result validates.
    Exit 0 when every row was imported, 1 when a row had a problem or nothing was written.
    """
    tty = sys.stderr.isatty()
    bars: dict[str, Any] = {}
    last: dict[str, int] = {}

    def progress(stage: str, count: int) -> None:
        if not tty:
            return
        bar = bars.get(stage)
        if bar is None:
            for other in bars.values():
                other.render_finish()
            total = rows if stage == "rows" else people_estimate
            label = "reading people" if stage == "rows" else "indexing names"
            bar = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            bar.render_progress()
            bars[stage] = bar
        bar.update(count - last.get(stage, 0))
        last[stage] = count

    rows = max(_count_lines(csv_file) - 1, 0) if tty and csv_file.is_file() else 0
    people_estimate = rows
    try:
        result = import_people(bundle, csv_file, strict=strict, progress=progress)
    except ImportFailed as exc:
        fail(str(exc))
        return EXIT_PROBLEMS
    finally:
        for bar in bars.values():
            bar.render_finish()
    for problem in result.problems:
        click.echo(f"  {problem}", err=True)
    if result.bad_rows > len(result.problems):
        click.echo(f"  ... and more: {result.bad_rows:,} bad rows in all", err=True)
    if not result.written:
        fail(
            f"nothing was written: {result.bad_rows:,} row(s) of {csv_file.name} have problems "
            "(--strict)"
        )
        return EXIT_PROBLEMS
    bad = f", {result.bad_rows:,} bad row(s) left out" if result.bad_rows else ""
    click.echo(
        f"imported {csv_file.name} into {bundle}: {result.added:,} added, "
        f"{result.updated:,} updated{bad}; {result.people:,} people in the bundle"
    )
    return EXIT_PROBLEMS if result.bad_rows else EXIT_OK


@click.command("search-people")
@click.argument("bundle", type=PATH)
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most N."
)
def search_people_command(bundle: Path, query: str, as_json: bool, limit: int) -> int:
    """Search BUNDLE's people for QUERY as the kiosk does: any alphabet, any word order, the
    last word as a prefix. Best first; each result says how strong and why.

    With --json, a JSON array with one object per result: key, name, strength (exact,
    spelling, script, variant, prefix, weak), possibly_other_person and why (one entry per
    word typed). Exit 1 when the bundle's name index is missing or out of date.
    """
    with Bundle(bundle) as opened:
        problem = opened.name_index_problem()
        if problem:
            fail(f"{bundle}: {problem}")
            return EXIT_PROBLEMS
        matches = opened.search_people(query, limit)
    if as_json:
        click.echo(json.dumps([m.to_dict() for m in matches], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not matches:
        click.echo("no one found")
    for match in matches:
        why = "; ".join(
            f"{w.query} → {w.matched} ({w.field}: {', '.join(w.rules)})" for w in match.why
        )
        click.echo(f"{match.strength:<9} {printable(match.name)}  [{match.key}]  {why}")
    return EXIT_OK
