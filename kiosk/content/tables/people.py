"""The names of the victims: places, people, their relations, and the curator's spelling
variants for the name search (docs/content-format.md, docs/name-search.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from kiosk.content.records import Person, Place, Relation
from kiosk.content.tables.model import (
    FATES,
    RELATION_KINDS,
    SCRIPTS,
    Column,
    DateField,
    Index,
    Table,
    date_columns,
    id_column,
    key_column,
    position_column,
    ref_column,
    text_column,
    title_column,
    words,
)

# Schema 4: a person's name is stored once. When the name as recorded is exactly its parts
# joined by single spaces (surname, given name, patronymic; an empty part left out), the row
# stores '' and every reader reads the parts joined (``read_sql``): 41 bytes a person.
NAME_PARTS: Final = ("surname", "given_name", "patronymic")
JOINED_NAME_SQL: Final = (
    "substr("
    + " || ".join(f"coalesce(' ' || nullif({{t}}{part}, ''), '')" for part in NAME_PARTS)
    + ", 2)"
)


def joined_name(surname: str | None, given_name: str | None, patronymic: str | None) -> str:
    """The parts joined as ``JOINED_NAME_SQL`` joins them (no part trimmed)."""
    return " ".join(part for part in (surname, given_name, patronymic) if part)


def name_of_parts(row: Mapping[str, Any]) -> str:
    """``JOINED_NAME_SQL`` of a row read by column name (a part of another type as SQLite
    would join it: as text)."""
    return joined_name(*(None if row.get(p) is None else str(row[p]) for p in NAME_PARTS))


def name_to_store(values: Mapping[str, Any]) -> str:
    """What a people row stores as its name: '' when the name is its parts joined."""
    name = values.get("name") or ""
    return "" if name and name == name_of_parts(values) else str(name)


PEOPLE_TABLES: Final[tuple[Table, ...]] = (
    Table(
        "places",
        (
            id_column(),
            position_column(),
            key_column(),
            title_column("name", (60, 120)),
            text_column("description", (600, 2000), paragraphs=True),
        ),
        max_rows=100_000,
        record=Place,
        source="places.csv",
        source_columns=("key", "name", "description"),
        noun="place",
        order="position, id",
        since=2,
    ),
    Table(
        "people",
        (
            id_column(),
            # Schema 5: the key is unique (validate checks it) but has no index of its own
            # (26 MB at 1M names): the kiosk opens a card by id, import-people indexes its
            # working copy while it looks keys up.
            key_column(unique_until=5),
            Column(
                "name",
                "TEXT",
                not_null=True,
                required=True,
                limits=(100, 200),
                empty_means=JOINED_NAME_SQL,
                empty_since=4,
                derive=name_of_parts,
            ),
            *date_columns("birth_date", "birth_precision"),
            *date_columns("death_date", "death_precision"),
            Column("age", "INTEGER"),
            text_column("fate", (200, 1000)),
            text_column("notes", (1000, 3000), paragraphs=True),
            ref_column("photo_id", "media"),
            # Schema 2: the name's parts, how it was recorded, and where the person belongs.
            Column("surname", "TEXT", limits=(60, 100), since=2),
            Column("given_name", "TEXT", limits=(60, 100), since=2),
            Column("patronymic", "TEXT", limits=(60, 100), since=2),
            Column("name_lang", "TEXT", since=2),
            Column("name_script", "TEXT", choices=SCRIPTS, since=2),
            Column("other_spellings", "TEXT", limits=(300, 1000), separator=";", since=2),
            Column("fate_kind", "TEXT", choices=FATES, since=2),
            Column("place_id", "INTEGER", references="places", since=2),
            Column("family", "TEXT", since=2),
            Column("source_id", "INTEGER", references="sources", since=2),
            # Computed by build and import-people (never edited): the person's rank in the
            # names' own collation, and on the wall (place, family, name). 0, 1, 2...
            # Schema 5: the ids are the wall's order (1, 2, 3...: build and import-people
            # number the people so), with no rank column or index beside them (15 MB).
            Column("name_order", "INTEGER", since=2),
            Column("wall_order", "INTEGER", since=2, until=5),
        ),
        max_rows=2_000_000,
        record=Person,
        source="people.csv",
        source_columns=words(
            "key name birth_date birth_precision death_date death_precision age fate notes photo "
            "surname given_name patronymic name_lang name_script other_spellings fate_kind "
            "place family source"
        ),
        noun="person",
        dates=(
            DateField("birth_date", "birth_date", "birth_precision"),
            DateField("death_date", "death_date", "death_precision"),
        ),
        # Schema 3: no index on the name (nothing reads by it: 49 MB at 1M names), and the
        # place and family indexes hold only the people who have one.
        indexes=(
            Index("people_name", ("name",), until=3),
            # Schema 5: no index on the name rank (12 MB at 1M names): the kiosk pages the
            # wall's order only; ``people_page(order="name")`` sorts.
            Index("people_name_order", ("name_order",), since=2, until=5),
            Index("people_wall_order", ("wall_order",), since=2, until=5),
            Index("people_place", ("place_id", "name_order"), since=2, until=3),
            Index("people_family", ("family", "name_order"), since=2, until=3),
            Index("people_place", ("place_id", "name_order"), 3, where="place_id IS NOT NULL"),
            Index("people_family", ("family", "name_order"), 3, where="family IS NOT NULL"),
        ),
        large=True,
    ),
    Table(
        "relations",
        (
            id_column(),
            Column("person_id", "INTEGER", not_null=True, references="people"),
            Column("kind", "TEXT", not_null=True, choices=RELATION_KINDS),
            Column("relative_id", "INTEGER", not_null=True, references="people"),
        ),
        max_rows=4_000_000,
        record=Relation,
        source="relations.csv",
        source_columns=("person", "kind", "relative"),
        noun="relation",
        indexes=(
            Index("relations_person", ("person_id",)),
            Index("relations_relative", ("relative_id",)),
        ),
        large=True,
        since=2,
    ),
    Table(
        "spelling_variants",
        (
            id_column(),
            Column(
                "spellings",
                "TEXT",
                not_null=True,
                required=True,
                comment="one name in several spellings, '; ' between",
            ),
        ),
        max_rows=100_000,
        source="spelling_variants.csv",
        source_columns=("spellings",),
        noun="variant row",
        since=2,
    ),
)
"""After the exhibit's tables (a person's photo and source), before the translations."""
