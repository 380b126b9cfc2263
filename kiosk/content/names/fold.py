"""Match keys for names: from the name as typed to three ASCII keys, finest to coarsest.

Every function here is total: any Unicode string gives a (possibly empty) result, never an error.

Levels (each key is a function of the one before it, so a match at a finer level is always a
match at the coarser ones too):

``k0`` (exact)
    Azerbaijani-aware case folding, NFKC: ``İ``/``I`` give ``i``, ``ı`` stays ``ı``.
``k1`` (spelling)
    ASCII, diacritics dropped (``ə``/``ä`` give ``e``, ``ı`` gives ``i``, ``ş`` gives ``s``...),
    Cyrillic romanised letter by letter (``ж`` gives ``zh``, ``х`` gives ``kh``, ``ы`` gives
    ``y``), the feminine surname ending ``-ova``/``-eva`` folded onto ``-ov``/``-ev``.
``k2`` (script)
    Letter classes that hold across Azerbaijani Latin, Russian Cyrillic and English
    transcriptions: ``g k q h x kh gh`` and ``г к х`` are one class (written ``g``), ``c ç j
    dzh dj zh ch`` and ``дж ж ч`` another (``j``), ``s ş sh`` (``s``), ``ə e a э я`` (``a``),
    ``ı i ы`` (``i``), ``o ö`` (``o``), ``u ü ю`` (``u``); ``y``/``й`` between vowels dropped,
    doubled letters single. ``Məmmədov``, ``Мамедов``, ``Mammadov`` and ``Mamedov`` all give
    ``mamadov``.
``k3`` (weak, "sounds like")
    ``k2`` without its vowels (an initial vowel kept as ``a``), ``b/p``, ``d/t``, ``v/f``,
    ``s/z`` merged: ``Həsənov`` and ``Hüseynov`` both give ``gsnv``. Two names equal only here
    may be different people.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# ---------------------------------------------------------------------------------------------
# Level 0: case folding

_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f\u0259\u018f\u1e00-\u1eff]")


def casefold(text: str) -> str:
    """Lower case as Azerbaijani and Russian need it: ``'İ'`` gives ``'i'``, not i + dot."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("İ", "i").replace("I", "i").lower()
    # A dotted capital lowered elsewhere ("i̇") or typed decomposed: drop the dot above an i.
    return text.replace("i\u0307", "i")


def script(word: str) -> str:
    """``"cyrl"``, ``"latn"``, or ``"other"`` for a word with neither alphabet."""
    if _CYRILLIC.search(word):
        return "cyrl"
    if _LATIN.search(word):
        return "latn"
    return "other"


# ---------------------------------------------------------------------------------------------
# Level 1: ASCII spelling key

_LATIN_FOLD: Final = {
    "ə": "e",
    "ä": "e",
    "ı": "i",
    "ş": "s",
    "ç": "c",
    "ğ": "g",
    "ö": "o",
    "ü": "u",
    "ß": "ss",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
}

# Russian, with the extra letters of Azerbaijani Cyrillic (1939-1991), Ukrainian and Kazakh.
_CYRILLIC_FOLD: Final = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Azerbaijani Cyrillic: the letters of the Latin alphabet they became.
    "ә": "e",
    "ғ": "g",
    "ҹ": "c",
    "ҝ": "g",
    "һ": "h",
    "ө": "o",
    "ү": "u",
    "ј": "y",
    "ҕ": "g",
    # Ukrainian, Belarusian, Kazakh.
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "u",
    "қ": "k",
    "ң": "n",
    "ұ": "u",
}

_FOLD_CACHE: dict[str, str] = {}


def _fold_char(char: str) -> str:
    cached = _FOLD_CACHE.get(char)
    if cached is not None:
        return cached
    if "a" <= char <= "z":
        out = char
    elif char in _LATIN_FOLD:
        out = _LATIN_FOLD[char]
    elif char in _CYRILLIC_FOLD:
        out = _CYRILLIC_FOLD[char]
    else:
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0] if decomposed else ""
        if "a" <= base <= "z":
            out = base
        elif base in _LATIN_FOLD:
            out = _LATIN_FOLD[base]
        elif base in _CYRILLIC_FOLD:  # й, ё decomposed, and the like
            out = _CYRILLIC_FOLD[base]
        else:
            out = ""  # combining marks, other alphabets
    if len(_FOLD_CACHE) < 4096:
        _FOLD_CACHE[char] = out
    return out


def spelling_raw(word: str) -> str:
    """The ASCII spelling of a case-folded word, before the feminine ending is folded."""
    return "".join(_fold_char(c) for c in word)


def fold_feminine(k1: str) -> str:
    """``memmedova`` gives ``memmedov``, ``eliyeva`` gives ``eliyev``; other words unchanged."""
    if len(k1) > 4 and k1.endswith(("ova", "eva")):
        return k1[:-1]
    return k1


def is_feminine(k1_raw: str) -> bool:
    """Whether a spelling key ends in a feminine surname ending."""
    return len(k1_raw) > 4 and k1_raw.endswith(("ova", "eva"))


def spelling(word: str) -> str:
    """Level 1 key of a case-folded word."""
    return fold_feminine(spelling_raw(word))


# ---------------------------------------------------------------------------------------------
# Patronymics

SON: Final = "s"
DAUGHTER: Final = "d"

# The Azerbaijani relation words as their level 1 keys come out of each alphabet.
RELATION_WORDS: Final = {
    "oglu": SON,
    "ogly": SON,
    "ogli": SON,
    "oghlu": SON,
    "ogl": SON,
    "qizi": DAUGHTER,
    "kizi": DAUGHTER,
    "gizi": DAUGHTER,
    "kyzy": DAUGHTER,
    "gyzy": DAUGHTER,
    "qyzy": DAUGHTER,
    "kizy": DAUGHTER,
    "ghizi": DAUGHTER,
}
# What a relation word is written as, level 1, for a (father, relation) pair.
RELATION_CANONICAL: Final = {SON: "oglu", DAUGHTER: "qizi"}

