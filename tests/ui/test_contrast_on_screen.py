"""High contrast as a visitor sees it: every text on every screen and state, measured in the
rendered window, reads at 7:1 or better against what is behind it.

The Theme's own test (test_theme.py) checks the pairs of colours it lists; this one checks
what is drawn, so a text set in another colour, dimmed by an opacity or greyed by a fade over
it (a part label low on a scrolled card was) is found too. Each text is measured line by line:
its background is the commonest pixel of the line, its ink the pixel that stands out most from
it; anti-aliasing lowers neither, as a glyph's stem at these sizes has pixels of the full ink.

Not measured, as WCAG 2.2 (1.4.6) exempts them: a text under an open overlay's scrim (the
overlay's own texts are measured), and the text of a control that cannot be used now (the
first section's greyed "Back").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem

from kiosk import paths
from kiosk.ui.tools.screenshots import STEPS
from kiosk.ui.tools.settle import iter_items, settle

from .bundles import make_people_bundle
from .test_theme import contrast

CASES = [("default", (1280, 800)), ("default", (1080, 1920)), ("people", (1920, 1080))]


def _opacity(item: QQuickItem | None) -> float:
    value = 1.0
    while item is not None:
        value *= item.opacity()
        item = item.parentItem()
    return value


def _scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _visible_rect(item: QQuickItem, window: QRect) -> QRect:
    """The part of ``item`` not clipped away by an ancestor, in window pixels."""
    rect = _scene_rect(item)
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            rect = rect.intersected(_scene_rect(parent))
        parent = parent.parentItem()
    return rect.toRect().intersected(window)


def _scrims(root: QQuickItem, scrim: QColor, size: QSize) -> list[QQuickItem]:
    """The scrims of the open overlays: translucent, in the scrim colour, over most of the
    screen (in high contrast the background is the scrim's black too, but opaque)."""
    return [
        item
        for item in iter_items(root)
        if item.inherits("QQuickRectangle")
        and item.isVisible()
        and item.opacity() < 1
        and _opacity(item) > 0.01
        and QColor(item.property("color")) == scrim
        and item.width() >= size.width() / 2
        and item.height() >= size.height() / 2
    ]


def _covered(item: QQuickItem, rect: QRect, scrims: list[QQuickItem]) -> bool:
    """Under an overlay's scrim, and not part of that overlay."""
    for scrim in scrims:
        overlay = scrim.parentItem()
        if not _scene_rect(scrim).toRect().intersects(rect):
            continue
        parent = item.parentItem()
        while parent is not None and parent is not overlay:
            parent = parent.parentItem()
        if parent is None:
            return True
    return False


def _line_ratios(image: QImage, item: QQuickItem, visible: QRect) -> list[float]:
    """The contrast of each line of ``item`` shown whole (ink against its background)."""
    shown = _scene_rect(item)
    lines = max(1, int(item.property("lineCount") or 1))
    pitch = shown.height() / lines
    ratios = []
    for line in range(lines):
        top = round(shown.top() + line * pitch)
        bottom = round(shown.top() + (line + 1) * pitch) - 1
        if top < visible.top() or bottom > visible.bottom():
            continue  # cut by a clip or the window's edge: not a whole line
        pixels = Counter(
            image.pixel(x, y)
            for y in range(top, bottom + 1)
            for x in range(visible.left(), visible.right() + 1)
        )
        if len(pixels) < 2:
            continue  # nothing drawn on it (an empty line between paragraphs)
        background = QColor(pixels.most_common(1)[0][0])
        ink = max((QColor(p) for p in pixels), key=lambda c: contrast(c, background))
        ratios.append(contrast(ink, background))
    return ratios


@pytest.mark.parametrize(("bundle", "size"), CASES, ids=[f"{b}-{w}x{h}" for b, (w, h) in CASES])
def test_every_text_reads_at_7_to_1_in_high_contrast(
    make_shell: Any, tmp_path: Path, bundle: str, size: tuple[int, int]
) -> None:
    path = (
        paths.default_bundle()
        if bundle == "default"
        else make_people_bundle(tmp_path / "people.sqlite")
    )
    shell = make_shell(bundle=path, size=size)
    window = shell.window
    problems: list[str] = []
    measured = 0
    for name, step in STEPS:
        if not step(shell):
            continue
        shell.accessibility.highContrast = True
        settle(window)
        theme = shell.theme()
        image = window.grabWindow()
        frame = image.rect()
        scrims = _scrims(window.contentItem(), QColor(theme.property("scrim")), frame.size())
        for item in iter_items(window.contentItem()):
            if not item.inherits("QQuickText") or not item.isVisible() or not item.isEnabled():
                continue
            if not str(item.property("text") or "").strip() or _opacity(item) < 0.01:
                continue
            rect = _visible_rect(item, frame)
            if rect.width() < 4 or rect.height() < 4 or _covered(item, rect, scrims):
                continue
            for ratio in _line_ratios(image, item, rect):
                measured += 1
                if ratio < 7.0:
                    text = str(item.property("text"))[:40]
                    problems.append(f"{name}: {text!r} ({item.objectName()}) {ratio:.2f}:1")
    assert measured > 100
    assert not problems, "\n".join(problems)


def test_in_high_contrast_an_edge_is_a_line_not_a_fade(make_shell: Any) -> None:
    """Where the figures go on below the screen, a fade says so; in high contrast (where a fade
    would grey the words under it) a solid line at the edge says it instead."""
    shell = make_shell(size=(1280, 800))
    shell.navigator.go("numbers")
    settle(shell.window)

    def shown(name: str) -> list[QQuickItem]:
        return [
            i
            for i in iter_items(shell.window.contentItem())
            if i.objectName() == name and i.isVisible() and _opacity(i) > 0
        ]

    assert shown("scrollHint")
    assert not shown("scrollEdge")
    shell.accessibility.highContrast = True
    settle(shell.window)
    assert not shown("scrollHint")
    assert shown("scrollEdge")
