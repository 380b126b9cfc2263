"""The admin PIN: scrypt hashes and the lockout of the PIN pad."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from pathlib import Path

import pytest

from kiosk.ops.pin import (
    LOCKOUT_FILE,
    MAX_LOCKOUT_S,
    NO_PIN_MESSAGE,
    PinGate,
    hash_pin,
    parse_hash,
    pin_problem,
    verify_pin,
)

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


# -- the lockout across restarts (issue 14) -----------------------------------------------------
SECRET = "13579"  # a wrong PIN that must never reach the log


def gate_at(path: Path, stored: str, clock: FakeClock) -> PinGate:
    """A gate keeping its lockout in ``path`` (a new one = the kiosk restarted)."""
    return PinGate(stored, clock=clock, state_path=path)


def lock_once(gate: PinGate) -> None:
    results = [gate.try_pin(SECRET) for _ in range(5)]
    assert results[-1] == "locked"


def test_lockout_survives_a_restart(tmp_path: Path, stored: str, clock: FakeClock) -> None:
    """A restart (a new gate on the same file) does not unlock the pad."""
    path = tmp_path / LOCKOUT_FILE
    lock_once(gate_at(path, stored, clock))
    clock.advance(100)
    again = gate_at(path, stored, clock)
    assert again.locked_for() == pytest.approx(200)
    assert again.try_pin("2468") == "locked"
    clock.advance(200)
    assert again.try_pin("2468") == "ok"


def test_wrong_pins_are_counted_across_restarts(
    tmp_path: Path, stored: str, clock: FakeClock
) -> None:
    """Four wrong PINs, a restart, one more: locked (a restart gives no fresh attempts)."""
    path = tmp_path / LOCKOUT_FILE
    gate = gate_at(path, stored, clock)
    for _ in range(4):
        assert gate.try_pin(SECRET) == "wrong"
    again = gate_at(path, stored, clock)
    assert again.attempts_left == 1
    assert again.try_pin(SECRET) == "locked"


def test_each_lockout_is_twice_as_long_up_to_a_day(
    tmp_path: Path, stored: str, clock: FakeClock
) -> None:
    """5 min, 10, 20, 40, ... at most 24 h: a 4-digit PIN is no longer guessed within a week."""
    gate = gate_at(tmp_path / LOCKOUT_FILE, stored, clock)
    lengths = []
    for _ in range(12):
        lock_once(gate)
        lengths.append(gate.locked_for())
        clock.advance(gate.locked_for())
    assert lengths[:4] == [300, 600, 1200, 2400]
    assert max(lengths) == MAX_LOCKOUT_S == 24 * 3600
    assert lengths[-1] == MAX_LOCKOUT_S
    # At the cap a day allows 5 guesses, not 1,440: 35 in a week.
    guesses, start = 0, clock.now
    while clock.now - start < 7 * 24 * 3600:
        if gate.locked_for() > 0:
            clock.advance(gate.locked_for())
            continue
        gate.try_pin(SECRET)
        guesses += 1
    assert guesses <= 40


def test_a_correct_pin_resets_the_lockouts(tmp_path: Path, stored: str, clock: FakeClock) -> None:
    """After the right PIN the next lockout is the short one again, also after a restart."""
    path = tmp_path / LOCKOUT_FILE
    gate = gate_at(path, stored, clock)
    lock_once(gate)
    clock.advance(300)
    lock_once(gate)
    clock.advance(600)
    assert gate.try_pin("2468") == "ok"
    again = gate_at(path, stored, clock)
    assert again.lockouts == 0 and again.attempts_left == 5
    lock_once(again)
    assert again.locked_for() == pytest.approx(300)


def test_a_clock_gone_back_does_not_stretch_the_lock(
    tmp_path: Path, stored: str, clock: FakeClock
) -> None:
    """The clock jumps back ten years (a dead RTC battery): the lock still ends in 5 min."""
    path = tmp_path / LOCKOUT_FILE
    lock_once(gate_at(path, stored, clock))
    clock.advance(-10 * 365 * 24 * 3600)
    again = gate_at(path, stored, clock)
    assert again.locked_for() == pytest.approx(300)
    clock.advance(300)
    assert again.try_pin("2468") == "ok"


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[" * 3000,
        b"\xff\xfe",
        b'{"failures": -1, "lockouts": 0, "locked_until": 0, "lock_s": 0}',
        b'{"failures": 0, "lockouts": 0, "locked_until": 1e999, "lock_s": 300}',
        b'{"failures": 0, "lockouts": 0, "locked_until": 9e9, "lock_s": 0}',
        b'{"failures": 0}' + b" " * 10_000,
    ],
    ids=["not-json", "nested", "not-utf8", "negative", "infinite", "no-length", "huge"],
)
def test_a_damaged_lockout_file_locks_for_the_base_period(
    tmp_path: Path,
    stored: str,
    clock: FakeClock,
    content: bytes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The safe side: a file that makes no sense locks the pad for 5 minutes from now (never a
    reset), names the file and the problem in the log, and is replaced by a good one."""
    path = tmp_path / LOCKOUT_FILE
    path.write_bytes(content)
    gate = gate_at(path, stored, clock)
    assert gate.locked_for() == pytest.approx(300)
    assert str(path) in caplog.text and "cannot be used" in caplog.text
    clock.advance(300)
    assert gate_at(path, stored, clock).try_pin("2468") == "ok"


def test_a_folder_as_lockout_file_locks_and_never_raises(
    tmp_path: Path, stored: str, clock: FakeClock
) -> None:
    """A folder where the file should be: locked for the base period, kept in memory."""
    path = tmp_path / LOCKOUT_FILE
    path.mkdir()
    gate = gate_at(path, stored, clock)
    assert gate.locked_for() == pytest.approx(300)
    clock.advance(300)
    assert gate.try_pin(SECRET) == "wrong"


def test_unwritable_place_keeps_the_lockout_in_memory(
    tmp_path: Path, stored: str, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """A data folder that is a file: the pad still locks, and the log says so once."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    gate = gate_at(blocker / LOCKOUT_FILE, stored, clock)
    assert gate.locked_for() == 0.0  # no file can be there: nothing was locked
    lock_once(gate)
    assert gate.try_pin("2468") == "locked"
    assert sum("cannot be saved" in r.message for r in caplog.records) == 1


def test_wrong_pins_and_lockouts_are_logged_never_the_pin(
    tmp_path: Path, stored: str, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Each wrong PIN and each lockout is a log line; the PIN typed is in none of them."""
    caplog.set_level(logging.INFO)
    gate = gate_at(tmp_path / LOCKOUT_FILE, stored, clock)
    lock_once(gate)
    clock.advance(300)
    assert gate.try_pin("2468") == "ok"
    messages = [r.getMessage() for r in caplog.records]
    assert sum("wrong PIN was entered" in m for m in messages) == 4
    assert sum("the pad is locked for 5 min" in m for m in messages) == 1
    assert any("correct" in m for m in messages)
    assert SECRET not in caplog.text and "2468" not in caplog.text


def test_the_lockout_file_is_small_json_and_alone(
    tmp_path: Path, stored: str, clock: FakeClock
) -> None:
    """The state is one small JSON file replaced atomically: no temporary file stays."""
    gate = gate_at(tmp_path / LOCKOUT_FILE, stored, clock)
    lock_once(gate)
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCKOUT_FILE]
    data = json.loads((tmp_path / LOCKOUT_FILE).read_text())
    assert data == {"failures": 0, "lockouts": 1, "locked_until": clock.now + 300, "lock_s": 300}
