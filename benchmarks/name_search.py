"""Benchmark of the name search at scale, on SYNTHETIC names (issue 18).

Generates N obviously synthetic people (default 1,000,000): common Azerbaijani name stems
combined at random into compound surnames, recorded in Azerbaijani Latin, Russian Cyrillic or
English transcription, each keyed ``synthetic-NNNNNNN``. They are spelling material, not
people; nothing here is written anywhere but a temporary folder.

Prints: build time, index size (each FTS5 table: level 2 in ``people_search``, levels 1 and
3 in ``people_search_plain``; the term table; the names, which a bundle does not copy), warm
search p50/p95/p99 over a few hundred varied queries, and the first query of a new process
(a subprocess). benchmarks/name_prefixes.py compares the index in one table (built before
schema 5) with this one, interleaved. Goals: p95 < 10 ms warm, first query
< 100 ms, index <= 120 MB at 1M.

    .venv/bin/python benchmarks/name_search.py [--people N] [--queries N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kiosk.content.names import PersonNames, build_index, search

# (Azerbaijani Latin, Russian Cyrillic, English transcription) of common stems.
MALE = [
    ("Məmməd", "Мамед", "Mammad"),
    ("Əli", "Али", "Ali"),
    ("Həsən", "Гасан", "Hasan"),
    ("Hüseyn", "Гусейн", "Huseyn"),
    ("Qasım", "Гасым", "Gasim"),
    ("Cəfər", "Джафар", "Jafar"),
    ("İsmayıl", "Исмаил", "Ismayil"),
    ("Xəlil", "Халил", "Khalil"),
    ("Heydər", "Гейдар", "Heydar"),
    ("Kərim", "Керим", "Karim"),
    ("Rəhim", "Рагим", "Rahim"),
    ("Bağır", "Багир", "Bagir"),
    ("Səfər", "Сафар", "Safar"),
    ("Nəbi", "Наби", "Nabi"),
    ("Şükür", "Шукюр", "Shukur"),
    ("Oruc", "Орудж", "Oruj"),
    ("Hacı", "Гаджи", "Haji"),
    ("Əhməd", "Ахмед", "Ahmad"),
    ("Süleyman", "Сулейман", "Suleyman"),
    ("Musa", "Муса", "Musa"),
    ("Rza", "Рза", "Rza"),
    ("Quli", "Кули", "Guli"),
    ("Vəli", "Вели", "Vali"),
    ("Abbas", "Аббас", "Abbas"),
    ("Nəcəf", "Наджаф", "Najaf"),
    ("Tağı", "Таги", "Tagi"),
    ("Səməd", "Самед", "Samad"),
    ("Elçin", "Эльчин", "Elchin"),
    ("Vüqar", "Вугар", "Vugar"),
    ("Tofiq", "Тофик", "Tofig"),
    ("Rövşən", "Ровшан", "Rovshan"),
    ("Şahin", "Шахин", "Shahin"),
    ("İlham", "Ильхам", "Ilham"),
    ("Nadir", "Надир", "Nadir"),
    ("Vaqif", "Вагиф", "Vagif"),
    ("Rəşid", "Рашид", "Rashid"),
    ("Fərəc", "Фарадж", "Faraj"),
    ("Mehdi", "Мехти", "Mehdi"),
    ("Yusif", "Юсиф", "Yusif"),
    ("Zaur", "Заур", "Zaur"),
]
FEMALE = [
    ("Gülnarə", "Гюльнара", "Gulnara"),
    ("Xədicə", "Хадиджа", "Khadija"),
    ("Sevinc", "Севиндж", "Sevinj"),
    ("Leyla", "Лейла", "Leyla"),
    ("Zülfiyyə", "Зульфия", "Zulfiyya"),
    ("Aynur", "Айнур", "Aynur"),
    ("Nərgiz", "Наргиз", "Nargiz"),
    ("Zəhra", "Захра", "Zahra"),
    ("Səbinə", "Сабина", "Sabina"),
    ("Lalə", "Лала", "Lala"),
    ("Aygün", "Айгюн", "Aygun"),
    ("Könül", "Кёнюль", "Konul"),
    ("Şəhla", "Шахла", "Shahla"),
    ("Təranə", "Тарана", "Tarana"),
    ("Xanım", "Ханым", "Khanim"),
]
AZ, RU, EN = 0, 1, 2
LANGS = ("az", "ru", "en")
VOWELS = set("aeiouəıöüаеиоуыэюяё")


def _surname(stem: str, second: str, script: int, female: bool) -> str:
    base = stem + second.lower()
    soft = base[-1].lower() in VOWELS
    ending = (
        ("yev", "ev", "yev")[script] if soft else ("ov", "ов", "ov")[script] if script else "ov"
    )
    if script == RU and soft:
        ending = "ев"
    if female:
        ending += "а" if script == RU else "a"
    return base + ending


def _patronymic(father: tuple[str, str, str], script: int, female: bool, rng: random.Random) -> str:
    name = father[script]
    if script == RU and rng.random() < 0.5:
        soft = name[-1].lower() in VOWELS
        return name + (("евна" if soft else "овна") if female else ("евич" if soft else "ович"))
    word = (("qızı", "кызы", "kizi") if female else ("oğlu", "оглы", "oglu"))[script]
    return f"{name} {word}"


def synthetic_people(n: int, seed: int = 18) -> Iterator[PersonNames]:
    """N SYNTHETIC people: stems combined at random; keys say synthetic."""
    rng = random.Random(seed)
    for i in range(n):
        script = rng.choices((AZ, RU, EN), weights=(6, 3, 1))[0]
        female = rng.random() < 0.45
        stem = rng.choice(MALE)
        second = rng.choice(MALE)[script] if rng.random() < 0.7 else ""
        given = rng.choice(FEMALE if female else MALE)[script]
        yield PersonNames(
            key=f"synthetic-{i:07d}",
            surname=_surname(stem[script], second, script, female),
            given=given,
            patronymic=_patronymic(rng.choice(MALE), script, female, rng),
            lang=LANGS[script],
        )


def queries(n: int, seed: int = 7) -> list[str]:
    """Varied queries: whole names in any script, typing prefixes, no diacritics, word order."""
    rng = random.Random(seed)
    people = list(synthetic_people(2000, seed=seed))
    out: list[str] = []
    for i in range(n):
        p = rng.choice(people)
        kind = i % 8
        if kind == 0:
            q = p.surname
        elif kind == 1:
            q = f"{p.given} {p.surname}"
        elif kind == 2:
            q = f"{p.surname} {p.given[: rng.randint(1, len(p.given))]}"  # typing
        elif kind == 3:
            q = p.surname[: rng.randint(1, 5)]  # the first letters
        elif kind == 4:
            stem = rng.choice(MALE)
            q = _surname(stem[rng.randint(0, 2)], "", rng.randint(0, 2), False)  # any script
        elif kind == 5:
            q = f"{p.patronymic} {p.given}"
        elif kind == 6:
            q = p.surname.translate(str.maketrans("əıüöşçğƏİÜÖŞÇĞ", "eiuoscgEIUOSCG"))
        else:
            q = f"{rng.choice(MALE)[0]} {rng.choice(MALE)[1]}ов"  # likely nobody: weak tiers
        out.append(q)
    return out


_FIRST_QUERY = """
import time
t0 = time.perf_counter()
import sqlite3
from kiosk.content.names import search
conn = sqlite3.connect("file:{path}?mode=ro", uri=True)
t1 = time.perf_counter()
found = search(conn, {query!r})
t2 = time.perf_counter()
print(f"{{(t1 - t0) * 1000:.1f}} {{(t2 - t1) * 1000:.1f}} {{len(found)}}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--keep", type=Path, help="build the index here and keep it")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="name-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "names.sqlite"
    path.unlink(missing_ok=True)
    print(f"SYNTHETIC: {args.people:,} generated names (common stems combined; not people)")
    print(f"index file: {path}")

    conn = sqlite3.connect(path)
    t = time.perf_counter()
    count = build_index(conn, synthetic_people(args.people), [("Мехти", "Mehdi")])
    build_s = time.perf_counter() - t
    size_mb = path.stat().st_size / 1e6
    print(f"build: {count:,} people in {build_s:.1f} s ({count / build_s:,.0f}/s)")
    print(f"file after build: {size_mb:.1f} MB (with the pages FTS5's merges freed)")
    t = time.perf_counter()
    conn.execute("VACUUM")
    vacuum_s = time.perf_counter() - t
    size_mb = path.stat().st_size / 1e6
    print(
        f"index size after VACUUM ({vacuum_s:.1f} s): {size_mb:.1f} MB "
        f"({size_mb * 1e6 / max(count, 1):.0f} bytes/person), of which:"
    )
    try:
        sizes = dict(conn.execute("SELECT name, sum(pgsize) / 1e6 FROM dbstat GROUP BY name"))
    except sqlite3.Error:
        sizes = {}
        print("  (no dbstat in this SQLite)")
    for table in ("people_search", "people_search_plain"):  # FTS5: its shadow tables
        mb = sum(sizes.get(f"{table}_{part}", 0.0) for part in ("data", "idx", "config"))
        print(f"  FTS5 {table}: {mb:.1f} MB")
    for table in ("people_search_terms", "people_search_names"):
        print(f"  {table}: {sizes.get(table, 0.0):.1f} MB")
    conn.close()

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    qs = queries(args.queries)
    gc.collect()
    gc.freeze()  # what the kiosk does after start-up
    for q in qs:  # warm the page cache and the key caches
        search(conn, q)
    times: list[float] = []
    cpu: list[float] = []
    results: list[int] = []
    for q in qs:
        t, c = time.perf_counter(), time.process_time()
        found = search(conn, q)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        results.append(len(found))
    cuts = statistics.quantiles(times, n=100)
    cpu_cuts = statistics.quantiles(cpu, n=100)
    print(
        f"search warm over {len(qs)} queries: p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms, "
        f"p99 {cuts[98]:.2f} ms, max {max(times):.2f} ms (CPU time p95 {cpu_cuts[94]:.2f} ms, "
        f"p99 {cpu_cuts[98]:.2f} ms); {sum(1 for r in results if r == 0)} queries found nobody"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    worst = sorted(zip(times, qs, strict=True), reverse=True)[:5]
    print("slowest: " + "; ".join(f"{q!r} {ms:.1f} ms" for ms, q in worst))
    conn.close()

    root = Path(__file__).resolve().parents[1]
    for query in ("Мамедов Али", "Huseynov El"):
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_QUERY.format(path=path, query=query)],
            check=True,
            capture_output=True,
            text=True,
            cwd=root,
        ).stdout.split()
        wall = (time.perf_counter() - t) * 1000
        print(
            f"first query of a new process ({query!r}): {float(out[1]):.1f} ms "
            f"(import + open {float(out[0]):.1f} ms; whole process {wall:.0f} ms; "
            f"{out[2]} results)"
        )
    if not args.keep:
        path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
