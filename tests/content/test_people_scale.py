"""Costs that must not grow with the number of people: opening the names, exporting them.

Measured in work, not time: SQLite's virtual-machine steps for the queries the names screen
makes when it opens, and the memory Python allocates during an export (tracemalloc). The
people are SYNTHETIC ("Synthetic-00042 Testov").
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

from kiosk.content.reader import Bundle
from kiosk.content.source import export
from kiosk.content.source.import_people import import_people

BundleFactory = Callable[..., Path]


def _with_people(fresh_bundle: BundleFactory, folder: Path, count: int) -> Path:
    path = fresh_bundle()
    csv_file = folder / f"people-{count}.csv"
    rows = "".join(f"synthetic-{i:05d},Synthetic-{i:05d} Testov\n" for i in range(count))
    csv_file.write_text("key,name\n" + rows, encoding="utf-8")
    assert import_people(path, csv_file).written
    return path


def _opening_steps(path: Path) -> tuple[int, int, list[tuple[str, bool]]]:
    """The VM steps of what the names screen does when it opens (PeopleModel.load and its
    first page), the count it shows, and how SQLite reached the people in each query."""
    with Bundle(path) as bundle:
        steps = [0]
        statements: list[str] = []

        def step() -> int:
            steps[0] += 1
            return 0

        bundle._conn.set_progress_handler(step, 1)
        bundle._conn.set_trace_callback(statements.append)
        assert bundle.has_people()
        count = bundle.people_count()
        bundle.places()
        assert len(bundle.people_page(0, 60, "wall")) == 60
        bundle._conn.set_progress_handler(None, 1)
        bundle._conn.set_trace_callback(None)
        plans = [
            (str(row[3]), "LIMIT" in sql)
            for sql in statements
            for row in bundle._conn.execute(f"EXPLAIN QUERY PLAN {sql}")
            if "people" in str(row[3])
        ]
        return steps[0], count, plans


def test_opening_the_names_costs_the_same_at_any_number_of_people(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """No count(*) or any pass over the people: 4,000 names open with the work of 100."""
    small, small_count, _ = _opening_steps(_with_people(fresh_bundle, tmp_path, 100))
    large, large_count, plans = _opening_steps(_with_people(fresh_bundle, tmp_path, 4000))
    assert (small_count, large_count) == (104, 4004)  # the synthetic bundle's 4 and these
    assert large <= small + 300, (small, large)  # an index one level deeper, no more
    # count(*) is one VM step however many rows it walks: the plans say no query walks them
    # (a scan with a LIMIT stops at its first rows)
    walks = [plan for plan, limited in plans if plan.startswith("SCAN") and not limited]
    assert plans and not walks, plans


def test_export_streams_the_people(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """Exporting 20,000 people holds a few rows at a time, not the table."""
    path = _with_people(fresh_bundle, tmp_path, 20_000)
    tracemalloc.start()
    try:
        export(path, tmp_path / "out")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    lines = (tmp_path / "out" / "people.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 4 + 20_000
    assert lines[-1].startswith("synthetic-19999,Synthetic-19999 Testov,")
    # Held whole, the rows alone took over 20 MB; streamed, the peak is the few rows in hand.
    assert peak < 4_000_000, peak
