"""Fixtures for the content layer: synthetic source folders, bundles and images (no Qt)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import hostile_corpus  # noqa: F401  (the damaged-bundle corpus, a session fixture)

from kiosk.content.source import build

from .factory import loosen, png_bytes, write_synthetic_source

BundleFactory = Callable[..., Path]


@pytest.fixture
def synthetic_source(tmp_path: Path) -> Path:
    """A fresh synthetic source folder (see write_synthetic_source)."""
    return write_synthetic_source(tmp_path / "source")


@pytest.fixture(scope="session")
def _built_synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    return build(write_synthetic_source(root / "source"), root / "bundle.sqlite").bundle


@pytest.fixture
def fresh_bundle(tmp_path: Path, _built_synthetic: Path) -> BundleFactory:
    """Make a copy of the synthetic bundle, optionally changed by SQL, and return its path.

    ``fresh_bundle(*statements, loose=False)``: each statement is SQL (str) or a callable taking
    the connection. ``loose=True`` first rebuilds every table without its constraints, so
    a statement can put NULLs and wrong types anywhere, as a foreign tool could.
    """
    counter = iter(range(1_000_000))

    def make(*edits: str | Callable[[sqlite3.Connection], None], loose: bool = False) -> Path:
        path = tmp_path / f"bundle-{next(counter)}.sqlite"
        shutil.copyfile(_built_synthetic, path)
        if edits or loose:
            conn = sqlite3.connect(path)
            try:
                if loose:
                    loosen(conn)
                conn.execute("PRAGMA ignore_check_constraints = ON")
                for edit in edits:
                    if callable(edit):
                        edit(conn)
                    else:
                        conn.execute(edit)
                conn.commit()
            finally:
                conn.close()
        return path

    return make


@pytest.fixture
def png() -> Callable[..., bytes]:
    return png_bytes
