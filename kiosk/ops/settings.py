"""What each setting of kiosk.toml is: its line in the README's table, and its check.

``CONFIG_DOC`` documents every setting (``config_table_markdown`` is the README's and
INSTALL.md's table, which tests compare); ``CHECKERS`` holds each setting's check of a value
read from the file: ``(value, None)`` when good, ``(None, problem)`` when not, the problem in
words that follow the key and its value ("idle_timeout_s = 5 must be between 15 and 3600").
The ``Config`` they describe, and the reading and writing of the file, are ``config``'s.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, NamedTuple

from kiosk.content.fileio import LANGUAGE_CODE
from kiosk.ops.pin import parse_hash

LOG_LEVELS: Final = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MAX_PATH_CHARS: Final = 4096


class SettingDoc(NamedTuple):
    """One row of the configuration table in the README."""

    key: str
    default: str
    meaning: str


CONFIG_DOC: Final[tuple[SettingDoc, ...]] = (
    SettingDoc(
        "bundle",
        "(the default exhibit)",
        "Path of the content bundle the kiosk shows and watches for updates; "
        "relative paths are relative to the configuration file.",
    ),
    SettingDoc(
        "idle_timeout_s",
        "90",
        "Seconds without a touch before the kiosk returns to the attract loop (15 to 3600).",
    ),
    SettingDoc(
        "idle_prompt_s",
        "20",
        'Seconds the "are you still there?" prompt shows before that return '
        "(0 to 120; 0 = no prompt; shorter than idle_timeout_s).",
    ),
    SettingDoc(
        "attract_interval_s",
        "12",
        "Seconds each slide of the attract loop stays on screen (3 to 600).",
    ),
    SettingDoc(
        "default_language",
        "(the bundle's default)",
        'Language code a new visit starts in, e.g. "az", "ru", "en"; '
        "ignored when the bundle does not have it.",
    ),
    SettingDoc(
        "admin_pin_hash",
        '""',
        "Salted scrypt hash of the admin PIN, written by `kiosk --set-pin`; "
        "empty = the admin screen cannot be opened by PIN.",
    ),
    SettingDoc(
        "log_level",
        '"INFO"',
        "Least severe level written to the log: DEBUG, INFO, WARNING, ERROR or CRITICAL.",
    ),
    SettingDoc(
        "stats_enabled",
        "true",
        "Record anonymous visitor statistics (no personal data, ever).",
    ),
    SettingDoc(
        "stats_retention_days",
        "365",
        "Statistics older than this many days are deleted (1 to 3650).",
    ),
    SettingDoc(
        "stats_max_mb",
        "50",
        "Size limit of the statistics file in MB; the oldest events go first (1 to 2048).",
    ),
    SettingDoc(
        "data_dir",
        "(per-user data folder)",
        "Folder for logs, statistics and the kiosk's copy of the last good bundle; "
        "the environment variable KIOSK_DATA_DIR overrides it.",
    ),
    SettingDoc(
        "ui_scale",
        '"auto"',
        "Size of everything on screen against the design's 32-inch panel: "
        '"auto" = from the physical size the screen reports (1.0 when it reports none), '
        "or a number from 0.75 to 1.25 (1.25 for a small panel, such as a 15-inch 1280x800).",
    ),
)


def config_table_markdown() -> str:
    """``CONFIG_DOC`` as a Markdown table, the way the README shows it."""
    lines = ["| Setting | Default | Meaning |", "|---|---|---|"]
    lines += [f"| `{d.key}` | `{d.default}` | {d.meaning} |" for d in CONFIG_DOC]
    return "\n".join(lines)


# -- validation of single values ------------------------------------------------------------
# Each checker returns (value, None) when good, or (None, problem) when not.
Checked = tuple[Any, str | None]


def _number(lo: float, hi: float) -> Callable[[Any, Path], Checked]:
    def check(value: Any, _base: Path) -> Checked:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, "must be a number"
        if not math.isfinite(value) or not lo <= value <= hi:
            return None, f"must be between {lo:g} and {hi:g}"
        return float(value), None

    return check


def _integer(lo: int, hi: int) -> Callable[[Any, Path], Checked]:
    def check(value: Any, _base: Path) -> Checked:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, "must be a whole number"
        if not lo <= value <= hi:
            return None, f"must be between {lo} and {hi}"
        return value, None

    return check


def _path(value: Any, base: Path) -> Checked:
    if not isinstance(value, str) or not value.strip():
        return None, "must be a non-empty path in quotes"
    if "\x00" in value:
        return None, "must not contain a NUL character"
    if len(value) > MAX_PATH_CHARS:
        return None, f"is longer than {MAX_PATH_CHARS} characters"
    try:
        path = Path(value.strip()).expanduser()
    except RuntimeError:  # "~someone" with no such user or home folder
        return None, "names a home folder (~) that cannot be found"
    return (path if path.is_absolute() else base / path), None


def _boolean(value: Any, _base: Path) -> Checked:
    if not isinstance(value, bool):
        return None, "must be true or false (without quotes)"
    return value, None


def _language(value: Any, _base: Path) -> Checked:
    if not isinstance(value, str) or not LANGUAGE_CODE.match(value.strip()):
        return None, 'must be a language code in quotes, such as "az", "ru" or "en"'
    return value.strip(), None


def _pin_hash(value: Any, _base: Path) -> Checked:
    if not isinstance(value, str):
        return None, "must be a text in quotes"
    if value.strip() and parse_hash(value) is None:
        return None, "is not a hash written by `kiosk --set-pin`; set the PIN again"
    return value.strip(), None


def _log_level(value: Any, _base: Path) -> Checked:
    if not isinstance(value, str) or value.strip().upper() not in LOG_LEVELS:
        return None, "must be one of " + ", ".join(LOG_LEVELS)
    return value.strip().upper(), None


UI_SCALE_LIMITS: Final = (0.75, 1.25)


def _ui_scale(value: Any, _base: Path) -> Checked:
    if isinstance(value, str) and value.strip().lower() == "auto":
        return None, None
    lo, hi = UI_SCALE_LIMITS
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, f'must be "auto" or a number from {lo:g} to {hi:g}'
    if not math.isfinite(value) or not lo <= value <= hi:
        return None, f'must be "auto" or a number from {lo:g} to {hi:g}'
    return float(value), None


CHECKERS: Final[dict[str, Callable[[Any, Path], Checked]]] = {
    "bundle": _path,
    "idle_timeout_s": _number(15, 3600),
    "idle_prompt_s": _number(0, 120),
    "attract_interval_s": _number(3, 600),
    "default_language": _language,
    "admin_pin_hash": _pin_hash,
    "log_level": _log_level,
    "stats_enabled": _boolean,
    "stats_retention_days": _integer(1, 3650),
    "stats_max_mb": _number(1, 2048),
    "data_dir": _path,
    "ui_scale": _ui_scale,
}
