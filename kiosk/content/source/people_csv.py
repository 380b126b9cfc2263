"""Reading and checking a people CSV (``import-people``, and the studio's import), streamed.

The CSV has a header line naming any of people.csv's columns (docs/content-format.md); only
``name`` is needed (or, instead, ``surname``/``given_name``: the name is then those parts
joined). ``read_people`` yields each row checked: the same checks, messages and order as the
build's generic row reader (``SourceReader.row`` on the people table's description), then a
key used twice in the file, an empty name, dates that disagree with the age, and texts over
their limit, each named by the file's line and the field.

A million rows are read in well under a minute: the checks are *compiled* once per header
(``RowChecker``): the header's columns only, each with its own check, and a constant for
every column the file does not have. tests/content/test_people_csv.py holds the compiled
checks to the generic reader's answers, value for value and message for message.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.names.index import default_display
from kiosk.content.records import PartialDate
from kiosk.content.source.files import SourceReader
from kiosk.content.tables import Column
from kiosk.content.validate.values import MAX_AGE, age_range, compare_dates

PEOPLE: Final = tables.table("people")
COLUMNS: Final = PEOPLE.source_columns
# Any character SourceReader.clean would change or refuse besides the outer spaces: a text
# without one is simply stripped.
_UNCLEAN: Final = re.compile(r"[\x00-\x1f\x7f]")


class ImportFailed(Exception):
    """The file cannot be imported at all (no usable header, not UTF-8 CSV, a bundle the
    result of which would not validate). The message is meant for a curator."""


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


def check_header(path: Path, header: list[str]) -> None:
    """Raise ImportFailed unless ``header`` names people.csv's columns, each once, a name
    among them."""
    rel = path.name
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


def csv_rows(path: Path, problems: SourceReader) -> Iterator[tuple[int, list[str]]]:
    """(0, the header) first, then (line, cells) of each row with a cell filled, streamed;
    the cells as many as the header's columns. Raises ImportFailed."""
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
        check_header(path, header)
        yield 0, header
        width, previous = len(header), 1
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
            if len(cells) != width:
                if len(cells) > width and any(c.strip() for c in cells[width:]):
                    problems.problem(
                        rel,
                        line,
                        f"has {len(cells)} cells but the header has {width} columns (a comma "
                        "inside a text needs the text in double quotes)",
                    )
                    continue
                cells = cells[:width] + [""] * (width - len(cells))
            if not any(c.strip() for c in cells):
                continue
            yield line, cells


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One good row of a people CSV, checked.

    ``values`` are the bundle's columns (references as the ids given to ``read_people``; the
    name made from its parts when the row has none); ``given`` the columns a non-empty cell
    fills (what an update of a known key sets); ``header`` and ``row`` the file's columns and
    the row's cells.
    ``cells`` are the people.csv columns the row fills, as a source folder writes them (text
    cleaned, dates with their precision, a choice in lower case, references by key; no name
    when the row gives only its parts: a new person's is in ``values``)."""

    line: int
    values: dict[str, Any]
    given: frozenset[str]
    header: list[str]
    row: list[str]
    # The columns the file can fill (the others hold their defaults), in ``values``' order:
    # what an insert names. One tuple for every row of a file.
    columns: tuple[str, ...] = ()

    @property
    def cells(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, cell in zip(self.header, self.row, strict=True):
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
                    out[date.precision] = _s(self.values.get(date.precision))
            out[name] = _s(self.values.get(column.name))
        return out


def _s(value: object) -> str:
    return "" if value is None else str(value)


# One column's check: (cells by header position, line) -> None; it sets ``values``.
_Check = Callable[[list[str], int, dict[str, Any]], None]


class RowChecker:
    """The checks of one header, made once (see the module's docstring)."""

    def __init__(
        self, header: list[str], checker: SourceReader, rel: str, ids: dict[str, dict[str, int]]
    ) -> None:
        self.header = header
        self.checker = checker
        self.rel = rel
        self.ids = ids
        at = {name: i for i, name in enumerate(header)}
        # The values of the columns the file does not have: the generic reader's answer to
        # an empty row (no problem, no value that depends on a line).
        self.defaults = checker.row(PEOPLE, {}, rel, 0, ids)
        self.checks: list[_Check] = []
        precisions = {d.precision: d for d in PEOPLE.dates}
        dates = {d.value: d for d in PEOPLE.dates}
        for column in PEOPLE.columns:
            name = column.source_name
            if name not in COLUMNS or column.name in precisions:
                continue
            date = dates.get(column.name)
            if date is not None:
                if name in at or date.precision in at:
                    self.checks.append(self._date(column, at.get(name), at.get(date.precision)))
            elif name in at:
                self.checks.append(self._column(column, at[name]))
        filled = {"key", "name"}
        for column in PEOPLE.columns:
            date = dates.get(column.name)
            if column.source_name in at or (date is not None and date.precision in at):
                filled.add(column.name)
                if date is not None:
                    filled.add(date.precision)
        self.columns = tuple(name for name in self.defaults if name in filled)
        self.limited = tuple(
            (c.name, c.source_name, c.limits[1])
            for c in PEOPLE.columns
            if c.limits and (c.source_name in at or c.name == "name")
        )
        self._given: dict[tuple[bool, ...], frozenset[str]] = {}
        self.seen: set[str] = set()  # the keys so far: a key used twice is a problem

    def _date(self, column: Column, value_at: int | None, precision_at: int | None) -> _Check:
        date = next(d for d in PEOPLE.dates if d.value == column.name)
        name, rel, check = column.source_name, self.rel, self.checker.date

        def run(cells: list[str], line: int, out: dict[str, Any]) -> None:
            value = cells[value_at] if value_at is not None else ""
            precision = cells[precision_at] if precision_at is not None else ""
            if value or precision:
                out[date.value], out[date.precision] = check(value, precision, rel, line, name)

        return run

    def _column(self, column: Column, at: int) -> _Check:
        name, rel, field, reader = column.source_name, self.rel, column.name, self.checker
        if column.name == "key":

            def key(cells: list[str], _line: int, out: dict[str, Any]) -> None:
                out["key"] = cells[at].strip()

            return key
        if column.references:
            target = tables.table(column.references)
            ids, what = self.ids.get(target.name, {}), target.noun

            def ref(cells: list[str], line: int, out: dict[str, Any]) -> None:
                if cells[at]:
                    out[field] = reader.ref(cells[at], ids, what=what, at=(rel, line), name=name)

            return ref
        if column.choices:

            def choice(cells: list[str], line: int, out: dict[str, Any]) -> None:
                cell = cells[at]
                if cell.strip() or column.not_null:
                    out[field] = reader.choice(column, cell, rel, line)

            return choice
        if column.type == "INTEGER":

            def integer(cells: list[str], line: int, out: dict[str, Any]) -> None:
                if cells[at]:
                    out[field] = reader.integer(cells[at], rel, line, name)

            return integer
        empty = None if not column.not_null else column.default

        def text(cells: list[str], line: int, out: dict[str, Any]) -> None:
            cell = cells[at]
            if not cell:
                return
            if _UNCLEAN.search(cell) is None:
                cleaned = cell.strip()
            else:
                cleaned = reader.clean(cell, rel, line, name)
            out[field] = cleaned if cleaned or column.not_null else empty

        return text

    def given(self, cells: list[str]) -> frozenset[str]:
        """The bundle columns the row's non-empty cells fill (an update sets only those)."""
        filled = tuple(map(bool, map(str.strip, cells)))
        found = self._given.get(filled)
        if found is None:
            found = _given(tuple(n for n, f in zip(self.header, filled, strict=True) if f))
            self._given[filled] = found
        return found

    def values(self, cells: list[str], line: int) -> dict[str, Any]:
        """The bundle columns of one row, checked as ``SourceReader.row`` checks them, then
        as a whole person (``person``)."""
        out = dict(self.defaults)
        for check in self.checks:
            check(cells, line, out)
        self.person(out, line)
        return out

    def person(self, values: dict[str, Any], line: int) -> None:
        """The checks of a whole person (key, name, dates and age, lengths), reported."""
        checker, rel = self.checker, self.rel
        key = values["key"] = str(values.get("key") or "")
        if key:
            if not fmt.KEY_PATTERN.match(key):
                checker.problem(
                    rel,
                    line,
                    f"key {key!r}: use letters, digits, '-', '_' and '.' only (at most 100, "
                    "starting with a letter or digit)",
                )
            elif key in self.seen:
                checker.problem(rel, line, f"key {key!r} is used twice in this file")
            self.seen.add(key)
        name = values.get("name") or default_display(
            values.get("surname") or "",
            values.get("given_name") or "",
            values.get("patronymic") or "",
        )
        if not name:
            checker.problem(rel, line, "name: is empty (every person needs a name)")
        values["name"] = name  # for a new person; an update takes the name only as written
        if values.get("birth_date") or values.get("death_date") or values.get("age") is not None:
            birth = _date(values, "birth_date", "birth_precision")
            death = _date(values, "death_date", "death_precision")
            for name_of_field, message in life_problems(birth, death, values.get("age")):
                checker.problem(rel, line, f"{name_of_field}: {message}")
        for field, source_name, most in self.limited:
            text = values.get(field)
            if isinstance(text, str) and len(text) > most:
                checker.problem(
                    rel, line, f"{source_name}: is {len(text):,} characters; at most {most:,}"
                )


def _given(header: tuple[str, ...]) -> frozenset[str]:
    given: set[str] = set()
    for name in header:
        column = PEOPLE.source_column(name)
        if column is not None:
            given.add(column.name)
    for date in PEOPLE.dates:
        if date.value in given:
            given.add(date.precision)
    return frozenset(given)


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
    stream = csv_rows(source, checker)
    header = next(stream)[1]
    rows = RowChecker(header, checker, rel, ids)
    problems = checker.problems
    for line, cells in stream:
        before = len(problems)
        values = rows.values(cells, line)
        if len(problems) > before:
            yield None
        else:
            yield PersonRow(line, values, rows.given(cells), header, cells, rows.columns)


def _date(values: dict[str, Any], value: str, precision: str) -> PartialDate | None:
    text, kind = values.get(value), values.get(precision)
    if not text or not kind:
        return None
    try:
        return PartialDate.parse(str(text), str(kind))
    except ValueError:
        return None
