"""The configuration file: defaults, clear messages for bad values, the PIN line."""

from __future__ import annotations

import dataclasses
import os
import stat
import tomllib
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.ops.config import (
    CONFIG_DOC,
    DATA_DIR_ENV,
    Config,
    ConfigError,
    config_table_markdown,
    default_config_path,
    default_data_dir,
    load_config,
    set_pin_hash,
)
from kiosk.ops.pin import hash_pin


@pytest.fixture(autouse=True)
def _no_env_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    """No configuration file is normal: all defaults, no message."""
    config, messages = load_config(tmp_path / "absent.toml")
    assert config == Config()
    assert messages == []


def test_defaults_match_the_brief() -> None:
    """The defaults are the documented ones."""
    c = Config()
    assert (c.idle_timeout_s, c.idle_prompt_s, c.attract_interval_s) == (90, 20, 12)
    assert (c.stats_enabled, c.stats_retention_days, c.stats_max_mb) == (True, 365, 50)
    assert (c.admin_pin_hash, c.log_level, c.bundle, c.default_language) == ("", "INFO", None, None)


def test_default_bundle_is_the_shipped_one() -> None:
    """With no bundle setting the kiosk shows the default exhibit."""
    assert Config().bundle_path() == paths.default_bundle()


def test_good_values_are_read(tmp_path: Path) -> None:
    """Every kind of value is read and converted."""
    path = write(
        tmp_path,
        'bundle = "exhibit.sqlite"\nidle_timeout_s = 120\nidle_prompt_s = 7.5\n'
        'default_language = "az"\nlog_level = "debug"\nstats_enabled = false\n'
        "stats_retention_days = 30\nstats_max_mb = 5\n",
    )
    config, messages = load_config(path)
    assert messages == []
    assert config.bundle == tmp_path / "exhibit.sqlite"
    assert (config.idle_timeout_s, config.idle_prompt_s) == (120.0, 7.5)
    assert (config.default_language, config.log_level) == ("az", "DEBUG")
    assert (config.stats_enabled, config.stats_retention_days, config.stats_max_mb) == (
        False,
        30,
        5,
    )


def test_absolute_and_home_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Absolute paths stay; ~ means the home folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = write(tmp_path, f"bundle = '{tmp_path / 'b.sqlite'}'\ndata_dir = '~/kiosk'\n")
    config, _ = load_config(path)
    assert config.bundle == tmp_path / "b.sqlite"
    assert config.data_dir == tmp_path / "home" / "kiosk"


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ('idle_timeout_s = "ninety"', "idle_timeout_s", 90.0),
        ("idle_timeout_s = 2", "idle_timeout_s", 90.0),
        ("idle_timeout_s = true", "idle_timeout_s", 90.0),
        ("attract_interval_s = -1", "attract_interval_s", 12.0),
        ('stats_enabled = "yes"', "stats_enabled", True),
        ("stats_retention_days = 1.5", "stats_retention_days", 365),
        ("stats_max_mb = 0", "stats_max_mb", 50.0),
        ('log_level = "LOUD"', "log_level", "INFO"),
        ('default_language = "English!"', "default_language", None),
        ('admin_pin_hash = "1234"', "admin_pin_hash", ""),
        ('bundle = ""', "bundle", None),
    ],
)
def test_bad_value_gives_message_and_default(
    tmp_path: Path, line: str, key: str, expected: object
) -> None:
    """A bad value is named with its file, key and value, and the default is used."""
    path = write(tmp_path, line + "\n")
    config, messages = load_config(path)
    assert getattr(config, key) == expected
    assert len(messages) == 1
    assert str(path) in messages[0] and key in messages[0]
    assert line.split("=", 1)[1].strip().strip('"') in messages[0]
    assert "default" in messages[0]


def test_other_values_survive_a_bad_one(tmp_path: Path) -> None:
    """One bad setting does not throw away the good ones."""
    path = write(tmp_path, 'idle_timeout_s = "x"\nattract_interval_s = 20\n')
    config, _ = load_config(path)
    assert config.attract_interval_s == 20


def test_unknown_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    """A misspelt key is reported with the likely intended one."""
    path = write(tmp_path, "idle_timeout = 60\n")
    config, messages = load_config(path)
    assert config == Config()
    assert "'idle_timeout'" in messages[0] and "idle_timeout_s" in messages[0]


def test_invalid_toml_gives_defaults_and_a_message(tmp_path: Path) -> None:
    """A file that is not TOML gives all defaults and says where it broke."""
    path = write(tmp_path, "idle_timeout_s = = 3\n")
    config, messages = load_config(path)
    assert config == Config()
    assert str(path) in messages[0] and "TOML" in messages[0] and "line 1" in messages[0]


def test_not_utf8_gives_defaults(tmp_path: Path) -> None:
    """A file in another encoding is reported, not crashed on."""
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b'default_language = "\xff"\n')
    config, messages = load_config(path)
    assert config == Config()
    assert "UTF-8" in messages[0]


