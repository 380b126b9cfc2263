"""The live-update policy for content bundles (Qt-free).

The kiosk never runs from the curator's (published) bundle file: it copies a checked bundle
into its own data folder, ``<data_dir>/bundles/``, and opens that copy. The published file is
held open only for the moments it takes to check and copy it, so ``kiosk-content publish`` can
replace it with ``os.replace`` even on Windows, where an open file cannot be replaced.

* ``precheck(path)``: what ``stat`` tells before a file is opened: a regular file (not a
  folder, a FIFO that would block an ``open``, a symlink loop) of at most ``MAX_BUNDLE_BYTES``.
* ``check_candidate(path)``: the pre-check, readable, and the content validator (which starts
  with ``PRAGMA quick_check``: the integrity check runs once). Never raises: any exception from
  the content layer is a refusal carrying its message.
* ``BundleStore.stage(path)``: copy into ``bundles/`` under a temporary name and check the copy
  (the bytes the kiosk will run, checked once); may run on a worker thread and be cancelled.
  ``BundleStore.commit(staged)``: rename it into place and record it as current in
  ``bundles/state.json`` (cheap: for the GUI thread); keep the previous copy, delete older
  ones. ``adopt(path)`` is both at once.
* ``BundleStore.startup_bundle(configured)``: what to open at start; never raises.
* ``Stability``: a file is taken only when its size and mtime are unchanged across two looks
  a debounce apart, so a half-copied file is not taken while it is still being written.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Final, Literal

from kiosk import paths
from kiosk.content.fileio import ReadFailed, atomic_write_text, copy_hashed, file_sha256
from kiosk.content.reader import BundleError, check_readable

logger = logging.getLogger(__name__)

STATE_FILE: Final = "state.json"
COPY_PREFIX: Final = "bundle-"
COPY_SUFFIX: Final = ".sqlite"
TEMP_PREFIX: Final = ".incoming-"
_CHUNK: Final = 1024 * 1024
_MAX_QUICK_CHECK_LINES: Final = 5
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


def _quick_check(path: Path) -> list[str]:
    """Problems reported by ``PRAGMA quick_check`` (empty when the file is sound)."""
    from kiosk.content.validate import quick_check  # noqa: PLC0415 - not needed at start

    rows = quick_check(path)
    if not rows:
        return []
    shown = rows[:_MAX_QUICK_CHECK_LINES]
    more = f" (and {len(rows) - len(shown)} more)" if len(rows) > len(shown) else ""
    return [f"{path}: the database is damaged (quick_check: {'; '.join(shown)}{more})"]


def _unexpected(path: Path, exc: BaseException, doing: str) -> str:
    """A refusal for an exception the content layer did not turn into a BundleError."""
    logger.warning("bundles: %s %s failed unexpectedly", doing, path, exc_info=exc)
    return f"{path}: cannot be read as a bundle ({type(exc).__name__}: {exc})"


def _validation(path: Path) -> tuple[list[str], list[str]]:
    """Errors and warnings from the content validator (its first step is quick_check)."""
    from kiosk.content.validate import validate_bundle  # noqa: PLC0415 - not needed at start

    report = validate_bundle(path)
    return [str(e) for e in report.errors], [str(w) for w in report.warnings]


Validator = Callable[[Path], tuple[list[str], list[str]]]


def check_candidate(
    path: Path, validator: Validator | None = None, *, max_bytes: int = MAX_BUNDLE_BYTES
) -> CandidateResult:
    """Check a bundle file before the kiosk takes it: the pre-check, readable, validation.

    ``validator`` returns (errors, warnings); by default it is ``validate_bundle`` from
    ``kiosk.content.validate``, whose first step is ``PRAGMA quick_check``, so SQLite's
    integrity check runs once. Another validator (the tests' content-free one) gets the
    runtime's own quick_check first. Never raises: an unreadable or broken file, and any
    exception from the content layer, give ``ok=False`` with the reasons.
    """
    path = Path(path)
    problem = precheck(path, max_bytes)
    if problem:
        return CandidateResult(path, False, (problem,), "")
    try:
        check_readable(path)
        checksum = file_checksum(path)
    except BundleError as exc:
        return CandidateResult(path, False, (str(exc),), "")
    except OSError as exc:
        return CandidateResult(path, False, (_describe_os_error(path, exc),), "")
    except Exception as exc:  # any failure of the content layer is a refusal, not a crash
        return CandidateResult(path, False, (_unexpected(path, exc, "reading"),), "")
    try:
        problems = _quick_check(path) if validator is not None else []
        if problems:
            return CandidateResult(path, False, tuple(problems), checksum)
        errors, warnings = (validator or _validation)(path)
    except Exception as exc:
        return CandidateResult(path, False, (_unexpected(path, exc, "validating"),), checksum)
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
    mtime_ns: int = -1  # the copy's when adopted: unchanged since, it is not checked again

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
            mtime_ns=int(data.get("mtime_ns", -1)),
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


def _source_key(path: Path) -> str:
    """The path as recorded in ``state.json``: resolved when it can be (a symlink loop cannot:
    ``Path.resolve`` raises RuntimeError before Python 3.13, OSError after)."""
    p = Path(path)
    try:
        return str(p.expanduser().resolve())
    except (OSError, RuntimeError, ValueError):
        return str(p.absolute())


class _SourceUnreadable(Exception):
    """Reading the candidate failed (its fault, not the data folder's)."""

    def __init__(self, exc: OSError) -> None:
        super().__init__(str(exc))
        self.error = exc


@dataclass(frozen=True, slots=True)
class Staged:
    """A candidate copied into the data folder under a temporary name, and the verdict on the
    copy. ``file`` is None when the candidate was refused (the copy is then deleted)."""

    source: Path
    file: Path | None
    result: CandidateResult
    signature: FileSignature | None = None

    @property
    def ok(self) -> bool:
        return self.result.ok and self.file is not None


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
        max_bytes: int = MAX_BUNDLE_BYTES,
    ) -> None:
        self.folder = Path(data_dir) / "bundles"
        self._checker = checker
        self._default = default_bundle if default_bundle is not None else paths.default_bundle()
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

    # -- starting ----------------------------------------------------------------------------
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
