"""Read-only access to a content bundle.

A bundle is opened by URI with ``mode=ro``: the reader never writes and never creates a file.
Texts come back in the requested locale, falling back to the exhibit's default locale.
One ``Bundle`` per thread (sqlite3 connections are not shared across threads).

A bundle of an older schema version is read as if it were migrated, without writing to it:
``open_bundle`` lays temporary objects over it, on the connection only (SQLite looks in
``temp`` before ``main``): an empty table for each table a later version added, and a view
with the default value of each column a later version added. So every reader (the kiosk,
``validate``, ``info``, ``export``) sees the newest schema, and the file stays as it was.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, Final, cast
from urllib.parse import quote

from kiosk.content import rows, tables
from kiosk.content.fileio import SQLITE_HEADER, lenient_text, locale_list
from kiosk.content.images import MAX_IMAGE_BYTES
from kiosk.content.limits import MAX_TEXT_CHARS
from kiosk.content.names import KEYS_VERSION, Match, search
from kiosk.content.names.index import index_meta
from kiosk.content.records import (
    Event,
    Exhibit,
    Media,
    Person,
    PersonCard,
    Place,
    Relative,
    Remembrance,
    Section,
    Source,
    Statistic,
)
from kiosk.content.schema import (
    SCHEMA_VERSION,
    TRANSLATABLE,
    column_default_sql,
    create_table_sql,
    table_columns,
)
from kiosk.content.shape import compare_shape, expected_shape, shape_of

_HEADER_BYTES = 100
# Files SQLite keeps beside a database while it is being written. A bundle is read as one
# file: these are ignored (never read, never created), and `validate` mentions them.
SIDE_FILES = ("-wal", "-shm", "-journal")


class BundleError(Exception):
    """A file that cannot be read as a content bundle. The message is meant for a curator:
    it names the file and says what is wrong."""


def _uri(path: str | Path, query: str) -> str:
    # Path.absolute(), not resolve(): a symlink loop must not raise RuntimeError here.
    return "file:" + quote(str(Path(path).absolute()), safe="/:\\") + "?" + query


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` read-only by URI; fails (never creates) when the file is missing.

    For SQLite files other than bundles (the statistics file, which the kiosk writes in WAL
    mode). Bundles are opened with ``open_bundle``.
    """
    conn = sqlite3.connect(_uri(path, "mode=ro"), uri=True, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    return conn


def _file_problem(p: Path) -> str | None:
    """Why ``p`` is not a regular, readable, non-empty file (checked before it is opened)."""
    try:
        st = p.stat()
    except FileNotFoundError:
        return "a symbolic link to nothing" if p.is_symlink() else "no such file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that leads round in a loop"
        return f"cannot be read ({exc.strerror or exc})"
    except ValueError as exc:  # a NUL in the path
        return f"not a usable file name ({exc})"
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a bundle file"
    if not stat.S_ISREG(st.st_mode):
        kind = "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device or socket"
        return f"is {kind}, not a bundle file"
    if st.st_size == 0:
        return "the file is empty"
    return None


def read_header(path: str | Path) -> bytes:
    """The first 100 bytes of ``path`` (the SQLite header), checked as a bundle's header.

    Refuses, with a BundleError naming the file: a missing file, a folder, a FIFO or device
    (never opened, so it cannot hang), a symlink loop, an unreadable or empty file, a file
    that is not SQLite, a cut-off file, and a bundle in write-ahead-log (WAL) mode.
    """
    p = Path(path)
    problem = _file_problem(p)
    if problem:
        raise BundleError(f"{p}: {problem}")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):  # swapped for something else since the check
                raise BundleError(f"{p}: is not a regular file")
            header = os.read(fd, _HEADER_BYTES)
        finally:
            os.close(fd)
    except OSError as exc:
        raise BundleError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if not header:
        raise BundleError(f"{p}: the file is empty")
    if not header.startswith(SQLITE_HEADER):
        raise BundleError(f"{p}: not a content bundle (not an SQLite database)")
    if len(header) < _HEADER_BYTES:
        raise BundleError(
            f"{p}: the file is incomplete, cut off at {len(header)} bytes (not a whole database)"
        )
    write_version, read_version = header[18], header[19]
    if write_version == 2 or read_version == 2:
        raise BundleError(
            f"{p}: the database is in write-ahead-log (WAL) mode; a bundle must be one file. "
            "Rebuild it with `kiosk-content build`, or run `PRAGMA journal_mode=DELETE` on it "
            "in the program that made it"
        )
    if write_version != 1 or read_version != 1:
        raise BundleError(f"{p}: the database is damaged (its header is not valid)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise BundleError(f"{p}: the database is damaged (page size {page_size} in its header)")
    pages = int.from_bytes(header[28:32], "big")
    size_valid = header[24:28] == header[92:96]
    if size_valid and pages and st.st_size < pages * page_size:
        raise BundleError(
            f"{p}: the file is incomplete, cut off at {st.st_size:,} bytes (its header says "
            f"{pages * page_size:,}): was it copied completely?"
        )
    return header


def open_bundle(path: str | Path) -> sqlite3.Connection:
    """Open the bundle file ``path`` for reading, as one file, after ``read_header``'s checks.

    The connection reads the file alone: a ``-wal`` or ``-journal`` beside it is never read,
    and no ``-wal``/``-shm`` file is ever created beside it (SQLite's ``immutable`` open). The
    file must therefore be replaced only by a rename, never rewritten in place while open
    (``publish`` and the kiosk's own copies do so). Texts that are not UTF-8 come back with
    U+FFFD. Rows come as ``sqlite3.Row``. Raises BundleError.
    """
    read_header(path)
    try:
        conn = sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True, check_same_thread=True)
    except sqlite3.Error as exc:
        raise BundleError(f"{path}: cannot be opened ({exc})") from None
    conn.row_factory = sqlite3.Row
    conn.text_factory = lenient_text
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if isinstance(version, int) and 1 <= version < SCHEMA_VERSION:
            _read_as_newest(conn, version)
    except sqlite3.Error:
        pass  # a damaged file or one of another shape: check_bundle says what is wrong
    return conn


