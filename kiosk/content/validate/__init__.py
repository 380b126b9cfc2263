"""Check a content bundle against every rule a kiosk needs, and say what is wrong where.

``validate_bundle(path)`` never raises: whatever the file holds (random bytes, a newer schema,
extra columns, views or triggers, NULLs and wrong types in every column, hostile or huge
text, broken images, a million rows), it returns a ``Report`` whose problems each name a
table, a row (its key, else its id), a field and a message a curator can act on. Errors make
a bundle unfit to publish; warnings are worth a look.

Bounded in memory and time: the file's shape is compared with the schema before any row is
read (``reader.check_bundle``); the size limits (``limits``) are checked before the rows;
the large tables (events, people, translations) are streamed, their cross-row rules run in
SQL; no text longer than ``MAX_TEXT_CHARS`` and no image over ``MAX_IMAGE_BYTES`` is read
whole; and each rule lists at most ``MAX_PROBLEMS_PER_RULE`` problems, then one line
counting the rest.

SQLite is dynamically typed, so nothing here trusts a column's declared type: every value is
checked for its type first, and later rules only see values of the right type.

The modules: ``report`` (problems, capped per rule), ``values`` (reading values safely),
and the links of one class chain: ``loading`` (the rows, typed), ``checks`` (the generic
rules, from the table descriptions), ``translations``, ``people`` and ``rules`` (each table's
own).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Final

from kiosk.content.limits import MAX_BUNDLE_BYTES
from kiosk.content.reader import SIDE_FILES, BundleError, check_bundle, open_bundle
from kiosk.content.tables import TABLES
from kiosk.content.validate.report import Problem, Report, Severity, printable, shorten
from kiosk.content.validate.rules import Validator
from kiosk.content.validate.values import text_factory

__all__ = [
    "TEXT_LIMITS",
    "Problem",
    "Report",
    "Severity",
    "printable",
    "quick_check",
    "shorten",
    "validate_bundle",
]

# Text lengths a screen can show, as (warn over, error over) characters, from ``tables``.
TEXT_LIMITS: Final[dict[tuple[str, str], tuple[int, int]]] = {
    (t.name, c.name): c.limits for t in TABLES for c in t.columns if c.limits is not None
}


def quick_check(path: str | Path) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` on ``path``: its complaints, or [] when it is sound.

    Reads the file alone (``open_bundle``), at most 20 complaints; never raises."""
    try:
        with closing(open_bundle(path)) as conn:
            rows = conn.execute("PRAGMA quick_check(20)").fetchall()
    except BundleError as exc:
        return [str(exc)]
    except (sqlite3.Error, ValueError) as exc:
        # A damaged page can give SQLite's complaint in bytes that are not UTF-8 (ValueError).
        return [f"the database cannot be checked ({type(exc).__name__}: {exc})"]
    messages = [str(r[0]) for r in rows]
    return [] if messages == ["ok"] else messages


def validate_bundle(path: str | Path, *, trusted: tuple[str, ...] = ()) -> Report:
    """Check the bundle at ``path`` against every rule. Never raises.

    ``trusted`` names large tables whose rows the caller has just written and checked row by
    row (``import-people``'s people): their rows are not read again, but the rules across
    rows (unique keys, references to them) are still run, in SQL."""
    report = Report(str(path))
    try:
        deviations = check_bundle(path)
        conn = open_bundle(path)
    except BundleError as exc:
        report.readable = False
        report.add("error", "", "", "", str(exc))
        return report
    except Exception as exc:  # a report, never a traceback
        report.readable = False
        report.add("error", "", "", "", f"{path}: cannot be read ({type(exc).__name__}: {exc})")
        return report
    try:
        conn.text_factory = text_factory
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if os.path.lexists(side):
                report.add(
                    "warning",
                    "",
                    "",
                    "",
                    f"{side.name} beside the bundle is ignored: a bundle is read as one file. "
                    "If a program has the bundle open, close it (so it writes its changes into "
                    "the file) and validate again",
                )
        for message in deviations:  # each one its own rule: all are listed
            report.add("error", "", "", "", message, rule=message)
        size = Path(path).stat().st_size
        if size > MAX_BUNDLE_BYTES:
            report.add(
                "error",
                "",
                "",
                "",
                f"the bundle is {size / 1024**3:.1f} GB; the limit is "
                f"{MAX_BUNDLE_BYTES / 1024**3:.0f} GB (its rows were not checked)",
            )
            return report
        Validator(conn, report, trusted=trusted).run()
    except Exception as exc:  # a report, never a traceback
        report.add("error", "", "", "", f"could not be checked ({type(exc).__name__}: {exc})")
    finally:
        conn.close()
    return report
