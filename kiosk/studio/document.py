"""The exhibit's editable source folder as the studio holds it: rows of text, not of ids.

``SourceDocument`` is the folder's content at the level a curator edits it (the level of
docs/content-format.md): keys, not ids; dates as written with their precision; a section's
settings and its text. It imports no Qt, so it is tested, saved and recovered without a display.

* ``kiosk.studio.folder.load(folder)`` reads a folder into one (what it can, saying what it
  could not); ``folder.save`` writes one back (only what changed).
* ``render()`` writes the document back as the folder's files with the content layer's own
  writers (``formats.toml_text`` / ``csv_text``, in the form and order ``export`` writes:
  ``review_order``, ``translation_order``): for a folder in canonical form
  (tests/studio/test_document.py checks the default exhibit and a synthetic one),
  ``render(load(folder))`` is the folder byte for byte.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.source.export import review_order, translation_order

SECTIONS: Final = "sections"
SOURCES: Final = "sources"
EXHIBIT: Final = "exhibit"
LOCALES: Final = "locales"  # each translation's review status: [review] in exhibit.toml
TRANSLATIONS: Final = "translations"

# A row's own bookkeeping, never written as a column: a section's number (its file's NN) and
# the file it was read from (so a renamed or renumbered section replaces its old file).
NUMBER: Final = "_number"
ORIGIN: Final = "_file"

TranslationKey = tuple[str, str, str]  # (table, key, field)


def csv_tables() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Bundle table -> (CSV file, its columns), for every table kept in a CSV file of its own
    (read from the table descriptions: a new table appears here by itself)."""
    return {name: (rel, columns) for rel, (name, columns) in fmt.CSV_FILES.items()}


def editable_tables() -> tuple[str, ...]:
    """Every table a curator edits as rows: sources, sections and the CSV tables, in the
    descriptions' order (the exhibit and the translations have views of their own)."""
    csvs = csv_tables()
    return tuple(t.name for t in tables.TABLES if t.name in (SOURCES, SECTIONS) or t.name in csvs)


def source_columns(table: str) -> tuple[str, ...]:
    """The columns (settings) a row of ``table`` has in the source, in file order."""
    if table == SECTIONS:
        return (*fmt.SECTION_FIELDS, "body")
    return tables.table(table).source_columns


def blank_row(table: str) -> dict[str, Any]:
    """A new, empty row of ``table`` (a section's ``sensitive`` is a boolean)."""
    row: dict[str, Any] = dict.fromkeys(source_columns(table), "")
    if table == SECTIONS:
        row["sensitive"] = False
    return row


