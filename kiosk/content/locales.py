"""Each language of a bundle: the review status its curator set, and how complete it is.

The review status of a language other than the default one is in the ``locales`` table
(``exhibit.toml``'s ``[review]``): ``draft``, ``machine`` or ``reviewed`` (``REVIEW_STATUSES``);
a language without one reads as not set (``""``), as does every language of a bundle of schema
version 1, which had no such table. The default language's own text is the source: its status
is ``source``.

Completeness counts texts: of the visitor texts the default language has (every translatable
field that is not empty; an empty text needs no translation), how many have a translation in
the language that is not empty. ``validate``, ``info`` and the admin screen all count here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Final

from kiosk.content import rows
from kiosk.content.fileio import locale_list
from kiosk.content.tables import REVIEW_STATUSES, TABLES, TRANSLATABLE

__all__ = [
    "REVIEW_STATUSES",
    "SOURCE",
    "WAITING",
    "LocaleStatus",
    "TableCount",
    "locale_statuses",
    "review_statuses",
    "translation_counts",
    "untranslated_sql",
]

SOURCE: Final = "source"  # the default language: its text is what the others translate
# The statuses that still wait for a native-speaking curator: `validate` warns of each.
WAITING: Final = {
    "draft": "translations are a draft awaiting review",
    "machine": "translations are machine-made, awaiting review",
}
_WS: Final = "' ' || char(9) || char(10) || char(13)"  # what strip() removes, in SQL
_NOUNS: Final = {t.name: t.noun or t.name for t in TABLES}


@dataclass(frozen=True, slots=True)
class TableCount:
    """How many of one table's texts a language has translated, out of ``total``."""

    table: str
    translated: int
    total: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated

    @property
    def noun(self) -> str:
        """What one row of the table is called ("figure" for statistics)."""
        return _NOUNS.get(self.table, self.table)


@dataclass(frozen=True, slots=True)
class LocaleStatus:
    """One language of a bundle: its review status and its completeness."""

    locale: str
    review: str  # draft, machine, reviewed; "source" for the default language; "" not set
    translated: int
    total: int
    tables: tuple[TableCount, ...] = ()

    @property
    def default(self) -> bool:
        return self.review == SOURCE

    @property
    def review_text(self) -> str:
        """The status as ``info`` and the admin screen print it."""
        return self.review or "not set"

    @property
    def percent(self) -> int:
        """Texts translated, in whole percent (rounded down: 99 until the last one is done)."""
        return 100 if self.total == 0 else self.translated * 100 // self.total

    def to_dict(self) -> dict[str, object]:
        return {
            "locale": self.locale,
            "default": self.default,
            "review": self.review,
            "translated": self.translated,
            "total": self.total,
        }


def untranslated_sql(table: str, field: str) -> str:
    """``FROM ... WHERE ...`` of the rows of ``table`` whose ``field`` has a text and no
    translation in the language given as the one parameter (``r`` is the row)."""
    return (
        f"FROM {table} AS r LEFT JOIN translations AS t ON t.tbl = '{table}' "
        f"AND t.field = '{field}' AND t.locale = ? AND t.key = {_key_sql(table)} "
        f"AND typeof(t.text) = 'text' AND trim(t.text, {_WS}) <> '' "
        f"WHERE {_has_text(field)} AND t.tbl IS NULL"
    )


def _key_sql(table: str) -> str:
    """How a row of ``table`` is named in ``translations`` (the exhibit row by 'exhibit')."""
    if table == "exhibit":
        return "CASE WHEN typeof(r.key) = 'text' AND r.key <> '' THEN r.key ELSE 'exhibit' END"
    return "CASE WHEN typeof(r.key) = 'text' THEN r.key ELSE '' END"


def _has_text(field: str) -> str:
    return f"typeof(r.{field}) = 'text' AND trim(r.{field}, {_WS}) <> ''"


def translation_counts(
    conn: sqlite3.Connection, locales: list[str], skip: set[str] | frozenset[str] = frozenset()
) -> dict[str, tuple[TableCount, ...]]:
    """For each of ``locales``, each translatable table's count of translated texts out of
    all its texts (tables in ``skip`` left out). Raises sqlite3.Error."""
    totals, done = _counts(conn, locales, skip)
    return {
        locale: tuple(
            TableCount(table, min(done.get((locale, table), 0), total), total)
            for table, total in totals.items()
        )
        for locale in locales
    }


def _counts(
    conn: sqlite3.Connection, locales: list[str], skip: set[str] | frozenset[str]
) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Each table's texts, and each (language, table)'s translated texts."""
    totals: dict[str, int] = {}
    done: dict[tuple[str, str], int] = {}
    for table, fields in TRANSLATABLE.items():
        if table in skip:
            continue
        totals[table] = 0
        for field in fields:
            totals[table] += int(
                conn.execute(
                    f"SELECT count(*) FROM {table} AS r WHERE {_has_text(field)}"
                ).fetchone()[0]
            )
            if not locales:
                continue
            for locale, count in conn.execute(
                f"SELECT t.locale, count(*) FROM {table} AS r JOIN translations AS t "
                f"ON t.tbl = '{table}' AND t.field = '{field}' AND t.key = {_key_sql(table)} "
                f"AND typeof(t.text) = 'text' AND trim(t.text, {_WS}) <> '' "
                f"WHERE {_has_text(field)} AND typeof(t.locale) = 'text' GROUP BY t.locale"
            ):
                if locale in locales:
                    done[(locale, table)] = done.get((locale, table), 0) + int(count)
    return totals, done


def review_statuses(conn: sqlite3.Connection) -> dict[str, str]:
    """The review status of each language that has one (``locales``; none in a bundle of
    schema version 1, which ``open_bundle`` reads with an empty table). A value that is not a
    status is left out: ``validate`` reports it. Raises sqlite3.Error."""
    found: dict[str, str] = {}
    for locale, review in conn.execute("SELECT locale, review FROM locales LIMIT 1000"):
        if isinstance(locale, str) and isinstance(review, str) and review in REVIEW_STATUSES:
            found[locale] = review
    return found


def locale_statuses(conn: sqlite3.Connection) -> list[LocaleStatus]:
    """Every language of the bundle on ``conn`` (from ``open_bundle``), the default first: its
    review status and completeness. Raises sqlite3.Error."""
    row = conn.execute(
        "SELECT substr(default_locale, 1, 50), substr(locales, 1, 10001) FROM exhibit "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    if row is None:
        return []
    default = rows.text(row[0]).strip()
    codes = [c for c in dict.fromkeys([default, *locale_list(row[1])]) if c][:50]
    others = [c for c in codes if c != default]
    totals, _done = _counts(conn, [], frozenset())
    counts = translation_counts(conn, others) if others else {}
    reviews = review_statuses(conn)
    out = []
    for code in codes:
        if code == default:
            total = sum(totals.values())
            out.append(LocaleStatus(code, SOURCE, total, total))
            continue
        tables = counts[code]
        out.append(
            LocaleStatus(
                code,
                reviews.get(code, ""),
                sum(c.translated for c in tables),
                sum(c.total for c in tables),
                tables,
            )
        )
    return out