def test_folder_instead_of_file(tmp_path: Path) -> None:
    """A folder given as the configuration file is reported, not crashed on."""
    config, messages = load_config(tmp_path)
    assert config == Config()
    assert "cannot be read" in messages[0]


def test_prompt_must_be_shorter_than_timeout(tmp_path: Path) -> None:
    """A prompt as long as the timeout is shortened, with a message."""
    path = write(tmp_path, "idle_timeout_s = 16\nidle_prompt_s = 20\n")
    config, messages = load_config(path)
    assert config.idle_prompt_s == 8
    assert "idle_prompt_s" in messages[0]


def test_env_overrides_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """KIOSK_DATA_DIR wins over the file and the default."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    path = write(tmp_path, "data_dir = 'elsewhere'\n")
    config, _ = load_config(path)
    assert config.data_path() == tmp_path / "env"
    assert config.stats_path() == tmp_path / "env" / "stats.sqlite"


def test_default_config_path_is_kiosk_toml() -> None:
    """The default configuration file is kiosk.toml in the per-user config folder."""
    assert default_config_path().name == "kiosk.toml"
    assert "memorial-kiosk" in str(default_config_path())


def test_every_setting_is_documented() -> None:
    """CONFIG_DOC has one row for every Config field, in order, and nothing else."""
    assert [d.key for d in CONFIG_DOC] == [f.name for f in dataclasses.fields(Config)]
    table = config_table_markdown()
    assert all(f"`{d.key}`" in table for d in CONFIG_DOC)


def test_documented_numeric_defaults_are_true() -> None:
    """The defaults in the table are the ones in the code."""
    for doc in CONFIG_DOC:
        value = getattr(Config(), doc.key)
        if isinstance(value, bool):
            assert doc.default == str(value).lower()
        elif isinstance(value, int | float):
            assert float(doc.default) == value


def test_set_pin_creates_file_and_folder(tmp_path: Path) -> None:
    """Setting a PIN on a fresh machine creates the configuration file."""
    path = tmp_path / "new" / "kiosk.toml"
    stored = hash_pin("1234")
    set_pin_hash(path, stored)
    config, messages = load_config(path)
    assert messages == [] and config.admin_pin_hash == stored


def test_set_pin_keeps_other_lines(tmp_path: Path) -> None:
    """Only the admin_pin_hash line changes; comments and settings stay."""
    path = write(
        tmp_path,
        '# kiosk in hall 2\nadmin_pin_hash = "old"\nidle_timeout_s = 60  # short\n',
    )
    stored = hash_pin("1234")
    set_pin_hash(path, stored)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# kiosk in hall 2\n")
    assert "idle_timeout_s = 60  # short" in text
    assert text.count("admin_pin_hash") == 1
    assert tomllib.loads(text)["admin_pin_hash"] == stored


def test_set_pin_goes_before_tables(tmp_path: Path) -> None:
    """A new PIN line is placed where TOML keeps top-level keys."""
    path = write(tmp_path, "idle_timeout_s = 60\n[extra]\nx = 1\n")
    set_pin_hash(path, hash_pin("1234"))
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert "admin_pin_hash" in data and "admin_pin_hash" not in data["extra"]


def test_set_pin_refuses_malformed_hash(tmp_path: Path) -> None:
    """Only a real hash (or empty, to clear) can be written."""
    with pytest.raises(ConfigError, match="malformed"):
        set_pin_hash(tmp_path / "kiosk.toml", "1234")


def test_set_pin_reports_unwritable_place(tmp_path: Path) -> None:
    """A path that cannot be written gives ConfigError naming it, not a traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="file"):
        set_pin_hash(blocker / "kiosk.toml", "")


# -- hostile and absurd files (issue 14): defaults and a message, never an exception ----------
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"a = " + b"[" * 500 + b"]" * 500 + b"\n", "nested too deeply"),
        (b"a = " + b"{b = " * 500 + b"1" + b"}" * 500 + b"\n", "nested too deeply"),
        (b"idle_timeout_s = 1" + b"0" * 5000 + b"\n", "cannot be used"),
        (b"# " + b"x" * (1024 * 1024 + 1) + b"\n", "more than the"),
    ],
    ids=["nested-arrays", "nested-tables", "huge-integer", "huge-file"],
)
def test_absurd_file_gives_defaults_and_names_the_problem(
    tmp_path: Path, content: bytes, says: str
) -> None:
    """Deep nesting (RecursionError in tomllib), a 5,000-digit number, a file over 1 MB."""
    path = tmp_path / "kiosk.toml"
    path.write_bytes(content)
    config, messages = load_config(path)
    assert config == Config()
    assert len(messages) == 1
    assert str(path) in messages[0] and says in messages[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_waited_on(tmp_path: Path) -> None:
    """A FIFO as the configuration file is refused at once instead of hanging the start."""
    path = tmp_path / "kiosk.toml"
    os.mkfifo(path)
    config, messages = load_config(path)
    assert config == Config()
    assert "not a regular file" in messages[0]


@pytest.mark.parametrize("key", ["bundle", "data_dir"])
@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('"exhibit\\u0000.sqlite"', "NUL"),
        ('"~no-such-user-h5/exhibit.sqlite"', "home folder"),
        ('"' + "x" * 5000 + '"', "longer than"),
    ],
    ids=["nul", "unknown-user", "too-long"],
)
def test_unusable_path_gives_the_default(tmp_path: Path, key: str, value: str, says: str) -> None:
    """A NUL (ValueError on first use), a ~user that does not exist, an absurd length."""
    path = write(tmp_path, f"{key} = {value}\n")
    config, messages = load_config(path)
    assert config == Config()
    assert len(messages) == 1
    assert key in messages[0] and says in messages[0]
    config.bundle_path().exists()  # usable: no ValueError
    config.data_path().exists()


