"""Synthetic content for the tests: hand-made images, a small source folder, loose tables."""

from __future__ import annotations

import contextlib
import sqlite3
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from kiosk.content import formats as fmt
from kiosk.content.tables import CONTENT_TABLES


def png_bytes(
    width: int = 4, height: int = 3, colour: tuple[int, int, int] = (80, 20, 20)
) -> bytes:
    """A real RGB PNG made by hand: signature, IHDR, one IDAT, IEND."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    row = b"\x00" + bytes(colour) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def gif_bytes(width: int = 2, height: int = 2) -> bytes:
    """A minimal GIF89a: two-colour table, one image, LZW data, trailer."""
    header = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0)
    palette = b"\x00\x00\x00\xff\xff\xff"
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0)
    data = b"\x02\x02\x44\x01\x00"  # LZW minimum code size 2, one sub-block, terminator
    return header + palette + image + data + b"\x3b"


def jpeg_bytes(width: int = 16, height: int = 8) -> bytes:
    """A JPEG skeleton: SOI, APP0, SOF0 with the size, SOS, a little scan data, EOI."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + app0 + sof + sos + b"\x12\x34\x56" + b"\xff\xd9"


def webp_bytes(width: int = 5, height: int = 7) -> bytes:
    """A lossless WebP header (VP8L) in a RIFF container of the right length."""
    bits = (width - 1) | ((height - 1) << 14)
    body = b"\x2f" + bits.to_bytes(4, "little") + b"\x00\x00\x00"
    chunk = b"VP8L" + struct.pack("<I", len(body)) + body
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def write_csv(folder: Path, name: str, rows: list[list[str]]) -> None:
    (folder / name).write_text(fmt.csv_text(fmt.CSV_FILES[name][1], rows), encoding="utf-8")


def person_row(**values: str) -> list[str]:
    """A people.csv row with ``values`` by column name, the rest empty."""
    columns = fmt.CSV_FILES["people.csv"][1]
    unknown = set(values) - set(columns)
    assert not unknown, unknown
    return [values.get(c, "") for c in columns]


# Obviously synthetic people (no name of anyone): a family in two alphabets.
SYNTHETIC_PEOPLE = [
    person_row(
        key="s1",
        name="Testov Synthetic",
        surname="Testov",
        given_name="Synthetic",
        name_lang="en",
        name_script="latn",
        other_spellings="Тестов Синтетик",
        fate_kind="killed",
        place="village-a",
        family="fam-1",
        source="notes",
        birth_date="1960",
        death_date="2001-05-01",
        age="40",
    ),
    person_row(
        key="s2",
        name="Тестова Синтетика",
        surname="Тестова",
        given_name="Синтетика",
        name_lang="ru",
        name_script="cyrl",
        fate_kind="missing",
        place="village-a",
        family="fam-1",
    ),
    person_row(key="s3", name="Əxample Testli", name_lang="az", place="village-b"),
]


