"""Read a whole source folder into rows for the bundle's tables (``read_source``).

The CSV tables are read by their descriptions (``tables``); what is read by hand is what has a
shape of its own: exhibit.toml with its [[sources]] (in ``exhibit``), and here the section
files (TOML front matter and a text), the image files behind media.csv, and the translation
files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.images import ImageError, sniff
from kiosk.content.source.exhibit import read_exhibit
from kiosk.content.source.files import (
    BuildError,
    SourceContent,
    SourceProblem,
    SourceReader,
    toml_line,
)
from kiosk.content.tables import TABLES, TRANSLATABLE


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
    reader = SourceReader(root)
    content = SourceContent(exhibit={})
    ids: dict[str, dict[str, int]] = {}  # table -> key -> id, for references
    ids["sources"] = read_exhibit(reader, content)
    ids["media"] = _read_media(reader, content)
    ids["sections"] = _read_sections(reader, content, ids)
    for table in TABLES:
        if table.source in fmt.CSV_FILES and table.name != "media":
            _read_table(reader, content, table, ids)
    _read_translations(reader, content)
    if reader.problems:
        raise BuildError(reader.problems)
    return content


def media_file(root: Path, name: str) -> Path | None:
    """The file that media.csv's ``file`` value ``name`` names in ``root``'s media/ folder
    (subfolders allowed, either slash), or None when it would lie outside it (empty,
    absolute, ``..``, a drive). The build and the studio read images by this one rule."""
    parts = PurePosixPath(name.replace("\\", "/"))
    if not name or parts.is_absolute() or ".." in parts.parts or ":" in name:
        return None
    return root / fmt.MEDIA_DIR / Path(*parts.parts)


def _read_media(r: SourceReader, content: SourceContent) -> dict[str, int]:
    table = tables.table("media")
    rel = table.source
    rows = r.read_csv(rel, table.source_columns)
    ids = r.keys((rel, line, row["key"].strip()) for line, row in rows)
    out: list[dict[str, Any]] = []
    for line, row in rows:
        name = row["file"].strip()
        if not name:
            r.problem(rel, line, "file: is empty (name the image file inside media/)")
            continue
        path = media_file(r.root, name)
        if path is None:
            r.problem(rel, line, f"file {name!r}: must be a file inside the media/ folder")
            continue
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
        values = r.row(table, row, rel, line, {})
        out.append(
            {
                "id": ids.get(values["key"]),
                "mime": info.mime,
                "data": data,
                "width": info.width,
                "height": info.height,
                **values,
            }
        )
    content.tables["media"] = out
    return ids


def _read_sections(
    r: SourceReader,
    content: SourceContent,
    ids: dict[str, dict[str, int]],
) -> dict[str, int]:
    files, misnamed = section_files(r.root)
    for rel in misnamed:
        r.problem(rel, None, "name a section file by its number and key, like 03-the-attack.md")
    numbers: dict[int, str] = {}
    parsed: list[tuple[str, int, dict[str, Any], str, dict[str, int | None]]] = []
    for number, name in files:
        rel = f"{fmt.SECTIONS_DIR}/{name}"
        if number in numbers:
            r.problem(rel, None, f"has the same number as {numbers[number]}; renumber one")
            continue
        numbers[number] = name
        result = _check_section_file(r, rel)
        if result is not None:
            front, body, lines = result
            parsed.append((rel, number, front, body, lines))
    table = tables.table("sections")
    section_ids = r.keys((p[0], p[4].get("key"), str(p[2].get("key", ""))) for p in parsed)
    out: list[dict[str, Any]] = []
    for rel, number, front, body, lines in parsed:
        values = r.row(table, front, rel, lines, ids)
        values["body"] = r.clean(body, rel, None, "the text")
        out.append({"id": section_ids.get(values["key"]), "position": number, **values})
    content.tables["sections"] = out
    return section_ids


def visible_files(folder: Path, suffix: str) -> list[Path]:
    """The files in ``folder`` ending in ``suffix`` (any case), by name; hidden ones (a
    leading '.') are not the curator's. None when there is no such folder."""
    if not folder.is_dir():
        return []
    return [
        path
        for path in sorted(folder.iterdir())
        if path.suffix.lower() == suffix and not path.name.startswith(".")
    ]


