"""Opening a source folder or a bundle: what can be opened is opened, what is wrong is said.

* A source folder opens as it is (kiosk.studio.folder.load: a file that cannot be read is
  left out and named); ``problems`` also lists what the build itself says about the folder.
* A bundle is never edited in place and never changed: it is exported (kiosk.content.source's
  ``export``) into a new source folder the curator chooses, and that folder opens.
* A broken bundle (damaged, cut off, not a bundle at all) cannot be exported: ``Opened`` then
  has no document and says why.

Qt-free: the window asks the questions and shows the answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content import formats as fmt
from kiosk.content.reader import BundleError
from kiosk.content.source import BuildError, ExportError, export, read_source
from kiosk.studio.document import SourceDocument
from kiosk.studio.folder import load


@dataclass
class Opened:
    folder: Path | None
    document: SourceDocument | None
    problems: list[str] = field(default_factory=list)  # what is wrong (file, line: message)
    skipped: list[str] = field(default_factory=list)  # files that could not be opened
    exported_from: Path | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None


def is_source_folder(path: Path) -> bool:
    return path.is_dir()


def suggested_folder(bundle: Path) -> Path:
    """Where a bundle's export goes unless the curator says otherwise: beside it, new."""
    base = bundle.with_name(f"{bundle.stem}-source")
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def open_folder(folder: Path) -> Opened:
    """Open a source folder as far as it can be read."""
    if not folder.is_dir():
        return Opened(None, None, [f"{folder}: is not a folder"])
    if not (folder / fmt.EXHIBIT_FILE).is_file() and not (folder / fmt.SECTIONS_DIR).is_dir():
        return Opened(
            None,
            None,
            [
                f"{folder}: has no {fmt.EXHIBIT_FILE} and no sections: "
                "is this an exhibit's source folder?"
            ],
        )
    loaded = load(folder)
    problems = [str(p) for p in loaded.problems]
    try:
        read_source(folder)
    except BuildError as exc:
        problems += [str(p) for p in exc.problems if str(p) not in problems]
    except OSError as exc:
        problems.append(f"{folder}: cannot be read ({exc.strerror or exc})")
    return Opened(folder, loaded.document, problems, loaded.skipped)


def open_bundle(bundle: Path, into: Path) -> Opened:
    """Export ``bundle`` into the new folder ``into`` and open that. The bundle is only read."""
    try:
        export(bundle, into)
    except BundleError as exc:
        return Opened(None, None, [f"This exhibit file cannot be opened: {exc}"])
    except ExportError as exc:
        return Opened(None, None, [str(exc)])
    except OSError as exc:
        return Opened(None, None, [f"{into}: cannot be written ({exc.strerror or exc})"])
    opened = open_folder(into)
    opened.exported_from = bundle
    return opened
