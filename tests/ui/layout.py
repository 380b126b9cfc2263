"""Walks a window's visual tree and lists what a visitor would see as broken.

* a visible text or control that leaves the window;
* a text cut off (elided or line-limited) that is not marked ``elideByDesign``;
* a text whose letters spill out of the box it sits in (its ancestors up to its screen);
* two texts of the same layer (a screen, an overlay) drawn over each other;
* a control smaller than the theme's minimum touch size, a text smaller than the smallest size.

Texts scrolled out of their Flickable are not seen, so they are not checked; texts partly
scrolled out are checked for what shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtQml import QQmlProperty
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.ui.tools.settle import qml_eval

TOL = 1.5  # pixels of rounding


@dataclass
class _Seen:
    item: QQuickItem
    rect: QRectF  # what shows, in window coordinates
    layer: int
    name: str


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    texts: int = 0
    controls: int = 0


def prop(item: QQuickItem, name: str, default: object = None) -> object:
    """``item.property(name)`` only when it exists: PySide drops a reference to None each time
    ``property()`` of a missing name returns None, and in a long walk the interpreter aborts.
    (Not ``metaObject().indexOfProperty``: see ``kiosk.ui.tools.settle._ANY_IMAGE_LOADING``.)"""
    found = QQmlProperty(item, name)
    return found.read() if found.isValid() else default


def _describe(item: QQuickItem) -> str:
    name = item.objectName() or str(qml_eval(item, "String(this)")).split("(")[0]
    text = prop(item, "text")
    if isinstance(text, str) and text:
        short = text if len(text) <= 40 else text[:37] + "..."
        return f"{name} {short!r}"
    return name


def _scene_rect(item: QQuickItem, x: float, y: float, w: float, h: float) -> QRectF:
    top_left = item.mapToScene(QPointF(x, y))
    return QRectF(top_left.x(), top_left.y(), w, h)


def _is_text(item: QQuickItem) -> bool:
    return item.inherits("QQuickText")


def _is_control(item: QQuickItem) -> bool:
    return item.inherits("QQuickAbstractButton")


def _painted(item: QQuickItem) -> QRectF:
    """The box the letters of a Text occupy, in window coordinates."""
    w, h = item.width(), item.height()
    cw = float(item.property("contentWidth") or 0)
    ch = float(item.property("contentHeight") or 0)
    x = y = 0.0
    if abs(cw - w) > TOL:
        align = int(qml_eval(item, "effectiveHorizontalAlignment"))  # type: ignore[arg-type]
        if align & 0x4:  # AlignHCenter
            x = (w - cw) / 2
        elif align & 0x2:  # AlignRight
            x = w - cw
    if abs(ch - h) > TOL:
        valign = int(qml_eval(item, "verticalAlignment"))  # type: ignore[arg-type]
        if valign & 0x80:  # AlignVCenter
            y = (h - ch) / 2
        elif valign & 0x40:  # AlignBottom
            y = h - ch
    return _scene_rect(item, x, y, cw, ch)


def _flickable_axes(flickable: QQuickItem) -> tuple[bool, bool]:
    """(scrolls sideways, scrolls up and down) judged by content larger than the view."""
    cw = float(flickable.property("contentWidth") or 0)
    ch = float(flickable.property("contentHeight") or 0)
    horizontal = cw > flickable.width() + TOL or (
        flickable.inherits("QQuickListView")
        and bool(qml_eval(flickable, "orientation === ListView.Horizontal"))
    )
    vertical = ch > flickable.height() + TOL and not horizontal
    return horizontal, vertical


def _contained(inner: QRectF, outer: QRectF, check_x: bool = True, check_y: bool = True) -> bool:
    ok_x = inner.left() >= outer.left() - TOL and inner.right() <= outer.right() + TOL
    ok_y = inner.top() >= outer.top() - TOL and inner.bottom() <= outer.bottom() + TOL
    return (ok_x or not check_x) and (ok_y or not check_y)


def _spills(painted: QRectF, ancestors: list[QQuickItem]) -> str:
    """The first ancestor (up to the screen or overlay) the painted text spills out of.

    ``ancestors`` is the chain from the root down to the text's parent, collected on the way
    down: ``parentItem()`` is never called, since PySide drops a reference to None each time
    it returns None (the root's parent), which aborts a long run.
    """
    check_x = check_y = True
    chain = list(reversed(ancestors))  # nearest first
    for depth, parent in enumerate(chain):
        if prop(parent, "layoutLayer") is True:
            return ""
        grand = chain[depth + 1] if depth + 1 < len(chain) else None
        if grand is not None and grand.inherits("QQuickFlickable"):
            # ``parent`` is the Flickable's content: it is measured against the Flickable,
            # only across the direction it scrolls in.
            horizontal, vertical = _flickable_axes(grand)
            check_x, check_y = check_x and not horizontal, check_y and not vertical
            continue
        if parent.width() > 0 and parent.height() > 0:
            rect = _scene_rect(parent, 0, 0, parent.width(), parent.height())
            if not _contained(painted, rect, check_x, check_y):
                return _describe(parent)
    return ""


def inspect(window: QQuickWindow, touch_min: float, text_min: float) -> Report:
    report = Report()
    width, height = window.width(), window.height()
    bounds = QRectF(0, 0, width, height)
    seen: list[_Seen] = []
    layers = 0

    def walk(item: QQuickItem, clip: QRectF, layer: int, ancestors: list[QQuickItem]) -> None:
        nonlocal layers
        if not item.isVisible() or item.opacity() <= 0.01:
            return
        if prop(item, "layoutLayer") is True:
            layers += 1
            layer = layers
        if item.clip():
            clip = clip.intersected(_scene_rect(item, 0, 0, item.width(), item.height()))
        if _is_text(item) and prop(item, "text"):
            painted = _painted(item)
            shows = painted.intersected(clip)
            if not shows.isEmpty():
                report.texts += 1
                desc = _describe(item)
                if not _contained(shows, bounds):
                    report.problems.append(f"leaves the window: {desc} at {_fmt(shows)}")
                if prop(item, "truncated") and not prop(item, "elideByDesign"):
                    report.problems.append(f"cut off: {desc}")
                spill = _spills(painted, ancestors)
                if spill:
                    report.problems.append(f"spills out of {spill}: {desc} at {_fmt(painted)}")
                size = item.property("font").pixelSize()
                if size < text_min - 0.5:
                    report.problems.append(f"text too small ({size} px < {text_min:.0f}): {desc}")
                seen.append(_Seen(item, shows, layer, desc))
        if _is_control(item):
            rect = _scene_rect(item, 0, 0, item.width(), item.height())
            shows = rect.intersected(clip)
            if not shows.isEmpty():
                report.controls += 1
                desc = _describe(item)
                if not _contained(shows, bounds):
                    report.problems.append(f"control leaves the window: {desc} at {_fmt(shows)}")
                if min(item.width(), item.height()) < touch_min - TOL:
                    report.problems.append(
                        f"touch target {item.width():.0f}x{item.height():.0f} < "
                        f"{touch_min:.0f}: {desc}"
                    )
        chain = [*ancestors, item]
        for child in item.childItems():
            walk(child, clip, layer, chain)

    # No clip at the top: the window's edge is what is being checked, not a clip.
    everywhere = QRectF(-1e6, -1e6, 2e6, 2e6)
    walk(window.contentItem(), everywhere, 0, [])
    for i, a in enumerate(seen):
        for b in seen[i + 1 :]:
            if a.layer != b.layer:
                continue
            overlap = a.rect.intersected(b.rect)
            if overlap.width() > 2 and overlap.height() > 2:
                report.problems.append(f"overlap: {a.name} and {b.name} at {_fmt(overlap)}")
    return report


def _fmt(r: QRectF) -> str:
    return f"({r.x():.0f},{r.y():.0f} {r.width():.0f}x{r.height():.0f})"
