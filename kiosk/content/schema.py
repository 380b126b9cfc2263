"""Bundle schema v1: tables, the translatable fields, and the migrations that create them.

The schema version lives in ``PRAGMA user_version``. Migrations run through sqlite-utils'
``Migrations`` when a bundle is *built* (never by the kiosk, which opens bundles read-only).
A bundle whose version is newer than ``SCHEMA_VERSION`` is refused by the reader.
"""

from __future__ import annotations

from typing import Final

import sqlite_utils
from sqlite_utils.migrations import Migrations

SCHEMA_VERSION: Final = 1

PRECISIONS: Final = ("year", "month", "day", "time")
REMEMBRANCE_KINDS: Final = ("observance", "decree", "address", "other")

# Every visitor-facing text field, by table. The base tables hold the exhibit's default
# locale; ``translations`` holds the others, keyed by the row's ``key``.
TRANSLATABLE: Final[dict[str, tuple[str, ...]]] = {
    "exhibit": ("title", "subtitle", "credits"),
    "sources": ("title", "detail"),
    "sections": ("title", "body", "advisory"),
    "events": ("date_label", "title", "body", "era", "category"),
    "statistics": ("unit", "label", "description"),
    "remembrance": ("date_label", "title", "body"),
    "people": ("fate", "notes"),
    "media": ("alt", "credit"),
}

CONTENT_TABLES: Final = (
    "exhibit",
    "sources",
    "media",
    "sections",
    "events",
    "statistics",
    "remembrance",
    "people",
    "translations",
)

_V1: Final = """
CREATE TABLE exhibit (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key TEXT NOT NULL DEFAULT 'exhibit',
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL DEFAULT '',
    default_locale TEXT NOT NULL,
    locales TEXT NOT NULL,              -- JSON array of locale codes, default first
    content_version TEXT NOT NULL,
    credits TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    alt TEXT NOT NULL DEFAULT '',
    credit TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    image_id INTEGER REFERENCES media(id),
    source_id INTEGER REFERENCES sources(id),
    sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
    advisory TEXT NOT NULL DEFAULT ''
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    key TEXT NOT NULL UNIQUE,
    start_date TEXT,
    start_precision TEXT CHECK (start_precision IN ('year', 'month', 'day', 'time')),
    end_date TEXT,
    end_precision TEXT CHECK (end_precision IN ('year', 'month', 'day', 'time')),
    date_label TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    era TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    image_id INTEGER REFERENCES media(id),
    source_id INTEGER REFERENCES sources(id),
    section_id INTEGER REFERENCES sections(id)
);
CREATE INDEX events_position ON events(position);
CREATE TABLE statistics (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    key TEXT NOT NULL UNIQUE,
    value REAL NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source_id INTEGER REFERENCES sources(id),
    parent_id INTEGER REFERENCES statistics(id)
);
CREATE TABLE remembrance (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('observance', 'decree', 'address', 'other')),
    date TEXT,
    date_precision TEXT CHECK (date_precision IN ('year', 'month', 'day', 'time')),
    date_label TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    birth_date TEXT,
    birth_precision TEXT CHECK (birth_precision IN ('year', 'month', 'day', 'time')),
    death_date TEXT,
    death_precision TEXT CHECK (death_precision IN ('year', 'month', 'day', 'time')),
    age INTEGER,
    fate TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    photo_id INTEGER REFERENCES media(id)
);
CREATE INDEX people_name ON people(name);
CREATE TABLE translations (
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,
    field TEXT NOT NULL,
    locale TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (tbl, key, field, locale)
) WITHOUT ROWID;
"""

migrations = Migrations("kiosk-bundle")


@migrations(name="0001_initial")
def _m0001_initial(db: sqlite_utils.Database) -> None:
    # One statement at a time: executescript() would commit the migration's transaction.
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)


def create_or_migrate(db: sqlite_utils.Database) -> None:
    """Bring a writable database (a bundle being built) up to ``SCHEMA_VERSION``."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise ValueError(
            f"this database has schema version {current}; this program knows up to "
            f"{SCHEMA_VERSION}: use a newer kiosk-content"
        )
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
