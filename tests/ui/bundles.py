"""Synthetic content bundles for the UI tests, built with the content layer's own schema.

The default texts are sentences of the seed (the first exhibit) so screens look like the real
thing; tests that need more (10,000 events, translations, people, images) ask for it.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.content.schema import create_or_migrate

SECTIONS = [
    (
        "background",
        "Khojaly before 1992",
        "Khojaly has situated 14 km to the northwest of Khankendi.\n\n"
        "Khojaly had a population of 7 thousand before the tragedy in 1992. This was also home "
        "to refugees who were forced during that period from Armenia and IDPs from neighbouring "
        "Khankendi, as well as to Meskheti Turks, who were forced from Fergana in 1989.",
        False,
        "",
    ),
    (
        "night",
        "The night of 26 February 1992",
        "On 26 February night of 1992, the Armenians deployed their forces in Khankendi and with "
        "the help of the 366th shooting military regiment of former USSR attacked defenceless "
        "and helpless Khojaly.\n\nIt started with Armenian forces surrounding the town from four "
        "directions and opening heavy and ceaseless fire from artillery and salvo launchers. "
        "Within a short time, the city was enveloped in flames of fire. The defending army and "
        "local population had to leave town. Khojaly was occupied by the Armenian invaders by "
        "5 AM.\n\nWithin one night the town was razed to the ground.",
        False,
        "",
    ),
    (
        "cruelty",
        "Killed with special cruelty",
        "56 persons were killed with special cruelty. They were burnt to death, had their heads "
        "cut off, face skin taken off, eyes pricked out. Armenians also did violence to pregnant "
        "women and profaned the dead bodies.",
        True,
        "This section describes killings and the mutilation of the dead in detail.",
    ),
    (
        "memory",
        "Not forgotten",
        "The nation and the state of Azerbaijan do not forget the Khojaly tragedy.",
        False,
        "",
    ),
]

EVENTS = [
    (
        "conflict",
        "1988",
        "year",
        "",
        "The conflict begins",
        "The conflict in Nagorny Karabakh started between Armenia and Azerbaijan in 1988.",
        "The conflict",
    ),
    (
        "meskheti",
        "1989",
        "year",
        "",
        "Meskheti Turks arrive",
        "Meskheti Turks, forced from Fergana in 1989, made their home in Khojaly.",
        "The conflict",
    ),
    (
        "attack",
        "1992-02-26",
        "day",
        "Night of 26 February 1992",
        "The attack on Khojaly",
        "The Armenians deployed their forces in Khankendi and with the help of the 366th "
        "shooting military regiment of former USSR attacked defenceless and helpless Khojaly.",
        "The tragedy",
    ),
    (
        "occupied",
        "1992-02-26T05:00",
        "time",
        "",
        "Khojaly occupied",
        "Khojaly was occupied by the Armenian invaders by 5 AM.",
        "The tragedy",
    ),
    (
        "decree-1994",
        "1994-03-01",
        "day",
        "",
        "A special decree",
        "Heydar Aliyev, the President "
        "of the Republic of Azerbaijan, issued a special decree regarding the Khojaly genocide.",
        "Remembrance",
    ),
    (
        "silence-1997",
        "1997-02-26",
        "day",
        "",
        "A minute of silence",
        "The President of the "
        "Republic of Azerbaijan issued a decree on the announcement of a minute of silence in "
        "memory of the Khojaly genocide victims.",
        "Remembrance",
    ),
    (
        "undated",
        None,
        None,
        "",
        "The corresponding notifications",
        "The corresponding notifications were sent to all international organizations.",
        "Remembrance",
    ),
]

STATISTICS = [
    # key, value, unit, label, parent key
    ("killed", 613, "", "residents of Khojaly were killed", None),
    ("women", 106, "", "women", "killed"),
    ("children", 63, "", "children", "killed"),
    ("elderly", 70, "", "elderly persons", "killed"),
    ("injured", 478, "", "heavily injured", None),
    ("hostages", 1275, "", "peaceful civilians taken hostage", None),
    ("unknown", 150, "", "whose fate is still unknown", "hostages"),
    ("families", 8, "", "entire families annihilated", None),
]

REMEMBRANCE = [
    (
        "decree-1994",
        "decree",
        "1994-03-01",
        "day",
        "",
        "A special decree",
        "Heydar Aliyev, the President of the Republic of Azerbaijan, issued a special decree "
        "regarding the Khojaly genocide on March 1st 1994.",
    ),
    (
        "mourning-day",
        "observance",
        None,
        None,
        "26 February, every year",
        "National day of mourning",
        "According to an appropriate decree of the Milli Majlis of the "
        "Republic of Azerbaijan, the 26th day of February was declared as the national mourning "
        "day in memory of the Khojaly genocide.",
    ),
    (
        "silence-1997",
        "decree",
        "1997-02-26",
        "day",
        "",
        "A minute of silence",
        "On February 26th 1997, the President of the Republic of Azerbaijan issued a decree on the "
        "announcement of a minute of silence in memory of the Khojaly genocide victims.",
    ),
]


def png_bytes(width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (90, 80, 70)) -> bytes:
    """A plain synthetic PNG (no Qt needed): a flat colour with a lighter diagonal."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            lit = abs(x * height - y * width) < width * 2
            row += bytes(min(255, c + (80 if lit else 0)) for c in rgb)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def make_bundle(
    path: Path,
    *,
    title: str = "Khojaly: a memorial exhibit",
    subtitle: str = "26 February 1992",
    locales: Sequence[str] = ("en",),
    translations: dict[tuple[str, str, str, str], str] | None = None,
    sections: Sequence[tuple[Any, ...]] = SECTIONS,
    events: Sequence[tuple[Any, ...]] = EVENTS,
    statistics: Sequence[tuple[Any, ...]] = STATISTICS,
    remembrance: Sequence[tuple[Any, ...]] = REMEMBRANCE,
    people: Sequence[dict[str, Any]] = (),
    with_images: bool = False,
    attract: Sequence[str] | None = None,
    dedication: str = "In memory of the victims",
) -> Path:
    """Write a complete bundle at ``path`` and return it.

    ``attract``: the keys of the figures marked for the attract loop (None: every whole, so
    that the loop's figure slides are drawn and laid out in the tests)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    db = sqlite_utils.Database(path)
    create_or_migrate(db)
    db["exhibit"].insert(
        {
            "id": 1,
            "title": title,
            "subtitle": subtitle,
            "default_locale": locales[0],
            "locales": json.dumps(list(locales)),
            "content_version": "test-1",
            "credits": "",
            "dedication": dedication,
        }
    )
    db["sources"].insert({"id": 1, "key": "seed", "title": "Exhibit text", "detail": "page 1"})
    image_id = None
    if with_images:
        db["media"].insert(
            {
                "id": 1,
                "key": "drawing",
                "mime": "image/png",
                "data": png_bytes(320, 200),
                "width": 320,
                "height": 200,
                "alt": "A synthetic test image",
                "credit": "Test image",
            }
        )
        image_id = 1
    for pos, (key, stitle, body, sensitive, advisory) in enumerate(sections):
        db["sections"].insert(
            {
                "position": pos,
                "key": key,
                "title": stitle,
                "body": body,
                "sensitive": int(sensitive),
                "advisory": advisory,
                "source_id": 1,
                "image_id": image_id if pos == 0 else None,
            }
        )
    db["events"].insert_all(
        (
            {
                "position": pos,
                "key": key,
                "start_date": date,
                "start_precision": prec,
                "date_label": label,
                "title": etitle,
                "body": body,
                "era": era,
                "summary": summary[0] if summary else "",
                "source_id": 1,
                "image_id": image_id if pos == 2 else None,
            }
            for pos, (key, date, prec, label, etitle, body, era, *summary) in enumerate(events)
        ),
        batch_size=1000,
    )
    ids: dict[str, int] = {}
    for pos, (key, value, unit, label, parent) in enumerate(statistics):
        ids[key] = pos + 1
        db["statistics"].insert(
            {
                "id": pos + 1,
                "position": pos,
                "key": key,
                "value": value,
                "unit": unit,
                "label": label,
                "source_id": 1,
                "parent_id": ids.get(parent) if parent else None,
                "attract": int(key in attract if attract is not None else parent is None),
            }
        )
    for pos, (key, kind, date, prec, label, rtitle, body) in enumerate(remembrance):
        db["remembrance"].insert(
            {
                "position": pos,
                "key": key,
                "kind": kind,
                "date": date,
                "date_precision": prec,
                "date_label": label,
                "title": rtitle,
                "body": body,
                "source_id": 1,
            }
        )
    for i, person in enumerate(people):
        db["people"].insert({"key": f"p{i}", **person})
    for (tbl, key, field, locale), text in (translations or {}).items():
        db["translations"].insert(
            {"tbl": tbl, "key": key, "field": field, "locale": locale, "text": text}
        )
    db.close()
    return path


def many_events(count: int) -> list[tuple[Any, ...]]:
    """``count`` dated events over many years, with an era change every 500 (virtualisation)."""
    out = []
    for i in range(count):
        year = 1000 + i // 10
        out.append(
            (
                f"e{i}",
                f"{year:04d}",
                "year",
                "",
                f"Event {i}",
                f"Body of event {i}.",
                f"Era {i // 500}",
            )
        )
    return out


# -- people (obviously synthetic names: no real person is named in a test) --------------------
SYNTHETIC_PEOPLE: tuple[dict[str, Any], ...] = (
    {
        "name": "Məmmədov Testər Xəlil oğlu",
        "surname": "Məmmədov",
        "given_name": "Testər",
        "patronymic": "Xəlil oğlu",
        "name_lang": "az",
        "name_script": "latn",
        "other_spellings": "Мамедов Тестер Халил оглы",
        "birth_date": "1950-03-01",
        "birth_precision": "day",
        "death_date": "1992-02-26",
        "death_precision": "day",
        "age": 41,
        "fate_kind": "killed",
        "place": "village-a",
        "family": "fam-test",
    },
    {
        # the unknowns: no dates, no age, no place, no fate, no source
        "name": "Məmmədova Testa Xəlil qızı",
        "surname": "Məmmədova",
        "given_name": "Testa",
        "patronymic": "Xəlil qızı",
        "name_lang": "az",
        "name_script": "latn",
        "family": "fam-test",
    },
    {
        "name": "Сидоров Тест Петрович",
        "surname": "Сидоров",
        "given_name": "Тест",
        "patronymic": "Петрович",
        "name_lang": "ru",
        "name_script": "cyrl",
        "death_date": "1992",
        "death_precision": "year",
        "place": "village-b",
    },
    {
        # sounds like Hüseynov: a weak match, possibly another person
        "name": "Həsənov Testəli",
        "surname": "Həsənov",
        "given_name": "Testəli",
        "name_lang": "az",
        "name_script": "latn",
        "place": "village-b",
    },
)
SYNTHETIC_PLACES = (("village-a", "Synthetic village A"), ("village-b", "Synthetic village B"))


def _letters(i: int) -> str:
    out = ""
    for _ in range(4):
        out = "abcdefghijklmnoprstuvyz"[i % 23] + out
        i //= 23
    return out


def synthetic_people(count: int) -> list[dict[str, Any]]:
    """``count`` generated people ("Testova Bacd ..."): obviously synthetic."""
    return [
        {
            "name": f"Testov{_letters(i)} Synth{_letters(i * 7 + 3)}",
            "surname": f"Testov{_letters(i)}",
            "given_name": f"Synth{_letters(i * 7 + 3)}",
            "name_lang": "az",
            "name_script": "latn",
            "death_date": "1992-02-26",
            "death_precision": "day",
            "place": SYNTHETIC_PLACES[i % 2][0],
        }
        for i in range(count)
    ]


def make_people_bundle(
    path: Path,
    people: Sequence[dict[str, Any]] = SYNTHETIC_PEOPLE,
    *,
    relations: Sequence[tuple[int, str, int]] = ((0, "parent", 1),),
    locales: Sequence[str] = ("en", "az", "ru"),
    **kwargs: Any,
) -> Path:
    """A bundle naming ``people`` (with their places and ``relations`` by position: the
    first is the ``kind`` of the second), ordered and indexed as import-people does."""
    import sqlite3

    from kiosk.content.source.people import index_people

    make_bundle(path, locales=locales, **kwargs)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO places (id, position, key, name, description) VALUES (?, ?, ?, ?, '')",
            [(i + 1, i, key, name) for i, (key, name) in enumerate(SYNTHETIC_PLACES)],
        )
        place_ids = {key: i + 1 for i, (key, _name) in enumerate(SYNTHETIC_PLACES)}
        columns = [
            "id",
            "key",
            "name",
            "surname",
            "given_name",
            "patronymic",
            "name_lang",
            "name_script",
            "other_spellings",
            "birth_date",
            "birth_precision",
            "death_date",
            "death_precision",
            "age",
            "fate",
            "notes",
            "fate_kind",
            "place_id",
            "family",
            "source_id",
        ]
        rows = []
        for i, p in enumerate(people):
            values = {
                "id": i + 1,
                "key": f"p{i}",
                "fate": "",
                "notes": "",
                "source_id": 1 if p.get("fate_kind") else None,
                **{k: v for k, v in p.items() if k != "place"},
                "place_id": place_ids.get(p.get("place", "")),
            }
            rows.append(tuple(values.get(c) for c in columns))
        conn.executemany(
            f"INSERT INTO people ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            rows,
        )
        conn.executemany(
            "INSERT INTO relations (person_id, kind, relative_id) VALUES (?, ?, ?)",
            [(a + 1, kind, b + 1) for a, kind, b in relations],
        )
    index_people(conn)
    conn.close()
    return path
