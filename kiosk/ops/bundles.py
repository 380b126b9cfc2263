"""The live-update policy for content bundles (Qt-free).

The kiosk never runs from the curator's (published) bundle file: it copies a checked bundle
into its own data folder, ``<data_dir>/bundles/``, and opens that copy. The published file is
held open only for the moments it takes to check and copy it, so ``kiosk-content publish`` can
replace it with ``os.replace`` even on Windows, where an open file cannot be replaced.

* ``check_candidate(path)``: readable, ``PRAGMA quick_check``, and the content validator.
* ``BundleStore.adopt(path)``: copy into ``bundles/`` atomically, record it as current in
  ``bundles/state.json``, keep the previous copy, delete older ones.
* ``BundleStore.startup_bundle(configured)``: what to open at start; never raises.
* ``Stability``: a file is taken only when its size and mtime are unchanged across two looks
  a debounce apart, so a half-copied file is not taken while it is still being written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from kiosk import paths
from kiosk.content.reader import BundleError, check_readable
from kiosk.content.validate import quick_check, validate_bundle

logger = logging.getLogger(__name__)

STATE_FILE: Final = "state.json"
COPY_PREFIX: Final = "bundle-"
COPY_SUFFIX: Final = ".sqlite"
TEMP_PREFIX: Final = ".incoming-"
_CHUNK: Final = 1024 * 1024
_MAX_QUICK_CHECK_LINES: Final = 5


# -- stability of a file being copied -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FileSignature:
    """What is cheap to observe of a file: its size and modification time."""

    size: int
    mtime_ns: int


def observe(path: Path) -> FileSignature | None:
    """The file's signature, or None when it is missing, a folder or cannot be stat'ed."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    if not Path(path).is_file():
        return None
    return FileSignature(st.st_size, st.st_mtime_ns)


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


# -- checking a candidate -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CandidateResult:
    """The verdict on one bundle file. ``problems`` are curator-readable; empty when ``ok``."""

    path: Path
    ok: bool
    problems: tuple[str, ...]
    checksum: str  # sha256 hex of the file's bytes; "" when it could not be read
    warnings: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """The problems as one line, for a log entry or the candidateRejected signal."""
        return "; ".join(self.problems)


Checker = Callable[[Path], CandidateResult]


def file_checksum(path: Path) -> str:
    """The sha256 hex digest of the file at ``path`` (raises OSError)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _quick_check(path: Path) -> list[str]:
    """Problems reported by ``PRAGMA quick_check`` (empty when the file is sound)."""
    rows = quick_check(path)
    if not rows:
        return []
    shown = rows[:_MAX_QUICK_CHECK_LINES]
    more = f" (and {len(rows) - len(shown)} more)" if len(rows) > len(shown) else ""
    return [f"{path}: the database is damaged (quick_check: {'; '.join(shown)}{more})"]


def _validation(path: Path) -> tuple[list[str], list[str]]:
    """Errors and warnings from the content validator; never raises."""
    try:
        report = validate_bundle(path)
    except Exception as exc:  # the validator never raises by design; a bug must not stop the kiosk
        logger.exception("the validator failed on %s", path)
        return [f"{path}: could not be validated ({type(exc).__name__}: {exc})"], []
    return [str(e) for e in report.errors], [str(w) for w in report.warnings]


Validator = Callable[[Path], tuple[list[str], list[str]]]


def check_candidate(path: Path, validator: Validator | None = None) -> CandidateResult:
    """Check a bundle file before the kiosk takes it: readable, quick_check, validation.

    ``validator`` returns (errors, warnings); by default it is ``validate_bundle`` from
    ``kiosk.content.validate``. Never raises; an unreadable or broken file gives ``ok=False``
    with the reasons.
    """
    path = Path(path)
    try:
        check_readable(path)
        checksum = file_checksum(path)
    except BundleError as exc:
        return CandidateResult(path, False, (str(exc),), "")
    except OSError as exc:
        return CandidateResult(path, False, (f"{path}: cannot be read ({exc})",), "")
    problems = _quick_check(path)
    if problems:
        return CandidateResult(path, False, tuple(problems), checksum)
    errors, warnings = (validator or _validation)(path)
    return CandidateResult(path, not errors, tuple(errors), checksum, tuple(warnings))


# -- the kiosk's own copies -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BundleRecord:
    """One copy of a bundle in the kiosk's data folder, as recorded in ``state.json``."""

    file: Path  # the kiosk's own copy, which it runs from
    checksum: str
    validated_at: str  # ISO 8601, UTC
    source: str  # the path it was copied from
    warnings: tuple[str, ...] = ()
    size: int = 0
    source_size: int = -1
    source_mtime_ns: int = -1

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["file"] = self.file.name
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_json(cls, folder: Path, data: dict[str, Any]) -> BundleRecord:
        return cls(
            file=folder / Path(str(data["file"])).name,
            checksum=str(data["checksum"]),
            validated_at=str(data.get("validated_at", "")),
            source=str(data.get("source", "")),
            warnings=tuple(str(w) for w in data.get("warnings", [])),
            size=int(data.get("size", 0)),
            source_size=int(data.get("source_size", -1)),
            source_mtime_ns=int(data.get("source_mtime_ns", -1)),
        )


