"""The hidden admin gesture, the PIN pad's rules and the admin actions, without QML; and the
idle timeout of the pad and the admin screen, also on screen."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QPoint

from kiosk.content.locales import LocaleStatus
from kiosk.ops.bundles import BundleStore
from kiosk.ops.pin import PinGate, hash_pin
from kiosk.ui.backend import admin as admin_module
from kiosk.ui.backend.admin import ADMIN_EXIT_CODE, AdminController, CornerGesture
from kiosk.ui.backend.idle import IdleGuard
from kiosk.ui.runtime.operations import ADMIN, Operations
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.screens import ATTRACT
from kiosk.ui.tools.settle import find_item, settle

from .touch import item, tap, tap_at


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("2468")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def admin(qapp: Any, pin_hash: str, clock: Clock) -> AdminController:
    info = {"title": "An exhibit", "checksum": "abc"}
    return AdminController(
        PinGate(pin_hash, clock=clock), lambda: info, gesture=CornerGesture(clock=clock)
    )


def test_five_quick_corner_taps_open_the_pin_pad(admin: AdminController, clock: Clock) -> None:
    """Five taps within three seconds open the pad; four do not."""
    for _ in range(4):
        admin.cornerTap()
        clock.now += 0.5
    assert not admin.pinPadOpen
    admin.cornerTap()
    assert admin.pinPadOpen


def test_slow_corner_taps_do_not_open_the_pin_pad(admin: AdminController, clock: Clock) -> None:
    """Taps spread over more than three seconds never add up to the gesture."""
    for _ in range(10):
        admin.cornerTap()
        clock.now += 1.0
    assert not admin.pinPadOpen


def test_correct_pin_enters_admin(admin: AdminController, qtbot: Any) -> None:
    """The right PIN closes the pad, gathers the facts and asks for the admin screen."""
    admin.openPinPad()
    with qtbot.waitSignal(admin.entered, timeout=1000):
        assert admin.submitPin("2468") == "ok"
    assert not admin.pinPadOpen
    assert admin.info["title"] == "An exhibit"


def test_five_wrong_pins_lock_the_pad_for_five_minutes(
    admin: AdminController, clock: Clock
) -> None:
    """After five wrong PINs even the right one is refused until five minutes have passed."""
    admin.openPinPad()
    results = [admin.submitPin("0000") for _ in range(5)]
    assert results == ["wrong"] * 4 + ["locked"]
    assert "5 minute" in admin.message
    assert admin.submitPin("2468") == "locked"
    clock.now += 299
    assert admin.submitPin("2468") == "locked"
    clock.now += 2
    assert admin.submitPin("2468") == "ok"


def test_wrong_pin_says_how_many_attempts_are_left(admin: AdminController) -> None:
    """A wrong PIN is answered with the attempts that remain."""
    admin.openPinPad()
    admin.submitPin("1111")
    assert "4 attempt" in admin.message


def test_no_pin_configured_cannot_be_unlocked(qapp: Any, clock: Clock) -> None:
    """Without a PIN hash the pad explains how to set one and never opens the admin screen."""
    admin = AdminController(PinGate("", clock=clock), dict)
    admin.openPinPad()
    assert "kiosk --set-pin" in admin.message
    assert admin.submitPin("0000") == "disabled"


def test_exit_asks_for_the_admin_exit_code(admin: AdminController, qtbot: Any) -> None:
    """Exit requests the documented code the service manager does not restart."""
    with qtbot.waitSignal(admin.exitRequested, timeout=1000) as blocker:
        admin.exitKiosk()
    assert blocker.args == [ADMIN_EXIT_CODE]


def test_a_failing_fact_source_still_opens_admin(qapp: Any, pin_hash: str) -> None:
    """If gathering the kiosk's state fails, the admin screen says so instead of crashing."""

    def broken() -> dict[str, Any]:
        raise OSError("disk gone")

    admin = AdminController(PinGate(pin_hash), broken)
    admin.refresh()
    assert "disk gone" in admin.info["error"]


SHIPPED = Path(__file__).resolve().parents[2] / "db" / "exhibit.sqlite"


