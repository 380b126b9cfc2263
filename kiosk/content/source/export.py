"""Write a bundle back as an editable source folder (``export``): the folder's canonical form.

The CSV files are written by the tables' descriptions (``tables``): a reference becomes the
key of the row it points at, a number its shortest text. Build, export, build is lossless.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.fileio import json_list, lenient_text
from kiosk.content.images import MIME_EXTENSIONS, ImageError, sniff
from kiosk.content.limits import MAX_ROWS
from kiosk.content.reader import BundleError, check_readable, open_bundle
from kiosk.content.schema import CONTENT_TABLES, table_columns, tables_at
from kiosk.content.tables import TABLES, TRANSLATABLE, Table


class ExportError(Exception):
    """The bundle cannot be exported to that folder. The message is meant for a curator."""


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return lenient_text(value)
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
    for table in tables_at(_version(conn)):
        count = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if count > MAX_ROWS[table] and table != "exhibit":
            raise BundleError(
                f"{bundle}: {table} has {count:,} rows; the limit is {MAX_ROWS[table]:,}, "
                "so it is not exported"
            )


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _rows(conn: sqlite3.Connection, table: str, order: str = "") -> list[dict[str, Any]]:
    # The schema's columns by name, never `*` (check_readable refused anything extra). An
    # older bundle's missing tables have no rows, its missing columns are empty.
    columns = table_columns(table, _version(conn))
    if not columns:
        return []
    cursor = conn.execute(f"SELECT {', '.join(columns)} FROM {table} {order}")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _key_map(rows: list[dict[str, Any]]) -> dict[Any, str]:
    return {row.get("id"): _s(row.get("key")) for row in rows if row.get("id") is not None}


def _cell(table: Table, name: str, row: dict[str, Any], keys: dict[str, dict[Any, str]]) -> Any:
    """The value of source column ``name`` for a bundle row (a text, or a bool for TOML)."""
    column = table.source_column(name)
    if column is None:
        raise KeyError(f"{table.name}: {name} is the table's own to write")
    value = row.get(column.name)
    if column.references:
        return _ref_key(value, keys[column.references])
    if column.boolean:
        return isinstance(value, int | float) and bool(value)
    return _s(value)


def _csv(value: Any) -> str:
    """A cell of a CSV file: a bool is written true or false, as it is read."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _export_files(conn: sqlite3.Connection) -> dict[str, bytes]:
    rows = {t.name: _rows(conn, t.name, f"ORDER BY {t.order}" if t.order else "") for t in TABLES}
    keys = {c.references: _key_map(rows[c.references]) for t in TABLES for c in t.references}
    exhibit = rows["exhibit"][0] if rows["exhibit"] else {}
    files: dict[str, bytes] = {
        fmt.EXHIBIT_FILE: _exhibit_toml(exhibit, rows["locales"], rows["sources"]).encode("utf-8")
    }
    files.update(_section_files(rows["sections"], keys))
    media_files, file_names = _media_files(rows["media"])
    files.update(media_files)
    for name, (table_name, columns) in fmt.CSV_FILES.items():
        table = tables.table(table_name)
        lines = []
        for row in rows[table_name]:
            # A derived column (media.csv's file) is the image file just named.
            lines.append(
                [
                    file_names.get(row.get("id"), "")
                    if c in table.derived
                    else _csv(_cell(table, c, row, keys))
                    for c in columns
                ]
            )
        files[name] = fmt.csv_text(columns, lines).encode("utf-8")
    order = {t: [_s(r.get("key")) for r in rows[t]] for t in CONTENT_TABLES if t != "exhibit"}
    order["exhibit"] = [_s(exhibit.get("key")) or "exhibit"]
    files.update(_translation_files(rows["translations"], order))
    return files


