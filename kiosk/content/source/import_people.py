"""``import-people``: add or update a bundle's people from a CSV file, streamed.

The CSV has a header line naming any of people.csv's columns (docs/content-format.md); only
``name`` is needed (or, instead, ``surname``/``given_name``: the name is then those parts
joined). A ``name`` alone is kept as the name as recorded, not split: "Məmmədov Əli" and
"Ali Mammadov" put the surname first and last, and guessing would be wrong half the time; the
search reads its words anyway. A row whose ``key`` is already in the bundle updates that
person with the cells it fills (an empty cell never erases what the bundle knows); a row
with a new key, or with none, adds one (a row with no key gets ``person-<id>``). Places,
sources and photos are named by their keys, which must be in the bundle already.

Nothing half-done is ever left: the bundle is copied beside itself, the copy migrated to the
newest schema, filled, ordered, indexed, vacuumed and validated, and only then renamed over
the bundle. A bad row is reported by its line and field and left out (with ``strict``,
nothing is written at all). A bundle is a curator's working file here, not the kiosk's copy:
``publish`` takes it to a kiosk.

``read_people`` is the reading and checking alone (no bundle): each row of the CSV, checked
against the keys given, as the bundle's columns and as the people.csv cells it fills. The
import uses it, and so does the studio, which imports into a source folder, not a bundle.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Final

import sqlite_utils

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.fileio import copy_hashed, fsync_path
from kiosk.content.names.index import default_display
from kiosk.content.publish import PublishError, _replace_with_retry
from kiosk.content.reader import check_readable
from kiosk.content.records import PartialDate
from kiosk.content.schema import create_or_migrate
from kiosk.content.source.files import SourceProblem, SourceReader
from kiosk.content.source.people import index_people
from kiosk.content.tempfiles import remove_stale, temp_name
from kiosk.content.validate import Report, validate_bundle
from kiosk.content.validate.values import MAX_AGE, age_range, compare_dates

PEOPLE: Final = tables.table("people")
COLUMNS: Final = PEOPLE.source_columns
_BATCH: Final = 5000
# At most this many bad rows are kept to report (every one is counted).
MAX_LISTED: Final = 1000


class ImportFailed(Exception):
    """The file cannot be imported at all (no usable header, not UTF-8 CSV, a bundle the
    result of which would not validate). The message is meant for a curator."""


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


def life_problems(
    birth: PartialDate | None, death: PartialDate | None, age: int | None
) -> list[tuple[str, str]]:
    """What is wrong between a person's dates and age, as (field, message)."""
    out: list[tuple[str, str]] = []
    ordered = birth is None or death is None or compare_dates(birth.value, death.value) <= 0
    if not ordered:
        assert birth is not None and death is not None
        out.append(("death_date", f"{death.value} is before the date of birth ({birth.value})"))
    if age is not None and not 0 <= age <= MAX_AGE:
        out.append(("age", f"{age} is not an age (0 to {MAX_AGE})"))
    elif age is not None and birth and death and ordered:
        low, high = age_range(birth, death)
        if not low <= age <= high:
            out.append(
                (
                    "age",
                    f"{age} disagrees with the dates (born {birth.value}, died "
                    f"{death.value}: {low}{'' if high == low else f' to {high}'})",
                )
            )
    return out


