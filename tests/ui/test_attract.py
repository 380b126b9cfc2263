"""The attract loop: the exhibit's title, its key figures and, when the bundle has them, its key
images, one slide at a time."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kiosk import paths
from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.models import ATTRACT_IMAGES, interleave
from kiosk.ui.runtime.shell import Timings
from kiosk.ui.tools.settle import find_item, settle

from .bundles import SECTIONS, make_bundle, png_bytes
from .touch import item


def _kinds(content: ContentController) -> list[str]:
    model = content.attract_model
    return [str(model.get(r, "kind")) for r in range(model.rowCount())]


@pytest.fixture
def image_content(qapp: Any, exhibit_bundle: Path) -> ContentController:
    content = ContentController()
    assert content.reload(exhibit_bundle)
    return content


def test_attract_model_passes_qtmodeltester(
    image_content: ContentController, qtmodeltester: Any
) -> None:
    """The slides model obeys Qt's model rules."""
    qtmodeltester.check(image_content.attract_model, force_py=True)


def test_figures_and_images_take_turns_a_figure_first(image_content: ContentController) -> None:
    """One slide per figure marked for the loop (here every whole), the bundle's image once,
    a figure first."""
    kinds = _kinds(image_content)
    figures = image_content.statistics_model.rowCount()
    assert kinds[:3] == ["figure", "image", "figure"]
    assert kinds.count("figure") == figures
    assert kinds.count("image") == 1  # one image, used by a section and an event
    assert image_content.attract_model.hasImages


def test_an_image_slide_carries_its_url_alt_text_and_credit(
    image_content: ContentController,
) -> None:
    """The image slide is served by the bundle image provider, with caption and credit."""
    model = image_content.attract_model
    row = _kinds(image_content).index("image")
    assert str(model.get(row, "imageUrl")).startswith("image://bundle/")
    assert model.get(row, "label") == "A synthetic test image"
    assert model.get(row, "credit") == "Test image"


def test_no_image_from_a_sensitive_section(qapp: Any, tmp_path: Path) -> None:
    """An image of a section behind an advisory never shows to passers-by."""
    sensitive_first = [SECTIONS[2], *SECTIONS[:2]]  # the image goes to the first section
    bundle = make_bundle(
        tmp_path / "s.sqlite", sections=sensitive_first, events=[], with_images=True
    )
    content = ContentController()
    assert content.reload(bundle)
    assert "image" not in _kinds(content)
    assert not content.attract_model.hasImages


def test_interleave_lets_the_longer_list_finish() -> None:
    """Figures and images alternate; what is left of the longer list follows."""
    assert interleave([1, 2], ["a", "b", "c", "d"]) == [1, "a", 2, "b", "c", "d"]
    assert interleave([1, 2, 3], []) == [1, 2, 3]
    assert interleave([], ["a"]) == ["a"]


def test_at_most_a_dozen_key_images(qapp: Any, tmp_path: Path) -> None:
    """A bundle with many images shows only the first ones, in reading order."""
    bundle = make_bundle(tmp_path / "many.sqlite", with_images=True)
    with sqlite3.connect(bundle) as db:
        for i in range(2, ATTRACT_IMAGES + 6):
            db.execute(
                "INSERT INTO media (id, key, mime, data, alt) VALUES (?, ?, 'image/png', ?, ?)",
                (i, f"m{i}", png_bytes(8, 8), f"image {i}"),
            )
            db.execute(
                "INSERT INTO events (position, key, title, body, image_id) VALUES (?, ?, ?, '', ?)",
                (100 + i, f"e{i}", f"event {i}", i),
            )
    db.close()
    content = ContentController()
    assert content.reload(bundle)
    model = content.attract_model
    images = [
        model.get(r, "label") for r in range(model.rowCount()) if model.get(r, "kind") == "image"
    ]
    assert len(images) == ATTRACT_IMAGES
    assert images[:2] == ["A synthetic test image", "image 2"]


def test_the_loop_cycles_to_an_image_slide(make_shell: Any, qtbot: Any, qt_warnings: Any) -> None:
    """With an image bundle the attract loop comes to a visible image from the bundle."""
    shell = make_shell(timings=Timings(attract_cycle_ms=100, animate=False))
    window = shell.window
    assert find_item(window, "attractImage") is None  # a figure comes first

    def image_shown() -> None:
        image = item(window, "attractImage")
        assert image.property("source").toString().startswith("image://bundle/")
        assert image.width() > 0 and image.height() > 0

    qtbot.waitUntil(image_shown, timeout=3000)
    assert find_item(window, "attractFigure") is None  # one slide at a time
    assert item(window, "attractCaption").property("text") == "A synthetic test image"
    assert item(window, "attractCredit").property("text") == "Test image"
    assert item(window, "attractTitle").property("text") == shell.content.title
    assert item(window, "touchPrompts").isVisible()
    assert qt_warnings() == []


def _show_slide(shell: Any, kind: str) -> None:
    """Put the first slide of ``kind`` on show (the loop itself is too slow to wait for)."""
    screen = item(shell.window, "slot_attract").property("item")
    screen.setProperty("current", _kinds(shell.content).index(kind))
    settle(shell.window)


def test_the_image_slide_loads_its_picture(make_shell: Any) -> None:
    """The image on show is decoded and drawn, not an empty frame."""
    shell = make_shell()
    _show_slide(shell, "image")
    image = item(shell.window, "attractImage")
    assert float(image.property("paintedHeight")) > 0
    assert float(image.property("paintedWidth")) > 0


def test_the_default_exhibit_loop_is_title_date_and_dedication(
    make_shell: Any, qtbot: Any, qt_warnings: Any
) -> None:
    """The shipped exhibit has no images and marks no figure for the loop: a candle, the
    title, the date and the dedication, quietly, and the invitation to begin."""
    bundle = paths.default_bundle()
    if not bundle.exists():
        pytest.skip("the default exhibit has not been built (db/exhibit.sqlite)")
    shell = make_shell(bundle=bundle)
    assert _kinds(shell.content) == []
    assert not shell.content.attract_model.hasImages
    window = shell.window
    assert find_item(window, "attractFigure") is None
    assert find_item(window, "attractImage") is None
    # in the exhibit's visit language, Azerbaijani (its texts are written in English)
    assert item(window, "attractTitle").property("text") == "Xocalı faciəsi"
    assert item(window, "attractDate").property("text") == "26 fevral 1992\u2011ci il"
    assert (
        item(window, "attractDedication").property("text")
        == "Xocalı soyqırımı qurbanlarının xatirəsinə"
    )
    assert item(window, "touchPrompts").isVisible()
    assert qt_warnings() == []


def test_a_new_visit_starts_the_loop_from_its_first_slide(make_shell: Any) -> None:
    """Back at the attract loop after a visit, the first figure is on show again."""
    shell = make_shell()
    _show_slide(shell, "image")
    shell.navigator.home()
    shell.end_visit()
    settle(shell.window)
    assert find_item(shell.window, "attractImage") is None
    figure = item(shell.window, "attractFigure")
    texts = [c.property("text") for c in figure.childItems() if c.inherits("QQuickText")]
    assert shell.content.attract_model.get(0, "label") in texts
