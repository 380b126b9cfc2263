"""What a publish would change: the new bundle against the one now at the destination.

``compare(new, old)`` reads both bundles read-only (the schema's own columns, by key) and says,
per table, which rows were added, removed or changed, and per language how complete the
translations are. Qt-free; the publish dialog shows ``Summary.lines()``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content.fileio import locale_list
from kiosk.content.people_reader import order_column
from kiosk.content.reader import BundleError, check_readable, open_bundle
from kiosk.content.schema import table_columns
from kiosk.content.tables import TABLES, TRANSLATABLE, read_sql
from kiosk.content.tables import table as describe
from kiosk.studio.fields import row_noun, table_title

# Left out of a row's digest: where it sits, and the ranks computed from everyone (a new
# name would otherwise "change" every person after it).
_SKIP = {"id", "position", "name_order", "wall_order"}


@dataclass
class TableChange:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    moved: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.moved)


@dataclass
class Summary:
    destination_readable: bool  # False: no bundle there yet (or not a readable one)
    note: str = ""
    tables: dict[str, TableChange] = field(default_factory=dict)
    languages: dict[str, tuple[int, int]] = field(default_factory=dict)  # translated, of
    previous_languages: dict[str, tuple[int, int]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out: list[str] = []
        if not self.destination_readable:
            out.append(self.note or "There is no exhibit at the destination yet: all of it is new.")
        for table, change in self.tables.items():
            if not change:
                continue
            noun = row_noun(table)
            parts = []
            for what, keys in (
                ("added", change.added),
                ("changed", change.changed),
                ("removed", change.removed),
            ):
                if keys:
                    shown = ", ".join(keys[:6]) + (
                        f" and {len(keys) - 6} more" if len(keys) > 6 else ""
                    )
                    plural = "s" if len(keys) != 1 else ""
                    parts.append(f"{len(keys)} {noun}{plural} {what} ({shown})")
            if change.moved:
                parts.append("new order")
            out.append(f"{table_title(table)}: " + "; ".join(parts))
        if self.destination_readable and not any(self.tables.values()):
            out.append("The content is the same as the exhibit at the destination.")
        for locale, (done, total) in self.languages.items():
            percent = 100 if total == 0 else round(100 * done / total)
            before = self.previous_languages.get(locale)
            was = ""
            if before is not None and before != (done, total):
                was_percent = 100 if before[1] == 0 else round(100 * before[0] / before[1])
                was = f" (was {was_percent}%)"
            out.append(f"Language {locale}: {percent}% translated ({done} of {total} texts){was}")
        return out


def _rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], dict[str, str]]:
    """The keys in order, and a digest of each row's content (ids and positions left out)."""
    columns = [c for c in table_columns(table) if c not in _SKIP]
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    # The people in the wall's order (the ids' from schema 5, a rank's before).
    order = (
        "position, id"
        if "position" in table_columns(table)
        else f"{order_column('wall', version)}, id"
        if table == "people"
        else "rowid"
    )
    keys: list[str] = []
    digests: dict[str, str] = {}
    # Each value as the kiosk reads it: a name stored once reads as its parts joined.
    read = [f"{read_sql(describe(table).column(c), version)} AS {c}" for c in columns]
    for row in conn.execute(f"SELECT {', '.join(read)} FROM {table} ORDER BY {order}"):
        values = dict(zip(columns, row, strict=True))
        key = str(values.get("key", ""))
        keys.append(key)
        digests[key] = hashlib.sha256(repr(sorted(_plain(values).items())).encode()).hexdigest()
    return keys, digests


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: hashlib.sha256(v).hexdigest() if isinstance(v, bytes) else v for k, v in values.items()
    }


def _languages(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    row = conn.execute("SELECT default_locale, locales FROM exhibit LIMIT 1").fetchone()
    if row is None:
        return {}
    default, locales = str(row[0]), locale_list(row[1])
    total = 0
    for table, names in TRANSLATABLE.items():
        for name in names:
            total += int(
                conn.execute(f"SELECT count(*) FROM {table} WHERE trim({name}) <> ''").fetchone()[0]
            )
    out = {}
    for locale in locales:
        if locale == default:
            continue
        done = int(
            conn.execute(
                "SELECT count(*) FROM translations WHERE locale = ? AND trim(text) <> ''", (locale,)
            ).fetchone()[0]
        )
        out[locale] = (min(done, total), total)
    return out


def compare(new: Path, old: Path | None) -> Summary:
    """What publishing ``new`` over ``old`` changes. ``new`` must be a readable bundle."""
    keyed = [
        t.name for t in TABLES if "key" in t.names and t.name not in ("exhibit", "translations")
    ]
    with closing(open_bundle(new)) as conn:
        fresh = {t: _rows(conn, t) for t in keyed}
        exhibit = _rows(conn, "exhibit")
        languages = _languages(conn)
    summary = Summary(destination_readable=False, languages=languages)
    previous: dict[str, tuple[list[str], dict[str, str]]] = {}
    if old is not None and old.exists():
        try:
            check_readable(old)
            with closing(open_bundle(old)) as conn:
                previous = {t: _rows(conn, t) for t in keyed}
                previous["exhibit"] = _rows(conn, "exhibit")
                summary.previous_languages = _languages(conn)
            summary.destination_readable = True
        except (BundleError, sqlite3.Error) as exc:
            summary.note = (
                f"The file at the destination is not a readable exhibit ({exc}); "
                "it will be replaced."
            )
    elif old is not None:
        summary.note = "There is no exhibit at the destination yet: all of it is new."
    fresh["exhibit"] = exhibit
    for table in ["exhibit", *keyed]:
        keys, digests = fresh[table]
        old_keys, old_digests = previous.get(table, ([], {}))
        change = TableChange(
            added=[k for k in keys if k not in old_digests],
            removed=[k for k in old_keys if k not in digests],
            changed=[k for k in keys if k in old_digests and old_digests[k] != digests[k]],
        )
        common_new = [k for k in keys if k in old_digests]
        common_old = [k for k in old_keys if k in digests]
        change.moved = common_new != common_old
        if table == "exhibit" and change.changed:
            change.changed = ["title, languages or credits"]
        summary.tables[table] = change
    return summary
