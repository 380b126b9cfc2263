"""The editable source format's layout, and the writers it needs (TOML through tomlkit, CSV).

docs/content-format.md describes the format for curators. File names and column orders come
from the table descriptions (``tables``); this module names the folders and holds the
writers the build and the export share.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Final

import tomlkit
from tomlkit.items import Item, String, StringType, Trivia

from kiosk.content.fileio import LANGUAGE_CODE
from kiosk.content.tables import TABLES, table

EXHIBIT_FILE: Final = "exhibit.toml"
SECTIONS_DIR: Final = "sections"
MEDIA_DIR: Final = "media"
TRANSLATIONS_DIR: Final = "translations"

EXHIBIT_FIELDS: Final = table("exhibit").source_columns
SOURCE_FIELDS: Final = table("sources").source_columns
# exhibit.toml's table of each translation's review status: [review] az = "draft".
REVIEW_TABLE: Final = "review"
REVIEW_COMMENT: Final = (
    "How far each translation has come: draft, machine or reviewed (docs/content-format.md)."
)
SECTION_FIELDS: Final = table("sections").source_columns

# CSV file -> (bundle table, columns in file order). Row order in the file is the position.
# (translations/LL.csv, one file per language, has its own reader.)
CSV_FILES: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    t.source: (t.name, t.source_columns)
    for t in TABLES
    if t.source.endswith(".csv") and "/" not in t.source
}
TRANSLATION_COLUMNS: Final = table("translations").source_columns

# Keys name rows across files (a timeline event's section, a figure's parent) and may become
# file names, so they are plain: letters, digits, '-', '_' and '.', starting with a letter or
# digit.
KEY_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
LOCALE_PATTERN: Final = LANGUAGE_CODE
SECTION_FILE_PATTERN: Final = re.compile(r"^(\d{1,6})-(.*)\.md$")

EXHIBIT_HEADER: Final = (
    "# The exhibit: its title, languages and sources.\n"
    "# Every file in this folder is described in docs/content-format.md. After editing, run\n"
    "#   kiosk-content build SOURCE_FOLDER -o BUNDLE\n"
    "# and then kiosk-content validate BUNDLE.\n"
)


def toml_item(value: str | bool | list[str]) -> Item:
    """``value`` as a TOML item (tomlkit): a literal block for readable multi-line text."""
    if isinstance(value, str) and "\n" in value and _literal_block_ok(value):
        # The block starts on a line of its own; TOML drops that first newline.
        return String(StringType.MLL, value, "\n" + value, Trivia())
    return tomlkit.item(value)


def toml_string(text: str) -> str:
    """``text`` as a TOML string: a literal block for readable multi-line text, else quoted."""
    return toml_item(text).as_string()


def _literal_block_ok(text: str) -> bool:
    if "'''" in text or text.endswith("'"):
        return False
    return not any((ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7F for c in text)


def toml_text(
    values: dict[str, str | bool | list[str]],
    *,
    header: str = "",
    table: tuple[str, dict[str, str], str] | None = None,
    tables: tuple[str, list[dict[str, str]]] | None = None,
) -> str:
    """A TOML file: ``header`` (comment lines), the ``values``, a ``table`` (name, its values,
    a comment line under its heading; left out when it has no values), then an array of tables
    (``[[name]]`` blocks), each key in the order given."""
    doc = tomlkit.document()
    for line in header.splitlines():
        doc.add(tomlkit.comment(line.removeprefix("#").removeprefix(" ")))
    if header:
        doc.add(tomlkit.nl())
    for name, value in values.items():
        doc.add(name, toml_item(value))
    if table is not None and table[1]:
        block = tomlkit.table()
        if table[2]:
            block.add(tomlkit.comment(table[2]))
        for name, text in table[1].items():
            block.add(name, toml_item(text))
        doc.add(table[0], block)
    if tables is not None and tables[1]:
        blocks = tomlkit.aot()
        for row in tables[1]:
            block = tomlkit.table()
            for name, text in row.items():
                block.add(name, toml_item(text))
            blocks.append(block)
        doc.add(tables[0], blocks)
    return tomlkit.dumps(doc)


def csv_text(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    """A CSV file's text: header then rows, '\\n' line ends, quoting only where needed."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def number_text(value: object) -> str:
    """A figure's value as written in statistics.csv: ``613``, ``2.5``."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def safe_file_stem(key: str, fallback: str) -> str:
    """A file name stem made from a row key, safe on every file system."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip(".-_")[:60]
    if not stem:
        return fallback
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        return f"{fallback}-{stem}"
    return stem


_WINDOWS_RESERVED: Final = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(10)] + [f"LPT{i}" for i in range(10)]
)
