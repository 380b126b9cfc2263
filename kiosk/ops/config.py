"""The kiosk's configuration: one small TOML file of flat ``key = value`` settings.

``load_config`` never raises and never refuses to start: a missing file means the defaults; a
file that cannot be read or parsed (not a regular file, larger than ``MAX_CONFIG_BYTES``, not
UTF-8, not TOML, nested too deeply for the parser), an unknown key, a value of the wrong type or
out of range (a path with a NUL in it, or a ``~user`` that does not exist) each give one clear
message (naming the file, the key and the bad value) and the default for that key. The caller
logs the messages and shows them on the admin screen.

The file is read with ``kiosk.content.fileio.read_small_file`` and written with its
``atomic_write_text``, as the kiosk's other small files (candles, the PIN lockout) are.

Paths in the file may be absolute, start with ``~``, or be relative to the file's own folder.
What each setting means and which values it takes (its documentation and its check) is in
``kiosk.ops.settings``.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Final

from platformdirs import user_config_path, user_data_path

from kiosk import paths
from kiosk.content.fileio import atomic_write_text, read_small_file
from kiosk.ops.pin import parse_hash
from kiosk.ops.settings import CHECKERS, CONFIG_DOC, UI_SCALE_LIMITS, config_table_markdown

# What each setting is, documented and checked, is ``settings``'; these stay importable here.
__all__ = [
    "APP_NAME",
    "CONFIG_DOC",
    "DATA_DIR_ENV",
    "MAX_CONFIG_BYTES",
    "STATS_FILE",
    "UI_SCALE_LIMITS",
    "Config",
    "ConfigError",
    "config_fields",
    "config_table_markdown",
    "default_config_path",
    "default_data_dir",
    "load_config",
    "set_pin_hash",
]

APP_NAME: Final = "memorial-kiosk"
DATA_DIR_ENV: Final = "KIOSK_DATA_DIR"
# kiosk.toml is a dozen short lines; anything this large is not a configuration file.
MAX_CONFIG_BYTES: Final = 1024 * 1024
STATS_FILE: Final = "stats.sqlite"


class ConfigError(Exception):
    """The configuration file could not be written. The message names the file and the cause."""


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting of the kiosk, with its default. See ``CONFIG_DOC`` for what each means."""

    bundle: Path | None = None
    idle_timeout_s: float = 90.0
    idle_prompt_s: float = 20.0
    attract_interval_s: float = 12.0
    default_language: str | None = None
    admin_pin_hash: str = ""
    log_level: str = "INFO"
    stats_enabled: bool = True
    stats_retention_days: int = 365
    stats_max_mb: float = 50.0
    data_dir: Path | None = None
    ui_scale: float | None = None  # None: "auto", from the screen's physical size

    def bundle_path(self) -> Path:
        """The configured bundle, or the default exhibit shipped with the program."""
        return self.bundle if self.bundle is not None else paths.default_bundle()

    def data_path(self) -> Path:
        """The kiosk's own data folder (logs, statistics, last good bundle)."""
        return self.data_dir if self.data_dir is not None else default_data_dir()

    def stats_path(self) -> Path:
        """The visitor statistics file inside the data folder."""
        return self.data_path() / STATS_FILE


def default_config_path() -> Path:
    """Where the kiosk looks for its configuration when no ``--config`` is given."""
    return user_config_path(APP_NAME, appauthor=False) / "kiosk.toml"


def default_data_dir() -> Path:
    """``$KIOSK_DATA_DIR`` when set (and usable), else the per-user data folder."""
    env, _problem = _env_data_dir()
    return env if env is not None else user_data_path(APP_NAME, appauthor=False)


def _env_data_dir() -> tuple[Path | None, str | None]:
    """``$KIOSK_DATA_DIR`` as a path (None when unset or unusable), and what is wrong with it."""
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if not env:
        return None, None
    try:
        return Path(env).expanduser(), None
    except RuntimeError:
        return None, (
            f"{DATA_DIR_ENV}={_shown(env)} names a home folder (~) that cannot be found; "
            "it is ignored"
        )


_DEFAULTS: Final = Config()


