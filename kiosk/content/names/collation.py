"""The names' own order: each alphabet sorted by its language's collation, with no ICU.

A name's sort key is bytes (SQLite compares BLOBs byte by byte): a group byte, then one byte
per letter, its rank in the alphabet of that group. The groups, in this order:

1. ``az``: Azerbaijani Latin (a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v y z),
   for a name recorded in ``az`` or, with no language given, holding one of ə ğ ı İ;
2. ``en``: any other Latin name (a-z, a letter with a diacritic sorting as its base letter);
3. ``ru``: Cyrillic (а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я, then
   the Azerbaijani Cyrillic letters ә ғ һ ј ҹ ү ө and the Ukrainian є і ї ґ);
4. anything else, by its code points.

Case never matters; words sort word by word (a space, hyphen or apostrophe sorts before
every letter, so "Əli" comes before "Əliyev"); digits sort before letters. Equal keys keep
the order of the people's ids. The key is computed by ``build`` and ``import-people`` into
``people.name_order`` (a rank 0, 1, 2...), never stored itself.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

AZ: Final = tuple("abcçdeəfgğhxıijkqlmnoöprsştuüvyz")
EN: Final = tuple("abcdefghijklmnopqrstuvwxyz")
RU: Final = tuple("абвгғдеёєжзиіїйјклмноөпрстуүфхһцчҹшщъыьэәюя")
GROUPS: Final = ("az", "en", "ru", "other")
_AZ_LETTERS: Final = frozenset("əƏğĞıİ")
_SEPARATOR: Final = b"\x01"
_DIGIT: Final = 0x02  # 0x02-0x0b
_LETTER: Final = 0x10  # then the letter's rank
_OTHER: Final = 0xF0  # a character outside the alphabet: after its letters, by code point


def _ranks(letters: tuple[str, ...]) -> dict[str, bytes]:
    return {letter: bytes([_LETTER + rank]) for rank, letter in enumerate(letters)}


_RANKS: Final = {"az": _ranks(AZ), "en": _ranks(EN), "ru": _ranks(RU)}


def _lower(text: str) -> str:
    # Azerbaijani casing: I is ı only in az; İ is always i (never i + a combining dot).
    return text.replace("İ", "i")


def group_of(name: str, lang: str | None = None) -> str:
    """The collation a name sorts in: ``az``, ``en``, ``ru`` or ``other``."""
    for char in name:
        if char.isalpha():
            script = unicodedata.name(char, "").split(" ")[0]
            if script == "CYRILLIC":
                return "ru"
            if script == "LATIN":
                base = (lang or "").split("-")[0].lower()
                if base == "az" or (not base and any(c in _AZ_LETTERS for c in name)):
                    return "az"
                return "en"
            return "other"
    return "en"


def sort_key(name: str, lang: str | None = None) -> bytes:
    """The bytes ``name`` sorts by (see the module's docstring)."""
    group = group_of(name, lang)
    parts = [bytes([GROUPS.index(group) + 1])]
    for word in _WORDS.split(_lower(name)):
        if word:
            parts.append(_word_key(word, group))
    return parts[0] + _SEPARATOR.join(parts[1:])


_WORDS: Final = re.compile(r"[\s\-'’ʼ‘`.,]+")


@lru_cache(maxsize=65536)
def _word_key(word: str, group: str) -> bytes:
    ranks = _RANKS.get(group, {})
    az = group == "az"
    out = bytearray()
    for char in word:
        if char.isdigit() and char.isascii():
            out.append(_DIGIT + int(char))
            continue
        lower = char.lower() if not (az and char == "I") else "ı"
        rank = ranks.get(lower)
        if rank is None:
            # A letter with a diacritic this alphabet does not have: its base letter.
            base = unicodedata.normalize("NFD", lower)[0]
            rank = ranks.get(base)
        if rank is not None:
            out += rank
        elif unicodedata.category(char).startswith("M"):
            continue  # a combining mark the letter before already stands for
        else:
            out.append(_OTHER)
            out += lower.encode("utf-8")
    return bytes(out)
