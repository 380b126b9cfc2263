"""The list models QML draws: checked by qtmodeltester, and what each row says."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from kiosk.content.records import PartialDate
from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.dates import format_partial_date, format_when, language_name
from kiosk.ui.backend.models import StatisticsModel

from .bundles import make_bundle, many_events

EN, AZ, RU = QLocale("en"), QLocale("az"), QLocale("ru")


@pytest.fixture
def content(qapp: Any, exhibit_bundle: Path) -> ContentController:
    controller = ContentController()
    assert controller.reload(exhibit_bundle)
    return controller


@pytest.mark.parametrize(
    "name",
    [
        "section_model",
        "timeline_model",
        "year_model",
        "statistics_model",
        "remembrance_model",
        "people_model",
    ],
)
def test_models_pass_qtmodeltester(
    content: ContentController, qtmodeltester: Any, name: str
) -> None:
    """Each model obeys Qt's model rules (rows, roles, indexes, signals)."""
    qtmodeltester.check(getattr(content, name), force_py=True)


@pytest.fixture
def people_content(qapp: Any, tmp_path: Path) -> ContentController:
    people = [
        {
            "name": "Əliyev Şəhriyar",
            "death_date": "1992-02-26",
            "death_precision": "day",
            "age": 34,
        },
        {"name": "Ivanova Anna", "birth_date": "1950", "birth_precision": "year"},
    ]
    content = ContentController()
    assert content.reload(make_bundle(tmp_path / "p.sqlite", people=people))
    return content


def test_people_model_with_people_passes_qtmodeltester(
    people_content: ContentController, qtmodeltester: Any
) -> None:
    """The names model, with names in it, obeys Qt's model rules."""
    content = people_content
    assert content.hasPeople
    qtmodeltester.check(content.people_model, force_py=True)
    assert content.people_model.get(0, "initial") == "I"
    assert content.people_model.get(1, "lifeText") == "26 February 1992 (aged 34)"


def test_people_model_empty_means_no_names(content: ContentController) -> None:
    """A bundle without people has no names part."""
    assert not content.hasPeople
    assert content.people_model.rowCount() == 0


# -- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "precision", "locale", "expected"),
    [
        ("1988", "year", EN, "1988"),
        ("1992-02", "month", EN, "February 1992"),
        ("1992-02-26", "day", EN, "26 February 1992"),
        ("1992-02-26T05:00", "time", EN, "26 February 1992, 05:00"),
        ("1988", "year", RU, "1988\u00a0г."),
        ("1992-02", "month", RU, "Февраль 1992\u00a0г."),
        ("1992-02-26", "day", RU, "26\u00a0февраля 1992\u00a0г."),
        ("1992-02-26T05:00", "time", RU, "26\u00a0февраля 1992\u00a0г., 05:00"),
        ("1988", "year", AZ, "1988\u2011ci il"),
        ("1992-02", "month", AZ, "Fevral 1992\u2011ci il"),
        ("1992-02-26", "day", AZ, "26 fevral 1992\u2011ci il"),
        ("1992-02-26T05:00", "time", AZ, "26 fevral 1992\u2011ci il, saat 05:00"),
    ],
)
def test_dates_honour_their_precision(
    value: str, precision: str, locale: QLocale, expected: str
) -> None:
    """A date shows exactly what is known of it, in the visitor's language."""
    assert format_partial_date(PartialDate.parse(value, precision), locale) == expected


def test_date_label_wins_and_undated_shows_nothing() -> None:
    """The curator's label replaces the computed date; no date means no date line."""
    night = PartialDate.parse("1992-02-26", "day")
    assert format_when(night, EN, "Night of 26 February 1992") == "Night of 26 February 1992"
    assert format_when(None, EN) == ""


def test_date_range() -> None:
    """A start and an end show as a range."""
    start, end = PartialDate.parse("1992", "year"), PartialDate.parse("1994", "year")
    assert format_when(start, EN, end=end) == "1992 – 1994"


def test_language_names_are_endonyms() -> None:
    """Each language is offered in its own name."""
    assert [language_name(c) for c in ("az", "ru", "en")] == [
        "Azərbaycan dili",
        "Русский",
        "English",
    ]
    assert language_name("de") == "Deutsch"


