"""The kiosk's window takes its size from the screen it is on, and keeps it.

``showFullScreen()`` resizes a window only where a window manager or compositor honours the
request. On a bare X server (xinit, no window manager) the window keeps its own size: a
1920x1080 window on a 1280x800 screen is cropped, and a portrait panel shows half a landscape
layout. So the kiosk does not rely on it:

* ``initial_size()``: the size the window is created with (the primary screen's), so the first
  layout is already the one for this screen; Main.qml has no size of its own.
* ``ScreenFit``: before a fullscreen window is shown, and again whenever it moves to another
  screen (``QWindow.screenChanged``: a screen unplugged, or plugged in after a start on Qt's
  placeholder screen) or its screen's geometry changes (``QScreen.geometryChanged``: another
  resolution, a rotation), it sets the window's geometry to the screen's. Where the compositor
  does honour fullscreen (cage, a desktop) both agree; where it does not, this is what fills
  the screen.
* ``windowed_size()``: ``--windowed`` (development, a desktop) gets a 1920x1080 window, or the
  largest 16:9 window the screen's free area holds when that is smaller. It is sized once, at
  start; a window on a desktop belongs to whoever moves it.
* ``size_scale()``: how much larger than the short side alone says the kiosk's sizes should be,
  from the screen's physical size where the system reports a believable one (the design is a
  32-inch panel: a 1280x800 panel is usually a small one, whose 65 px buttons would be 17 mm
  across), or from ``ui_scale`` in kiosk.toml where it does not; always within
  ``SCALE_LIMITS``, so every layout still fits.
* ``display_problem()``: with no screen at all (no ``DISPLAY``, no Wayland, no
  ``QT_QPA_PLATFORM``) Qt aborts (SIGABRT) after a message about libxcb-cursor0 that misleads;
  the kiosk asks this first, before it creates the QGuiApplication, and says what to do.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping

import shiboken6
from PySide6.QtCore import QObject, QRect, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QScreen, QWindow

from kiosk.ops.config import UI_SCALE_LIMITS

log = logging.getLogger(__name__)

# --windowed, and the size a window gets when there is no screen to ask (never under the kiosk)
DESIGN_SIZE = QSize(1920, 1080)


# The design's panel: a 32-inch 16:9 screen, whose short side is 398.5 mm (1080 px at 1080p:
# Theme's 88 px touch target is then 32 mm across).
REFERENCE_SHORT_MM = 398.5
# Sizes grow at most a quarter and shrink at most a quarter: beyond that the layouts (checked at
# four sizes, two text sizes, three languages) are not promised to fit. ui_scale has the same.
SCALE_LIMITS = UI_SCALE_LIMITS
# A physical size outside these is a placeholder (0x0, a projector's guess), not a panel.
_BELIEVABLE_MM = (100.0, 2000.0)
_BELIEVABLE_DPI = (40.0, 400.0)


def clamp_scale(value: float) -> float:
    lo, hi = SCALE_LIMITS
    return max(lo, min(hi, float(value)))


def physical_scale(size_px: QSize, size_mm: QSizeF) -> float | None:
    """How much larger the sizes must be on a screen of ``size_px`` pixels and ``size_mm``
    millimetres to look as large as on the design's 32-inch panel (clamped to SCALE_LIMITS);
    None when the system's report cannot be believed (missing, absurd, or not the shape of
    the picture)."""
    if size_px.isEmpty() or size_mm.isEmpty():
        return None
    px = sorted((size_px.width(), size_px.height()))
    mm = sorted((size_mm.width(), size_mm.height()))
    if not _BELIEVABLE_MM[0] <= mm[0] <= _BELIEVABLE_MM[1]:
        return None
    if abs(px[1] / px[0] - mm[1] / mm[0]) > 0.1 * (px[1] / px[0]):
        return None
    dpi = px[0] / (mm[0] / 25.4)
    if not _BELIEVABLE_DPI[0] <= dpi <= _BELIEVABLE_DPI[1]:
        return None
    return clamp_scale(REFERENCE_SHORT_MM / mm[0])


def size_scale(screen: QScreen | None, ui_scale: float | None) -> tuple[float, str]:
    """The kiosk's size scale and why: ``ui_scale`` when set (kiosk.toml), else the screen's
    physical size when believable, else 1.0."""
    if ui_scale is not None:
        return clamp_scale(ui_scale), "ui_scale in the configuration"
    if screen is None or not shiboken6.isValid(screen):
        return 1.0, "no screen to ask"
    found = physical_scale(screen.geometry().size(), screen.physicalSize())
    mm = screen.physicalSize()
    if found is None:
        return 1.0, (
            f"the screen reports {mm.width():.0f}x{mm.height():.0f} mm, not believable; "
            "set ui_scale in kiosk.toml"
        )
    return found, f"the screen's physical size, {mm.width():.0f}x{mm.height():.0f} mm"


def initial_size() -> QSize:
    """The size to create the kiosk's window with: its (primary) screen's, before it is shown."""
    screen = QGuiApplication.primaryScreen()
    if screen is None or screen.geometry().isEmpty():
        return QSize(DESIGN_SIZE)
    return screen.geometry().size()


def windowed_size(available: QSize, design: QSize = DESIGN_SIZE) -> QSize:
    """``design`` when ``available`` holds it, else the largest size of its shape that fits."""
    if available.isEmpty() or (
        design.width() <= available.width() and design.height() <= available.height()
    ):
        return QSize(design)
    scale = min(available.width() / design.width(), available.height() / design.height())
    return QSize(max(1, int(design.width() * scale)), max(1, int(design.height() * scale)))


def show_windowed(window: QWindow) -> None:
    """``--windowed``: a 1920x1080 window, or the largest 16:9 one the screen's free area holds."""
    screen = window.screen()
    available = screen.availableGeometry().size() if screen is not None else QSize()
    window.resize(windowed_size(available))
    window.show()
    log.info("windowed: %dx%d", window.width(), window.height())


