"""Benchmark of ``kiosk-content import-people`` at scale, on SYNTHETIC names (issue 18).

Writes a CSV of N obviously synthetic people (default 1,000,000; the name_search benchmark's
generator: common stems combined at random, keys ``synthetic-NNNNNNN``; spelling material,
not people) and imports it into a copy of the default exhibit's bundle in a temporary folder.

Prints: the import's time by stage (rows, index, the rest: vacuum and validation), the
bundle's growth and what it is made of, then the search through the reader
(``Bundle.search_people``): warm p50/p95/p99 and a page of the names wall at the end of the
list. Goals: import <= 60 s, growth <= 120 MB for the index, search p95 < 10 ms.

    .venv/bin/python benchmarks/import_people.py [--people N] [--queries N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from name_search import LANGS, queries, synthetic_people

from kiosk.content.reader import Bundle
from kiosk.content.source.import_people import import_people

ROOT = Path(__file__).resolve().parents[1]
INDEX_TABLES = ("people_search", "people_search_terms", "people_search_meta")


def write_csv(path: Path, n: int) -> None:
    columns = ["key", "name", "surname", "given_name", "patronymic", "name_lang", "fate_kind"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        for i, p in enumerate(synthetic_people(n)):
            fate = ("killed", "", "missing", "died_of_wounds")[i % 4]
            out.writerow([p.key, p.name, p.surname, p.given, p.patronymic, p.lang, fate])


def sizes(path: Path) -> dict[str, float]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            str(name): float(mb)
            for name, mb in conn.execute("SELECT name, sum(pgsize) / 1e6 FROM dbstat GROUP BY 1")
        }
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    bundle, people = folder / "bundle.sqlite", folder / "people.csv"
    shutil.copyfile(ROOT / "db" / "exhibit.sqlite", bundle)
    print(f"SYNTHETIC: {args.people:,} generated names (common stems combined; not people)")
    t = time.perf_counter()
    write_csv(people, args.people)
    print(f"CSV: {people.stat().st_size / 1e6:.0f} MB written in {time.perf_counter() - t:.1f} s")
    before = bundle.stat().st_size

    marks: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()

    def progress(stage: str, _count: int) -> None:
        marks.setdefault(stage, time.perf_counter())

    result = import_people(bundle, people, progress=progress)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    rows_s = marks.get("index", start) - start
    print(
        f"import: {result.added:,} added in {total:.1f} s, {cpu:.1f} s of CPU (rows "
        f"{rows_s:.1f} s; order, index, vacuum and validation {total - rows_s:.1f} s); "
        f"{result.bad_rows} bad rows; load average {os.getloadavg()[0]:.1f}"
    )
    grown = (bundle.stat().st_size - before) / 1e6
    parts = sizes(bundle)
    index_mb = sum(mb for name, mb in parts.items() if name.startswith(INDEX_TABLES))
    print(
        f"bundle growth: {grown:.1f} MB ({grown * 1e6 / max(args.people, 1):.0f} bytes/person); "
        f"the name index {index_mb:.1f} MB, the people rows and their indexes "
        f"{grown - index_mb:.1f} MB"
    )
    for name, mb in sorted(parts.items(), key=lambda item: -item[1])[:9]:
        print(f"  {name}: {mb:.1f} MB")

    with Bundle(bundle) as opened:
        qs = queries(args.queries)
        gc.collect()
        gc.freeze()
        for q in qs:
            opened.search_people(q)
        times = []
        for q in qs:
            t = time.perf_counter()
            opened.search_people(q)
            times.append((time.perf_counter() - t) * 1000)
        cuts = statistics.quantiles(times, n=100)
        print(
            f"search (Bundle.search_people) warm over {len(qs)} queries: p50 {cuts[49]:.2f} ms, "
            f"p95 {cuts[94]:.2f} ms, p99 {cuts[98]:.2f} ms"
        )
        count = opened.people_count()
        t = time.perf_counter()
        page = opened.people_page(count - 60, 60)
        last = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        opened.people_page(0, 60, "wall")
        first = (time.perf_counter() - t) * 1000
        print(
            f"people_page: 60 names at the end of {count:,} in {last:.1f} ms, the first 60 of "
            f"the wall in {first:.1f} ms (last name: {page[-1].name if page else '-'})"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; langs {LANGS}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
