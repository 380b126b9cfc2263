"""Ranking and explaining a candidate: each slot of the query against each part of a name.

Each candidate's names are compared with the query here, slot by slot, to find each slot's
strength and the reasons (``WordWhy``); a result (``Match``) is as strong as its weakest slot,
and results are ordered by that, then by the sum of the slots' strengths, then by the fields
they matched (a surname or given name before a patronymic, before another spelling).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from kiosk.content.names import fold
from kiosk.content.names.index import default_display
from kiosk.content.names.query import Slot
from kiosk.content.names.units import SUFFIX_FORM, WORD_FORM, Unit, analyse


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
    id: int = 0  # the rowid: a bundle's people.id, to open the card at once

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


@dataclass
class Candidate:
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
# Comparing a slot with one unit of a name


def _compare(slot: Slot, field_name: str, n: Unit) -> tuple[Strength, tuple[str, ...]] | None:
    q = slot.unit
    best: tuple[Strength, tuple[str, ...]] | None = None
    if q.k1:
        best = _compare_whole(slot, field_name, n)
    if slot.prefix and (best is None or best[0].rank > Strength.PREFIX.rank):
        found = _compare_prefix(slot, n)
        if found is not None and (best is None or found[0].rank < best[0].rank):
            best = found
    return best


def _compare_whole(slot: Slot, field_name: str, n: Unit) -> tuple[Strength, tuple[str, ...]] | None:
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


def _compare_prefix(slot: Slot, n: Unit) -> tuple[Strength, tuple[str, ...]] | None:
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


def _units(c: Candidate) -> list[tuple[str, Unit]]:
    return [(f, u) for f, text in _fields(c) for u in analyse(text)]


def _fields(c: Candidate) -> list[tuple[str, str]]:
    if c.surname or c.given or c.patronymic:
        out = [("surname", c.surname), ("given", c.given), ("patronymic", c.patronymic)]
    else:  # the name as recorded, not split into its parts
        out = [("name", c.display or "")]
    out += [("other", line) for line in _OTHER_SPLIT.split(c.other) if line.strip()]
    return out


def judge(slots: Sequence[Slot], c: Candidate) -> tuple[tuple[int, ...], Match] | None:
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
    return order, Match(
        key=c.key, name=name, strength=overall, why=tuple(why), lang=c.lang, id=c.rowid
    )


def _father(unit: Unit) -> str:
    if not unit.is_patronymic:
        return ""
    if unit.form == SUFFIX_FORM:
        return unit.text  # the father's name is inside the word; the UI shows it as written
    return unit.father