def _section_files(
    sections: list[dict[str, Any]], keys: dict[str, dict[Any, str]]
) -> dict[str, bytes]:
    table = tables.table("sections")
    positions = [row.get("position") for row in sections]
    use_positions = all(
        isinstance(p, int) and not isinstance(p, bool) and 0 < p < 1_000_000 for p in positions
    ) and len(set(positions)) == len(positions)
    files = {}
    for ordinal, row in enumerate(sections, start=1):
        number = row["position"] if use_positions else ordinal
        stem = fmt.safe_file_stem(_s(row.get("key")), "section")
        values = {name: _cell(table, name, row, keys) for name in fmt.SECTION_FIELDS}
        front = fmt.toml_text(values)
        text = f"+++\n{front}+++\n\n{_s(row.get('body'))}\n"
        files[f"{fmt.SECTIONS_DIR}/{number:02d}-{stem}.md"] = text.encode("utf-8")
    return files


def _media_files(media: list[dict[str, Any]]) -> tuple[dict[str, bytes], dict[Any, str]]:
    """The image files (named after their keys) and each media id's file name."""
    files: dict[str, bytes] = {}
    names: dict[Any, str] = {}
    used: set[str] = set()
    for row in media:
        data = row.get("data")
        blob = data if isinstance(data, bytes) else _s(data).encode("utf-8")
        try:
            ext = MIME_EXTENSIONS[sniff(blob).mime]
        except ImageError:
            ext = MIME_EXTENSIONS.get(_s(row.get("mime")), "bin")
        stem = fmt.safe_file_stem(_s(row.get("key")), "image")
        name, n = f"{stem}.{ext}", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}.{ext}"
        used.add(name.lower())
        files[f"{fmt.MEDIA_DIR}/{name}"] = blob
        names[row.get("id")] = name
    return files, names


def _exhibit_toml(
    exhibit: dict[str, Any], locales: list[dict[str, Any]], sources: list[dict[str, Any]]
) -> str:
    values: dict[str, str | bool | list[str]] = {
        name: _s(exhibit.get(name)) for name in fmt.EXHIBIT_FIELDS
    }
    codes = [_s(x) for x in json_list(_s(exhibit.get("locales")) or "[]")]
    values["locales"] = codes
    review = review_order([(_s(r.get("locale")), _s(r.get("review"))) for r in locales], codes)
    rows = [{name: _s(source.get(name)) for name in fmt.SOURCE_FIELDS} for source in sources]
    return fmt.toml_text(
        values,
        header=fmt.EXHIBIT_HEADER,
        table=(fmt.REVIEW_TABLE, review, fmt.REVIEW_COMMENT),
        tables=("sources", rows),
    )


def review_order(statuses: list[tuple[str, str]], codes: list[str]) -> dict[str, str]:
    """[review] as it is written: (language, status) in the order of ``codes`` (the
    exhibit's ``locales``), a language not listed there after them, by its code."""
    order = {code: i for i, code in enumerate(codes)}
    return dict(sorted(statuses, key=lambda item: (order.get(item[0], len(order)), item[0])))


def translation_order(
    order: dict[str, list[str]],
) -> Callable[[tuple[str, str, str]], tuple[int, int, str, int, str]]:
    """The sort key of a translation file's lines, (table, key, field): by table (in the
    order of TRANSLATABLE), by row (``order``: each table's keys in row order), by field."""
    names = list(TRANSLATABLE)
    position = {table: {key: i for i, key in enumerate(keys)} for table, keys in order.items()}

    def sort_key(line: tuple[str, str, str]) -> tuple[int, int, str, int, str]:
        table, key, name = line
        fields = TRANSLATABLE.get(table, ())
        return (
            names.index(table) if table in names else len(names),
            position.get(table, {}).get(key, 1 << 30),
            key,
            fields.index(name) if name in fields else len(fields),
            name,
        )

    return sort_key


def _translation_files(rows: list[dict[str, Any]], order: dict[str, list[str]]) -> dict[str, bytes]:
    by_line = translation_order(order)

    def sort_key(row: dict[str, Any]) -> tuple[int, int, str, int, str]:
        return by_line((_s(row.get("tbl")), _s(row.get("key")), _s(row.get("field"))))

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
