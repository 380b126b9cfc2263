"""The generic checks: every table's rows by its description (``tables``).

Types and NOT NULL (every value is checked for its type first: SQLite is dynamically typed,
and later rules only see values of the right type), required texts, references, unique keys,
key and text lengths, markup and control characters, and the row limits. The large tables are
streamed and their cross-row rules run in SQL. Table-specific rules plug in through
``row_rules``, ``raw_rules`` and ``table_rules`` (see ``rules``).
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Callable, Iterator

from kiosk.content import tables
from kiosk.content.limits import MAX_ROWS, MAX_TEXT_CHARS
from kiosk.content.shape import expected_shape
from kiosk.content.tables import (
    CONTENT_TABLES,
    SCHEMA_VERSION,
    TABLES,
    TRANSLATABLE,
    Column,
    Table,
)
from kiosk.content.validate.report import Report, shorten
from kiosk.content.validate.values import (
    ACCEPTS,
    BIDI,
    CONTROL,
    EVENT_ORDER,
    KEY_MAX,
    MARKUP,
    PARAGRAPH_WARN,
    SUSPECT,
    Cut,
    Row,
    Undecodable,
    json_value,
    select_sql,
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


class Checks:
    """The generic checks of one open bundle, reported into ``report``."""

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
        # A table's own rules: for each row as read (before types are checked), for each
        # typed row, and across the table once its rows are loaded.
        self.raw_rules: dict[str, Callable[[str, Row], None]] = {}
        self.row_rules: dict[str, Callable[[str, Row], None]] = {}
        self.table_rules: dict[str, Callable[[], None]] = {}
        # Rules across tables, run last (the translations').
        self.cross_rules: list[tuple[str, Callable[[], None]]] = []

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

    def run(self) -> None:
        small = [t for t in CONTENT_TABLES if t not in STREAMED]
        steps: list[tuple[str, Callable[[], None]]] = [
            ("", self.check_integrity),
            ("", self.check_counts),
            *((name, lambda t=name: self.load(t)) for name in small),
            ("", self.prepare),
            *((name, lambda t=name: self.check_rows(t)) for name in small),
            ("", self.check_keys),
            *self.table_rules.items(),
            *((name, lambda t=name: self.stream(t)) for name in STREAMED),
            ("", self.check_large_keys),
            ("", self.check_large_references),
            *self.cross_rules,
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
        for index, values in enumerate(cursor, start=1):
            raw: Row = dict(zip(names, values, strict=True))
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

    def stream(self, table: str) -> None:
        if table in self.skipped or table in getattr(self, "trusted", ()):
            return
        for label, row in self._rows(table, EVENT_ORDER if table == "events" else ""):
            self.check_row(table, label, row)

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

    def check_rows(self, table: str) -> None:
        for label, row in self.each(table):
            self.check_row(table, label, row)

    def check_keys(self) -> None:
        for table in KEYED:
            if table in STREAMED:
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
        described = _described(table)
        if table in KEYED:
            key = self.text(row, "key")
            if len(key) > KEY_MAX:
                self.error(table, label, "key", f"is {len(key)} characters; at most {KEY_MAX}")
        for column in described.columns:
            name, value = column.name, row.get(column.name)
            if column.required and value is not None and not self.text(row, name).strip():
                self.error(table, label, name, "is empty (required)")
            blank = value is None or (isinstance(value, str) and not value.strip())
            if column.advice and blank:
                self.warn(table, label, name, column.advice)
        self.check_texts(table, label, row)
        for column in described.references:
            target = column.references
            if target in STREAMED:
                continue  # check_large_references, in SQL
            value = self.integer(row, column.name)
            if value is not None and value not in self.ids_of.get(target, ()):
                self.error(
                    table,
                    label,
                    column.name,
                    f"points at {target} id {value}, which does not exist",
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
        if isinstance(value, Undecodable):
            self.error(table, label, name, "is not valid UTF-8 text")
        if SUSPECT.search(value):
            self._check_markup(table, label, name, value)
        if isinstance(value, Cut):
            return  # its length was reported as it was read
        described = _text_column(*limit_key)
        limits = described.limits if described is not None else None
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
        paragraphs = described is not None and described.paragraphs
        if paragraphs and len(value) > PARAGRAPH_WARN:
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
        markup = MARKUP.search(value)
        if markup:
            self.error(
                table,
                label,
                name,
                f"contains {shorten(markup[0].strip(), 40)!r}: no markup, links or addresses "
                "in a bundle (they could make a screen load something)",
            )
        control = CONTROL.search(value)
        if control:
            self.error(
                table,
                label,
                name,
                f"contains an invisible control character (U+{ord(control[0]):04X})",
            )
        if BIDI.search(value):
            self.warn(table, label, name, "contains invisible text-direction characters")

    # -- rules across the rows of the large tables, in SQL (bounded memory) ------------------
    def check_large_keys(self) -> None:
        for table in KEYED:
            if table not in STREAMED or table in self.skipped:
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

    def check_large_references(self) -> None:
        """References to the rows of a large table (a relation's people), in SQL."""
        for table in TABLES:
            if table.name in self.skipped:
                continue
            for column in table.references:
                target = column.references
                if target not in STREAMED or target in self.skipped:
                    continue
                for ident, key, value in self.conn.execute(
                    f"SELECT r.id, r.{'key' if 'key' in table.names else 'id'}, r.{column.name} "
                    f"FROM {table.name} AS r LEFT JOIN {target} AS t ON t.id = r.{column.name} "
                    f"WHERE typeof(r.{column.name}) = 'integer' AND t.id IS NULL ORDER BY r.rowid"
                ):
                    label = self._label(table.name, {"key": key, "id": ident}, 0)
                    self.error(
                        table.name,
                        label,
                        column.name,
                        f"points at {target} id {value}, which does not exist",
                    )


def _described(name: str) -> Table:
    return tables.table(name)


def _text_column(name: str, column: str) -> Column | None:
    """The description of ``name``.``column`` (None for a name the bundle made up)."""
    try:
        return tables.table(name).column(column)
    except KeyError:
        return None