# -- rows ---------------------------------------------------------------------------------------
def test_timeline_rows(content: ContentController) -> None:
    """Dates, eras (marked where one begins) and undated events."""
    model = content.timeline_model
    assert [model.get(r, "dateText") for r in range(model.rowCount())] == [
        "1988",
        "1989",
        "Night of 26 February 1992",
        "26 February 1992, 05:00",
        "1 March 1994",
        "26 February 1997",
        "",
    ]
    assert [model.get(r, "eraStart") for r in range(model.rowCount())] == [
        True,
        False,
        True,
        False,
        True,
        False,
        False,
    ]
    assert model.get(2, "imageUrl").startswith("image://bundle/")


def test_year_model_first_rows(content: ContentController) -> None:
    """Each year of the strip points at its first event; undated events have no year."""
    years = content.year_model
    rows = [(years.get(r, "year"), years.get(r, "firstRow")) for r in range(years.rowCount())]
    assert rows == [(1988, 0), (1989, 1), (1992, 2), (1994, 4), (1997, 5)]
    assert years.indexForEventRow(3) == 2
    assert years.indexForEventRow(6) == 4


def test_statistics_part_of_a_whole(content: ContentController) -> None:
    """613 with 106, 63 and 70 as parts; the rest is not broken down and has no number."""
    model = content.statistics_model
    assert model.rowCount() == 4  # the parts are not figures of their own
    row = 0
    assert model.get(row, "valueText") == "613"
    parts = model.get(row, "parts")
    assert [p["valueText"] for p in parts] == ["106", "63", "70"]
    assert parts[0]["fraction"] == pytest.approx(106 / 613)
    assert parts[1]["offset"] == pytest.approx(106 / 613)
    assert model.get(row, "remainder") == pytest.approx((613 - 239) / 613)
    assert not model.get(row, "partsExceedWhole")


def test_statistics_figures_in_the_visitors_language(content: ContentController) -> None:
    """1275 is written as each language writes it."""
    model = content.statistics_model
    row = next(r for r in range(model.rowCount()) if model.get(r, "key") == "hostages")
    assert model.get(row, "valueText") == "1,275"
    content.setLocale("az")
    assert model.get(row, "valueText") == "1.275"


def test_statistics_parts_exceeding_the_whole_are_not_drawn_beyond_it(qapp: Any) -> None:
    """Parts adding up to more than the whole are scaled to their sum, and flagged."""
    from kiosk.content.records import Statistic

    def stat(i: int, value: float, parent: int | None) -> Statistic:
        return Statistic(i, i, f"s{i}", value, "", f"s{i}", "", None, parent)

    model = StatisticsModel()
    model.load([stat(1, 10, None), stat(2, 8, 1), stat(3, 8, 1)], {}, EN)
    parts = model.get(0, "parts")
    assert sum(p["fraction"] for p in parts) == pytest.approx(1.0)
    assert model.get(0, "remainder") == 0
    assert model.get(0, "partsExceedWhole")


def test_ten_thousand_events_load_quickly(qapp: Any, tmp_path: Path) -> None:
    """A timeline of 10,000 events is read and formatted in well under a second."""
    bundle = make_bundle(tmp_path / "big.sqlite", events=many_events(10_000))
    content = ContentController()
    started = time.perf_counter()
    assert content.reload(bundle)
    elapsed = time.perf_counter() - started
    assert content.timeline_model.rowCount() == 10_000
    assert content.year_model.rowCount() == 1000
    assert elapsed < 2.0


@pytest.mark.parametrize(
    "model",
    ["sections", "timeline", "years", "statistics", "remembrance", "attract"],
)
def test_roles_are_the_row_fields_by_name(content: ContentController, model: str) -> None:
    """Each model's roles are its Row's fields, in order; a field reads the same by role name,
    by Qt role and by attribute."""
    from kiosk.ui.backend.models import RowModel

    m = getattr(content, model)
    assert isinstance(m, RowModel)
    assert [r.name for r in m.Roles] == list(m.Row._fields)
    if m.rowCount() == 0:
        return
    row = m.rows()[0]
    assert isinstance(row, m.Row)
    for role in m.Roles:
        assert m.get(0, role.name) == getattr(row, role.name)
        assert m.data(m.index(0, 0), int(role)) == getattr(row, role.name)


def test_a_reordered_row_type_keeps_every_field(qapp: Any) -> None:
    """Rows are built by field name: the roles follow the Row, whatever its order."""
    from kiosk.ui.backend.models.rows import role_enum
    from kiosk.ui.backend.models.timeline import YearRow

    roles = role_enum("YearRoles", YearRow)
    assert [r.name for r in roles] == ["year", "label", "firstRow"]
