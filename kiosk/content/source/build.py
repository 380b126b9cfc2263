"""Write a bundle from a parsed source folder: through a temporary file, renamed at the end.

Builds are reproducible: the same source gives the same bytes (the migration record carries
no clock time), so a rebuilt bundle only shows up in ``git diff`` when its content changed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.content.fileio import fsync_path
from kiosk.content.schema import CONTENT_TABLES, compact_statements, create_or_migrate
from kiosk.content.source.files import BuildError, SourceContent, SourceProblem
from kiosk.content.source.people import index_people
from kiosk.content.source.read import read_source
from kiosk.content.tempfiles import remove_stale, temp_name

REPRODUCIBLE_APPLIED_AT = "1970-01-01 00:00:00+00:00"


@dataclass(frozen=True, slots=True)
class BuildResult:
    bundle: Path
    counts: dict[str, int]


# The schema lists its tables so that each one's references come before it.
_INSERT_ORDER = tuple(t for t in CONTENT_TABLES if t != "exhibit")


def build(source_dir: str | Path, bundle: str | Path) -> BuildResult:
    """Build ``bundle`` from the source folder. Raises BuildError (nothing written) or OSError."""
    content = read_source(source_dir)
    return write_bundle(content, bundle)


def write_bundle(content: SourceContent, bundle: str | Path) -> BuildResult:
    """Write parsed content to ``bundle`` through a temporary file and an atomic rename."""
    target = Path(bundle)
    if target.is_dir():
        raise BuildError([SourceProblem(str(target), None, "is a folder; give a bundle file name")])
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target, "building")  # left by a build that was killed
    tmp = temp_name(target, "building")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite_utils.Database(tmp)
        try:
            # A bundle is one file: rollback-journal mode, never WAL (readers refuse WAL).
            db.execute("PRAGMA journal_mode = DELETE")
            create_or_migrate(db)
            conn = db.conn
            with conn:
                _insert(conn, "exhibit", [content.exhibit])
                for table in _INSERT_ORDER:
                    _insert(conn, table, content.tables.get(table, []))
                for statement in compact_statements():  # a name is stored once
                    conn.execute(statement)
                conn.execute(
                    "UPDATE _sqlite_migrations SET applied_at = ?", (REPRODUCIBLE_APPLIED_AT,)
                )
            index_people(conn)
            conn.execute("VACUUM")
        finally:
            db.close()
        fsync_path(tmp)
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    counts = {table: len(content.tables.get(table, [])) for table in _INSERT_ORDER}
    return BuildResult(target, counts)


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    conn.executemany(sql, ([row[c] for c in columns] for row in rows))
