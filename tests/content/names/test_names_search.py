"""The search: typing, word order, casing, diacritics, variants, explanations and ranking."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.content.names import (
    KEYS_VERSION,
    PersonNames,
    Strength,
    VariantTable,
    build_index,
    index_is_current,
    search,
    set_variants,
)
from kiosk.content.names.fold import casefold

from .conftest import EXAMPLE_VARIANTS

FAMILY = [
    PersonNames("a1", "Məmmədov", "Əli", "Həsən oğlu", "az"),
    PersonNames("a2", "Məmmədova", "Aynur", "Xəlil qızı", "az"),
    PersonNames("a3", "Гусейнов", "Али", "Халилович", "ru"),
    PersonNames("a4", "Mehdiyev", "Tofiq", "", "az"),
    PersonNames("a5", "Həsənov", "Vüqar", "", "az"),
    PersonNames("a6", "İsmayılov", "İlham", "Qasım oğlu", "az"),
    PersonNames("a7", "Qasımov", "Elçin", "", "az", other_spellings=("Гасымов Эльчин",)),
    PersonNames("a8", "Cəfərov", "Məhəmməd", "", "az"),
    PersonNames("a9", "Aliyev", "Rashid", "", "en"),
]


@pytest.fixture
def family(make_index) -> sqlite3.Connection:
    return make_index(FAMILY, EXAMPLE_VARIANTS)


def keys(conn: sqlite3.Connection, query: str, **kw) -> list[str]:
    return [m.key for m in search(conn, query, **kw)]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Məmmədov", "a1"),
        ("Мамедов", "a1"),
        ("Guseynov", "a3"),
        ("Dzhafarov", "a8"),
        ("Алиев", "a9"),
        ("Исмаилов", "a6"),
        ("Ismayilov", "a6"),
    ],
)
def test_every_prefix_finds_while_typing(family: sqlite3.Connection, typed: str, key: str) -> None:
    """Letter by letter, the person stays in the results (as a prefix match or better)."""
    for end in range(1, len(typed) + 1):
        found = {m.key: m for m in search(family, typed[:end], limit=50)}
        assert key in found, f"{typed[:end]!r} lost {key}"
        assert found[key].strength.rank <= Strength.PREFIX.rank


def test_prefix_is_only_for_the_last_word(family: sqlite3.Connection) -> None:
    assert keys(family, "Məmmədov Əl") == ["a1"]
    assert keys(family, "Məmm Əli", prefix=True) == []


def test_without_prefix_a_beginning_is_not_a_name(family: sqlite3.Connection) -> None:
    assert keys(family, "Məmməd", prefix=False) == []
    assert search(family, "Məmməd")[0].strength is Strength.PREFIX


@pytest.mark.parametrize(
    "query",
    ["Əli Məmmədov", "Məmmədov Əli", "Həsən oğlu Əli Məmmədov", "Али Мамедов Гасан оглы"],
)
def test_any_word_order(family: sqlite3.Connection, query: str) -> None:
    assert keys(family, query, prefix=False) == ["a1"]


@pytest.mark.parametrize(
    ("typed", "strength"),
    [
        ("İsmayılov", Strength.EXACT),
        ("İSMAYILOV", Strength.SPELLING),  # Azerbaijani capitals: I is ı
        ("ismayılov", Strength.EXACT),
        ("ISMAYILOV", Strength.SPELLING),
        ("ismayilov", Strength.SPELLING),
        ("İsmayılov".lower(), Strength.EXACT),  # i + combining dot, from str.lower
        ("İLHAM", Strength.EXACT),
    ],
)
def test_dotted_and_dotless_i(family: sqlite3.Connection, typed: str, strength: Strength) -> None:
    found = search(family, typed, prefix=False)
    assert found[0].key == "a6"
    assert found[0].strength is strength


def test_casefold_of_dotted_capital_is_one_letter() -> None:
    assert casefold("İ") == "i"
    assert casefold("İsmayılov") == "ismayılov"
    assert casefold("i\u0307") == "i"
    assert casefold("ИСМАИЛОВ") == "исмаилов"


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Memmedov", "a1"), ("Huseyn", "a5"), ("Ismayilov", "a6"), ("Cefer", "a8"), ("Elcin", "a7")],
)
def test_typing_without_diacritics(family: sqlite3.Connection, typed: str, key: str) -> None:
    assert key in keys(family, typed)


def test_diacritics_free_typing_is_a_spelling_match(family: sqlite3.Connection) -> None:
    (match,) = [m for m in search(family, "Memmedov", prefix=False) if m.key == "a1"]
    assert match.strength is Strength.SPELLING
    assert match.why[0].rules == ("diacritics",)


def test_variant_table(family: sqlite3.Connection) -> None:
    mehti = search(family, "Мехтиев", prefix=False)
    assert [m.key for m in mehti] == ["a4"]
    assert mehti[0].strength is Strength.VARIANT
    assert mehti[0].why[0].variant == ("Мехти", "Mehdi", "Mekhti")
    assert keys(family, "Магомед", prefix=False) == ["a8"]
    assert search(family, "Касумов", prefix=False)[0].key == "a7"
    assert search(family, "Касумов", prefix=False)[0].strength is Strength.VARIANT


def test_without_the_variant_table_only_sounds_like(family: sqlite3.Connection) -> None:
    empty = VariantTable.from_rows([])
    assert keys(family, "Мехтиев", prefix=False, variants=empty) == ["a4"]
    assert search(family, "Мехтиев", variants=empty)[0].strength is Strength.WEAK
    assert search(family, "Касумов", prefix=False, variants=empty)[0].strength is Strength.WEAK


def test_variants_can_be_replaced_without_a_rebuild(family: sqlite3.Connection) -> None:
    set_variants(family, [])
    assert search(family, "Касумов", prefix=False)[0].strength is Strength.WEAK
    set_variants(family, [("Касум", "Qasım")])
    assert search(family, "Касумов", prefix=False)[0].strength is Strength.VARIANT


def test_variant_rows_sharing_a_spelling_are_one_group() -> None:
    table = VariantTable.from_rows([("Мехти", "Mehdi"), ("Mehdi", "Muhdi"), ("one two", "x")])
    keys_, row = table.alternatives(table_key("Мехти"))
    assert table_key("Muhdi") in keys_
    assert row == ("Мехти", "Mehdi")
    assert len(table.rows) == 2


def table_key(spelling: str) -> str:
    from kiosk.content.names.variants import key_of

    return key_of(spelling)


def test_why_of_a_russian_spelling(family: sqlite3.Connection) -> None:
    match = search(family, "Мамедов", prefix=False)[0]
    assert match.key == "a1"
    assert match.strength is Strength.SCRIPT
    (why,) = match.why
    assert (why.query, why.matched, why.field) == ("Мамедов", "Məmmədov", "surname")
    assert (why.query_script, why.name_script) == ("cyrl", "latn")
    assert why.rules == ("transliteration",)
    assert not match.possibly_other_person


def test_why_of_a_patronymic(family: sqlite3.Connection) -> None:
    match = search(family, "Khalilovna", prefix=False)[0]
    assert match.key == "a2"
    (why,) = match.why
    assert why.matched == "Xəlil qızı"
    assert why.field == "patronymic"
    assert (why.relation, why.father) == ("daughter", "Xəlil")
    assert "patronymic" in why.rules
    assert match.strength is Strength.SCRIPT


def test_why_of_a_feminine_form(family: sqlite3.Connection) -> None:
    found = {m.key: m for m in search(family, "Məmmədov", prefix=False)}
    assert found["a1"].strength is Strength.EXACT
    assert found["a2"].strength is Strength.SPELLING
    assert found["a2"].why[0].rules == ("feminine",)
    assert [m.key for m in search(family, "Məmmədov", prefix=False)] == ["a1", "a2"]


def test_weak_match_is_flagged(family: sqlite3.Connection) -> None:
    found = {m.key: m for m in search(family, "Hüseynov", prefix=False)}
    assert found["a3"].strength is Strength.SCRIPT
    assert found["a5"].strength is Strength.WEAK
    assert found["a5"].possibly_other_person
    assert found["a5"].why[0].rules == ("sounds_like",)
    assert [m.key for m in search(family, "Hüseynov", prefix=False)] == ["a3", "a5"]


def test_other_spellings_are_searched(family: sqlite3.Connection) -> None:
    match = search(family, "Гасымов Эльчин", prefix=False)[0]
    assert match.key == "a7"
    assert match.strength is Strength.EXACT
    assert {w.field for w in match.why} == {"other"}


def test_father_name_alone_and_half_typed_relation(family: sqlite3.Connection) -> None:
    assert "a2" in keys(family, "Xəlil", prefix=False)
    assert keys(family, "Aynur Xəlil q")[0] == "a2"
    assert keys(family, "Aynur Халил к")[0] == "a2"


def test_json_shape(family: sqlite3.Connection) -> None:
    data = search(family, "Khalilovna")[0].to_dict()
    assert set(data) == {"key", "name", "strength", "possibly_other_person", "why"}
    assert data["name"] == "Məmmədova Aynur Xəlil qızı"
    assert data["why"][0]["relation"] == "daughter"


def test_results_best_first_and_limited(make_index) -> None:
    people = [PersonNames(f"k{i}", "Məmmədov", f"Ad{chr(97 + i % 26)}") for i in range(40)]
    people += [PersonNames("ru", "Мамедов", "Али"), PersonNames("ex", "Məmmədov", "Əli")]
    conn = make_index(people)
    found = search(conn, "Məmmədov Əli", limit=5)
    assert [m.key for m in found][:2] == ["ex", "ru"]
    assert len(search(conn, "Məmmədov", limit=7)) == 7
    assert search(conn, "Məmmədov", limit=0) == []
    ranks = [m.strength.rank for m in search(conn, "Mamedov", limit=50)]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("query", ["", "   ", "123", "—", "oğlu", "qızı", "-"])
def test_queries_with_no_name(family: sqlite3.Connection, query: str) -> None:
    assert search(family, query) == []


def test_build_streams_and_rebuilds(make_index) -> None:
    seen: list[int] = []
    conn = sqlite3.connect(":memory:")
    people = (PersonNames(f"g{i}", "Əliyev", "Əli") for i in range(12_000))
    assert build_index(conn, people, progress=seen.append) == 12_000
    assert seen == [5000, 10_000, 12_000]
    assert index_is_current(conn)
    assert conn.execute("SELECT value FROM people_search_meta").fetchone()[0] == KEYS_VERSION
    build_index(conn, [PersonNames("only", "Əliyev")])
    assert keys(conn, "Əliyev") == ["only"]


def test_failed_build_leaves_the_old_index(make_index) -> None:
    conn = make_index([PersonNames("old", "Əliyev")])

    def broken():
        yield PersonNames("new", "Əliyev")
        raise RuntimeError("half-read file")

    with pytest.raises(RuntimeError):
        build_index(conn, broken())
    assert keys(conn, "Əliyev") == ["old"]


def test_index_is_not_current_without_tables() -> None:
    assert not index_is_current(sqlite3.connect(":memory:"))


def test_search_runs_on_a_read_only_connection(tmp_path) -> None:
    path = tmp_path / "names.sqlite"
    with sqlite3.connect(path) as conn:
        build_index(conn, FAMILY, EXAMPLE_VARIANTS)
    conn.close()
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert search(ro, "Мамедов")[0].key == "a1"
    ro.close()
