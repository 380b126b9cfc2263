"""Which FTS5 prefix indexes the name index needs, and in which tables, on SYNTHETIC names
(issue 18).

Builds one standalone name index of N obviously synthetic people (default 1,000,000; the
generator of benchmarks/name_search.py: common stems combined at random, keys
``synthetic-NNNNNNN``; spelling material, not people), then one copy of it per contender,
its FTS5 tables made again from the same documents, then VACUUMed. A contender ``I`` is one
table of every level (as built before schema 5) with the ``prefix=`` indexes ``I``; ``split``
is the index as built now (level 2 in ``people_search`` with '2 3', levels 1 and 3 in
``people_search_plain`` with none). For each contender the search runs with
``_PREFIX_INDEXED`` set to match (the lengths indexed; none: every prefix then goes through
the term table). A contender ``I/Q`` is index ``I`` read by query code that takes the
lengths ``Q`` as indexed (old code on a new bundle: ``"2 3/2 3 4"``). ``--extra-terms N``
adds N SYNTHETIC rare tokens to each term table: a vocabulary as wide as a real archive's may
be, for the term table's range scans.

Prints, per contender: the FTS5 table's size; warm search p50/p95/p99 over name_search.py's
queries, the contenders interleaved round by round (the machine is shared: compare the ratios
of one run); the short prefixes a visitor types first (one, two and three letters in each
script, each query's median over the rounds) with the worst of each length; whether their
results are those of the first contender (the same people, the same order) and still begin
with what was typed; and the first query of a new process.

    .venv/bin/python benchmarks/name_prefixes.py [--people N] [--rounds N] [--keep DIR]
        [--extra-terms N] [--contenders "2 3" split "2 3 4" "3" ""]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from name_search import FEMALE, MALE, queries, synthetic_people

from kiosk.content.names import Match, Strength, build_index, search
from kiosk.content.names import query as query_module
from kiosk.content.names.index import PLAIN, PLAIN_FTS, PLAIN_LEVELS, person_tokens, split_levels

ROOT = Path(__file__).resolve().parents[1]
FTS_PARTS = tuple(
    f"{t}_{part}" for t in ("people_search", PLAIN) for part in ("data", "idx", "config")
)
SPLIT = "split"  # the index as built now: level 2 with '2 3', levels 1 and 3 in a plain table


def short_prefixes() -> dict[int, list[str]]:
    """One, two and three letters that begin the synthetic names, in each script."""
    out: dict[int, list[str]] = {1: [], 2: [], 3: []}
    for stems in (MALE, FEMALE):
        for stem in stems:
            for written in stem:
                for n, found in out.items():
                    if written[:n] not in found:
                        found.append(written[:n])
    return out


def _indexed(contender: str) -> frozenset[int]:
    """The prefix lengths the query code takes as indexed (in ``people_search``): after a
    ``/``, else the index's."""
    lengths = contender.rsplit("/", maxsplit=1)[-1]
    return frozenset({2, 3}) if lengths == SPLIT else frozenset(int(n) for n in lengths.split())


def build_base(path: Path, people: int) -> None:
    """The standalone index (today's prefix indexes) and a table of its FTS5 documents."""
    conn = sqlite3.connect(path)
    t = time.perf_counter()
    build_index(conn, synthetic_people(people), [("Мехти", "Mehdi")])
    conn.execute("CREATE TABLE documents (rowid INTEGER PRIMARY KEY, keys TEXT NOT NULL)")
    rows = enumerate(synthetic_people(people), start=1)
    while chunk := list(islice(rows, 20000)):
        conn.executemany(
            "INSERT INTO documents VALUES (?, ?)", [(i, person_tokens(p)) for i, p in chunk]
        )
    conn.commit()
    conn.close()
    print(f"base index and documents: {people:,} people in {time.perf_counter() - t:.0f} s")