@dataclass(frozen=True, slots=True)
class Rejection:
    """The last bundle the kiosk refused, for the admin screen."""

    source: str
    checksum: str
    at: str
    problems: tuple[str, ...] = field(default_factory=tuple)


class AdoptError(Exception):
    """A candidate could not be adopted; ``problems`` say why (curator-readable).

    ``storage`` is True when the bundle was fine but the kiosk's folder could not take the copy
    (unwritable folder, full disk), False when the bundle itself was refused.
    """

    def __init__(self, problems: tuple[str, ...] | list[str], *, storage: bool = False) -> None:
        self.problems = tuple(problems)
        self.storage = storage
        super().__init__("; ".join(self.problems))


def _atomic_write_json(path: Path, data: dict[str, Any]) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _source_key(path: Path) -> str:
    return str(Path(path).expanduser().resolve())


class BundleStore:
    """The kiosk's copies of good bundles under ``<data_dir>/bundles/`` and what is current.

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
    ) -> None:
        self.folder = Path(data_dir) / "bundles"
        self._checker = checker
        self._default = default_bundle if default_bundle is not None else paths.default_bundle()
        self._clock = clock

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
        _atomic_write_json(self.state_path, state)

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
    def _copy_to_temp(self, source: Path) -> tuple[Path, str]:
        """Copy ``source`` into the folder under a temporary name; returns it and its sha256."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=COPY_SUFFIX, dir=self.folder)
        tmp = Path(tmp_name)
        digest = hashlib.sha256()
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return tmp, digest.hexdigest()

    def _final_name(self, checksum: str) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(self._clock()))
        candidate = self.folder / f"{COPY_PREFIX}{stamp}-{checksum[:12]}{COPY_SUFFIX}"
        n = 1
        while candidate.exists():
            n += 1
            candidate = self.folder / f"{COPY_PREFIX}{stamp}-{checksum[:12]}-{n}{COPY_SUFFIX}"
        return candidate

    def adopt(self, path: Path, checked: CandidateResult | None = None) -> Path:
        """Copy the bundle at ``path`` into the kiosk's folder and make it current.

        The copy is written under a temporary name, and its checksum compared with
        ``checked.checksum`` (a result from ``check_candidate`` on ``path``); when they differ
        (the file changed since), or no result is given, the copy itself is checked. Then it is
        renamed into place and recorded in ``state.json``; the previous copy is kept, older
        ones deleted. Returns the path of the kiosk's copy to open. Raises ``AdoptError`` when
        the bundle is refused or cannot be copied.
        """
        source = Path(path)
        signature = observe(source)
        try:
            tmp, checksum = self._copy_to_temp(source)
        except OSError as exc:
            problem = f"{source}: cannot be copied to {self.folder} ({exc})"
            raise AdoptError([problem], storage=source.is_file()) from None
        try:
            return self._adopt_copy(source, signature, tmp, checksum, checked)
        finally:
            tmp.unlink(missing_ok=True)

    def _adopt_copy(
        self,
        source: Path,
        signature: FileSignature | None,
        tmp: Path,
        checksum: str,
        checked: CandidateResult | None,
    ) -> Path:
        if checked is not None and checked.ok and checked.checksum == checksum:
            result = replace(checked, path=tmp)
        else:
            result = self._checker(tmp)
        if not result.ok:
            raise AdoptError([p.replace(str(tmp), str(source)) for p in result.problems])
        sig = signature or FileSignature(-1, -1)
        current = self.current()
        record = BundleRecord(
            file=self._final_name(checksum),
            checksum=checksum,
            validated_at=self._now_iso(),
            source=_source_key(source),
            warnings=result.warnings,
            size=tmp.stat().st_size,
            source_size=sig.size,
            source_mtime_ns=sig.mtime_ns,
        )
        if current is not None and current.checksum == checksum and current.file.is_file():
            record = replace(record, file=current.file)  # same content: keep the same copy
            self._save(record, self.previous())
            return record.file
        try:
            tmp.replace(record.file)
            self._save(record, current)
        except OSError as exc:
            problem = f"{source}: cannot be stored in {self.folder} ({exc})"
            raise AdoptError([problem], storage=True) from None
        logger.info("bundles: adopted %s as %s", source, record.file.name)
        self._delete_old(keep={record.file, *([current.file] if current else [])})
        return record.file

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
        for path in leftovers:
            if path in keep:
                continue
            try:
                path.unlink()
            except OSError as exc:  # Windows: still open; the next adopt tries again
                logger.info("bundles: cannot delete %s yet (%s)", path.name, exc)

    # -- starting ----------------------------------------------------------------------------
    def _usable_copy(self, record: BundleRecord | None) -> bool:
        """Whether a recorded copy is still there, whole, readable and sound (no checksum)."""
        if record is None or not record.file.is_file():
            return False
        try:
            if record.size and record.file.stat().st_size != record.size:
                return False
            check_readable(record.file)
        except (OSError, BundleError):
            return False
        return not _quick_check(record.file)

    def _unchanged_since_adopted(self, configured: Path, record: BundleRecord | None) -> bool:
        if record is None or record.source != _source_key(configured):
            return False
        sig = observe(configured)
        return sig is not None and (sig.size, sig.mtime_ns) == (
            record.source_size,
            record.source_mtime_ns,
        )

    def startup_bundle(self, configured: Path | None) -> tuple[Path, list[str]]:
        """The bundle to open at start, and notes (for the log and admin screen) on why.

        In order: the configured bundle (``None`` = the default exhibit) when it is good,
        adopted so the kiosk runs from its own copy; else the last good copy (then the one
        before it); else the default exhibit shipped with the program. Never raises; when
        nothing is usable, returns the default bundle's path and a note saying so.
        """
        try:
            return self._startup(Path(configured) if configured is not None else self._default)
        except Exception as exc:
            logger.exception("bundles: choosing the start bundle failed")
            return self._default, [f"could not choose a bundle ({exc}); using the default"]

    def _startup(self, configured: Path) -> tuple[Path, list[str]]:
        current = self.current()
        if self._unchanged_since_adopted(configured, current) and self._usable_copy(current):
            assert current is not None
            return current.file, []
        notes: list[str] = []
        result = self._checker(configured)
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

    def _fallback(self, configured: Path, notes: list[str]) -> tuple[Path, list[str]]:
        for record in (self.current(), self.previous()):
            if record is not None and self._usable_copy(record):
                notes.append(
                    f"Showing the last good copy, validated {record.validated_at}, "
                    f"from {record.source}."
                )
                return record.file, notes
        is_default = _source_key(self._default) == _source_key(configured)
        if not is_default and self._checker(self._default).ok:
            notes.append("Showing the exhibit that ships with the program.")
            return self._default, notes
        notes.append(
            "No usable bundle: no good copy is kept, and the bundle shipped with the program "
            f"({self._default}) is missing or broken."
        )
        return self._default, notes
