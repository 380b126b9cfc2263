"""Write a bundle back as an editable source folder (``export``): the folder's canonical form.

The CSV files are written by the tables' descriptions (``tables``): a reference becomes the
key of the row it points at, a number its shortest text. Build, export, build is lossless.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.fileio import json_list, lenient_text
from kiosk.content.images import MIME_EXTENSIONS, ImageError, sniff
from kiosk.content.limits import MAX_ROWS
from kiosk.content.reader import BundleError, check_readable, open_bundle
from kiosk.content.schema import table_columns, tables_at
from kiosk.content.tables import TRANSLATABLE, Table


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


def export(bundle: str | Path, out_dir: str | Path) -> list[Path]:
    """Write ``bundle`` as a source folder at ``out_dir`` (new or empty). Returns the files.

    Raises BundleError when the bundle cannot be read, ExportError when the folder is not
    usable. The folder is filled through a temporary sibling folder, so a failed export
    leaves nothing half-written. Streamed: each CSV file is written a row at a time from
    its query (references and the translations' order resolved in SQL), so a bundle of a
    million people is exported in bounded memory.
    """
    check_readable(bundle)
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out}: exists and is not an empty folder; export into a new folder")
    conn = open_bundle(bundle)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.exporting")
    try:
        _check_row_limits(bundle, conn)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        written = _write_files(conn, tmp)
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except sqlite3.Error as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BundleError(f"{bundle}: the bundle is damaged or incomplete ({exc})") from None
    except MemoryError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BundleError(f"{bundle}: holds more than this computer can export") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        conn.close()
    return [out / rel for rel in written]


def _check_row_limits(bundle: str | Path, conn: sqlite3.Connection) -> None:
    """Refuse (BundleError) a bundle with a table over its row limit: export takes only what
    ``validate`` would let a kiosk take."""
    for table in tables_at(_version(conn)):
        count = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if count > MAX_ROWS[table] and table != "exhibit":
            raise BundleError(
                f"{bundle}: {table} has {count:,} rows; the limit is {MAX_ROWS[table]:,}, "
                "so it is not exported"
            )


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


# A reference's key comes with its row, under the column's name and this ending.
_KEY: Final = "@key"


def _rows(conn: sqlite3.Connection, table: Table) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` in its export order, streamed, each with the key of every row
    it references (``<column>@key``: '' for none, ``#<id>`` for a missing row)."""
    # The schema's columns by name, never `*` (check_readable refused anything extra). An
    # older bundle's missing tables have no rows, its missing columns are empty.
    version = _version(conn)
    columns = table_columns(table.name, version)
    if not columns:
        return
    values = [f"{tables.read_sql(table.column(name), version, 'o')} AS {name}" for name in columns]
    keys = [
        f"CASE WHEN {c.name} IS NULL OR {c.name} = '' THEN '' ELSE coalesce((SELECT key FROM "
        f"{c.references} AS r WHERE r.id = o.{c.name}), '#' || {c.name}) END "
        f'AS "{c.name}{_KEY}"'
        for c in table.references
        if c.name in columns
    ]
    order = f" ORDER BY {table.order}" if table.order else ""
    cursor = conn.execute(f"SELECT {', '.join([*values, *keys])} FROM {table.name} AS o{order}")
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _cell(table: Table, name: str, row: dict[str, Any]) -> Any:
    """The value of source column ``name`` for a bundle row (a text, or a bool for TOML)."""
    column = table.source_column(name)
    if column is None:
        raise KeyError(f"{table.name}: {name} is the table's own to write")
    if column.references:
        return _s(row.get(column.name + _KEY))
    value = row.get(column.name)
    if column.boolean:
        return isinstance(value, int | float) and bool(value)
    return _s(value)


def _csv(value: Any) -> str:
    """A cell of a CSV file: a bool is written true or false, as it is read."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_files(conn: sqlite3.Connection, root: Path) -> list[str]:
    """Write the source folder into ``root``; the files written, relative, in order."""
    files: list[str] = []

    def write(rel: str, data: bytes) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files.append(rel)

    small = {name: list(_rows(conn, tables.table(name))) for name in _HELD}
    exhibit = small["exhibit"][0] if small["exhibit"] else {}
    write(
        fmt.EXHIBIT_FILE,
        _exhibit_toml(exhibit, small["locales"], small["sources"]).encode("utf-8"),
    )
    for rel, data in _section_files(small["sections"]):
        write(rel, data)
    file_names: dict[Any, str] = {}
    for rel, row_id, data in _media_files(_rows(conn, tables.table("media"))):
        file_names[row_id] = rel.rsplit("/", 1)[1]
        write(rel, data)
    for name, (table_name, columns) in fmt.CSV_FILES.items():
        table = tables.table(table_name)
        # A derived column (media.csv's file) is the image file just named.
        lines = (
            [
                file_names.get(row.get("id"), "")
                if c in table.derived
                else _csv(_cell(table, c, row))
                for c in columns
            ]
            for row in _rows(conn, table)
        )
        _write_csv(root, name, columns, lines)
        files.append(name)
    exhibit_key = _s(exhibit.get("key")) or "exhibit"
    files.extend(_translation_files(conn, root, exhibit_key))
    return files


# The tables read whole (they are small, and exhibit.toml and sections/ need them at once).
_HELD: Final = ("exhibit", "locales", "sources", "sections")


def _write_csv(root: Path, rel: str, columns: tuple[str, ...], lines: Iterable[list[str]]) -> None:
    """A CSV file written a row at a time, byte for byte as ``fmt.csv_text`` would."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(lines)


def _section_files(sections: list[dict[str, Any]]) -> list[tuple[str, bytes]]:
    table = tables.table("sections")
    positions = [row.get("position") for row in sections]
    use_positions = all(
        isinstance(p, int) and not isinstance(p, bool) and 0 < p < 1_000_000 for p in positions
    ) and len(set(positions)) == len(positions)
    files = []
    for ordinal, row in enumerate(sections, start=1):
        number = row["position"] if use_positions else ordinal
        stem = fmt.safe_file_stem(_s(row.get("key")), "section")
        values = {name: _cell(table, name, row) for name in fmt.SECTION_FIELDS}
        front = fmt.toml_text(values)
        text = f"+++\n{front}+++\n\n{_s(row.get('body'))}\n"
        files.append((f"{fmt.SECTIONS_DIR}/{number:02d}-{stem}.md", text.encode("utf-8")))
    return files


def _media_files(media: Iterable[dict[str, Any]]) -> Iterator[tuple[str, Any, bytes]]:
    """Each image file (named after its key): its path, its media id and its bytes."""
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
        yield f"{fmt.MEDIA_DIR}/{name}", row.get("id"), blob


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
) -> Callable[[tuple[str, str, str]], tuple[int, int, str, int, str, str]]:
    """The sort key of a translation file's lines, (table, key, field): by table (in the
    order of TRANSLATABLE), by row (``order``: each table's keys in row order), by field.
    For lines held in memory (the studio); export streams the same order from SQL
    (``_translation_queries``), and tests/studio hold the two to the same bytes."""
    names = list(TRANSLATABLE)
    position = {table: {key: i for i, key in enumerate(keys)} for table, keys in order.items()}

    def sort_key(line: tuple[str, str, str]) -> tuple[int, int, str, int, str, str]:
        table, key, name = line
        fields = TRANSLATABLE.get(table, ())
        return (
            names.index(table) if table in names else len(names),
            position.get(table, {}).get(key, 1 << 30),
            key,
            fields.index(name) if name in fields else len(fields),
            name,
            table,
        )

    return sort_key


