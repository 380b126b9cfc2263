"""A corpus of damaged and hostile content bundles, for every test that opens a bundle.

Importable from any test folder (pytest puts tests/ on sys.path): ``import hostile``. No Qt.

    corpus = hostile.Corpus(tmp_dir)          # or the ``hostile_corpus`` fixture below
    for case in hostile.CASES: path = corpus.path(case)

Each ``Case`` says how to make the file from a good bundle, what ``kiosk-content validate``
must exit with (0 valid, 1 problems, 2 not a readable bundle; ``None`` when it depends on
where a bit landed) and a phrase its message must hold. Files are made lazily, once per
corpus; the large ones (a million rows, a 50 MB text) with sqlite3 bulk inserts, so a session
that does not ask for them does not pay for them. Nothing is ever written beside the good
bundle. Cases a platform cannot make (a FIFO on Windows, an unreadable file as root) say so
in ``skip_reason()``.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.content.source import build
from kiosk.content.source.people import index_people

try:  # the synthetic exhibit (an image, two languages) when run from tests/
    from content.factory import write_synthetic_source
except ImportError:  # pragma: no cover - imported from elsewhere
    from tests.content.factory import write_synthetic_source  # type: ignore[no-redef]

BIG_TEXT_CHARS = 50 * 1024 * 1024
MILLION = 1_000_000

Maker = Callable[["Corpus", Path], Path]


@dataclass(frozen=True)
class Case:
    name: str
    make: Maker
    exit_code: int | None  # what `validate` exits with; None: 0, 1 or 2 (a random flip)
    phrase: str = ""  # in the message (lower case)
    large: bool = False  # slow to make or check: a million rows, 50 MB
    unix_only: bool = False
    needs_non_root: bool = False

    def skip_reason(self) -> str | None:
        if self.unix_only and sys.platform == "win32":
            return "no FIFOs or symlink loops on Windows"
        if self.needs_non_root and hasattr(os, "geteuid") and os.geteuid() == 0:
            return "root reads any file: an unreadable file cannot be made"
        return None


class Corpus:
    """Makes the cases' files under ``root`` on first use and keeps them there."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._good: Path | None = None

    @property
    def good(self) -> Path:
        """The valid synthetic bundle every case starts from (do not change it)."""
        if self._good is None:
            base = self.root / "_good"
            if not (base / "good.sqlite").exists():
                shutil.rmtree(base, ignore_errors=True)
                source = write_synthetic_source(base / "source")
                build(source, base / "good.sqlite")
            self._good = base / "good.sqlite"
        return self._good

    def path(self, case: Case) -> Path:
        """The file for ``case`` (made now if it is not there yet)."""
        folder = self.root / case.name
        done = folder / ".made"
        if done.exists():
            return Path(done.read_text(encoding="utf-8"))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        made = case.make(self, folder)
        done.write_text(str(made), encoding="utf-8")
        return made

    def copy(self, folder: Path, name: str = "exhibit.sqlite") -> Path:
        path = folder / name
        shutil.copyfile(self.good, path)
        return path


def edited(*statements: str, raw: bool = False) -> Maker:
    """A copy of the good bundle changed by SQL (``raw``: with writable_schema)."""

    def make(corpus: Corpus, folder: Path) -> Path:
        path = corpus.copy(folder)
        conn = sqlite3.connect(path)
        try:
            if raw:
                conn.execute("PRAGMA writable_schema = ON")
            for statement in statements:
                conn.execute(statement)
            conn.commit()
        finally:
            conn.close()
        return path

    return make


def bytes_of(data: Callable[[bytes], bytes]) -> Maker:
    def make(corpus: Corpus, folder: Path) -> Path:
        path = folder / "exhibit.sqlite"
        path.write_bytes(data(corpus.good.read_bytes()))
        return path

    return make


def truncated(keep: Callable[[int], int]) -> Maker:
    return bytes_of(lambda data: data[: keep(len(data))])


def bit_flips(seed: int, flips: int = 8) -> Maker:
    def flip(data: bytes) -> bytes:
        out = bytearray(data)
        rng = random.Random(seed)
        for _ in range(flips):
            at = rng.randrange(len(out))
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out)

    return bytes_of(flip)


def _random(corpus: Corpus, folder: Path) -> Path:
    path = folder / "exhibit.sqlite"
    path.write_bytes(random.Random(7).randbytes(20_000))
    return path


def _random_with_header(corpus: Corpus, folder: Path) -> Path:
    path = folder / "exhibit.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(8).randbytes(20_000))
    return path


def _empty(corpus: Corpus, folder: Path) -> Path:
    path = folder / "exhibit.sqlite"
    path.write_bytes(b"")
    return path


def _folder(corpus: Corpus, folder: Path) -> Path:
    path = folder / "exhibit.sqlite"
    path.mkdir()
    return path


