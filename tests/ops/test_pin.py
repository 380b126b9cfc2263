"""The admin PIN: scrypt hashes and the lockout of the PIN pad."""

from __future__ import annotations

import base64
import hashlib

import pytest

from kiosk.ops.pin import NO_PIN_MESSAGE, PinGate, hash_pin, parse_hash, pin_problem, verify_pin

from .helpers import FakeClock


@pytest.fixture(scope="module")
def real() -> str:
    """A hash made with the production parameters (slow-ish: made once)."""
    return hash_pin("2468")


@pytest.fixture(scope="module")
def stored() -> str:
    """A well-formed hash with a tiny cost, so the many gate checks stay fast."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"2468", salt=salt, n=16, r=1, p=1, dklen=32)
    b64 = base64.b64encode
    return f"scrypt$16$1$1${b64(salt).decode()}${b64(digest).decode()}"


def test_hash_is_self_describing(real: str) -> None:
    """The stored form names the algorithm and its parameters."""
    parts = real.split("$")
    assert parts[:4] == ["scrypt", str(2**14), "8", "1"]
    parsed = parse_hash(real)
    assert parsed is not None and len(parsed.salt) == 16


def test_hashes_are_salted() -> None:
    """The same PIN hashed twice gives two different strings."""
    assert hash_pin("2468") != hash_pin("2468")


def test_right_pin_verifies(real: str) -> None:
    """The PIN that was hashed is accepted."""
    assert verify_pin("2468", real)


def test_wrong_pin_is_refused(real: str) -> None:
    """Another PIN is refused."""
    assert not verify_pin("2469", real)


@pytest.mark.parametrize(
    "bad",
    ["", "plain", "scrypt$16384$8$1$!!$!!", "scrypt$1000$8$1$AAAAAAAAAAA=$AAAA", "md5$x"],
)
def test_malformed_stored_hash_never_verifies(bad: str) -> None:
    """A malformed stored hash gives False, never an exception."""
    assert not verify_pin("2468", bad)


def test_absurd_cost_parameters_are_refused() -> None:
    """A hand-edited hash cannot make a check take gigabytes of memory."""
    huge = "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44
    assert parse_hash(huge) is None


def test_empty_pin_cannot_be_hashed() -> None:
    """Hashing an empty PIN is refused."""
    with pytest.raises(ValueError, match="empty"):
        hash_pin("")


@pytest.mark.parametrize(("pin", "ok"), [("1234", True), ("123", False), ("12a4", False)])
def test_pin_format(pin: str, ok: bool) -> None:
    """A PIN is 4 to 12 digits, as typed on the pad."""
    assert (pin_problem(pin) is None) is ok


def test_gate_opens_on_right_pin(stored: str, clock: FakeClock) -> None:
    """The right PIN opens the gate."""
    assert PinGate(stored, clock=clock).try_pin("2468") == "ok"


def test_gate_counts_down_wrong_pins(stored: str, clock: FakeClock) -> None:
    """Each wrong PIN uses up one attempt."""
    gate = PinGate(stored, clock=clock)
    assert gate.try_pin("0000") == "wrong"
    assert gate.attempts_left == 4


def test_five_wrong_pins_lock_for_five_minutes(stored: str, clock: FakeClock) -> None:
    """The fifth wrong PIN locks the pad for 300 s, even against the right PIN."""
    gate = PinGate(stored, clock=clock)
    results = [gate.try_pin("0000") for _ in range(5)]
    assert results == ["wrong"] * 4 + ["locked"]
    assert gate.locked_for() == pytest.approx(300)
    clock.advance(299)
    assert gate.try_pin("2468") == "locked"
    assert gate.attempts_left == 0


def test_lock_expires(stored: str, clock: FakeClock) -> None:
    """After the lockout the right PIN opens and the attempts are full again."""
    gate = PinGate(stored, clock=clock)
    for _ in range(5):
        gate.try_pin("0000")
    clock.advance(300)
    assert gate.locked_for() == 0.0
    assert gate.attempts_left == 5
    assert gate.try_pin("2468") == "ok"


def test_right_pin_resets_the_count(stored: str, clock: FakeClock) -> None:
    """A correct PIN forgets earlier wrong ones."""
    gate = PinGate(stored, clock=clock)
    for _ in range(4):
        gate.try_pin("0000")
    assert gate.try_pin("2468") == "ok"
    assert gate.attempts_left == 5


@pytest.mark.parametrize("empty", ["", "   ", "not-a-hash"])
def test_no_pin_hash_means_disabled(empty: str, clock: FakeClock) -> None:
    """Without a usable hash the pad says so and never opens, not even on an empty PIN."""
    gate = PinGate(empty, clock=clock)
    assert not gate.enabled
    assert gate.try_pin("") == "disabled"
    assert gate.try_pin("1234") == "disabled"
    assert "kiosk --set-pin" in NO_PIN_MESSAGE
