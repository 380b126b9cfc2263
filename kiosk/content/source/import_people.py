"""``import-people``: add or update a bundle's people from a CSV file, streamed.

The CSV has a header line naming any of people.csv's columns (docs/content-format.md); only
``name`` is needed (or, instead, ``surname``/``given_name``: the name is then those parts
joined). A ``name`` alone is kept as the name as recorded, not split: "Məmmədov Əli" and
"Ali Mammadov" put the surname first and last, and guessing would be wrong half the time; the
search reads its words anyway. A row whose ``key`` is already in the bundle updates that
person with the cells it fills (an empty cell never erases what the bundle knows); a row
with a new key, or with none, adds one (a row with no key gets ``person-<n>``, numbered on
from every ``person-N`` key the bundle has). Places,
sources and photos are named by their keys, which must be in the bundle already.

Nothing half-done is ever left: the bundle is copied beside itself, the copy migrated to the
newest schema, filled, ordered, indexed, vacuumed and validated, and only then renamed over
the bundle. A bad row is reported by its line and field and left out (with ``strict``,
nothing is written at all). A bundle is a curator's working file here, not the kiosk's copy:
``publish`` takes it to a kiosk.

``read_people`` (``people_csv``) is the reading and checking alone (no bundle): each row of
the CSV, checked against the keys given, as the bundle's columns and as the people.csv cells
it fills. The import uses it, and so does the studio, which imports into a source folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Final

import sqlite_utils

from kiosk.content.fileio import copy_hashed, fsync_path
from kiosk.content.publish import PublishError, _replace_with_retry
from kiosk.content.reader import check_readable
from kiosk.content.schema import compact_sql, create_or_migrate
from kiosk.content.source.files import SourceProblem, SourceReader
from kiosk.content.source.people import REBUILT_INDEXES, index_people
from kiosk.content.source.people_csv import (
    COLUMNS,
    PEOPLE,
    ImportFailed,
    PersonRow,
    life_problems,
    read_people,
)
from kiosk.content.tables import SCHEMA_VERSION, read_sql
from kiosk.content.tables.people import NAME_PARTS, name_to_store
from kiosk.content.tempfiles import remove_stale, temp_name
from kiosk.content.validate import Report, validate_bundle

__all__ = [
    "COLUMNS",
    "MAX_LISTED",
    "PEOPLE",
    "ImportFailed",
    "ImportResult",
    "PersonRow",
    "import_people",
    "life_problems",
    "read_people",
]

_BATCH: Final = 5000
# At most this many bad rows are kept to report (every one is counted).
MAX_LISTED: Final = 1000
# A name is stored once (schema 4): '' when it is its parts joined (tables.people).
_NAME_COLUMN: Final = PEOPLE.column("name")
_PARTS: Final = frozenset(NAME_PARTS)
# The working copy's own index of the people's keys, while rows are matched to them.
_KEY_INDEX: Final = "people_key_while_importing"


@dataclass
class ImportResult:
    bundle: Path
    added: int = 0
    updated: int = 0
    bad_rows: int = 0
    problems: list[SourceProblem] = field(default_factory=list)
    written: bool = False
    people: int = 0
    report: Report | None = None


def _key_ids(conn: sqlite3.Connection, table: str) -> dict[str, int]:
    return {str(k): int(i) for i, k in conn.execute(f"SELECT id, key FROM {table}")}


def import_people(
    bundle: str | Path,
    csv_file: str | Path,
    *,
    strict: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> ImportResult:
    """Add or update ``bundle``'s people from ``csv_file`` (see the module's docstring).

    ``progress(stage, count)`` is called as it goes (stage ``rows`` with the rows read,
    ``index`` with the people indexed). Raises BundleError (an unreadable bundle),
    ImportFailed (a file that cannot be imported, or a result that does not validate: the
    bundle is then untouched) or OSError.
    """
    target = Path(bundle)
    source = Path(csv_file)
    check_readable(target)
    if not source.is_file():
        raise ImportFailed(f"{source}: no such file")
    result = ImportResult(target)
    remove_stale(target, "importing")
    tmp = temp_name(target, "importing")
    try:
        with target.open("rb") as src, tmp.open("wb") as out:
            copy_hashed(src, out)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            # A private copy: no journal needed (a failure throws the copy away).
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -200000")
            conn.execute("PRAGMA temp_store = MEMORY")  # the sorts of ranks and indexes
            create_or_migrate(sqlite_utils.Database(conn))
            conn.execute("BEGIN")
            # Made again in one sort each once the rows are in (index_people): a million
            # inserts then update the table and its key alone.
            for index in sorted(REBUILT_INDEXES):
                conn.execute(f"DROP INDEX IF EXISTS {index}")
            _fill(conn, source, result, progress)
            if strict and result.bad_rows:
                conn.execute("ROLLBACK")
                return result
            conn.execute("COMMIT")
            result.people = index_people(
                conn, (lambda n: progress("index", n)) if progress else None
            )
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("VACUUM")
        finally:
            conn.close()
        fsync_path(tmp)
        # The rows imported were checked on their way in, and their index was just made
        # from them: the rest of the bundle is checked as ever (people's keys and the
        # references to them too, in SQL).
        report = validate_bundle(tmp, trusted=("people",))
        result.report = report
        if not report.ok:
            first = report.errors[0] if report.errors else "not readable"
            raise ImportFailed(
                f"nothing was written: with these people the bundle would have "
                f"{report.error_count} error(s) (first: {first})"
            )
        try:
            _replace_with_retry(tmp, target, 10.0, time.sleep, os.replace)
        except PublishError as exc:
            raise ImportFailed(str(exc)) from None
        result.written = True
        return result
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _fill(
    conn: sqlite3.Connection,
    source: Path,
    result: ImportResult,
    progress: Callable[[str, int], None] | None,
) -> None:
    checker = SourceReader(source.parent)
    ids = {name: _key_ids(conn, name) for name in ("places", "sources", "media")}
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM people").fetchone()[0])
    rows = read_people(source, checker, ids)
    # With nobody in the bundle yet (a first import), no key can be known already. Else the
    # keys are looked up through an index of the working copy alone (a bundle has none from
    # schema 5), dropped before the people are ordered and the copy vacuumed.
    anyone = conn.execute("SELECT 1 FROM people LIMIT 1").fetchone() is not None
    if anyone:
        conn.execute(f"CREATE INDEX {_KEY_INDEX} ON people(key)")
    count = 0
    keyless = False
    while True:
        chunk = list(islice(rows, _BATCH))
        if not chunk:
            break
        good = [r for r in chunk if r is not None]
        existing = _known_keys(conn, [r.values["key"] for r in good]) if anyone else set()
        # Every row of one file fills the same columns: one INSERT naming those (the others
        # take their defaults).
        new: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row in good:
            values = row.values
            key = values["key"]
            if key and key in existing:
                _update(conn, values, row.given)
                result.updated += 1
                continue
            values["id"] = next_id
            values["name"] = name_to_store(values)
            if not key:  # named once every row is in (_name_keyless)
                values["key"] = ""
                keyless = True
            next_id += 1
            names = (*row.columns, "id") if row.columns else tuple(values)
            new.setdefault(names, []).append(tuple([values[n] for n in names]))
            result.added += 1
        for names, rows_of in new.items():
            conn.executemany(
                f"INSERT INTO people ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                rows_of,
            )
        count += len(chunk)
        if progress is not None:
            progress("rows", count)
    if keyless:
        _name_keyless(conn)
    conn.execute(f"DROP INDEX IF EXISTS {_KEY_INDEX}")
    result.bad_rows = _count_bad(checker.problems)
    result.problems = checker.problems[:MAX_LISTED]


def _known_keys(conn: sqlite3.Connection, keys: list[str]) -> set[str]:
    """Those of ``keys`` the bundle's people have already."""
    keys = [k for k in keys if k]
    found: set[str] = set()
    for start in range(0, len(keys), 900):
        part = keys[start : start + 900]
        marks = ",".join("?" * len(part))
        found.update(
            str(r[0]) for r in conn.execute(f"SELECT key FROM people WHERE key IN ({marks})", part)
        )
    return found


