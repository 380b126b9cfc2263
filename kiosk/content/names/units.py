"""A name as a list of units: name words and patronymics, each with its keys at every level."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from kiosk.content.names import fold

_WORD: Final = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_APOSTROPHES: Final = dict.fromkeys(map(ord, "'’ʼ`ʻʹ‘´"), None)

WORD_FORM: Final = "word"  # Xəlil qızı, Халил оглы: the father's name and a relation word
SUFFIX_FORM: Final = "suffix"  # Халиловна, Khalilovich: a Russian patronymic suffix


@dataclass(frozen=True, slots=True)
class Unit:
    """One name word, or one patronymic (``Xəlil qızı``, ``Khalilovna``), with its keys.

    For a patronymic, ``k1``-``k3`` are the father's name's keys and ``relation`` says son or
    daughter; ``k0`` is the whole form, so only the same form is an exact match.
    """

    text: str  # as written: "Məmmədov", "Xəlil qızı", "Khalilovna"
    k0: str
    k1: str
    k2: str
    k3: str
    script: str  # "latn", "cyrl", "other"
    relation: str = ""  # "" for a name word; fold.SON or fold.DAUGHTER
    father: str = ""  # the father's name as written, for a patronymic
    form: str = ""  # WORD_FORM or SUFFIX_FORM, for a patronymic
    raw1: str = ""  # level 1 key of the word as written, before any folding of its ending
    raw2: str = ""
    feminine: bool = False  # written with -ova/-eva

    @property
    def is_patronymic(self) -> bool:
        return bool(self.relation)


def split_words(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` as (written, case-folded) pairs."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return [(w, fold.casefold(w)) for w in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def word_unit(written: str, folded: str) -> Unit:
    """The unit of one plain word (a patronymic suffix is split off here too)."""
    raw1 = fold.spelling_raw(folded)
    split = fold.split_patronymic(raw1)
    scr = fold.script(folded)
    if split is not None:
        stem, relation = split
        k2 = fold.classes(stem)
        return Unit(
            text=written,
            k0=folded,
            k1=stem,
            k2=k2,
            k3=fold.coarse(k2),
            script=scr,
            relation=relation,
            father=written,  # the father's name is inside the word
            form=SUFFIX_FORM,
            raw1=raw1,
            raw2=fold.classes(raw1),
        )
    k1 = fold.fold_feminine(raw1)
    k2 = fold.classes(k1)
    return Unit(
        text=written,
        k0=folded,
        k1=k1,
        k2=k2,
        k3=fold.coarse(k2),
        script=scr,
        raw1=raw1,
        raw2=k2,
        feminine=fold.is_feminine(raw1),
    )


def with_relation(father: Unit, written: str, folded: str, relation: str) -> Unit:
    """``Xəlil`` + ``qızı``: the patronymic unit."""
    return Unit(
        text=f"{father.text} {written}",
        k0=f"{father.k0} {folded}",
        k1=father.raw1,
        k2=fold.classes(father.raw1),
        k3=fold.coarse(fold.classes(father.raw1)),
        script=father.script,
        relation=relation,
        father=father.text,
        form=WORD_FORM,
        raw1=father.raw1,
        raw2=fold.classes(father.raw1),
    )


def units_of(pairs: list[tuple[str, str]]) -> list[Unit]:
    """Units of a list of (written, folded) words: a relation word joins the word before it."""
    out: list[Unit] = []
    for written, folded in pairs:
        relation = fold.relation_word(fold.spelling_raw(folded))
        if relation and out and not out[-1].is_patronymic:
            out[-1] = with_relation(out[-1], written, folded, relation)
            continue
        if relation:
            continue  # a lone oğlu/qızı names nobody
        unit = word_unit(written, folded)
        if unit.k1:
            out.append(unit)
    return out


@lru_cache(maxsize=65536)
def analyse(text: str) -> tuple[Unit, ...]:
    """The units of a name field or a query."""
    return tuple(units_of(split_words(text)))


def index_tokens(unit: Unit) -> list[str]:
    """The index tokens of one unit: its keys, each behind its level's digit."""
    tokens = [f"1{unit.k1}", f"2{unit.k2}"]
    if unit.k3:
        tokens.append(f"3{unit.k3}")
    if unit.is_patronymic:
        tokens.append(f"2{unit.k2}0{unit.relation}")
        if unit.k3:
            tokens.append(f"3{unit.k3}0{unit.relation}")
        if unit.form == SUFFIX_FORM:
            tokens += [f"1{unit.raw1}", f"2{unit.raw2}"]
    return tokens