def _translation_files(conn: sqlite3.Connection, root: Path, exhibit_key: str) -> list[str]:
    """translations/LL.csv, one per language, streamed: by table (in the tables' order), by
    the row's place in its table's export (a key no row has after those that have one),
    key, and field (in the table's order of fields). Rows for a table that has no
    translatable texts (validate reports them) come last, by key and field."""
    locales = [str(r[0]) for r in conn.execute("SELECT DISTINCT locale FROM translations")]
    written: list[str] = []
    names: set[str] = set()
    for locale in sorted(locales):
        stem = locale if fmt.LOCALE_PATTERN.match(locale) else fmt.safe_file_stem(locale, "xx")
        name, n = f"{fmt.TRANSLATIONS_DIR}/{stem}.csv", 1
        while name in names:
            n += 1
            name = f"{fmt.TRANSLATIONS_DIR}/{stem}-{n}.csv"
        names.add(name)
        lines = (
            [_s(tbl), _s(key), _s(field), _s(text)]
            for query, params in _translation_queries(locale, exhibit_key)
            for tbl, key, field, text in conn.execute(query, params)
        )
        _write_csv(root, name, fmt.TRANSLATION_COLUMNS, lines)
        written.append(name)
    return written


def _translation_queries(locale: str, exhibit_key: str) -> Iterator[tuple[str, tuple[Any, ...]]]:
    for name, fields in TRANSLATABLE.items():
        table = tables.table(name)
        field_order = " ".join(f"WHEN '{f}' THEN {i}" for i, f in enumerate(fields))
        order = ", ".join(f"r.{c.strip()}" for c in table.order.split(",")) + ", "
        match = "r.key = t.key" if name != "exhibit" else "? = t.key"
        yield (
            f"SELECT t.tbl, t.key, t.field, t.text FROM translations AS t LEFT JOIN {name} AS r "
            f"ON {match} WHERE t.tbl = ? AND t.locale = ? ORDER BY r.id IS NULL, {order}"
            f"t.key, CASE t.field {field_order} ELSE {len(fields)} END, t.field",
            (exhibit_key, name, locale) if name == "exhibit" else (name, locale),
        )
    marks = ", ".join("?" * len(TRANSLATABLE))
    yield (
        "SELECT tbl, key, field, text FROM translations WHERE locale = ? "
        f"AND tbl NOT IN ({marks}) ORDER BY key, field, tbl",
        (locale, *TRANSLATABLE),
    )