_PATRONYMIC_SUFFIXES: Final = (
    ("yevich", SON),
    ("yevna", DAUGHTER),
    ("ovich", SON),
    ("evich", SON),
    ("ovych", SON),
    ("ovna", DAUGHTER),
    ("evna", DAUGHTER),
    ("ovic", SON),
    ("evic", SON),
)


def relation_word(k1: str) -> str:
    """``SON``/``DAUGHTER`` if a level 1 key is ``oğlu``/``qızı`` in some spelling, else ``""``."""
    return RELATION_WORDS.get(k1, "")


def is_relation_prefix(k1: str) -> bool:
    """Whether a level 1 key could be the start of ``oğlu``/``qızı`` being typed."""
    return bool(k1) and any(w.startswith(k1) and w != k1 for w in RELATION_WORDS)


def split_patronymic(k1_raw: str) -> tuple[str, str] | None:
    """``xelilovna`` gives ``("xelil", DAUGHTER)``; ``None`` for a word that is not one."""
    for suffix, relation in _PATRONYMIC_SUFFIXES:
        if k1_raw.endswith(suffix) and len(k1_raw) - len(suffix) >= 2:
            return k1_raw[: -len(suffix)], relation
    return None


# ---------------------------------------------------------------------------------------------
# Level 2: letter classes

_DIGRAPHS: Final = (
    ("shch", "s"),
    ("dzh", "j"),
    ("tch", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("ch", "j"),
    ("sh", "s"),
    ("kh", "g"),
    ("gh", "g"),
)
_SINGLE: Final = {
    "a": "a",
    "e": "a",
    "i": "i",
    "o": "o",
    "u": "u",
    "y": "Y",
    "c": "j",
    "j": "j",
    "q": "g",
    "k": "g",
    "g": "g",
    "h": "g",
    "x": "g",
    "w": "v",
    "v": "v",
    "s": "s",
    "z": "z",
}
_VOWELS: Final = frozenset("aiou")
# The letters whose class depends on what follows, and what they may yet become: typed "D" may
# be the start of "Dzh" (one class, j), "Husey" of "Huseyn" (y gives i) or "Huseyev" (dropped).
_UNSTABLE_TAILS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("shc", ("shch", "shc")),
    ("dz", ("dzh", "dz")),
    ("tc", ("tch", "tc")),
    ("d", ("d", "dzh")),
    ("z", ("z", "zh")),
    ("t", ("t", "tch")),
    ("y", ("",)),
)


def _classes(k1: str) -> list[str]:
    out: list[str] = []
    i = 0
    n = len(k1)
    while i < n:
        for digraph, cls in _DIGRAPHS:
            if k1.startswith(digraph, i):
                out.append(cls)
                i += len(digraph)
                break
        else:
            out.append(_SINGLE.get(k1[i], k1[i]))
            i += 1
    return out


def classes(k1: str) -> str:
    """Level 2 key from a level 1 key."""
    seq = _classes(k1)
    resolved: list[str] = []
    n = len(seq)
    for i, cls in enumerate(seq):
        if cls != "Y":
            resolved.append(cls)
            continue
        if i + 1 < n and seq[i + 1] == "Y":
            continue  # yy: the second one decides
        prev = resolved[-1] if resolved else ""
        nxt = seq[i + 1] if i + 1 < n else ""
        if nxt in _VOWELS:
            if not prev:
                resolved.append("y")  # Yusif, Юсиф: a consonant
            # between vowels (Əliyev/Алиев) or after a consonant (Гюльнара): dropped
        else:
            resolved.append("i")  # Hüseyn/Гусейн/Guseinov, Гасымов/Qasımov
    # Russian writes -ев for -ov after ж ч ш дж (Оруджев, Orucov).
    if len(resolved) > 3 and resolved[-3:] == ["j", "a", "v"]:
        resolved[-2] = "o"
    key: list[str] = []
    for cls in resolved:
        if not key or key[-1] != cls:
            key.append(cls)
    return "".join(key)


def classes_prefix(k1_prefix: str) -> tuple[str, ...]:
    """Level 2 keys a word still being typed may begin with: one, or one per way its last
    letters may go on (``d`` as ``d`` or as the start of ``dzh``). Empty strings left out."""
    stable: str = k1_prefix
    endings: tuple[str, ...] = ("",)
    for tail, completions in _UNSTABLE_TAILS:
        if k1_prefix.endswith(tail):
            stable, endings = k1_prefix[: -len(tail)], completions
            break
    if k1_prefix.endswith("y"):
        stable = stable.rstrip("y")  # "йы": what a y is depends on the letter after it
    keys: list[str] = []
    for ending in endings:
        key = classes(stable + ending)
        if key.endswith(("ja", "jav", "jov")):  # Оруджев... is -ov, or goes on
            key = key[: key.rindex("j") + 1]
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


# ---------------------------------------------------------------------------------------------
# Level 3: sounds like

_COARSE: Final = {"p": "b", "t": "d", "f": "v", "z": "s"}


def coarse(k2: str) -> str:
    """Level 3 key from a level 2 key."""
    out: list[str] = []
    for i, cls in enumerate(k2):
        if cls in _VOWELS:
            if i == 0:
                out.append("a")
            continue
        if cls == "y":
            continue
        merged = _COARSE.get(cls, cls)
        if not out or out[-1] != merged:
            out.append(merged)
    return "".join(out)
