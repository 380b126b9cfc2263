"""Anonymous visitor statistics: a separate, small SQLite file in the kiosk's data folder.

What is recorded: that a visit started and how long it lasted, which screens were seen and for
how long, the language chosen, a candle lit, a minute of silence started, the search used.
What is never recorded: anything a visitor typed (not even the search query), any name, any
free text.

* ``store``: ``StatsStore``, the recording; it never raises into the UI.
* ``report``: reading a file: ``summarize``, ``format_summary``, ``to_csv``.
* ``schema``: the file's application id, schema version, kinds of event and table.

Everything public is importable from ``kiosk.ops.stats`` itself.
"""

from kiosk.ops.stats.report import (
    CSV_COLUMNS,
    ScreenVisits,
    StatsFileError,
    Summary,
    format_summary,
    summarize,
    to_csv,
)
from kiosk.ops.stats.schema import APPLICATION_ID, EVENT_KINDS, STATS_SCHEMA
from kiosk.ops.stats.store import MAX_SECONDS, SCREEN_NAME, StatsStore

__all__ = [
    "APPLICATION_ID",
    "CSV_COLUMNS",
    "EVENT_KINDS",
    "MAX_SECONDS",
    "SCREEN_NAME",
    "STATS_SCHEMA",
    "ScreenVisits",
    "StatsFileError",
    "StatsStore",
    "Summary",
    "format_summary",
    "summarize",
    "to_csv",
]
