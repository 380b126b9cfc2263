"""The hidden admin gesture, the PIN pad's rules and the admin actions, without QML."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.ops.pin import PinGate, hash_pin
from kiosk.ui.admin import ADMIN_EXIT_CODE, AdminController, CornerGesture


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
