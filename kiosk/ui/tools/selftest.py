"""``kiosk --self-test``: what a technician runs after installing or updating a kiosk.

Opens and validates the bundle, loads every screen and state with a Qt message handler that
records warnings, checks the fonts loaded and cover the exhibit's letters, and that SQLite has
FTS5 (a frozen build carries the build machine's SQLite). Works offscreen. Each check is
``{"name", "ok", "detail"}``; the report is ``ok`` only when every check passed.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication

from kiosk import paths
from kiosk.content.reader import BundleError, check_readable
from kiosk.content.validate import validate_bundle
from kiosk.ops.bundles import precheck
from kiosk.ops.pin import PinGate
from kiosk.ui.backend.admin import AdminController
from kiosk.ui.runtime.fonts import (
    COVERAGE_SAMPLES,
    MONO_FAMILY,
    SHIPPED_FAMILIES,
    is_fixed_width,
    load_fonts,
    missing_letters,
)
from kiosk.ui.runtime.qtlog import QtMessages
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.tools.screenshots import STEPS
from kiosk.ui.tools.settle import settle

Check = dict[str, Any]


def _check(name: str, ok: bool, detail: str) -> Check:
    return {"name": name, "ok": bool(ok), "detail": detail}


def check_fts5() -> Check:
    try:
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61')")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return _check("sqlite fts5", False, f"SQLite {sqlite3.sqlite_version} lacks FTS5: {exc}")
    return _check("sqlite fts5", True, f"SQLite {sqlite3.sqlite_version} has FTS5")


def _unreadable(bundle: Path, exc: Exception) -> str:
    if isinstance(exc, BundleError):
        return str(exc)
    return f"{bundle}: cannot be read as a bundle ({type(exc).__name__}: {exc})"


def check_bundle(bundle: Path) -> list[Check]:
    """ "bundle readable" then "bundle valid"; never raises (a damaged file is a failed check).

    The file type and size are checked before it is opened: a FIFO would block the open.
    """
    problem = precheck(bundle)
    if problem:
        return [_check("bundle readable", False, problem)]
    try:
        check_readable(bundle)
    except Exception as exc:  # any failure of the content layer is a finding, not a traceback
        return [_check("bundle readable", False, _unreadable(bundle, exc))]
    checks = [_check("bundle readable", True, str(bundle))]
    try:
        report = validate_bundle(bundle)
    except Exception as exc:
        return [*checks, _check("bundle valid", False, _unreadable(bundle, exc))]
    detail = report.summary()
    if report.errors:
        detail += "; " + "; ".join(str(p) for p in report.errors[:5])
    checks.append(_check("bundle valid", report.ok, detail))
    return checks


def check_fonts() -> list[Check]:
    report = load_fonts(paths.fonts_dir())
    checks = [
        _check(
            "fonts loaded",
            report.ok,
            f"{len(report.loaded)} loaded from {paths.fonts_dir()}"
            + (f"; failed: {', '.join(report.failed)}" if report.failed else ""),
        )
    ]
    for family in SHIPPED_FAMILIES:
        resolved = QFontInfo(QFont(family)).family()
        if family not in report.families or resolved != family:
            checks.append(_check(f"font {family}", False, f"not available (Qt uses {resolved!r})"))
            continue
        gaps = {lang: missing_letters(family, text) for lang, text in COVERAGE_SAMPLES.items()}
        missing = "; ".join(f"{lang}: {gap}" for lang, gap in gaps.items() if gap)
        problems = [f"missing {missing}"] if missing else []
        if family == MONO_FAMILY and not is_fixed_width(family):
            problems.append("not fixed-width")
        detail = "covers " + ", ".join(COVERAGE_SAMPLES)
        if family == MONO_FAMILY:
            detail += ", fixed-width"
        checks.append(_check(f"font {family}", not problems, "; ".join(problems) or detail))
    return checks


def _admin_steps(
    admin: AdminController, shell: KioskShell
) -> list[tuple[str, Callable[[], object]]]:
    """The technician's screens: PIN pad, admin screen, test pattern."""
    shell.navigator.add_screen("admin")
    return [
        ("admin pin pad", admin.openPinPad),
        ("admin screen", lambda: (admin.cancelPin(), admin.refresh(), shell.navigator.go("admin"))),
        ("admin test pattern", lambda: admin.showTestPattern(True)),
    ]


def check_screens(bundle: Path, data_dir: Path, messages: QtMessages) -> list[Check]:
    shell = KioskShell(data_dir, Timings(animate=False))
    # No PIN and a fixed fact sheet: the self-test only checks that the admin layer loads.
    admin = AdminController(PinGate(""), lambda: {"title": "self-test"}, parent=shell)
    shell.extra_properties["admin"] = admin
    checks: list[Check] = []
    try:
        if not shell.open_bundle(bundle):
            return [_check("content loaded", False, shell.content.error_message())]
        summary = shell.content.summary()
        checks.append(
            _check(
                "content loaded",
                True,
                ", ".join(f"{k} {v}" for k, v in summary.items() if k != "locales"),
            )
        )
        messages.clear()
        window = shell.load()
        if window is None:
            detail = "; ".join(messages.warnings[:5]) or "no window"
            return [*checks, _check("screens", False, detail)]
        window.resize(QSize(1920, 1080))
        window.show()
        settle(window)
        for name, step in STEPS:
            before = len(messages.warnings)
            shown = step(shell)
            settle(window)
            new = messages.warnings[before:]
            detail = "shown" if shown else "not in this bundle"
            checks.append(_check(f"screen {name}", not new, "; ".join(new[:3]) or detail))
        for name, action in _admin_steps(admin, shell):
            before = len(messages.warnings)
            action()
            settle(window)
            new = messages.warnings[before:]
            checks.append(_check(f"screen {name}", not new, "; ".join(new[:3]) or "shown"))
        admin.showTestPattern(False)
        shell.end_visit()
        settle(window)
    finally:
        shell.shutdown()
    return checks


def run_self_test(
    bundle: Path,
    data_dir: Path | None = None,
    app_factory: Callable[[], QGuiApplication] | None = None,
) -> dict[str, Any]:
    """Run every check; the report's ``ok`` is True only when all of them passed."""
    app = QGuiApplication.instance() or (
        app_factory() if app_factory else QGuiApplication(["kiosk"])
    )
    messages = QtMessages().install()
    checks: list[Check] = []
    try:
        bundle_checks = check_bundle(bundle)
        checks += bundle_checks
        checks += check_fonts()
        checks.append(check_fts5())
        if all(c["ok"] for c in bundle_checks):
            with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as scratch:
                # Candles lit by the self-test do not count: a scratch data folder.
                checks += check_screens(bundle, Path(scratch), messages)
        else:
            # The kiosk never shows a bundle that fails these checks, and a damaged or oversized
            # one could keep the screens busy for minutes: they are not loaded.
            checks.append(_check("screens", False, "not loaded: the bundle failed its checks"))
    finally:
        QtMessages.uninstall()
    del app, data_dir
    return {"ok": all(c["ok"] for c in checks), "bundle": str(bundle), "checks": checks}


def bundle_problem(report: dict[str, Any]) -> str:
    """The first failed bundle check's detail, for a one-line message; "" when none failed."""
    for check in report.get("checks", []):
        if str(check.get("name", "")).startswith("bundle ") and not check.get("ok"):
            return str(check.get("detail", ""))
    return ""
