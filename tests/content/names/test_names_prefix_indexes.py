"""The FTS5 prefix indexes: what the query asks for has one, and an older index searches alike."""

from __future__ import annotations

import re
import sqlite3

import pytest

from kiosk.content.names import PersonNames, Strength, VariantTable, build_index, search
from kiosk.content.names import index as index_module
from kiosk.content.names import query as query_module
from kiosk.content.names.index import person_tokens
from kiosk.content.names.query import Prefixes, fts_expression, parse_query

from .conftest import EXAMPLE_VARIANTS
from .test_names_search import FAMILY

# What bundles were built with before the prefix indexes were cut (issue 18).
OLD_PREFIX = "2 3 4"
TYPED = ["Məmmədov", "Мамедов", "Guseynov", "Xəlil qızı", "Гасымов Эльчин", "Aliyev", "İsm"]


def _declared(sql: str) -> set[int]:
    found = re.search(r"prefix='([0-9 ]*)'", sql)
    return {int(n) for n in found[1].split()} if found else set()


def _with_prefix(conn: sqlite3.Connection, people: list[PersonNames], prefix: str) -> None:
    """The FTS5 table made again with other prefix indexes, from the same documents."""
    option = f", prefix='{prefix}'" if prefix else ""
    with conn:
        conn.execute("DROP TABLE people_search")
        conn.execute(
            "CREATE VIRTUAL TABLE people_search USING fts5(keys, content='', detail=none, "
            f"columnsize=0{option}, tokenize='ascii')"
        )
        conn.executemany(
            "INSERT INTO people_search(rowid, keys) VALUES (?, ?)",
            [(number, person_tokens(p)) for number, p in enumerate(people, start=1)],
        )


def _prefixes_asked(conn: sqlite3.Connection, typed: str) -> set[int]:
    """The lengths of the prefixes (level digit included) the search hands FTS5 as ``"..."*``
    while ``typed`` is typed letter by letter, in every tier."""
    asked: set[int] = set()
    prefixes = Prefixes(conn)
    for end in range(1, len(typed) + 1):
        slots = parse_query(typed[:end], VariantTable.from_rows(EXAMPLE_VARIANTS))
        for tier in ("spelling", "script", "prefix", "weak"):
            expression = fts_expression(slots, tier, prefixes)
            asked.update(len(token) for token in re.findall(r'"([0-9a-z]+)"\*', expression))
    return asked


def test_the_query_asks_fts5_only_for_indexed_prefixes(make_index) -> None:
    """Every prefix handed to FTS5 has a prefix index; a longer or shorter one is expanded
    through the term table (FTS5 would otherwise merge the doclist of every token it begins)."""
    conn = make_index(FAMILY, EXAMPLE_VARIANTS)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'people_search'").fetchone()
    declared = _declared(sql)
    assert declared == _declared(index_module._FTS)
    assert declared == set(query_module._PREFIX_INDEXED)
    for typed in TYPED:
        assert _prefixes_asked(conn, typed) <= declared, typed


@pytest.mark.parametrize("typed", TYPED)
def test_an_index_built_with_the_old_prefixes_searches_alike(make_index, typed: str) -> None:
    """A bundle built before the cut (prefix '2 3 4') gives the same results, letter by letter,
    as one built now: FTS5 answers a prefix query alike with or without a prefix index."""
    now = make_index(FAMILY, EXAMPLE_VARIANTS)
    old = make_index(FAMILY, EXAMPLE_VARIANTS)
    _with_prefix(old, FAMILY, OLD_PREFIX)
    (sql,) = old.execute("SELECT sql FROM sqlite_master WHERE name = 'people_search'").fetchone()
    assert _declared(sql) == {2, 3, 4}
    for end in range(1, len(typed) + 1):
        assert search(old, typed[:end], limit=50) == search(now, typed[:end], limit=50)


def test_a_short_prefix_among_many_alike_fills_a_page_with_names_it_begins() -> None:
    """With many names beginning alike, a short prefix still answers with names it begins."""
    people = [
        PersonNames(f"synthetic-{i:04d}", surname, "Əli", "", "az")
        for i, surname in enumerate(
            ["Məmmədov", "Məhərrəmov", "Mehdiyev", "Musayev", "Mirzəyev"] * 40
        )
    ]
    conn = sqlite3.connect(":memory:")
    build_index(conn, people)
    for typed in ("M", "Mə", "Məm", "Мам", "Mu", "Məmmə", "Mirz", "Мусаев"):
        found = search(conn, typed)
        assert len(found) == 20, typed
        assert all(m.strength.rank <= Strength.PREFIX.rank for m in found), typed
    conn.close()


def test_a_rare_name_after_a_surname_is_found_from_its_first_letter() -> None:
    """'Zeynalov A', 'Zeynalov Ay'...: one or two letters are answered by the prefix indexes,
    never by the commonest tokens only, so a name rarer than 48 others beginning alike is not
    lost while the visitor types its first letters."""
    common = [f"A{a}a{b}" for a in "bdlmnrtv" for b in "bdlmnrtv"]  # generated, not names
    people = [
        PersonNames(f"synthetic-{i:04d}", "Məmmədov", given, "", "az")
        for i, given in enumerate(common * 3)
    ]
    people.append(PersonNames("synthetic-rare", "Zeynalov", "Aydın", "", "az"))
    conn = sqlite3.connect(":memory:")
    build_index(conn, people)
    for level in "12":  # more common tokens than an expansion takes, at either level
        (more,) = conn.execute(
            "SELECT count(*) FROM people_search_terms WHERE term > ? AND term < ? AND docs > 1",
            (f"{level}a", f"{level}b"),
        ).fetchone()
        assert more > query_module._EXPANSION
    for end in range(1, len("Aydın") + 1):
        typed = f"Zeynalov {'Aydın'[:end]}"
        assert [m.key for m in search(conn, typed)] == ["synthetic-rare"], typed
    conn.close()