def _read_as_newest(conn: sqlite3.Connection, version: int) -> None:
    """Lay the tables and columns added after schema ``version`` over the bundle, as
    temporary objects of this connection: empty tables, and views giving each added column
    its default (see the module's docstring)."""
    for table in tables.TABLES:
        if table.since > version:
            sql = create_table_sql(table)
            conn.execute(sql.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))
            continue
        if all(c.since <= version for c in table.columns):
            continue
        columns = ", ".join(
            c.name if c.since <= version else f"{column_default_sql(c)} AS {c.name}"
            for c in table.columns
        )
        rowid = "" if table.without_rowid else "rowid AS rowid, "
        conn.execute(
            f"CREATE TEMP VIEW {table.name} AS SELECT {rowid}{columns} FROM main.{table.name}"
        )


def read_image(conn: sqlite3.Connection, media_id: int) -> bytes | None:
    """The bytes of media row ``media_id`` on a connection from ``open_bundle``: None when the
    row is missing, its data is not binary, or it is over ``MAX_IMAGE_BYTES`` (such a blob is
    never read into memory). Raises sqlite3.Error for a damaged file."""
    row = conn.execute(
        "SELECT CASE WHEN typeof(data) = 'blob' AND length(data) <= ? THEN data END "
        "FROM media WHERE id = ?",
        (MAX_IMAGE_BYTES, media_id),
    ).fetchone()
    data = row[0] if row is not None else None
    return data if isinstance(data, bytes) else None


def bundle_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open bundle (``PRAGMA user_version``)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _check_schema(p: Path, conn: sqlite3.Connection) -> list[str]:
    version = bundle_version(conn)
    if version > SCHEMA_VERSION:
        raise BundleError(
            f"{p}: made for a newer kiosk (bundle schema {version}; this program reads up to "
            f"{SCHEMA_VERSION}). Update the kiosk program, or build the bundle with this version."
        )
    if not isinstance(version, int) or version < 1:
        raise BundleError(f"{p}: not a content bundle (no schema version)")
    expected = expected_shape(version)
    differences = compare_shape(shape_of(conn, expected.columns), expected)
    if differences.refused:
        first = differences.refused[0]
        if first.startswith("missing tables:"):
            raise BundleError(f"{p}: not a complete bundle ({first})")
        shown = "; ".join(differences.refused[:6])
        more = len(differences.refused) - 6
        raise BundleError(
            f"{p}: not a bundle of this schema ({shown}"
            + (f"; and {more} more" if more > 0 else "")
            + "). A bundle holds the schema's tables and columns exactly: rebuild it with "
            "`kiosk-content build`"
        )
    return differences.deviations


