"""Reading a statistics file (Qt-free): the summary for the admin screen and the curator's
tool, the same as plain text, and every event as CSV. The file is opened read-only, and a file
that is not a statistics file is a ``StatsFileError`` naming it, never a traceback.
"""

from __future__ import annotations

import csv
import sqlite3
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, TextIO

from kiosk.content.fileio import has_sqlite_header
from kiosk.content.reader import connect_readonly
from kiosk.ops.stats.schema import APPLICATION_ID


class StatsFileError(Exception):
    """A file that cannot be read as a statistics file. The message names the file and why."""


@dataclass(frozen=True, slots=True)
class ScreenVisits:
    """How often a screen was opened and for how long in total."""

    name: str
    visits: int
    total_s: float


@dataclass(frozen=True, slots=True)
class Summary:
    """What the statistics file says, for the curator's tool and the admin screen."""

    path: Path
    events: int
    first_day: str | None
    last_day: str | None
    sessions: int
    sessions_per_day: tuple[tuple[str, int], ...]
    median_visit_s: float | None
    screens: tuple[ScreenVisits, ...]
    languages: tuple[tuple[str, int], ...]
    candles: int
    silences: int
    searches: int


def _open_stats_readonly(path: Path) -> sqlite3.Connection:
    """Open ``path`` read-only, raising StatsFileError unless it is a statistics file."""
    if not path.exists():
        raise StatsFileError(f"{path}: no such file")
    if path.is_dir():
        raise StatsFileError(f"{path}: is a folder, not a statistics file")
    try:
        sqlite = has_sqlite_header(path)
    except OSError as exc:
        raise StatsFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not sqlite:
        raise StatsFileError(f"{path}: not a visitor statistics file (not an SQLite database)")
    try:
        conn = connect_readonly(path)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as exc:
        raise StatsFileError(f"{path}: the statistics file is damaged ({exc})") from None
    if app_id != APPLICATION_ID or "events" not in tables:
        conn.close()
        raise StatsFileError(
            f"{path}: not a visitor statistics file (it is another SQLite database; "
            "the kiosk's statistics are stats.sqlite in its data folder)"
        )
    return conn


def _count(conn: sqlite3.Connection, kind: str) -> int:
    return int(conn.execute("SELECT count(*) FROM events WHERE kind = ?", (kind,)).fetchone()[0])


def _read_summary(conn: sqlite3.Connection, path: Path) -> Summary:
    q = conn.execute
    events, first, last = q("SELECT count(*), min(day), max(day) FROM events").fetchone()
    per_day = q(
        "SELECT day, count(*) FROM events WHERE kind = 'session_start' GROUP BY day ORDER BY day"
    ).fetchall()
    durations = [
        float(r[0])
        for r in q("SELECT value FROM events WHERE kind = 'session_end' AND value IS NOT NULL")
    ]
    screens = q(
        "SELECT name, count(*), coalesce(sum(value), 0) FROM events WHERE kind = 'screen' "
        "GROUP BY name ORDER BY count(*) DESC, name"
    ).fetchall()
    languages = q(
        "SELECT name, count(*) FROM events WHERE kind = 'language' "
        "GROUP BY name ORDER BY count(*) DESC, name"
    ).fetchall()
    return Summary(
        path=path,
        events=int(events),
        first_day=first,
        last_day=last,
        sessions=_count(conn, "session_start"),
        sessions_per_day=tuple((str(d), int(n)) for d, n in per_day),
        median_visit_s=statistics.median(durations) if durations else None,
        screens=tuple(ScreenVisits(str(n), int(c), float(s)) for n, c, s in screens),
        languages=tuple((str(n), int(c)) for n, c in languages),
        candles=_count(conn, "candle"),
        silences=_count(conn, "silence"),
        searches=_count(conn, "search"),
    )


def summarize(path: Path) -> Summary:
    """Summarise the statistics file at ``path``, opened read-only.

    Raises StatsFileError (naming the file) when it is missing, not a statistics file, or damaged.
    """
    path = Path(path)
    conn = _open_stats_readonly(path)
    try:
        return _read_summary(conn, path)
    except sqlite3.Error as exc:
        raise StatsFileError(f"{path}: the statistics file is damaged ({exc})") from None
    finally:
        conn.close()


CSV_COLUMNS: Final = ("time_utc", "day", "session", "event", "name", "value")


def _write_rows(conn: sqlite3.Connection, out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for ts, day, session, kind, name, value in conn.execute(
        "SELECT ts, day, session, kind, name, value FROM events ORDER BY ts, id"
    ):
        when = datetime.fromtimestamp(float(ts), UTC).isoformat(timespec="seconds")
        shown_value = "" if value is None else f"{float(value):g}"
        writer.writerow(
            [when, day, "" if session is None else session, kind, name or "", shown_value]
        )
        rows += 1
    return rows


def to_csv(path: Path, out: Path | TextIO) -> int:
    """Export every event of the statistics file at ``path`` as CSV; returns the row count.

    ``out`` is a file path (written as UTF-8) or an open text stream. Raises StatsFileError for a
    file that is not a statistics file, OSError when ``out`` cannot be written.
    """
    path = Path(path)
    conn = _open_stats_readonly(path)
    try:
        if isinstance(out, Path):
            with out.open("w", encoding="utf-8", newline="") as fh:
                return _write_rows(conn, fh)
        return _write_rows(conn, out)
    except sqlite3.Error as exc:
        raise StatsFileError(f"{path}: the statistics file is damaged ({exc})") from None
    finally:
        conn.close()


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def format_summary(summary: Summary) -> str:
    """The summary as plain text for a terminal or the admin screen."""
    if summary.events == 0:
        return f"Visitor statistics: {summary.path}\nNo visits recorded yet."
    days = len(summary.sessions_per_day)
    lines = [
        f"Visitor statistics: {summary.path}",
        f"Period: {summary.first_day} to {summary.last_day}",
        f"Visits: {summary.sessions} on {days} day{'s' if days != 1 else ''}",
    ]
    if summary.median_visit_s is not None:
        lines.append(f"Median visit: {_duration(summary.median_visit_s)}")
    lines.append(
        f"Candles lit: {summary.candles}   Minutes of silence: {summary.silences}   "
        f"Searches: {summary.searches}"
    )
    if summary.screens:
        lines += ["", "Most visited screens:"]
        lines += [
            f"  {s.name:<16} {s.visits:>7} visits  {_duration(s.total_s)} in all"
            for s in summary.screens
        ]
    if summary.languages:
        lines += ["", "Languages chosen:"]
        lines += [f"  {code:<16} {count:>7}" for code, count in summary.languages]
    lines += ["", "Visits per day:"]
    lines += [f"  {day}  {count:>7}" for day, count in summary.sessions_per_day]
    return "\n".join(lines)