def _name_keyless(conn: sqlite3.Connection) -> None:
    """Give the people added without a key ``person-<n>``, numbered on from every such key
    the bundle has (the file's own keys included, all in by now): no key is ever shared, and
    a later row can never be taken for one of them. A key whose number is too long to be
    one of ours is left out of the count (it cannot clash)."""
    top = conn.execute(
        "SELECT max(CAST(substr(key, 8) AS INTEGER)) FROM people "
        "WHERE key GLOB 'person-[0-9]*' AND length(key) <= 22"
    ).fetchone()[0]
    first = conn.execute("SELECT min(id) FROM people WHERE key = ''").fetchone()[0]
    offset = int(top or 0) + 1 - int(first)
    conn.execute("UPDATE people SET key = 'person-' || (id + ?) WHERE key = ''", (offset,))


def _count_bad(problems: list[SourceProblem]) -> int:
    return len({(p.file, p.line) for p in problems})


def _update(conn: sqlite3.Connection, values: dict[str, Any], given: frozenset[str]) -> None:
    names = [n for n in values if n in given and n != "key"]
    if not names:
        return
    assignments = [f"{n} = ?" for n in names]
    if "name" not in given and _PARTS & given:
        # New parts leave the name as recorded as it was: written out in full first (the
        # expressions of an UPDATE read the row as it was), stored once again below.
        assignments.append(f"name = {read_sql(_NAME_COLUMN, SCHEMA_VERSION)}")
    conn.execute(
        f"UPDATE people SET {', '.join(assignments)} WHERE key = ?",
        (*(values[n] for n in names), values["key"]),
    )
    conn.execute(f"{compact_sql(PEOPLE, _NAME_COLUMN)} AND key = ?", (values["key"],))