class ScreenFit(QObject):
    """Keeps a fullscreen window covering exactly the screen it is on.

    ``show()`` fits the window, then shows it fullscreen; from then on it follows the window to
    another screen and its screen through changes of resolution or rotation. It is a child of
    the window, so it lives as long as the window.
    """

    def __init__(self, window: QWindow) -> None:
        super().__init__(window)
        self._window = window
        self._screen: QScreen | None = None
        window.screenChanged.connect(self._screen_changed)
        self._follow(window.screen())

    def show(self) -> None:
        """Fit the window to its screen and show it fullscreen."""
        self.fit()
        self._window.showFullScreen()

    def fit(self) -> None:
        """Give the window its screen's geometry (position and size), if it has not got it."""
        screen = self._screen
        if screen is None or not shiboken6.isValid(screen):
            return
        geometry = screen.geometry()
        if geometry.isEmpty():
            return
        if self._window.geometry() != geometry:
            self._window.setGeometry(geometry)
        log.info(
            "window fitted to screen %r: %s (platform %s, device pixel ratio %g)",
            screen.name(),
            _xgeometry(geometry),
            QGuiApplication.platformName(),
            screen.devicePixelRatio(),
        )

    def _follow(self, screen: QScreen | None) -> None:
        old = self._screen
        if old is not None and shiboken6.isValid(old):
            old.geometryChanged.disconnect(self._geometry_changed)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._geometry_changed)

    def _screen_changed(self, screen: QScreen | None) -> None:
        self._follow(screen)
        self.fit()

    def _geometry_changed(self, _geometry: QRect) -> None:
        self.fit()


def _xgeometry(rect: QRect) -> str:
    """``1280x800+0+0``, as X's tools write a geometry."""
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


# What to say when there is no screen, and what to do about it (one line).
NO_DISPLAY_ADVICE = (
    "start it in a graphical session or under cage (see INSTALL.md), "
    "use --screenshots DIR to see it without a screen, "
    "or set QT_QPA_PLATFORM=offscreen to run it without one"
)


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why Qt would find no screen to open a window on, or None when there should be one.

    Only Linux and the other X11/Wayland systems can start without one; Windows and macOS
    always have a screen to ask. ``QT_QPA_PLATFORM`` set to anything but xcb is trusted (offscreen,
    wayland, eglfs, linuxfb, vnc); xcb needs ``DISPLAY``; unset, Qt needs X or Wayland.
    """
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    x11 = bool(environ.get("DISPLAY"))
    wayland = bool(environ.get("WAYLAND_DISPLAY") or environ.get("WAYLAND_SOCKET"))
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        names = {part.split(":", 1)[0].strip() for part in chosen.split(";") if part.strip()}
        if names == {"xcb"} and not x11:
            return f"no screen: QT_QPA_PLATFORM={chosen} but DISPLAY is not set; " + (
                NO_DISPLAY_ADVICE
            )
        return None
    if x11 or wayland:
        return None
    return "no screen: neither DISPLAY, WAYLAND_DISPLAY nor QT_QPA_PLATFORM is set; " + (
        NO_DISPLAY_ADVICE
    )
