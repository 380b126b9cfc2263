"""The people of a bundle, a page at a time: ``PeopleReader``, the part of ``Bundle`` that
reads the names of the victims (the names wall, a person's card, the name search).

A bundle may hold a million names: no call reads more rows than it returns, and none makes
a pass over the people (the count is the last rank, read off an index).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from kiosk.content import rows
from kiosk.content.bundlefile import BundleError
from kiosk.content.names import KEYS_VERSION, Match, search
from kiosk.content.names.index import index_meta
from kiosk.content.records import Person, PersonCard, Place, Relative, Source
from kiosk.content.tables import read_sql, table

# The orders of people_page: by the names' own collation, or as on the wall (by place, then
# family, then name). Both are computed by build and import-people (docs/name-search.md):
# the name's rank, and, from schema 5, the ids themselves (before: a rank column).
PEOPLE_ORDERS = {"name": "name_order", "wall": "wall_order"}


def order_column(order: str, version: int) -> str:
    """The column that holds ``order`` (``PEOPLE_ORDERS``) in a bundle of schema ``version``:
    a rank 0, 1, 2..., or the ids, 1, 2, 3..., once the rank's column is gone."""
    column = PEOPLE_ORDERS[order]
    return column if table("people").column(column).at(version) else "id"


class PeopleReader:
    """The people's queries of a ``Bundle`` (which supplies the connection and the records)."""

    path: Path
    version: int
    locale: str
    _conn: sqlite3.Connection
    _has_people: bool | None
    _has_ranks: bool | None

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError

    def _records(self, name: str, where: str = "", params: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    def sources(self) -> dict[int, Source]:
        raise NotImplementedError

    def _people_overlay(self, keys: list[str]) -> dict[tuple[str, str, str], str]:
        out: dict[tuple[str, str, str], str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._query(
                "SELECT key, field, text FROM translations WHERE tbl = 'people' AND locale = ? "
                f"AND key IN ({marks})",
                (self.locale, *chunk),
            ):
                out[("people", r["key"], r["field"])] = r["text"]
        return out

    def _ranked(self) -> bool:
        """Whether build or import-people ranked the people (asked once)."""
        if self._has_ranks is None:
            found = self._query("SELECT name_order IS NOT NULL FROM people LIMIT 1")
            self._has_ranks = bool(found and found[0][0])
        return self._has_ranks

    def has_people(self) -> bool:
        """Whether the bundle names anyone (asked once: the file never changes while open)."""
        if self._has_people is None:
            self._has_people = bool(self._query("SELECT 1 FROM people LIMIT 1"))
        return self._has_people

    def people_count(self, *, place: str | None = None, family: str | None = None) -> int:
        """How many people the bundle names (of one place or one family, by key)."""
        where, params = self._people_filter(place, family)
        if where is None:
            return 0
        if not where and self.version >= 2 and self._ranked():
            # build and import-people number the wall 1, 2, 3... (before schema 5: rank it
            # 0, 1, 2...) with no gap: the last, read off the table's or the rank's index,
            # is the count, with no pass over a million rows. (A bundle whose ranks were
            # changed since has a stale name index, which validate reports; a row past the
            # real end reads as no row.)
            column = order_column("wall", self.version)
            found = self._query(f"SELECT max({column}) FROM people")
            last = found[0][0]
            if last is None:
                return 0
            # never more than a bundle may hold (a hostile id of 3e9 is not 3e9 rows)
            return min(int(last) + (column != "id"), table("people").max_rows)
        return int(self._query(f"SELECT count(*) FROM people {where}", params)[0][0])

    def people(self, limit: int = -1, offset: int = 0) -> list[Person]:
        """People in the names' order (``people_page``; ``limit`` -1: all of them)."""
        return self.people_page(offset, limit)

    def people_page(
        self,
        offset: int,
        limit: int,
        order: str = "name",
        *,
        place: str | None = None,
        family: str | None = None,
    ) -> list[Person]:
        """``limit`` people from the ``offset``-th (0-based), in ``order``: ``name`` (each
        alphabet's own collation: Latin names first, az/en/ru orders, see
        docs/name-search.md) or ``wall`` (by place, then family, then name). ``place`` (a
        place's key) or ``family`` (a family key) keep to those people. The wall is a range
        of the table (of an index before schema 5): as quick at the millionth name as at the
        first. ``name`` has no index from schema 5 (12 MB at 1M names; the kiosk shows the
        wall's order only): a page sorts the whole table, for the command line."""
        if order not in PEOPLE_ORDERS:
            raise ValueError(f"order {order!r}: use one of {', '.join(PEOPLE_ORDERS)}")
        offset = max(0, offset)
        where, params = self._people_filter(place, family)
        if where is None or limit == 0:
            return []
        if self.version < 2 or not self._ranked():
            # No ranks (schema 1, or rows written by another tool): by name, read in order.
            name = read_sql(table("people").column("name"), self.version)
            return self._records(
                "people",
                f"{where} ORDER BY {name}, id LIMIT ? OFFSET ?".lstrip(),
                (*params, limit, offset),
            )
        column = order_column(order, self.version)
        then = "" if column == "id" else ", id"
        if not where:  # ranks are 0, 1, 2... (ids 1, 2, 3...): the page is a range
            return self._records(
                "people",
                f"WHERE {column} >= ? ORDER BY {column}{then} LIMIT ?",
                (offset + (column == "id"), limit),
            )
        return self._records(
            "people",
            f"{where} ORDER BY {column}{then} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )

    def _people_filter(
        self, place: str | None, family: str | None
    ) -> tuple[str | None, tuple[Any, ...]]:
        """The WHERE of people of a place and/or family ('' for all; None: nobody can match)."""
        if place is None and family is None:
            return "", ()
        if self.version < 2:
            return None, ()
        parts: list[str] = []
        params: list[Any] = []
        if place is not None:
            parts.append("place_id = (SELECT id FROM places WHERE key = ?)")
            params.append(place)
        if family is not None:
            parts.append("family = ?")
            params.append(family)
        return "WHERE " + " AND ".join(parts), tuple(params)

    def person(self, key: str, *, id: int = 0) -> PersonCard | None:
        """The person with ``key``, with their place, source, relations (both directions, as
        the relative is to this person) and the others of their family; None if none.

        ``id``: where the caller last saw them (a row of the wall, a search result): read
        at once when the person there still has ``key``. A key alone is looked for through
        the whole table (the key has no index from schema 5: 26 MB at 1M names): a few tens
        of ms at a million, which the kiosk spends only when a card stays open across a
        change of bundle."""
        found: list[Person] = (
            self._records("people", "WHERE id = ? AND key = ?", (id, key)) if id else []
        )
        if not found:
            found = self._records("people", "WHERE key = ? LIMIT 1", (key,))
        if not found:
            return None
        person = found[0]
        place = self.place_by_id(person.place_id) if person.place_id is not None else None
        source = self.sources().get(person.source_id) if person.source_id is not None else None
        relatives: list[Relative] = []
        family: list[Person] = []
        if self.version >= 2:
            # "A is parent of B": for A, B is a child; for B, A is a parent.
            reverse = {"parent": "child", "child": "parent"}
            links = self._query(
                "SELECT kind, relative_id AS other, 0 AS back FROM relations WHERE person_id = ? "
                "UNION ALL SELECT kind, person_id, 1 FROM relations WHERE relative_id = ?",
                (person.id, person.id),
            )
            kinds: dict[int, str] = {}
            for link in links[:500]:
                kind = rows.text(link["kind"])
                is_back = bool(link["back"])
                # The relative is, to this person: the reverse of what this person is to them.
                kinds.setdefault(int(link["other"]), kind if is_back else reverse.get(kind, kind))
            if kinds:
                marks = ",".join("?" * len(kinds))
                for other in self._records(
                    "people", f"WHERE id IN ({marks}) ORDER BY name_order, id", tuple(kinds)
                ):
                    relatives.append(Relative(kinds[other.id], other))
            if person.family:
                family = [
                    p
                    for p in self._records(
                        "people",
                        "WHERE family = ? ORDER BY name_order, id LIMIT 501",
                        (person.family,),
                    )
                    if p.id != person.id
                ][:500]
        return PersonCard(person, place, source, tuple(relatives), tuple(family))

    def places(self) -> list[Place]:
        """The curator's places, in their order (none in a bundle of schema 1)."""
        return self._records("places", "ORDER BY position, id")

    def place_by_id(self, place_id: int) -> Place | None:
        found: list[Place] = self._records("places", "WHERE id = ?", (place_id,))
        return found[0] if found else None

    def name_index_problem(self) -> str:
        """Why the search cannot be trusted ('' when it can): no index (schema 1), or one
        built by another version of the search's key functions. (``validate`` also checks
        that it holds exactly the bundle's people.)"""
        if self.version < 2:
            return (
                f"the bundle has schema {self.version}, with no name index: run "
                "`kiosk-content import-people` or build it again"
            )
        meta = index_meta(self._conn)
        if meta.get("keys_version") != KEYS_VERSION:
            return "its name index is missing or out of date: build the bundle again"
        return ""

    def search_people(self, query: str, limit: int = 20, *, prefix: bool = True) -> list[Match]:
        """The kiosk's name search (kiosk.content.names.search) on this bundle: best first.

        Run it on the thread that opened this ``Bundle`` (one per thread). Empty for a bundle
        without people or without a current name index."""
        if self.version < 2 or not self.has_people():
            return []
        try:
            return search(self._conn, query, limit, prefix=prefix)
        except sqlite3.Error as exc:
            raise BundleError(f"{self.path}: the name index cannot be read ({exc})") from None
