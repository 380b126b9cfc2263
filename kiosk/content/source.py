"""Build a content bundle from its editable source folder, and export a bundle back to one.

The source folder (described for curators in docs/content-format.md)::

    exhibit.toml            title, subtitle, locales, content version, credits, [[sources]]
    sections/NN-key.md      one narrative section per file: TOML front matter between +++ lines
    timeline.csv            dated events, one a row, in display order
    statistics.csv          figures; ``parent`` names another figure's key
    remembrance.csv         observances, decrees, addresses
    people.csv              victims' names (may hold only its header line)
    media.csv + media/      images: key, file (inside media/), alt text, credit
    translations/LL.csv     table,key,field,text for each other locale

``build`` reads and checks the whole folder first, reporting every problem with its file and
line, and only then writes the bundle: into a temporary file beside the target, renamed over it
when complete, so a failed build never leaves half a bundle. Builds are reproducible: the same
source gives the same bytes (the migration record carries no clock time), so a rebuilt bundle
only shows up in ``git diff`` when its content changed.

``export`` writes a bundle back in the same format. Build, export, build is lossless; the
exported files are the canonical form of a source folder (comments a curator added to
exhibit.toml or front matter are not kept).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import re
import shutil
import sqlite3
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import sqlite_utils

from kiosk.content import formats as fmt
from kiosk.content.images import MIME_EXTENSIONS, ImageError, sniff
from kiosk.content.limits import MAX_ROWS
from kiosk.content.reader import BundleError, check_readable, json_list, open_bundle
from kiosk.content.records import PartialDate, Precision
from kiosk.content.schema import (
    CONTENT_TABLES,
    REMEMBRANCE_KINDS,
    TRANSLATABLE,
    create_or_migrate,
    table_columns,
)
from kiosk.content.tempfiles import remove_stale, temp_name

REPRODUCIBLE_APPLIED_AT = "1970-01-01 00:00:00+00:00"

_SHAPE_PRECISION = {4: Precision.YEAR, 7: Precision.MONTH, 10: Precision.DAY, 16: Precision.TIME}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """One thing wrong in a source folder: the file (relative, with '/'), line, and message."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


class BuildError(Exception):
    """The source folder cannot be built; ``problems`` lists every reason found."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "the source cannot be built"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


class ExportError(Exception):
    """The bundle cannot be exported to that folder. The message is meant for a curator."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    bundle: Path
    counts: dict[str, int]


@dataclass
class SourceContent:
    """A parsed source folder: rows ready for the bundle's tables, ids already assigned."""

    exhibit: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


# == reading a source folder =====================================================================


