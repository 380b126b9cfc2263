"""The exhibit's source folder on disk: read into a ``SourceDocument``, and saved back.

* ``load(folder)`` reads what it can and says what it could not (a section file that is not
  valid TOML is left out and named; the rest opens). It reads with the content layer's own
  ``SourceReader`` (CSV, text, TOML, the same tolerance for Excel's BOM and Windows line ends)
  and its section-file reader (``source.read.parse_section``, ``section_files``): the source
  format is parsed in one place; only what the build checks on top is not checked here.
* ``changes(baseline, current)`` is what a save writes: only the files whose rendering changed
  since the baseline, and the files of rows deleted. A folder saved unchanged changes no byte;
  a file the curator did not touch keeps its own form (comments in exhibit.toml included).
* ``save`` writes those files, each through a temporary file and a rename. On Windows a file
  another program holds open (people.csv in a spreadsheet, say) cannot be replaced: the
  rename is retried for a few seconds, then the save stops with a message naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import formats as fmt
from kiosk.content.source.files import SourceProblem, SourceReader, trimmed
from kiosk.content.source.read import media_file, parse_section, section_files, visible_files
from kiosk.studio.document import (
    LOCALES,
    NUMBER,
    ORIGIN,
    SECTIONS,
    SOURCES,
    SourceDocument,
    as_text,
    blank_row,
    csv_tables,
)

BUSY_RETRY_S = 3.0


def changes(
    baseline: SourceDocument, current: SourceDocument
) -> tuple[dict[str, bytes], list[str]]:
    """What a save writes: the files whose rendering changed since ``baseline`` (the document
    as last read or saved), and the files to delete (a deleted row's, a renamed section's
    old file: the file it was read from, whatever its name)."""
    before, after = baseline.render().files, current.render().files
    write = {rel: data for rel, data in after.items() if before.get(rel) != data}
    delete = {rel for rel in before if rel not in after}
    kept = {str(r.get(ORIGIN)) for r in current.table(SECTIONS) if r.get(ORIGIN)}
    for row in baseline.table(SECTIONS):
        origin = row.get(ORIGIN)
        if origin and origin not in kept:
            delete.add(str(origin))
    for row in current.table(SECTIONS):
        origin, rel = row.get(ORIGIN), current.section_file(row)
        if origin and origin != rel and rel in write:
            delete.add(str(origin))
    return write, sorted(delete - set(write))


def save(folder: str | Path, baseline: SourceDocument, current: SourceDocument) -> list[str]:
    """Write ``current`` into ``folder`` (the files changed since ``baseline``); each file is
    replaced atomically. Returns the files written and deleted (relative paths)."""
    root = Path(folder)
    write, delete = changes(baseline, current)
    for rel, data in write.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.saving")
        tmp.write_bytes(data)
        try:
            replace_when_free(tmp, path, rel)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
    for rel in delete:
        try:
            (root / rel).unlink(missing_ok=True)
        except OSError as exc:
            raise OSError(exc.errno, f"{rel} cannot be removed ({exc.strerror or exc})") from None
    for row in current.table(SECTIONS):
        if current.section_file(row) in write:
            row[ORIGIN] = current.section_file(row)
    return sorted([*write, *delete])


def replace_when_free(
    tmp: Path,
    path: Path,
    rel: str,
    *,
    wait_s: float = BUSY_RETRY_S,
    replace: Callable[[Path, Path], object] = Path.replace,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Rename ``tmp`` over ``path``; while another program holds ``path`` open (Windows says
    PermissionError), try again for ``wait_s``, then raise one saying so, naming ``rel``."""
    waited, pause = 0.0, 0.05
    while True:
        try:
            replace(tmp, path)
            return
        except PermissionError:
            if waited >= wait_s:
                raise PermissionError(
                    errno.EACCES,
                    f"{rel} is open in another program (a spreadsheet or an editor?) or may not "
                    "be written. Close it there and save again; your changes are still here",
                    str(path),
                ) from None
            sleep(pause)
            waited += pause
            pause = min(pause * 2, 0.5)


