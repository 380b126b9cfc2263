"""Search the name index: candidates from FTS5, tier by tier, then ranked and explained here.

A query is split into *slots*, one per name word or patronymic the visitor typed, in any order.
The index is asked tier by tier, strongest first (level 1 keys, then level 2 keys and the
curator's variants, then the last word as a prefix, then level 3 "sounds like"), each with a
limit, until enough candidates are found; each candidate's names are then compared with the
query here, slot by slot, to find each slot's strength and the reasons. A result is as strong
as its weakest slot.
"""

from __future__ import annotations

import gc
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any, Final

from kiosk.content.names import fold
from kiosk.content.names.index import default_display, load_variants, names_sql
from kiosk.content.names.units import (
    SUFFIX_FORM,
    WORD_FORM,
    Unit,
    analyse,
    split_words,
    units_of,
    word_unit,
)
from kiosk.content.names.variants import VariantTable


class Strength(StrEnum):
    """How a result matched, strongest first."""

    EXACT = "exact"  # as typed, ignoring case
    SPELLING = "spelling"  # same alphabet; diacritics, ё/е, or the feminine/masculine form
    SCRIPT = "script"  # another alphabet or transcription (Мамедов, Mammadov for Məmmədov)
    VARIANT = "variant"  # the curator's variant table (Мехти = Mehdi)
    PREFIX = "prefix"  # the last word, still being typed, begins the name
    WEAK = "weak"  # sounds like: possibly another person

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK: Final = {s: i for i, s in enumerate(Strength)}
# Other spellings: one per line (standalone) or "; " between them (a bundle's people.csv).
_OTHER_SPLIT: Final = re.compile(r"[;\n]")

RELATION_NAMES: Final = {fold.SON: "son", fold.DAUGHTER: "daughter"}


@dataclass(frozen=True, slots=True)
class WordWhy:
    """Why one word (or patronymic) of the query matched a part of the name.

    ``rules`` name what was forgiven, a subset of: ``exact``, ``case``, ``diacritics``,
    ``feminine`` (the name is the feminine form of the word typed), ``masculine``,
    ``transliteration`` (another alphabet), ``transcription`` (another Latin spelling),
    ``patronymic`` (another form of the patronymic: Khalilovna = Xəlil qızı), ``father``
    (the word typed is the father's name), ``variant`` (the curator's table: see ``variant``),
    ``prefix``, ``sounds_like``.
    """

    query: str  # as typed: "Мамедов", "Khalilovna"
    matched: str  # as recorded: "Məmmədov", "Xəlil qızı"
    field: str  # surname, given, patronymic, other
    strength: Strength
    rules: tuple[str, ...]
    query_script: str  # latn, cyrl, other
    name_script: str
    relation: str = ""  # son, daughter: for a patronymic
    father: str = ""  # the father's name as recorded, for a patronymic
    variant: tuple[str, ...] = ()  # the curator's row, for a variant

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "query": self.query,
            "matched": self.matched,
            "field": self.field,
            "strength": str(self.strength),
            "rules": list(self.rules),
            "query_script": self.query_script,
            "name_script": self.name_script,
        }
        if self.relation:
            out["relation"] = self.relation
            out["father"] = self.father
        if self.variant:
            out["variant"] = list(self.variant)
        return out


@dataclass(frozen=True, slots=True)
class Match:
    """One result: the person's key, the name to show, how strong, and why."""

    key: str
    name: str
    strength: Strength
    why: tuple[WordWhy, ...]
    lang: str = ""  # the language the name was recorded in

    @property
    def possibly_other_person(self) -> bool:
        """A weak ("sounds like") match: the UI says it may be another person."""
        return self.strength is Strength.WEAK

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "strength": str(self.strength),
            "possibly_other_person": self.possibly_other_person,
            "why": [w.to_dict() for w in self.why],
        }


