"""Check a content bundle against every rule a kiosk needs, and say what is wrong where.

``validate_bundle(path)`` never raises: whatever the file holds (random bytes, a newer schema,
NULLs and wrong types in every column, hostile text, broken images), it returns a ``Report``
whose problems each name a table, a row (its key, else its id), a field and a message a
curator can act on. Errors make a bundle unfit to publish; warnings are worth a look.

SQLite is dynamically typed, so nothing here trusts a column's declared type: every value is
checked for its type first, and later rules only see values of the right type.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final, Literal

import sqlite_utils

from kiosk.content import formats as fmt
from kiosk.content.images import MIME_EXTENSIONS, ImageError, check_image, sniff
from kiosk.content.reader import BundleError, check_readable, connect_readonly
from kiosk.content.records import PartialDate
from kiosk.content.schema import CONTENT_TABLES, REMEMBRANCE_KINDS, TRANSLATABLE, create_or_migrate

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


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a bundle: where it is (table, row, field) and what is wrong."""

    severity: Severity
    table: str
    row: str
    field: str
    message: str

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
    """What the validator found. ``ok`` means readable with no errors (warnings allowed)."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.readable and not self.errors

    def add(self, severity: Severity, table: str, row: str, name: str, message: str) -> None:
        # Keys and texts come from the bundle: never let one put terminal controls on screen.
        self.problems.append(
            Problem(severity, printable(table), printable(row), printable(name), printable(message))
        )

    def summary(self) -> str:
        if not self.readable:
            return f"{self.path}: not a readable bundle"
        errors, warnings = len(self.errors), len(self.warnings)
        verdict = "valid" if errors == 0 else "NOT valid"
        return (
            f"{self.path}: {verdict}: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "bundle": self.path,
            "readable": self.readable,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def printable(text: str) -> str:
    """``text`` with control characters (terminal escapes, newlines) replaced by '?'."""
    return _UNPRINTABLE.sub("?", text)


_UNPRINTABLE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _Undecodable(str):
    """A TEXT value that was not valid UTF-8 (kept with replacement characters)."""

    __slots__ = ()


def _text_factory(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _Undecodable(raw.decode("utf-8", "replace"))


def quick_check(path: str | Path) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` on ``path``: its complaints, or [] when it is sound."""
    try:
        with closing(connect_readonly(path)) as conn:
            conn.text_factory = _text_factory
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return [f"the database cannot be checked ({exc})"]
    messages = [str(r[0]) for r in rows]
    return [] if messages == ["ok"] else messages


@cache
def _expected_columns() -> dict[str, dict[str, tuple[str, bool]]]:
    """Each table's columns as the schema declares them: name -> (type, NOT NULL)."""
    db = sqlite_utils.Database(memory=True)
    create_or_migrate(db)
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for table in CONTENT_TABLES:
        info = db.execute(f"PRAGMA table_info({table})").fetchall()
        out[table] = {str(r[1]): (str(r[2]).upper(), bool(r[3]) or bool(r[5])) for r in info}
    db.close()
    return out


def validate_bundle(path: str | Path) -> Report:
    """Check the bundle at ``path`` against every rule. Never raises."""
    report = Report(str(path))
    try:
        check_readable(path)
    except BundleError as exc:
        report.readable = False
        report.add("error", "", "", "", str(exc))
        return report
    except Exception as exc:  # a report, never a traceback
        report.readable = False
        report.add("error", "", "", "", f"{path}: cannot be read ({exc})")
        return report
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        report.readable = False
        report.add("error", "", "", "", f"{path}: cannot be opened ({exc})")
        return report
    conn.text_factory = _text_factory
    try:
        _Validator(conn, report).run()
    finally:
        conn.close()
    return report


def _compare_dates(a: str, b: str) -> int:
    """Compare partial ISO dates on what both know: '1992' equals '1992-02-26'."""
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


