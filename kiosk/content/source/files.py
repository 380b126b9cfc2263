"""Reading the files of a source folder: text, CSV, TOML, and each kind of value in them.

Every problem is collected (file, line, message) rather than raised, so that the build can
list them all at once.
"""

from __future__ import annotations

import csv
import io
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.records import PartialDate, Precision
from kiosk.content.tables import Column, DateField, Table

_SHAPE_PRECISION = {4: Precision.YEAR, 7: Precision.MONTH, 10: Precision.DAY, 16: Precision.TIME}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """One thing wrong in a source folder: the file (relative, with '/'), line, and message."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


class BuildError(Exception):
    """The source folder cannot be built; ``problems`` lists every reason found."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "the source cannot be built"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


@dataclass
class SourceContent:
    """A parsed source folder: rows ready for the bundle's tables, ids already assigned."""

    exhibit: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class SourceReader:
    """A source folder being read, and the problems found so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[SourceProblem] = []

    def problem(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(SourceProblem(file, line, message))

    # -- files -----------------------------------------------------------------------------
    def read_text(self, rel: str) -> str | None:
        path = self.root / rel
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(rel, None, f"cannot be read ({exc.strerror or exc})")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            self.problem(rel, line, "is not UTF-8 text; save the file as UTF-8")
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def toml(self, rel: str, text: str, offset: int = 0) -> dict[str, Any] | None:
        """``text`` (lines ``offset`` + 1 on of ``rel``) read as TOML; None, and a problem
        naming the line, when it is not valid TOML."""
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, message = toml_error(exc, offset)
            self.problem(rel, line, message)
            return None

    def clean(self, value: str, rel: str, line: int | None, name: str) -> str:
        """Trim a text value and refuse control characters (they are never content)."""
        text = trimmed(value)
        bad = _CONTROL.search(text)
        if bad:
            self.problem(
                rel, line, f"{name}: has an invisible control character (U+{ord(bad[0]):04X})"
            )
        return text

    def read_csv(self, rel: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
        """The rows of a CSV file as (line, {column: text}); a missing file has no rows."""
        if not (self.root / rel).exists():
            return []
        text = self.read_text(rel)
        if text is None:
            return []
        reader = csv.reader(io.StringIO(text), strict=True)
        rows: list[tuple[int, dict[str, str]]] = []
        header: list[str] | None = None
        previous = 0
        try:
            for cells in reader:
                line = previous + 1
                previous = reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header = [c.strip() for c in cells]
                    if not self._check_header(rel, header, columns):
                        return []
                    continue
                values = list(cells)
                if len(values) > len(header):
                    if any(c.strip() for c in values[len(header) :]):
                        self.problem(
                            rel,
                            line,
                            f"has {len(values)} cells but the header has {len(header)} columns "
                            "(a comma inside a text needs the text in double quotes)",
                        )
                        continue
                    values = values[: len(header)]
                values += [""] * (len(header) - len(values))
                row = dict.fromkeys(columns, "")
                row.update(zip(header, values, strict=True))
                rows.append((line, row))
        except csv.Error as exc:
            self.problem(rel, reader.line_num, f"is not valid CSV ({exc})")
        return rows

    def _check_header(self, rel: str, header: list[str], columns: tuple[str, ...]) -> bool:
        ok = True
        unknown = [c for c in header if c not in columns]
        if unknown:
            self.problem(
                rel,
                1,
                f"unknown column(s) {', '.join(repr(c) for c in unknown)}; "
                f"the columns are: {', '.join(columns)}",
            )
            ok = False
        duplicates = sorted({c for c in header if header.count(c) > 1})
        if duplicates:
            self.problem(rel, 1, f"column(s) named twice: {', '.join(duplicates)}")
            ok = False
        if "key" in columns and "key" not in header:
            self.problem(rel, 1, "has no 'key' column")
            ok = False
        return ok

    # -- values ----------------------------------------------------------------------------
    def keys(self, entries: Iterable[tuple[str, int | None, str]]) -> dict[str, int]:
        """Check keys (plain, unique) given as (file, line, key); ids are 1, 2, 3 in order."""
        ids: dict[str, int] = {}
        first: dict[str, tuple[str, int | None]] = {}
        for rel, line, key in entries:
            if not key:
                self.problem(rel, line, "key: is empty (every row needs a key)")
            elif not fmt.KEY_PATTERN.match(key):
                self.problem(
                    rel,
                    line,
                    f"key {key!r}: use letters, digits, '-', '_' and '.' only "
                    "(at most 100, starting with a letter or digit)",
                )
            elif key in first:
                where_file, where_line = first[key]
                at = where_file if where_line is None else f"{where_file}, line {where_line}"
                self.problem(rel, line, f"key {key!r} is used twice (first in {at})")
            else:
                first[key] = (rel, line)
            ids.setdefault(key, len(ids) + 1)
        return ids

    def ref(
        self, value: str, ids: dict[str, int], *, what: str, at: tuple[str, int | None], name: str
    ) -> int | None:
        rel, line = at
        value = value.strip()
        if not value:
            return None
        if value not in ids:
            self.problem(rel, line, f"{name}: there is no {what} with the key {value!r}")
            return None
        return ids[value]

    def date(
        self, value: str, precision: str, rel: str, line: int | None, name: str
    ) -> tuple[str | None, str | None]:
        value, precision = value.strip(), precision.strip().lower()
        if not value:
            if precision:
                self.problem(rel, line, f"{name}: a precision ({precision}) but no date")
            return None, None
        if not precision:
            guessed = _SHAPE_PRECISION.get(len(value))
            precision = guessed.value if guessed else "day"
        try:
            parsed = PartialDate.parse(value, precision)
        except ValueError as exc:
            self.problem(rel, line, f"{name}: {exc}")
            return None, None
        return parsed.value, parsed.precision.value

    def integer(self, value: str, rel: str, line: int | None, name: str) -> int | None:
        value = value.strip()
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            self.problem(rel, line, f"{name}: {value!r} is not a whole number")
            return None

    def number(self, value: str, rel: str, line: int | None, name: str) -> float | None:
        text = value.strip()
        if not text:
            self.problem(rel, line, f"{name}: is empty (write the figure, like 613)")
            return None
        try:
            number = float(text)
        except ValueError:
            self.problem(
                rel, line, f"{name}: {text!r} is not a number (write 1275, not 1,275 or words)"
            )
            return None
        if not math.isfinite(number):
            self.problem(rel, line, f"{name}: {text!r} is not a finite number")
            return None
        return number

    # -- a whole row, by its table's description -------------------------------------------
    def row(
        self,
        table: Table,
        raw: dict[str, Any],
        rel: str,
        where: int | dict[str, int | None] | None,
        ids: dict[str, dict[str, int]],
    ) -> dict[str, Any]:
        """The bundle columns of ``table`` that its source columns fill, from ``raw`` (source
        column -> value as read: text, or a TOML value), checked; ``where`` is the line (or
        each source column's line); ``ids`` holds each table's key -> id, for references.
        Derived columns are the caller's."""
        out: dict[str, Any] = {}
        for column, name, date, plain in _plan(table.name, table):
            value = raw.get(name, False if column.boolean else "")
            if plain and value == "":
                # The common case of a names list: an optional cell left empty (unknown).
                out[column.name] = None if not column.not_null else column.default
                continue
            line = where.get(name) if isinstance(where, dict) else where
            if date is not None:
                text, precision = self.date(
                    str(value), str(raw.get(date.precision, "")), rel, line, name
                )
                out[date.value], out[date.precision] = text, precision
            elif column.name == "key":
                out["key"] = str(value).strip()
            elif column.references:
                target = tables.table(column.references)
                out[column.name] = self.ref(
                    str(value),
                    ids.get(target.name, {}),
                    what=target.noun,
                    at=(rel, line),
                    name=name,
                )
            elif column.boolean:
                out[column.name] = int(self.boolean(value, column, rel, line))
            elif column.choices:
                if not column.not_null and not str(value).strip():
                    out[column.name] = None  # not recorded
                else:
                    out[column.name] = self.choice(column, str(value), rel, line)
            elif column.type == "REAL":
                out[column.name] = self.number(str(value), rel, line, name)
            elif column.type == "INTEGER":
                out[column.name] = self.integer(str(value), rel, line, name)
            else:
                text = self.clean(str(value), rel, line, name)
                # An optional text left empty is unknown (NULL), never a blank.
                out[column.name] = None if not text and not column.not_null else text
        return out

    def boolean(self, value: object, column: Column, rel: str, line: int | None) -> bool:
        """A TOML bool, or a CSV cell: true or false (an empty cell is the default)."""
        if isinstance(value, str):
            text = value.strip().lower()
            if not text:
                return bool(column.default)
            if text in ("true", "false"):
                return text == "true"
        elif isinstance(value, bool):
            return value
        self.problem(rel, line, f"{column.source_name}: write true or false")
        return False

    def choice(self, column: Column, value: str, rel: str, line: int | None) -> str:
        text = value.strip().lower() or str(column.default or "")
        if text not in column.choices:
            self.problem(
                rel, line, f"{column.name} {text!r}: use one of {', '.join(column.choices)}"
            )
        return text


_PLANS: dict[str, tuple[Table, tuple[tuple[Column, str, DateField | None, bool], ...]]] = {}


def _plan(name: str, table: Table) -> tuple[tuple[Column, str, DateField | None, bool], ...]:
    """The columns ``row`` fills: (column, source name, its date, whether an empty cell is
    simply the column's empty value). Kept by table name (hashing a description is slow)."""
    found = _PLANS.get(name)
    if found is not None and found[0] is table:
        return found[1]
    plan = _make_plan(table)
    _PLANS[name] = (table, plan)
    return plan


def _make_plan(table: Table) -> tuple[tuple[Column, str, DateField | None, bool], ...]:
    dates = {d.value: d for d in table.dates}
    precisions = {d.precision for d in table.dates}
    out = []
    for column in table.columns:
        name = column.source_name
        if name not in table.source_columns or column.name in precisions:
            continue
        date = dates.get(column.name)
        out.append((column, name, date, date is None and _empty_is_plain(column)))
    return tuple(out)


def _empty_is_plain(column: Column) -> bool:
    """Whether an empty cell of ``column`` is simply its empty value (no check to make)."""
    if column.name == "key" or column.boolean or column.type == "REAL":
        return False
    if column.not_null:
        return column.type == "TEXT" and column.default == "" and not column.choices
    return True


def trimmed(value: str) -> str:
    """A text as the bundle keeps it: each line without trailing spaces, no blank lines or
    spaces at either end."""
    return "\n".join(part.rstrip() for part in value.replace("\r\n", "\n").split("\n")).strip()


def toml_line(text: str, name: str, start: int = 0) -> int | None:
    """The 1-based line where ``name = ...`` is set (a best guess for error messages)."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for number, line in enumerate(text.split("\n"), start=1):
        if number > start and pattern.match(line):
            return number
    return None


def toml_error(exc: tomllib.TOMLDecodeError, offset: int) -> tuple[int | None, str]:
    message = str(exc)
    match = _TOML_LINE.search(message)
    line = int(match[1]) + offset if match else None
    message = _TOML_LINE.sub(lambda m: f"at line {int(m[1]) + offset}", message)
    return line, f"is not valid TOML: {message}"
