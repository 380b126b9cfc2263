"""Visitor statistics: anonymous events written, limited, survived when broken, summarised."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.ops.stats import StatsFileError, StatsStore, format_summary, summarize, to_csv
from kiosk.ops.stats_cli import stats_command

from .helpers import FakeClock, build_bundle, sqlite_rows

DAY = 86_400.0


def day_of(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(ts))


def visit(store: StatsStore, clock: FakeClock, seconds: float, lang: str = "az") -> None:
    """One short visit: home, then timeline, then the memorial with a candle."""
    store.session_start()
    store.language(lang)
    store.screen("home", 5)
    store.screen("timeline", seconds - 10)
    store.screen("memorial", 5)
    store.candle()
    clock.advance(seconds)
    store.session_end(seconds)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> StatsStore:
    return StatsStore(tmp_path / "data" / "stats.sqlite", 365, 50, clock=clock)


def test_visits_are_summarised(store: StatsStore, clock: FakeClock) -> None:
    """Sessions per day, the median visit, screens, languages and candles add up."""
    first_day = day_of(clock.now)
    visit(store, clock, 60)
    visit(store, clock, 120, "ru")
    clock.advance(DAY)
    visit(store, clock, 300)
    store.silence()
    store.search()
    summary = summarize(store.path)
    assert summary.sessions == 3
    assert summary.sessions_per_day == ((first_day, 2), (day_of(clock.now), 1))
    assert summary.median_visit_s == 120
    assert [(s.name, s.visits, s.total_s) for s in summary.screens] == [
        ("home", 3, 15),
        ("memorial", 3, 15),
        ("timeline", 3, 450),
    ]
    assert summary.languages == (("az", 2), ("ru", 1))
    assert (summary.candles, summary.silences, summary.searches) == (3, 1, 1)


def test_sessions_are_numbered(store: StatsStore, clock: FakeClock) -> None:
    """Events carry a visit counter, and nothing outside a visit gets one."""
    visit(store, clock, 60)
    visit(store, clock, 60)
    store.candle()
    sessions = [r[0] for r in sqlite_rows(store.path, "SELECT session FROM events ORDER BY id")]
    assert sessions == [1] * 7 + [2] * 7 + [None]


def test_turned_off_touches_no_file(tmp_path: Path, clock: FakeClock) -> None:
    """stats_enabled = false records nothing and creates no file."""
    store = StatsStore(tmp_path / "stats.sqlite", clock=clock, enabled=False)
    visit(store, clock, 60)
    assert not store.enabled and "turned off" in store.problem
    assert not (tmp_path / "stats.sqlite").exists()


@pytest.mark.parametrize("name", ["Home", "search:Əliyev", "x" * 40, "", "home screen"])
def test_free_text_screen_names_are_dropped(
    store: StatsStore, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A screen name outside the fixed pattern is not stored, and not logged either."""
    store.screen(name, 3)
    assert sqlite_rows(store.path, "SELECT count(*) FROM events") == [(0,)]
    assert all(name not in r.getMessage() for r in caplog.records if name)


@pytest.mark.parametrize("code", ["English", "a", "az; DROP TABLE events", "ru-"])
def test_odd_language_codes_are_dropped(store: StatsStore, code: str) -> None:
    """Only language codes like az, ru, en-GB are stored."""
    store.language(code)
    assert sqlite_rows(store.path, "SELECT count(*) FROM events") == [(0,)]


def test_bad_durations_are_not_stored_as_numbers(store: StatsStore) -> None:
    """A negative or infinite duration becomes no value, a huge one is capped at a day."""
    store.screen("home", -5)
    store.screen("home", float("inf"))
    store.screen("home", 10 * DAY)
    values = [r[0] for r in sqlite_rows(store.path, "SELECT value FROM events ORDER BY id")]
    assert values == [None, None, DAY]


def test_old_events_are_pruned(store: StatsStore, clock: FakeClock) -> None:
    """Events older than the retention are deleted."""
    visit(store, clock, 60)
    clock.advance(366 * DAY)
    store.candle()
    assert store.prune() == 7
    assert sqlite_rows(store.path, "SELECT kind FROM events") == [("candle",)]


def test_size_limit_drops_oldest(tmp_path: Path, clock: FakeClock) -> None:
    """On opening, beyond the size limit the oldest events go and the file shrinks below it."""
    path = tmp_path / "stats.sqlite"
    StatsStore(path, clock=clock).close()
    conn = sqlite3.connect(path)
    rows = [(clock.now + i, "2023-11-14", "screen", "timeline", 4.0) for i in range(3000)]
    conn.executemany("INSERT INTO events (ts, day, kind, name, value) VALUES (?,?,?,?,?)", rows)
    conn.commit()
    conn.close()
    clock.advance(3000)
    store = StatsStore(path, 365, max_mb=0.05, clock=clock, prune_every=100_000)
    store.candle()
    assert path.stat().st_size <= 0.05 * 1024 * 1024
    assert sqlite_rows(path, "SELECT count(*) FROM events")[0][0] < 3000
    kinds = [r[0] for r in sqlite_rows(path, "SELECT kind FROM events ORDER BY id DESC LIMIT 1")]
    assert kinds == ["candle"]


def test_corrupt_file_is_moved_aside(tmp_path: Path, clock: FakeClock) -> None:
    """A damaged file is kept as stats.sqlite.corrupt-<time> and a new one is started."""
    path = tmp_path / "stats.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    store = StatsStore(path, clock=clock)
    store.candle()
    assert store.enabled
    aside = list(tmp_path.glob("stats.sqlite.corrupt-*"))
    assert len(aside) == 1
    assert summarize(path).candles == 1


