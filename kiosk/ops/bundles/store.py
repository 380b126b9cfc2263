"""The kiosk's own copies of good bundles, and ``state.json`` saying which is current (Qt-free).

``CopyStore.stage(path)``: copy into ``bundles/`` under a temporary name and check the copy
(the bytes the kiosk will run, checked once); may run on a worker thread and be cancelled.
``CopyStore.commit(staged)``: rename it into place and record it as current in
``bundles/state.json`` (cheap: for the GUI thread); keep the previous copy, delete older
ones. ``adopt(path)`` is both at once. The start-up choice on top of it is ``BundleStore``
(``kiosk.ops.bundles.startup``).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from kiosk.content.fileio import ReadFailed, atomic_write_text, copy_hashed
from kiosk.ops.bundles.check import CandidateResult, Checker, check_candidate
from kiosk.ops.bundles.files import (
    MAX_BUNDLE_BYTES,
    FileSignature,
    _describe_os_error,
    _raise_if_cancelled,
    observe,
    open_regular,
    precheck,
)
from kiosk.ops.bundles.records import (
    AdoptError,
    BundleRecord,
    Rejection,
    Staged,
    _source_key,
)

# The package's one name in the log, whichever of its modules writes.
logger = logging.getLogger("kiosk.ops.bundles")

STATE_FILE: Final = "state.json"
COPY_PREFIX: Final = "bundle-"
COPY_SUFFIX: Final = ".sqlite"
TEMP_PREFIX: Final = ".incoming-"


class _SourceUnreadable(Exception):
    """Reading the candidate failed (its fault, not the data folder's)."""

    def __init__(self, exc: OSError) -> None:
        super().__init__(str(exc))
        self.error = exc


class CopyStore:
    """The kiosk's copies of good bundles under ``<data_dir>/bundles/`` and what is current.

    ``checker`` (default ``check_candidate``) is injectable; ``clock`` gives Unix seconds.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        checker: Checker = check_candidate,
        clock: Callable[[], float] = time.time,
        max_bytes: int = MAX_BUNDLE_BYTES,
    ) -> None:
        self.folder = Path(data_dir) / "bundles"
        self._checker = checker
        self._clock = clock
        self.max_bytes = max_bytes
        # Temporary copies being written or waiting to be committed (a worker thread stages
        # while the GUI thread commits): cleaning up must not delete them.
        self._live: set[Path] = set()
        self._live_lock = threading.Lock()

    # -- state -------------------------------------------------------------------------------
    @property
    def state_path(self) -> Path:
        return self.folder / STATE_FILE

    def _read_state(self) -> dict[str, Any]:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            logger.error("bundles: %s is unreadable (%s); ignoring it", self.state_path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def _record(self, key: str) -> BundleRecord | None:
        data = self._read_state().get(key)
        if not isinstance(data, dict):
            return None
        try:
            return BundleRecord.from_json(self.folder, data)
        except (KeyError, TypeError, ValueError) as exc:
            logger.error("bundles: the %s entry of %s is malformed (%s)", key, self.state_path, exc)
            return None

    def current(self) -> BundleRecord | None:
        """The copy the kiosk should run from (the last adopted one), if any."""
        return self._record("current")

    def previous(self) -> BundleRecord | None:
        """The copy adopted before the current one, kept as a second fallback."""
        return self._record("previous")

    @property
    def current_checksum(self) -> str:
        """The checksum of the current copy, or "" when there is none."""
        record = self.current()
        return record.checksum if record is not None else ""

    def last_rejected(self) -> Rejection | None:
        """The last refused candidate (recorded by ``note_rejected``), if any."""
        data = self._read_state().get("last_rejected")
        if not isinstance(data, dict):
            return None
        return Rejection(
            source=str(data.get("source", "")),
            checksum=str(data.get("checksum", "")),
            at=str(data.get("at", "")),
            problems=tuple(str(p) for p in data.get("problems", [])),
        )

    def _write_state(self, **changes: Any) -> None:
        state = self._read_state()
        state.update(changes)
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.state_path, json.dumps(state, indent=2, ensure_ascii=False))

    def _now_iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat(timespec="seconds")

    def note_rejected(self, result: CandidateResult) -> None:
        """Record a refused candidate for the admin screen and log it. Never raises."""
        logger.error("bundles: refused %s: %s", result.path, result.reason)
        entry = Rejection(
            _source_key(result.path), result.checksum, self._now_iso(), result.problems
        )
        try:
            self._write_state(last_rejected={**asdict(entry), "problems": list(entry.problems)})
        except OSError as exc:
            logger.error("bundles: cannot record the rejection in %s (%s)", self.state_path, exc)

    # -- adopting ----------------------------------------------------------------------------
    def _copy_to_temp(
        self, source: Path, cancel: threading.Event | None = None
    ) -> tuple[Path, str]:
        """Copy ``source`` into the folder under a temporary name; returns it and its sha256.

        Raises ``_SourceUnreadable`` when reading the source fails, OSError when the folder
        cannot take the copy (full, read-only), ``Cancelled`` when asked to stop.
        """
        try:
            src = open_regular(source)
        except OSError as exc:
            raise _SourceUnreadable(exc) from None
        with src:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=COPY_SUFFIX, dir=self.folder)
            tmp = Path(tmp_name)
            with self._live_lock:
                self._live.add(tmp)
            try:
                with os.fdopen(fd, "wb") as out:
                    _size, digest = copy_hashed(src, out, lambda: _raise_if_cancelled(cancel))
            except ReadFailed as exc:
                self.discard_file(tmp)
                raise _SourceUnreadable(exc.error) from None
            except BaseException:
                self.discard_file(tmp)
                raise
        return tmp, digest

    def discard_file(self, tmp: Path | None) -> None:
        """Delete a temporary copy (a staged candidate no longer wanted). Never raises."""
        if tmp is None:
            return
        with self._live_lock:
            self._live.discard(tmp)
        try:
            tmp.unlink(missing_ok=True)
        except OSError as exc:
            logger.info("bundles: cannot delete %s yet (%s)", tmp.name, exc)

    def discard(self, staged: Staged | None) -> None:
        """Forget a staged candidate and delete its copy. Never raises."""
        if staged is not None:
            self.discard_file(staged.file)

    def _final_name(self, checksum: str) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(self._clock()))
        candidate = self.folder / f"{COPY_PREFIX}{stamp}-{checksum[:12]}{COPY_SUFFIX}"
        n = 1
        while candidate.exists():
            n += 1
            candidate = self.folder / f"{COPY_PREFIX}{stamp}-{checksum[:12]}-{n}{COPY_SUFFIX}"
        return candidate

    def stage(
        self,
        path: Path,
        checked: CandidateResult | None = None,
        *,
        checker: Checker | None = None,
        cancel: threading.Event | None = None,
    ) -> Staged:
        """Copy the candidate at ``path`` into the folder and check the copy; nothing is current
        yet (``commit`` does that). Meant for a worker thread; ``cancel`` stops it.

        The copy, not the published file, is checked: it is what the kiosk will run, and the
        published file is held open only while it is copied. When ``checked`` (a result from
        ``check_candidate`` on ``path``) has the copy's checksum, the copy is not checked again.
        Returns a refused ``Staged`` (``file`` None) for a bad bundle; raises ``AdoptError``
        with ``storage=True`` when the data folder cannot take the copy, ``Cancelled``.
        """
        source = Path(path)
        signature = observe(source)
        problem = precheck(source, self.max_bytes)
        if problem:
            return Staged(source, None, CandidateResult(source, False, (problem,), ""), signature)
        try:
            tmp, checksum = self._copy_to_temp(source, cancel)
        except _SourceUnreadable as exc:
            problem = _describe_os_error(source, exc.error)
            return Staged(source, None, CandidateResult(source, False, (problem,), ""), signature)
        except OSError as exc:
            problem = f"{source}: cannot be copied to {self.folder} ({exc.strerror or exc})"
            raise AdoptError([problem], storage=True) from None
        try:
            _raise_if_cancelled(cancel)
            if checked is not None and checked.ok and checked.checksum == checksum:
                result = replace(checked, path=source)
            else:
                verdict = (checker or self._checker)(tmp)
                _raise_if_cancelled(cancel)
                result = CandidateResult(
                    source,
                    verdict.ok,
                    tuple(p.replace(str(tmp), str(source)) for p in verdict.problems),
                    checksum,
                    verdict.warnings,
                )
        except BaseException:
            self.discard_file(tmp)
            raise
        if not result.ok:
            self.discard_file(tmp)
            return Staged(source, None, result, signature)
        return Staged(source, tmp, result, signature)

    def commit(self, staged: Staged) -> Path:
        """Make a staged copy current: rename it into place, record it in ``state.json``,
        delete older copies. Cheap (no reading or checking): fit for the GUI thread.
        Returns the copy to open; raises ``AdoptError`` (``storage=True`` when the folder
        failed) and leaves the current copy as it was.
        """
        if not staged.ok or staged.file is None:
            raise AdoptError(staged.result.problems or (f"{staged.source}: was not checked",))
        tmp, checksum = staged.file, staged.result.checksum
        try:
            return self._commit(staged, tmp, checksum)
        finally:
            self.discard_file(tmp)

    def _commit(self, staged: Staged, tmp: Path, checksum: str) -> Path:
        sig = staged.signature or FileSignature(-1, -1)
        current = self.current()
        try:
            record = BundleRecord(
                file=self._final_name(checksum),
                checksum=checksum,
                validated_at=self._now_iso(),
                source=_source_key(staged.source),
                warnings=staged.result.warnings,
                size=tmp.stat().st_size,
                source_size=sig.size,
                source_mtime_ns=sig.mtime_ns,
            )
            if current is not None and current.checksum == checksum and current.file.is_file():
                # same content: keep the same copy
                record = replace(
                    record, file=current.file, mtime_ns=current.file.stat().st_mtime_ns
                )
                self._save(record, self.previous())
                return record.file
            tmp.replace(record.file)
            record = replace(record, mtime_ns=record.file.stat().st_mtime_ns)
            self._save(record, current)
        except OSError as exc:
            problem = f"{staged.source}: cannot be stored in {self.folder} ({exc})"
            raise AdoptError([problem], storage=True) from None
        logger.info("bundles: adopted %s as %s", staged.source, record.file.name)
        self._delete_old(keep={record.file, *([current.file] if current else [])})
        return record.file

    def adopt(self, path: Path, checked: CandidateResult | None = None) -> Path:
        """Copy the bundle at ``path`` into the kiosk's folder and make it current.

        ``stage`` then ``commit``: the copy is checked unless ``checked`` (a result from
        ``check_candidate`` on ``path``) has its checksum. Returns the path of the kiosk's copy
        to open. Raises ``AdoptError`` when the bundle is refused or cannot be copied.
        """
        staged = self.stage(path, checked)
        if not staged.ok:
            raise AdoptError(staged.result.problems)
        return self.commit(staged)

    def _save(self, current: BundleRecord, previous: BundleRecord | None) -> None:
        if previous is not None and (
            previous.checksum == current.checksum or not previous.file.is_file()
        ):
            previous = None
        self._write_state(
            current=current.to_json(),
            previous=previous.to_json() if previous is not None else None,
        )

    def _delete_old(self, keep: set[Path]) -> None:
        """Delete copies other than ``keep`` and leftover temporary files; skip what is open."""
        leftovers = [
            *self.folder.glob(f"{COPY_PREFIX}*{COPY_SUFFIX}"),
            *self.folder.glob(f"{TEMP_PREFIX}*"),
        ]
        with self._live_lock:
            keep = keep | self._live
        for path in leftovers:
            if path in keep:
                continue
            try:
                path.unlink()
            except OSError as exc:  # Windows: still open; the next adopt tries again
                logger.info("bundles: cannot delete %s yet (%s)", path.name, exc)
