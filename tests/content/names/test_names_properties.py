"""Properties of the keys and the search, for any text a visitor or a file may hold."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.names import PersonNames, build_index, fold, search
from kiosk.content.names.units import analyse

from .conftest import EXAMPLE_VARIANTS

AZ = "abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"
RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
name_words = st.text(alphabet=AZ + RU, min_size=1, max_size=14)


@given(st.text())
def test_casefold_is_idempotent(text: str) -> None:
    once = fold.casefold(text)
    assert fold.casefold(once) == once


@given(st.text())
def test_keys_never_raise_and_are_ascii(text: str) -> None:
    for unit in analyse(text):
        for key in (unit.k1, unit.k2, unit.k3, unit.raw1, unit.raw2):
            assert key.isascii()
            assert key == "" or key.isalpha()


@given(st.text())
def test_spelling_and_coarse_keys_are_idempotent(text: str) -> None:
    for unit in analyse(text):
        assert fold.spelling(unit.k1) == unit.k1
        assert fold.coarse(unit.k3) == unit.k3


@given(name_words)
def test_case_does_not_matter(word: str) -> None:
    upper = analyse(word.upper())
    lower = analyse(word.lower())
    assert [u.k1 for u in upper] == [u.k1 for u in lower]


@given(name_words)
def test_every_prefix_of_a_key_is_found_while_typing(word: str) -> None:
    """What a half-typed word gives is the start of what the whole word gives."""
    whole = fold.classes(fold.spelling_raw(fold.casefold(word)))
    folded = fold.casefold(word)
    for end in range(1, len(folded) + 1):
        alternatives = fold.classes_prefix(fold.spelling_raw(folded[:end]))
        assert not alternatives or any(whole.startswith(a) for a in alternatives), (
            folded[:end],
            alternatives,
            whole,
        )


_CONN = sqlite3.connect(":memory:")
build_index(
    _CONN,
    [
        PersonNames("a", "Məmmədov", "Əli", "Həsən oğlu"),
        PersonNames("b", "Гусейнова", "Лейла", "Халиловна"),
        PersonNames("c", "Qasımov", "", "", other_spellings=("Гасымов",)),
    ],
    EXAMPLE_VARIANTS,
)


@settings(max_examples=300)
@given(st.text(), st.booleans(), st.integers(min_value=-1, max_value=30))
def test_any_query_never_raises(query: str, prefix: bool, limit: int) -> None:
    found = search(_CONN, query, limit=limit, prefix=prefix)
    assert len(found) <= max(limit, 0)


@given(st.lists(name_words, min_size=1, max_size=4).map(" ".join), st.booleans())
def test_any_name_like_query_never_raises(query: str, prefix: bool) -> None:
    ranks = [m.strength.rank for m in search(_CONN, query, prefix=prefix)]
    assert ranks == sorted(ranks)


@given(name_words)
def test_a_name_always_finds_itself_exactly(word: str) -> None:
    units = analyse(word)
    if not units:
        return
    conn = sqlite3.connect(":memory:")
    build_index(conn, [PersonNames("self", surname=word)])
    found = search(conn, word, prefix=False)
    assert found and found[0].key == "self"
    conn.close()