def _symlink_loop(corpus: Corpus, folder: Path) -> Path:
    a, b = folder / "exhibit.sqlite", folder / "other.sqlite"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def _dangling_symlink(corpus: Corpus, folder: Path) -> Path:
    path = folder / "exhibit.sqlite"
    path.symlink_to(folder / "gone.sqlite")
    return path


def _fifo(corpus: Corpus, folder: Path) -> Path:
    path = folder / "exhibit.sqlite"
    os.mkfifo(path)
    return path


def _unreadable(corpus: Corpus, folder: Path) -> Path:
    path = corpus.copy(folder)
    path.chmod(0)
    return path


def _wal_beside(corpus: Corpus, folder: Path) -> Path:
    """A valid bundle with an ``-wal`` beside it whose frames put a hostile title in: read
    with its log, the bundle would show markup that validation refuses."""
    work = folder / "work"
    work.mkdir()
    writer = corpus.copy(work, "w.sqlite")
    conn = sqlite3.connect(writer)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE exhibit SET title = '<img src=http://x/y.png>'")
    conn.commit()
    path = corpus.copy(folder)
    # the log from a WAL-mode copy, beside the (rollback-journal) bundle, before any checkpoint
    shutil.copyfile(f"{writer}-wal", f"{path}-wal")
    conn.close()
    shutil.rmtree(work)
    return path


def _journal_beside(corpus: Corpus, folder: Path) -> Path:
    path = corpus.copy(folder)
    Path(f"{path}-journal").write_bytes(random.Random(3).randbytes(4096))
    return path


def _wal_mode(corpus: Corpus, folder: Path) -> Path:
    path = corpus.copy(folder)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def _big_text(corpus: Corpus, folder: Path) -> Path:
    path = corpus.copy(folder)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE exhibit SET title = ?", ("T" * BIG_TEXT_CHARS,))
    conn.commit()
    conn.close()
    return path


def _name_of_big_parts(corpus: Corpus, folder: Path) -> Path:
    """A name stored once (schema 4: '' for its parts joined) whose three parts are 25 MB each."""
    path = corpus.copy(folder)
    conn = sqlite3.connect(path)
    part = BIG_TEXT_CHARS // 2
    conn.execute(
        "UPDATE people SET name = '', surname = ?, given_name = ?, patronymic = ? WHERE key = 's1'",
        ("S" * part, "G" * part, "P" * part),
    )
    conn.commit()
    conn.close()
    return path


def _big_image(corpus: Corpus, folder: Path) -> Path:
    path = corpus.copy(folder)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE media SET data = zeroblob(30 * 1024 * 1024)")
    conn.commit()
    conn.close()
    return path


