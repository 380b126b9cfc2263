"""The statistics file's own marks: its application id, schema version, kinds of event and
table (Qt-free)."""

from __future__ import annotations

from typing import Final

APPLICATION_ID: Final = 0x4B535453  # "KSTS": marks a file as kiosk statistics
STATS_SCHEMA: Final = 1
EVENT_KINDS: Final = (
    "session_start",
    "session_end",
    "screen",
    "language",
    "candle",
    "silence",
    "search",
)

DDL: Final = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,        -- Unix time
    day TEXT NOT NULL,       -- the kiosk's local date, YYYY-MM-DD
    session INTEGER,         -- a visit counter; not linked to any person
    kind TEXT NOT NULL,
    name TEXT,               -- screen name or language code, from fixed patterns only
    value REAL               -- seconds, where the event has a duration
);
CREATE INDEX IF NOT EXISTS events_ts ON events(ts);
"""
