"""Benchmark of ``kiosk-content import-people`` at scale, on SYNTHETIC names (issue 18).

Writes a CSV of N obviously synthetic people (default 1,000,000; the name_search benchmark's
generator: common stems combined at random, keys ``synthetic-NNNNNNN``; spelling material,
not people) and imports it into a copy of the default exhibit's bundle in a temporary folder.

Prints: the import's time by stage (rows, index, the rest: vacuum and validation), the
bundle's growth and what it is made of (dbstat), then the search through the reader
(``Bundle.search_people``): warm p50/p95/p99, a page of the names wall at the end of the
list, the first query of a new process; then, interleaved against a bundle of 100 of the
same people, what opening the names screen costs (the PeopleModel's reads: open, has_people,
people_count, places, the first page of the wall) as medians and their ratio; and the peak
RSS of ``kiosk-content export`` of each (a new process each). Goals: import <= 60 s, growth
<= 120 MB, search p95 < 10 ms, first query < 100 ms, opening at 1M = opening at 100.

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
import subprocess
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


def write_csv(path: Path, n: int, *, detail: bool = False) -> None:
    """The CSV of ``n`` synthetic people: key, name and its parts, language and fate; with
    ``detail``, also what a fuller archive records for many of them: dates of birth and death
    with their precision and the age (two in three), a family key (one in four), another
    spelling of the name (one in three) and a source note (one in ten)."""
    columns = ["key", "name", "surname", "given_name", "patronymic", "name_lang", "fate_kind"]
    if detail:
        columns += [
            "birth_date",
            "birth_precision",
            "death_date",
            "death_precision",
            "age",
            "family",
            "other_spellings",
            "notes",
        ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        for i, p in enumerate(synthetic_people(n)):
            fate = ("killed", "", "missing", "died_of_wounds")[i % 4]
            row = [p.key, p.name, p.surname, p.given, p.patronymic, p.lang, fate]
            if detail:
                dated = i % 3 != 0
                born, month, day = 1920 + i % 70, 1 + i % 12, 1 + i % 28
                age = 1992 - born - ((month, day) > (2, 26))  # died 26 February 1992
                row += [
                    f"{born}-{month:02d}-{day:02d}" if dated else "",
                    "day" if dated else "",
                    "1992-02-26" if dated else "",
                    "day" if dated else "",
                    str(age) if dated else "",
                    f"family-{i // 4:06d}" if i % 4 == 0 else "",
                    f"{p.surname} {p.given}".upper() if i % 3 == 0 else "",
                    "Synthetic note: recorded by a test." if i % 10 == 0 else "",
                ]
            out.writerow(row)


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


_FIRST_QUERY = """
import time
t0 = time.perf_counter()
from kiosk.content.reader import Bundle
bundle = Bundle({path!r}, checked=True)
t1 = time.perf_counter()
found = bundle.search_people({query!r})
t2 = time.perf_counter()
print(f"{{(t1 - t0) * 1000:.1f}} {{(t2 - t1) * 1000:.1f}} {{len(found)}}")
"""


def first_query(bundle: Path, queries_: tuple[str, ...]) -> None:
    """The first search of a new process on the bundle (as the kiosk opens it: checked)."""
    for query in queries_:
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_QUERY.format(path=str(bundle), query=query)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout.split()
        print(
            f"first query of a new process ({query!r}): {float(out[1]):.1f} ms (import and "
            f"open {float(out[0]):.1f} ms; {out[2]} results)"
        )


def _open_names(path: Path) -> float:
    """What PeopleModel.load and its first page read, in ms (a new Bundle, as after a swap)."""
    t = time.perf_counter()
    with Bundle(path, checked=True) as opened:
        opened.has_people()
        opened.people_count()
        opened.places()
        opened.people_page(0, 60, "wall")
    return (time.perf_counter() - t) * 1000


def opening(bundles: dict[str, Path], rounds: int = 41) -> None:
    """Opening the names screen: the contenders interleaved, one warm-up round dropped."""
    times: dict[str, list[float]] = {name: [] for name in bundles}
    names = list(bundles)
    for number in range(rounds + 1):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            ms = _open_names(bundles[name])
            if number:
                times[name].append(ms)
    base = statistics.median(times[names[0]])
    for name in names:
        median = statistics.median(times[name])
        print(
            f"opening the names ({name} people), {rounds} rounds: median {median:.2f} ms "
            f"(range {min(times[name]):.2f}-{max(times[name]):.2f}), {median / base:.2f}x"
        )


# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report the
# benchmark's own peak.
_EXPORT = """
import re, sys
from pathlib import Path
from kiosk.content.source import export
export(sys.argv[1], sys.argv[2])
print(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1])
"""


def export_rss(bundles: dict[str, Path], folder: Path) -> None:
    """The peak RSS of a new process that exports each bundle."""
    for name, path in bundles.items():
        out = folder / f"export-{name.replace(',', '')}"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        kb = subprocess.run(
            [sys.executable, "-c", _EXPORT, str(path), str(out)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout.split()[-1]
        took = time.perf_counter() - t
        print(f"export ({name} people): peak RSS {int(kb) / 1024:.0f} MB, {took:.1f} s")
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--detail",
        action="store_true",
        help="fuller rows: dates and age, families, other spellings, notes for many people",
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    bundle, people = folder / "bundle.sqlite", folder / "people.csv"
    shutil.copyfile(ROOT / "db" / "exhibit.sqlite", bundle)
    print(f"SYNTHETIC: {args.people:,} generated names (common stems combined; not people)")
    t = time.perf_counter()
    write_csv(people, args.people, detail=args.detail)
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
        f"import: {result.added:,} added in {total:.1f} s, {cpu:.1f} s of CPU (rows and "
        f"ranking {rows_s:.1f} s; index, vacuum and validation {total - rows_s:.1f} s); "
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
        page = opened.people_page(count - 60, 60, "wall")
        last = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        opened.people_page(0, 60, "wall")
        first = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        opened.people_page(count - 60, 60, "name")
        by_name = (time.perf_counter() - t) * 1000
        print(
            f"people_page: the last 60 of the wall's {count:,} in {last:.1f} ms, the first 60 "
            f"in {first:.1f} ms (last name: {page[-1].name if page else '-'}); the last 60 in "
            f"the names' order (no index from schema 5: the command line's) in {by_name:.1f} ms"
        )
    first_query(bundle, ("Мамедов Али", "Huseynov El"))
    small = folder / "small.sqlite"
    head = folder / "people-100.csv"
    with people.open(encoding="utf-8") as src:
        head.write_text("".join(next(src) for _ in range(101)), encoding="utf-8")
    shutil.copyfile(ROOT / "db" / "exhibit.sqlite", small)
    import_people(small, head)
    opening({"100": small, f"{args.people:,}": bundle})
    export_rss({"100": small, f"{args.people:,}": bundle}, folder)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; langs {LANGS}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
