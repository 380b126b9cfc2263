"""A bundle file: checked before it is opened, opened read-only as one file, its schema
compared with the one this program makes.

A bundle is opened by URI with ``mode=ro``: the reader never writes and never creates a file.
A bundle of an older schema version is read as if it were migrated, without writing to it:
``open_bundle`` lays temporary objects over it, on the connection only (SQLite looks in
``temp`` before ``main``): an empty table for each table a later version added, and a view
with the default value of each column a later version added. So every reader (the kiosk,
``validate``, ``info``, ``export``) sees the newest schema, and the file stays as it was.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from kiosk.content import tables
from kiosk.content.fileio import SQLITE_HEADER, lenient_text
from kiosk.content.images import MAX_IMAGE_BYTES
from kiosk.content.schema import SCHEMA_VERSION, column_default_sql, create_table_sql
from kiosk.content.shape import compare_shape, expected_shape, shape_of

_HEADER_BYTES = 100
# Files SQLite keeps beside a database while it is being written. A bundle is read as one
# file: these are ignored (never read, never created), and `validate` mentions them.
SIDE_FILES = ("-wal", "-shm", "-journal")


class BundleError(Exception):
    """A file that cannot be read as a content bundle. The message is meant for a curator:
    it names the file and says what is wrong."""


def _uri(path: str | Path, query: str) -> str:
    # Path.absolute(), not resolve(): a symlink loop must not raise RuntimeError here.
    return "file:" + quote(str(Path(path).absolute()), safe="/:\\") + "?" + query


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` read-only by URI; fails (never creates) when the file is missing.

    For SQLite files other than bundles (the statistics file, which the kiosk writes in WAL
    mode). Bundles are opened with ``open_bundle``.
    """
    conn = sqlite3.connect(_uri(path, "mode=ro"), uri=True, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    return conn


def _file_problem(p: Path) -> str | None:
    """Why ``p`` is not a regular, readable, non-empty file (checked before it is opened)."""
    try:
        st = p.stat()
    except FileNotFoundError:
        return "a symbolic link to nothing" if p.is_symlink() else "no such file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that leads round in a loop"
        return f"cannot be read ({exc.strerror or exc})"
    except ValueError as exc:  # a NUL in the path
        return f"not a usable file name ({exc})"
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a bundle file"
    if not stat.S_ISREG(st.st_mode):
        kind = "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device or socket"
        return f"is {kind}, not a bundle file"
    if st.st_size == 0:
        return "the file is empty"
    return None


def read_header(path: str | Path) -> bytes:
    """The first 100 bytes of ``path`` (the SQLite header), checked as a bundle's header.

    Refuses, with a BundleError naming the file: a missing file, a folder, a FIFO or device
    (never opened, so it cannot hang), a symlink loop, an unreadable or empty file, a file
    that is not SQLite, a cut-off file, and a bundle in write-ahead-log (WAL) mode.
    """
    p = Path(path)
    problem = _file_problem(p)
    if problem:
        raise BundleError(f"{p}: {problem}")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):  # swapped for something else since the check
                raise BundleError(f"{p}: is not a regular file")
            header = os.read(fd, _HEADER_BYTES)
        finally:
            os.close(fd)
    except OSError as exc:
        raise BundleError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if not header:
        raise BundleError(f"{p}: the file is empty")
    if not header.startswith(SQLITE_HEADER):
        raise BundleError(f"{p}: not a content bundle (not an SQLite database)")
    if len(header) < _HEADER_BYTES:
        raise BundleError(
            f"{p}: the file is incomplete, cut off at {len(header)} bytes (not a whole database)"
        )
    write_version, read_version = header[18], header[19]
    if write_version == 2 or read_version == 2:
        raise BundleError(
            f"{p}: the database is in write-ahead-log (WAL) mode; a bundle must be one file. "
            "Rebuild it with `kiosk-content build`, or run `PRAGMA journal_mode=DELETE` on it "
            "in the program that made it"
        )
    if write_version != 1 or read_version != 1:
        raise BundleError(f"{p}: the database is damaged (its header is not valid)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise BundleError(f"{p}: the database is damaged (page size {page_size} in its header)")
    pages = int.from_bytes(header[28:32], "big")
    size_valid = header[24:28] == header[92:96]
    if size_valid and pages and st.st_size < pages * page_size:
        raise BundleError(
            f"{p}: the file is incomplete, cut off at {st.st_size:,} bytes (its header says "
            f"{pages * page_size:,}): was it copied completely?"
        )
    return header


def open_bundle(path: str | Path) -> sqlite3.Connection:
    """Open the bundle file ``path`` for reading, as one file, after ``read_header``'s checks.

    The connection reads the file alone: a ``-wal`` or ``-journal`` beside it is never read,
    and no ``-wal``/``-shm`` file is ever created beside it (SQLite's ``immutable`` open). The
    file must therefore be replaced only by a rename, never rewritten in place while open
    (``publish`` and the kiosk's own copies do so). Texts that are not UTF-8 come back with
    U+FFFD. Rows come as ``sqlite3.Row``. Raises BundleError.
    """
    read_header(path)
    try:
        conn = sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True, check_same_thread=True)
    except sqlite3.Error as exc:
        raise BundleError(f"{path}: cannot be opened ({exc})") from None
    conn.row_factory = sqlite3.Row
    conn.text_factory = lenient_text
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if isinstance(version, int) and 1 <= version < SCHEMA_VERSION:
            _read_as_newest(conn, version)
    except sqlite3.Error:
        pass  # a damaged file or one of another shape: check_bundle says what is wrong
    return conn