def _rows(path: Path, problems: SourceReader) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of the CSV, streamed; the header checked first (ImportFailed)."""
    rel = path.name
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = [c.strip() for c in next(reader)]
        except StopIteration:
            raise ImportFailed(
                f"{path}: is empty (it needs a header line naming its columns)"
            ) from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFailed(f"{path}: is not UTF-8 CSV ({exc})") from None
        unknown = [c for c in header if c not in COLUMNS]
        if unknown:
            raise ImportFailed(
                f"{rel}, line 1: unknown column(s) {', '.join(repr(c) for c in unknown)}; the "
                f"columns are: {', '.join(COLUMNS)}"
            )
        twice = sorted({c for c in header if header.count(c) > 1})
        if twice:
            raise ImportFailed(f"{rel}, line 1: column(s) named twice: {', '.join(twice)}")
        if "name" not in header and not {"surname", "given_name"} & set(header):
            raise ImportFailed(f"{rel}, line 1: has no 'name' column (or 'surname' / 'given_name')")
        previous = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.problem(rel, reader.line_num, f"is not valid CSV ({exc})")
                return
            except UnicodeDecodeError:
                problems.problem(rel, previous + 1, "is not UTF-8 text; save the file as UTF-8")
                return
            line, previous = previous + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                problems.problem(
                    rel,
                    line,
                    f"has {len(cells)} cells but the header has {len(header)} columns (a comma "
                    "inside a text needs the text in double quotes)",
                )
                continue
            cells = cells[: len(header)] + [""] * (len(header) - len(cells))
            yield line, dict(zip(header, cells, strict=True))


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One good row of a people CSV, checked.

    ``values`` are the bundle's columns (references as the ids given to ``read_people``; the
    name made from its parts when the row has none); ``given`` the columns a non-empty cell
    fills (what an update of a known key sets); ``cells`` the people.csv columns the row fills,
    as a source folder writes them (text cleaned, dates with their precision, a choice in lower
    case, references by key; no name when the row gives only its parts: a new person's is in
    ``values``)."""

    line: int
    values: dict[str, Any]
    given: frozenset[str]
    cells: dict[str, str]


def read_people(
    csv_file: str | Path, checker: SourceReader, ids: dict[str, dict[str, int]]
) -> Iterator[PersonRow | None]:
    """Each row of ``csv_file``, read and checked as ``import_people`` does (the same header
    rules, the same problems by line and field, a key used twice in the file): a ``PersonRow``,
    or None for a bad row (its problems are in ``checker``, named by the file's name and line).
    ``ids`` holds the keys (with their ids) of the places, sources and media a row may name.
    Raises ImportFailed for a file that cannot be read as a people CSV at all."""
    source = Path(csv_file)
    if not source.is_file():
        raise ImportFailed(f"{source}: no such file")
    rel = source.name
    seen: set[str] = set()
    for line, raw in _rows(source, checker):
        values, given = _person(checker, rel, line, raw, ids=ids, seen=seen)
        yield (
            None
            if values is None
            else PersonRow(line, values, frozenset(given), _cells(values, raw))
        )


def _cells(values: dict[str, Any], raw: dict[str, str]) -> dict[str, str]:
    """The people.csv cells of a good row (see ``PersonRow.cells``)."""
    out: dict[str, str] = {}
    for name, cell in raw.items():
        if not cell.strip():
            continue
        column = PEOPLE.source_column(name)
        if column is None:
            continue
        if column.references:
            out[name] = cell.strip()
            continue
        for date in PEOPLE.dates:
            if column.name == date.value:
                out[date.precision] = _s(values.get(date.precision))
        out[name] = _s(values.get(column.name))
    return out


def _s(value: object) -> str:
    return "" if value is None else str(value)


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
            create_or_migrate(sqlite_utils.Database(conn))
            conn.execute("BEGIN")
            # Made again in one sort each once the rows are in (index_people).
            conn.execute("DROP INDEX IF EXISTS people_name")
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
    count = 0
    while True:
        chunk = list(islice(rows, _BATCH))
        if not chunk:
            break
        good = [(r.line, r.values, r.given) for r in chunk if r is not None]
        keys = [v["key"] for _, v, _ in good if v["key"]]
        existing: set[str] = set()
        for start in range(0, len(keys), 900):
            part = keys[start : start + 900]
            marks = ",".join("?" * len(part))
            existing.update(
                str(r[0])
                for r in conn.execute(f"SELECT key FROM people WHERE key IN ({marks})", part)
            )
        new: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for _line, values, given in good:
            key = values["key"]
            if key in existing:
                _update(conn, values, given)
                result.updated += 1
            else:
                values["id"] = next_id
                if not key:
                    values["key"] = f"person-{next_id}"
                next_id += 1
                new.setdefault(tuple(values), []).append(tuple(values.values()))
                result.added += 1
        for names, rows_of in new.items():
            conn.executemany(
                f"INSERT INTO people ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                rows_of,
            )
        count += len(chunk)
        if progress is not None:
            progress("rows", count)
    result.bad_rows = _count_bad(checker.problems)
    result.problems = checker.problems[:MAX_LISTED]