def test_foreign_database_is_moved_aside(tmp_path: Path, clock: FakeClock) -> None:
    """Another program's SQLite file at the statistics path is kept aside, not written into."""
    path = tmp_path / "stats.sqlite"
    build_bundle(path)
    StatsStore(path, clock=clock).candle()
    assert len(list(tmp_path.glob("stats.sqlite.corrupt-*"))) == 1
    assert summarize(path).candles == 1


def test_unwritable_folder_turns_store_off(tmp_path: Path, clock: FakeClock) -> None:
    """When the folder cannot be made the store is off, says why, and raises nothing."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = StatsStore(blocker / "stats.sqlite", clock=clock)
    visit(store, clock, 60)
    assert not store.enabled
    assert "cannot be written" in store.problem


def test_store_retries_later(tmp_path: Path, clock: FakeClock) -> None:
    """After a failure the store tries again an hour later and then records."""
    blocker = tmp_path / "later"
    blocker.write_text("x")
    store = StatsStore(blocker / "stats.sqlite", clock=clock)
    blocker.unlink()
    store.candle()
    assert not store.enabled
    clock.advance(3600)
    store.candle()
    assert store.enabled and summarize(blocker / "stats.sqlite").candles == 1


class _FullDisk:
    def execute(self, *_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def close(self) -> None:
        pass


def test_full_disk_while_writing_is_survived(store: StatsStore, clock: FakeClock) -> None:
    """A write that fails turns the store off instead of raising into the UI."""
    store._conn = _FullDisk()  # type: ignore[assignment]
    visit(store, clock, 60)
    assert not store.enabled and "disk is full" in store.problem


def test_unexpected_error_never_reaches_the_ui(
    store: StatsStore, caplog: pytest.LogCaptureFixture
) -> None:
    """Even a programming error inside the store is logged, not raised."""
    store._conn = object()  # type: ignore[assignment]
    store.candle()
    assert "statistics: candle failed" in caplog.text


def test_summary_of_missing_file(tmp_path: Path) -> None:
    """A missing file is a clear error."""
    with pytest.raises(StatsFileError, match="no such file"):
        summarize(tmp_path / "none.sqlite")


def test_summary_of_text_file(tmp_path: Path) -> None:
    """A file that is not SQLite is named as not a statistics file."""
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(StatsFileError, match="not a visitor statistics file"):
        summarize(path)


def test_summary_of_bundle_is_refused(tmp_path: Path) -> None:
    """A content bundle given by mistake is named as another SQLite database."""
    path = build_bundle(tmp_path / "exhibit.sqlite")
    with pytest.raises(StatsFileError, match="another SQLite database"):
        summarize(path)


def test_summary_does_not_write(store: StatsStore, clock: FakeClock) -> None:
    """Summarising leaves the file byte for byte as it was."""
    visit(store, clock, 60)
    store.close()
    before = store.path.read_bytes()
    summarize(store.path)
    assert store.path.read_bytes() == before


def test_csv_export(store: StatsStore, clock: FakeClock, tmp_path: Path) -> None:
    """Every event becomes a CSV row with its UTC time, day, visit, kind, name and value."""
    visit(store, clock, 60)
    out = tmp_path / "out.csv"
    assert to_csv(store.path, out) == 7
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "time_utc,day,session,event,name,value"
    assert lines[3].endswith(",1,screen,home,5")
    assert lines[1].startswith("2023-11-14T22:13:20+00:00,")


def test_format_summary_reads_well(store: StatsStore, clock: FakeClock) -> None:
    """The text summary names the visits, the median and the screens."""
    visit(store, clock, 90)
    text = format_summary(summarize(store.path))
    assert "Visits: 1 on 1 day" in text
    assert "Median visit: 1 min 30 s" in text
    assert "timeline" in text and "Candles lit: 1" in text


def test_format_empty_summary(store: StatsStore) -> None:
    """A new file says no visits yet."""
    assert "No visits recorded yet" in format_summary(summarize(store.path))


def test_store_summary_is_none_without_file(tmp_path: Path, clock: FakeClock) -> None:
    """The admin screen gets None, not an exception, when there are no statistics."""
    store = StatsStore(tmp_path / "stats.sqlite", clock=clock, enabled=False)
    assert store.summary() is None


def test_cli_prints_summary_and_exports(
    store: StatsStore, clock: FakeClock, tmp_path: Path
) -> None:
    """`stats FILE --csv OUT` prints the summary, writes the CSV and exits 0."""
    visit(store, clock, 60)
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(stats_command, [str(store.path), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert "Visits: 1" in result.output and "Exported 7 events" in result.output
    assert out.is_file()


def test_cli_exit_2_for_not_stats(tmp_path: Path) -> None:
    """A file that is not statistics exits 2 with a message naming it."""
    path = tmp_path / "x.txt"
    path.write_text("x")
    result = CliRunner().invoke(stats_command, [str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "Traceback" not in result.output


def test_cli_exit_1_when_csv_cannot_be_written(store: StatsStore, tmp_path: Path) -> None:
    """An unwritable CSV target exits 1 with a message naming it."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    result = CliRunner().invoke(stats_command, [str(store.path), "--csv", str(blocker / "o.csv")])
    assert result.exit_code == 1
    assert "cannot be written" in result.output


def test_log_does_not_hold_visitor_text(
    store: StatsStore, caplog: pytest.LogCaptureFixture
) -> None:
    """Dropping a bad value logs a warning without the value."""
    caplog.set_level(logging.WARNING)
    store.screen("Məmmədov Əli", 1)
    assert caplog.records and "Məmmədov" not in caplog.text


def test_impossible_path_is_survived(clock: FakeClock) -> None:
    """Even a path the OS cannot take turns the store off instead of raising."""
    store = StatsStore(Path("bad\0name.sqlite"), clock=clock)
    store.candle()
    assert not store.enabled
