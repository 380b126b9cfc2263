"""The curator's variant table: spellings that are one name though no rule derives it.

A row lists spellings of one name in any alphabet, e.g. ``("Мехти", "Mehdi")`` or
``("Магомед", "Məhəmməd", "Mahammad")``. A row applies to the word itself and to the word
with a surname ending (``Мехтиев`` = ``Mehdiyev``) or as a father's name (``Мехтиевич``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from kiosk.content.names import fold
from kiosk.content.names.units import split_words

# Surname endings as they come out at level 2 (-ov, -ev/-yev, -lı/-li, -lu/-lü, -zadə).
ENDINGS: Final = ("ov", "av", "li", "lu", "zada")


@dataclass(frozen=True)
class VariantTable:
    """Groups of equivalent spellings, looked up by their level 2 keys."""

    rows: tuple[tuple[str, ...], ...] = ()
    _group: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _members: dict[int, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]]) -> VariantTable:
        """Build from rows of spellings; one-word spellings only (others are ignored).

        Two rows that share a spelling are one group.
        """
        kept: list[tuple[str, ...]] = []
        parent: dict[str, str] = {}

        def find(key: str) -> str:
            while parent.setdefault(key, key) != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        for row in rows:
            spellings = tuple(s.strip() for s in row if s and s.strip())
            keys = [k for k in (key_of(s) for s in spellings) if k]
            if len(set(keys)) < 2:
                continue
            kept.append(spellings)
            for key in keys[1:]:
                parent[find(key)] = find(keys[0])
        table = cls(rows=tuple(kept))
        ids: dict[str, int] = {}
        for key in list(parent):
            root = find(key)
            group = ids.setdefault(root, len(ids))
            table._group[key] = group
        members: dict[int, set[str]] = {}
        for key, group in table._group.items():
            members.setdefault(group, set()).add(key)
        table._members.update({g: frozenset(m) for g, m in members.items()})
        return table

    def __bool__(self) -> bool:
        return bool(self._group)

    def alternatives(self, k2: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """The level 2 keys the table makes equal to ``k2`` (``k2`` itself excluded), and the
        curator's row that did it (empty when none)."""
        if not self._group:
            return frozenset(), ()
        candidates = [(k2, "")]
        for ending in ENDINGS:
            if k2.endswith(ending) and len(k2) > len(ending) + 1:
                candidates.append((k2[: -len(ending)], ending))
        for stem, ending in candidates:
            group = self._group.get(stem)
            if group is not None:
                keys = frozenset(m + ending for m in self._members[group]) - {k2}
                return keys, self._row_of(stem)
        return frozenset(), ()

    def _row_of(self, stem: str) -> tuple[str, ...]:
        for row in self.rows:
            if any(key_of(s) == stem for s in row):
                return row
        return ()


def key_of(spelling: str) -> str:
    """The level 2 key of a one-word spelling, or ``""`` for none or several words."""
    pairs = split_words(spelling)
    if len(pairs) != 1:
        return ""
    return fold.classes(fold.spelling(pairs[0][1]))
