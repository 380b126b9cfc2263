"""A query to the name index: its slots, and the FTS5 expression for each tier.

A query is split into *slots*, one per name word or patronymic the visitor typed, in any order;
with ``prefix``, the last word may still be being typed. ``fts_expression`` writes what one
tier asks the index for (level 1 keys; level 2 keys and the curator's variants; the last word
as a prefix; level 3 "sounds like"), a prefix of a length with no FTS5 prefix index (three
letters or more, or any prefix of a level in ``people_search_plain``) expanded into the
commonest whole tokens (``Prefixes``).

Each tier asks one table (``tier_table``). In an index split by level (schema 5 on), each
tier's expression holds one level, by three rewrites of what an index in one table is asked
(``Prefixes.split``; the same people are found, or more): in the spelling tier a patronymic
is asked by its father's level-1 key and its level-3 key and relation (every patronymic
indexes both) instead of its level-2 key and relation; in the prefix tier the level-1 prefix
is dropped when the level-2 prefixes already find everyone it finds (always, for the one or
two letters with a prefix index), else its whole tokens are asked by their level-2 twins; in
the weak tier, the father's name before a half-typed oğlu/qızı is asked by its level-3 key.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from kiosk.content.names import fold
from kiosk.content.names.index import PLAIN, plain_levels
from kiosk.content.names.units import WORD_FORM, Unit, split_words, units_of, word_unit
from kiosk.content.names.variants import VariantTable


@dataclass(frozen=True, slots=True)
class Slot:
    unit: Unit
    prefix: bool = False  # the last word, maybe still being typed
    p1: str = ""
    p2: tuple[str, ...] = ()  # level 2 keys the word may begin with
    p3: tuple[str, ...] = ()
    variant_keys: frozenset[str] = frozenset()
    variant_row: tuple[str, ...] = ()
    relation_prefix: str = ""  # the k2 of the father's name before a half-typed oğlu/qızı
    shared: bool = False  # may match a unit another slot matched too


def parse_query(query: str, variants: VariantTable, *, prefix: bool = True) -> list[Slot]:
    """The slots of a query; with ``prefix``, its last word may still be being typed."""
    pairs = split_words(query)[:12]  # no one's name has more words than this
    if not pairs:
        return []
    last_written, last_folded = pairs[-1]
    last_raw1 = fold.spelling_raw(last_folded)
    half_relation = (
        prefix
        and len(pairs) > 1
        and fold.is_relation_prefix(last_raw1)
        and not fold.relation_word(last_raw1)
    )
    units = units_of(pairs[:-1] if half_relation else pairs)
    slots = [_whole_slot(u, variants) for u in units]
    if half_relation:
        # "Xəlil q": the start of qızı, or of another name (Qasımov).
        before = units[-1] if units else None
        father_k2 = before.k2 if before is not None and not before.is_patronymic else ""
        half = _prefix_slot(word_unit(last_written, last_folded), last_raw1)
        slots.append(_replace_slot(half, relation_prefix=father_k2, shared=True))
    elif prefix and units and units[-1].form != WORD_FORM and units[-1].k0 == last_folded:
        last = slots[-1]
        pslot = _prefix_slot(last.unit, units[-1].raw1)
        slots[-1] = _replace_slot(
            pslot, variant_keys=last.variant_keys, variant_row=last.variant_row
        )
    return slots


def _whole_slot(unit: Unit, variants: VariantTable) -> Slot:
    keys, row = variants.alternatives(unit.k2)
    return Slot(unit=unit, variant_keys=keys, variant_row=row)


def _prefix_slot(unit: Unit, raw1: str) -> Slot:
    p2 = fold.classes_prefix(raw1)
    p3 = tuple(dict.fromkeys(k for k in map(fold.coarse, p2) if len(k) >= 2))
    return Slot(unit=unit, prefix=True, p1=raw1, p2=p2, p3=p3)


def _replace_slot(slot: Slot, **changes: Any) -> Slot:
    values = {name: getattr(slot, name) for name in Slot.__slots__}
    values.update(changes)
    return Slot(**values)


def _q(token: str, star: bool = False) -> str:
    return f'"{token}"*' if star else f'"{token}"'


# The lengths of prefix (level digit included) that have an FTS5 prefix index, per table:
# ``people_search``'s ``prefix='2 3'`` (index.py), one or two letters typed; none in
# ``people_search_plain``. A prefix of another length, or of a level in the plain table, is
# expanded through the term table: without its prefix index FTS5 would merge the doclist of
# every token it begins (25-80 ms at 1M names). An index built with '2 3 4' (before) is read
# alike, and one in one table (before schema 5) has '2 3' for every level.
_PREFIX_INDEXED: Final = frozenset({2, 3})
_PLAIN_PREFIX_INDEXED: Final[frozenset[int]] = frozenset()
# A longer prefix becomes at most this many whole tokens, the commonest first.
_EXPANSION: Final = 48
# The level each tier asks, in an index split by level.
_TIER_LEVEL: Final = {"spelling": "1", "script": "2", "prefix": "2", "weak": "3"}


class Prefixes:
    """Turns ``2gaj*`` into ``"2gaj" OR "2gajiav" OR ...`` from the term table, per query;
    knows which table holds each level (``split``: levels 1 and 3 in ``people_search_plain``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._cache: dict[str, list[str]] = {}
        self.plain_levels = plain_levels(conn)
        self.split = bool(self.plain_levels)

    def table(self, level: str) -> str:
        """The FTS5 table that holds ``level``'s tokens."""
        return PLAIN if level in self.plain_levels else "people_search"

    def indexed(self, token: str) -> bool:
        """Whether FTS5 has a prefix index for ``token`` (level digit first) in its table."""
        table = self.table(token[:1])
        return len(token) in (_PREFIX_INDEXED if table != PLAIN else _PLAIN_PREFIX_INDEXED)

    def terms(self, token: str) -> list[str]:
        if self.indexed(token):
            return [_q(token, star=True)]
        return [_q(term) for term in self.expand(token)]

    def expand(self, token: str) -> list[str]:
        """The commonest whole tokens ``token`` begins (at most ``_EXPANSION``)."""
        found = self._cache.get(token)
        if found is None:
            found = [
                str(term)
                for (term,) in self._conn.execute(
                    "SELECT term FROM people_search_terms WHERE term >= ? AND term < ? "
                    "ORDER BY docs DESC LIMIT ?",
                    (token, token + "{", _EXPANSION),
                )
            ]
            self._cache[token] = found
        return found

    def level1_prefix(self, p1: str, p2: Sequence[str]) -> list[str]:
        """What the prefix tier asks for the level-1 prefix ``p1``, with the level-2 prefixes
        ``p2`` (``fold.classes_prefix(p1)``) asked beside it.

        In one table, ``1{p1}*`` as always. Split, level 2 only: every level-1 token ``1X``
        comes with its level-2 twin ``2{classes(X)}`` (index_tokens), and ``classes(X)``
        begins with one of ``p2`` (classes_prefix); so the level-2 prefixes with a prefix
        index find everyone ``1{p1}*`` finds. Only a twin that no such prefix covers (``p2``
        expanded through the term table, or empty: ``p1`` a lone y) is asked by name."""
        if not self.split:
            return self.terms(f"1{p1}")
        starred = [p for p in p2 if self.indexed(f"2{p}")]
        if p2 and len(starred) == len(p2):
            return []
        twins = (fold.classes(term[1:]) for term in self.expand(f"1{p1}"))
        return [_q(f"2{t}") for t in twins if t and not t.startswith(tuple(starred))]


def tier_table(tier: str, prefixes: Prefixes) -> str:
    """The one FTS5 table ``tier`` asks: ``people_search`` unless the index is split."""
    return prefixes.table(_TIER_LEVEL[tier]) if prefixes.split else "people_search"


def _terms(slot: Slot, tier: str, prefixes: Prefixes) -> list[str]:
    u = slot.unit
    terms: list[str] = []
    if u.k1:
        if u.is_patronymic and tier == "spelling" and prefixes.split:
            # The father's name at level 1 and the patronymic's relation at level 3: both
            # indexed by every patronymic, and both in people_search_plain.
            terms.append(f"{_q(f'1{u.k1}')} AND {_q(f'3{u.k3}0{u.relation}')}")
        elif u.is_patronymic:
            level = "3" if tier == "weak" else "2"
            key = u.k3 if tier == "weak" else u.k2
            terms.append(_q(f"{level}{key}0{u.relation}"))
            if tier not in {"weak", "spelling"}:
                terms += [_q(f"2{v}0{u.relation}") for v in slot.variant_keys]
        elif tier == "spelling":
            terms.append(_q(f"1{u.k1}"))
        elif tier == "weak":
            terms.append(_q(f"3{u.k3}"))
        else:
            terms.append(_q(f"2{u.k2}"))
            terms += [_q(f"2{v}") for v in slot.variant_keys]
    if slot.prefix and tier in ("prefix", "weak"):
        if tier == "prefix":
            terms += prefixes.level1_prefix(slot.p1, slot.p2)
            for p in slot.p2:
                terms += prefixes.terms(f"2{p}")
        else:
            for p in slot.p3:
                terms += prefixes.terms(f"3{p}")
        if slot.relation_prefix and tier == "weak" and prefixes.split:
            k3 = fold.coarse(slot.relation_prefix)  # the father's level-3 key, son or daughter
            terms += [_q(f"3{k3}0{relation}") for relation in (fold.SON, fold.DAUGHTER)]
        elif slot.relation_prefix:
            terms += prefixes.terms(f"2{slot.relation_prefix}0")
    return list(dict.fromkeys(terms))


def fts_expression(slots: Sequence[Slot], tier: str, prefixes: Prefixes) -> str:
    parts = []
    for slot in slots:
        terms = _terms(slot, tier, prefixes)
        if not terms:
            return ""
        parts.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(parts)
