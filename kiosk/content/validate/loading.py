"""Reading a bundle's rows for the checks: typed, streamed, every problem reported.

``Rows`` holds what the checks share: the open bundle, the report (``error`` and ``warn``, a
cap per rule), the schema version the bundle is checked as, the small tables' rows (held for
the rules across rows) and the large ones' (streamed, never held). Every value is checked for
its type first: SQLite is dynamically typed, so a wrong type is reported and replaced by None,
and the rules (``checks``, ``translations``, ``rules``) only see values of the right type.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator

from kiosk.content.limits import MAX_ROWS, MAX_TEXT_CHARS
from kiosk.content.shape import expected_shape
from kiosk.content.tables import CONTENT_TABLES, SCHEMA_VERSION, TABLES, TRANSLATABLE
from kiosk.content.validate.report import Report, shorten
from kiosk.content.validate.values import (
    ACCEPTS,
    Cut,
    Row,
    Undecodable,
    json_value,
    select_sql,
    stored_once,
    type_problem,
)

# The tables that may be large are streamed, never held; the others (bounded by MAX_ROWS to
# at most 10,000 small rows) are held for the rules that look across rows.
STREAMED = tuple(t.name for t in TABLES if t.large)
# Tables whose ids other rows point at, and tables whose rows have a unique key.
REFERENCED = tuple(dict.fromkeys(c.references for t in TABLES for c in t.references))
KEYED = tuple(t.name for t in TABLES if "key" in t.names and t.column("key").unique)


def _expected_columns(version: int) -> dict[str, dict[str, tuple[str, bool]]]:
    """Each table's columns as the schema of ``version`` declares them: name -> (type, NOT
    NULL); the tables a bundle of that version has."""
    columns = expected_shape(version).columns
    return {
        name: {c.name: (c.type, c.notnull or c.pk > 0) for c in columns[name]}
        for name in CONTENT_TABLES
        if name in columns
    }


class Rows:
    """The rows of one open bundle, typed, for the checks reported into ``report``."""

    def __init__(self, conn: sqlite3.Connection, report: Report) -> None:
        self.conn = conn
        self.report = report
        self.rows: dict[str, list[Row]] = {}
        self.labels: dict[str, list[str]] = {}
        self.present: dict[str, set[str]] = {}
        self.skipped: set[str] = set()
        # A bundle of an older schema is checked as it is: the tables it cannot have yet are
        # skipped, its tables' newer columns are not read.
        self.version = min(SCHEMA_VERSION, int(conn.execute("PRAGMA user_version").fetchone()[0]))
        self.expected = _expected_columns(self.version)
        self.absent = {t for t in CONTENT_TABLES if t not in self.expected}
        self.skipped |= self.absent
        self.ids_of: dict[str, set[int]] = {}
        self.keys_of: dict[str, set[str]] = {}
        self.default_locale = ""
        self.other_locales: list[str] = []
        # A table's own rule for each row as read (before its types are checked).
        self.raw_rules: dict[str, Callable[[str, Row], None]] = {}

    # -- reporting ---------------------------------------------------------------------------
    # The rule a problem belongs to, for the cap per rule, is the line that reports it.
    def error(self, table: str, row: str, name: str, message: str) -> None:
        caller = sys._getframe(1)
        rule = f"{caller.f_code.co_filename}:{caller.f_lineno}"
        self.report.add("error", table, row, name, message, rule=rule)

    def warn(self, table: str, row: str, name: str, message: str) -> None:
        caller = sys._getframe(1)
        rule = f"{caller.f_code.co_filename}:{caller.f_lineno}"
        self.report.add("warning", table, row, name, message, rule=rule)

    # -- the whole file ----------------------------------------------------------------------
    def check_integrity(self) -> None:
        try:
            rows = self.conn.execute("PRAGMA quick_check(20)").fetchall()
        except UnicodeDecodeError as exc:  # SQLite's complaint about a damaged page, undecodable
            rows = [(f"the check itself failed ({exc})",)]
        messages = [str(r[0]) for r in rows]
        if messages != ["ok"]:
            for message in messages[:10]:
                self.error("", "", "", f"the database is damaged: {message}")

    def check_counts(self) -> None:
        for table in CONTENT_TABLES:
            if table in self.absent:
                continue
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
        cursor = self.conn.execute(select_sql(table, self.version) + order)
        names = [d[0] for d in cursor.description]
        self.present[table] = set(expected)
        derived = stored_once(table, self.version)
        for index, values in enumerate(cursor, start=1):
            raw: Row = dict(zip(names, values, strict=True))
            for column in derived:  # a value stored once: '' is its parts joined
                if raw.get(column.name) == "" and column.derive is not None:
                    raw[column.name] = column.derive(raw)
            label = self._label(table, raw, index)
            raw_rule = self.raw_rules.get(table)
            if raw_rule is not None:
                raw_rule(label, raw)
            yield label, self._typed(table, label, raw, expected)

    def load(self, table: str) -> None:
        self.rows[table] = []
        self.labels[table] = []
        if table in self.skipped:
            return
        for label, row in self._rows(table):
            self.rows[table].append(row)
            self.labels[table].append(label)

    @staticmethod
    def _label(table: str, row: Row, index: int) -> str:
        if table == "translations":
            parts = [row.get(n) for n in ("locale", "tbl", "key", "field")]
            return "/".join(shorten(p, 100) if isinstance(p, str) else "?" for p in parts)
        key = row.get("key", row.get("locale"))  # a language's row (locales) by its code
        if isinstance(key, str) and key.strip() and not isinstance(key, Undecodable):
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
            if type(value) in ACCEPTS.get(kind, ()) and (  # the usual case, quickly
                not isinstance(value, str) or len(value) <= MAX_TEXT_CHARS
            ):
                out[name] = value
                continue
            if kind == "BLOB":
                # The image was checked as it was read; keep the blob out of memory.
                kind_of = raw.get(f"{name}_type")
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
                value = Cut(value[:MAX_TEXT_CHARS])
            problem = type_problem(kind, value)
            if problem:
                self.error(table, label, name, problem)
                out[name] = None
            else:
                out[name] = value
        return out

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
    def locales(self) -> tuple[str, list[str]]:
        for _, row in self.each("exhibit"):
            default = self.text(row, "default_locale").strip()
            value = json_value(self.text(row, "locales") or "[]")
            codes = [x for x in value if isinstance(x, str)] if isinstance(value, list) else []
            return default, codes
        return "", []

    def prepare(self) -> None:
        """What the row rules look up: the small tables' ids and keys, the languages."""
        for name in REFERENCED:
            self.ids_of[name] = self.ids(name)
        for name in TRANSLATABLE:
            if name not in STREAMED:
                self.keys_of[name] = {self.text(r, "key") for _, r in self.each(name)}
        self.keys_of["exhibit"] = {
            self.text(r, "key") or "exhibit" for _, r in self.each("exhibit")
        }
        self.default_locale, locales = self.locales()
        self.other_locales = [
            code for code in dict.fromkeys(locales) if code and code != self.default_locale
        ]
