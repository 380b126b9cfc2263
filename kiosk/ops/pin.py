"""The admin PIN: a salted scrypt hash in the configuration, and a pad that locks out guessing
(the lockout kept in the data folder, so a restart does not reset it).

The stored form is self-describing, ``scrypt$<n>$<r>$<p>$<salt_b64>$<hash_b64>``, so the cost
parameters can be raised later without breaking PINs already set. The PIN itself is never stored
and never logged.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from kiosk.content.fileio import atomic_write_text, read_small_file

log = logging.getLogger(__name__)

SCRYPT_N: Final = 2**14
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
SALT_BYTES: Final = 16
HASH_BYTES: Final = 32
PIN_PATTERN: Final = re.compile(r"^[0-9]{4,12}$")

# Bounds on parameters read back from a stored hash: a hand-edited configuration must not be
# able to make one PIN check take minutes or gigabytes.
_MAX_N: Final = 2**20
_MAX_R: Final = 32
_MAX_P: Final = 16

NO_PIN_MESSAGE: Final = (
    "No admin PIN is set, so the admin screen cannot be opened with a PIN. "
    "Set one on the kiosk PC with: kiosk --set-pin"
)

PinResult = Literal["ok", "wrong", "locked", "disabled"]


@dataclass(frozen=True, slots=True)
class ScryptHash:
    """A parsed stored hash."""

    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be used as an admin PIN (4 to 12 digits), or None when it can."""
    if not PIN_PATTERN.match(pin):
        return "the PIN must be 4 to 12 digits (0-9), as typed on the kiosk's PIN pad"
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, *, dklen: int) -> bytes:
    # scrypt needs about 128 * n * r bytes; give it that plus headroom.
    maxmem = 128 * n * r * (p + 1) + 1024 * 1024
    import hashlib  # noqa: PLC0415 - OpenSSL (~2 MB): only when a PIN is hashed, not at start

    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)


def hash_pin(pin: str) -> str:
    """Hash ``pin`` with a fresh random salt; returns ``scrypt$n$r$p$salt_b64$hash_b64``."""
    if not pin:
        raise ValueError("an empty PIN cannot be hashed")
    import secrets  # noqa: PLC0415 - see _scrypt

    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, dklen=HASH_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def _decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def parse_hash(stored: str) -> ScryptHash | None:
    """The parameters of a stored hash, or None when it is not a well-formed scrypt hash."""
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, digest = _decode(parts[4]), _decode(parts[5])
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return None
    power_of_two = n > 1 and (n & (n - 1)) == 0
    if not (power_of_two and n <= _MAX_N and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        return None
    if len(salt) < 8 or not 16 <= len(digest) <= 64:
        return None
    return ScryptHash(n, r, p, salt, digest)


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored``; False for a wrong PIN or a malformed stored hash."""
    parsed = parse_hash(stored)
    if parsed is None or not pin:
        return False
    try:
        candidate = _scrypt(
            pin, parsed.salt, parsed.n, parsed.r, parsed.p, dklen=len(parsed.digest)
        )
    except (ValueError, MemoryError):
        return False
    import hmac  # noqa: PLC0415 - see _scrypt

    return hmac.compare_digest(candidate, parsed.digest)


LOCKOUT_FILE: Final = "pin-lockout.json"
BASE_LOCKOUT_S: Final = 300.0
MAX_LOCKOUT_S: Final = 24 * 3600.0
_MAX_STATE_BYTES: Final = 4096
_MAX_LOCKOUTS: Final = 64


@dataclass(slots=True)
class LockState:
    """What the pad remembers across restarts (``pin-lockout.json`` in the data folder)."""

    failures: int = 0  # wrong PINs since the last lockout or correct PIN
    lockouts: int = 0  # lockouts since the last correct PIN: each one is twice as long
    locked_until: float = 0.0  # wall-clock seconds (Unix time); 0 = not locked
    lock_s: float = 0.0  # how long the current lock was set for: bounds a clock gone backwards

    def to_json(self) -> str:
        return json.dumps(
            {
                "failures": self.failures,
                "lockouts": self.lockouts,
                "locked_until": self.locked_until,
                "lock_s": self.lock_s,
            }
        )

    @classmethod
    def from_json(cls, raw: bytes, max_attempts: int) -> LockState:
        """Parse the file; ValueError (saying what is wrong) for anything but a sane state."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except RecursionError:
            raise ValueError("nested too deeply") from None
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        state = cls(
            failures=_whole(data, "failures", max_attempts - 1),
            lockouts=_whole(data, "lockouts", _MAX_LOCKOUTS),
            locked_until=_seconds(data, "locked_until"),
            lock_s=min(_seconds(data, "lock_s"), MAX_LOCKOUT_S),
        )
        if state.locked_until > 0.0 and state.lock_s <= 0.0:
            raise ValueError("a lock without its length")
        return state


def _whole(data: dict[str, Any], key: str, hi: int) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= hi:
        raise ValueError(f"{key} is not a whole number from 0 to {hi}")
    return value


def _seconds(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} is not a number")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{key} is not a finite, non-negative number")
    return float(value)


