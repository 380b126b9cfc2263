"""Read-only access to a content bundle.

A bundle is opened by URI with ``mode=ro``: the reader never writes and never creates a file.
Texts come back in the requested locale, falling back to the exhibit's default locale.
One ``Bundle`` per thread (sqlite3 connections are not shared across threads). The file's
checks and opening are ``bundlefile``'s; the people's pages, cards and search are
``people_reader``'s (both imported here as ever).

A bundle of an older schema version is read as if it were migrated, without writing to it:
``open_bundle`` lays temporary objects over it, on the connection only (SQLite looks in
``temp`` before ``main``): an empty table for each table a later version added, and a view
with the default value of each column a later version added. So every reader (the kiosk,
``validate``, ``info``, ``export``) sees the newest schema, and the file stays as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, cast

from kiosk.content import rows, tables
from kiosk.content.bundlefile import (
    SIDE_FILES,
    BundleError,
    bundle_version,
    check_bundle,
    check_readable,
    connect_readonly,
    open_bundle,
    read_header,
    read_image,
)
from kiosk.content.fileio import locale_list
from kiosk.content.limits import MAX_TEXT_CHARS
from kiosk.content.people_reader import PEOPLE_ORDERS, PeopleReader
from kiosk.content.records import (
    Event,
    Exhibit,
    Media,
    Remembrance,
    Section,
    Source,
    Statistic,
)
from kiosk.content.schema import SCHEMA_VERSION, TRANSLATABLE, table_columns

__all__ = [
    "PEOPLE_ORDERS",
    "SIDE_FILES",
    "Bundle",
    "BundleError",
    "bundle_version",
    "check_bundle",
    "check_readable",
    "connect_readonly",
    "event_years",
    "open_bundle",
    "read_header",
    "read_image",
]


def _select(table: str, where: str = "", version: int = SCHEMA_VERSION) -> str:
    """``SELECT <the schema's columns> FROM table ...``: never ``*``, so nothing a bundle adds
    is ever read (check_readable refuses such bundles anyway)."""
    by_name = {c.name: c for c in tables.table(table).columns}
    columns = ", ".join(
        rows.bounded(by_name[name], version) for name in table_columns(table, version)
    )
    return f"SELECT {columns} FROM {table} {where}".rstrip()


# Read a page at a time (the timeline), translated page by page: never part of the overlay.
_PAGED_TABLES: Final = ("events", "people")  # read a page at a time, never held whole
_OVERLAY_TABLES: Final = tuple(t for t in TRANSLATABLE if t not in _PAGED_TABLES)
_EVENT_SELECT: Final = f"SELECT {rows.select_list(tables.table('events'))} FROM events"
_EVENT_BATCH: Final = 500
# The year of an event, as ``PartialDate.year`` reads it (0 when undated).
_EVENT_YEAR: Final = (
    "CASE WHEN start_precision IN ('year', 'month', 'day', 'time') "
    "AND start_date GLOB '[0-9][0-9][0-9][0-9]*' "
    "THEN CAST(substr(start_date, 1, 4) AS INTEGER) ELSE 0 END"
)


def event_years(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """``(year, row of its first event)`` in row order, by a window function over the
    ``events_position`` order: the year strip of a timeline of any length, in one query (a
    pass over the events table; on a worker thread's own connection for a large one)."""
    found = conn.execute(
        "SELECT year, min(row) AS first FROM (SELECT "
        f"{_EVENT_YEAR} AS year, row_number() OVER (ORDER BY position, id) - 1 AS row "
        "FROM events) WHERE year != 0 GROUP BY year ORDER BY first"
    ).fetchall()
    return [(int(r[0]), int(r[1])) for r in found]


class Bundle(PeopleReader):
    """A content bundle opened read-only, in one locale."""

    def __init__(
        self, path: str | Path, locale: str | None = None, *, checked: bool = False
    ) -> None:
        """``checked``: the file's schema was checked (``check_readable``) and it has not
        changed since (the kiosk's own copy): only its header is read again."""
        self.path = Path(path)
        if not checked:
            check_readable(self.path)
        try:
            self._conn = open_bundle(self.path)
            self.version = bundle_version(self._conn)
            row = self._conn.execute(
                "SELECT substr(default_locale, 1, 50) AS default_locale, "
                "substr(locales, 1, 10001) AS locales, "
                "substr(visit_locale, 1, 50) AS visit_locale FROM exhibit WHERE id = 1"
            ).fetchone()
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: the database is damaged ({exc})") from None
        if row is None:
            raise BundleError(f"{self.path}: table exhibit, row 1 is missing")
        self.default_locale: str = rows.text(row["default_locale"]) or "en"
        locales = locale_list(row["locales"])
        self.locales: tuple[str, ...] = tuple(dict.fromkeys([self.default_locale, *locales]))
        # the language a visit starts in (the kiosk's, not the curator tools'): the exhibit's
        # visit_locale when it is one of its languages, else the default
        visit = rows.text(row["visit_locale"])
        self.visit_locale: str = visit if visit in self.locales else self.default_locale
        # the languages in the order the curator listed them (the order a visitor is offered)
        self.listed_locales: tuple[str, ...] = tuple(
            dict.fromkeys([c for c in locales if c in self.locales] + [self.default_locale])
        )
        self.locale = self.default_locale
        self._overlay: dict[tuple[str, str, str], str] = {}
        self._has_people: bool | None = None
        self._has_ranks: bool | None = None
        self.set_locale(locale or self.default_locale)

    # -- lifetime ----------------------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Bundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- locale ------------------------------------------------------------------------------
    def set_locale(self, locale: str) -> None:
        """Texts from now on come in ``locale`` where translated, else the default locale."""
        self.locale = locale if locale in self.locales else self.default_locale
        self._overlay = {}
        if self.locale != self.default_locale:
            # Every table's texts but the events': a timeline of 100,000 events is translated
            # a page at a time (``event_page``), never held whole.
            paged = ", ".join("?" * len(_OVERLAY_TABLES))
            rows = self._query(
                f"SELECT tbl, key, field, substr(text, 1, {MAX_TEXT_CHARS}) AS text "
                f"FROM translations WHERE tbl IN ({paged}) AND locale = ?",
                (*_OVERLAY_TABLES, self.locale),
            )
            self._overlay = {(r["tbl"], r["key"], r["field"]): r["text"] for r in rows}

    def _tr(self, table: str, row: rows.Row, field: str) -> str:
        if self._overlay and field in TRANSLATABLE.get(table, ()):
            text = self._overlay.get((table, rows.text(row["key"]), field))
            if text:
                return text
        return rows.text(row[field])

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: cannot be read ({exc})") from None
        except MemoryError:
            raise BundleError(f"{self.path}: holds more than this computer can read") from None

    # -- records ---------------------------------------------------------------------------
    def _records(self, name: str, where: str = "", params: tuple[Any, ...] = ()) -> list[Any]:
        """The records of table ``name`` (its description says how each field is read); none
        when the bundle's schema is older than the table."""
        table = tables.table(name)
        if table.since > self.version:
            return []
        columns = rows.select_list(table, self.version)
        found = self._query(f"SELECT {columns} FROM {name} {where}".rstrip(), params)
        overlay = self._overlay
        if name == "people" and self.locale != self.default_locale and found:
            overlay = self._people_overlay([rows.text(r["key"]) for r in found])

        def translate(field: str, row: rows.Row) -> str:
            if overlay is not self._overlay:
                text = overlay.get((name, rows.text(row["key"]), field))
                if text:
                    return text
            return self._tr(name, row, field)

        return [rows.to_record(table, r, translate, self.version) for r in found]

    def exhibit(self) -> Exhibit:
        table = tables.table("exhibit")
        row = self._query(_select("exhibit", "WHERE id = 1", self.version))[0]
        return cast(
            Exhibit,
            rows.to_record(
                table,
                row,
                lambda field, r: self._tr("exhibit", r, field),
                self.version,
                default_locale=self.default_locale,
                locales=self.locales,
            ),
        )

    def sources(self) -> dict[int, Source]:
        return {s.id: s for s in self._records("sources", "ORDER BY id")}

    def sections(self) -> list[Section]:
        return self._records("sections", "ORDER BY position, id")

    def events(self) -> list[Event]:
        return list(self.iter_events())

    def iter_events(self) -> Iterator[Event]:
        """Every event in the curator's order, read and translated a batch at a time."""
        try:
            cursor = self._conn.execute(f"{_EVENT_SELECT} ORDER BY position, id")
            while batch := cursor.fetchmany(_EVENT_BATCH):
                yield from self._event_records(batch)
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: cannot be read ({exc})") from None

    # -- events, a window at a time: the timeline never holds every row -----------------------
    def event_count(self) -> int:
        return int(self._query("SELECT count(*) FROM events")[0][0])

    def event_page(self, offset: int, limit: int) -> list[Event]:
        """The events in rows ``offset`` to ``offset + limit - 1`` of the curator's order.

        One indexed query: the row numbers are counted on the ``events_position`` index (a
        covering index, so skipping 100,000 rows reads no row), then only ``limit`` rows are read
        and their translations looked up by key. Well under a millisecond for 100 rows.
        """
        if limit <= 0 or offset < 0:
            return []
        found = self._query(
            f"{_EVENT_SELECT} WHERE id IN (SELECT id FROM events ORDER BY position, id "
            "LIMIT ? OFFSET ?) ORDER BY position, id",
            (limit, offset),
        )
        return self._event_records(found)

    def event_source_ids(self) -> list[int]:
        """The sources the events name, each once, in the order the timeline first names them.
        One pass in SQL (a timeline of 100,000 events is never read into Python for it)."""
        return [
            int(r[0])
            for r in self._query(
                "SELECT source_id FROM events WHERE source_id IS NOT NULL "
                "GROUP BY source_id ORDER BY min(position), min(id)"
            )
        ]

    def event_years(self) -> list[tuple[int, int]]:
        """The year strip: each year with the row of its first event, in row order (undated
        events have none). One pass over the table, in SQL; see ``event_years``."""
        try:
            return event_years(self._conn)
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: cannot be read ({exc})") from None

    def event_images(self, scan: int) -> list[tuple[int, int | None]]:
        """``(image_id, section_id)`` of the events with an image among the first ``scan``
        events, in order: where the attract loop finds its key images (bounded: the first
        events in reading order are the key ones; never a pass over a whole archive)."""
        found = self._query(
            "SELECT image_id, section_id FROM (SELECT image_id, section_id, position, id "
            "FROM events ORDER BY position, id LIMIT ?) WHERE image_id IS NOT NULL "
            "ORDER BY position, id",
            (scan,),
        )
        return [
            (media_id, rows.int_or_none(r["section_id"]))
            for r in found
            if (media_id := rows.int_or_none(r["image_id"])) is not None
        ]

    def _event_records(self, found: list[sqlite3.Row]) -> list[Event]:
        """Events from their rows, translated with one query for the lot (by key)."""
        table = tables.table("events")
        texts: dict[tuple[str, str], str] = {}
        if found and self.locale != self.default_locale:
            keys = [rows.text(r["key"]) for r in found]
            marks = ", ".join("?" * len(keys))
            texts = {
                (t["key"], t["field"]): t["text"]
                for t in self._query(
                    "SELECT key, field, text FROM translations WHERE tbl = 'events' "
                    f"AND locale = ? AND key IN ({marks})",
                    (self.locale, *keys),
                )
            }

        def translate(field: str, row: rows.Row) -> str:
            text = texts.get((rows.text(row["key"]), field)) if texts else None
            return text if text else rows.text(row[field])

        return [rows.to_record(table, r, translate) for r in found]

    def statistics(self) -> list[Statistic]:
        return self._records("statistics", "ORDER BY position, id")

    def remembrance(self) -> list[Remembrance]:
        return self._records("remembrance", "ORDER BY position, id")

    def media(self, media_id: int) -> Media | None:
        found: list[Media] = self._records("media", "WHERE id = ?", (media_id,))
        return found[0] if found else None

    def media_data(self, media_id: int) -> bytes | None:
        """The image's bytes; None when there is none, it is not binary, or it is over the
        image size limit (which is never read into memory)."""
        try:
            return read_image(self._conn, media_id)
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: cannot be read ({exc})") from None
