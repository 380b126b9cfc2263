"""Opening a source folder or a bundle: what can be opened is opened, what is wrong is said.

* A source folder opens as it is (kiosk.studio.folder.load: a file that cannot be read is
  left out and named); ``problems`` also lists what the build itself says about the folder.
* A bundle is never edited in place and never changed: it is exported (kiosk.content.source's
  ``export``) into a new source folder the curator chooses, and that folder opens.
* A broken bundle (damaged, cut off, not a bundle at all) cannot be exported: ``Opened`` then
  has no document and says why.

``open_asking`` is the whole of opening as the window does it: the questions (export this
bundle? recover the unsaved changes?) go to the window's asker. Qt-free.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kiosk.content import formats as fmt
from kiosk.content.reader import BundleError
from kiosk.content.source import BuildError, ExportError, export, read_source
from kiosk.studio.document import SourceDocument
from kiosk.studio.folder import load
from kiosk.studio.journal import Journal

log = logging.getLogger(__name__)


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


class Asking(Protocol):
    """The questions ``open_asking`` asks (kiosk.studio.asker.Asker, or a test's answers)."""

    def yes(self, title: str, text: str) -> bool: ...

    def folder_for_export(self, bundle: Path) -> Path | None: ...

    def tell(self, title: str, text: str, details: str = "") -> None: ...


def open_asking(
    path: Path, asker: Asking, data_dir: Path | None = None
) -> tuple[Opened, SourceDocument | None, SourceDocument | None]:
    """Open ``path`` as the studio does: a bundle only once the curator agreed to its export
    into a folder they chose; problems told; unsaved changes in the journal (``data_dir``)
    offered back. Returns (what was opened, the document to edit or None when nothing
    opens, the baseline it is unsaved against when recovered, else None). Never raises."""
    if path.is_dir():
        opened = open_folder(path)
    elif path.exists():
        into = asker.folder_for_export(path)
        if into is None:
            return Opened(None, None), None, None
        if not asker.yes(
            "Make an editable copy",
            f"{path.name} is an exhibit file. The studio edits a source folder: make one at "
            f"{into} from it? (The exhibit file itself is not changed.)",
        ):
            return Opened(None, None), None, None
        opened = open_bundle(path, into)
    else:
        opened = Opened(None, None, [f"{path}: there is no such file or folder"])
    for line in opened.problems:
        log.warning("opening %s: %s", path, line)
    if opened.document is None or opened.folder is None:
        asker.tell("Cannot open", "\n".join(opened.problems[:20]) or f"{path} cannot be opened.")
        return opened, None, None
    if opened.problems or opened.skipped:
        text = "The exhibit was opened, but some of it has problems."
        if opened.skipped:
            text += " These files could not be opened and are left as they are: " + ", ".join(
                opened.skipped
            )
        asker.tell("Opened with problems", text, "\n".join(opened.problems))
    document, baseline = opened.document, None
    journal = Journal(opened.folder, data_dir)
    entry = journal.read()
    if entry is not None:
        if asker.yes(
            "Recover unsaved changes",
            f"The studio closed without saving changes to this exhibit ({entry.describe()}). "
            "Recover them?",
        ):
            baseline, document = document, journal.recover(entry).document
        else:
            journal.discard()
    return opened, document, baseline
