"""Anonymous visitor statistics: a separate, small SQLite file in the kiosk's data folder.

What is recorded: that a visit started and how long it lasted, which screens were seen and for
how long, the language chosen, a candle lit, a minute of silence started, the search used.
What is never recorded: anything a visitor typed (not even the search query), any name, any
free text. Screen names and language codes must match fixed patterns; anything else is dropped
(and the dropped value is not logged either, in case it was something a visitor typed).

The store never raises into the UI. A corrupt file, or a file that is not a statistics file, is
moved aside as ``<name>.corrupt-<timestamp>`` and a new one is made; a folder that cannot be
written, or a full disk, turns the store off (``problem`` says why) and it tries again later.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import logging
import math
import re
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, ParamSpec, TextIO, TypeVar

from kiosk.content.fileio import LANGUAGE_CODE, has_sqlite_header
from kiosk.content.reader import connect_readonly

logger = logging.getLogger(__name__)

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
SCREEN_NAME: Final = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_SECONDS: Final = 86_400.0

_SCHEMA: Final = """
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
_CORRUPT_CODES: Final = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})

P = ParamSpec("P")
R = TypeVar("R")


class StatsFileError(Exception):
    """A file that cannot be read as a statistics file. The message names the file and why."""


class _NotStatsFile(sqlite3.DatabaseError):
    """An SQLite file at the statistics path that is not ours (treated like a corrupt one)."""


def _local_day(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(ts))


def _is_corrupt(exc: BaseException) -> bool:
    if isinstance(exc, _NotStatsFile):
        return True
    return getattr(exc, "sqlite_errorname", "") in _CORRUPT_CODES


