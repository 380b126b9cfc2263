"""What the store of copies records and hands back (Qt-free): an entry of ``state.json``
(``BundleRecord``), the last refusal (``Rejection``), a staged copy (``Staged``), and why a
candidate could not be adopted (``AdoptError``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.ops.bundles.check import CandidateResult
from kiosk.ops.bundles.files import FileSignature


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
