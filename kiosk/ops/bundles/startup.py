"""What the kiosk opens at start (Qt-free): ``BundleStore.startup_bundle(configured)``.

The configured bundle when it is good (adopted, so the kiosk runs from its own copy), else the
last good copy, else the exhibit shipped with the program. The current copy, untouched since
it was checked (``trusted``), is taken with a stat instead of a new integrity check. Never
raises.
"""

from __future__ import annotations

import logging
import stat
import time
from collections.abc import Callable
from pathlib import Path

from kiosk import paths
from kiosk.content.reader import BundleError, check_readable
from kiosk.ops.bundles.check import (
    CandidateResult,
    Checker,
    _quick_check,
    _unexpected,
    check_candidate,
)
from kiosk.ops.bundles.files import MAX_BUNDLE_BYTES, observe, precheck
from kiosk.ops.bundles.records import AdoptError, BundleRecord, _source_key
from kiosk.ops.bundles.store import CopyStore

# The package's one name in the log, whichever of its modules writes.
logger = logging.getLogger("kiosk.ops.bundles")


class BundleStore(CopyStore):
    """The kiosk's copies of good bundles under ``<data_dir>/bundles/`` and what is current,
    and the choice of what to open at start.

    ``checker`` (default ``check_candidate``) and ``default_bundle`` (default: the exhibit
    shipped with the program) are injectable; ``clock`` gives Unix seconds.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        checker: Checker = check_candidate,
        default_bundle: Path | None = None,
        clock: Callable[[], float] = time.time,
        max_bytes: int = MAX_BUNDLE_BYTES,
    ) -> None:
        super().__init__(data_dir, checker=checker, clock=clock, max_bytes=max_bytes)
        self._default = default_bundle if default_bundle is not None else paths.default_bundle()

    def _usable_copy(self, record: BundleRecord | None) -> bool:
        """Whether a recorded copy is still there, whole, readable and sound (no checksum)."""
        if record is None or precheck(record.file, max(self.max_bytes, record.size)):
            return False
        try:
            if record.size and record.file.stat().st_size != record.size:
                return False
            check_readable(record.file)
            return not _quick_check(record.file)
        except (OSError, BundleError):
            return False
        except Exception as exc:  # a damaged copy is not usable, whatever the content layer says
            logger.warning("bundles: %s", _unexpected(record.file, exc, "re-reading the copy"))
            return False

    def _untouched(self, record: BundleRecord | None) -> bool:
        """Whether a recorded copy is as it was when it was checked and adopted (a regular
        file of the recorded size and modification time): a stat, instead of reading it all."""
        if record is None or record.mtime_ns < 0 or record.size <= 0:
            return False
        try:
            st = record.file.stat()
        except OSError:
            return False
        return stat.S_ISREG(st.st_mode) and (st.st_size, st.st_mtime_ns) == (
            record.size,
            record.mtime_ns,
        )

    def trusted(self, path: Path) -> bool:
        """Whether ``path`` is the current copy, untouched since it was checked when adopted:
        the kiosk opens it at start without checking its integrity again."""
        record = self.current()
        return record is not None and record.file == Path(path) and self._untouched(record)

    def _unchanged_since_adopted(self, configured: Path, record: BundleRecord | None) -> bool:
        if record is None or record.source != _source_key(configured):
            return False
        sig = observe(configured)
        return sig is not None and (sig.size, sig.mtime_ns) == (
            record.source_size,
            record.source_mtime_ns,
        )

    def startup_bundle(
        self, configured: Path | None, *, trust: bool = True
    ) -> tuple[Path, list[str]]:
        """The bundle to open at start, and notes (for the log and admin screen) on why.

        In order: the configured bundle (``None`` = the default exhibit) when it is good,
        adopted so the kiosk runs from its own copy; else the last good copy (then the one
        before it); else the default exhibit shipped with the program. Never raises; when
        nothing is usable, returns the default bundle's path and a note saying so.

        ``trust``: the current copy, untouched since it was checked (``trusted``), is taken
        with a stat instead of a new integrity check (a restart after a power cut reads no
        more of it than the first screen needs). False checks it again.
        """
        try:
            configured = Path(configured) if configured is not None else self._default
            return self._startup(configured, trust)
        except Exception as exc:
            logger.exception("bundles: choosing the start bundle failed")
            return self._default, [f"could not choose a bundle ({exc}); using the default"]

    def _startup(self, configured: Path, trust: bool) -> tuple[Path, list[str]]:
        current = self.current()
        if self._unchanged_since_adopted(configured, current) and (
            (trust and self._untouched(current)) or self._usable_copy(current)
        ):
            assert current is not None
            return current.file, []
        notes: list[str] = []
        result = self._check(configured)
        if result.ok:
            try:
                return self.adopt(configured, result), []
            except AdoptError as exc:
                if exc.storage:
                    # Good content beats stale content; only publish-on-Windows suffers.
                    notes.append(
                        f"Running directly from {configured}: the kiosk's own copy could not "
                        f"be made ({exc}). Updates by publish may fail while it runs."
                    )
                    return configured, notes
                notes.append(f"The bundle {configured} was refused: {exc}")
        else:
            notes.append(f"The bundle {configured} was refused: {result.reason}")
            self.note_rejected(result)
        return self._fallback(configured, notes)

    def _check(self, path: Path) -> CandidateResult:
        """The checker's verdict; an injected checker that raises refuses the file."""
        try:
            return self._checker(path)
        except Exception as exc:
            return CandidateResult(path, False, (_unexpected(path, exc, "checking"),), "")

    def _fallback(self, configured: Path, notes: list[str]) -> tuple[Path, list[str]]:
        for record in (self.current(), self.previous()):
            if record is not None and self._usable_copy(record):
                notes.append(
                    f"Showing the last good copy, validated {record.validated_at}, "
                    f"from {record.source}."
                )
                return record.file, notes
        is_default = _source_key(self._default) == _source_key(configured)
        if not is_default and self._check(self._default).ok:
            notes.append("Showing the exhibit that ships with the program.")
            return self._default, notes
        notes.append(
            "No usable bundle: no good copy is kept, and the bundle shipped with the program "
            f"({self._default}) is missing or broken."
        )
        return self._default, notes