def test_env_data_dir_of_unknown_user_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KIOSK_DATA_DIR=~nobody-here is reported and ignored, not a crash."""
    monkeypatch.setenv(DATA_DIR_ENV, "~no-such-user-h5/data")
    config, messages = load_config(tmp_path / "absent.toml")
    assert config.data_dir is None
    assert DATA_DIR_ENV in messages[0]
    assert default_data_dir().name  # no exception


def test_set_pin_survives_a_deeply_nested_file(tmp_path: Path) -> None:
    """`--set-pin` on a file tomllib cannot parse still writes the line (no RecursionError)."""
    path = write(tmp_path, "a = " + "[" * 500 + "]" * 500 + "\n")
    stored = hash_pin("1234")
    set_pin_hash(path, stored)
    assert f'admin_pin_hash = "{stored}"' in path.read_text(encoding="utf-8")


# -- --set-pin keeps the file's owner, group and mode ----------------------------------------
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX owners and modes")
as_root = pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root")


@posix_only
def test_set_pin_keeps_the_mode(tmp_path: Path) -> None:
    """A kiosk.toml that is 0640 stays 0640 after the PIN is written."""
    path = write(tmp_path, "idle_timeout_s = 60\n")
    path.chmod(0o640)
    set_pin_hash(path, hash_pin("1234"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@posix_only
def test_new_file_is_private(tmp_path: Path) -> None:
    """A new kiosk.toml holds the PIN's hash: only its owner may read it."""
    path = tmp_path / "kiosk.toml"
    set_pin_hash(path, hash_pin("1234"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@as_root
def test_set_pin_as_root_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    """Run as root, `--set-pin` leaves the kiosk user's file as that user's (issue 14)."""
    path = write(tmp_path, "idle_timeout_s = 60\n")
    os.chown(path, 65534, 65534)
    path.chmod(0o600)
    set_pin_hash(path, hash_pin("1234"))
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o600)
    config, messages = load_config(path)
    assert messages == [] and config.admin_pin_hash


@as_root
def test_new_file_as_root_belongs_to_the_folder_owner(tmp_path: Path) -> None:
    """A new kiosk.toml (and new folders) written by root go to the owner of the folder."""
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    path = home / ".config" / "memorial-kiosk" / "kiosk.toml"
    set_pin_hash(path, hash_pin("1234"))
    for made in (path, path.parent, path.parent.parent):
        assert (made.stat().st_uid, made.stat().st_gid) == (65534, 65534)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@posix_only
def test_set_pin_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    """A kiosk.toml that is a symlink is written through; the link stays."""
    real = write(tmp_path, "idle_timeout_s = 60\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    set_pin_hash(link, hash_pin("1234"))
    assert link.is_symlink()
    assert "admin_pin_hash" in real.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ui_scale = 1.25", 1.25),
        ("ui_scale = 0.75", 0.75),
        ("ui_scale = 1", 1.0),
        ('ui_scale = "auto"', None),
        ('ui_scale = "AUTO"', None),
    ],
)
def test_ui_scale_is_read(tmp_path: Path, line: str, expected: float | None) -> None:
    """ui_scale is "auto" (the screen's physical size) or a number from 0.75 to 1.25."""
    config, messages = load_config(write(tmp_path, line + "\n"))
    assert messages == []
    assert config.ui_scale == expected


@pytest.mark.parametrize(
    "line",
    ["ui_scale = 2", "ui_scale = 0.5", 'ui_scale = "big"', "ui_scale = true", "ui_scale = nan"],
)
def test_ui_scale_out_of_range_is_auto(tmp_path: Path, line: str) -> None:
    """A ui_scale outside its range, or not a number, is named and "auto" used instead."""
    path = write(tmp_path, line + "\n")
    config, messages = load_config(path)
    assert config.ui_scale is None
    assert len(messages) == 1
    assert "ui_scale" in messages[0] and "0.75" in messages[0] and '"auto"' in messages[0]
