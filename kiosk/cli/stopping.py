"""How ``kiosk`` ends: its exit codes, and SIGTERM or SIGINT while it starts.

SIGTERM and SIGINT end the program with exit code 0 from the first line of ``main`` to the last:
``main`` first installs handlers that only record the request (``STOP``, a ``StopRequest``);
each start-up stage (``checkpoint``) returns early when one came; once Qt's event loop exists,
``kiosk.ui.runtime.lockdown.quit_on_signals`` takes over and honours a request that came before it.

Tests only: with ``KIOSK_TEST_STAGE_HOOK`` set the kiosk prints ``kiosk-stage NAME`` on stderr
at each stage, and waits for a line on stdin at the stage it names (tests/test_signals.py).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.ui.runtime.shell import KioskShell

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# Tests only: print "kiosk-stage NAME" on stderr at each start-up stage, and at the stage this
# variable names, wait for one line on stdin (so a test can signal at exactly that stage).
STAGE_HOOK_ENV = "KIOSK_TEST_STAGE_HOOK"
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def say(message: str) -> None:
    """One line for the technician, on stderr (stdout when there is none)."""
    stream = sys.stderr if sys.stderr is not None else sys.stdout
    if stream is not None:
        print(message, file=stream)


class StopRequest:
    """SIGTERM or SIGINT during start-up: recorded, never raised.

    The default handlers kill the process (SIGTERM, exit -15) or raise KeyboardInterrupt
    wherever Python happens to be (inside PySide6's import: "Fatal Python error:
    libshiboken/signature"; inside a Qt callback: printed and swallowed). This handler only
    notes the signal; Python runs it between bytecodes, so the next ``checkpoint`` sees it.
    """

    def __init__(self) -> None:
        self.signum = 0
        self.interrupt = False  # while True, a signal also ends a blocking read (--set-pin)
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        self.signum, self.interrupt = 0, False
        for signum in _STOP_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._note)

    def restore(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _note(self, signum: int, _frame: object) -> None:
        self.signum = self.signum or signum
        if self.interrupt:
            raise KeyboardInterrupt

    @property
    def requested(self) -> bool:
        return self.signum != 0


STOP = StopRequest()


def announce(stage: str) -> bool:
    """Tests only: say which stage is reached; True when the test wants to pause there."""
    hook = os.environ.get(STAGE_HOOK_ENV)
    if hook:
        say(f"kiosk-stage {stage}")
    return hook == stage


def checkpoint(stage: str, shell: KioskShell | None = None) -> bool:
    """A start-up stage is reached: True when a stop was requested (the caller returns 0).

    ``shell``, once built, is shut down first (its QML must go before its controllers).
    """
    if announce(stage) and sys.stdin is not None:
        sys.stdin.readline()
    if not STOP.requested:
        return False
    say(f"kiosk: {signal.Signals(STOP.signum).name} while starting ({stage}); stopping")
    if shell is not None:
        shell.shutdown()
    return True


def interruptible(read: Callable[[str], str]) -> Callable[[str], str]:
    """``read``, ended by SIGTERM or SIGINT (as KeyboardInterrupt) instead of waiting on."""

    def wrapped(prompt: str) -> str:
        STOP.interrupt = True
        try:
            if STOP.requested:
                raise KeyboardInterrupt
            announce("pin")
            return read(prompt)
        finally:
            STOP.interrupt = False

    return wrapped
