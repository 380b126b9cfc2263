"""Publish a bundle to a kiosk: check it, then replace the kiosk's bundle in one atomic step.

``publish(bundle, dest)``:

1. validates the bundle (any error refuses it) and runs ``PRAGMA quick_check``;
2. copies it into a temporary file in DEST's own folder (same file system, so the final
   rename is atomic), fsyncs it and checks the copy (same SHA-256, readable, quick_check);
3. renames the copy over DEST with ``os.replace``: a kiosk reading DEST sees the old bundle
   or the new one, never a mixture, and a crash or power cut leaves one of the two.

A refused or failed publish leaves DEST exactly as it was and removes its temporary file.
A publish that was killed (SIGKILL, power cut) leaves ``.DEST.<pid>.publishing`` behind;
the next publish to DEST removes those whose process is gone.

Windows: ``os.replace`` cannot replace a file another program holds open. The kiosk therefore
never holds the published file open for long: it copies it into its own data folder and reads
that copy. If DEST is busy anyway (a viewer, a backup program, an antivirus scan), publish
retries with a growing pause for a few seconds, then fails with a message saying so.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.fileio import copy_hashed, fsync_folder, path_sha256
from kiosk.content.reader import BundleError, check_readable, read_header
from kiosk.content.tempfiles import remove_stale, temp_name
from kiosk.content.validate import Report, quick_check, validate_bundle

RETRY_SECONDS = 5.0


class PublishError(Exception):
    """The bundle was not published; DEST is untouched. The message is meant for a curator."""

    def __init__(self, message: str, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True, slots=True)
class PublishResult:
    dest: Path
    sha256: str
    size: int
    report: Report


def publish(
    bundle: str | Path,
    dest: str | Path,
    *,
    retry_seconds: float = RETRY_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
    replace: Callable[[Path, Path], None] = os.replace,
) -> PublishResult:
    """Validate ``bundle`` and atomically replace ``dest`` with it. Raises PublishError.

    ``dest`` may be a folder, in which case the bundle keeps its file name there.
    ``sleep`` and ``replace`` are injectable so the retry on a busy file is testable.
    """
    source = Path(bundle)
    target = Path(dest)
    try:
        read_header(source)  # a folder, FIFO, symlink loop...: refused before it is opened
    except BundleError as exc:
        unreadable = Report(str(source), readable=False)
        unreadable.add("error", "", "", "", str(exc))
        raise PublishError(f"refused: {exc}", unreadable) from None
    if target.is_dir():
        target = target / source.name
    _check_paths(source, target)
    before = _digest(source)

    report = validate_bundle(source)
    if not report.readable:
        message = report.problems[0].message if report.problems else "not a readable bundle"
        raise PublishError(f"refused: {message}", report)
    if report.error_count:
        count = report.error_count
        raise PublishError(
            f"refused: {source} has {count} error{'s' * (count != 1)} "
            f"(first: {report.errors[0]}); run `kiosk-content validate {source}`",
            report,
        )
    damage = quick_check(source)
    if damage:
        raise PublishError(f"refused: {source} is damaged ({damage[0]})", report)

    remove_stale(target, "publishing")  # left by a publish that was killed
    tmp = temp_name(target, "publishing")
    try:
        size, after = _copy_synced(source, tmp)
        if after != before:
            raise PublishError(f"{source} changed while it was being published; publish it again")
        try:
            check_readable(tmp)
        except BundleError as exc:
            raise PublishError(f"the copy in {target.parent} is not readable ({exc})") from None
        damage = quick_check(tmp)
        if damage:
            raise PublishError(
                f"the copy in {target.parent} is damaged ({damage[0]}); check the disk"
            )
        _replace_with_retry(tmp, target, retry_seconds, sleep, replace)
        fsync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return PublishResult(target, after, size, report)


def _check_paths(source: Path, target: Path) -> None:
    if not source.exists():
        raise PublishError(f"{source}: no such file")
    if source.is_dir():
        raise PublishError(f"{source}: is a folder, not a bundle file")
    if not target.parent.is_dir():
        raise PublishError(f"{target.parent}: the destination folder does not exist")
    if target.exists() and source.resolve() == target.resolve():
        raise PublishError(f"{target}: is the bundle itself; publish to another place")
    for suffix in ("-wal", "-journal"):
        side = Path(f"{source}{suffix}")
        if side.exists() and side.stat().st_size > 0:
            raise PublishError(
                f"{source} is open in another program ({side.name} beside it); "
                "close that program and publish again"
            )


def _digest(path: Path) -> str:
    try:
        return path_sha256(path)
    except OSError as exc:
        raise PublishError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _copy_synced(source: Path, tmp: Path) -> tuple[int, str]:
    try:
        with source.open("rb") as src, tmp.open("wb") as out:
            return copy_hashed(src, out)
    except OSError as exc:
        raise PublishError(
            f"cannot write into {tmp.parent} ({exc.strerror or exc}); is there space, "
            "and may this account write there?"
        ) from None


def _replace_with_retry(
    tmp: Path,
    target: Path,
    retry_seconds: float,
    sleep: Callable[[float], None],
    replace: Callable[[Path, Path], None],
) -> None:
    waited, pause = 0.0, 0.05
    while True:
        try:
            replace(tmp, target)
        except PermissionError:
            if waited >= retry_seconds:
                raise PublishError(
                    f"{target} is in use by another program and cannot be replaced "
                    f"(tried for {waited:.0f} s). Close whatever has it open (on Windows, "
                    "a viewer or an old kiosk version) and publish again."
                ) from None
            sleep(pause)
            waited += pause
            pause = min(pause * 2, 1.0)
        except OSError as exc:
            raise PublishError(f"cannot replace {target} ({exc.strerror or exc})") from None
        else:
            return