def write_synthetic_source(folder: Path) -> Path:
    """A small exhibit touching every table and feature: two languages, an image, parents."""
    (folder / "sections").mkdir(parents=True)
    (folder / "media").mkdir()
    (folder / "translations").mkdir()
    (folder / "exhibit.toml").write_text(
        'title = "A test exhibit"\nsubtitle = "1 May 2001"\ndefault_locale = "en"\n'
        'locales = ["en", "az"]\ncontent_version = "7"\ncredits = "Made for the tests."\n\n'
        '[[sources]]\nkey = "notes"\ntitle = "Test notes"\ndetail = "Invented for tests."\n',
        encoding="utf-8",
    )
    (folder / "sections" / "01-start.md").write_text(
        '+++\nkey = "start"\ntitle = "The start"\nsource = "notes"\nsensitive = false\n'
        'advisory = ""\nimage = "square"\n+++\n\nFirst paragraph.\n\nSecond paragraph.\n',
        encoding="utf-8",
    )
    (folder / "sections" / "02-hard.md").write_text(
        '+++\nkey = "hard"\ntitle = "A hard part"\nsource = "notes"\nsensitive = true\n'
        'advisory = "This section describes violence."\nimage = ""\n+++\n\nIt was hard.\n',
        encoding="utf-8",
    )
    (folder / "media" / "square.png").write_bytes(png_bytes(4, 3))
    write_csv(folder, "media.csv", [["square", "square.png", "A red square", "Test credit"]])
    write_csv(
        folder,
        "timeline.csv",
        [
            [
                "begin",
                "2001",
                "year",
                "",
                "",
                "",
                "It begins",
                "Body one.",
                "Era",
                "",
                "",
                "notes",
                "start",
            ],
            [
                "night",
                "2001-05-01",
                "day",
                "2001-05-02",
                "day",
                "Night of 1 May 2001",
                "Night",
                "Body two.",
                "Era",
                "",
                "square",
                "notes",
                "hard",
            ],
            [
                "later",
                "2001-05-02T05:00",
                "time",
                "",
                "",
                "",
                "Later",
                "",
                "Era",
                "",
                "",
                "notes",
                "",
            ],
            ["undated", "", "", "", "", "Every year", "Undated", "", "Era", "", "", "notes", ""],
        ],
    )
    write_csv(
        folder,
        "statistics.csv",
        [
            ["all", "100", "people", "All", "All of them.", "notes", ""],
            ["some", "40", "people", "Some", "Some of them.", "notes", "all"],
            ["others", "2.5", "km", "Others", "", "notes", "all"],
        ],
    )
    write_csv(
        folder,
        "remembrance.csv",
        [
            ["day", "observance", "", "", "1 May", "A day", "Remembered.", "notes"],
            ["decree", "decree", "2002-05-01", "day", "", "A decree", "", "notes"],
        ],
    )
    write_csv(
        folder,
        "people.csv",
        [
            person_row(
                key="p1",
                name="Ann Example",
                birth_date="1950",
                birth_precision="year",
                death_date="2001-05-01",
                death_precision="day",
                age="50",
                fate="Killed",
                photo="square",
            ),
            *SYNTHETIC_PEOPLE,
        ],
    )
    write_csv(
        folder,
        "places.csv",
        [["village-a", "Village A", "A synthetic village."], ["village-b", "Village B", ""]],
    )
    write_csv(
        folder,
        "relations.csv",
        [["s1", "spouse", "s2"], ["s1", "parent", "s3"], ["p1", "sibling", "s1"]],
    )
    write_csv(folder, "spelling_variants.csv", [["Синтетик; Zintetik"]])
    (folder / "translations" / "az.csv").write_text(
        fmt.csv_text(
            fmt.TRANSLATION_COLUMNS,
            [
                ["exhibit", "exhibit", "title", "Test sərgisi"],
                ["sections", "start", "title", "Başlanğıc"],
            ],
        ),
        encoding="utf-8",
    )
    return folder


def loosen(conn: sqlite3.Connection) -> None:
    """Recreate every content table without constraints (keeping declared column types)."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
            "ESCAPE '\\'"
        )
        if r[0] in CONTENT_TABLES  # the name index's tables keep their shape
    ]
    for table in tables:
        columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
        decl = ", ".join(f"{c[1]} {c[2]}" for c in columns)
        conn.execute(f"CREATE TABLE _loose ({decl})")
        conn.execute(f"INSERT INTO _loose SELECT * FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE _loose RENAME TO {table}")
    conn.commit()


def mangler(mutations: list[tuple[int, int, object]]) -> Callable[[sqlite3.Connection], None]:
    """A mutation for ``fresh_bundle``: each (table, column, value) writes ``value`` into every
    row of that column (indices taken modulo the content tables and their columns). A value a
    constraint refuses is skipped: that mutation is impossible in a real bundle."""

    def mutate(conn: sqlite3.Connection) -> None:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
                "ESCAPE '\\' ORDER BY name"
            )
            if r[0] in CONTENT_TABLES
        ]
        for table_index, column_index, value in mutations:
            table = names[table_index % len(names)]
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            column = cols[column_index % len(cols)]
            with contextlib.suppress(sqlite3.Error):
                conn.execute(f"UPDATE {table} SET {column} = ?", (value,))

    return mutate
