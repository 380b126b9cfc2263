"""Check a content bundle against every rule a kiosk needs, and say what is wrong where.

``validate_bundle(path)`` never raises: whatever the file holds (random bytes, a newer schema,
extra columns, views or triggers, NULLs and wrong types in every column, hostile or huge
text, broken images, a million rows), it returns a ``Report`` whose problems each name a
table, a row (its key, else its id), a field and a message a curator can act on. Errors make
a bundle unfit to publish; warnings are worth a look.

Bounded in memory and time: the file's shape is compared with the schema before any row is
read (``reader.check_bundle``); the size limits (``limits``) are checked before the rows;
the large tables (events, people, translations) are streamed, their cross-row rules run in
SQL; no text longer than ``MAX_TEXT_CHARS`` and no image over ``MAX_IMAGE_BYTES`` is read
whole; and each rule lists at most ``MAX_PROBLEMS_PER_RULE`` problems, then one line
counting the rest.

SQLite is dynamically typed, so nothing here trusts a column's declared type: every value is
checked for its type first, and later rules only see values of the right type.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

from kiosk.content import formats as fmt
from kiosk.content.images import (
    MAX_IMAGE_BYTES,
    MIME_EXTENSIONS,
    ImageError,
    check_image,
    sniff,
)
from kiosk.content.limits import (
    MAX_BUNDLE_BYTES,
    MAX_PROBLEMS_PER_RULE,
    MAX_ROWS,
    MAX_TEXT_CHARS,
)
from kiosk.content.reader import SIDE_FILES, BundleError, check_bundle, open_bundle
from kiosk.content.records import PartialDate
from kiosk.content.schema import (
    CONTENT_TABLES,
    REMEMBRANCE_KINDS,
    TRANSLATABLE,
    table_columns,
)
from kiosk.content.shape import expected_shape

Severity = Literal["error", "warning"]
Row = dict[str, object]

# Text lengths a screen can show, as (warn over, error over) characters.
TITLE_LIMITS: Final = (80, 120)
TEXT_LIMITS: Final[dict[tuple[str, str], tuple[int, int]]] = {
    ("exhibit", "title"): TITLE_LIMITS,
    ("exhibit", "subtitle"): (120, 200),
    ("exhibit", "credits"): (1000, 4000),
    ("sources", "title"): TITLE_LIMITS,
    ("sources", "detail"): (600, 2000),
    ("media", "alt"): (250, 1000),
    ("media", "credit"): (200, 500),
    ("sections", "title"): TITLE_LIMITS,
    ("sections", "body"): (3000, 4000),
    ("sections", "advisory"): (300, 600),
    ("events", "date_label"): (60, 120),
    ("events", "title"): TITLE_LIMITS,
    ("events", "body"): (1200, 3000),
    ("events", "era"): (40, 80),
    ("events", "category"): (40, 80),
    ("statistics", "unit"): (20, 40),
    ("statistics", "label"): (60, 120),
    ("statistics", "description"): (300, 1000),
    ("remembrance", "date_label"): (60, 120),
    ("remembrance", "title"): TITLE_LIMITS,
    ("remembrance", "body"): (1200, 3000),
    ("people", "name"): (100, 200),
    ("people", "fate"): (200, 1000),
    ("people", "notes"): (1000, 3000),
}
PARAGRAPH_WARN: Final = 600  # characters: about ten lines of 60 for a standing reader
KEY_MAX: Final = 100
MAX_AGE: Final = 130

# Anything that could make a text renderer fetch or run something. The kiosk shows plain
# text only, but a bundle must stay safe if a screen ever renders styled text.
_MARKUP: Final = re.compile(
    r"""
    <\s*/?\s*(?:img|image|script|a|iframe|frame|frameset|object|embed|applet|link|style|svg
              |math|video|audio|source|track|picture|meta|base|form|input|body|html)\b
    | \b(?:https?|ftp|javascript|vbscript):
    | \b(?:file|data|qrc|blob):(?!\s)
    | \burl\s*\(
    | @import
    | \b(?:src|srcset|href|xlink:href)\s*=
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BIDI: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What any of the three could match starts with one of these (a quick first look per text).
_SUSPECT: Final = re.compile("[<:(@=\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_REFS: Final[dict[tuple[str, str], str]] = {
    ("sections", "image_id"): "media",
    ("sections", "source_id"): "sources",
    ("events", "image_id"): "media",
    ("events", "source_id"): "sources",
    ("events", "section_id"): "sections",
    ("statistics", "source_id"): "sources",
    ("statistics", "parent_id"): "statistics",
    ("remembrance", "source_id"): "sources",
    ("people", "photo_id"): "media",
}
_REQUIRED_TEXT: Final[dict[str, tuple[str, ...]]] = {
    "exhibit": ("title", "default_locale", "content_version"),
    "sources": ("key", "title"),
    "media": ("key", "mime"),
    "sections": ("key", "title", "body"),
    "events": ("key", "title"),
    "statistics": ("key", "label"),
    "remembrance": ("key", "title"),
    "people": ("key", "name"),
    "translations": ("tbl", "key", "field", "locale"),
}


# The tables that may be large are streamed, never held; the others (bounded by MAX_ROWS to
# at most 10,000 small rows) are held for the rules that look across rows.
_STREAMED: Final = ("events", "people", "translations")
_WS: Final = "' ' || char(9) || char(10) || char(13)"  # what strip() removes, in SQL


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a bundle: where it is (table, row, field) and what is wrong.

    ``more`` > 0 marks the line that counts the problems of one rule not listed."""

    severity: Severity
    table: str
    row: str
    field: str
    message: str
    more: int = 0

    def to_dict(self) -> dict[str, str]:
        return {
            "severity": self.severity,
            "table": self.table,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = " ".join(
            part for part in (self.table, f"[{self.row}]" if self.row else "", self.field) if part
        )
        return (
            f"{self.severity}: {where}: {self.message}"
            if where
            else (f"{self.severity}: {self.message}")
        )


@dataclass
class Report:
    """What the validator found. ``ok`` means readable with no errors (warnings allowed).

    Each rule lists at most ``limit`` problems; the rest are counted in one more problem
    ("... and 999,990 more of the same"). ``error_count`` and ``warning_count`` count them
    all; ``errors`` and ``warnings`` are the problems listed (count lines included).
    """

    path: str
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    limit: int = MAX_PROBLEMS_PER_RULE
    error_count: int = 0
    warning_count: int = 0
    _seen: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    _first: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)
    _count_line: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.readable and self.error_count == 0

    def add(
        self, severity: Severity, table: str, row: str, name: str, message: str, *, rule: str = ""
    ) -> None:
        """Record a problem; ``rule`` (with severity, table and field) groups it for the cap."""
        if severity == "error":
            self.error_count += 1
        else:
            self.warning_count += 1
        key = (severity, table, name, rule)
        seen = self._seen.get(key, 0) + 1
        self._seen[key] = seen
        if seen <= self.limit:
            # Keys and texts come from the bundle: never let one put terminal controls on screen.
            problem = Problem(
                severity, printable(table), printable(row), printable(name), printable(message)
            )
            self.problems.append(problem)
            self._first.setdefault(key, problem.message)
            return
        self._update_count_line(key)

    def add_unlisted(
        self, severity: Severity, table: str, name: str, *, rule: str, count: int
    ) -> None:
        """Count ``count`` more problems of a rule that already listed its ``limit``."""
        if count <= 0:
            return
        if severity == "error":
            self.error_count += count
        else:
            self.warning_count += count
        key = (severity, table, name, rule)
        self._seen[key] = self._seen.get(key, 0) + count
        self._update_count_line(key)

    def _update_count_line(self, key: tuple[str, ...]) -> None:
        severity, table, name, _rule = key
        more = self._seen[key] - self.limit
        if more <= 0:
            return
        at = self._count_line.get(key)
        if at is None:  # the first one over the cap: add the line that counts the rest
            self.problems.append(Problem("error", "", "", "", ""))
            at = self._count_line[key] = len(self.problems) - 1
        self.problems[at] = Problem(
            "error" if severity == "error" else "warning",
            printable(table),
            "",
            printable(name),
            f"... and {more:,} more of the same ({shorten(self._first.get(key, ''), 80)})",
            more=more,
        )

    def summary(self) -> str:
        if not self.readable:
            return f"{self.path}: not a readable bundle"
        errors, warnings = self.error_count, self.warning_count
        verdict = "valid" if errors == 0 else "NOT valid"
        return (
            f"{self.path}: {verdict}: {errors:,} error{'s' * (errors != 1)}, "
            f"{warnings:,} warning{'s' * (warnings != 1)}"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "bundle": self.path,
            "readable": self.readable,
            "ok": self.ok,
            "errors": self.error_count,
            "warnings": self.warning_count,
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def printable(text: str) -> str:
    """``text`` with control characters (terminal escapes, newlines) replaced by '?'."""
    return _UNPRINTABLE.sub("?", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


_UNPRINTABLE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _Undecodable(str):
    """A TEXT value that was not valid UTF-8 (kept with replacement characters)."""

    __slots__ = ()


class _Cut(str):
    """A TEXT value over MAX_TEXT_CHARS, cut there (already reported as too long)."""

    __slots__ = ()


def _text_factory(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _Undecodable(raw.decode("utf-8", "replace"))


def quick_check(path: str | Path) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` on ``path``: its complaints, or [] when it is sound.

    Reads the file alone (``open_bundle``), at most 20 complaints; never raises."""
    try:
        with closing(open_bundle(path)) as conn:
            rows = conn.execute("PRAGMA quick_check(20)").fetchall()
    except BundleError as exc:
        return [str(exc)]
    except sqlite3.Error as exc:
        return [f"the database cannot be checked ({exc})"]
    messages = [str(r[0]) for r in rows]
    return [] if messages == ["ok"] else messages


def _expected_columns() -> dict[str, dict[str, tuple[str, bool]]]:
    """Each table's columns as the schema declares them: name -> (type, NOT NULL)."""
    columns = expected_shape().columns
    return {
        table: {c.name: (c.type, c.notnull or c.pk > 0) for c in columns[table]}
        for table in CONTENT_TABLES
    }


def validate_bundle(path: str | Path) -> Report:
    """Check the bundle at ``path`` against every rule. Never raises."""
    report = Report(str(path))
    try:
        deviations = check_bundle(path)
        conn = open_bundle(path)
    except BundleError as exc:
        report.readable = False
        report.add("error", "", "", "", str(exc))
        return report
    except Exception as exc:  # a report, never a traceback
        report.readable = False
        report.add("error", "", "", "", f"{path}: cannot be read ({type(exc).__name__}: {exc})")
        return report
    try:
        conn.text_factory = _text_factory
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if os.path.lexists(side):
                report.add(
                    "warning",
                    "",
                    "",
                    "",
                    f"{side.name} beside the bundle is ignored: a bundle is read as one file. "
                    "If a program has the bundle open, close it (so it writes its changes into "
                    "the file) and validate again",
                )
        for message in deviations:  # each one its own rule: all are listed
            report.add("error", "", "", "", message, rule=message)
        size = Path(path).stat().st_size
        if size > MAX_BUNDLE_BYTES:
            report.add(
                "error",
                "",
                "",
                "",
                f"the bundle is {size / 1024**3:.1f} GB; the limit is "
                f"{MAX_BUNDLE_BYTES / 1024**3:.0f} GB (its rows were not checked)",
            )
            return report
        _Validator(conn, report).run()
    except Exception as exc:  # a report, never a traceback
        report.add("error", "", "", "", f"could not be checked ({type(exc).__name__}: {exc})")
    finally:
        conn.close()
    return report


# Python types that fit a declared column type as they are (checked first, for speed).
_ACCEPTS: Final[dict[str, tuple[type, ...]]] = {
    "TEXT": (str, _Undecodable),
    "INTEGER": (int,),
    "REAL": (int, float),
}


@lru_cache(maxsize=4096)
def _parse_date(value: str, precision: str) -> PartialDate | str:
    """``PartialDate.parse``, remembered (a names list repeats its dates): the date or why not."""
    try:
        return PartialDate.parse(value, precision)
    except ValueError as exc:
        return shorten(str(exc), 200)


def _compare_dates(a: str, b: str) -> int:
    """Compare partial ISO dates on what both know: '1992' equals '1992-02-26'."""
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def _select_sql(table: str) -> str:
    """The schema's columns of ``table``, each read at most MAX_TEXT_CHARS + 1 long (an image
    over MAX_IMAGE_BYTES is not read at all: its size comes as ``data_size``)."""
    parts = []
    for name in table_columns(table):
        if table == "media" and name == "data":
            parts.append(
                "typeof(data) AS data_type, "
                "CASE WHEN typeof(data) = 'blob' THEN length(data) END AS data_size, "
                f"CASE WHEN typeof(data) = 'blob' AND length(data) <= {MAX_IMAGE_BYTES} "
                "THEN data END AS data"
            )
        else:
            parts.append(
                f"CASE WHEN typeof({name}) IN ('text', 'blob') "
                f"THEN substr({name}, 1, {MAX_TEXT_CHARS + 1}) ELSE {name} END AS {name}"
            )
    return f"SELECT {', '.join(parts)} FROM {table}"


# Events in the order the timeline shows them (position, then id), as in the kiosk; a value
# of the wrong type sorts as the validator's own order did.
_EVENT_ORDER: Final = (
    " ORDER BY CASE WHEN typeof(position) = 'integer' THEN position ELSE 4611686018427387904 "
    "END, CASE WHEN typeof(id) = 'integer' THEN id ELSE 0 END, rowid"
)


class _Validator:
    def __init__(self, conn: sqlite3.Connection, report: Report) -> None:
        self.conn = conn
        self.report = report
        self.rows: dict[str, list[Row]] = {}
        self.labels: dict[str, list[str]] = {}
        self.present: dict[str, set[str]] = {}
        self.skipped: set[str] = set()
        self.expected = _expected_columns()
        self.ids_of: dict[str, set[int]] = {}
        self.keys_of: dict[str, set[str]] = {}
        self.default_locale = ""
        self.other_locales: list[str] = []
        self.latest_event: tuple[str, str] | None = None
        self.row_rules: dict[str, Callable[[str, Row], None]] = {
            "statistics": self.row_statistics,
            "media": self.row_media,
            "sections": self.row_sections,
            "events": self.row_events,
            "remembrance": self.row_remembrance,
            "people": self.row_people,
            "translations": self.row_translations,
        }
        self.refs: dict[str, list[tuple[str, str]]] = {}
        for (from_table, name), target in _REFS.items():
            self.refs.setdefault(from_table, []).append((name, target))

    # -- reporting ---------------------------------------------------------------------------
    # The rule a problem belongs to, for the cap per rule, is the line that reports it.
    def error(self, table: str, row: str, name: str, message: str) -> None:
        caller = sys._getframe(1)
        self.report.add("error", table, row, name, message, rule=f"{caller.f_lineno}")

    def warn(self, table: str, row: str, name: str, message: str) -> None:
        caller = sys._getframe(1)
        self.report.add("warning", table, row, name, message, rule=f"{caller.f_lineno}")

    def run(self) -> None:
        small = [t for t in CONTENT_TABLES if t not in _STREAMED]
        steps: list[tuple[str, Callable[[], None]]] = [
            ("", self.check_integrity),
            ("", self.check_counts),
            *((table, lambda t=table: self.load(t)) for table in small),
            ("exhibit", self.check_exhibit),
            ("", self.prepare),
            *((table, lambda t=table: self.check_rows(t)) for table in small),
            ("", self.check_keys),
            ("statistics", self.check_statistics),
            *((table, lambda t=table: self.stream(t)) for table in _STREAMED),
            ("", self.check_large_keys),
            ("translations", self.check_translated_keys),
            ("translations", self.check_missing_translations),
        ]
        for table, step in steps:
            try:
                step()
            except sqlite3.Error as exc:
                self.error(table, "", "", f"the database is damaged: cannot be read ({exc})")
            except Exception as exc:  # report, never crash
                self.error(table, "", "", f"could not be checked ({type(exc).__name__}: {exc})")

    # -- the whole file ----------------------------------------------------------------------
    def check_integrity(self) -> None:
        rows = self.conn.execute("PRAGMA quick_check(20)").fetchall()
        messages = [str(r[0]) for r in rows]
        if messages != ["ok"]:
            for message in messages[:10]:
                self.error("", "", "", f"the database is damaged: {message}")

    def check_counts(self) -> None:
        for table in CONTENT_TABLES:
            count = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            limit = MAX_ROWS[table]
            if count > limit and table != "exhibit":
                self.skipped.add(table)
                self.error(
                    table,
                    "",
                    "",
                    f"has {count:,} rows; the limit is {limit:,} (its rows were not checked)",
                )

    # -- loading -----------------------------------------------------------------------------
    def _rows(self, table: str, order: str = "") -> Iterator[tuple[str, Row]]:
        """The table's rows, typed (wrong types reported and replaced by None), streamed."""
        expected = self.expected[table]
        cursor = self.conn.execute(_select_sql(table) + order)
        names = [d[0] for d in cursor.description]
        self.present[table] = set(expected)
        for index, values in enumerate(cursor, start=1):
            raw: Row = dict(zip(names, values, strict=True))
            label = self._label(table, raw, index)
            if table == "media":
                self._check_image(label, raw)
            yield label, self._typed(table, label, raw, expected)

    def load(self, table: str) -> None:
        self.rows[table] = []
        self.labels[table] = []
        if table in self.skipped:
            return
        for label, row in self._rows(table):
            self.rows[table].append(row)
            self.labels[table].append(label)

    def stream(self, table: str) -> None:
        if table in self.skipped:
            return
        for label, row in self._rows(table, _EVENT_ORDER if table == "events" else ""):
            self.check_row(table, label, row)

    @staticmethod
    def _label(table: str, row: Row, index: int) -> str:
        if table == "translations":
            parts = [row.get(n) for n in ("locale", "tbl", "key", "field")]
            return "/".join(shorten(p, 100) if isinstance(p, str) else "?" for p in parts)
        key = row.get("key")
        if isinstance(key, str) and key.strip() and not isinstance(key, _Undecodable):
            return shorten(key, 100)
        ident = row.get("id")
        if isinstance(ident, int):
            return f"id {ident}"
        return f"row {index}"

    def _typed(
        self, table: str, label: str, raw: Row, expected: dict[str, tuple[str, bool]]
    ) -> Row:
        """The row with every value of a wrong type reported and replaced by None."""
        out: Row = {}
        for name, (kind, not_null) in expected.items():
            value = raw.get(name)
            if type(value) in _ACCEPTS.get(kind, ()) and (  # the usual case, quickly
                not isinstance(value, str) or len(value) <= MAX_TEXT_CHARS
            ):
                out[name] = value
                continue
            if name == "data" and table == "media":
                # The image was checked as it was read; keep the blob out of memory.
                kind_of = raw.get("data_type")
                out[name] = b"" if kind_of == "blob" else None
                if kind_of == "null":
                    self.error(table, label, name, "the image data is missing")
                elif kind_of != "blob":
                    self.error(table, label, name, "the image data is not binary data")
                continue
            if value is None:
                if not_null:
                    self.error(table, label, name, "is missing (NULL)")
                out[name] = None
                continue
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                self.error(
                    table,
                    label,
                    name,
                    f"is over {MAX_TEXT_CHARS:,} characters, the limit for any text in a "
                    "bundle (it was not read further)",
                )
                value = _Cut(value[:MAX_TEXT_CHARS])
            problem = _type_problem(kind, value)
            if problem:
                self.error(table, label, name, problem)
                out[name] = None
            else:
                out[name] = value
        return out

    def _check_image(self, label: str, raw: Row) -> None:
        size = raw.get("data_size")
        if isinstance(size, int) and size > MAX_IMAGE_BYTES:
            self.error(
                "media",
                label,
                "data",
                f"the image is {size / 1048576:.1f} MB; the limit is "
                f"{MAX_IMAGE_BYTES // 1048576} MB",
            )
            return
        data = raw.get("data")
        if not isinstance(data, bytes):
            return
        for message in check_image(data):
            self.error("media", label, "data", message)
        try:
            info = sniff(data)
        except ImageError:
            return
        mime = raw.get("mime")
        if isinstance(mime, str) and mime != info.mime:
            self.error(
                "media", label, "mime", f"says {shorten(mime, 40)!r} but the data is {info.mime}"
            )
        for name, actual in (("width", info.width), ("height", info.height)):
            stored = raw.get(name)
            if isinstance(stored, int) and stored != actual:
                self.error("media", label, name, f"says {stored} but the image is {actual} pixels")

    # -- accessors ---------------------------------------------------------------------------
    def each(self, table: str) -> Iterator[tuple[str, Row]]:
        yield from zip(self.labels.get(table, []), self.rows.get(table, []), strict=True)

    @staticmethod
    def text(row: Row, name: str) -> str:
        value = row.get(name)
        return value if isinstance(value, str) else ""

    @staticmethod
    def integer(row: Row, name: str) -> int | None:
        value = row.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def ids(self, table: str) -> set[int]:
        return {i for _, row in self.each(table) if (i := self.integer(row, "id")) is not None}

    # -- rules over the small tables ---------------------------------------------------------
    def check_exhibit(self) -> None:
        rows = list(self.each("exhibit"))
        if "exhibit" in self.present and not rows:
            self.error("exhibit", "", "", "the exhibit row (title, languages) is missing")
        if len(rows) > 1:
            self.error("exhibit", "", "", f"has {len(rows)} rows; a bundle has one exhibit")
        for label, row in rows[:1]:
            default = self.text(row, "default_locale").strip()
            raw = row.get("locales")
            locales: list[str] = []
            if raw is not None:
                value = _json(str(raw))
                if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                    self.error(
                        "exhibit", label, "locales", 'must be a list of codes like ["en", "az"]'
                    )
                else:
                    locales = value
            for code in [default, *locales] if default else locales:
                if code and not fmt.LOCALE_PATTERN.match(code):
                    self.warn(
                        "exhibit",
                        label,
                        "locales",
                        f"{shorten(code, 40)!r} does not look like a language code (en, az, ru)",
                    )
            if default and raw is not None and locales and default not in locales:
                self.error(
                    "exhibit",
                    label,
                    "locales",
                    f"does not include the default locale {shorten(default, 40)!r}",
                )
            if len(set(locales)) != len(locales):
                self.warn("exhibit", label, "locales", "lists a language twice")
            if raw is not None and not locales:
                self.error("exhibit", label, "locales", "lists no language")

    def locales(self) -> tuple[str, list[str]]:
        for _, row in self.each("exhibit"):
            default = self.text(row, "default_locale").strip()
            value = _json(self.text(row, "locales") or "[]")
            codes = [x for x in value if isinstance(x, str)] if isinstance(value, list) else []
            return default, codes
        return "", []

    def prepare(self) -> None:
        """What the row rules look up: the small tables' ids and keys, the languages."""
        for table in ("media", "sources", "sections", "statistics"):
            self.ids_of[table] = self.ids(table)
        for table in TRANSLATABLE:
            if table not in _STREAMED:
                self.keys_of[table] = {self.text(r, "key") for _, r in self.each(table)}
        self.keys_of["exhibit"] = {
            self.text(r, "key") or "exhibit" for _, r in self.each("exhibit")
        }
        self.default_locale, locales = self.locales()
        self.other_locales = [
            code for code in dict.fromkeys(locales) if code and code != self.default_locale
        ]

    def check_rows(self, table: str) -> None:
        for label, row in self.each(table):
            self.check_row(table, label, row)

    def check_keys(self) -> None:
        for table in CONTENT_TABLES:
            if table in ("exhibit", *_STREAMED):
                continue
            seen: set[str] = set()
            for label, row in self.each(table):
                key = self.text(row, "key")
                if key and key in seen:
                    self.error(table, label, "key", f"{shorten(key, 100)!r} is used by another row")
                seen.add(key)
            ids = [self.integer(r, "id") for _, r in self.each(table)]
            known = [i for i in ids if i is not None]
            if len(set(known)) != len(known):
                self.error(table, "", "id", "two rows share an id")

    # -- rules for one row (every table; the large ones as they stream by) -------------------
    def check_row(self, table: str, label: str, row: Row) -> None:
        if table not in ("exhibit", "translations"):
            key = self.text(row, "key")
            if len(key) > KEY_MAX:
                self.error(table, label, "key", f"is {len(key)} characters; at most {KEY_MAX}")
        for name in _REQUIRED_TEXT.get(table, ()):
            if row.get(name) is not None and not self.text(row, name).strip():
                self.error(table, label, name, "is empty (required)")
        if table in ("sections", "events", "statistics", "remembrance") and (
            row.get("source_id") is None
        ):
            self.warn(table, label, "source_id", "names no source")
        self.check_texts(table, label, row)
        for name, target in self.refs.get(table, ()):
            value = self.integer(row, name)
            if value is not None and value not in self.ids_of.get(target, ()):
                self.error(
                    table, label, name, f"points at {target} id {value}, which does not exist"
                )
        rule = self.row_rules.get(table)
        if rule is not None:
            rule(label, row)

    def check_texts(self, table: str, label: str, row: Row) -> None:
        for name, value in row.items():
            if not isinstance(value, str) or not value or name in ("tbl", "locale"):
                continue
            limit_key = (table, name)
            if table == "translations" and name == "text":
                limit_key = (self.text(row, "tbl"), self.text(row, "field"))
            self._check_text(table, label, name, value, limit_key)

    def _check_text(
        self, table: str, label: str, name: str, value: str, limit_key: tuple[str, str]
    ) -> None:
        if isinstance(value, _Undecodable):
            self.error(table, label, name, "is not valid UTF-8 text")
        if _SUSPECT.search(value):
            self._check_markup(table, label, name, value)
        if isinstance(value, _Cut):
            return  # its length was reported as it was read
        limits = TEXT_LIMITS.get(limit_key)
        if limits:
            warn_over, error_over = limits
            if len(value) > error_over:
                self.error(
                    table,
                    label,
                    name,
                    f"is {len(value):,} characters; a screen shows at most {error_over:,}",
                )
            elif len(value) > warn_over:
                self.warn(
                    table,
                    label,
                    name,
                    f"is {len(value):,} characters; keep it under {warn_over:,} to fit the screen",
                )
        if limit_key[1] in ("body", "notes", "detail") and len(value) > PARAGRAPH_WARN:
            for number, paragraph in enumerate(re.split(r"\n\s*\n", value), start=1):
                if len(paragraph) > PARAGRAPH_WARN:
                    self.warn(
                        table,
                        label,
                        name,
                        f"paragraph {number} is {len(paragraph):,} characters; split it "
                        f"(under {PARAGRAPH_WARN} reads well standing)",
                    )

    def _check_markup(self, table: str, label: str, name: str, value: str) -> None:
        markup = _MARKUP.search(value)
        if markup:
            self.error(
                table,
                label,
                name,
                f"contains {shorten(markup[0].strip(), 40)!r}: no markup, links or addresses "
                "in a bundle (they could make a screen load something)",
            )
        control = _CONTROL.search(value)
        if control:
            self.error(
                table,
                label,
                name,
                f"contains an invisible control character (U+{ord(control[0]):04X})",
            )
        if _BIDI.search(value):
            self.warn(table, label, name, "contains invisible text-direction characters")

    def row_statistics(self, label: str, row: Row) -> None:
        value = row.get("value")
        if isinstance(value, float) and not math.isfinite(value):
            self.error("statistics", label, "value", "is not a finite number")

    def row_media(self, label: str, row: Row) -> None:
        if "alt" in row and not self.text(row, "alt").strip():
            self.warn("media", label, "alt", "has no alt text (describe the image in words)")
        mime = self.text(row, "mime")
        if mime and mime not in MIME_EXTENSIONS:
            self.error(
                "media", label, "mime", f"{shorten(mime, 40)!r}: use {', '.join(MIME_EXTENSIONS)}"
            )

    def row_sections(self, label: str, row: Row) -> None:
        sensitive = self.integer(row, "sensitive")
        advisory = self.text(row, "advisory").strip()
        if sensitive not in (None, 0, 1):
            self.error("sections", label, "sensitive", "must be 0 (no) or 1 (yes)")
        if sensitive == 1 and not advisory:
            self.error(
                "sections",
                label,
                "advisory",
                "a sensitive section needs an advisory saying in plain words what is ahead",
            )
        if sensitive == 0 and advisory:
            self.warn(
                "sections",
                label,
                "advisory",
                "has an advisory but is not marked sensitive, so it is never shown",
            )

    def date(
        self, table: str, label: str, row: Row, value_name: str, precision_name: str
    ) -> PartialDate | None:
        if value_name not in row or precision_name not in row:
            return None
        value, precision = row[value_name], row[precision_name]
        if value is None or value == "":
            if precision not in (None, ""):
                self.error(table, label, precision_name, "a precision is set but no date")
            return None
        if precision is None or precision == "":
            self.error(
                table,
                label,
                precision_name,
                "missing: say whether the date is a year, month, day or time",
            )
            return None
        text, kind = str(value), str(precision)
        parsed = (
            _parse_date(text, kind)
            if len(text) <= 40 and len(kind) <= 10
            else (_parse_date.__wrapped__(text, kind))
        )
        if isinstance(parsed, str):
            self.error(table, label, value_name, parsed)
            return None
        return parsed

    def row_events(self, label: str, row: Row) -> None:
        """Called in display order (position, then id), as the kiosk shows them."""
        start = self.date("events", label, row, "start_date", "start_precision")
        end = self.date("events", label, row, "end_date", "end_precision")
        if end is not None and start is None and row.get("start_date") in (None, ""):
            self.error("events", label, "end_date", "an end date without a start date")
        if start and end and _compare_dates(start.value, end.value) > 0:
            self.error(
                "events",
                label,
                "end_date",
                f"ends ({end.value}) before it starts ({start.value})",
            )
        if start is not None:
            latest = self.latest_event
            if latest is not None and _compare_dates(start.value, latest[0]) < 0:
                self.warn(
                    "events",
                    label,
                    "start_date",
                    f"{start.value} comes after {latest[1]} ({latest[0]}) in the timeline: "
                    "out of chronological order",
                )
            if latest is None or _compare_dates(start.value, latest[0]) > 0:
                self.latest_event = (start.value, label)

    def check_statistics(self) -> None:
        rows = {
            i: (label, row)
            for label, row in self.each("statistics")
            if (i := self.integer(row, "id")) is not None
        }
        children: dict[int, list[int]] = {}
        for ident, (label, row) in rows.items():
            value = row.get("value")
            if isinstance(value, int | float) and value < 0:
                self.warn("statistics", label, "value", "is negative")
            parent = self.integer(row, "parent_id")
            if parent is not None and parent in rows:
                children.setdefault(parent, []).append(ident)
        reported: set[int] = set()
        for ident in rows:
            path: list[int] = []
            seen: set[int] = set()
            current: int | None = ident
            while current is not None and current in rows and current not in seen:
                path.append(current)
                seen.add(current)
                current = self.integer(rows[current][1], "parent_id")
            if current is not None and current in seen and current not in reported:
                cycle = path[path.index(current) :]
                reported.update(cycle)
                names = " -> ".join(rows[i][0] for i in [*cycle[:10], current])
                self.error(
                    "statistics", rows[current][0], "parent_id", f"parents go round: {names}"
                )
        for parent, kids in children.items():
            if parent in reported:
                continue
            label, row = rows[parent]
            whole = row.get("value")
            if not isinstance(whole, int | float) or not math.isfinite(whole):
                continue
            total = 0.0
            for kid in kids:
                kid_label, kid_row = rows[kid]
                part = kid_row.get("value")
                if not isinstance(part, int | float) or not math.isfinite(part):
                    continue
                total += part
                if part > whole:
                    self.error(
                        "statistics",
                        kid_label,
                        "value",
                        f"{part:g} is more than its whole, {label} ({whole:g})",
                    )
            if total > whole + 1e-9:
                self.error(
                    "statistics",
                    label,
                    "value",
                    f"its parts add up to {total:g}, more than the whole ({whole:g})",
                )

    def row_remembrance(self, label: str, row: Row) -> None:
        kind = row.get("kind")
        if isinstance(kind, str) and kind not in REMEMBRANCE_KINDS:
            self.error(
                "remembrance",
                label,
                "kind",
                f"{shorten(kind, 40)!r}: use {', '.join(REMEMBRANCE_KINDS)}",
            )
        self.date("remembrance", label, row, "date", "date_precision")

    def row_people(self, label: str, row: Row) -> None:
        birth = self.date("people", label, row, "birth_date", "birth_precision")
        death = self.date("people", label, row, "death_date", "death_precision")
        if birth and death and _compare_dates(birth.value, death.value) > 0:
            self.error("people", label, "death_date", "is before the date of birth")
        age = self.integer(row, "age")
        if age is not None and not 0 <= age <= MAX_AGE:
            self.error("people", label, "age", f"{age} is not an age (0 to {MAX_AGE})")

    def row_translations(self, label: str, row: Row) -> None:
        table, key = self.text(row, "tbl"), self.text(row, "key")
        name, locale = self.text(row, "field"), self.text(row, "locale")
        if not table or not name or not locale:
            return
        if table not in TRANSLATABLE:
            self.error(
                "translations", label, "tbl", f"{shorten(table, 40)!r} has no translatable text"
            )
            return
        if name not in TRANSLATABLE[table]:
            self.error(
                "translations",
                label,
                "field",
                f"{table}.{shorten(name, 40)} is not a translatable text",
            )
            return
        if table not in _STREAMED and key not in self.keys_of.get(table, set()):
            self.error(
                "translations",
                label,
                "key",
                f"there is no {table} row with key {shorten(key, 100)!r}",
            )
        if locale == self.default_locale:
            self.warn(
                "translations",
                label,
                "locale",
                f"{shorten(locale, 40)} is the default language: this translation is never shown",
            )
        elif locale not in self.other_locales:
            self.warn(
                "translations",
                label,
                "locale",
                f"{shorten(locale, 40)} is not in the exhibit's languages: never shown",
            )

    # -- rules across the rows of the large tables, in SQL (bounded memory) ------------------
    def check_large_keys(self) -> None:
        for table in ("events", "people"):
            if table in self.skipped:
                continue
            for key, extra in self.conn.execute(
                f"SELECT key, count(*) - 1 FROM {table} WHERE typeof(key) = 'text' "
                "AND key <> '' GROUP BY key HAVING count(*) > 1"
            ):
                label = shorten(str(key), 100) if str(key).strip() else "?"
                for _ in range(int(extra)):
                    self.error(
                        table, label, "key", f"{shorten(str(key), 100)!r} is used by another row"
                    )
            shared = self.conn.execute(
                f"SELECT 1 FROM {table} WHERE typeof(id) = 'integer' "
                "GROUP BY id HAVING count(*) > 1 LIMIT 1"
            ).fetchone()
            if shared:
                self.error(table, "", "id", "two rows share an id")
        if "translations" in self.skipped:
            return
        for locale, tbl, key, name, extra in self.conn.execute(
            "SELECT locale, tbl, key, field, count(*) - 1 FROM translations "
            "WHERE typeof(tbl) = 'text' AND typeof(key) = 'text' AND typeof(field) = 'text' "
            "AND typeof(locale) = 'text' GROUP BY tbl, key, field, locale HAVING count(*) > 1"
        ):
            label = "/".join(shorten(str(p), 100) for p in (locale, tbl, key, name))
            for _ in range(int(extra)):
                self.error("translations", label, "", "translated twice")

    def check_translated_keys(self) -> None:
        """Translations of events and people rows that do not exist."""
        if "translations" in self.skipped:
            return
        for table in ("events", "people"):
            if table in self.skipped:
                continue
            fields = ", ".join(f"'{f}'" for f in TRANSLATABLE[table])
            for locale, key, name in self.conn.execute(
                f"SELECT t.locale, t.key, t.field FROM translations AS t "
                f"LEFT JOIN {table} AS r ON r.key = t.key "
                f"WHERE t.tbl = '{table}' AND t.field IN ({fields}) AND typeof(t.key) = 'text' "
                "AND typeof(t.locale) = 'text' AND t.locale <> '' AND r.key IS NULL"
            ):
                label = "/".join(shorten(str(p), 100) for p in (locale, table, key, name))
                self.error(
                    "translations",
                    label,
                    "key",
                    f"there is no {table} row with key {shorten(str(key), 100)!r}",
                )

    def check_missing_translations(self) -> None:
        """One warning per visitor text without a translation, per other language."""
        if "translations" in self.skipped:
            return
        for locale in self.other_locales:
            for table, names in TRANSLATABLE.items():
                if table in self.skipped:
                    continue
                if table == "exhibit":
                    key = (
                        "CASE WHEN typeof(r.key) = 'text' AND r.key <> '' THEN r.key "
                        "ELSE 'exhibit' END"
                    )
                else:
                    key = "CASE WHEN typeof(r.key) = 'text' THEN r.key ELSE '' END"
                for name in names:
                    self._missing_translation(table, name, locale, key)

    def _missing_translation(self, table: str, name: str, locale: str, key: str) -> None:
        where = (
            f"FROM {table} AS r LEFT JOIN translations AS t ON t.tbl = ? AND t.field = ? "
            f"AND t.locale = ? AND t.key = {key} "
            f"AND typeof(t.text) = 'text' AND trim(t.text, {_WS}) <> '' "
            f"WHERE typeof(r.{name}) = 'text' AND trim(r.{name}, {_WS}) <> '' AND t.tbl IS NULL"
        )
        params = (table, name, locale)
        listed = 0
        message = (
            f"no {shorten(locale, 40)} translation "
            f"(the {shorten(self.default_locale, 40)} text is shown)"
        )
        limit = self.report.limit
        for row_key, ident, rowid in self.conn.execute(
            f"SELECT substr(r.key, 1, 101), r.id, r.rowid {where} ORDER BY r.rowid LIMIT ?",
            (*params, limit),
        ):
            label = self._label(table, {"key": row_key, "id": ident}, int(rowid))
            self.report.add("warning", table, label, name, message, rule="translation")
            listed += 1
        if listed == limit:
            total = int(self.conn.execute(f"SELECT count(*) {where}", params).fetchone()[0])
            self.report.add_unlisted(
                "warning", table, name, rule="translation", count=total - listed
            )


def _json(text: str) -> object:
    """``text`` parsed as JSON, or None (not JSON, too long, nested too deep)."""
    if len(text) > 10_000:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _type_problem(kind: str, value: object) -> str | None:
    """Why ``value`` does not fit a column declared ``kind`` (None when it fits)."""
    if kind.startswith("INT"):
        if isinstance(value, int) and not isinstance(value, bool):
            return None
        return f"should be a whole number, but holds {_describe(value)}"
    if kind == "REAL":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None
        return f"should be a number, but holds {_describe(value)}"
    if kind == "TEXT":
        if isinstance(value, str):
            return None
        return f"should be text, but holds {_describe(value)}"
    return None


def _describe(value: object) -> str:
    if isinstance(value, bytes):
        return f"binary data ({len(value)} bytes)"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {shown!r}"
    if isinstance(value, float):
        return f"the number {value!r}"
    return f"the number {value}"