@dataclass
class SourceDocument:
    """An exhibit's source folder, as rows of text (see the module's docstring)."""

    exhibit: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    media_files: dict[str, bytes] = field(default_factory=dict)
    translations: dict[str, dict[TranslationKey, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in editable_tables():
            self.rows.setdefault(name, [])
        for name in fmt.EXHIBIT_FIELDS:
            self.exhibit.setdefault(name, [] if name == "locales" else "")

    def clone(self) -> SourceDocument:
        return copy.deepcopy(self)

    # -- reading ---------------------------------------------------------------------------
    def table(self, name: str) -> list[dict[str, Any]]:
        return self.rows.setdefault(name, [])

    def keys(self, name: str) -> list[str]:
        return [str(r.get("key", "")) for r in self.table(name)]

    def index_of(self, name: str, key: str) -> int:
        """The row of ``name`` with ``key`` (-1 when there is none)."""
        for i, row in enumerate(self.table(name)):
            if str(row.get("key", "")) == key:
                return i
        return -1

    @property
    def default_locale(self) -> str:
        return str(self.exhibit.get("default_locale", ""))

    @property
    def locales(self) -> list[str]:
        value = self.exhibit.get("locales") or []
        return [str(x) for x in value] if isinstance(value, list) else []

    def other_locales(self) -> list[str]:
        """The languages besides the default: those in ``locales`` and those with a file."""
        found = [c for c in self.locales if c != self.default_locale]
        found += [c for c in sorted(self.translations) if c not in found]
        return found

    def translatable(self) -> Iterator[tuple[str, str, str, str]]:
        """Every visitor text in the default language: (table, key, field, text)."""
        for name in tables.TRANSLATABLE[EXHIBIT]:
            yield EXHIBIT, EXHIBIT, name, str(self.exhibit.get(name, ""))
        for source in self.table(SOURCES):
            for name in tables.TRANSLATABLE[SOURCES]:
                yield SOURCES, str(source.get("key", "")), name, str(source.get(name, ""))
        for table_name in editable_tables():
            if table_name == SOURCES:
                continue
            names = tables.TRANSLATABLE.get(table_name, ())
            for row in self.table(table_name):
                for name in names:
                    yield table_name, str(row.get("key", "")), name, str(row.get(name, ""))

    # -- writing ---------------------------------------------------------------------------
    def section_file(self, row: dict[str, Any]) -> str:
        number = row.get(NUMBER)
        if not isinstance(number, int):
            number = self.table(SECTIONS).index(row) + 1 if row in self.table(SECTIONS) else 0
        stem = fmt.safe_file_stem(str(row.get("key", "")), "section")
        return f"{fmt.SECTIONS_DIR}/{number:02d}-{stem}.md"

    def next_section_number(self) -> int:
        numbers = [r.get(NUMBER) for r in self.table(SECTIONS)]
        return max((n for n in numbers if isinstance(n, int)), default=0) + 1

    def render(self) -> Rendering:
        """The folder's files (relative path -> bytes) and where each row landed in them."""
        out = Rendering()
        out.files[fmt.EXHIBIT_FILE] = self._exhibit_toml(out).encode("utf-8")
        for index, row in enumerate(self.table(SECTIONS)):
            rel = self.section_file(row)
            values: dict[str, str | bool | list[str]] = {}
            for name in fmt.SECTION_FIELDS:
                value = row.get(name, "")
                values[name] = value is True if name == "sensitive" else as_text(value)
            text = f"+++\n{fmt.toml_text(values)}+++\n\n{as_text(row.get('body'))}\n"
            out.files[rel] = text.encode("utf-8")
            out.where[rel] = [(1, SECTIONS, index)]
        for table_name, (rel, columns) in csv_tables().items():
            rows = self.table(table_name)
            out.files[rel] = fmt.csv_text(
                columns, [[as_text(r.get(c)) for c in columns] for r in rows]
            ).encode("utf-8")
            line = 2
            spans: list[tuple[int, str, int]] = []
            for index, row in enumerate(rows):
                spans.append((line, table_name, index))
                one = fmt.csv_text(columns, [[as_text(row.get(c)) for c in columns]])
                line += one.count("\n") - 1
            out.where[rel] = spans
        for name, data in self.media_files.items():
            out.files[f"{fmt.MEDIA_DIR}/{name}"] = data
        out.files.update(self._translation_files())
        return out

    def _exhibit_toml(self, out: Rendering) -> str:
        values: dict[str, str | bool | list[str]] = {}
        for name in fmt.EXHIBIT_FIELDS:
            value = self.exhibit.get(name, "")
            values[name] = [str(x) for x in value] if name == "locales" else as_text(value)
        if not isinstance(values.get("locales"), list):
            values["locales"] = []
        sources = [{n: as_text(s.get(n)) for n in fmt.SOURCE_FIELDS} for s in self.table(SOURCES)]
        # [review]: each translation's review status, in the order of `locales` (as export).
        codes = [str(c) for c in values["locales"]] if isinstance(values["locales"], list) else []
        review = review_order(
            [(as_text(r.get("locale")), as_text(r.get("review"))) for r in self.table(LOCALES)],
            codes,
        )
        text = fmt.toml_text(
            values,
            header=fmt.EXHIBIT_HEADER,
            table=(fmt.REVIEW_TABLE, review, fmt.REVIEW_COMMENT),
            tables=(SOURCES, sources),
        )
        spans: list[tuple[int, str, int]] = [(1, EXHIBIT, 0)]
        blocks = [i for i, ln in enumerate(text.split("\n"), 1) if ln.strip() == "[[sources]]"]
        spans += [(line, SOURCES, index) for index, line in enumerate(blocks)]
        out.where[fmt.EXHIBIT_FILE] = spans
        return text

    def _translation_files(self) -> dict[str, bytes]:
        """translations/LL.csv, in the order export writes them (table, row, field)."""
        order = {name: self.keys(name) for name in tables.TRANSLATABLE}
        order[EXHIBIT] = [EXHIBIT]
        by_line = translation_order(order)

        def sort_key(item: tuple[TranslationKey, str]) -> tuple[int, int, str, int, str, str]:
            return by_line(item[0])

        files: dict[str, bytes] = {}
        for locale, texts in sorted(self.translations.items()):
            lines = [[t, k, f, text] for (t, k, f), text in sorted(texts.items(), key=sort_key)]
            rel = f"{fmt.TRANSLATIONS_DIR}/{locale}.csv"
            files[rel] = fmt.csv_text(fmt.TRANSLATION_COLUMNS, lines).encode("utf-8")
        return files


@dataclass
class Rendering:
    """A rendered document: its files, and for each file the rows in it as
    (first line, table, row index) in order (a problem's line names its row)."""

    files: dict[str, bytes] = field(default_factory=dict)
    where: dict[str, list[tuple[int, str, int]]] = field(default_factory=dict)

    def row_at(self, rel: str, line: int | None) -> tuple[str, int] | None:
        """(table, row index) of the row on ``line`` of ``rel`` (None when not a row's)."""
        spans = self.where.get(rel)
        if not spans:
            return None
        if line is None:
            return (spans[0][1], spans[0][2]) if len(spans) == 1 else None
        found = None
        for first, table, index in spans:
            if first <= line:
                found = (table, index)
        return found


def as_text(value: object) -> str:
    """A cell as the source writes it (None is empty; a boolean is true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
