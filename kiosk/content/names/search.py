"""Search the name index: candidates from FTS5, tier by tier, then ranked and explained.

A query is split into *slots*, one per name word or patronymic the visitor typed, in any order.
The index is asked tier by tier, strongest first (level 1 keys, then level 2 keys and the
curator's variants, then the last word as a prefix, then level 3 "sounds like"), each with a
limit and each of the one FTS5 table holding its level (``people_search`` for level 2,
``people_search_plain`` for levels 1 and 3; ``people_search`` for all in an index built
before schema 5), until enough candidates are found; each candidate's names are then compared
with the query, slot by slot, to find each slot's strength and the reasons. A result is as
strong as its weakest slot. The slots and the FTS5 expressions are kiosk.content.names.query;
the comparing, ranking and explaining are kiosk.content.names.ranking.
"""

from __future__ import annotations

import gc
import sqlite3
from functools import lru_cache
from typing import Final

from kiosk.content.names.index import load_variants, names_sql
from kiosk.content.names.query import Prefixes, Slot, fts_expression, parse_query, tier_table
from kiosk.content.names.ranking import RELATION_NAMES, Candidate, Match, Strength, WordWhy, judge
from kiosk.content.names.variants import VariantTable

# Where these were before the query and the ranking had modules of their own.
__all__ = ["RELATION_NAMES", "Match", "Strength", "WordWhy", "parse_query", "search"]


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


def _search(conn: sqlite3.Connection, slots: list[Slot], limit: int, prefix: bool) -> list[Match]:
    seen: set[int] = set()
    results: list[tuple[tuple[int, ...], Match]] = []
    prefixes = Prefixes(conn)
    for tier in _TIERS:
        if tier == "prefix" and not (prefix and slots[-1].prefix):
            continue
        expression = fts_expression(slots, tier, prefixes)
        if not expression:
            continue
        table = tier_table(tier, prefixes)  # one table a tier: its level's (query.py)
        rowids = [
            r[0]
            for r in conn.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?",
                (expression, limit + len(seen)),
            )
        ]
        fresh = [r for r in rowids if r not in seen]
        seen.update(fresh)
        for candidate in _load(conn, fresh):
            judged = judge(slots, candidate)
            if judged is not None:
                results.append(judged)
        if len(results) >= limit:
            break
    results.sort(key=lambda r: r[0])
    return [m for _, m in results[:limit]]


def _load(conn: sqlite3.Connection, rowids: list[int]) -> list[Candidate]:
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    rows = conn.execute(names_sql(conn).format(marks=marks), rowids).fetchall()
    return [Candidate(*row) for row in rows]