# -- loading ----------------------------------------------------------------------------------
@dataclass
class Loaded:
    """What ``load`` made of a folder: the document, and what it could not open."""

    document: SourceDocument
    problems: list[SourceProblem]
    skipped: list[str]  # files left out (a section that is not valid TOML, say)


def load(folder: str | Path) -> Loaded:
    """Read a source folder as far as it can be read. Never raises for a broken file."""
    root = Path(folder)
    reader = SourceReader(root)
    doc = SourceDocument()
    skipped: list[str] = []
    if not root.is_dir():
        reader.problem(str(root), None, "is not a folder")
        return Loaded(doc, reader.problems, skipped)
    _load_exhibit(reader, doc)
    _load_sections(reader, doc, skipped)
    for table_name, (rel, columns) in csv_tables().items():
        for _line, row in reader.read_csv(rel, columns):
            doc.table(table_name).append(dict(row))
    for row in doc.table("media"):
        name = str(row.get("file", "")).strip()
        path = media_file(root, name)
        if path is not None and path.is_file():
            try:
                doc.media_files[name] = path.read_bytes()
            except OSError as exc:
                reader.problem(f"{fmt.MEDIA_DIR}/{name}", None, f"cannot be read ({exc})")
    for path in visible_files(root / fmt.TRANSLATIONS_DIR, ".csv"):
        rel = f"{fmt.TRANSLATIONS_DIR}/{path.name}"
        if not fmt.LOCALE_PATTERN.match(path.stem):
            skipped.append(rel)
            continue
        texts = doc.translations.setdefault(path.stem, {})
        for _line, row in reader.read_csv(rel, fmt.TRANSLATION_COLUMNS):
            texts[(row["table"].strip(), row["key"].strip(), row["field"].strip())] = row["text"]
    return Loaded(doc, reader.problems, skipped)


def _load_exhibit(reader: SourceReader, doc: SourceDocument) -> None:
    text = reader.read_text(fmt.EXHIBIT_FILE)
    if text is None:
        return
    data = reader.toml(fmt.EXHIBIT_FILE, text)
    if data is None:
        return
    for name in fmt.EXHIBIT_FIELDS:
        value = data.get(name, [] if name == "locales" else "")
        if name == "locales":
            doc.exhibit[name] = [str(x) for x in value] if isinstance(value, list) else []
        else:
            doc.exhibit[name] = value if isinstance(value, str) else str(value)
    review = data.get(fmt.REVIEW_TABLE, {})
    for code, status in review.items() if isinstance(review, dict) else []:
        doc.table(LOCALES).append({"locale": str(code), "review": as_text(status)})
    sources = data.get(SOURCES, [])
    for item in sources if isinstance(sources, list) else []:
        if isinstance(item, dict):
            doc.table(SOURCES).append({n: as_text(item.get(n, "")) for n in fmt.SOURCE_FIELDS})


def _load_sections(reader: SourceReader, doc: SourceDocument, skipped: list[str]) -> None:
    """The section files, read and split by the build's own reader; their settings are taken
    as they are (the checks say what is wrong with them), their text trimmed as the build does."""
    found, misnamed = section_files(reader.root)
    skipped.extend(misnamed)
    for number, name in found:
        rel = f"{fmt.SECTIONS_DIR}/{name}"
        parsed = parse_section(reader, rel)
        if parsed is None:
            skipped.append(rel)
            continue
        row = blank_row(SECTIONS)
        for key in fmt.SECTION_FIELDS:
            value = parsed.front.get(key, False if key == "sensitive" else "")
            row[key] = value is True if key == "sensitive" else as_text(value)
        row["body"] = trimmed(parsed.body)
        row[NUMBER] = number
        row[ORIGIN] = rel
        doc.table(SECTIONS).append(row)
