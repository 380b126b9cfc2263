"""Fixtures for the name search: small indexes of generic names, built in memory.

Every name here is a common Azerbaijani stem with a common ending: generic examples of
spelling, not people.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

import pytest

from kiosk.content.names import PersonNames, build_index

# The built-in example variant table: for tests only. A bundle carries its curator's own.
EXAMPLE_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Мехти", "Mehdi", "Mekhti"),
    ("Магомед", "Məhəmməd", "Mahammad"),
    ("Касум", "Qasım"),
)

IndexFactory = Callable[..., sqlite3.Connection]


@pytest.fixture
def make_index() -> Iterable[IndexFactory]:
    """Build an in-memory index of the given people (and variant rows)."""
    conns: list[sqlite3.Connection] = []

    def make(
        people: Iterable[PersonNames], variants: Iterable[Sequence[str]] = ()
    ) -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:")
        conns.append(conn)
        build_index(conn, people, variants)
        return conn

    yield make
    for conn in conns:
        conn.close()