@dataclass(frozen=True, slots=True)
class _Slot:
    unit: Unit
    prefix: bool = False  # the last word, maybe still being typed
    p1: str = ""
    p2: tuple[str, ...] = ()  # level 2 keys the word may begin with
    p3: tuple[str, ...] = ()
    variant_keys: frozenset[str] = frozenset()
    variant_row: tuple[str, ...] = ()
    relation_prefix: str = ""  # the k2 of the father's name before a half-typed oğlu/qızı
    shared: bool = False  # may match a unit another slot matched too


@dataclass
class _Candidate:
    rowid: int
    key: str
    surname: str
    given: str
    patronymic: str
    lang: str
    other: str
    display: str | None
    units: list[tuple[str, Unit]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# The query


def parse_query(query: str, variants: VariantTable, *, prefix: bool = True) -> list[_Slot]:
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


def _whole_slot(unit: Unit, variants: VariantTable) -> _Slot:
    keys, row = variants.alternatives(unit.k2)
    return _Slot(unit=unit, variant_keys=keys, variant_row=row)


def _prefix_slot(unit: Unit, raw1: str) -> _Slot:
    p2 = fold.classes_prefix(raw1)
    p3 = tuple(dict.fromkeys(k for k in map(fold.coarse, p2) if len(k) >= 2))
    return _Slot(unit=unit, prefix=True, p1=raw1, p2=p2, p3=p3)


def _replace_slot(slot: _Slot, **changes: Any) -> _Slot:
    values = {name: getattr(slot, name) for name in _Slot.__slots__}
    values.update(changes)
    return _Slot(**values)


def _q(token: str, star: bool = False) -> str:
    return f'"{token}"*' if star else f'"{token}"'


# Prefixes up to this many characters (level digit included) have an FTS5 prefix index.
_PREFIX_INDEXED: Final = 4
# A longer prefix becomes at most this many whole tokens, the commonest first.
_EXPANSION: Final = 48


class _Prefixes:
    """Turns ``2gaji*`` into ``"2gaji" OR "2gajiav" OR ...`` from the term table, per query."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._cache: dict[str, list[str]] = {}

    def terms(self, token: str) -> list[str]:
        if len(token) <= _PREFIX_INDEXED:
            return [_q(token, star=True)]
        found = self._cache.get(token)
        if found is None:
            found = [
                _q(term)
                for (term,) in self._conn.execute(
                    "SELECT term FROM people_search_terms WHERE term >= ? AND term < ? "
                    "ORDER BY docs DESC LIMIT ?",
                    (token, token + "{", _EXPANSION),
                )
            ]
            self._cache[token] = found
        return found


def _terms(slot: _Slot, tier: str, prefixes: _Prefixes) -> list[str]:
    u = slot.unit
    terms: list[str] = []
    if u.k1:
        if u.is_patronymic:
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
            terms += prefixes.terms(f"1{slot.p1}")
            for p in slot.p2:
                terms += prefixes.terms(f"2{p}")
        else:
            for p in slot.p3:
                terms += prefixes.terms(f"3{p}")
        if slot.relation_prefix:
            terms += prefixes.terms(f"2{slot.relation_prefix}0")
    return list(dict.fromkeys(terms))


def _expression(slots: Sequence[_Slot], tier: str, prefixes: _Prefixes) -> str:
    parts = []
    for slot in slots:
        terms = _terms(slot, tier, prefixes)
        if not terms:
            return ""
        parts.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(parts)


# ---------------------------------------------------------------------------------------------
# Comparing a slot with one unit of a name


def _compare(slot: _Slot, field_name: str, n: Unit) -> tuple[Strength, tuple[str, ...]] | None:
    q = slot.unit
    best: tuple[Strength, tuple[str, ...]] | None = None
    if q.k1:
        best = _compare_whole(slot, field_name, n)
    if slot.prefix and (best is None or best[0].rank > Strength.PREFIX.rank):
        found = _compare_prefix(slot, n)
        if found is not None and (best is None or found[0].rank < best[0].rank):
            best = found
    return best


def _compare_whole(
    slot: _Slot, field_name: str, n: Unit
) -> tuple[Strength, tuple[str, ...]] | None:
    q = slot.unit
    rules: list[str] = []
    if q.is_patronymic and n.is_patronymic:
        if q.relation != n.relation:
            return None
        if q.form != n.form:
            rules.append("patronymic")
    elif q.is_patronymic:
        if field_name != "patronymic":
            return None
        rules.append("father")  # the record has the father's name alone
    elif n.is_patronymic:
        rules.append("father")
    if q.k0 == n.k0 and not rules:
        return Strength.EXACT, ("exact",)
    if rules == ["father"] and n.form == WORD_FORM and q.k0 == fold.casefold(n.father):
        return Strength.EXACT, ("exact", "father")
    if q.feminine != n.feminine:
        rules.append("feminine" if n.feminine else "masculine")
    other_script = q.script != n.script
    if q.k1 == n.k1:
        if other_script:
            return Strength.SCRIPT, (*rules, "transliteration")
        if _differs_beyond_gender(q, n):
            rules.append("diacritics" if _strip(q.k0) != _strip(n.k0) else "case")
        return Strength.SPELLING, tuple(rules) or ("case",)
    if q.k2 == n.k2:
        return Strength.SCRIPT, (*rules, "transliteration" if other_script else "transcription")
    if n.k2 in slot.variant_keys:
        return Strength.VARIANT, (*rules, "variant")
    if q.k3 == n.k3:
        return Strength.WEAK, (*rules, "sounds_like")
    return None


def _strip(k0: str) -> str:
    return k0[:-1] if k0.endswith(("ova", "eva", "ова", "ева")) else k0


def _differs_beyond_gender(q: Unit, n: Unit) -> bool:
    return _strip(q.k0) != _strip(n.k0) if q.feminine != n.feminine else q.k0 != n.k0


def _compare_prefix(slot: _Slot, n: Unit) -> tuple[Strength, tuple[str, ...]] | None:
    if slot.relation_prefix and n.is_patronymic and n.k2 == slot.relation_prefix:
        return Strength.PREFIX, ("prefix", "patronymic")
    other = ("transliteration",) if slot.unit.script != n.script else ()
    if slot.p1 and (n.raw1.startswith(slot.p1) or n.k1.startswith(slot.p1)):
        return Strength.PREFIX, ("prefix", *other)
    if any(n.raw2.startswith(p) or n.k2.startswith(p) for p in slot.p2):
        return Strength.PREFIX, ("prefix", *other)
    if any(n.k3.startswith(p) for p in slot.p3):
        return Strength.WEAK, ("prefix", "sounds_like")
    return None


# ---------------------------------------------------------------------------------------------
# Ranking one candidate

_FIELD_PENALTY: Final = {"surname": 0, "given": 0, "name": 0, "patronymic": 1, "other": 2}


def _units(c: _Candidate) -> list[tuple[str, Unit]]:
    return [(f, u) for f, text in _fields(c) for u in analyse(text)]


def _fields(c: _Candidate) -> list[tuple[str, str]]:
    if c.surname or c.given or c.patronymic:
        out = [("surname", c.surname), ("given", c.given), ("patronymic", c.patronymic)]
    else:  # the name as recorded, not split into its parts
        out = [("name", c.display or "")]
    out += [("other", line) for line in _OTHER_SPLIT.split(c.other) if line.strip()]
    return out


def _judge(slots: Sequence[_Slot], c: _Candidate) -> tuple[tuple[int, ...], Match] | None:
    units = _units(c)
    pairs: list[tuple[int, int, int, int, Strength, tuple[str, ...]]] = []
    for si, slot in enumerate(slots):
        for ui, (field_name, unit) in enumerate(units):
            found = _compare(slot, field_name, unit)
            if found is not None:
                strength, rules = found
                pairs.append((strength.rank, _FIELD_PENALTY[field_name], si, ui, strength, rules))
    pairs.sort(key=lambda p: p[:4])
    chosen: dict[int, tuple[int, Strength, tuple[str, ...]]] = {}
    used: set[int] = set()
    for _rank, _pen, si, ui, strength, rules in pairs:
        if si in chosen or (ui in used and not slots[si].shared):
            continue
        chosen[si] = (ui, strength, rules)
        if not slots[si].shared:
            used.add(ui)
    if len(chosen) < len(slots):
        return None
    why: list[WordWhy] = []
    for si, slot in enumerate(slots):
        ui, strength, rules = chosen[si]
        field_name, unit = units[ui]
        variant = slot.variant_row if "variant" in rules else ()
        why.append(
            WordWhy(
                query=slot.unit.text,
                matched=unit.text,
                field=field_name,
                strength=strength,
                rules=rules,
                query_script=slot.unit.script,
                name_script=unit.script,
                relation=RELATION_NAMES.get(unit.relation, ""),
                father=_father(unit),
                variant=variant,
            )
        )
    overall = max((w.strength for w in why), key=lambda s: s.rank)
    order = (
        overall.rank,
        sum(w.strength.rank for w in why),
        sum(_FIELD_PENALTY[w.field] for w in why),
        c.rowid,
    )
    name = c.display or default_display(c.surname, c.given, c.patronymic)
    return order, Match(key=c.key, name=name, strength=overall, why=tuple(why), lang=c.lang)


def _father(unit: Unit) -> str:
    if not unit.is_patronymic:
        return ""
    if unit.form == SUFFIX_FORM:
        return unit.text  # the father's name is inside the word; the UI shows it as written
    return unit.father


# ---------------------------------------------------------------------------------------------
# The search


@lru_cache(maxsize=8)
def _variant_table(rows: tuple[tuple[str, ...], ...]) -> VariantTable:
    return VariantTable.from_rows(rows)


_TIERS: Final = ("spelling", "script", "prefix", "weak")


def search(
    conn: sqlite3.Connection,
    query: str,
    limit: int = 20,
    *,
    prefix: bool = True,
    variants: VariantTable | None = None,
) -> list[Match]:
    """The people whose names match ``query``, best first, at most ``limit``.

    With ``prefix`` (the default, for a visitor typing), the last word also matches as the
    beginning of a name. ``variants`` overrides the variant table stored by ``build_index``.
    Never raises on any query text; raises ``sqlite3.Error`` only if the index is missing.
    """
    if limit <= 0:
        return []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a cyclic collection in here costs 60-140 ms (PITFALLS.md)
    try:
        if variants is None:
            variants = _variant_table(tuple(load_variants(conn)))
        slots = parse_query(query, variants, prefix=prefix)
        if not slots:
            return []
        return _search(conn, slots, limit, prefix)
    finally:
        if gc_was_enabled:
            gc.enable()


def _search(conn: sqlite3.Connection, slots: list[_Slot], limit: int, prefix: bool) -> list[Match]:
    seen: set[int] = set()
    results: list[tuple[tuple[int, ...], Match]] = []
    prefixes = _Prefixes(conn)
    for tier in _TIERS:
        if tier == "prefix" and not (prefix and slots[-1].prefix):
            continue
        expression = _expression(slots, tier, prefixes)
        if not expression:
            continue
        rowids = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM people_search WHERE people_search MATCH ? LIMIT ?",
                (expression, limit + len(seen)),
            )
        ]
        fresh = [r for r in rowids if r not in seen]
        seen.update(fresh)
        for candidate in _load(conn, fresh):
            judged = _judge(slots, candidate)
            if judged is not None:
                results.append(judged)
        if len(results) >= limit:
            break
    results.sort(key=lambda r: r[0])
    return [m for _, m in results[:limit]]


def _load(conn: sqlite3.Connection, rowids: list[int]) -> list[_Candidate]:
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    rows = conn.execute(names_sql(conn).format(marks=marks), rowids).fetchall()
    return [_Candidate(*row) for row in rows]