def extra_terms(n: int, seed: int = 31) -> list[tuple[str, int]]:
    """``n`` SYNTHETIC rare tokens (random letters, one person each), spread over the levels
    and first letters: a vocabulary as wide as a real archive's may be, for the term table's
    range scans (the commonest tokens stay the generated names')."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [
        (str(rng.randint(1, 3)) + "".join(rng.choices(letters, k=rng.randint(5, 11))), 1)
        for _ in range(n)
    ]


def make_contender(base: Path, path: Path, prefix: str, extra: int) -> float:
    """A copy of ``base`` whose FTS5 tables are ``prefix``'s: one table of every level with
    those prefix indexes, or (``split``) the index as built now; their size in MB."""
    shutil.copyfile(base, path)
    conn = sqlite3.connect(path)
    conn.executemany("INSERT OR IGNORE INTO people_search_terms VALUES (?, ?)", extra_terms(extra))
    option = f", prefix='{'2 3' if prefix == SPLIT else prefix}'" if prefix else ""
    conn.execute("DROP TABLE people_search")
    conn.execute(f"DROP TABLE IF EXISTS {PLAIN}")
    conn.execute("DELETE FROM people_search_meta WHERE name = 'plain_levels'")
    conn.execute(
        "CREATE VIRTUAL TABLE people_search USING fts5(keys, content='', detail=none, "
        f"columnsize=0{option}, tokenize='ascii')"
    )
    if prefix == SPLIT:
        conn.create_function("level", 2, lambda doc, n: split_levels(doc)[n], deterministic=True)
        conn.execute(PLAIN_FTS)
        conn.execute("INSERT INTO people_search_meta VALUES ('plain_levels', ?)", (PLAIN_LEVELS,))
        conn.execute(
            "INSERT INTO people_search(rowid, keys) SELECT rowid, level(keys, 0) FROM documents"
        )
        conn.execute(
            f"INSERT INTO {PLAIN}(rowid, keys) SELECT rowid, level(keys, 1) FROM documents"
        )
        conn.execute(f"INSERT INTO {PLAIN}({PLAIN}) VALUES ('optimize')")
    else:
        conn.execute("INSERT INTO people_search(rowid, keys) SELECT rowid, keys FROM documents")
    conn.execute("INSERT INTO people_search(people_search) VALUES ('optimize')")
    conn.execute("DROP TABLE documents")
    conn.commit()
    conn.execute("VACUUM")
    size = sum(
        mb
        for name, mb in conn.execute("SELECT name, sum(pgsize) / 1e6 FROM dbstat GROUP BY 1")
        if name in FTS_PARTS
    )
    conn.close()
    return float(size)


def timed(conn: sqlite3.Connection, prefix: str, query: str) -> tuple[float, list[Match]]:
    query_module._PREFIX_INDEXED = _indexed(prefix)  # type: ignore[misc]
    t = time.perf_counter()
    found = search(conn, query)
    ms = (time.perf_counter() - t) * 1000
    return ms, found


def interleaved(
    conns: dict[str, sqlite3.Connection], qs: list[str], rounds: int
) -> tuple[dict[str, list[float]], dict[str, dict[str, list[float]]]]:
    """All times per contender, and each query's times per contender; round 0 dropped."""
    every: dict[str, list[float]] = {p: [] for p in conns}
    per: dict[str, dict[str, list[float]]] = {p: {q: [] for q in qs} for p in conns}
    names = list(conns)
    for number in range(rounds + 1):
        for prefix in names[number % len(names) :] + names[: number % len(names)]:
            for q in qs:
                ms, _ = timed(conns[prefix], prefix, q)
                if number:
                    every[prefix].append(ms)
                    per[prefix][q].append(ms)
    return every, per


_FIRST_QUERY = """
import time
t0 = time.perf_counter()
import sqlite3
from kiosk.content.names import search
from kiosk.content.names import query
query._PREFIX_INDEXED = frozenset({indexed})
conn = sqlite3.connect("file:{path}?mode=ro", uri=True)
t1 = time.perf_counter()
found = search(conn, {query!r})
print(f"{{(time.perf_counter() - t1) * 1000:.1f}}")
"""


def first_query(path: Path, prefix: str, query: str) -> float:
    code = _FIRST_QUERY.format(path=path, indexed=sorted(_indexed(prefix)), query=query)
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return float(out.stdout.split()[-1])