def check_bundle(path: str | Path) -> list[str]:
    """``check_readable``, returning what it tolerated: the schema deviations (lost
    constraints or indexes) that validation reports as errors."""
    p = Path(path)
    try:
        with closing(open_bundle(p)) as conn:
            return _check_schema(p, conn)
    except BundleError:
        raise
    except sqlite3.Error as exc:
        raise BundleError(f"{p}: the database is damaged or incomplete ({exc})") from None
    except Exception as exc:  # whatever a hostile file provokes, the answer is a BundleError
        raise BundleError(
            f"{p}: the database cannot be read ({type(exc).__name__}: {exc})"
        ) from None


def check_readable(path: str | Path) -> None:
    """Raise BundleError unless ``path`` is a bundle this program can read.

    Checks, reading no row: the file (``read_header``), the schema version, and the schema's
    shape: every table, column (hidden and generated ones included), view, trigger and index
    is compared with what ``schema.create_or_migrate`` makes, and anything extra, missing or
    changed is refused with the differences listed. Never raises anything but BundleError.
    """
    check_bundle(path)


def _select(table: str, where: str = "", version: int = SCHEMA_VERSION) -> str:
    """``SELECT <the schema's columns> FROM table ...``: never ``*``, so nothing a bundle adds
    is ever read (check_readable refuses such bundles anyway)."""
    by_name = {c.name: c for c in tables.table(table).columns}
    columns = ", ".join(rows.bounded(by_name[name]) for name in table_columns(table, version))
    return f"SELECT {columns} FROM {table} {where}".rstrip()


# The orders of people_page: by the names' own collation, or as on the wall (by place, then
# family, then name). Both are ranks computed by build and import-people (docs/name-search.md).
PEOPLE_ORDERS = {"name": "name_order", "wall": "wall_order"}


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


