"""Helpers shared by the operations tests: tiny bundles built on disk, a settable clock."""

from __future__ import annotations

import functools
import json
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from kiosk.content.schema import create_or_migrate
from kiosk.ops.bundles import CandidateResult, check_candidate


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def build_bundle(path: Path, title: str = "Test exhibit") -> Path:
    """Write a small, complete bundle of schema v1 to ``path`` (replacing it atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    create_or_migrate(db)
    db["exhibit"].insert(
        {
            "id": 1,
            "title": title,
            "default_locale": "en",
            "locales": json.dumps(["en"]),
            "content_version": "1",
        }
    )
    db.conn.commit()
    db.conn.close()
    tmp.replace(path)
    return path


def corrupt_copy(good: Path, target: Path) -> Path:
    """Write a copy of ``good`` to ``target`` with pages in the middle overwritten."""
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):
        data[offset : offset + 64] = b"\xff" * 64
    target.write_bytes(bytes(data))
    return target


def no_validation(_path: Path) -> tuple[list[str], list[str]]:
    return [], []


# The content validator is another helper's work and its rules will grow; these tests check the
# live-update policy, so they run the real readability and quick_check but no content rules.
checker: Callable[[Path], CandidateResult] = functools.partial(
    check_candidate, validator=no_validation
)


def sqlite_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# -- damaged and hostile files, made here (the content layer's own corpus is another's work) ----
DAMAGES = (
    "random",
    "truncated-100",
    "truncated-half",
    "bitflip-1",
    "bitflip-2",
    "bitflip-3",
    "empty",
    "folder",
    "symlink-loop",
    "fifo",
    "extra-view",
    "extra-trigger",
)


def damaged(kind: str, good: Path, target: Path) -> Path:
    """Put a damaged version of the bundle ``good`` at ``target`` (which must not exist).

    ``random``: 8 KB of random bytes behind an SQLite header; ``truncated-N`` / ``-half``: the
    first N bytes (or half); ``bitflip-SEED``: 16 bits flipped at random places; ``empty``;
    ``folder``; ``symlink-loop``: a link to itself; ``fifo``: a named pipe (opening it for
    reading blocks until a writer comes); ``extra-view`` / ``extra-trigger``: a sound database
    with one object the schema does not have.
    """
    data = good.read_bytes()
    if kind == "random":
        rng = random.Random(7)
        target.write_bytes(b"SQLite format 3\x00" + rng.randbytes(8192))
    elif kind.startswith("truncated-"):
        size = len(data) // 2 if kind.endswith("half") else int(kind.split("-")[1])
        target.write_bytes(data[:size])
    elif kind.startswith("bitflip-"):
        rng = random.Random(int(kind.split("-")[1]))
        flipped = bytearray(data)
        for _ in range(16):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(flipped))
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "folder":
        target.mkdir()
    elif kind == "symlink-loop":
        target.symlink_to(target.name)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind in ("extra-view", "extra-trigger"):
        target.write_bytes(data)
        conn = sqlite3.connect(target)
        if kind == "extra-view":
            conn.execute("CREATE VIEW everything AS SELECT * FROM events, people, sections")
        else:
            conn.execute(
                "CREATE TRIGGER grow AFTER INSERT ON events BEGIN "
                "INSERT INTO events SELECT * FROM events; END"
            )
        conn.commit()
        conn.close()
    else:
        raise ValueError(kind)
    return target
