"""The shared file helpers: digests, copies, the SQLite header, language codes, locale lists."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from kiosk.content import fileio


def test_sha256_matches_hashlib_and_can_be_stopped(tmp_path: Path) -> None:
    """The digest is hashlib's; a check that raises stops it before the next read."""
    data = b"x" * (3 * 1024 * 1024 + 7)
    path = tmp_path / "f"
    path.write_bytes(data)
    assert fileio.path_sha256(path) == hashlib.sha256(data).hexdigest()

    def stop() -> None:
        raise KeyboardInterrupt

    with path.open("rb") as fh, pytest.raises(KeyboardInterrupt):
        fileio.file_sha256(fh, stop)


def test_copy_hashed_copies_and_names_a_failed_read(tmp_path: Path) -> None:
    """The copy has the source's bytes and digest; a read that fails is a ReadFailed."""
    data = bytes(range(256)) * 5000
    with (tmp_path / "out").open("wb") as out:
        size, digest = fileio.copy_hashed(io.BytesIO(data), out)
    assert (size, digest) == (len(data), hashlib.sha256(data).hexdigest())
    assert (tmp_path / "out").read_bytes() == data

    class Broken(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with (tmp_path / "out2").open("wb") as out, pytest.raises(fileio.ReadFailed) as info:
        fileio.copy_hashed(Broken(), out)  # type: ignore[arg-type]
    assert info.value.error.strerror == "Input/output error"


def test_sqlite_header(tmp_path: Path) -> None:
    (tmp_path / "db").write_bytes(fileio.SQLITE_HEADER + b"\x00" * 100)
    (tmp_path / "text").write_bytes(b"hello")
    assert fileio.has_sqlite_header(tmp_path / "db")
    assert not fileio.has_sqlite_header(tmp_path / "text")


@pytest.mark.parametrize("code", ["az", "ru", "en", "fil", "az-Cyrl", "az-Latn-AZ", "pt_BR"])
def test_language_codes_accepted(code: str) -> None:
    assert fileio.LANGUAGE_CODE.match(code)


@pytest.mark.parametrize("code", ["", "e", "English", "EN", "az-", "a1", "az-Latn-AZ-x-y", "../x"])
def test_language_codes_refused(code: str) -> None:
    assert not fileio.LANGUAGE_CODE.match(code)


def test_locale_list_is_tolerant() -> None:
    assert fileio.locale_list('["en", "az"]') == ["en", "az"]
    assert fileio.locale_list("not json") == []
    assert fileio.locale_list('{"en": 1}') == []
    assert fileio.locale_list(fileio.locales_json(["az", "ru"])) == ["az", "ru"]
    assert fileio.lenient_text(b"caf\xe9") == "caf\ufffd"