def _read_as_newest(conn: sqlite3.Connection, version: int) -> None:
    """Lay the tables and columns added after schema ``version`` over the bundle, as
    temporary objects of this connection: empty tables, and views giving each added column
    its default (see the module's docstring)."""
    for table in tables.TABLES:
        if table.since > version:
            sql = create_table_sql(table)
            conn.execute(sql.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))
            continue
        if all(c.since <= version for c in table.columns):
            continue
        columns = ", ".join(
            c.name if c.since <= version else f"{column_default_sql(c)} AS {c.name}"
            for c in table.columns
        )
        rowid = "" if table.without_rowid else "rowid AS rowid, "
        conn.execute(
            f"CREATE TEMP VIEW {table.name} AS SELECT {rowid}{columns} FROM main.{table.name}"
        )


def read_image(conn: sqlite3.Connection, media_id: int) -> bytes | None:
    """The bytes of media row ``media_id`` on a connection from ``open_bundle``: None when the
    row is missing, its data is not binary, or it is over ``MAX_IMAGE_BYTES`` (such a blob is
    never read into memory). Raises sqlite3.Error for a damaged file."""
    row = conn.execute(
        "SELECT CASE WHEN typeof(data) = 'blob' AND length(data) <= ? THEN data END "
        "FROM media WHERE id = ?",
        (MAX_IMAGE_BYTES, media_id),
    ).fetchone()
    data = row[0] if row is not None else None
    return data if isinstance(data, bytes) else None


def bundle_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open bundle (``PRAGMA user_version``)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _check_schema(p: Path, conn: sqlite3.Connection) -> list[str]:
    version = bundle_version(conn)
    if version > SCHEMA_VERSION:
        raise BundleError(
            f"{p}: made for a newer kiosk (bundle schema {version}; this program reads up to "
            f"{SCHEMA_VERSION}). Update the kiosk program, or build the bundle with this version."
        )
    if not isinstance(version, int) or version < 1:
        raise BundleError(f"{p}: not a content bundle (no schema version)")
    expected = expected_shape(version)
    differences = compare_shape(shape_of(conn, expected.columns), expected)
    if differences.refused:
        first = differences.refused[0]
        if first.startswith("missing tables:"):
            raise BundleError(f"{p}: not a complete bundle ({first})")
        shown = "; ".join(differences.refused[:6])
        more = len(differences.refused) - 6
        raise BundleError(
            f"{p}: not a bundle of this schema ({shown}"
            + (f"; and {more} more" if more > 0 else "")
            + "). A bundle holds the schema's tables and columns exactly: rebuild it with "
            "`kiosk-content build`"
        )
    return differences.deviations


def check_bundle(path: str | Path) -> list[str]:
    """``check_readable``, returning what it tolerated: the schema deviations (lost
    constraints or indexes) that validation reports as errors."""
    p = Path(path)
    try:
        with closing(open_bundle(p)) as conn:
            return _check_schema(p, conn)
    except BundleError:
        raise
    except sqlite3.Error as exc:
        raise BundleError(f"{p}: the database is damaged or incomplete ({exc})") from None
    except Exception as exc:  # whatever a hostile file provokes, the answer is a BundleError
        raise BundleError(
            f"{p}: the database cannot be read ({type(exc).__name__}: {exc})"
        ) from None


def check_readable(path: str | Path) -> None:
    """Raise BundleError unless ``path`` is a bundle this program can read.

    Checks, reading no row: the file (``read_header``), the schema version, and the schema's
    shape: every table, column (hidden and generated ones included), view, trigger and index
    is compared with what ``schema.create_or_migrate`` makes, and anything extra, missing or
    changed is refused with the differences listed. Never raises anything but BundleError.
    """
    check_bundle(path)