def section_files(root: Path) -> tuple[list[tuple[int, str]], list[str]]:
    """A source folder's section files as (number, file name), in number order; and the
    .md files there not named like one (``sections/NAME``), by name."""
    found: list[tuple[int, str]] = []
    misnamed: list[str] = []
    for path in visible_files(root / fmt.SECTIONS_DIR, ".md"):
        match = fmt.SECTION_FILE_PATTERN.match(path.name)
        if match:
            found.append((int(match[1]), path.name))
        else:
            misnamed.append(f"{fmt.SECTIONS_DIR}/{path.name}")
    return sorted(found), misnamed


@dataclass(frozen=True, slots=True)
class SectionFile:
    """A section file split in two: its settings (TOML between two '+++' lines) and its text."""

    text: str  # the whole file
    settings: str  # the TOML between the '+++' lines (its line 1 is the file's line 2)
    front: dict[str, Any]  # the settings as read
    body: str  # everything after the closing '+++', as written


def parse_section(r: SourceReader, rel: str) -> SectionFile | None:
    """Read and split the section file ``rel``; None, with a problem naming the line, when it
    cannot be read, has no '+++' lines around its settings or they are not valid TOML. The
    settings themselves are not checked here (``read_source`` does that)."""
    text = r.read_text(rel)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        r.problem(rel, 1, "must start with a line '+++' (the settings come between two)")
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if close is None:
        r.problem(rel, None, "the settings have no closing '+++' line")
        return None
    settings = "\n".join(lines[1:close])
    front = r.toml(rel, settings, 1)
    if front is None:
        return None
    return SectionFile(text, settings, front, "\n".join(lines[close + 1 :]))


def _check_section_file(
    r: SourceReader, rel: str
) -> tuple[dict[str, Any], str, dict[str, int | None]] | None:
    """A section file's settings (checked: known, text where text is due, a key), its text,
    and the line of each setting."""
    parsed = parse_section(r, rel)
    if parsed is None:
        return None
    front = parsed.front
    where: dict[str, int | None] = {}
    for name in fmt.SECTION_FIELDS:
        found = toml_line(parsed.settings, name)
        where[name] = found + 1 if found else None
    ok = True
    for name, value in front.items():
        if name not in fmt.SECTION_FIELDS:
            r.problem(
                rel,
                where.get(name) or toml_line(parsed.text, name),
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
    return front, parsed.body, where


def _read_table(
    r: SourceReader, content: SourceContent, table: tables.Table, ids: dict[str, dict[str, int]]
) -> None:
    """A CSV table read by its description: one row a line, in display order."""
    rel = table.source
    rows = r.read_csv(rel, table.source_columns)
    keyed = "key" in table.names
    if keyed:
        ids[table.name] = r.keys((rel, line, row["key"].strip()) for line, row in rows)
    out: list[dict[str, Any]] = []
    for position, (line, row) in enumerate(rows, start=1):
        values = r.row(table, row, rel, line, ids)
        if "position" in table.names:
            values["position"] = position
        ident = ids[table.name].get(values["key"]) if keyed else position
        out.append({"id": ident, **values})
    content.tables[table.name] = out


def _read_translations(r: SourceReader, content: SourceContent) -> None:
    out: list[dict[str, Any]] = []
    keys = {
        table: {str(row["key"]) for row in rows if "key" in row}
        for table, rows in content.tables.items()
        if table in TRANSLATABLE
    }
    keys["exhibit"] = {"exhibit"}
    default_locale = str(content.exhibit.get("default_locale", ""))
    for path in visible_files(r.root / fmt.TRANSLATIONS_DIR, ".csv"):
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
