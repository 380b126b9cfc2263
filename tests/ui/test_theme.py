"""The Theme's promises, read from the Theme singleton itself: contrast, sizes, plain text."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from kiosk.ui.tools.settle import iter_items, qml_eval, settle


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.2 contrast ratio of two opaque colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula() -> None:
    """Black on white is 21:1; a colour on itself is 1:1."""
    assert contrast(QColor("#000"), QColor("#fff")) == pytest.approx(21.0)
    assert contrast(QColor("#777"), QColor("#777")) == pytest.approx(1.0)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_text_contrast_at_least_7_to_1(make_shell: Any, high_contrast: bool) -> None:
    """Every foreground/background pair the Theme lists is at least 7:1 (WCAG AAA)."""
    shell = make_shell(show=False)
    shell.accessibility.highContrast = high_contrast
    theme = shell.theme()
    assert theme.property("highContrast") is high_contrast
    pairs = theme.property("contrastPairs").toVariant()
    assert len(pairs) >= 10
    for fg, bg in pairs:
        ratio = contrast(QColor(theme.property(fg)), QColor(theme.property(bg)))
        assert ratio >= 7.0, f"{fg} on {bg}: {ratio:.2f}:1"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_control_outlines_at_least_3_to_1(make_shell: Any, high_contrast: bool) -> None:
    """The edge of every button, chip and tile is at least 3:1 against what it sits on and
    its own fill, pressed or not (WCAG 1.4.11), in both palettes."""
    shell = make_shell(show=False)
    shell.accessibility.highContrast = high_contrast
    theme = shell.theme()
    pairs = theme.property("outlinePairs").toVariant()
    assert {bg for _fg, bg in pairs} >= {"background", "surface", "control", "pressed"}
    for fg, bg in pairs:
        ratio = contrast(QColor(theme.property(fg)), QColor(theme.property(bg)))
        assert ratio >= 3.0, f"{fg} on {bg}: {ratio:.2f}:1"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_control_fill_stands_apart_from_the_bar(make_shell: Any, high_contrast: bool) -> None:
    """A button's fill is not the bar's colour (it was 1.12:1): at least 1.25:1 against the
    bar and the background, and unlike the fill of an inert card."""
    shell = make_shell(show=False)
    shell.accessibility.highContrast = high_contrast
    theme = shell.theme()
    fill = QColor(theme.property("control"))
    for bg in ("surface", "background"):
        assert contrast(fill, QColor(theme.property(bg))) >= 1.25, bg
    assert fill != QColor(theme.property("raised"))


def test_buttons_wear_the_control_colours(make_shell: Any) -> None:
    """The buttons on screen are drawn with the control fill and edge, so the theme's promise
    is what a visitor sees."""
    shell = make_shell()
    shell.navigator.go("history")
    settle(shell.window)
    theme = shell.theme()
    buttons = [
        i
        for i in iter_items(shell.window.contentItem())
        if i.objectName() in ("homeButton", "historyNext") and i.isVisible()
    ]
    assert len(buttons) == 2
    for button in buttons:
        fill = QColor(str(qml_eval(button, "String(background.color)")))
        edge = QColor(str(qml_eval(button, "String(background.border.color)")))
        assert fill == QColor(theme.property("control"))
        assert edge == QColor(theme.property("controlOutline"))


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_inert_panels_never_look_like_buttons(make_shell: Any, high_contrast: bool) -> None:
    """An inert card (a figure, a remembrance act) is flat: its fill is not a button's, its
    edge is quieter and thinner than a button's, and every text on it reads at 7:1."""
    shell = make_shell(show=False)
    shell.accessibility.highContrast = high_contrast
    theme = shell.theme()

    def colour(name: str) -> QColor:
        return QColor(theme.property(name))

    panel, edge = colour("panel"), colour("panelEdge")
    assert panel not in (colour("control"), colour("pressed"), colour("accent"))
    assert edge not in (colour("controlOutline"), colour("accent"))
    assert contrast(edge, panel) < contrast(colour("controlOutline"), panel) / 1.5
    assert theme.property("panelEdgeWidth") <= theme.property("borderWidth")
    pairs = theme.property("contrastPairs").toVariant()
    for fg in ("text", "textMuted", "accent", "loss"):
        assert [fg, "panel"] in pairs, fg


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_part_colours_stand_out_3_to_1(make_shell: Any, high_contrast: bool) -> None:
    """Each segment of a part-of-whole bar is at least 3:1 against the card (WCAG 1.4.11)."""
    shell = make_shell(show=False)
    shell.accessibility.highContrast = high_contrast
    theme = shell.theme()
    for palette in ("partColors", "lossPartColors"):
        for color in theme.property(palette).toVariant():
            for bg in ("surface", "raised", "panel"):
                ratio = contrast(QColor(color), QColor(theme.property(bg)))
                assert ratio >= 3.0, (palette, color, bg)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_loss_is_quiet_and_never_the_accent(make_shell: Any, high_contrast: bool) -> None:
    """A figure of loss has a colour of its own, not the accent's nor its parts' palette;
    a context figure may take the accent; the loss colour is in the 7:1 pairs."""
    shell = make_shell(show=False)
    shell.accessibility.highContrast = high_contrast
    theme = shell.theme()
    loss, accent = QColor(theme.property("loss")), QColor(theme.property("accent"))
    assert loss != accent
    assert QColor(qml_eval(theme, 'figureColor("loss")')) == loss
    assert QColor(qml_eval(theme, 'figureColor("")')) == loss  # anything unknown is quiet
    assert QColor(qml_eval(theme, 'figureColor("context")')) == accent
    lossy = [QColor(c) for c in theme.property("lossPartColors").toVariant()]
    assert accent not in lossy
    assert ["loss", "raised"] in theme.property("contrastPairs").toVariant()


