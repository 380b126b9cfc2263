"""Temporary files beside a target (``.NAME.<pid>.publishing``) that a killed run left behind.

``publish`` and ``build`` write ``.<target name>.<pid>.<kind>`` beside their target and rename
it over the target at the end. A run killed with SIGKILL (or a power cut) leaves that file;
the next run removes the ones whose process is gone, so they never pile up.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import Final

# A file this old is left over whatever its pid says (the pid may have been reused).
STALE_SECONDS: Final = 24 * 3600


def temp_name(target: Path, kind: str) -> Path:
    """The temporary file this process uses for ``target``."""
    return target.with_name(f".{target.name}.{os.getpid()}.{kind}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would signal it on Windows: the age decides there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OverflowError, ValueError):
        return False  # no process can have that number
    except OSError:
        return True  # it exists (another user's process)
    return True


def remove_stale(target: Path, kind: str, *, now: float | None = None) -> list[Path]:
    """Remove ``.<target name>.<pid>.<kind>`` files beside ``target`` whose process is gone
    (or that are older than STALE_SECONDS). Never raises; returns what was removed."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.{re.escape(kind)}")
    moment = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if _alive(int(match[1])) and moment - st.st_mtime < STALE_SECONDS:
            continue
        with contextlib.suppress(OSError):
            Path(entry.path).unlink()
            removed.append(Path(entry.path))
    return removed
