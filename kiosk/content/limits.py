"""The size limits of a content bundle: what ``validate`` enforces and a curator can look up.

They are set far above real exhibits (the default exhibit has a few dozen rows; a large
archive has tens of thousands of events; a names list may hold a million people), and low
enough that checking, copying and showing a bundle stays bounded in memory and time.
docs/content-format.md lists them for curators.
"""

from __future__ import annotations

from typing import Final

from kiosk.content.tables import TABLES

# The whole bundle file. Over it, validation reports one error and reads no rows.
MAX_BUNDLE_BYTES: Final = 2 * 1024**3

# Rows per table (each table's ``max_rows`` in ``tables``). Over a limit, validation reports
# one error and does not read that table.
MAX_ROWS: Final[dict[str, int]] = {t.name: t.max_rows for t in TABLES}

# Any single text value (or a non-image value of any type), in characters. The screens' own,
# much lower limits per field (each column's ``limits`` in tables) come on top; this one
# keeps a hostile 50 MB text from ever being read whole into the program.
MAX_TEXT_CHARS: Final = 100_000

# The longest word (characters between spaces) a text should hold: a body line is about 60
# characters, so a longer one cannot fit a line and is broken anywhere on screen; `validate`
# warns over it (is a space missing?), and the screens give it break opportunities.
MAX_WORD_CHARS: Final = 60

# Problems listed per rule; the rest are counted in one line ("... and 999,990 more").
MAX_PROBLEMS_PER_RULE: Final = 10

# Untranslated texts `validate` lists one by one (`--verbose`, `--json`'s "untranslated"),
# per table and language; the summary line counts them all.
MAX_UNTRANSLATED_LISTED: Final = 1_000

# What `info` echoes of a bundle's texts, in characters.
MAX_ECHO_CHARS: Final = 200
