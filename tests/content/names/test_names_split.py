"""The name index split by level (schema 5): level 2 in ``people_search`` with its prefix
indexes, levels 1 and 3 in ``people_search_plain`` without; each tier asks one table, and an
index in one table (built before) searches alike. Every name is a generic stem or obviously
synthetic."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given

from kiosk.content.names import PersonNames, build_index, fold, search
from kiosk.content.names import index as index_module
from kiosk.content.names import query as query_module
from kiosk.content.names.index import PLAIN, index_rows, person_tokens, split_levels
from kiosk.content.names.query import Prefixes, fts_expression, parse_query, tier_table
from kiosk.content.names.variants import VariantTable

from .conftest import EXAMPLE_VARIANTS
from .test_names_prefix_indexes import TYPED
from .test_names_properties import name_words
from .test_names_recall import GROUPS, NEAR_NAMES, PAIRS
from .test_names_search import FAMILY

TIERS = ("spelling", "script", "prefix", "weak")
# Every person found, in every tier: no limit cuts a tier short.
ALL = 10_000


def generated(n: int = 400, seed: int = 5) -> list[PersonNames]:
    """SYNTHETIC people: the recall test's generic stems and spellings combined at random."""
    rng = random.Random(seed)
    surnames = [s for f, r, typed in GROUPS if f == "surname" for s in (r, *typed)]
    givens = [s for f, r, typed in GROUPS if f == "given" for s in (r, *typed)]
    fathers = [s for f, r, typed in GROUPS if f == "patronymic" for s in (r, *typed)]
    return [
        PersonNames(
            key=f"synthetic-{i:04d}",
            surname=rng.choice(surnames),
            given=rng.choice(givens),
            patronymic=rng.choice([*fathers, ""]),
            other_spellings=(rng.choice(surnames),) if i % 7 == 0 else (),
        )
        for i in range(n)
    ]


def recall_people() -> list[PersonNames]:
    return [
        PersonNames(key=f"p{i}", **{field: recorded})  # type: ignore[arg-type]
        for i, (field, recorded, _) in enumerate(GROUPS)
    ] + [PersonNames(key=f"n{i}", surname=recorded) for i, (recorded, _) in enumerate(NEAR_NAMES)]


def one_table(people: list[PersonNames], monkeypatch: pytest.MonkeyPatch) -> sqlite3.Connection:
    """An index as built before schema 5: every level in ``people_search``."""
    conn = sqlite3.connect(":memory:")
    with monkeypatch.context() as patch:
        standalone = tuple(
            s for s in index_module._STANDALONE_SCHEMA if s != index_module.PLAIN_FTS
        )
        patch.setattr(index_module, "_STANDALONE_SCHEMA", standalone)
        build_index(conn, people, EXAMPLE_VARIANTS)
    return conn


def typing(text: str) -> Iterator[str]:
    """``text`` as typed, letter by letter."""
    for end in range(1, len(text) + 1):
        yield text[:end]


def queries(people: list[PersonNames]) -> list[str]:
    """What a visitor may type: the recall spellings, near names, a surname and a given name
    or patronymic, each letter by letter; a father's name before a half-typed oğlu/qızı."""
    whole = [typed for _, _, typed in PAIRS] + [typed for _, typed in NEAR_NAMES] + TYPED
    whole += [f"{p.surname} {p.given}" for p in people[:30]]
    whole += [f"{p.given} {p.patronymic}" for p in people[:30] if p.patronymic]
    whole += ["Xəlil q", "Həsən o", "Халил к", "Məmmədov Xəlil q", "Hasan o"]
    return list(dict.fromkeys(q for text in whole for q in typing(text)))


def vocabulary(conn: sqlite3.Connection, table: str) -> dict[str, int]:
    """Each token ``table`` holds and how many people have it (FTS5's own vocabulary)."""
    conn.execute(f"CREATE VIRTUAL TABLE temp.vocab_{table} USING fts5vocab(main, {table}, row)")
    return {str(t): int(n) for t, n in conn.execute(f"SELECT term, doc FROM temp.vocab_{table}")}


def test_each_table_holds_exactly_its_levels(make_index) -> None:
    """Level 2 in people_search, levels 1 and 3 in people_search_plain, each person in both
    under the same rowid; the term table keeps every token of every level, as before."""
    people = generated()
    conn = make_index(people, EXAMPLE_VARIANTS)
    two, plain = vocabulary(conn, "people_search"), vocabulary(conn, PLAIN)
    assert two and all(token[0] == "2" for token in two)
    assert plain and all(token[0] in "13" for token in plain)
    assert {token[0] for token in plain} == {"1", "3"}
    terms = dict(conn.execute("SELECT term, docs FROM people_search_terms").fetchall())
    assert {**two, **plain} == terms
    assert index_rows(conn) == {"people_search": len(people), PLAIN: len(people)}
    for number, person in enumerate(people[:20], start=1):
        level2, rest = split_levels(person_tokens(person))
        for token in level2.split():
            found = conn.execute(
                "SELECT rowid FROM people_search WHERE people_search MATCH ?", (f'"{token}"',)
            )
            assert number in {r[0] for r in found}
        for token in rest.split():
            found = conn.execute(
                f"SELECT rowid FROM {PLAIN} WHERE {PLAIN} MATCH ?", (f'"{token}"',)
            )
            assert number in {r[0] for r in found}


def _covered(word_k1: str) -> None:
    """Every prefix of a level-1 key: a level-2 prefix of ``classes_prefix`` begins the key's
    level-2 twin (or there is none: the prefix is a lone y)."""
    twin = fold.classes(word_k1)
    for p1 in typing(word_k1):
        p2 = fold.classes_prefix(p1)
        if not p2:
            assert set(p1) == {"y"}, p1
            continue
        assert twin.startswith(p2), (word_k1, p1, p2, twin)