def _guarded(default: R) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run a public method so that no exception ever leaves it (logged, ``default`` returned)."""

    def wrap(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except Exception:
                logger.exception("statistics: %s failed", method.__name__)
                return default

        return inner

    return wrap


def _seconds(value: float) -> float | None:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return min(seconds, MAX_SECONDS)


class StatsStore:
    """Records anonymous visitor events; every method is safe to call from the UI (main) thread.

    ``enabled=False`` (the ``stats_enabled`` setting) makes every call a no-op and touches no
    file. ``clock`` gives Unix seconds, injected for tests.
    """

    def __init__(
        self,
        path: Path,
        retention_days: int = 365,
        max_mb: float = 50.0,
        clock: Callable[[], float] = time.time,
        *,
        enabled: bool = True,
        prune_every: int = 500,
        retry_after_s: float = 3600.0,
    ) -> None:
        self.path = Path(path)
        self.retention_days = retention_days
        self.max_bytes = int(max_mb * 1024 * 1024)
        self._clock = clock
        self._prune_every = max(1, prune_every)
        self._retry_after_s = retry_after_s
        self._conn: sqlite3.Connection | None = None
        self._session: int | None = None
        self._writes = 0
        self._failed_at: float | None = None
        self.problem = "" if enabled else "visitor statistics are turned off (stats_enabled)"
        self._wanted = enabled
        if enabled:
            self._open_or_disable()

    # -- state -------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        """Whether events are being recorded right now."""
        return self._conn is not None

    def close(self) -> None:
        """Close the file (the store records nothing more until reopened by a new instance)."""
        self._wanted = False
        self._close()

    def _close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None

    # -- opening, corruption and failure -----------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 0
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            if existed:
                if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    raise _NotStatsFile("not a visitor statistics file")
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise _NotStatsFile(f"quick_check: {result}")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {STATS_SCHEMA}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_or_disable(self) -> None:
        try:
            self._conn = self._connect()
        except (sqlite3.Error, OSError, ValueError) as exc:  # ValueError: e.g. NUL in a path
            if _is_corrupt(exc) and self._move_aside(exc):
                try:
                    self._conn = self._connect()
                except (sqlite3.Error, OSError) as again:
                    self._disable(again)
                    return
            else:
                self._disable(exc)
                return
        self.problem = ""
        self._failed_at = None
        self.prune()

    def _move_aside(self, exc: BaseException) -> bool:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self._clock()))
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            self.path.replace(target)
        except OSError as move_exc:
            logger.error(
                "statistics: %s is unusable (%s) and cannot be moved aside (%s)",
                self.path,
                exc,
                move_exc,
            )
            return False
        logger.error(
            "statistics: %s was unusable (%s); moved aside to %s, starting a new file",
            self.path,
            exc,
            target.name,
        )
        return True

    def _disable(self, exc: BaseException) -> None:
        self._close()
        self._failed_at = self._clock()
        self.problem = f"visitor statistics are off: {self.path} cannot be written ({exc})"
        logger.error("statistics: %s; retrying in %.0f s", self.problem, self._retry_after_s)

    def _maybe_retry(self) -> None:
        if self._conn is not None or not self._wanted or self._failed_at is None:
            return
        if self._clock() - self._failed_at >= self._retry_after_s:
            self._open_or_disable()

    def _handle_write_error(self, exc: sqlite3.Error) -> None:
        self._close()
        if _is_corrupt(exc) and self._move_aside(exc):
            self._open_or_disable()
        else:
            self._disable(exc)

    # -- writing -----------------------------------------------------------------------------
    def _record(self, kind: str, name: str | None = None, value: float | None = None) -> None:
        self._maybe_retry()
        if self._conn is None:
            return
        now = self._clock()
        try:
            self._conn.execute(
                "INSERT INTO events (ts, day, session, kind, name, value) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (now, _local_day(now), self._session, kind, name, value),
            )
        except sqlite3.Error as exc:
            self._handle_write_error(exc)
            return
        self._writes += 1
        if self._writes % self._prune_every == 0:
            self.prune()

    @_guarded(None)
    def session_start(self) -> None:
        """A visit began (the first touch after the attract loop)."""
        self._maybe_retry()
        if self._conn is None:
            return
        try:
            row = self._conn.execute("SELECT coalesce(max(session), 0) + 1 FROM events").fetchone()
        except sqlite3.Error as exc:
            self._handle_write_error(exc)
            return
        self._session = int(row[0])
        self._record("session_start")

    @_guarded(None)
    def session_end(self, duration_s: float) -> None:
        """The visit ended (idle return to the attract loop) after ``duration_s`` seconds."""
        self._record("session_end", value=_seconds(duration_s))
        self._session = None

    @_guarded(None)
    def screen(self, name: str, seconds: float) -> None:
        """The visitor spent ``seconds`` on screen ``name`` (a fixed name like ``timeline``)."""
        if not isinstance(name, str) or not SCREEN_NAME.match(name):
            logger.warning("statistics: a screen name outside the allowed pattern was dropped")
            return
        self._record("screen", name, _seconds(seconds))

    @_guarded(None)
    def language(self, code: str) -> None:
        """The visitor chose language ``code`` (e.g. ``az``)."""
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            logger.warning("statistics: a language code outside the allowed pattern was dropped")
            return
        self._record("language", code)

    @_guarded(None)
    def candle(self) -> None:
        """The visitor lit a candle."""
        self._record("candle")

    @_guarded(None)
    def silence(self) -> None:
        """The visitor started a minute of silence."""
        self._record("silence")

    @_guarded(None)
    def search(self) -> None:
        """The visitor used the name search (the query itself is never recorded)."""
        self._record("search")

    # -- limits ------------------------------------------------------------------------------
    def _used_bytes(self, conn: sqlite3.Connection) -> int:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        return int((pages - free) * size)

    @_guarded(0)
    def prune(self) -> int:
        """Delete events older than the retention and the oldest beyond the size limit.

        Returns how many events were deleted.
        """
        conn = self._conn
        if conn is None:
            return 0
        cutoff = self._clock() - self.retention_days * 86_400
        try:
            deleted = conn.execute("DELETE FROM events WHERE ts < ?", (cutoff,)).rowcount
            for _ in range(5):  # each round keeps a share; a few rounds reach any limit
                used = self._used_bytes(conn)
                if used <= self.max_bytes:
                    break
                total = conn.execute("SELECT count(*) FROM events").fetchone()[0]
                keep = int(total * self.max_bytes / used * 0.8)
                deleted += conn.execute(
                    "DELETE FROM events WHERE id IN "
                    "(SELECT id FROM events ORDER BY ts, id LIMIT ?)",
                    (total - keep,),
                ).rowcount
                conn.execute("VACUUM")
        except sqlite3.Error as exc:
            self._handle_write_error(exc)
            return 0
        if deleted:
            logger.info("statistics: pruned %d old events", deleted)
        return int(deleted)

    def summary(self) -> Summary | None:
        """The summary of this store's file for the admin screen, or None when there is none."""
        try:
            return summarize(self.path)
        except StatsFileError as exc:
            logger.info("statistics: no summary (%s)", exc)
            return None


# -- reading: summary and export ------------------------------------------------------------
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
