"""Search by name across alphabets: Azerbaijani Latin, Russian Cyrillic, English transcriptions.

Qt-free and self-contained: :func:`build_index` writes its own tables into an SQLite
connection, :func:`search` reads them. See docs/name-search.md.
"""

from kiosk.content.names.index import (
    KEYS_VERSION,
    PersonNames,
    build_index,
    index_is_current,
    set_variants,
)
from kiosk.content.names.ranking import Match, Strength, WordWhy
from kiosk.content.names.search import search
from kiosk.content.names.variants import VariantTable

__all__ = [
    "KEYS_VERSION",
    "Match",
    "PersonNames",
    "Strength",
    "VariantTable",
    "WordWhy",
    "build_index",
    "index_is_current",
    "search",
    "set_variants",
]
