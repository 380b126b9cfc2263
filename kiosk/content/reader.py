"""Read-only access to a content bundle.

A bundle is opened by URI with ``mode=ro``: the reader never writes and never creates a file.
Texts come back in the requested locale, falling back to the exhibit's default locale.
One ``Bundle`` per thread (sqlite3 connections are not shared across threads).
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kiosk.content.records import (
    Event,
    Exhibit,
    Media,
    PartialDate,
    Person,
    Remembrance,
    Section,
    Source,
    Statistic,
)
from kiosk.content.schema import CONTENT_TABLES, SCHEMA_VERSION, TRANSLATABLE

SQLITE_HEADER = b"SQLite format 3\x00"


class BundleError(Exception):
    """A file that cannot be read as a content bundle. The message is meant for a curator."""


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` read-only by URI; fails (never creates) when the file is missing."""
    uri = "file:" + quote(str(Path(path).resolve()), safe="/:\\") + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    return conn


def check_readable(path: str | Path) -> None:
    """Raise BundleError unless ``path`` is an SQLite file of a schema this program reads."""
    p = Path(path)
    if not p.exists():
        raise BundleError(f"{p}: no such file")
    if p.is_dir():
        raise BundleError(f"{p}: is a folder, not a bundle file")
    try:
        with p.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BundleError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if len(header) == 0:
        raise BundleError(f"{p}: the file is empty")
    if header != SQLITE_HEADER:
        raise BundleError(f"{p}: not a content bundle (not an SQLite database)")
    try:
        with closing(connect_readonly(p)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.Error as exc:
        raise BundleError(f"{p}: the database is damaged or incomplete ({exc})") from None
    if version > SCHEMA_VERSION:
        raise BundleError(
            f"{p}: made for a newer kiosk (bundle schema {version}; this program reads up to "
            f"{SCHEMA_VERSION}). Update the kiosk program, or build the bundle with this version."
        )
    if version < 1:
        raise BundleError(f"{p}: not a content bundle (no schema version)")
    missing = [t for t in CONTENT_TABLES if t not in tables]
    if missing:
        raise BundleError(f"{p}: not a complete bundle (missing tables: {', '.join(missing)})")


def _date(value: Any, precision: Any) -> PartialDate | None:
    if value is None or precision is None:
        return None
    try:
        return PartialDate.parse(str(value), str(precision))
    except ValueError:
        return None  # the validator reports it; the kiosk shows the entry without a date


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


# SQLite is dynamically typed: a hand-edited bundle can hold text in a number column. The
# validator reports that; the reader must only never crash on it.
def _int_or_none(value: Any) -> int | None:
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _int(value: Any) -> int:
    number = _int_or_none(value)
    return 0 if number is None else number


def _float(value: Any) -> float:
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return 0.0


def _lenient_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


class Bundle:
    """A content bundle opened read-only, in one locale."""

    def __init__(self, path: str | Path, locale: str | None = None) -> None:
        check_readable(path)
        self.path = Path(path)
        try:
            self._conn = connect_readonly(self.path)
            self._conn.text_factory = _lenient_text
            row = self._conn.execute(
                "SELECT default_locale, locales FROM exhibit WHERE id = 1"
            ).fetchone()
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: the database is damaged ({exc})") from None
        if row is None:
            raise BundleError(f"{self.path}: table exhibit, row 1 is missing")
        self.default_locale: str = _text(row["default_locale"]) or "en"
        try:
            locales = json.loads(row["locales"] or "[]")
        except (TypeError, ValueError):
            locales = []
        if not isinstance(locales, list):
            locales = []
        self.locales: tuple[str, ...] = tuple(
            dict.fromkeys([self.default_locale, *(str(x) for x in locales)])
        )
        self.locale = self.default_locale
        self._overlay: dict[tuple[str, str, str], str] = {}
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
            rows = self._query(
                "SELECT tbl, key, field, text FROM translations WHERE locale = ?", (self.locale,)
            )
            self._overlay = {(r["tbl"], r["key"], r["field"]): r["text"] for r in rows}

    def _tr(self, table: str, row: sqlite3.Row, field: str) -> str:
        if self._overlay and field in TRANSLATABLE.get(table, ()):
            text = self._overlay.get((table, _text(row["key"]), field))
            if text:
                return text
        return _text(row[field])

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: cannot be read ({exc})") from None

    # -- records -----------------------------------------------------------------------------
    def exhibit(self) -> Exhibit:
        row = self._query("SELECT * FROM exhibit WHERE id = 1")[0]
        return Exhibit(
            title=self._tr("exhibit", row, "title"),
            subtitle=self._tr("exhibit", row, "subtitle"),
            default_locale=self.default_locale,
            locales=self.locales,
            content_version=_text(row["content_version"]),
            credits=self._tr("exhibit", row, "credits"),
        )

    def sources(self) -> dict[int, Source]:
        return {
            _int(r["id"]): Source(
                _int(r["id"]),
                _text(r["key"]),
                self._tr("sources", r, "title"),
                self._tr("sources", r, "detail"),
            )
            for r in self._query("SELECT * FROM sources ORDER BY id")
        }

    def sections(self) -> list[Section]:
        return [
            Section(
                id=_int(r["id"]),
                position=_int(r["position"]),
                key=_text(r["key"]),
                title=self._tr("sections", r, "title"),
                body=self._tr("sections", r, "body"),
                image_id=_int_or_none(r["image_id"]),
                source_id=_int_or_none(r["source_id"]),
                sensitive=bool(r["sensitive"]),
                advisory=self._tr("sections", r, "advisory"),
            )
            for r in self._query("SELECT * FROM sections ORDER BY position, id")
        ]

    def events(self) -> list[Event]:
        return list(self.iter_events())

    def iter_events(self) -> Iterator[Event]:
        for r in self._query("SELECT * FROM events ORDER BY position, id"):
            yield Event(
                id=_int(r["id"]),
                position=_int(r["position"]),
                key=_text(r["key"]),
                start=_date(r["start_date"], r["start_precision"]),
                end=_date(r["end_date"], r["end_precision"]),
                date_label=self._tr("events", r, "date_label"),
                title=self._tr("events", r, "title"),
                body=self._tr("events", r, "body"),
                era=self._tr("events", r, "era"),
                category=self._tr("events", r, "category"),
                image_id=_int_or_none(r["image_id"]),
                source_id=_int_or_none(r["source_id"]),
                section_id=_int_or_none(r["section_id"]),
            )

    def statistics(self) -> list[Statistic]:
        return [
            Statistic(
                id=_int(r["id"]),
                position=_int(r["position"]),
                key=_text(r["key"]),
                value=_float(r["value"]),
                unit=self._tr("statistics", r, "unit"),
                label=self._tr("statistics", r, "label"),
                description=self._tr("statistics", r, "description"),
                source_id=_int_or_none(r["source_id"]),
                parent_id=_int_or_none(r["parent_id"]),
            )
            for r in self._query("SELECT * FROM statistics ORDER BY position, id")
        ]

    def remembrance(self) -> list[Remembrance]:
        return [
            Remembrance(
                id=_int(r["id"]),
                position=_int(r["position"]),
                key=_text(r["key"]),
                kind=_text(r["kind"]),
                date=_date(r["date"], r["date_precision"]),
                date_label=self._tr("remembrance", r, "date_label"),
                title=self._tr("remembrance", r, "title"),
                body=self._tr("remembrance", r, "body"),
                source_id=_int_or_none(r["source_id"]),
            )
            for r in self._query("SELECT * FROM remembrance ORDER BY position, id")
        ]

    def people_count(self) -> int:
        return int(self._query("SELECT count(*) FROM people")[0][0])

    def people(self, limit: int = -1, offset: int = 0) -> list[Person]:
        return [
            Person(
                id=_int(r["id"]),
                name=_text(r["name"]),
                birth_date=_date(r["birth_date"], r["birth_precision"]),
                death_date=_date(r["death_date"], r["death_precision"]),
                age=_int_or_none(r["age"]),
                fate=self._tr("people", r, "fate"),
                notes=self._tr("people", r, "notes"),
                photo_id=_int_or_none(r["photo_id"]),
            )
            for r in self._query(
                "SELECT * FROM people ORDER BY name, id LIMIT ? OFFSET ?", (limit, offset)
            )
        ]

    def media(self, media_id: int) -> Media | None:
        rows = self._query(
            "SELECT id, key, mime, width, height, alt, credit FROM media WHERE id = ?",
            (media_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return Media(
            id=_int(r["id"]),
            key=_text(r["key"]),
            mime=_text(r["mime"]),
            width=_int(r["width"]),
            height=_int(r["height"]),
            alt=self._tr("media", r, "alt"),
            credit=self._tr("media", r, "credit"),
        )

    def media_data(self, media_id: int) -> bytes | None:
        rows = self._query("SELECT data FROM media WHERE id = ?", (media_id,))
        data = rows[0]["data"] if rows else None
        return data if isinstance(data, bytes) else None