def _shown(value: Any) -> str:
    """A value as it looks in TOML (true, "text", 12), shortened when long."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _default_text(key: str) -> str:
    return next(d.default for d in CONFIG_DOC if d.key == key)


def _read_toml(path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """The parsed file (None when absent or unusable) and any message about it."""
    try:
        raw = read_small_file(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return None, []
    except OSError as exc:
        return None, [f"{path}: cannot be read ({exc.strerror or exc}); using all defaults"]
    try:
        return tomllib.loads(raw.decode("utf-8")), []
    except UnicodeDecodeError:
        return None, [f"{path}: is not UTF-8 text; using all defaults"]
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{path}: is not valid TOML ({exc}); using all defaults"]
    except RecursionError:
        return None, [f"{path}: is nested too deeply to be a configuration; using all defaults"]
    except (ValueError, MemoryError) as exc:  # e.g. an integer of thousands of digits
        return None, [f"{path}: cannot be used ({_short(str(exc))}); using all defaults"]


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _unknown_key_message(path: Path, key: str) -> str:
    hint = difflib.get_close_matches(key, list(CHECKERS), n=1)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"{path}: unknown setting {key!r}{suggestion}; it is ignored"


def _check_values(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    messages: list[str] = []
    base = path.parent
    for key, raw in data.items():
        checker = CHECKERS.get(key)
        if checker is None and isinstance(raw, dict):
            messages.append(
                f"{path}: unknown section [{key}]; settings are plain `key = value` lines at "
                "the top of the file; it is ignored"
            )
            continue
        if checker is None:
            messages.append(_unknown_key_message(path, key))
            continue
        value, problem = checker(raw, base)
        if problem is not None:
            messages.append(
                f"{path}: {key} = {_shown(raw)} {problem}; using the default {_default_text(key)}"
            )
            continue
        values[key] = value
    return values, messages


def _check_idle_prompt(path: Path, config: Config) -> tuple[Config, list[str]]:
    if config.idle_prompt_s < config.idle_timeout_s:
        return config, []
    fallback = min(_DEFAULTS.idle_prompt_s, config.idle_timeout_s / 2)
    message = (
        f"{path}: idle_prompt_s = {config.idle_prompt_s:g} must be shorter than "
        f"idle_timeout_s = {config.idle_timeout_s:g}; using {fallback:g}"
    )
    return replace(config, idle_prompt_s=fallback), [message]


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the configuration at ``path`` (or ``default_config_path()``); never raises.

    Returns the configuration and the messages about anything that was wrong (each naming the
    file, the key and the bad value, and the value used instead). ``$KIOSK_DATA_DIR`` overrides
    ``data_dir``.
    """
    path = Path(path) if path is not None else default_config_path()
    data, messages = _read_toml(path)
    values: dict[str, Any] = {}
    if data is not None:
        values, value_messages = _check_values(path, data)
        messages += value_messages
    env, env_problem = _env_data_dir()
    if env is not None:
        values["data_dir"] = env
    if env_problem is not None:
        messages.append(env_problem)
    config, idle_messages = _check_idle_prompt(path, Config(**values))
    return config, messages + idle_messages


# -- writing the PIN hash -------------------------------------------------------------------
def _with_pin_hash(text: str, pin_hash: str) -> str:
    """``text`` with its top-level ``admin_pin_hash`` set (tomlkit keeps every other line,
    comment and blank as it was; a new key goes before any table). A file tomlkit cannot
    parse gets the setting as a new first line: the rest stays as the technician left it."""
    import tomlkit  # noqa: PLC0415 - only `kiosk --set-pin` writes: not on the kiosk's way to start
    import tomlkit.exceptions  # noqa: PLC0415

    try:
        doc = tomlkit.parse(text)
    except (tomlkit.exceptions.TOMLKitError, ValueError, RecursionError, MemoryError):
        return f'admin_pin_hash = "{pin_hash}"\n' + text
    doc["admin_pin_hash"] = pin_hash
    return tomlkit.dumps(doc)


def _parses(text: str) -> bool:
    try:
        tomllib.loads(text)
    except (ValueError, RecursionError, MemoryError):
        return False
    return True


def set_pin_hash(path: Path, pin_hash: str) -> None:
    """Write ``admin_pin_hash`` into the TOML file at ``path``, keeping every other line.

    Creates the file and its folder when missing; replaces the file atomically, keeping its owner,
    group and mode (a new file is 0600: it holds the PIN's hash; created by root, it belongs to
    the owner of its folder). An empty
    ``pin_hash`` clears the PIN. Raises ``ConfigError`` (with a message naming the file) when the
    hash is malformed or the file cannot be read or written.
    """
    path = Path(os.path.realpath(path))  # a symlinked kiosk.toml stays a symlink
    if pin_hash and parse_hash(pin_hash) is None:
        raise ConfigError(f"{path}: refusing to write a malformed PIN hash")
    try:
        old = read_small_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        old = ""
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text; edit the file by hand") from None
    new = _with_pin_hash(old, pin_hash)
    if _parses(old) and not _parses(new):
        raise ConfigError(
            f"{path}: the admin_pin_hash line could not be replaced safely; edit the file by hand"
        )
    try:
        atomic_write_text(path, new)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be written ({exc.strerror or exc})") from None


def config_fields() -> tuple[str, ...]:
    """The names of every setting, in the order of ``Config``."""
    return tuple(f.name for f in fields(Config))