def _shipped_texts() -> int:
    """Every text of the shipped exhibit is translated: one row each in translations/az.csv."""
    with (SHIPPED.parent / "source" / "translations" / "az.csv").open(encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


def test_the_facts_include_each_language_status_and_completeness(
    qapp: Any, pin_hash: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line per language of the bundle showing: the shipped az and ru are drafts awaiting
    review. The counts are read once per bundle file."""
    reads = []
    original = admin_module.locale_statuses

    def counted(conn: Any) -> Any:
        reads.append(1)
        return original(conn)

    monkeypatch.setattr(admin_module, "locale_statuses", counted)
    admin = AdminController(PinGate(pin_hash), lambda: {"path": str(SHIPPED)})
    admin.refresh()
    n = _shipped_texts()
    assert admin.info["languages"] == [
        f"en: the source text, {n} texts",
        f"az: draft, awaiting review; {n} of {n} texts translated (100%)",
        f"ru: draft, awaiting review; {n} of {n} texts translated (100%)",
    ]
    admin.refresh()
    assert len(reads) == 1


def test_language_lines_say_each_status(qapp: Any, tmp_path: Path) -> None:
    """Every review status has its words; a bundle that cannot be read says so."""
    admin = AdminController(PinGate(""), dict)
    for review, words in (
        ("machine", "machine translation, awaiting review"),
        ("reviewed", "reviewed"),
        ("", "review status not set"),
    ):
        status = LocaleStatus("ru", review, 3, 39)
        assert admin._language_line(status) == f"ru: {words}; 3 of 39 texts translated (7%)"
    assert admin.language_lines("") == []
    (tmp_path / "not-a-bundle.sqlite").write_text("hello")
    [line] = admin.language_lines(str(tmp_path / "not-a-bundle.sqlite"))
    assert line.startswith("The languages cannot be read: ") and "not an SQLite" in line


# -- the idle timeout closes the pad and the admin screen (issue 14) ---------------------------
IDLE_S = 15.0


@pytest.fixture
def timed(qapp: Any, pin_hash: str, clock: Clock) -> AdminController:
    """An admin controller with a 15 s idle timeout on the test's clock."""
    return AdminController(PinGate(pin_hash, clock=clock), dict, idle_timeout_s=IDLE_S, clock=clock)


def test_admin_screen_closes_after_the_idle_timeout(
    timed: AdminController, clock: Clock, qtbot: Any
) -> None:
    """Untouched for the idle timeout, the admin screen returns to the exhibit (``left``)."""
    timed.openPinPad()
    assert timed.submitPin("2468") == "ok"
    assert timed.admin_open
    clock.now += IDLE_S - 1
    timed.check_idle()
    assert timed.admin_open
    clock.now += 1
    with qtbot.waitSignal(timed.left, timeout=1000):
        timed.check_idle()
    assert not timed.admin_open


def test_touches_keep_the_admin_screen_open(
    timed: AdminController, clock: Clock, qtbot: Any
) -> None:
    """The admin screen counts as activity only while touched: each touch starts the wait anew."""
    timed.openPinPad()
    timed.submitPin("2468")
    timed.showTestPattern(True)
    for _ in range(10):  # ten minutes of work, a touch every 10 s
        clock.now += 10
        timed.touched()
        timed.check_idle()
    assert timed.admin_open and timed.testPattern
    clock.now += IDLE_S
    with qtbot.waitSignal(timed.left, timeout=1000):
        timed.check_idle()
    assert not timed.testPattern


def test_a_locked_pin_pad_closes_after_the_idle_timeout(
    timed: AdminController, clock: Clock
) -> None:
    """The "Too many wrong PINs" pad does not stay on screen over the attract loop."""
    timed.openPinPad()
    for _ in range(5):
        timed.submitPin("0000")
    assert "Too many wrong PINs" in timed.message
    clock.now += IDLE_S
    timed.check_idle()
    assert not timed.pinPadOpen
    assert timed.message == ""


def test_a_pin_pad_opened_and_left_closes(timed: AdminController, clock: Clock) -> None:
    """A pad opened by a curious visitor and left alone closes at the idle timeout."""
    timed.openPinPad()
    clock.now += IDLE_S - 0.5
    timed.check_idle()
    assert timed.pinPadOpen
    clock.now += 0.5
    timed.check_idle()
    assert not timed.pinPadOpen


def test_a_long_lock_is_told_in_hours(timed: AdminController, clock: Clock) -> None:
    """Later lockouts are hours long; the pad says hours, not 1,440 minutes."""
    timed.openPinPad()
    for lockout in range(6):  # 5 min, 10, 20, 40, 80, 160
        if lockout:
            clock.now += timed_lock_s(lockout)
        for _ in range(5):
            timed.submitPin("0000")
    assert "3 hour" in timed.message  # 160 min


def timed_lock_s(lockouts_before: int) -> float:
    """How long lockout number ``lockouts_before`` (from 1) lasted: 5 min, doubled each time."""
    return 300.0 * 2 ** (lockouts_before - 1)


def test_follow_takes_the_timeout_and_closes_at_the_end_of_a_visit(
    timed: AdminController, clock: Clock, qtbot: Any
) -> None:
    """Following the IdleGuard: its timeout is used, and its reset closes pad and screen."""
    idle = IdleGuard(timeout_ms=20_000, prompt_ms=5_000)
    timed.follow(idle)
    timed.openPinPad()
    clock.now += IDLE_S
    timed.check_idle()
    assert timed.pinPadOpen  # 20 s now, not 15
    idle.goAttract()
    assert not timed.pinPadOpen
    timed.openPinPad()
    timed.submitPin("2468")
    with qtbot.waitSignal(timed.left, timeout=1000):
        idle.goAttract()
    assert not timed.admin_open


# -- on screen: the whole kiosk, touches through QML ----------------------------------------------
@pytest.fixture
def kiosk(
    qapp: Any,
    tmp_path: Path,
    exhibit_bundle: Path,
    fast_timings: Timings,
    pin_hash: str,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[KioskShell, Operations]]:
    """A shown kiosk with the admin layer; the admin controller runs on the test's clock."""
    monkeypatch.setattr(admin_module, "time", SimpleNamespace(monotonic=clock))
    data = tmp_path / "data"
    shell = KioskShell(data, fast_timings)
    assert shell.open_bundle(exhibit_bundle)
    ops = Operations(shell, PinGate(pin_hash), BundleStore(data), None, configured=exhibit_bundle)
    ops.admin.follow(shell.idle)  # as kiosk.cli.kiosk wires it
    shell.extra_properties["admin"] = ops.admin
    window = shell.load()
    assert window is not None
    window.resize(1920, 1080)
    window.show()
    settle(window)
    yield shell, ops
    shell.shutdown()


def test_on_screen_the_admin_screen_times_out_unless_touched(
    kiosk: tuple[KioskShell, Operations], clock: Clock, qtbot: Any
) -> None:
    """Touches on the admin screen keep it; without them it goes back to the attract loop and
    the idle timer runs again (issue 14: it was open 40 s later with idle_timeout_s=15)."""
    shell, ops = kiosk
    window = shell.window
    assert window is not None
    timeout_s = shell.idle.timeoutMs / 1000
    for _ in range(5):
        tap_at(window, QPoint(20, 20))
    qtbot.waitUntil(lambda: ops.admin.pinPadOpen, timeout=2000)
    settle(window)
    for digit in "2468":
        tap(window, f"pinKey_{digit}")
    tap(window, "pinKey_ok")
    qtbot.waitUntil(lambda: shell.navigator.screen == ADMIN, timeout=2000)
    settle(window)
    clock.now += timeout_s - 1
    tap_at(window, QPoint(960, 540))  # a technician's touch anywhere on the admin screen
    clock.now += timeout_s - 1
    ops.admin.check_idle()
    assert shell.navigator.screen == ADMIN
    clock.now += 1
    ops.admin.check_idle()
    assert shell.navigator.screen == ATTRACT
    assert shell.idle.state == ATTRACT
    assert not shell.idle.held


def test_on_screen_the_pin_pad_is_gone_at_the_attract_loop(
    kiosk: tuple[KioskShell, Operations], qtbot: Any
) -> None:
    """An open PIN pad does not survive the return to the attract loop."""
    shell, ops = kiosk
    window = shell.window
    assert window is not None
    for _ in range(5):
        tap_at(window, QPoint(20, 20))
    qtbot.waitUntil(lambda: ops.admin.pinPadOpen, timeout=2000)
    assert item(window, "pinCancel").isVisible()
    shell.idle.prompt_now()
    shell.idle.goAttract()
    assert not ops.admin.pinPadOpen
    settle(window)
    assert find_item(window, "pinCancel") is None  # no visible PIN pad


def test_on_screen_the_admin_screen_shows_the_languages(
    kiosk: tuple[KioskShell, Operations], qtbot: Any
) -> None:
    """The admin screen has a line per language with its status (visitors never see it)."""
    shell, ops = kiosk
    window = shell.window
    assert window is not None
    assert find_item(window, "adminLanguages") is None  # not on a visitor's screen
    ops.admin._info_source = lambda: {**ops.info(), "path": str(SHIPPED)}
    ops.admin.openPinPad()
    ops.admin.submitPin("2468")
    qtbot.waitUntil(lambda: shell.navigator.screen == ADMIN, timeout=2000)
    settle(window)
    facts = item(window, "adminLanguages")
    texts = [str(child.property("text")) for child in facts.childItems()]
    n = _shipped_texts()
    assert f"az: draft, awaiting review; {n} of {n} texts translated (100%)" in texts[1]
