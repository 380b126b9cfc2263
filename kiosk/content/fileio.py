"""The small file and format helpers every layer needs, written once.

A guarded read and an atomic replacement of a small file (keeping its owner and mode), a
file's SHA-256, a copy that
hashes and syncs as it goes, folder sync, the SQLite header, the tolerant text factory, and
the language codes and locale lists of a bundle. The content layer is the bottom layer, so
kiosk.ops and the UI import these from here.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Final

SQLITE_HEADER: Final = b"SQLite format 3\x00"

# A language code as the kiosk uses them: two or three lower-case letters, then at most a
# script and a region (az, ru, en, az-Cyrl, az-Latn-AZ, pt_BR). Bundles, the configuration's
# default_language and the statistics' language events all use this one pattern.
LANGUAGE_CODE: Final = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,2}$")

_CHUNK: Final = 1024 * 1024


# -- text from SQLite and JSON ----------------------------------------------------------------
def lenient_text(raw: bytes) -> str:
    """A text factory that never raises: bytes that are not UTF-8 become U+FFFD."""
    return raw.decode("utf-8", "replace")


def json_list(value: object, max_chars: int = 10_000) -> list[object]:
    """``value`` parsed as a JSON list, or [] (too long, not JSON, nested too deep, not a list)."""
    if not isinstance(value, str) or len(value) > max_chars:
        return []
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return []
    return parsed if isinstance(parsed, list) else []


def locale_list(value: object) -> list[str]:
    """The exhibit's ``locales`` column (a JSON array of codes) as text; [] when it is not
    such an array. (``validate`` says what is wrong with an item that is not a code.)"""
    return [str(code) for code in json_list(value)]


def locales_json(codes: list[str]) -> str:
    """``codes`` as the exhibit's ``locales`` column stores them."""
    return json.dumps(codes, ensure_ascii=False)


# -- reading ----------------------------------------------------------------------------------
class UnusableFile(OSError):
    """``read_small_file`` refused the file itself: a folder, a FIFO, too large, a NUL in its
    path. (Other ``OSError``s mean it could not be opened or read at all.)"""


