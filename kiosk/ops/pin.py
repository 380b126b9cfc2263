"""The admin PIN: a salted scrypt hash in the configuration, and a pad that locks out guessing.

The stored form is self-describing, ``scrypt$<n>$<r>$<p>$<salt_b64>$<hash_b64>``, so the cost
parameters can be raised later without breaking PINs already set. The PIN itself is never stored
and never logged.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

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
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)


def hash_pin(pin: str) -> str:
    """Hash ``pin`` with a fresh random salt; returns ``scrypt$n$r$p$salt_b64$hash_b64``."""
    if not pin:
        raise ValueError("an empty PIN cannot be hashed")
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
    return hmac.compare_digest(candidate, parsed.digest)


class PinGate:
    """The PIN pad's rules: a correct PIN opens; ``max_attempts`` wrong ones lock it for a while.

    ``try_pin`` returns ``"ok"``, ``"wrong"`` (attempts remain), ``"locked"`` (the pad is locked,
    including on the wrong attempt that locked it; the PIN is not even checked while locked) or
    ``"disabled"`` (no usable PIN hash is configured: the admin screen cannot be opened by PIN;
    show ``NO_PIN_MESSAGE``). Time comes from ``clock`` (monotonic seconds) so tests need no sleep.
    """

    def __init__(
        self,
        stored_hash: str,
        clock: Callable[[], float] = time.monotonic,
        max_attempts: int = 5,
        lockout_s: float = 300.0,
    ) -> None:
        self._stored = stored_hash.strip()
        self._clock = clock
        self._max_attempts = max(1, max_attempts)
        self._lockout_s = max(0.0, lockout_s)
        self._failures = 0
        self._locked_until: float | None = None

    @property
    def enabled(self) -> bool:
        """Whether a well-formed PIN hash is configured at all."""
        return parse_hash(self._stored) is not None

    @property
    def attempts_left(self) -> int:
        """Wrong PINs still allowed before the pad locks (the full count again after a lockout)."""
        self._expire_lock()
        if self._locked_until is not None:
            return 0
        return self._max_attempts - self._failures

    def locked_for(self) -> float:
        """Seconds until the pad unlocks; 0.0 when it is not locked."""
        self._expire_lock()
        if self._locked_until is None:
            return 0.0
        return max(0.0, self._locked_until - self._clock())

    def try_pin(self, pin: str) -> PinResult:
        """Check one PIN typed on the pad and update the lockout state."""
        if not self.enabled:
            return "disabled"
        if self.locked_for() > 0.0:
            return "locked"
        if verify_pin(pin, self._stored):
            self._failures = 0
            return "ok"
        self._failures += 1
        if self._failures >= self._max_attempts:
            self._locked_until = self._clock() + self._lockout_s
            return "locked"
        return "wrong"

    def _expire_lock(self) -> None:
        if self._locked_until is not None and self._clock() >= self._locked_until:
            self._locked_until = None
            self._failures = 0
