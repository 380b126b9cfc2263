"""What a bundle file is before it is opened: ``stat`` alone, and opening it safely (Qt-free).

* ``precheck(path)``: a regular file (not a folder, a FIFO that would block an ``open``, a
  symlink loop) of at most ``MAX_BUNDLE_BYTES``.
* ``open_regular(path)`` and ``file_checksum(path)``: read a regular file only, never blocking
  on a FIFO; ``cancel`` stops a long read (``Cancelled``).
* ``Stability``: a file is taken only when its size and mtime are unchanged across two looks
  a debounce apart, so a half-copied file is not taken while it is still being written.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, Literal

from kiosk.content.fileio import file_sha256

_MB: Final = 1024 * 1024

# The largest bundle the kiosk takes, checked from the file's size before it is opened. A
# memorial with a photograph of each of a thousand people is some hundreds of MB; a bigger file
# is a mistake (or an attack) that would take minutes to copy and check and fill the data folder.
MAX_BUNDLE_BYTES: Final = 1024 * _MB


class Cancelled(Exception):
    """A check or copy was asked to stop (the kiosk is quitting, or a newer file arrived)."""


def _raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled


# -- stability of a file being copied -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FileSignature:
    """What is cheap to observe of a file: its size and modification time."""

    size: int
    mtime_ns: int
    kind: str = "file"  # "file", or "folder", "special" (FIFO, socket, device), "broken" link


def observe(path: Path) -> FileSignature | None:
    """The signature of what is at ``path``, or None when nothing is there.

    A folder, a FIFO or a symlink that loops get a signature too (with their ``kind``), so a
    watcher notices them, checks them and says why they are refused.
    """
    try:
        st = Path(path).stat()
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return None
    except OSError:
        try:
            st = Path(path).lstat()  # a symlink loop, or a file we may not look at
        except (OSError, ValueError):
            return None
        return FileSignature(st.st_size, st.st_mtime_ns, "broken")
    if stat.S_ISREG(st.st_mode):
        kind = "file"
    elif stat.S_ISDIR(st.st_mode):
        kind = "folder"
    else:
        kind = "special"
    return FileSignature(st.st_size, st.st_mtime_ns, kind)


Steadiness = Literal["missing", "changing", "stable"]


class Stability:
    """Decides, from successive observations, when a file has stopped changing.

    Feed it one ``FileSignature`` (or None) per look; looks should be a debounce apart. A file
    is ``"stable"`` only when this look equals the previous one; the first look, or any
    change, is ``"changing"``. Pure logic: the caller does the timing and the looking.
    """

    def __init__(self) -> None:
        self._last: FileSignature | None = None

    def observe(self, signature: FileSignature | None) -> Steadiness:
        """Record one look and say whether the file is missing, still changing or stable."""
        previous, self._last = self._last, signature
        if signature is None:
            return "missing"
        return "stable" if signature == previous else "changing"

    def reset(self) -> None:
        """Forget the previous look (the next one is "changing" again)."""
        self._last = None


def _describe_os_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return f"{path}: is a symbolic link that loops (it never reaches a file)"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"{path}: no such file"
    return f"{path}: cannot be read ({exc.strerror or exc})"


def precheck(path: Path, max_bytes: int = MAX_BUNDLE_BYTES) -> str | None:
    """Why ``path`` cannot be a bundle, from ``stat`` alone (nothing is opened), or None.

    Refuses what is missing, a folder, a FIFO, socket or device (opening a FIFO blocks until
    someone writes to it), a symlink loop, an empty file, and a file over ``max_bytes``.
    """
    try:
        st = Path(path).stat()
    except ValueError:  # a NUL in the name
        return f"{str(path)!r}: is not a usable file name"
    except OSError as exc:
        return _describe_os_error(Path(path), exc)
    if stat.S_ISDIR(st.st_mode):
        return f"{path}: is a folder, not a bundle file"
    if stat.S_ISFIFO(st.st_mode):
        return f"{path}: is a named pipe (FIFO), not a bundle file"
    if not stat.S_ISREG(st.st_mode):
        return f"{path}: is a socket or device, not a bundle file"
    if st.st_size == 0:
        return f"{path}: the file is empty"
    if st.st_size > max_bytes:
        return (
            f"{path}: is too large ({st.st_size / _MB:,.0f} MB; the kiosk takes bundles of up "
            f"to {max_bytes / _MB:,.0f} MB)"
        )
    return None


def open_regular(path: Path) -> IO[bytes]:
    """Open ``path`` for reading only if it is a regular file; never blocks on a FIFO.

    The type is checked on the open descriptor, so a file swapped for a FIFO between a
    ``stat`` and the ``open`` is still refused (OSError).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_checksum(path: Path, cancel: threading.Event | None = None) -> str:
    """The sha256 hex digest of the file at ``path`` (raises OSError, or Cancelled)."""
    with open_regular(Path(path)) as fh:
        return file_sha256(fh, lambda: _raise_if_cancelled(cancel))