def compare_results(conns: dict[str, sqlite3.Connection], shorts: list[str]) -> None:
    """The short prefixes' results against the first contender's."""
    names = list(conns)
    first = names[0]
    for prefix in names:
        same = same_set = begins = total = 0
        example = ""
        for q in shorts:
            _, found = timed(conns[prefix], prefix, q)
            _, before = timed(conns[first], first, q)
            keys, base = [m.key for m in found], [m.key for m in before]
            same += keys == base
            if keys != base and not example:
                example = f"{q!r}: {[m.name for m in before[:4]]} -> {[m.name for m in found[:4]]}"
            same_set += set(keys) == set(base)
            total += len(found)
            begins += sum(m.strength.rank <= Strength.PREFIX.rank for m in found)
        print(
            f"  [{prefix or 'none'}] of {len(shorts)} short prefixes: {same} the same list as "
            f"[{first}], {same_set} the same people; {begins} of {total} results a prefix "
            "match or better"
        )
        if example:
            print(f"    e.g. {example}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--extra-terms", type=int, default=0, help="rare tokens to add")
    parser.add_argument(
        "--contenders",
        nargs="+",
        default=["2 3", SPLIT],
        help="each an FTS5 prefix option of one table of every level, or 'split' (the index "
        "as built now), read by query code that takes those lengths as indexed; 'I/Q': "
        "index I read by query code that takes Q as indexed",
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="name-prefixes-"))
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"base-{args.people}.sqlite"
    print(f"SYNTHETIC: {args.people:,} generated names (common stems combined; not people)")
    if not base.exists():
        build_base(base, args.people)
    paths = {
        c: folder / f"prefix-{c.split('/')[0].replace(' ', '') or 'none'}.sqlite"
        for c in args.contenders
    }
    for contender, path in paths.items():
        prefix = contender.split("/")[0]
        if path in [paths[c] for c in args.contenders[: args.contenders.index(contender)]]:
            continue  # the same index, read by other query code
        t = time.perf_counter()
        mb = make_contender(base, path, prefix, args.extra_terms)
        print(
            f"[{prefix or 'none'}] FTS5 table {mb:.1f} MB (made in {time.perf_counter() - t:.0f} s)"
        )
    with sqlite3.connect(next(iter(paths.values()))) as conn:
        terms, widest = conn.execute(
            "SELECT sum(n), max(n) FROM (SELECT count(*) AS n FROM people_search_terms "
            "GROUP BY substr(term, 1, 2))"
        ).fetchone()
    print(f"term table: {terms:,} tokens, at most {widest:,} under one level and letter")
    conns = {p: sqlite3.connect(f"file:{path}?mode=ro", uri=True) for p, path in paths.items()}
    qs = queries(args.queries)
    shorts = short_prefixes()
    flat = [q for n in sorted(shorts) for q in shorts[n]]
    gc.collect()
    gc.freeze()  # what the kiosk does after start-up
    every, slow = interleaved(conns, qs, args.rounds)
    _, per = interleaved(conns, flat, args.rounds)
    first = args.contenders[0]
    base_p95 = statistics.quantiles(every[first], n=100)[94]
    print(f"warm search, {len(qs)} queries x {args.rounds} rounds, interleaved:")
    for prefix in args.contenders:
        cuts = statistics.quantiles(every[prefix], n=100)
        medians = {q: statistics.median(ts) for q, ts in per[prefix].items()}
        worst = {n: max(shorts[n], key=medians.__getitem__) for n in shorts}
        print(
            f"  [{prefix or 'none'}] p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms "
            f"({cuts[94] / base_p95:.2f}x), p99 {cuts[98]:.2f} ms; short prefixes, worst "
            + ", ".join(f"{n} letters {worst[n]!r} {medians[worst[n]]:.2f} ms" for n in shorts)
        )
        slowest = sorted(slow[prefix].items(), key=lambda item: -statistics.median(item[1]))[:4]
        print(
            "    slowest: " + "; ".join(f"{q!r} {statistics.median(t):.1f} ms" for q, t in slowest)
        )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    compare_results(conns, flat)
    for prefix, path in paths.items():
        firsts = [
            f"{q!r} {first_query(path, prefix, q):.1f} ms" for q in ("М", "Мам", "Мамедов Али")
        ]
        print(f"  [{prefix or 'none'}] first query of a new process: " + ", ".join(firsts))
    for conn in conns.values():
        conn.close()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
