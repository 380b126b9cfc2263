"""Checking a candidate bundle file before the kiosk takes it (Qt-free).

``check_candidate(path)``: the pre-check, readable, and the content validator (which starts
with ``PRAGMA quick_check``: the integrity check runs once). Never raises: any exception from
the content layer is a refusal carrying its message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kiosk.content.reader import BundleError, check_readable
from kiosk.ops.bundles.files import (
    MAX_BUNDLE_BYTES,
    _describe_os_error,
    file_checksum,
    precheck,
)

# The package's one name in the log, whichever of its modules writes.
logger = logging.getLogger("kiosk.ops.bundles")

_MAX_QUICK_CHECK_LINES: Final = 5


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