def _count_bad(problems: list[SourceProblem]) -> int:
    return len({(p.file, p.line) for p in problems})


def _update(conn: sqlite3.Connection, values: dict[str, Any], given: frozenset[str]) -> None:
    names = [n for n in values if n in given and n != "key"]
    if not names:
        return
    assignments = ", ".join(f"{n} = ?" for n in names)
    conn.execute(
        f"UPDATE people SET {assignments} WHERE key = ?",
        (*(values[n] for n in names), values["key"]),
    )


def _person(
    checker: SourceReader,
    rel: str,
    line: int,
    raw: dict[str, str],
    *,
    ids: dict[str, dict[str, int]],
    seen: set[str],
) -> tuple[dict[str, Any] | None, set[str]]:
    """The people columns of one CSV row, or None when it has a problem (reported)."""
    before = len(checker.problems)
    full = dict.fromkeys(COLUMNS, "")
    full.update(raw)
    values = checker.row(PEOPLE, full, rel, line, ids)
    # The columns an update sets: those whose cell is not empty (an empty cell never erases
    # what the bundle knows; export and build do that).
    given = set(_given(tuple(name for name, cell in raw.items() if cell.strip())))
    key = values["key"] = str(values.get("key") or "")
    if key:
        if not fmt.KEY_PATTERN.match(key):
            checker.problem(
                rel,
                line,
                f"key {key!r}: use letters, digits, '-', '_' and '.' only (at most 100, "
                "starting with a letter or digit)",
            )
        elif key in seen:
            checker.problem(rel, line, f"key {key!r} is used twice in this file")
        seen.add(key)
    name = values.get("name") or default_display(
        values.get("surname") or "", values.get("given_name") or "", values.get("patronymic") or ""
    )
    if not name:
        checker.problem(rel, line, "name: is empty (every person needs a name)")
    values["name"] = name  # for a new person; an update takes the name only as written
    birth = _date(values, "birth_date", "birth_precision")
    death = _date(values, "death_date", "death_precision")
    for name_of_field, message in life_problems(birth, death, values.get("age")):
        checker.problem(rel, line, f"{name_of_field}: {message}")
    for column in PEOPLE.columns:
        limits = column.limits
        text = values.get(column.name)
        if limits and isinstance(text, str) and len(text) > limits[1]:
            checker.problem(
                rel,
                line,
                f"{column.source_name}: is {len(text):,} characters; at most {limits[1]:,}",
            )
    if len(checker.problems) > before:
        return None, given
    return values, given


@lru_cache(maxsize=64)
def _given(header: tuple[str, ...]) -> frozenset[str]:
    """The bundle columns the CSV's columns fill (only those are updated for a known key)."""
    given: set[str] = set()
    for name in header:
        column = PEOPLE.source_column(name)
        if column is not None:
            given.add(column.name)
    for date in PEOPLE.dates:
        if date.value in given:
            given.add(date.precision)
    return frozenset(given)


def _date(values: dict[str, Any], value: str, precision: str) -> PartialDate | None:
    text, kind = values.get(value), values.get(precision)
    if not text or not kind:
        return None
    try:
        return PartialDate.parse(str(text), str(kind))
    except ValueError:
        return None