class Bundle:
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

    def _people_overlay(self, keys: list[str]) -> dict[tuple[str, str, str], str]:
        out: dict[tuple[str, str, str], str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._query(
                "SELECT key, field, text FROM translations WHERE tbl = 'people' AND locale = ? "
                f"AND key IN ({marks})",
                (self.locale, *chunk),
            ):
                out[("people", r["key"], r["field"])] = r["text"]
        return out

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

    # -- people ------------------------------------------------------------------------------
    # Paged: a bundle may hold a million names; no call reads more rows than it returns.

    def _ranked(self) -> bool:
        """Whether build or import-people ranked the people (asked once)."""
        if self._has_ranks is None:
            found = self._query("SELECT name_order IS NOT NULL FROM people LIMIT 1")
            self._has_ranks = bool(found and found[0][0])
        return self._has_ranks

    def has_people(self) -> bool:
        """Whether the bundle names anyone (asked once: the file never changes while open)."""
        if self._has_people is None:
            self._has_people = bool(self._query("SELECT 1 FROM people LIMIT 1"))
        return self._has_people

    def people_count(self, *, place: str | None = None, family: str | None = None) -> int:
        """How many people the bundle names (of one place or one family, by key)."""
        where, params = self._people_filter(place, family)
        if where is None:
            return 0
        if not where and self.version >= 2 and self._ranked():
            # build and import-people rank 0, 1, 2... with no gap: the last rank, read off the
            # wall's index, is the count, with no pass over a million rows. (A bundle whose
            # ranks were changed since has a stale name index, which validate reports; a
            # row past the real end reads as no row.)
            found = self._query("SELECT max(wall_order) FROM people")
            return 0 if found[0][0] is None else int(found[0][0]) + 1
        return int(self._query(f"SELECT count(*) FROM people {where}", params)[0][0])

    def people(self, limit: int = -1, offset: int = 0) -> list[Person]:
        """People in the names' order (``people_page``; ``limit`` -1: all of them)."""
        return self.people_page(offset, limit)

    def people_page(
        self,
        offset: int,
        limit: int,
        order: str = "name",
        *,
        place: str | None = None,
        family: str | None = None,
    ) -> list[Person]:
        """``limit`` people from the ``offset``-th (0-based), in ``order``: ``name`` (each
        alphabet's own collation: Latin names first, az/en/ru orders, see
        docs/name-search.md) or ``wall`` (by place, then family, then name). ``place`` (a
        place's key) or ``family`` (a family key) keep to those people. An index range read
        for the whole list: as quick at the millionth name as at the first."""
        if order not in PEOPLE_ORDERS:
            raise ValueError(f"order {order!r}: use one of {', '.join(PEOPLE_ORDERS)}")
        offset = max(0, offset)
        where, params = self._people_filter(place, family)
        if where is None or limit == 0:
            return []
        if self.version < 2 or not self._ranked():
            # No ranks (schema 1, or rows written by another tool): by name, read in order.
            return self._records(
                "people",
                f"{where} ORDER BY name, id LIMIT ? OFFSET ?".lstrip(),
                (*params, limit, offset),
            )
        column = PEOPLE_ORDERS[order]
        if not where:  # ranks are 0, 1, 2...: the page is a range of the index
            return self._records(
                "people",
                f"WHERE {column} >= ? ORDER BY {column}, id LIMIT ?",
                (offset, limit),
            )
        return self._records(
            "people",
            f"{where} ORDER BY {column}, id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )

    def _people_filter(
        self, place: str | None, family: str | None
    ) -> tuple[str | None, tuple[Any, ...]]:
        """The WHERE of people of a place and/or family ('' for all; None: nobody can match)."""
        if place is None and family is None:
            return "", ()
        if self.version < 2:
            return None, ()
        parts: list[str] = []
        params: list[Any] = []
        if place is not None:
            parts.append("place_id = (SELECT id FROM places WHERE key = ?)")
            params.append(place)
        if family is not None:
            parts.append("family = ?")
            params.append(family)
        return "WHERE " + " AND ".join(parts), tuple(params)

    def person(self, key: str) -> PersonCard | None:
        """The person with ``key``, with their place, source, relations (both directions, as
        the relative is to this person) and the others of their family; None if none."""
        found: list[Person] = self._records("people", "WHERE key = ?", (key,))
        if not found:
            return None
        person = found[0]
        place = self.place_by_id(person.place_id) if person.place_id is not None else None
        source = self.sources().get(person.source_id) if person.source_id is not None else None
        relatives: list[Relative] = []
        family: list[Person] = []
        if self.version >= 2:
            # "A is parent of B": for A, B is a child; for B, A is a parent.
            reverse = {"parent": "child", "child": "parent"}
            links = self._query(
                "SELECT kind, relative_id AS other, 0 AS back FROM relations WHERE person_id = ? "
                "UNION ALL SELECT kind, person_id, 1 FROM relations WHERE relative_id = ?",
                (person.id, person.id),
            )
            kinds: dict[int, str] = {}
            for link in links[:500]:
                kind = rows.text(link["kind"])
                is_back = bool(link["back"])
                # The relative is, to this person: the reverse of what this person is to them.
                kinds.setdefault(int(link["other"]), kind if is_back else reverse.get(kind, kind))
            if kinds:
                marks = ",".join("?" * len(kinds))
                for other in self._records(
                    "people", f"WHERE id IN ({marks}) ORDER BY name_order, id", tuple(kinds)
                ):
                    relatives.append(Relative(kinds[other.id], other))
            if person.family:
                family = [
                    p
                    for p in self._records(
                        "people",
                        "WHERE family = ? ORDER BY name_order, id LIMIT 501",
                        (person.family,),
                    )
                    if p.id != person.id
                ][:500]
        return PersonCard(person, place, source, tuple(relatives), tuple(family))

    def places(self) -> list[Place]:
        """The curator's places, in their order (none in a bundle of schema 1)."""
        return self._records("places", "ORDER BY position, id")

    def place_by_id(self, place_id: int) -> Place | None:
        found: list[Place] = self._records("places", "WHERE id = ?", (place_id,))
        return found[0] if found else None

    def name_index_problem(self) -> str:
        """Why the search cannot be trusted ('' when it can): no index (schema 1), or one
        built by another version of the search's key functions. (``validate`` also checks
        that it holds exactly the bundle's people.)"""
        if self.version < 2:
            return (
                f"the bundle has schema {self.version}, with no name index: run "
                "`kiosk-content import-people` or build it again"
            )
        meta = index_meta(self._conn)
        if meta.get("keys_version") != KEYS_VERSION:
            return "its name index is missing or out of date: build the bundle again"
        return ""

    def search_people(self, query: str, limit: int = 20, *, prefix: bool = True) -> list[Match]:
        """The kiosk's name search (kiosk.content.names.search) on this bundle: best first.

        Run it on the thread that opened this ``Bundle`` (one per thread). Empty for a bundle
        without people or without a current name index."""
        if self.version < 2 or not self.has_people():
            return []
        try:
            return search(self._conn, query, limit, prefix=prefix)
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: the name index cannot be read ({exc})") from None

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
