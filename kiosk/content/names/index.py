"""The name index: computed ASCII keys in contentless FTS5 tables, plus the names to show.

SQLite's FTS5 tokenizers fold neither ``ə`` nor ``ı`` (PITFALLS.md), so the index never sees a
raw name: each name becomes tokens such as ``1memmedov`` (level 1), ``2mamadov`` (level 2) and
``3mdv`` (level 3), the digit naming the level. The tables are contentless with ``detail=none``
(rowids only: no positions, which no query here needs). Only level 2 has prefix indexes, for
the one and two letters a visitor types first (``prefix='2 3'``, the level digit counted): the
search asks a prefix of level 2 alone (kiosk.content.names.query), so levels 1 and 3 live in a
second table without them (11 MB less per 1,000,000 people: docs/benchmarks.md, "The name
index split by level"). A longer prefix is expanded through ``people_search_terms``; an index
of 4 (three letters) would cost 9 MB per 1,000,000 people and gain nothing.

Tables (all created by :func:`build_index`, dropped and rebuilt on every build):

``people_search``
    FTS5, contentless, the level-2 tokens; rowid = ``people_search_names.rowid`` (in a
    bundle, ``people.id``). In an index built before schema 5 (no ``plain_levels`` in
    ``people_search_meta``) it holds every level, and the search asks it alone.
``people_search_plain``
    FTS5, contentless, no prefix index: the tokens of levels 1 and 3, same rowids.
``people_search_names``
    The person's key and the names as recorded, to rank, explain and show a match.
``people_search_variants``
    The curator's variant table, one spelling per row with its group number.
``people_search_terms``
    Every token of every level and how many people have it: a prefix with no prefix index is
    expanded here into the commonest whole tokens it begins (FTS5 would otherwise merge the
    doclists of every such token before the first row: 25-45 ms at 1M names).
``people_search_meta``
    ``keys_version``: the version of the key functions; an index built by another version
    must be rebuilt (:func:`index_is_current`). ``plain_levels``: the levels in
    ``people_search_plain`` (absent: every level is in ``people_search``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Final

from kiosk.content.names.units import analyse, index_tokens

# Bump when a key function changes: every index built before must then be rebuilt.
KEYS_VERSION: Final = "1"

FIELDS: Final = ("surname", "given", "name", "patronymic", "other")

_FTS: Final = (
    "CREATE VIRTUAL TABLE people_search USING fts5("
    "keys, content='', detail=none, columnsize=0, prefix='2 3', tokenize='ascii')"
)
# What bundles built before schema 4 hold (a prefix index of three letters too): still read,
# as fast and with the same results (docs/benchmarks.md); the next build or import makes the
# table again as ``_FTS`` says.
FORMER_FTS: Final = (
    "CREATE VIRTUAL TABLE people_search USING fts5("
    "keys, content='', detail=none, columnsize=0, prefix='2 3 4', tokenize='ascii')",
)
# Levels 1 and 3 (schema 5 on): no prefix index, since the search asks no prefix of them.
PLAIN_FTS: Final = (
    "CREATE VIRTUAL TABLE people_search_plain USING fts5("
    "keys, content='', detail=none, columnsize=0, tokenize='ascii')"
)
PLAIN: Final = "people_search_plain"
PLAIN_LEVELS: Final = "13"
_NAMES: Final = (
    "CREATE TABLE people_search_names ("
    " rowid INTEGER PRIMARY KEY,"
    " key TEXT NOT NULL,"
    " surname TEXT NOT NULL,"
    " given TEXT NOT NULL,"
    " patronymic TEXT NOT NULL,"
    " lang TEXT NOT NULL,"
    " other TEXT NOT NULL,"  # other spellings, one per line
    " display TEXT"  # NULL: surname, given and patronymic joined by spaces
    ")"
)
_VARIANTS: Final = (
    "CREATE TABLE people_search_variants (grp INTEGER NOT NULL, spelling TEXT NOT NULL)"
)
_META: Final = "CREATE TABLE people_search_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
_TERMS: Final = (
    "CREATE TABLE people_search_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID"
)
# In a content bundle the names are the bundle's own ``people`` rows (rowid = people.id):
# no second copy of them. Standalone (tests, benchmarks), ``people_search_names`` holds them.
# ONE_TABLE_SCHEMA is what schemas 2 to 4 made (every level in ``people_search``); schema 5
# adds PLAIN_FTS (kiosk.content.schema.EXTRA_STATEMENTS). build_index makes the levels' split
# when the statements it is given include PLAIN_FTS.
ONE_TABLE_SCHEMA: Final = (_FTS, _VARIANTS, _META, _TERMS)
BUNDLE_SCHEMA: Final = (*ONE_TABLE_SCHEMA, PLAIN_FTS)
_STANDALONE_SCHEMA: Final = (_FTS, PLAIN_FTS, _NAMES, _VARIANTS, _META, _TERMS)
TABLES: Final = (
    "people_search",
    PLAIN,
    "people_search_names",
    "people_search_variants",
    "people_search_meta",
    "people_search_terms",
)
# The columns of a bundle's ``people`` table the search reads (schema 2).
BUNDLE_NAMES_SQL: Final = (
    "SELECT id, key, coalesce(surname, ''), coalesce(given_name, ''), "
    "coalesce(patronymic, ''), coalesce(name_lang, ''), coalesce(other_spellings, ''), name "
    "FROM people WHERE id IN ({marks})"
)
STANDALONE_NAMES_SQL: Final = (
    "SELECT rowid, key, surname, given, patronymic, lang, other, display "
    "FROM people_search_names WHERE rowid IN ({marks})"
)


@dataclass(frozen=True, slots=True)
class PersonNames:
    """A person's names as recorded.

    ``patronymic`` is the father's name or patronymic in any form (``Xəlil qızı``,
    ``Халил оглы``, ``Халиловна``, or the father's name alone). ``lang`` is the language the
    name was recorded in (``az``, ``ru``, ``en``...). ``other_spellings`` are whole names in
    other spellings the curator knows, any alphabet. ``display`` is the name as shown; empty
    means surname, given name and patronymic joined by spaces. When surname, given name and
    patronymic are all empty, the words of ``display`` are searched (field ``name``): the
    name as recorded, not split. ``id`` is the rowid (a bundle's ``people.id``); 0 numbers
    the people 1, 2, 3... in the order given.
    """

    key: str
    surname: str = ""
    given: str = ""
    patronymic: str = ""
    lang: str = ""
    other_spellings: tuple[str, ...] = ()
    display: str = ""
    id: int = 0

    @property
    def name(self) -> str:
        """The name to show."""
        return self.display or default_display(self.surname, self.given, self.patronymic)


def default_display(surname: str, given: str, patronymic: str) -> str:
    return " ".join(p for p in (surname.strip(), given.strip(), patronymic.strip()) if p)


def _own_display(p: PersonNames) -> str | None:
    """The display name to store: ``None`` when it is the default one."""
    if p.display and p.display != default_display(p.surname, p.given, p.patronymic):
        return p.display
    return None


def person_tokens(person: PersonNames) -> str:
    """The FTS5 document of one person: every token of every field, each once."""
    seen: dict[str, None] = {}
    whole = () if person.surname or person.given or person.patronymic else (person.display,)
    for text in (person.surname, person.given, *whole, *person.other_spellings):
        seen.update(dict.fromkeys(_field_tokens(text)))
    seen.update(dict.fromkeys(_patronymic_tokens(person.patronymic)))
    return " ".join(seen)


@lru_cache(maxsize=65536)
def _field_tokens(text: str) -> tuple[str, ...]:
    return tuple(token for unit in analyse(text) for token in index_tokens(unit))


@lru_cache(maxsize=65536)
def _patronymic_tokens(text: str) -> tuple[str, ...]:
    tokens: list[str] = []
    for unit in analyse(text):
        tokens += index_tokens(unit)
        if not unit.is_patronymic:  # the father's name alone: son or daughter, unknown
            tokens += [f"2{unit.k2}0s", f"2{unit.k2}0d", f"3{unit.k3}0s", f"3{unit.k3}0d"]
    return tuple(tokens)


def split_levels(document: str) -> tuple[str, str]:
    """A person's FTS5 document as (level 2, levels 1 and 3): ``people_search``'s and
    ``people_search_plain``'s."""
    tokens = document.split(" ") if document else []
    return (
        " ".join(t for t in tokens if t[0] not in PLAIN_LEVELS),
        " ".join(t for t in tokens if t[0] in PLAIN_LEVELS),
    )


def _rows(people: Iterable[PersonNames]) -> Iterator[tuple[int, PersonNames]]:
    for number, person in enumerate(people, start=1):
        yield person.id or number, person


def build_index(
    conn: sqlite3.Connection,
    people: Iterable[PersonNames],
    variants: Iterable[Sequence[str]] = (),
    *,
    batch: int = 5000,
    progress: Callable[[int], None] | None = None,
    in_bundle: bool = False,
    meta: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None,
) -> int:
    """(Re)build the name index in ``conn`` from ``people``, streamed; return how many.

    Drops and creates the tables in :data:`TABLES`, in one transaction (committed at the end,
    rolled back on an error): level 2 in ``people_search``, levels 1 and 3 in
    ``people_search_plain`` (with :data:`ONE_TABLE_SCHEMA` patched in as ``BUNDLE_SCHEMA``,
    every level in ``people_search``, as before schema 5). ``variants`` is the curator's
    variant table (rows of spellings). ``progress``, if callable, is called with the count so
    far after every batch.
    ``in_bundle``: ``conn`` is a content bundle whose ``people`` table holds the names (each
    person's ``id`` is its rowid; no ``people_search_names``). ``meta`` adds rows to
    ``people_search_meta`` (a callable is called once ``people`` is used up).
    """
    if conn.in_transaction:
        conn.commit()
    count = 0
    try:
        conn.execute("BEGIN")
        for table in TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        schema = BUNDLE_SCHEMA if in_bundle else _STANDALONE_SCHEMA
        split = PLAIN_FTS in schema
        for statement in schema:
            conn.execute(statement)
        rows = _rows(people)
        terms: dict[str, int] = {}
        while True:
            chunk = list(islice(rows, batch))
            if not chunk:
                break
            if not in_bundle:
                conn.executemany(
                    "INSERT INTO people_search_names VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            rowid,
                            p.key,
                            p.surname,
                            p.given,
                            p.patronymic,
                            p.lang,
                            "\n".join(p.other_spellings),
                            _own_display(p),
                        )
                        for rowid, p in chunk
                    ],
                )
            documents = [(rowid, person_tokens(p)) for rowid, p in chunk]
            for _, document in documents:
                for token in document.split(" "):
                    terms[token] = terms.get(token, 0) + 1
            if split:
                halves = [(rowid, split_levels(document)) for rowid, document in documents]
                conn.executemany(
                    "INSERT INTO people_search(rowid, keys) VALUES (?, ?)",
                    [(rowid, two) for rowid, (two, _) in halves],
                )
                conn.executemany(
                    f"INSERT INTO {PLAIN}(rowid, keys) VALUES (?, ?)",
                    [(rowid, plain) for rowid, (_, plain) in halves],
                )
            else:
                conn.executemany("INSERT INTO people_search(rowid, keys) VALUES (?, ?)", documents)
            count += len(chunk)
            if progress is not None:
                progress(count)
        _store_variants(conn, variants)
        conn.executemany("INSERT INTO people_search_terms VALUES (?, ?)", terms.items())
        for fts in ("people_search", PLAIN) if split else ("people_search",):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
        own = {"keys_version": KEYS_VERSION, "people": str(count)}
        if split:
            own["plain_levels"] = PLAIN_LEVELS
        extra = meta() if callable(meta) else meta or {}
        conn.executemany(
            "INSERT INTO people_search_meta VALUES (?, ?)",
            [*own.items(), *((k, v) for k, v in extra.items() if k not in own)],
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return count


def _store_variants(conn: sqlite3.Connection, variants: Iterable[Sequence[str]]) -> None:
    conn.executemany(
        "INSERT INTO people_search_variants VALUES (?, ?)",
        [
            (group, spelling)
            for group, row in enumerate(variants)
            for spelling in row
            if spelling and spelling.strip()
        ],
    )


def set_variants(conn: sqlite3.Connection, variants: Iterable[Sequence[str]]) -> None:
    """Replace the stored variant table (no rebuild of the keys needed: it applies at query
    time)."""
    with conn:
        conn.execute("DELETE FROM people_search_variants")
        _store_variants(conn, variants)


def load_variants(conn: sqlite3.Connection) -> list[tuple[str, ...]]:
    """The stored variant table as rows of spellings."""
    groups: dict[int, list[str]] = {}
    for group, spelling in conn.execute(
        "SELECT grp, spelling FROM people_search_variants ORDER BY rowid"
    ):
        groups.setdefault(group, []).append(spelling)
    return [tuple(v) for v in groups.values()]


def index_meta(conn: sqlite3.Connection) -> dict[str, str]:
    """What ``people_search_meta`` says (empty when there is no index)."""
    try:
        return {
            str(name): str(value)
            for name, value in conn.execute("SELECT name, value FROM people_search_meta LIMIT 100")
        }
    except sqlite3.DatabaseError:
        return {}


def plain_levels(conn: sqlite3.Connection) -> str:
    """The levels ``people_search_plain`` holds ("13"), or "" when ``people_search`` holds
    every level: an index built before schema 5, or a bundle migrated to 5 and not yet
    indexed again (its ``people_search_plain`` is empty)."""
    row = conn.execute("SELECT value FROM people_search_meta WHERE name = 'plain_levels'")
    found = row.fetchone()
    return str(found[0]) if found is not None else ""


def index_rows(conn: sqlite3.Connection) -> dict[str, int | None]:
    """How many people each FTS5 table of the index in ``conn`` holds (``None``: it cannot be
    read): every table must hold every person (``validate`` compares with the people)."""
    try:
        tables = ("people_search", PLAIN) if plain_levels(conn) else ("people_search",)
    except sqlite3.DatabaseError:
        return {}
    return {table: _fts_rows(conn, table) for table in tables}


def _fts_rows(conn: sqlite3.Connection, table: str) -> int | None:
    """How many documents (people) the FTS5 table ``table`` holds, ``None`` when it cannot be
    read. A contentless table cannot be scanned; FTS5 keeps the count, as rows are added and
    deleted, in its averages record (``{table}_data`` row 1: a varint, SQLite's encoding)."""
    try:
        row = conn.execute(f"SELECT block FROM {table}_data WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    block = row[0] if row is not None else b""
    if not isinstance(block, bytes):
        return None
    value = 0
    for number, byte in enumerate(block[:9]):
        if number == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return value  # an empty record: nothing was ever added


def names_sql(conn: sqlite3.Connection) -> str:
    """The query the search loads candidates' names with: from ``people_search_names`` when
    the index was built standalone, else from the bundle's ``people`` table."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'people_search_names'"
    ).fetchone()
    return STANDALONE_NAMES_SQL if row is not None else BUNDLE_NAMES_SQL


def index_is_current(conn: sqlite3.Connection) -> bool:
    """Whether ``conn`` holds a name index built by this version of the key functions."""
    try:
        row = conn.execute(
            "SELECT value FROM people_search_meta WHERE name = 'keys_version'"
        ).fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == KEYS_VERSION