class _SourceReader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[SourceProblem] = []

    def problem(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(SourceProblem(file, line, message))

    # -- files -----------------------------------------------------------------------------
    def read_text(self, rel: str) -> str | None:
        path = self.root / rel
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(rel, None, f"cannot be read ({exc.strerror or exc})")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            self.problem(rel, line, "is not UTF-8 text; save the file as UTF-8")
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def clean(self, value: str, rel: str, line: int | None, name: str) -> str:
        """Trim a text value and refuse control characters (they are never content)."""
        text = "\n".join(part.rstrip() for part in value.replace("\r\n", "\n").split("\n"))
        text = text.strip()
        bad = _CONTROL.search(text)
        if bad:
            self.problem(
                rel, line, f"{name}: has an invisible control character (U+{ord(bad[0]):04X})"
            )
        return text

    def read_csv(self, rel: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
        """The rows of a CSV file as (line, {column: text}); a missing file has no rows."""
        if not (self.root / rel).exists():
            return []
        text = self.read_text(rel)
        if text is None:
            return []
        reader = csv.reader(io.StringIO(text), strict=True)
        rows: list[tuple[int, dict[str, str]]] = []
        header: list[str] | None = None
        previous = 0
        try:
            for cells in reader:
                line = previous + 1
                previous = reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header = [c.strip() for c in cells]
                    if not self._check_header(rel, header, columns):
                        return []
                    continue
                values = list(cells)
                if len(values) > len(header):
                    if any(c.strip() for c in values[len(header) :]):
                        self.problem(
                            rel,
                            line,
                            f"has {len(values)} cells but the header has {len(header)} columns "
                            "(a comma inside a text needs the text in double quotes)",
                        )
                        continue
                    values = values[: len(header)]
                values += [""] * (len(header) - len(values))
                row = dict.fromkeys(columns, "")
                row.update(zip(header, values, strict=True))
                rows.append((line, row))
        except csv.Error as exc:
            self.problem(rel, reader.line_num, f"is not valid CSV ({exc})")
        return rows

    def _check_header(self, rel: str, header: list[str], columns: tuple[str, ...]) -> bool:
        ok = True
        unknown = [c for c in header if c not in columns]
        if unknown:
            self.problem(
                rel,
                1,
                f"unknown column(s) {', '.join(repr(c) for c in unknown)}; "
                f"the columns are: {', '.join(columns)}",
            )
            ok = False
        duplicates = sorted({c for c in header if header.count(c) > 1})
        if duplicates:
            self.problem(rel, 1, f"column(s) named twice: {', '.join(duplicates)}")
            ok = False
        if "key" not in header:
            self.problem(rel, 1, "has no 'key' column")
            ok = False
        return ok

    # -- values ----------------------------------------------------------------------------
    def keys(self, entries: Iterable[tuple[str, int | None, str]]) -> dict[str, int]:
        """Check keys (plain, unique) given as (file, line, key); ids are 1, 2, 3 in order."""
        ids: dict[str, int] = {}
        first: dict[str, tuple[str, int | None]] = {}
        for rel, line, key in entries:
            if not key:
                self.problem(rel, line, "key: is empty (every row needs a key)")
            elif not fmt.KEY_PATTERN.match(key):
                self.problem(
                    rel,
                    line,
                    f"key {key!r}: use letters, digits, '-', '_' and '.' only "
                    "(at most 100, starting with a letter or digit)",
                )
            elif key in first:
                where_file, where_line = first[key]
                at = where_file if where_line is None else f"{where_file}, line {where_line}"
                self.problem(rel, line, f"key {key!r} is used twice (first in {at})")
            else:
                first[key] = (rel, line)
            ids.setdefault(key, len(ids) + 1)
        return ids

    def ref(
        self, value: str, ids: dict[str, int], *, what: str, at: tuple[str, int | None], name: str
    ) -> int | None:
        rel, line = at
        value = value.strip()
        if not value:
            return None
        if value not in ids:
            self.problem(rel, line, f"{name}: there is no {what} with the key {value!r}")
            return None
        return ids[value]

    def date(
        self, value: str, precision: str, rel: str, line: int | None, name: str
    ) -> tuple[str | None, str | None]:
        value, precision = value.strip(), precision.strip().lower()
        if not value:
            if precision:
                self.problem(rel, line, f"{name}: a precision ({precision}) but no date")
            return None, None
        if not precision:
            guessed = _SHAPE_PRECISION.get(len(value))
            precision = guessed.value if guessed else "day"
        try:
            parsed = PartialDate.parse(value, precision)
        except ValueError as exc:
            self.problem(rel, line, f"{name}: {exc}")
            return None, None
        return parsed.value, parsed.precision.value

    def integer(self, value: str, rel: str, line: int | None, name: str) -> int | None:
        value = value.strip()
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            self.problem(rel, line, f"{name}: {value!r} is not a whole number")
            return None

    def number(self, value: str, rel: str, line: int | None, name: str) -> float | None:
        text = value.strip()
        if not text:
            self.problem(rel, line, f"{name}: is empty (write the figure, like 613)")
            return None
        try:
            number = float(text)
        except ValueError:
            self.problem(
                rel, line, f"{name}: {text!r} is not a number (write 1275, not 1,275 or words)"
            )
            return None
        if not math.isfinite(number):
            self.problem(rel, line, f"{name}: {text!r} is not a finite number")
            return None
        return number


def _toml_line(text: str, name: str, start: int = 0) -> int | None:
    """The 1-based line where ``name = ...`` is set (a best guess for error messages)."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for number, line in enumerate(text.split("\n"), start=1):
        if number > start and pattern.match(line):
            return number
    return None


def _toml_error(exc: tomllib.TOMLDecodeError, offset: int) -> tuple[int | None, str]:
    message = str(exc)
    match = _TOML_LINE.search(message)
    line = int(match[1]) + offset if match else None
    message = _TOML_LINE.sub(lambda m: f"at line {int(m[1]) + offset}", message)
    return line, f"is not valid TOML: {message}"


def read_source(source_dir: str | Path) -> SourceContent:
    """Parse and check a source folder without writing anything. Raises BuildError."""
    root = Path(source_dir)
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is a file, not a source folder"
        raise BuildError([SourceProblem(str(root), None, what)])
    if not (root / fmt.EXHIBIT_FILE).is_file():
        raise BuildError(
            [
                SourceProblem(
                    str(root), None, f"has no {fmt.EXHIBIT_FILE}: is this an exhibit source folder?"
                )
            ]
        )
    reader = _SourceReader(root)
    content = SourceContent(exhibit={})
    source_ids = _read_exhibit(reader, content)
    media_ids = _read_media(reader, content)
    section_ids = _read_sections(reader, content, source_ids, media_ids)
    _read_events(reader, content, source_ids, media_ids, section_ids)
    _read_statistics(reader, content, source_ids)
    _read_remembrance(reader, content, source_ids)
    _read_people(reader, content, media_ids)
    _read_translations(reader, content)
    if reader.problems:
        raise BuildError(reader.problems)
    return content


def _read_exhibit(r: _SourceReader, content: SourceContent) -> dict[str, int]:
    rel = fmt.EXHIBIT_FILE
    text = r.read_text(rel)
    if text is None:
        return {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = _toml_error(exc, 0)
        r.problem(rel, line, message)
        return {}
    for name in data:
        if name not in (*fmt.EXHIBIT_FIELDS, "sources"):
            r.problem(
                rel,
                _toml_line(text, name),
                f"unknown setting {name!r}; the settings are: "
                f"{', '.join(fmt.EXHIBIT_FIELDS)} and [[sources]]",
            )

    def text_setting(name: str, required: bool = False) -> str:
        raw: object = data.get(name, "")
        if isinstance(raw, int) and not isinstance(raw, bool) and name == "content_version":
            raw = str(raw)
        if not isinstance(raw, str):
            r.problem(rel, _toml_line(text, name), f"{name}: must be text in double quotes")
            return ""
        value = r.clean(raw, rel, _toml_line(text, name), name)
        if required and not value:
            r.problem(rel, _toml_line(text, name), f"{name}: is required")
        return value

    default_locale = text_setting("default_locale", required=True)
    locales_value = data.get("locales", [default_locale])
    if not isinstance(locales_value, list) or not all(isinstance(x, str) for x in locales_value):
        r.problem(rel, _toml_line(text, "locales"), 'locales: write a list like ["en", "az"]')
        locales_value = [default_locale]
    content.exhibit = {
        "id": 1,
        "key": "exhibit",
        "title": text_setting("title"),
        "subtitle": text_setting("subtitle"),
        "default_locale": default_locale,
        "locales": json.dumps([str(x).strip() for x in locales_value], ensure_ascii=False),
        "content_version": text_setting("content_version"),
        "credits": text_setting("credits"),
    }

    sources = data.get("sources", [])
    if not isinstance(sources, list):
        r.problem(rel, _toml_line(text, "sources"), "sources: write each as a [[sources]] table")
        sources = []
    table_lines = [i for i, ln in enumerate(text.split("\n"), 1) if ln.strip() == "[[sources]]"]
    entries: list[tuple[int | None, dict[str, str]]] = []
    for index, item in enumerate(sources):
        line = table_lines[index] if index < len(table_lines) else None
        if not isinstance(item, dict):
            r.problem(rel, line, "sources: each source is a [[sources]] table")
            continue
        row: dict[str, str] = {}
        for name, value in item.items():
            if name not in fmt.SOURCE_FIELDS:
                r.problem(
                    rel,
                    line,
                    f"[[sources]]: unknown setting {name!r} (the settings are key, title, detail)",
                )
            elif not isinstance(value, str):
                r.problem(rel, line, f"[[sources]] {name}: must be text in double quotes")
            else:
                row[name] = r.clean(value, rel, line, name)
        entries.append((line, row))
    ids = r.keys((rel, line, row.get("key", "")) for line, row in entries)
    content.tables["sources"] = [
        {
            "id": ids[row.get("key", "")],
            "key": row.get("key", ""),
            "title": row.get("title", ""),
            "detail": row.get("detail", ""),
        }
        for _line, row in entries
        if row.get("key", "") in ids
    ]
    return ids


def _read_media(r: _SourceReader, content: SourceContent) -> dict[str, int]:
    rel = "media.csv"
    rows = r.read_csv(rel, fmt.CSV_FILES[rel][1])
    ids = r.keys((rel, line, row["key"].strip()) for line, row in rows)
    out: list[dict[str, Any]] = []
    for line, row in rows:
        name = row["file"].strip()
        if not name:
            r.problem(rel, line, "file: is empty (name the image file inside media/)")
            continue
        parts = PurePosixPath(name.replace("\\", "/"))
        if parts.is_absolute() or ".." in parts.parts or ":" in name:
            r.problem(rel, line, f"file {name!r}: must be a file inside the media/ folder")
            continue
        path = r.root / fmt.MEDIA_DIR / Path(*parts.parts)
        try:
            data = path.read_bytes()
        except OSError as exc:
            r.problem(rel, line, f"file {name!r}: cannot be read ({exc.strerror or exc})")
            continue
        try:
            info = sniff(data)
        except ImageError as exc:
            r.problem(f"{fmt.MEDIA_DIR}/{name}", None, str(exc))
            continue
        key = row["key"].strip()
        out.append(
            {
                "id": ids.get(key),
                "key": key,
                "mime": info.mime,
                "data": data,
                "width": info.width,
                "height": info.height,
                "alt": r.clean(row["alt"], rel, line, "alt"),
                "credit": r.clean(row["credit"], rel, line, "credit"),
            }
        )
    content.tables["media"] = out
    return ids


def _read_sections(
    r: _SourceReader,
    content: SourceContent,
    source_ids: dict[str, int],
    media_ids: dict[str, int],
) -> dict[str, int]:
    folder = r.root / fmt.SECTIONS_DIR
    files: list[tuple[int, str]] = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() != ".md" or path.name.startswith("."):
                continue
            match = fmt.SECTION_FILE_PATTERN.match(path.name)
            if not match:
                r.problem(
                    f"{fmt.SECTIONS_DIR}/{path.name}",
                    None,
                    "name a section file by its number and key, like 03-the-attack.md",
                )
                continue
            files.append((int(match[1]), path.name))
    files.sort()
    numbers: dict[int, str] = {}
    parsed: list[tuple[str, int, dict[str, Any], str, dict[str, int | None]]] = []
    for number, name in files:
        rel = f"{fmt.SECTIONS_DIR}/{name}"
        if number in numbers:
            r.problem(rel, None, f"has the same number as {numbers[number]}; renumber one")
            continue
        numbers[number] = name
        result = _parse_section_file(r, rel)
        if result is not None:
            front, body, lines = result
            parsed.append((rel, number, front, body, lines))
    ids = r.keys((p[0], p[4].get("key"), str(p[2].get("key", ""))) for p in parsed)
    out: list[dict[str, Any]] = []
    for rel, number, front, body, lines in parsed:
        key = str(front.get("key", ""))
        sensitive = front.get("sensitive", False)
        if not isinstance(sensitive, bool):
            r.problem(rel, lines.get("sensitive"), "sensitive: write true or false")
            sensitive = False
        out.append(
            {
                "id": ids.get(key),
                "position": number,
                "key": key,
                "title": r.clean(str(front.get("title", "")), rel, lines.get("title"), "title"),
                "body": r.clean(body, rel, None, "the text"),
                "image_id": r.ref(
                    str(front.get("image", "")),
                    media_ids,
                    what="image",
                    at=(rel, lines.get("image")),
                    name="image",
                ),
                "source_id": r.ref(
                    str(front.get("source", "")),
                    source_ids,
                    what="source",
                    at=(rel, lines.get("source")),
                    name="source",
                ),
                "sensitive": int(sensitive),
                "advisory": r.clean(
                    str(front.get("advisory", "")), rel, lines.get("advisory"), "advisory"
                ),
            }
        )
    content.tables["sections"] = out
    return ids


def _parse_section_file(
    r: _SourceReader, rel: str
) -> tuple[dict[str, Any], str, dict[str, int | None]] | None:
    text = r.read_text(rel)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        r.problem(rel, 1, "must start with a line '+++' (the settings come between two)")
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        r.problem(rel, None, "the settings have no closing '+++' line")
        return None
    front_text = "\n".join(lines[1:close])
    try:
        front = tomllib.loads(front_text)
    except tomllib.TOMLDecodeError as exc:
        line, message = _toml_error(exc, 1)
        r.problem(rel, line, message)
        return None
    where: dict[str, int | None] = {}
    for name in fmt.SECTION_FIELDS:
        found = _toml_line(front_text, name)
        where[name] = found + 1 if found else None
    ok = True
    for name, value in front.items():
        if name not in fmt.SECTION_FIELDS:
            r.problem(
                rel,
                where.get(name) or _toml_line(text, name),
                f"unknown setting {name!r}; the settings are: {', '.join(fmt.SECTION_FIELDS)}",
            )
            ok = False
        elif name != "sensitive" and not isinstance(value, str):
            r.problem(rel, where[name], f"{name}: must be text in double quotes")
            ok = False
    if "key" not in front:
        r.problem(rel, 2, 'key: is missing (add a line like key = "the-attack")')
        ok = False
    if not ok:
        return None
    body = "\n".join(lines[close + 1 :])
    return front, body, where


def _read_events(
    r: _SourceReader,
    content: SourceContent,
    source_ids: dict[str, int],
    media_ids: dict[str, int],
    section_ids: dict[str, int],
) -> None:
    rel = "timeline.csv"
    rows = r.read_csv(rel, fmt.CSV_FILES[rel][1])
    ids = r.keys((rel, line, row["key"].strip()) for line, row in rows)
    out: list[dict[str, Any]] = []
    for position, (line, row) in enumerate(rows, start=1):
        start, start_p = r.date(row["start_date"], row["start_precision"], rel, line, "start_date")
        end, end_p = r.date(row["end_date"], row["end_precision"], rel, line, "end_date")
        key = row["key"].strip()
        out.append(
            {
                "id": ids.get(key),
                "position": position,
                "key": key,
                "start_date": start,
                "start_precision": start_p,
                "end_date": end,
                "end_precision": end_p,
                **_texts(r, row, rel, line, ("date_label", "title", "body", "era", "category")),
                "image_id": r.ref(
                    row["image"], media_ids, what="image", at=(rel, line), name="image"
                ),
                "source_id": r.ref(
                    row["source"], source_ids, what="source", at=(rel, line), name="source"
                ),
                "section_id": r.ref(
                    row["section"], section_ids, what="section", at=(rel, line), name="section"
                ),
            }
        )
    content.tables["events"] = out


def _texts(
    r: _SourceReader, row: dict[str, str], rel: str, line: int, names: tuple[str, ...]
) -> dict[str, str]:
    return {name: r.clean(row[name], rel, line, name) for name in names}


def _read_statistics(r: _SourceReader, content: SourceContent, source_ids: dict[str, int]) -> None:
    rel = "statistics.csv"
    rows = r.read_csv(rel, fmt.CSV_FILES[rel][1])
    ids = r.keys((rel, line, row["key"].strip()) for line, row in rows)
    out: list[dict[str, Any]] = []
    for position, (line, row) in enumerate(rows, start=1):
        key = row["key"].strip()
        out.append(
            {
                "id": ids.get(key),
                "position": position,
                "key": key,
                "value": r.number(row["value"], rel, line, "value"),
                **_texts(r, row, rel, line, ("unit", "label", "description")),
                "source_id": r.ref(
                    row["source"], source_ids, what="source", at=(rel, line), name="source"
                ),
                "parent_id": r.ref(
                    row["parent"], ids, what="figure", at=(rel, line), name="parent"
                ),
            }
        )
    content.tables["statistics"] = out


def _read_remembrance(r: _SourceReader, content: SourceContent, source_ids: dict[str, int]) -> None:
    rel = "remembrance.csv"
    rows = r.read_csv(rel, fmt.CSV_FILES[rel][1])
    ids = r.keys((rel, line, row["key"].strip()) for line, row in rows)
    out: list[dict[str, Any]] = []
    for position, (line, row) in enumerate(rows, start=1):
        kind = row["kind"].strip().lower() or "other"
        if kind not in REMEMBRANCE_KINDS:
            r.problem(rel, line, f"kind {kind!r}: use one of {', '.join(REMEMBRANCE_KINDS)}")
        date, precision = r.date(row["date"], row["date_precision"], rel, line, "date")
        key = row["key"].strip()
        out.append(
            {
                "id": ids.get(key),
                "position": position,
                "key": key,
                "kind": kind,
                "date": date,
                "date_precision": precision,
                **_texts(r, row, rel, line, ("date_label", "title", "body")),
                "source_id": r.ref(
                    row["source"], source_ids, what="source", at=(rel, line), name="source"
                ),
            }
        )
    content.tables["remembrance"] = out


def _read_people(r: _SourceReader, content: SourceContent, media_ids: dict[str, int]) -> None:
    rel = "people.csv"
    rows = r.read_csv(rel, fmt.CSV_FILES[rel][1])
    ids = r.keys((rel, line, row["key"].strip()) for line, row in rows)
    out: list[dict[str, Any]] = []
    for line, row in rows:
        birth, birth_p = r.date(row["birth_date"], row["birth_precision"], rel, line, "birth_date")
        death, death_p = r.date(row["death_date"], row["death_precision"], rel, line, "death_date")
        key = row["key"].strip()
        out.append(
            {
                "id": ids.get(key),
                "key": key,
                "name": r.clean(row["name"], rel, line, "name"),
                "birth_date": birth,
                "birth_precision": birth_p,
                "death_date": death,
                "death_precision": death_p,
                "age": r.integer(row["age"], rel, line, "age"),
                **_texts(r, row, rel, line, ("fate", "notes")),
                "photo_id": r.ref(
                    row["photo"], media_ids, what="image", at=(rel, line), name="photo"
                ),
            }
        )
    content.tables["people"] = out


def _read_translations(r: _SourceReader, content: SourceContent) -> None:
    folder = r.root / fmt.TRANSLATIONS_DIR
    out: list[dict[str, Any]] = []
    if not folder.is_dir():
        content.tables["translations"] = out
        return
    keys = {table: {str(row["key"]) for row in rows} for table, rows in content.tables.items()}
    keys["exhibit"] = {"exhibit"}
    default_locale = str(content.exhibit.get("default_locale", ""))
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or path.name.startswith("."):
            continue
        rel = f"{fmt.TRANSLATIONS_DIR}/{path.name}"
        locale = path.stem
        if not fmt.LOCALE_PATTERN.match(locale):
            r.problem(rel, None, "name the file by its language code, like az.csv or ru.csv")
            continue
        if locale == default_locale:
            r.problem(
                rel,
                None,
                f"{locale} is the exhibit's default language: its text goes in the main files",
            )
            continue
        seen: dict[tuple[str, str, str], int] = {}
        for line, row in r.read_csv(rel, fmt.TRANSLATION_COLUMNS):
            table, key, name = row["table"].strip(), row["key"].strip(), row["field"].strip()
            if table not in TRANSLATABLE:
                r.problem(rel, line, f"table {table!r}: use one of {', '.join(TRANSLATABLE)}")
                continue
            if name not in TRANSLATABLE[table]:
                r.problem(
                    rel,
                    line,
                    f"field {name!r}: the {table} texts are {', '.join(TRANSLATABLE[table])}",
                )
                continue
            if key not in keys.get(table, set()):
                r.problem(rel, line, f"key {key!r}: there is no {table} row with that key")
                continue
            if (table, key, name) in seen:
                r.problem(
                    rel,
                    line,
                    f"{table} {key} {name}: translated twice (first on line "
                    f"{seen[(table, key, name)]})",
                )
                continue
            seen[(table, key, name)] = line
            out.append(
                {
                    "tbl": table,
                    "key": key,
                    "field": name,
                    "locale": locale,
                    "text": r.clean(row["text"], rel, line, "text"),
                }
            )
    content.tables["translations"] = out


# == writing a bundle ============================================================================

# The schema lists its tables so that each one's references come before it.
_INSERT_ORDER = tuple(t for t in CONTENT_TABLES if t != "exhibit")


def build(source_dir: str | Path, bundle: str | Path) -> BuildResult:
    """Build ``bundle`` from the source folder. Raises BuildError (nothing written) or OSError."""
    content = read_source(source_dir)
    return write_bundle(content, bundle)


def write_bundle(content: SourceContent, bundle: str | Path) -> BuildResult:
    """Write parsed content to ``bundle`` through a temporary file and an atomic rename."""
    target = Path(bundle)
    if target.is_dir():
        raise BuildError([SourceProblem(str(target), None, "is a folder; give a bundle file name")])
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target, "building")  # left by a build that was killed
    tmp = temp_name(target, "building")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite_utils.Database(tmp)
        try:
            # A bundle is one file: rollback-journal mode, never WAL (readers refuse WAL).
            db.execute("PRAGMA journal_mode = DELETE")
            create_or_migrate(db)
            conn = db.conn
            with conn:
                _insert(conn, "exhibit", [content.exhibit])
                for table in _INSERT_ORDER:
                    _insert(conn, table, content.tables.get(table, []))
                conn.execute(
                    "UPDATE _sqlite_migrations SET applied_at = ?", (REPRODUCIBLE_APPLIED_AT,)
                )
            conn.execute("VACUUM")
        finally:
            db.close()
        _fsync(tmp)
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    counts = {table: len(content.tables.get(table, [])) for table in _INSERT_ORDER}
    return BuildResult(target, counts)


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    conn.executemany(sql, ([row[c] for c in columns] for row in rows))


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


# == exporting a bundle ==========================================================================


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return fmt.number_text(value)


def _ref_key(value: Any, keys: dict[Any, str]) -> str:
    if value is None or value == "":
        return ""
    return keys.get(value, f"#{value}")


def export(bundle: str | Path, out_dir: str | Path) -> list[Path]:
    """Write ``bundle`` as a source folder at ``out_dir`` (new or empty). Returns the files.

    Raises BundleError when the bundle cannot be read, ExportError when the folder is not
    usable. The folder is filled through a temporary sibling folder, so a failed export
    leaves nothing half-written.
    """
    check_readable(bundle)
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out}: exists and is not an empty folder; export into a new folder")
    conn = open_bundle(bundle)
    try:
        _check_row_limits(bundle, conn)
        files = _export_files(conn)
    except sqlite3.Error as exc:
        raise BundleError(f"{bundle}: the bundle is damaged or incomplete ({exc})") from None
    except MemoryError:
        raise BundleError(f"{bundle}: holds more than this computer can export") from None
    finally:
        conn.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.exporting")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        written = []
        for rel, data in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(out / rel)
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return written


def _check_row_limits(bundle: str | Path, conn: sqlite3.Connection) -> None:
    """Refuse (BundleError) a bundle with a table over its row limit: export holds the whole
    exhibit in memory, so it only takes what ``validate`` would let a kiosk take."""
    for table in CONTENT_TABLES:
        count = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if count > MAX_ROWS[table] and table != "exhibit":
            raise BundleError(
                f"{bundle}: {table} has {count:,} rows; the limit is {MAX_ROWS[table]:,}, "
                "so it is not exported"
            )


def _rows(conn: sqlite3.Connection, table: str, order: str = "") -> list[dict[str, Any]]:
    # The schema's columns by name, never `*` (check_readable refused anything extra).
    cursor = conn.execute(f"SELECT {', '.join(table_columns(table))} FROM {table} {order}")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _key_map(rows: list[dict[str, Any]]) -> dict[Any, str]:
    return {row.get("id"): _s(row.get("key")) for row in rows if row.get("id") is not None}


def _export_files(conn: sqlite3.Connection) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    exhibit_rows = _rows(conn, "exhibit", "ORDER BY id LIMIT 1")
    sources = _rows(conn, "sources", "ORDER BY id")
    media = _rows(conn, "media", "ORDER BY id")
    sections = _rows(conn, "sections", "ORDER BY position, id")
    events = _rows(conn, "events", "ORDER BY position, id")
    statistics = _rows(conn, "statistics", "ORDER BY position, id")
    remembrance = _rows(conn, "remembrance", "ORDER BY position, id")
    people = _rows(conn, "people", "ORDER BY id")
    translations = _rows(conn, "translations")

    source_keys, media_keys = _key_map(sources), _key_map(media)
    section_keys, statistic_keys = _key_map(sections), _key_map(statistics)
    exhibit = exhibit_rows[0] if exhibit_rows else {}

    files[fmt.EXHIBIT_FILE] = _exhibit_toml(exhibit, sources).encode("utf-8")

    positions = [row.get("position") for row in sections]
    use_positions = all(
        isinstance(p, int) and not isinstance(p, bool) and 0 < p < 1_000_000 for p in positions
    ) and len(set(positions)) == len(positions)
    for ordinal, row in enumerate(sections, start=1):
        number = row["position"] if use_positions else ordinal
        stem = fmt.safe_file_stem(_s(row.get("key")), "section")
        files[f"{fmt.SECTIONS_DIR}/{number:02d}-{stem}.md"] = _section_md(
            row, source_keys, media_keys
        ).encode("utf-8")

    media_rows, used_names = [], set()
    for row in media:
        data = row.get("data")
        blob = data if isinstance(data, bytes) else _s(data).encode("utf-8")
        try:
            ext = MIME_EXTENSIONS[sniff(blob).mime]
        except ImageError:
            ext = MIME_EXTENSIONS.get(_s(row.get("mime")), "bin")
        stem = fmt.safe_file_stem(_s(row.get("key")), "image")
        name, n = f"{stem}.{ext}", 1
        while name.lower() in used_names:
            n += 1
            name = f"{stem}-{n}.{ext}"
        used_names.add(name.lower())
        files[f"{fmt.MEDIA_DIR}/{name}"] = blob
        media_rows.append([_s(row.get("key")), name, _s(row.get("alt")), _s(row.get("credit"))])

    def csv_file(name: str, rows: list[list[str]]) -> None:
        files[name] = fmt.csv_text(fmt.CSV_FILES[name][1], rows).encode("utf-8")

    csv_file("media.csv", media_rows)
    csv_file(
        "timeline.csv",
        [
            [
                _s(e.get("key")),
                _s(e.get("start_date")),
                _s(e.get("start_precision")),
                _s(e.get("end_date")),
                _s(e.get("end_precision")),
                _s(e.get("date_label")),
                _s(e.get("title")),
                _s(e.get("body")),
                _s(e.get("era")),
                _s(e.get("category")),
                _ref_key(e.get("image_id"), media_keys),
                _ref_key(e.get("source_id"), source_keys),
                _ref_key(e.get("section_id"), section_keys),
            ]
            for e in events
        ],
    )
    csv_file(
        "statistics.csv",
        [
            [
                _s(s.get("key")),
                fmt.number_text(s.get("value")),
                _s(s.get("unit")),
                _s(s.get("label")),
                _s(s.get("description")),
                _ref_key(s.get("source_id"), source_keys),
                _ref_key(s.get("parent_id"), statistic_keys),
            ]
            for s in statistics
        ],
    )
    csv_file(
        "remembrance.csv",
        [
            [
                _s(m.get("key")),
                _s(m.get("kind")),
                _s(m.get("date")),
                _s(m.get("date_precision")),
                _s(m.get("date_label")),
                _s(m.get("title")),
                _s(m.get("body")),
                _ref_key(m.get("source_id"), source_keys),
            ]
            for m in remembrance
        ],
    )
    csv_file(
        "people.csv",
        [
            [
                _s(p.get("key")),
                _s(p.get("name")),
                _s(p.get("birth_date")),
                _s(p.get("birth_precision")),
                _s(p.get("death_date")),
                _s(p.get("death_precision")),
                _s(p.get("age")),
                _s(p.get("fate")),
                _s(p.get("notes")),
                _ref_key(p.get("photo_id"), media_keys),
            ]
            for p in people
        ],
    )
    order = {
        "exhibit": [_s(exhibit.get("key")) or "exhibit"],
        "sources": [_s(r.get("key")) for r in sources],
        "media": [_s(r.get("key")) for r in media],
        "sections": [_s(r.get("key")) for r in sections],
        "events": [_s(r.get("key")) for r in events],
        "statistics": [_s(r.get("key")) for r in statistics],
        "remembrance": [_s(r.get("key")) for r in remembrance],
        "people": [_s(r.get("key")) for r in people],
    }
    files.update(_translation_files(translations, order))
    return files


def _exhibit_toml(exhibit: dict[str, Any], sources: list[dict[str, Any]]) -> str:
    locales_value = json_list(_s(exhibit.get("locales")) or "[]")
    values: dict[str, str | list[str]] = {
        "title": _s(exhibit.get("title")),
        "subtitle": _s(exhibit.get("subtitle")),
        "default_locale": _s(exhibit.get("default_locale")),
        "locales": [_s(x) for x in locales_value],
        "content_version": _s(exhibit.get("content_version")),
        "credits": _s(exhibit.get("credits")),
    }
    lines = [fmt.EXHIBIT_HEADER, "\n"]
    lines.extend(f"{name} = {fmt.toml_value(values[name])}\n" for name in fmt.EXHIBIT_FIELDS)
    for source in sources:
        lines.append("\n[[sources]]\n")
        lines.extend(
            f"{name} = {fmt.toml_value(_s(source.get(name)))}\n" for name in fmt.SOURCE_FIELDS
        )
    return "".join(lines)


def _section_md(
    row: dict[str, Any], source_keys: dict[Any, str], media_keys: dict[Any, str]
) -> str:
    sensitive = row.get("sensitive")
    values: dict[str, str | bool] = {
        "key": _s(row.get("key")),
        "title": _s(row.get("title")),
        "source": _ref_key(row.get("source_id"), source_keys),
        "sensitive": isinstance(sensitive, int | float) and bool(sensitive),
        "advisory": _s(row.get("advisory")),
        "image": _ref_key(row.get("image_id"), media_keys),
    }
    front = "".join(f"{name} = {fmt.toml_value(values[name])}\n" for name in fmt.SECTION_FIELDS)
    return f"+++\n{front}+++\n\n{_s(row.get('body'))}\n"


def _translation_files(rows: list[dict[str, Any]], order: dict[str, list[str]]) -> dict[str, bytes]:
    tables = list(TRANSLATABLE)
    position = {table: {key: i for i, key in enumerate(keys)} for table, keys in order.items()}

    def sort_key(row: dict[str, Any]) -> tuple[int, int, str, int, str]:
        table, key, name = _s(row.get("tbl")), _s(row.get("key")), _s(row.get("field"))
        fields = TRANSLATABLE.get(table, ())
        return (
            tables.index(table) if table in tables else len(tables),
            position.get(table, {}).get(key, 1 << 30),
            key,
            fields.index(name) if name in fields else len(fields),
            name,
        )

    by_locale: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_locale.setdefault(_s(row.get("locale")), []).append(row)
    files: dict[str, bytes] = {}
    for locale, locale_rows in sorted(by_locale.items()):
        stem = locale if fmt.LOCALE_PATTERN.match(locale) else fmt.safe_file_stem(locale, "xx")
        lines = [
            [_s(r.get("tbl")), _s(r.get("key")), _s(r.get("field")), _s(r.get("text"))]
            for r in sorted(locale_rows, key=sort_key)
        ]
        name, n = f"{fmt.TRANSLATIONS_DIR}/{stem}.csv", 1
        while name in files:
            n += 1
            name = f"{fmt.TRANSLATIONS_DIR}/{stem}-{n}.csv"
        files[name] = fmt.csv_text(fmt.TRANSLATION_COLUMNS, lines).encode("utf-8")
    return files
