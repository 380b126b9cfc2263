"""Sizes follow the screen's physical size where the system reports a believable one, and
ui_scale where it does not; both are injected, so tests run at 1.0 whatever the platform says."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize, QSizeF

from kiosk.ui.runtime.screenfit import SCALE_LIMITS, physical_scale, size_scale

# A 32-inch 16:9 panel is 708 x 398 mm; a 15.6-inch 16:10 one 336 x 210 mm; a 55-inch one
# 1218 x 685 mm.
PANEL_32 = QSizeF(708.5, 398.5)
PANEL_15 = QSizeF(336.0, 210.0)
PANEL_55 = QSizeF(1218.0, 685.0)


def test_the_design_panel_is_one() -> None:
    """A 32-inch panel, landscape or portrait, at any resolution: sizes as designed."""
    assert physical_scale(QSize(1920, 1080), PANEL_32) == pytest.approx(1.0)
    assert physical_scale(QSize(3840, 2160), PANEL_32) == pytest.approx(1.0)
    assert physical_scale(QSize(1080, 1920), QSizeF(398.5, 708.5)) == pytest.approx(1.0)


def test_a_small_panel_grows_within_the_limit() -> None:
    """A 15-inch 1280x800 panel is half the design's: sizes grow, as far as the layouts allow."""
    assert physical_scale(QSize(1280, 800), PANEL_15) == SCALE_LIMITS[1]


def test_a_large_panel_shrinks_within_the_limit() -> None:
    assert physical_scale(QSize(1920, 1080), PANEL_55) == SCALE_LIMITS[0]


@pytest.mark.parametrize(
    "mm",
    [QSizeF(0, 0), QSizeF(10, 6), QSizeF(5000, 3000), QSizeF(700, 700), QSizeF(160, 90)],
    ids=["none", "tiny", "huge", "wrong-shape", "dpi-too-high"],
)
def test_an_unbelievable_report_is_ignored(mm: QSizeF) -> None:
    """No size, a placeholder, or not the picture's shape: no physical scale at all."""
    assert physical_scale(QSize(3840, 2160), mm) is None


def test_ui_scale_wins_and_is_bounded() -> None:
    """ui_scale in kiosk.toml is used as it is (within the limits), screen or not."""
    assert size_scale(None, 1.1)[0] == pytest.approx(1.1)
    assert size_scale(None, 9.0)[0] == SCALE_LIMITS[1]
    assert size_scale(None, None) == (1.0, "no screen to ask")


def test_theme_follows_the_injected_scale(make_shell: Any) -> None:
    """The shell's size_scale multiplies every size (1.0 unless told, as in every other test)."""
    normal = make_shell(size=(1280, 800))
    scaled = make_shell(size=(1280, 800), size_scale=1.25)
    assert normal.theme().property("sizeScale") == pytest.approx(1.0)
    assert scaled.theme().property("sizeScale") == pytest.approx(1.25)
    ratio = scaled.theme().property("touchMin") / normal.theme().property("touchMin")
    assert ratio == pytest.approx(1.25, abs=0.03)
    assert scaled.theme().property("bodySize") > normal.theme().property("bodySize")
