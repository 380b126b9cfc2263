"""The curator's command line: exit codes, messages, and no traceback whatever the input."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import SCHEMA_VERSION, cli

from .conftest import BundleFactory
from .factory import loosen, mangler


def invoke(*args: str | Path) -> tuple[int, str, str]:
    """Run kiosk-content in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.run([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def assert_clean_failure(code: int, out: str, err: str, codes: tuple[int, ...] = (1, 2)) -> None:
    assert code in codes, (code, out, err)
    assert "Traceback" not in out + err
    if code == 2:
        assert err.startswith("kiosk-content: ") or '"readable": false' in out


def test_validate_valid_bundle_exits_0(fresh_bundle: BundleFactory) -> None:
    """A valid bundle (warnings allowed) exits 0 with a summary line."""
    code, out, _err = invoke("validate", fresh_bundle())
    assert code == 0
    assert "valid: 0 errors" in out


def test_validate_with_errors_exits_1(fresh_bundle: BundleFactory) -> None:
    """Errors exit 1, each printed with table, row and field."""
    code, out, _err = invoke("validate", fresh_bundle("UPDATE sections SET title = ''"))
    assert code == 1
    assert "error: sections [start] title: is empty (required)" in out


def test_validate_json(fresh_bundle: BundleFactory) -> None:
    """--json prints the report as JSON."""
    code, out, _err = invoke("validate", fresh_bundle(), "--json")
    assert code == 0
    assert json.loads(out)["ok"] is True


def test_validate_unreadable_json_exits_2(tmp_path: Path) -> None:
    """--json on a non-bundle still prints JSON, and exits 2."""
    junk = tmp_path / "junk"
    junk.write_text("hello")
    code, out, _err = invoke("validate", junk, "--json")
    assert code == 2
    assert json.loads(out)["readable"] is False


def test_info_shows_facts_and_checksum(fresh_bundle: BundleFactory) -> None:
    """info names the title, languages, counts and the file's SHA-256."""
    bundle = fresh_bundle()
    code, out, _err = invoke("info", bundle)
    assert code == 0
    assert "A test exhibit" in out and "en, az" in out and "sections 2" in out
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() in out


def test_info_json(fresh_bundle: BundleFactory) -> None:
    """info --json has the counts and schema version."""
    code, out, _err = invoke("info", fresh_bundle(), "--json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == SCHEMA_VERSION and data["counts"]["events"] == 4


def test_build_then_export(synthetic_source: Path, tmp_path: Path) -> None:
    """build writes and validates; export writes the source back."""
    code, out, _err = invoke("build", synthetic_source, "-o", tmp_path / "b.sqlite")
    assert code == 0 and "valid" in out
    code, _out, _err = invoke("export", tmp_path / "b.sqlite", "-o", tmp_path / "again")
    assert code == 0 and (tmp_path / "again" / "exhibit.toml").is_file()


def test_build_problems_name_file_and_line(synthetic_source: Path, tmp_path: Path) -> None:
    """A broken source exits 1 listing each problem with its file and line."""
    (synthetic_source / "remembrance.csv").write_text("key,kind\nx,prayer\n", encoding="utf-8")
    code, _out, err = invoke("build", synthetic_source, "-o", tmp_path / "b.sqlite")
    assert code == 1
    assert "remembrance.csv, line 2: kind 'prayer'" in err
    assert not (tmp_path / "b.sqlite").exists()


def test_build_with_validation_errors_exits_1(synthetic_source: Path, tmp_path: Path) -> None:
    """A source that builds but breaks a rule gives the bundle, the errors, and exit 1."""
    md = synthetic_source / "sections" / "02-hard.md"
    md.write_text(md.read_text().replace("This section describes violence.", ""))
    code, out, _err = invoke("build", synthetic_source, "-o", tmp_path / "b.sqlite")
    assert code == 1
    assert "sections [hard] advisory" in out
    assert (tmp_path / "b.sqlite").exists()


def test_export_into_non_empty_folder_exits_1(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """Export refuses to mix with an existing folder's files."""
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    code, _out, err = invoke("export", fresh_bundle(), "-o", tmp_path / "full")
    assert code == 1 and "not an empty folder" in err


def test_publish_valid_and_invalid(fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """publish exits 0 for a valid bundle, 1 for an invalid one, leaving DEST as it was."""
    dest = tmp_path / "kiosk.sqlite"
    good = fresh_bundle()
    assert invoke("publish", good, dest)[0] == 0
    code, _out, err = invoke("publish", fresh_bundle("UPDATE sections SET title = ''"), dest)
    assert code == 1 and "refused" in err
    assert dest.read_bytes() == good.read_bytes()


def test_unexpected_exception_is_one_line(
    fresh_bundle: BundleFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last-resort handler turns a bug into one line and exit 2, not a traceback."""

    def boom(path: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "validate_bundle", boom)
    code, out, err = invoke("validate", fresh_bundle())
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "boom" in err


def _nulls(conn: sqlite3.Connection) -> None:
    loosen(conn)
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\\_%' ESCAPE '\\'"
    ).fetchall():
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = NULL' for c in cols)}")


BROKEN: dict[str, tuple[Callable[[Path, BundleFactory], Path], int]] = {
    "missing": (lambda tmp, fb: tmp / "nothing.sqlite", 2),
    "folder": (lambda tmp, fb: tmp, 2),
    "empty": (lambda tmp, fb: _write(tmp / "empty.sqlite", b""), 2),
    "text": (lambda tmp, fb: _write(tmp / "t.sqlite", b"title,body\nA,B\n"), 2),
    "random": (lambda tmp, fb: _write(tmp / "r.sqlite", os.urandom(5000)), 2),
    "truncated": (lambda tmp, fb: _write(tmp / "c.sqlite", fb().read_bytes()[:9000]), 2),
    "newer": (lambda tmp, fb: fb("PRAGMA user_version = 7"), 2),
    "dropped": (lambda tmp, fb: fb("DROP TABLE statistics"), 2),
    "nulls": (lambda tmp, fb: fb(_nulls), 1),
    "hostile": (lambda tmp, fb: fb("UPDATE sections SET body = '<img src=http://x/y.png>'"), 1),
    "image": (lambda tmp, fb: fb("UPDATE media SET data = x'89504e470d0a1a0a0000'"), 1),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_inputs_by_hand(case: str, fresh_bundle: BundleFactory, tmp_path: Path) -> None:
    """Each kind of broken input: validate exits 1 or 2 as documented; no command crashes."""
    make, expected = BROKEN[case]
    path = make(tmp_path, fresh_bundle)
    code, out, err = invoke("validate", path)
    assert_clean_failure(code, out, err, (expected,))
    if code == 2:
        assert len(err.strip().splitlines()) == 1
    for args in (
        ("info", path),
        ("export", path, "-o", tmp_path / f"out-{case}"),
        ("publish", path, tmp_path / "dest.sqlite"),
    ):
        assert_clean_failure(*invoke(*args), codes=(0, 1, 2))
    assert not (tmp_path / "dest.sqlite").exists()


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), header=st.booleans())
def test_random_bytes(tmp_path: Path, data: bytes, header: bool) -> None:
    """Random bytes (with or without an SQLite header) exit 1 or 2 without a traceback."""
    path = tmp_path / "random.sqlite"
    path.write_bytes((b"SQLite format 3\x00" if header else b"") + data)
    for command in ("validate", "info"):
        assert_clean_failure(*invoke(command, path))


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fraction=st.floats(min_value=0.0, max_value=0.999))
def test_truncated_bundle(fresh_bundle: BundleFactory, tmp_path: Path, fraction: float) -> None:
    """A bundle cut anywhere (a half-copied file) exits 1 or 2 without a traceback."""
    data = fresh_bundle().read_bytes()
    path = tmp_path / "cut.sqlite"
    path.write_bytes(data[: int(len(data) * fraction)])
    assert_clean_failure(*invoke("validate", path))
    assert_clean_failure(*invoke("info", path), codes=(0, 1, 2))


VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.text(max_size=30),
    st.binary(max_size=30),
    st.sampled_from(["<script>", "https://x", "1992-13-01", "time", "[]", "{}"]),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutations=st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 20), VALUES), min_size=1, max_size=5
    ),
    loose=st.booleans(),
)
def test_mutated_rows(
    fresh_bundle: BundleFactory,
    tmp_path: Path,
    mutations: list[tuple[int, int, object]],
    loose: bool,
) -> None:
    """Random row mutations (wrong types, NULLs): validate, info and export stay clean."""

    mutate = mangler(mutations)
    path = fresh_bundle(mutate, loose=loose)
    assert_clean_failure(*invoke("validate", path), codes=(0, 1, 2))
    assert_clean_failure(*invoke("info", path), codes=(0, 1, 2))
    out = tmp_path / f"export-{os.urandom(4).hex()}"
    assert_clean_failure(*invoke("export", path, "-o", out), codes=(0, 1, 2))


def test_version() -> None:
    """--version prints the program version."""
    code, out, _err = invoke("--version")
    assert code == 0 and "kiosk-content" in out


def test_terminal_escapes_in_a_bundle_are_not_printed(fresh_bundle: BundleFactory) -> None:
    """Keys and titles holding terminal control sequences are printed defanged."""
    bundle = fresh_bundle(
        "UPDATE sections SET key = 'x' || char(27) || '[2J', title = '' WHERE key = 'start'",
        "UPDATE exhibit SET title = 'T' || char(27) || '[31m'",
    )
    for command in ("validate", "info"):
        _code, out, err = invoke(command, bundle)
        assert "\x1b" not in out + err


def test_info_shortens_what_it_echoes(fresh_bundle: BundleFactory) -> None:
    """A 5,000-character title is printed cut, on one line (JSON too)."""
    bundle = fresh_bundle(lambda c: c.execute("UPDATE exhibit SET title = ?", ("T" * 5000,)))
    code, out, _err = invoke("info", bundle)
    title = next(line for line in out.splitlines() if line.startswith("Title:"))
    assert code == 0 and len(title) < 260 and title.endswith("…")
    code, out, _err = invoke("info", bundle, "--json")
    assert code == 0 and len(json.loads(out)["title"]) <= 200


def test_info_and_export_name_the_damage(tmp_path: Path, fresh_bundle: BundleFactory) -> None:
    """A bit-flipped column name: info and export say what differs, exit 2, not "unexpected"."""
    data = fresh_bundle().read_bytes()
    at = data.index(b"source_id")
    path = tmp_path / "flipped.sqlite"
    path.write_bytes(data[:at] + b"sourcX_id" + data[at + 9 :])
    for args in (("info", path), ("export", path, "-o", tmp_path / "out")):
        code, out, err = invoke(*args)
        assert code == 2 and out == "", (out, err)
        assert str(path) in err and "sourcX_id" in err and "unexpected" not in err