class _Validator:
    def __init__(self, conn: sqlite3.Connection, report: Report) -> None:
        self.conn = conn
        self.report = report
        self.rows: dict[str, list[Row]] = {}
        self.labels: dict[str, list[str]] = {}
        self.present: dict[str, set[str]] = {}

    # -- reporting ---------------------------------------------------------------------------
    def error(self, table: str, row: str, name: str, message: str) -> None:
        self.report.add("error", table, row, name, message)

    def warn(self, table: str, row: str, name: str, message: str) -> None:
        self.report.add("warning", table, row, name, message)

    def run(self) -> None:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("", self.check_integrity),
            *((table, lambda t=table: self.load(t)) for table in CONTENT_TABLES),
            ("exhibit", self.check_exhibit),
            ("", self.check_keys),
            ("", self.check_required),
            ("", self.check_texts),
            ("", self.check_references),
            ("sections", self.check_sections),
            ("events", self.check_events),
            ("statistics", self.check_statistics),
            ("remembrance", self.check_remembrance),
            ("people", self.check_people),
            ("translations", self.check_translations),
        ]
        for table, step in steps:
            try:
                step()
            except sqlite3.Error as exc:
                self.error(table, "", "", f"cannot be read ({exc})")
            except Exception as exc:  # report, never crash
                self.error(table, "", "", f"could not be checked ({type(exc).__name__}: {exc})")

    # -- loading -----------------------------------------------------------------------------
    def check_integrity(self) -> None:
        rows = self.conn.execute("PRAGMA quick_check").fetchall()
        messages = [str(r[0]) for r in rows]
        if messages != ["ok"]:
            for message in messages[:10]:
                self.error("", "", "", f"the database is damaged: {message}")

    def load(self, table: str) -> None:
        self.rows[table] = []
        self.labels[table] = []
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if not exists:
            self.error(table, "", "", "the table is missing")
            return
        expected = _expected_columns()[table]
        cursor = self.conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        self.present[table] = set(names)
        for column in expected:
            if column not in names:
                self.error(table, "", column, "the column is missing")
        for index, values in enumerate(cursor, start=1):
            raw: Row = dict(zip(names, values, strict=True))
            label = self._label(table, raw, index)
            if table == "media":
                self._check_image(label, raw)
            self.rows[table].append(self._typed(table, label, raw, expected))
            self.labels[table].append(label)

    @staticmethod
    def _label(table: str, row: Row, index: int) -> str:
        if table == "translations":
            parts = [row.get(n) for n in ("locale", "tbl", "key", "field")]
            return "/".join(p if isinstance(p, str) else "?" for p in parts)
        key = row.get("key")
        if isinstance(key, str) and key.strip() and not isinstance(key, _Undecodable):
            return key
        ident = row.get("id")
        if isinstance(ident, int):
            return f"id {ident}"
        return f"row {index}"

    def _typed(
        self, table: str, label: str, raw: Row, expected: dict[str, tuple[str, bool]]
    ) -> Row:
        """The row with every value of a wrong type reported and replaced by None."""
        out: Row = {}
        for name, value in raw.items():
            kind, not_null = expected.get(name, ("", False))
            if name == "data" and table == "media":
                # The image was checked as it was read; keep the blob out of memory.
                out[name] = b"" if isinstance(value, bytes) else None
                if value is None:
                    self.error(table, label, name, "the image data is missing")
                elif not isinstance(value, bytes):
                    self.error(table, label, name, "the image data is not binary data")
                continue
            if value is None:
                if not_null:
                    self.error(table, label, name, "is missing (NULL)")
                out[name] = None
                continue
            problem = _type_problem(kind, value)
            if problem:
                self.error(table, label, name, problem)
                out[name] = None
            else:
                out[name] = value
        return out

    def _check_image(self, label: str, raw: Row) -> None:
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
            self.error("media", label, "mime", f"says {mime!r} but the data is {info.mime}")
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

    # -- rules -------------------------------------------------------------------------------
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
                try:
                    value = json.loads(str(raw))
                except ValueError:
                    value = None
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
                        f"{code!r} does not look like a language code (en, az, ru)",
                    )
            if default and raw is not None and locales and default not in locales:
                self.error(
                    "exhibit", label, "locales", f"does not include the default locale {default!r}"
                )
            if len(set(locales)) != len(locales):
                self.warn("exhibit", label, "locales", "lists a language twice")
            if raw is not None and not locales:
                self.error("exhibit", label, "locales", "lists no language")

    def locales(self) -> tuple[str, list[str]]:
        for _, row in self.each("exhibit"):
            default = self.text(row, "default_locale").strip()
            try:
                value = json.loads(self.text(row, "locales") or "[]")
            except ValueError:
                value = []
            codes = [x for x in value if isinstance(x, str)] if isinstance(value, list) else []
            return default, codes
        return "", []

    def check_keys(self) -> None:
        for table in CONTENT_TABLES:
            if table in ("exhibit", "translations"):
                continue
            seen: set[str] = set()
            for label, row in self.each(table):
                key = self.text(row, "key")
                if len(key) > KEY_MAX:
                    self.error(table, label, "key", f"is {len(key)} characters; at most {KEY_MAX}")
                if key and key in seen:
                    self.error(table, label, "key", f"{key!r} is used by another row")
                seen.add(key)
            ids = [self.integer(r, "id") for _, r in self.each(table)]
            known = [i for i in ids if i is not None]
            if len(set(known)) != len(known):
                self.error(table, "", "id", "two rows share an id")
        seen_t: set[tuple[str, str, str, str]] = set()
        for label, row in self.each("translations"):
            ident = (
                self.text(row, "tbl"),
                self.text(row, "key"),
                self.text(row, "field"),
                self.text(row, "locale"),
            )
            if ident in seen_t:
                self.error("translations", label, "", "translated twice")
            seen_t.add(ident)

    def check_required(self) -> None:
        for table, names in _REQUIRED_TEXT.items():
            for label, row in self.each(table):
                for name in names:
                    if name in row and row[name] is not None and not self.text(row, name).strip():
                        self.error(table, label, name, "is empty (required)")
        for label, row in self.each("statistics"):
            value = row.get("value")
            if isinstance(value, float) and not math.isfinite(value):
                self.error("statistics", label, "value", "is not a finite number")
        for table in ("sections", "events", "statistics", "remembrance"):
            for label, row in self.each(table):
                if "source_id" in row and row["source_id"] is None:
                    self.warn(table, label, "source_id", "names no source")
        for label, row in self.each("media"):
            if "alt" in row and not self.text(row, "alt").strip():
                self.warn("media", label, "alt", "has no alt text (describe the image in words)")
            mime = self.text(row, "mime")
            if mime and mime not in MIME_EXTENSIONS:
                self.error("media", label, "mime", f"{mime!r}: use {', '.join(MIME_EXTENSIONS)}")

    def check_texts(self) -> None:
        for table in CONTENT_TABLES:
            for label, row in self.each(table):
                for name, value in row.items():
                    if not isinstance(value, str) or name in ("tbl", "locale"):
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
        markup = _MARKUP.search(value)
        if markup:
            self.error(
                table,
                label,
                name,
                f"contains {markup[0].strip()!r}: no markup, links or addresses in a bundle "
                "(they could make a screen load something)",
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
        limits = TEXT_LIMITS.get(limit_key)
        if limits:
            warn_over, error_over = limits
            if len(value) > error_over:
                self.error(
                    table,
                    label,
                    name,
                    f"is {len(value)} characters; a screen shows at most {error_over}",
                )
            elif len(value) > warn_over:
                self.warn(
                    table,
                    label,
                    name,
                    f"is {len(value)} characters; keep it under {warn_over} to fit the screen",
                )
        if limit_key[1] in ("body", "notes", "detail"):
            for number, paragraph in enumerate(re.split(r"\n\s*\n", value), start=1):
                if len(paragraph) > PARAGRAPH_WARN:
                    self.warn(
                        table,
                        label,
                        name,
                        f"paragraph {number} is {len(paragraph)} characters; split it "
                        f"(under {PARAGRAPH_WARN} reads well standing)",
                    )

    def check_references(self) -> None:
        ids = {table: self.ids(table) for table in ("media", "sources", "sections", "statistics")}
        for (table, name), target in _REFS.items():
            for label, row in self.each(table):
                value = self.integer(row, name)
                if value is not None and value not in ids[target]:
                    self.error(
                        table, label, name, f"points at {target} id {value}, which does not exist"
                    )

    def check_sections(self) -> None:
        for label, row in self.each("sections"):
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
        try:
            return PartialDate.parse(str(value), str(precision))
        except ValueError as exc:
            self.error(table, label, value_name, str(exc))
            return None

    def in_order(self, table: str) -> list[tuple[str, Row]]:
        """Rows in display order (position, then id), as the kiosk shows them."""

        def order(item: tuple[str, Row]) -> tuple[int, int]:
            position, ident = self.integer(item[1], "position"), self.integer(item[1], "id")
            return (position if position is not None else 1 << 62, ident or 0)

        return sorted(self.each(table), key=order)

    def check_events(self) -> None:
        latest: tuple[str, str] | None = None
        for label, row in self.in_order("events"):
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
                if latest is not None and _compare_dates(start.value, latest[0]) < 0:
                    self.warn(
                        "events",
                        label,
                        "start_date",
                        f"{start.value} comes after {latest[1]} ({latest[0]}) in the timeline: "
                        "out of chronological order",
                    )
                if latest is None or _compare_dates(start.value, latest[0]) > 0:
                    latest = (start.value, label)

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
            current: int | None = ident
            while current is not None and current in rows and current not in path:
                path.append(current)
                current = self.integer(rows[current][1], "parent_id")
            if current is not None and current in path and current not in reported:
                cycle = path[path.index(current) :]
                reported.update(cycle)
                names = " -> ".join(rows[i][0] for i in [*cycle, current])
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

    def check_remembrance(self) -> None:
        for label, row in self.each("remembrance"):
            kind = row.get("kind")
            if isinstance(kind, str) and kind not in REMEMBRANCE_KINDS:
                self.error(
                    "remembrance", label, "kind", f"{kind!r}: use {', '.join(REMEMBRANCE_KINDS)}"
                )
            self.date("remembrance", label, row, "date", "date_precision")

    def check_people(self) -> None:
        for label, row in self.each("people"):
            birth = self.date("people", label, row, "birth_date", "birth_precision")
            death = self.date("people", label, row, "death_date", "death_precision")
            if birth and death and _compare_dates(birth.value, death.value) > 0:
                self.error("people", label, "death_date", "is before the date of birth")
            age = self.integer(row, "age")
            if age is not None and not 0 <= age <= MAX_AGE:
                self.error("people", label, "age", f"{age} is not an age (0 to {MAX_AGE})")

    def check_translations(self) -> None:
        default, locales = self.locales()
        keys: dict[str, set[str]] = {
            table: {self.text(r, "key") for _, r in self.each(table)} for table in TRANSLATABLE
        }
        keys["exhibit"] = {self.text(r, "key") or "exhibit" for _, r in self.each("exhibit")}
        have: set[tuple[str, str, str, str]] = set()
        for label, row in self.each("translations"):
            table, key = self.text(row, "tbl"), self.text(row, "key")
            name, locale = self.text(row, "field"), self.text(row, "locale")
            if not table or not name or not locale:
                continue
            if table not in TRANSLATABLE:
                self.error("translations", label, "tbl", f"{table!r} has no translatable text")
                continue
            if name not in TRANSLATABLE[table]:
                self.error(
                    "translations", label, "field", f"{table}.{name} is not a translatable text"
                )
                continue
            if key not in keys.get(table, set()):
                self.error(
                    "translations", label, "key", f"there is no {table} row with key {key!r}"
                )
            if locale == default:
                self.warn(
                    "translations",
                    label,
                    "locale",
                    f"{locale} is the default language: this translation is never shown",
                )
            elif locale not in locales:
                self.warn(
                    "translations",
                    label,
                    "locale",
                    f"{locale} is not in the exhibit's languages: never shown",
                )
            if self.text(row, "text").strip():
                have.add((table, key, name, locale))
        for locale in dict.fromkeys(locales):
            if locale == default or not locale:
                continue
            for table, names in TRANSLATABLE.items():
                for label, row in self.each(table):
                    key = self.text(row, "key") or ("exhibit" if table == "exhibit" else "")
                    for name in names:
                        if self.text(row, name).strip() and (table, key, name, locale) not in have:
                            self.warn(
                                table,
                                label,
                                name,
                                f"no {locale} translation (the {default} text is shown)",
                            )


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
