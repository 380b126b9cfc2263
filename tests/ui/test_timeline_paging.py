"""The timeline model reads its events a page at a time from the bundle: 100,000 events cost a
few pages of rows in Python, the year strip comes from SQL, a language change re-reads only the
pages held."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.models import TimelineModel
from kiosk.ui.backend.models.timeline import YEARS_AT_ONCE, BundleEvents

from .bundles import make_bundle

COUNT = 100_000
PAGE = TimelineModel.PAGE_ROWS


def _year(i: int) -> int:
    return 1000 + i // 100


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100,000 events (100 a year, a new era every 5,000, the first ones at a page boundary),
    every third title translated into Azerbaijani."""
    path = make_bundle(
        tmp_path_factory.mktemp("huge") / "huge.sqlite", locales=("en", "az"), events=[]
    )
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO events (position, key, start_date, start_precision, title, body, era, "
            "source_id) VALUES (?, ?, ?, 'year', ?, ?, ?, 1)",
            (
                (i, f"e{i}", f"{_year(i):04d}", f"Event {i}", f"Body {i}.", f"Era {i // 5000}")
                for i in range(COUNT)
            ),
        )
        db.executemany(
            "INSERT INTO translations (tbl, key, field, locale, text) "
            "VALUES ('events', ?, 'title', 'az', ?)",
            ((f"e{i}", f"Hadisə {i}") for i in range(0, COUNT, 3)),
        )
    db.close()
    return path


@pytest.fixture
def content(qapp: Any, huge: Path, qtbot: Any) -> ContentController:
    controller = ContentController()
    assert controller.reload(huge)
    assert controller.year_model.rowCount() == 0  # read on a worker thread, arriving later
    qtbot.waitUntil(lambda: controller.year_model.rowCount() > 0, timeout=30_000)
    return controller


def _held(model: TimelineModel) -> int:
    return sum(len(page) for page in model._pages.values())


def test_a_hundred_thousand_events_hold_a_few_pages(content: ContentController) -> None:
    """The row count comes from SQL; rows anywhere read right; only a few pages are held."""
    model = content.timeline_model
    assert model.rowCount() == COUNT
    assert _held(model) <= PAGE  # after loading: the first page only
    for row in (0, PAGE - 1, PAGE, 49_999, 50_000, COUNT - 1):
        assert model.get(row, "key") == f"e{row}"
        assert model.get(row, "year") == _year(row)
        assert model.data(model.index(row, 0), int(model.Roles.title)) == f"Event {row}"
    for row in range(0, COUNT, 997):
        model.get(row, "title")
    assert len(model.cached_pages()) <= model.CACHED_PAGES
    assert _held(model) <= model.CACHED_PAGES * PAGE


def test_the_sources_panel_reads_no_event_into_python(content: ContentController) -> None:
    """The timeline's sources come from SQL: listing them reads no page of events (it read
    all 100,000 on the GUI thread at every load and language change: 2.8 s at start)."""
    from kiosk.ui.backend.sources import SourcesController

    pages = content.timeline_model.cached_pages()
    sources = SourcesController(content)
    assert [s["title"] for s in sources.by_screen()["timeline"]] == ["Exhibit text"]
    assert content.timeline_model.cached_pages() == pages


def test_era_starts_across_page_boundaries(content: ContentController) -> None:
    """The first event of an era is marked, also when it opens a page read on its own."""
    model = content.timeline_model
    assert model.get(5000, "eraStart") is True  # "Era 1" begins: row 5000 opens page 100
    assert model.get(5000 + PAGE, "eraStart") is False  # a page later, the same era
    assert model.get(4999, "eraStart") is False
    assert model.get(0, "eraStart") is True


def test_year_strip_comes_from_sql(content: ContentController) -> None:
    """1,000 years, each pointing at its first event; found off the GUI thread."""
    assert COUNT > YEARS_AT_ONCE
    years = content.year_model
    assert years.rowCount() == 1000
    assert (years.get(0, "year"), years.get(0, "firstRow")) == (1000, 0)
    assert (years.get(999, "year"), years.get(999, "firstRow")) == (1999, 99_900)
    assert years.indexForEventRow(99_950) == 999
    assert years.indexForEventRow(150) == 1


def test_language_change_rereads_only_the_pages_held(
    content: ContentController, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    """Another language: the pages held are read again (and no other), the rows keep their
    place (no reset), and the titles are translated."""
    model = content.timeline_model
    for row in (10, 20_000, 70_000):
        model.get(row, "title")
    held = set(model.cached_pages())
    reads: list[int] = []
    original = BundleEvents.page

    def counting(self: BundleEvents, offset: int, limit: int) -> Any:
        reads.append(offset)
        return original(self, offset, limit)

    monkeypatch.setattr(BundleEvents, "page", counting)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        content.setLocale("az")
    assert len(reads) == len(held)
    assert set(model.cached_pages()) == held
    assert resets == []
    assert model.get(20_001, "title") == "Hadisə 20001"
    assert model.get(20_002, "title") == "Event 20002"
    content.setLocale("en")
    assert model.get(20_001, "title") == "Event 20001"


@pytest.fixture
def few_pages(qapp: Any, tmp_path: Path) -> ContentController:
    """Three pages and a bit, a year every 7 events, an era every 60."""
    events = [
        (f"k{i}", f"{1900 + i // 7:04d}", "year", "", f"T{i}", f"B{i}", f"E{i // 60}")
        for i in range(3 * PAGE + 7)
    ]
    content = ContentController()
    assert content.reload(make_bundle(tmp_path / "b.sqlite", events=events))
    return content


def test_model_passes_qtmodeltester_when_paged(
    few_pages: ContentController, qtmodeltester: Any
) -> None:
    """Paged over several pages, the model still obeys Qt's model rules; the year strip of a
    small timeline is there at once."""
    qtmodeltester.check(few_pages.timeline_model, force_py=True)
    assert few_pages.year_model.rowCount() == (3 * PAGE + 7 + 6) // 7


def test_sources_in_order_of_first_naming_from_sql_as_from_a_list(tmp_path: Path) -> None:
    """The bundle's SQL and a list of events name the same sources in the same order."""
    from kiosk.content.reader import Bundle
    from kiosk.ui.backend.models.timeline import EventList

    path = make_bundle(tmp_path / "two.sqlite")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO sources (id, key, title, detail) VALUES (2, 'b', 'B', '')")
        db.execute("UPDATE events SET source_id = 2 WHERE position = 1")
        db.execute("UPDATE events SET source_id = NULL WHERE position = 0")
    db.close()
    bundle = Bundle(path)
    try:
        assert bundle.event_source_ids() == [2, 1]
        assert EventList(bundle.events(), {}).source_ids() == [2, 1]
    finally:
        bundle.close()
