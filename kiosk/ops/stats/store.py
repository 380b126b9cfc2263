"""Recording anonymous visitor statistics: ``StatsStore`` (Qt-free).

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
import functools
import logging
import math
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, ParamSpec, TypeVar

from kiosk.content.fileio import LANGUAGE_CODE
from kiosk.ops.stats.report import StatsFileError, Summary, summarize
from kiosk.ops.stats.schema import APPLICATION_ID, DDL, STATS_SCHEMA

# The package's one name in the log, whichever of its modules writes.
logger = logging.getLogger("kiosk.ops.stats")

SCREEN_NAME: Final = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_SECONDS: Final = 86_400.0
_CORRUPT_CODES: Final = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})

P = ParamSpec("P")
R = TypeVar("R")


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


# The statistics connection's page cache, in KiB (SQLite's default is 2,000).
CACHE_KIB: Final = 256


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
            # Appends need a few pages: SQLite's default page cache (2 MB) would fill with
            # the file as it grows, a kiosk's resident memory rising for weeks (issue 19).
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if existed:
                if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    raise _NotStatsFile("not a visitor statistics file")
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise _NotStatsFile(f"quick_check: {result}")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.executescript(DDL)
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