def test_the_level2_prefixes_find_everyone_the_level1_prefix_finds() -> None:
    """Why the prefix tier asks no level-1 prefix of a split index: every level-1 token has
    its level-2 twin in the same document, and whatever begins the level-1 key, one of the
    level-2 prefixes asked beside it begins the twin. Over the recall fixtures and generated
    names; the lone y (no level-2 prefix) has its level-1 tokens asked by their twins."""
    checked = 0
    for person in [*recall_people(), *generated(), *FAMILY]:
        document = person_tokens(person).split()
        for token in document:
            if token[0] == "1":
                assert f"2{fold.classes(token[1:])}" in document, (person, token)
                _covered(token[1:])
                checked += 1
    assert checked > 1000


@given(name_words)
def test_every_prefix_of_any_word_has_its_level2_prefix(word: str) -> None:
    for token in person_tokens(
        PersonNames(key="x", surname=word, patronymic=f"{word} oğlu")
    ).split():
        if token[0] == "1":
            _covered(token[1:])


def test_no_tier_asks_two_tables(make_index) -> None:
    """Each tier's expression holds only tokens of the table it asks: level 1 (spelling) and 3
    (weak) of people_search_plain, level 2 (script, prefix) of people_search; and no prefix of
    a level in people_search_plain is handed to FTS5 (it has no prefix index)."""
    people = generated()
    conn = make_index(people, EXAMPLE_VARIANTS)
    prefixes = Prefixes(conn)
    table_levels = {"people_search": "2", PLAIN: "13"}
    variants = VariantTable.from_rows(EXAMPLE_VARIANTS)
    asked = 0
    for typed in queries(people):
        slots = parse_query(typed, variants)
        for tier in TIERS:
            expression = fts_expression(slots, tier, prefixes)
            levels = table_levels[tier_table(tier, prefixes)]
            tokens = re.findall(r'"([^"]*)"', expression)
            assert all(t[0] in levels for t in tokens), (typed, tier, expression)
            assert not re.search(r'"[13][^"]*"\*', expression), (typed, tier, expression)
            asked += len(tokens)
    assert asked > 10_000
    (sql,) = conn.execute(f"SELECT sql FROM sqlite_master WHERE name = '{PLAIN}'").fetchone()
    assert "prefix" not in sql and not query_module._PLAIN_PREFIX_INDEXED


def test_a_one_table_index_asks_people_search_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """An index built before schema 5 is asked exactly as then: people_search, every tier,
    a patronymic by its level-2 key in the spelling tier, a level-1 prefix as a prefix."""
    old = one_table(FAMILY, monkeypatch)
    assert old.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{PLAIN}'").fetchone() is None
    assert index_rows(old) == {"people_search": len(FAMILY)}
    prefixes = Prefixes(old)
    assert not prefixes.split
    assert {tier_table(tier, prefixes) for tier in TIERS} == {"people_search"}
    slots = parse_query("Məmmədov Xəlil qızı", VariantTable(), prefix=False)
    assert fts_expression(slots, "spelling", prefixes) == '("1memmedov") AND ("2galil0d")'
    assert '"1me"*' in fts_expression(parse_query("Me", VariantTable()), "prefix", prefixes)
    new = sqlite3.connect(":memory:")
    build_index(new, FAMILY, EXAMPLE_VARIANTS)
    split = Prefixes(new)
    assert fts_expression(slots, "spelling", split) == '("1memmedov") AND ("1xelil" AND "3gl0d")'
    assert "1me" not in fts_expression(parse_query("Me", VariantTable()), "prefix", split)


@pytest.mark.parametrize("people", ["recall", "generated", "family"])
def test_a_one_table_index_finds_what_a_split_one_finds(
    people: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same people, strengths and reasons, in the same order, for every query typed
    letter by letter, whole or as a prefix: the recall spellings and near names, generated
    names, a patronymic beside a given name, a father's name before a half-typed qızı.

    At the kiosk's limit (20) too, but where more people match than that: the split index's
    spelling tier asks a patronymic at level 1, so it stops at the strongest matches sooner,
    and its page may hold stronger ones (never fewer, never weaker, place by place)."""
    listed = {"recall": recall_people, "generated": generated, "family": lambda: FAMILY}[people]()
    old = one_table(listed, monkeypatch)
    new = sqlite3.connect(":memory:")
    build_index(new, listed, EXAMPLE_VARIANTS)
    found = 0
    for typed in queries(listed):
        for prefix in (True, False):
            before = search(old, typed, ALL, prefix=prefix)
            assert search(new, typed, ALL, prefix=prefix) == before, (typed, prefix)
            found += len(before)
            page, old_page = search(new, typed, prefix=prefix), search(old, typed, prefix=prefix)
            if people != "generated" or len(before) <= 20:
                assert page == old_page, (typed, prefix)
            else:
                assert len(page) == len(old_page), (typed, prefix)
                assert all(
                    m.strength.rank <= o.strength.rank for m, o in zip(page, old_page, strict=True)
                ), (typed, prefix)
    assert found > 1000


def test_a_lone_y_is_still_a_prefix(make_index) -> None:
    """'Y' has no level-2 prefix (what a y is depends on the letter after it): the names its
    level-1 prefix begins are found through their level-2 twins."""
    people = [
        PersonNames("synthetic-1", "Yusifov", "Əli"),
        PersonNames("synthetic-2", "Ylmazov", "Əli"),
        PersonNames("synthetic-3", "Məmmədov", "Əli"),
    ]
    conn = make_index(people)
    for typed in ("Y", "Əli Y", "y"):
        assert sorted(m.key for m in search(conn, typed)) == ["synthetic-1", "synthetic-2"], typed