def test_high_contrast_differs(make_shell: Any) -> None:
    """The high-contrast palette is really another palette (black and white)."""
    shell = make_shell(show=False)
    theme = shell.theme()
    normal = theme.property("background")
    shell.accessibility.highContrast = True
    assert theme.property("background") != normal
    assert QColor(theme.property("text")) == QColor("#ffffff")


@pytest.mark.parametrize(("w", "h"), [(1920, 1080), (1080, 1920)])
def test_sizes_at_1080p(make_shell: Any, w: int, h: int) -> None:
    """At 1080 px on the short side: targets >= 80 px, body >= 28 px, headings larger."""
    shell = make_shell(size=(w, h))
    theme = shell.theme()
    assert theme.property("scale") == pytest.approx(1.0)
    assert theme.property("touchMin") >= 80
    assert theme.property("bodySize") >= 28
    assert theme.property("metaSize") >= 28
    assert theme.property("headingSize") > theme.property("bodySize")
    assert theme.property("titleSize") > theme.property("headingSize")


def test_sizes_scale_with_the_short_side(make_shell: Any) -> None:
    """A 4K screen doubles every size; portrait and landscape agree."""
    shell = make_shell(size=(3840, 2160))
    theme = shell.theme()
    assert theme.property("scale") == pytest.approx(2.0)
    assert theme.property("bodySize") == 60


def test_large_text_is_about_a_third_larger(make_shell: Any) -> None:
    """Large text mode multiplies the type scale by 1.25-1.35."""
    shell = make_shell()
    theme = shell.theme()
    normal = theme.property("bodySize")
    shell.accessibility.largeText = True
    assert 1.25 <= theme.property("bodySize") / normal <= 1.35


def test_reading_column_holds_about_60_characters(make_shell: Any) -> None:
    """The body column is at most about 60 characters of the exhibit's text wide."""
    shell = make_shell()
    shell.navigator.go("history")
    settle(shell.window)
    theme = shell.theme()
    font = QFont(theme.property("sans"))
    font.setPixelSize(theme.property("bodySize"))
    sample = (
        "Khojaly had a population of 7 thousand before the tragedy in 1992. This was also "
        "home to refugees who were forced during that period from Armenia."
    )
    per_char = QFontMetricsF(font).horizontalAdvance(sample) / len(sample)
    bodies = [
        i
        for i in iter_items(shell.window.contentItem())
        if i.objectName() == "sectionBody" and i.isVisible()
    ]
    assert bodies
    assert max(b.width() for b in bodies) / per_char <= 62


def test_every_text_is_plain_text(make_shell: Any) -> None:
    """No text anywhere is rich, styled or markdown (they fetch URLs): all Text.PlainText."""
    shell = make_shell()
    window = shell.window
    checked = 0
    for screen in ["attract", "home", "history", "timeline", "numbers", "memorial"]:
        shell.navigator.go(screen)
        if screen == "timeline":
            shell.timeline.open(0)
        settle(window)
        for item in iter_items(window.contentItem()):
            if item.inherits("QQuickText"):
                assert qml_eval(item, "textFormat === Text.PlainText"), item
                checked += 1
    shell.silence.start()
    shell.idle.prompt_now()
    settle(window)
    for item in iter_items(window.contentItem()):
        if item.inherits("QQuickText"):
            assert qml_eval(item, "textFormat === Text.PlainText"), item
            checked += 1
    assert checked > 100


def test_qml_uses_no_rich_text_formats() -> None:
    """No QML file of the module even mentions a rich text format."""
    from kiosk import paths

    for qml in (paths.qml_dir() / "Kiosk").rglob("*.qml"):
        source = qml.read_text(encoding="utf-8")
        for forbidden in ("StyledText", "RichText", "MarkdownText", "AutoText"):
            assert forbidden not in source, f"{qml.name} mentions {forbidden}"