def _rows(table: str, count: int, make_row: Callable[[int], tuple[object, ...]], sql: str) -> Maker:
    def make(corpus: Corpus, folder: Path) -> Path:
        path = corpus.copy(folder)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        if table == "people":
            conn.execute("DELETE FROM relations")  # they name the people deleted
        conn.execute(f"DELETE FROM {table}")
        conn.executemany(sql, (make_row(i) for i in range(count)))
        conn.commit()
        if table == "people":  # their orders and name index, as import-people makes them
            index_people(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        return path

    return make


# A million events: five times the limit. The rows are fine, but out of chronological order,
# so a validator that read them would find a million problems.
_million_events = _rows(
    "events",
    MILLION,
    lambda i: (i, f"e{i}", f"{2000 - i % 1000:04d}", "year", f"Event {i}"),
    "INSERT INTO events (position, key, start_date, start_precision, title, source_id) "
    "VALUES (?, ?, ?, ?, ?, 1)",
)

# A million people: within the limit, and valid (the names issue needs them).
_million_people = _rows(
    "people",
    MILLION,
    lambda i: (f"p{i}", f"Person {i:07d}", "1992-02-26", "day", "Killed"),
    "INSERT INTO people (key, name, death_date, death_precision, fate) VALUES (?, ?, ?, ?, ?)",
)

# Twenty thousand events in reverse order: within the limits, 19,999 warnings of one rule.
_reversed_events = _rows(
    "events",
    20_000,
    lambda i: (i, f"e{i}", (date(2030, 1, 1) - timedelta(days=i)).isoformat(), "day", f"E {i}"),
    "INSERT INTO events (position, key, start_date, start_precision, title, source_id) "
    "VALUES (?, ?, ?, ?, ?, 1)",
)

_DEEP = "[" * 100_000 + "]" * 100_000

CASES: tuple[Case, ...] = (
    # -- not a bundle file at all ----------------------------------------------------------
    Case("empty", _empty, 2, "empty"),
    Case("folder", _folder, 2, "folder"),
    Case("symlink-loop", _symlink_loop, 2, "loop", unix_only=True),
    Case("dangling-symlink", _dangling_symlink, 2, "symbolic link", unix_only=True),
    Case("fifo", _fifo, 2, "fifo", unix_only=True),
    Case("unreadable", _unreadable, 2, "cannot be read", needs_non_root=True),
    Case("random", _random, 2, "not an sqlite database"),
    Case("random-with-header", _random_with_header, 2, ""),
    Case("text", bytes_of(lambda d: b"title,body\nA,B\n"), 2, "not an sqlite database"),
    # -- cut off (a half-copied file) ------------------------------------------------------
    *(
        Case(f"truncated-{label}", truncated(keep), 2, phrase)
        for label, keep, phrase in (
            ("16", lambda n: 16, "cut off"),
            ("99", lambda n: 99, "cut off"),
            ("100", lambda n: 100, "cut off"),
            ("1000", lambda n: 1000, "cut off"),
            ("4096", lambda n: 4096, "cut off"),
            ("half", lambda n: n // 2, "cut off"),
            ("minus-page", lambda n: n - 4096, "cut off"),
            ("minus-1", lambda n: n - 1, "cut off"),
        )
    ),
    # -- damaged ---------------------------------------------------------------------------
    *(Case(f"bit-flips-{seed}", bit_flips(seed), None) for seed in range(24)),
    Case("header-flips", bytes_of(lambda d: d[:18] + b"\x07\x09" + d[20:]), 2, "damaged"),
    Case(
        "page-garbage",
        bytes_of(lambda d: d[:8192] + b"\xa5" * 4096 + d[12288:]),
        None,
    ),
    # -- journals ----------------------------------------------------------------------------
    Case("wal-beside", _wal_beside, 0, "ignored"),
    Case("journal-beside", _journal_beside, 0, "ignored"),
    Case("wal-mode", _wal_mode, 2, "wal"),
    # -- not the schema --------------------------------------------------------------------
    Case(
        "generated-column",
        edited(
            "ALTER TABLE events ADD COLUMN blob_bomb BLOB "
            "GENERATED ALWAYS AS (zeroblob(900000000)) VIRTUAL"
        ),
        2,
        "generated column",
    ),
    Case("extra-column", edited("ALTER TABLE events ADD COLUMN extra TEXT"), 2, "extra"),
    Case("extra-table", edited("CREATE TABLE notes (id INTEGER, body TEXT)"), 2, "notes"),
    Case("view", edited("CREATE VIEW v AS SELECT zeroblob(900000000) AS b"), 2, "views"),
    Case(
        "trigger",
        edited("CREATE TRIGGER t AFTER UPDATE ON events BEGIN SELECT 1; END"),
        2,
        "triggers",
    ),
    Case("extra-index", edited("CREATE INDEX events_title ON events(title)"), 2, "events_title"),
    Case("fts-table", edited("CREATE VIRTUAL TABLE f USING fts5(x)"), 2, "tables the schema"),
    Case("dropped-table", edited("DROP TABLE statistics"), 2, "missing tables"),
    Case("dropped-index", edited("DROP INDEX people_family"), 1, "people_family"),
    Case("newer-schema", edited("PRAGMA user_version = 99"), 2, "newer"),
    Case("no-schema-version", edited("PRAGMA user_version = 0"), 2, "no schema version"),
    # -- hostile values --------------------------------------------------------------------
    Case("big-text", _big_text, 1, "100,000 characters", large=True),
    Case("name-of-big-parts", _name_of_big_parts, 1, "100,000 characters", large=True),
    Case("big-image", _big_image, 1, "limit is 20 mb"),
    Case("deep-json", edited(f"UPDATE exhibit SET locales = '{_DEEP}'"), 1, "locales"),
    Case("reversed-events", _reversed_events, 0, "more of the same"),
    Case("million-events", _million_events, 1, "limit is 200,000", large=True),
    Case("million-people", _million_people, 0, "", large=True),
)

BY_NAME = {case.name: case for case in CASES}


def case_params(*, large: bool | None = None) -> list[object]:
    """``pytest.param`` per case (marked slow when large, skipped where it cannot be made)."""
    params: list[object] = []
    for case in CASES:
        if large is not None and case.large != large:
            continue
        marks = [pytest.mark.slow] if case.large else []
        reason = case.skip_reason()
        if reason:
            marks.append(pytest.mark.skip(reason=reason))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """One corpus per test session (files made on first use, then reused)."""
    root = tmp_path_factory.mktemp("hostile")
    yield Corpus(root)
    # an unreadable file must not stop pytest from cleaning up its folders
    for path in root.rglob("*"):
        if not path.is_symlink():
            with contextlib.suppress(OSError):
                path.chmod(0o700)
