"""The generic checks: every table's rows by its description (``tables``).

Required texts, references, unique keys, key and text lengths, markup and control characters,
and the row limits, over the rows ``loading.Rows`` reads (typed, the large tables streamed;
their cross-row rules run in SQL). Table-specific rules plug in through ``row_rules``,
``raw_rules`` and ``table_rules`` (see ``rules``), rules across tables through ``cross_rules``
(see ``translations``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from kiosk.content import tables
from kiosk.content.limits import MAX_WORD_CHARS
from kiosk.content.records import PartialDate
from kiosk.content.tables import CONTENT_TABLES, TABLES, Column, Table
from kiosk.content.validate.loading import KEYED, STREAMED, Rows
from kiosk.content.validate.report import Report, shorten
from kiosk.content.validate.values import (
    BIDI,
    CONTROL,
    EVENT_ORDER,
    KEY_MAX,
    LONG_WORD,
    MARKUP,
    PARAGRAPH_WARN,
    SUSPECT,
    Cut,
    Row,
    Undecodable,
    parse_date,
)

__all__ = ["STREAMED", "Checks"]


class Checks(Rows):
    """The generic checks of one open bundle, reported into ``report``."""

    def __init__(self, conn: sqlite3.Connection, report: Report) -> None:
        super().__init__(conn, report)
        # A table's own rules: for each typed row, and across the table once its rows are
        # loaded (for each row as read: ``raw_rules``).
        self.row_rules: dict[str, Callable[[str, Row], None]] = {}
        self.table_rules: dict[str, Callable[[], None]] = {}
        # Rules across tables, run last (the translations').
        self.cross_rules: list[tuple[str, Callable[[], None]]] = []

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

    def stream(self, table: str) -> None:
        if table in self.skipped or table in getattr(self, "trusted", ()):
            return
        for label, row in self._rows(table, EVENT_ORDER if table == "events" else ""):
            self.check_row(table, label, row)

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
            parse_date(text, kind)
            if len(text) <= 40 and len(kind) <= 10
            else (parse_date.__wrapped__(text, kind))
        )
        if isinstance(parsed, str):
            self.error(table, label, value_name, parsed)
            return None
        return parsed

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
        for column in _CHOICES.get(table, ()):
            value = row.get(column.name)
            if not isinstance(value, str) or value in column.choices:
                continue
            if value == "" and (column.required or not column.not_null):
                continue  # empty: "is empty (required)", or a choice not made
            choices = ", ".join(column.choices)
            self.error(table, label, column.name, f"{shorten(value, 40)!r}: use {choices}")
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
        if limits and len(value) > MAX_WORD_CHARS:
            self._check_words(table, label, name, value)

    def _check_words(self, table: str, label: str, name: str, value: str) -> None:
        longest = max((m.group() for m in LONG_WORD.finditer(value)), key=len, default="")
        if longest:
            self.warn(
                table,
                label,
                name,
                f"has a word of {len(longest):,} characters with no space "
                f"({shorten(longest, 30)!r}); a line holds about {MAX_WORD_CHARS}, so the screen "
                "breaks it anywhere: is a space missing?",
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


# The columns whose value is one of a list (a date's precision is checked with its date).
_CHOICES: dict[str, tuple[Column, ...]] = {
    t.name: tuple(
        c for c in t.columns if c.choices and c.name not in {d.precision for d in t.dates}
    )
    for t in TABLES
}


def _described(name: str) -> Table:
    return tables.table(name)


def _text_column(name: str, column: str) -> Column | None:
    """The description of ``name``.``column`` (None for a name the bundle made up)."""
    try:
        return tables.table(name).column(column)
    except KeyError:
        return None