def _duration(seconds: float) -> str:
    """``90`` -> "90 s", ``600`` -> "10 min", ``7200`` -> "2.0 h": for the log."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class PinGate:
    """The PIN pad's rules: a correct PIN opens; ``max_attempts`` wrong ones lock it for a while,
    each lockout twice as long as the one before (``lockout_s``, doubled, at most
    ``max_lockout_s``) until a correct PIN.

    ``try_pin`` returns ``"ok"``, ``"wrong"`` (attempts remain), ``"locked"`` (the pad is locked,
    including on the wrong attempt that locked it; the PIN is not even checked while locked) or
    ``"disabled"`` (no usable PIN hash is configured: the admin screen cannot be opened by PIN;
    show ``NO_PIN_MESSAGE``).

    With ``state_path`` (``LOCKOUT_FILE`` in the data folder) the count and the lock survive a
    restart: the file is replaced atomically at every change. Missing means no failures; a file
    that cannot be read or makes no sense means locked for ``lockout_s`` from now (the safe side:
    a lock a technician waits out, never a reset an attacker could provoke). A folder that cannot
    be written keeps the state in memory and says so in the log once.

    Time comes from ``clock``, wall-clock seconds so a lock outlasts a restart (injected in tests).
    A clock that jumps back cannot stretch a lock: no lock lasts longer from now than it was set
    for. Wrong PINs and lockouts are logged; the PIN never is.
    """

    def __init__(
        self,
        stored_hash: str,
        clock: Callable[[], float] = time.time,
        max_attempts: int = 5,
        lockout_s: float = BASE_LOCKOUT_S,
        *,
        max_lockout_s: float = MAX_LOCKOUT_S,
        state_path: Path | None = None,
    ) -> None:
        self._stored = stored_hash.strip()
        self._clock = clock
        self._max_attempts = max(1, max_attempts)
        self._lockout_s = max(0.0, lockout_s)
        self._max_lockout_s = max(self._lockout_s, max_lockout_s)
        self._path = state_path
        self._warned = False
        self._state = self._load()

    @property
    def enabled(self) -> bool:
        """Whether a well-formed PIN hash is configured at all."""
        return parse_hash(self._stored) is not None

    @property
    def attempts_left(self) -> int:
        """Wrong PINs still allowed before the pad locks (the full count again after a lockout)."""
        if self.locked_for() > 0.0:
            return 0
        return self._max_attempts - self._state.failures

    @property
    def lockouts(self) -> int:
        """Lockouts since the last correct PIN (the next one lasts twice as long as the last)."""
        return self._state.lockouts

    def locked_for(self) -> float:
        """Seconds until the pad unlocks; 0.0 when it is not locked."""
        state = self._state
        if state.locked_until <= 0.0:
            return 0.0
        now = self._clock()
        left = state.locked_until - now
        if left > state.lock_s:  # the clock went back: the lock runs from now, no longer
            log.warning(
                "admin PIN: the clock went back %s; the pad stays locked for %s from now",
                _duration(left - state.lock_s),
                _duration(state.lock_s),
            )
            state.locked_until = now + state.lock_s
            self._save()
            left = state.lock_s
        return max(0.0, left)

    def next_lockout_s(self) -> float:
        """How long the next lockout would last."""
        doubling = float(2 ** min(self._state.lockouts, 32))
        return min(self._lockout_s * doubling, self._max_lockout_s)

    def try_pin(self, pin: str) -> PinResult:
        """Check one PIN typed on the pad and update the lockout state."""
        if not self.enabled:
            return "disabled"
        if self.locked_for() > 0.0:
            return "locked"
        state = self._state
        if verify_pin(pin, self._stored):
            if state != LockState():
                log.info(
                    "admin PIN: correct after %d lockout(s); the count is reset", state.lockouts
                )
                self._state = LockState()
                self._save()
            return "ok"
        state.failures += 1
        if state.failures < self._max_attempts:
            log.warning(
                "admin PIN: a wrong PIN was entered (%d of %d before the pad locks)",
                state.failures,
                self._max_attempts,
            )
            self._save()
            return "wrong"
        lock_s = self.next_lockout_s()
        state.failures = 0
        state.lockouts = min(state.lockouts + 1, _MAX_LOCKOUTS)
        state.locked_until = self._clock() + lock_s
        state.lock_s = lock_s
        log.warning(
            "admin PIN: %d wrong PINs in a row; the pad is locked for %s (lockout %d since the "
            "last correct PIN; the next lasts %s)",
            self._max_attempts,
            _duration(lock_s),
            state.lockouts,
            _duration(self.next_lockout_s()),
        )
        self._save()
        return "locked"

    # -- the file in the data folder ----------------------------------------------------------
    def _load(self) -> LockState:
        if self._path is None:
            return LockState()

        try:
            state = LockState.from_json(
                read_small_file(self._path, _MAX_STATE_BYTES), self._max_attempts
            )
        except (FileNotFoundError, NotADirectoryError):  # no such file (or no such folder)
            return LockState()
        except (OSError, ValueError) as exc:
            why = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
            lock_s = self._lockout_s
            log.warning(
                "admin PIN: the lockout file %s cannot be used (%s); the pad is locked for %s "
                "to be safe",
                self._path,
                why[:160],
                _duration(lock_s),
            )
            state = LockState(0, 1, self._clock() + lock_s, lock_s)
            self._state = state
            self._save()
            return state
        if state.locked_until > 0.0 and state.locked_until > self._clock():
            log.info(
                "admin PIN: the pad is locked for another %s (lockout %d, from %s)",
                _duration(state.locked_until - self._clock()),
                state.lockouts,
                self._path,
            )
        return state

    def _save(self) -> None:
        if self._path is None:
            return
        try:
            atomic_write_text(self._path, self._state.to_json())
            self._warned = False
        except OSError as exc:
            if not self._warned:
                log.warning(
                    "admin PIN: the lockout cannot be saved in %s (%s); it is kept in memory "
                    "until the kiosk restarts",
                    self._path,
                    exc.strerror or exc,
                )
                self._warned = True
