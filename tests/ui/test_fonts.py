"""The kiosk draws only fonts it ships: the exhibit's, and the admin screen's fixed-width one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontInfo

from kiosk import paths
from kiosk.ops.pin import PinGate
from kiosk.ui.backend.admin import AdminController
from kiosk.ui.runtime.fonts import MONO_FAMILY, SHIPPED_FAMILIES, is_fixed_width, load_fonts
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.tools.selftest import check_fonts
from kiosk.ui.tools.settle import find_item

# As the admin screen shows them: log lines, and the statistics summary's space-aligned columns.
FACTS = {
    "title": "Test exhibit",
    "errors": ["2025-01-01 10:00:00 ERROR kiosk.ui: Xocalı: şəkil tapılmadı (Ходжалы)"],
    "stats": "Most visited screens:\n  timeline          12 visits\n  home             140 visits",
}


def test_every_family_the_screens_name_is_shipped() -> None:
    """Each family the QML asks for by name is a font file of the program's own folder."""
    report = load_fonts(paths.fonts_dir())
    assert report.ok, report.failed
    assert set(SHIPPED_FAMILIES) <= report.families
    assert (paths.fonts_dir() / "NotoSansMono-Regular.ttf").is_file()
    assert "Noto Sans Mono" in (paths.fonts_dir() / "OFL.txt").read_text(encoding="utf-8")


def test_every_family_named_in_qml_is_shipped() -> None:
    """No screen asks for a font by a name the program does not ship ("monospace", "Arial"):
    on a bare kiosk PC such a name resolves to whatever is there, or to nothing."""
    qml = "\n".join(q.read_text("utf-8") for q in (paths.qml_dir() / "Kiosk").rglob("*.qml"))
    named = set(re.findall(r'font\.family\s*:\s*"([^"]+)"', qml))
    named |= set(re.findall(r'property string (?:serif|sans|mono)\s*:\s*"([^"]+)"', qml))
    assert set(SHIPPED_FAMILIES) <= named, "the QML's font names were not found"
    assert named <= set(SHIPPED_FAMILIES), named - set(SHIPPED_FAMILIES)


def test_the_mono_font_is_fixed_width_and_the_others_are_not() -> None:
    """is_fixed_width tells the admin screen's font from the exhibit's."""
    assert is_fixed_width(MONO_FAMILY)
    assert not is_fixed_width("Noto Sans")


def test_self_test_checks_the_mono_font() -> None:
    """The self-test names the fixed-width font, and finds it loaded, complete and fixed-width."""
    checks = {c["name"]: c for c in check_fonts()}
    assert f"font {MONO_FAMILY}" in checks
    assert all(c["ok"] for c in checks.values()), checks
    assert "fixed-width" in str(checks[f"font {MONO_FAMILY}"]["detail"])


@pytest.fixture
def admin_shell(qapp: Any, tmp_path: Path, exhibit_bundle: Path) -> Iterator[KioskShell]:
    shell = KioskShell(tmp_path / "data", Timings(animate=False))
    admin = AdminController(PinGate(""), lambda: FACTS, parent=shell)
    shell.extra_properties["admin"] = admin
    assert shell.open_bundle(exhibit_bundle)
    window = shell.load()
    assert window is not None
    window.resize(1920, 1080)
    window.show()
    shell.navigator.add_screen("admin")
    admin.refresh()
    shell.navigator.go("admin")
    yield shell
    shell.shutdown()


def test_admin_screen_uses_the_shipped_mono_font(admin_shell: KioskShell, qtbot: Any) -> None:
    """The admin screen's log lines are drawn in the shipped Noto Sans Mono, not in whatever
    font the PC has for "monospace"."""
    window = admin_shell.window
    assert window is not None
    qtbot.waitUntil(lambda: find_item(window, "adminErrors") is not None, timeout=3000)
    errors = find_item(window, "adminErrors")
    assert errors is not None
    assert "Xocalı" in errors.property("text")
    font = errors.property("font")
    assert isinstance(font, QFont)
    # asked for by name (a generic "monospace" may resolve to it here, but not on a bare PC)
    assert font.family() == MONO_FAMILY
    assert QFontInfo(font).family() == MONO_FAMILY
