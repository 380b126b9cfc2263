"""Place names are curator texts like any other: translated through the table description."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.content.reader import Bundle
from kiosk.content.source import build, export
from kiosk.content.tables import TRANSLATABLE
from kiosk.content.validate import validate_bundle

BundleFactory = Callable[..., Path]


def test_a_place_name_is_translatable() -> None:
    assert TRANSLATABLE["places"] == ("name", "description")


def test_place_names_come_in_the_visitors_language(
    fresh_bundle: BundleFactory, tmp_path: Path
) -> None:
    """On the person's card and in the places' list; untranslated ones in the default text;
    export writes the translation and a build takes it back."""
    path = fresh_bundle(
        "INSERT INTO translations VALUES ('places', 'village-a', 'name', 'az', 'A kəndi')"
    )
    with Bundle(path, "az") as bundle:
        card = bundle.person("s1")
        assert card is not None and card.place is not None and card.place.name == "A kəndi"
        assert [p.name for p in bundle.places()] == ["A kəndi", "Village B"]
    with Bundle(path) as bundle:
        assert [p.name for p in bundle.places()] == ["Village A", "Village B"]
    report = validate_bundle(path)
    assert report.ok, [str(p) for p in report.errors]
    assert "az: 2 of 3 place texts untranslated (the en text is shown)" in [
        p.message for p in report.warnings
    ]
    export(path, tmp_path / "out")
    lines = (tmp_path / "out" / "translations" / "az.csv").read_text(encoding="utf-8")
    assert "places,village-a,name,A kəndi\n" in lines
    rebuilt = build(tmp_path / "out", tmp_path / "again.sqlite").bundle
    with Bundle(rebuilt, "az") as bundle:
        assert bundle.places()[0].name == "A kəndi"
