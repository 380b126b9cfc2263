"""The read-only reader: locale fallback, no writes, and no crash on a hand-mangled bundle."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.reader import Bundle, BundleError

from .conftest import BundleFactory
from .factory import mangler


def test_locale_falls_back_to_default(fresh_bundle: BundleFactory) -> None:
    """An untranslated text in az comes back in the default language."""
    with Bundle(fresh_bundle(), "az") as bundle:
        titles = [s.title for s in bundle.sections()]
    assert titles == ["Başlanğıc", "A hard part"]


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    """Opening a path that does not exist fails and creates nothing."""
    with pytest.raises(BundleError):
        Bundle(tmp_path / "nothing.sqlite")
    assert list(tmp_path.iterdir()) == []


VALUES = st.one_of(
    st.none(), st.integers(-3, 3), st.floats(), st.text(max_size=8), st.binary(max_size=8)
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutations=st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 20), VALUES), min_size=1, max_size=4
    ),
    loose=st.booleans(),
)
def test_mangled_values_never_crash_the_reader(
    fresh_bundle: BundleFactory, mutations: list[tuple[int, int, object]], loose: bool
) -> None:
    """Wrong types anywhere give records (or a BundleError), never another exception."""

    mutate = mangler(mutations)
    path = fresh_bundle(mutate, loose=loose)
    with contextlib.suppress(BundleError):
        for locale in ("en", "az"):
            with Bundle(path, locale) as bundle:
                bundle.exhibit()
                bundle.sources()
                bundle.sections()
                bundle.events()
                bundle.statistics()
                bundle.remembrance()
                bundle.people()
                for media_id in range(3):
                    bundle.media(media_id)
                    bundle.media_data(media_id)


def test_a_huge_text_is_read_no_longer_than_a_valid_bundle_allows(tmp_path: Path) -> None:
    """A 5 MB title (validate refuses anything past its limit) reaches the kiosk cut just past
    the limit, and a 5 MB body cut at the longest text a bundle may hold: never a screen that
    lays out megabytes, never the memory to hold them."""
    import shutil
    import sqlite3

    from kiosk import paths
    from kiosk.content.limits import MAX_TEXT_CHARS
    from kiosk.content.tables import TITLE_LIMITS

    bundle = tmp_path / "huge.sqlite"
    shutil.copy(paths.default_bundle(), bundle)
    with contextlib.closing(sqlite3.connect(bundle)) as conn:
        conn.execute("UPDATE exhibit SET title = ?", ("A" * 5_000_000,))
        conn.execute("UPDATE sections SET body = ?", ("word " * 1_000_000,))
        conn.commit()
    with Bundle(bundle, "en") as read:
        assert len(read.exhibit().title) == TITLE_LIMITS[1] + 1
        assert all(len(s.body) <= MAX_TEXT_CHARS for s in read.sections())
