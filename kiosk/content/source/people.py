"""What a bundle's people need besides their rows: their orders and the name index.

``index_people`` is run by ``build`` and by ``import-people`` on a bundle being written,
after its people rows are in: it ranks the names in their own collation (``name_order``,
``names.collation``), numbers the people in the wall's order (``id``: by place, family,
then name; the table written anew, the relations following), and (re)builds the search
index (``names.build_index``, rowid = ``people.id``; the names are read from the ``people``
table, never copied). ``people_fingerprint`` is what the index was built from: validation
recomputes it to say whether the index is current.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable, Iterator
from typing import Final

from kiosk.content.names import PersonNames, build_index
from kiosk.content.names.collation import sort_key
from kiosk.content.schema import rebuild_statements, table_indexes
from kiosk.content.tables import SCHEMA_VERSION, read_sql, table

PEOPLE: Final = table("people")
# The people's indexes (all of them hold a rank): ordering makes them again, and
# import-people drops them before its inserts.
REBUILT_INDEXES: Final = frozenset(index.name for index in table_indexes(PEOPLE))

# The columns the index and the orders are made from; a change to any of them makes the
# index stale (validate says so). Schema 5 dropped ``wall_order`` (the id is the wall's
# order): a bundle of schema 4 or before was fingerprinted with it (``fingerprint_columns``).
_FINGERPRINTED: Final = (  # the first eight are what the index reads
    "id",
    "key",
    "name",
    "surname",
    "given_name",
    "patronymic",
    "name_lang",
    "other_spellings",
    "family",
    "place_id",
    "name_order",
    "wall_order",
)


def fingerprint_columns(version: int) -> tuple[str, ...]:
    """The columns a bundle of schema ``version`` was fingerprinted with."""
    return tuple(c for c in _FINGERPRINTED if PEOPLE.column(c).at(version))


FINGERPRINT_COLUMNS: Final = fingerprint_columns(SCHEMA_VERSION)
# The name as every reader reads it (stored once since schema 4: '' for its parts joined).
_NAME: Final = read_sql(PEOPLE.column("name"), SCHEMA_VERSION)
FINGERPRINT_SQL: Final = (
    "SELECT "
    + ", ".join(f"{_NAME} AS name" if c == "name" else c for c in FINGERPRINT_COLUMNS)
    + " FROM people"
)
VARIANTS_SQL: Final = "SELECT spellings FROM spelling_variants ORDER BY id"


class Fingerprint:
    """A checksum of the people's names and orders, the same in whatever order the rows
    come (each row's CRC-32, summed): what ``validate`` recomputes as it streams people."""

    def __init__(self) -> None:
        self.total = 0
        self.count = 0

    def add(self, values: tuple[object, ...]) -> None:
        text = "\x1f".join(["\x00" if v is None else str(v) for v in values])
        self.total = (self.total + zlib.crc32(text.encode("utf-8", "surrogatepass"))) & (
            (1 << 64) - 1
        )
        self.count += 1

    def value(self, variants: list[str]) -> str:
        tail = zlib.crc32("\x1e".join(variants).encode("utf-8", "surrogatepass"))
        return f"{self.count}:{self.total:x}:{tail:x}"


def people_fingerprint(conn: sqlite3.Connection) -> str:
    fp = Fingerprint()
    for row in conn.execute(FINGERPRINT_SQL):
        fp.add(tuple(row))
    return fp.value(variant_texts(conn))


def variant_texts(conn: sqlite3.Connection) -> list[str]:
    return [str(r[0]) for r in conn.execute(VARIANTS_SQL)]


def variant_rows(texts: list[str]) -> list[tuple[str, ...]]:
    """``spelling_variants`` rows ("Мехти; Mehdi; Mekhti") as the search's variant table."""
    return [tuple(s.strip() for s in text.split(";") if s.strip()) for text in texts]


def _names(conn: sqlite3.Connection, fingerprint: Fingerprint) -> Iterator[PersonNames]:
    """Each person's names for the index, in id order; ``fingerprint`` takes every row."""
    cursor = conn.execute(FINGERPRINT_SQL + " ORDER BY id")
    for row in cursor:
        fingerprint.add(row)
        ident, key, name, surname, given, patronymic, lang, other = row[:8]
        yield PersonNames(
            key=str(key),
            surname=surname or "",
            given=given or "",
            patronymic=patronymic or "",
            lang=lang or "",
            other_spellings=tuple(s.strip() for s in (other or "").split(";") if s.strip())
            if other
            else (),
            display=str(name),
            id=int(ident),
        )


def _key(name: object, lang: object) -> bytes:
    return sort_key(str(name or ""), str(lang) if lang else None)


# name_rank: by the collation's key, then the person's key (not the id: the ids are the wall's
# order, so a build of an export must rank two people of one name as the first build did).
# wall_rank: by the place's position (a family under the first place of any of its members;
# no place last), then the family's first name (or the person's own), then name_rank.
_RANKS_SQL: Final = (
    "INSERT INTO temp.people_ranks (id, name_rank, wall_rank) "
    "SELECT id, name_rank, row_number() OVER (ORDER BY fp, fo, name_rank, id) - 1 FROM ("
    "SELECT id, name_rank, "
    "CASE WHEN family IS NULL THEN pp ELSE min(pp) OVER (PARTITION BY family) END AS fp, "
    "CASE WHEN family IS NULL THEN name_rank "
    "ELSE min(name_rank) OVER (PARTITION BY family) END AS fo "
    "FROM (SELECT p.id, p.family, coalesce(pl.position, 1 << 62) AS pp, row_number() OVER "
    f"(ORDER BY kiosk_sort_key({read_sql(PEOPLE.column('name'), SCHEMA_VERSION, 'p')}, "
    "p.name_lang), p.key, p.id) - 1 AS name_rank "
    "FROM people AS p LEFT JOIN places AS pl ON pl.id = p.place_id)) ORDER BY id"
)


def order_people(conn: sqlite3.Connection) -> None:
    """Rank the people: ``name_order`` by ``collation.sort_key``, then key; the wall's order
    by place (the places' order; people with no place last), family (a family sits where
    its first name would, all together, under the first place of any of its members), then
    name. ``name_order`` runs 0, 1, 2... and the ids are the wall's order, 1, 2, 3... (schema
    5: the people are numbered anew, the relations follow). Sorting is SQLite's (no list of
    a million in Python)."""
    conn.create_function("kiosk_sort_key", 2, _key, deterministic=True)
    # Both ranks in one pass of sorts into a temporary table (by id).
    conn.execute("DROP TABLE IF EXISTS temp.people_ranks")
    conn.execute(
        "CREATE TEMP TABLE people_ranks (id INTEGER PRIMARY KEY, name_rank INTEGER NOT NULL, "
        "wall_rank INTEGER NOT NULL)"
    )
    conn.execute(_RANKS_SQL)
    # The people written anew in the wall's order: one sorted copy of the table, its indexes
    # made once after it, rather than a million moves of a row and its indexes. Even when in
    # order already: a build is the same bytes every time.
    for statement in rebuild_statements(PEOPLE, SCHEMA_VERSION, _RENUMBERED):
        conn.execute(statement)
    # The relations follow; one to nobody (written by another tool) points at 0, which
    # validate reports.
    new = "coalesce((SELECT wall_rank + 1 FROM temp.people_ranks WHERE id = {}), 0)"
    conn.execute(
        f"UPDATE relations SET person_id = {new.format('person_id')}, "
        f"relative_id = {new.format('relative_id')}"
    )
    conn.execute("DROP TABLE temp.people_ranks")


_KEPT: Final = [
    c.name for c in PEOPLE.columns_at(SCHEMA_VERSION) if c.name not in ("id", "name_order")
]
# Each person at their place on the wall (``temp.people_ranks``), numbered 1, 2, 3...
_RENUMBERED: Final = (
    f"INSERT INTO people (id, {', '.join(_KEPT)}, name_order) "
    f"SELECT r.wall_rank + 1, {', '.join(f'p.{c}' for c in _KEPT)}, r.name_rank "
    "FROM temp.people_ranks AS r JOIN {old} AS p ON p.id = r.id ORDER BY r.wall_rank"
)


def index_people(conn: sqlite3.Connection, progress: Callable[[int], None] | None = None) -> int:
    """Order the people and rebuild the name index of the bundle being written on ``conn``
    (committed). Returns how many people were indexed."""
    with conn:
        order_people(conn)
    variants = variant_texts(conn)
    fingerprint = Fingerprint()
    return build_index(
        conn,
        _names(conn, fingerprint),
        variant_rows(variants),
        progress=progress,
        in_bundle=True,
        meta=lambda: {"fingerprint": fingerprint.value(variants)},
    )