def read_small_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, refusing whatever could hang or flood a reader.

    Raises ``FileNotFoundError`` when it is absent, ``OSError`` when it cannot be opened or read,
    and ``UnusableFile`` (an ``OSError`` whose ``strerror`` says why in words) when it is not a
    regular file (a folder, a FIFO, a device), is larger than ``max_bytes`` or its path holds
    a NUL. Opening never waits on a FIFO, and no more
    than ``max_bytes + 1`` bytes are ever read, even from a file that grows meanwhile.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except ValueError:  # an embedded NUL
        raise UnusableFile(errno.EINVAL, "its path contains a NUL character") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnusableFile(errno.EISDIR, "it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnusableFile(errno.EINVAL, "it is not a regular file")
        if info.st_size > max_bytes:
            raise UnusableFile(
                errno.EFBIG, f"it is {info.st_size:,} bytes, more than the {max_bytes:,} allowed"
            )
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise UnusableFile(errno.EFBIG, f"it is more than the {max_bytes:,} bytes allowed")
        return b"".join(chunks)
    finally:
        os.close(fd)


def has_sqlite_header(path: Path) -> bool:
    """Whether the file at ``path`` starts as an SQLite database does. Raises OSError."""
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


class _Checked:
    """A binary file whose every read first calls ``check`` (which may raise to stop)."""

    def __init__(self, fh: IO[bytes], check: Callable[[], None]) -> None:
        self._fh = fh
        self._check = check

    def readinto(self, buffer: bytearray | memoryview) -> int:
        self._check()
        return self._fh.readinto(buffer)  # type: ignore[attr-defined, no-any-return]

    def readable(self) -> bool:
        return True


def file_sha256(fh: IO[bytes], check: Callable[[], None] | None = None) -> str:
    """The SHA-256 hex digest of the open binary file ``fh`` from where it is to its end.

    ``check`` is called before each read and may raise to stop (a cancelled job).
    """
    import hashlib  # noqa: PLC0415 - OpenSSL (~2 MB): only when a file is hashed, not at start

    source = fh if check is None else _Checked(fh, check)
    return hashlib.file_digest(source, "sha256").hexdigest()  # type: ignore[arg-type]


def path_sha256(path: Path) -> str:
    """The SHA-256 hex digest of the file at ``path``. Raises OSError."""
    with path.open("rb") as fh:
        return file_sha256(fh)


class ReadFailed(OSError):
    """``copy_hashed`` could not read its source; ``error`` is the OSError it got."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.errno or errno.EIO, error.strerror or str(error))
        self.error = error


def copy_hashed(
    source: IO[bytes], out: IO[bytes], check: Callable[[], None] | None = None
) -> tuple[int, str]:
    """Copy ``source`` to ``out``, flush and fsync it; returns the size and the SHA-256.

    A failed read raises ``ReadFailed``; a failed write or sync, the OSError itself.
    ``check`` is called before each chunk and may raise to stop.
    """
    import hashlib  # noqa: PLC0415 - see file_sha256

    digest = hashlib.sha256()
    size = 0
    while True:
        if check is not None:
            check()
        try:
            chunk = source.read(_CHUNK)
        except OSError as exc:
            raise ReadFailed(exc) from exc
        if not chunk:
            break
        digest.update(chunk)
        out.write(chunk)
        size += len(chunk)
    out.flush()
    os.fsync(out.fileno())
    return size, digest.hexdigest()


# -- writing ----------------------------------------------------------------------------------
def fsync_path(path: Path) -> None:
    """Flush the file at ``path`` to the disk."""
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut, where the system allows it (POSIX;
    Windows has no folder handles to sync). Never raises."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents. Run as root, the new folders are given to the
    owner of the nearest folder that existed (so ``sudo kiosk --set-pin --config
    ~kiosk/.config/...`` leaves folders the kiosk's user owns)."""
    missing: list[Path] = []
    existing = folder
    while not existing.exists() and existing.parent != existing:
        missing.append(existing)
        existing = existing.parent
    folder.mkdir(parents=True, exist_ok=True)
    if missing and os.name == "posix" and os.geteuid() == 0:
        owner = existing.stat()
        for created in missing:
            os.chown(created, owner.st_uid, owner.st_gid)


def _set_permissions(fd: int, path: Path, old: os.stat_result | None, new_mode: int) -> None:
    """Give the file open at ``fd`` the old file's owner, group and mode (or, new, ``new_mode``
    and, as root, the owner and group of its folder)."""
    if os.name != "posix":
        return
    if old is not None:
        uid, gid, mode = old.st_uid, old.st_gid, stat.S_IMODE(old.st_mode)
    else:
        folder = path.parent.stat()
        uid, gid, mode = folder.st_uid, folder.st_gid, new_mode
        if os.geteuid() != 0:  # an ordinary user's new file is simply theirs
            uid, gid = -1, -1
    mine = os.fstat(fd)
    if (uid, gid) != (-1, -1) and (uid, gid) != (mine.st_uid, mine.st_gid):
        try:
            os.fchown(fd, uid, gid)
        except PermissionError:
            raise OSError(
                errno.EPERM,
                f"its owner and group ({uid}:{gid}) cannot be kept by this user; run it as "
                "root or as the file's owner",
            ) from None
    os.fchmod(fd, mode)


def atomic_write_text(path: Path, text: str, *, new_mode: int = 0o600) -> None:
    """Replace ``path`` with ``text`` atomically (a temporary file beside it, fsync, rename).

    The file keeps its owner, group and mode; a new one gets ``new_mode`` (run as root: the owner
    and group of its folder), so a technician running a command as root never leaves a file the
    kiosk's user cannot read. Raises ``OSError`` (nothing is changed) when that cannot be done.
    """
    make_folder(path.parent)
    try:
        old: os.stat_result | None = path.stat()
    except FileNotFoundError:
        old = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            _set_permissions(fh.fileno(), path, old, new_mode)
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
