"""``kiosk --self-test`` and ``kiosk --screenshots``: the kiosk's runs without a visitor.

Both run on machines without a display (CI, over SSH): ``headless_defaults`` picks Qt's
offscreen platform and software renderer unless the environment chose. A bundle that cannot
be shown is one line on stderr, never a traceback. ``parse_size`` reads ``--size``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.stopping import EXIT_FAILED, EXIT_OK, EXIT_USAGE, checkpoint, say

if TYPE_CHECKING:
    from PySide6.QtCore import QSize

    from kiosk.ui.runtime.shell import KioskShell

log = logging.getLogger("kiosk")

# --screenshots --size WxH
_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*$")
MIN_SIDE, MAX_SIDE = 320, 8192


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` -> (1920, 1080); ValueError with a message a technician can act on."""
    match = _SIZE.match(text or "")
    if not match:
        raise ValueError(f"--size {text!r}: write it as WIDTHxHEIGHT, for example 1920x1080")
    w, h = int(match.group(1)), int(match.group(2))
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise ValueError(f"--size {text!r}: each side must be between {MIN_SIDE} and {MAX_SIDE}")
    return w, h


def headless_defaults() -> None:
    # Screenshots and the self-test run on machines without a display (CI, over SSH).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")


def one_line(text: str, limit: int = 500) -> str:
    """A message from a bundle, made one line of a readable length."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


def unreadable_bundle(bundle: Path) -> str:
    """Why ``bundle`` cannot be shown (type and size before opening, then readable), or ""."""
    from kiosk.content.reader import BundleError, check_readable  # noqa: PLC0415
    from kiosk.ops.bundles import precheck  # noqa: PLC0415

    problem = precheck(bundle)
    if problem:
        return problem
    try:
        check_readable(bundle)
    except BundleError as exc:
        return str(exc)
    except Exception as exc:  # a damaged file gives a message, never a traceback
        log.debug("reading %s failed", bundle, exc_info=True)
        return f"{bundle}: cannot be read as a bundle ({type(exc).__name__}: {exc})"
    return ""


def self_test_command(bundle: Path, folder: Path) -> int:
    """``--self-test``: check the bundle, screens and fonts; print the report as JSON."""
    headless_defaults()
    from kiosk.ui.tools.selftest import bundle_problem, run_self_test  # noqa: PLC0415

    report = run_self_test(bundle, folder)
    if checkpoint("self-test"):
        return EXIT_OK
    if sys.stdout is not None:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    problem = bundle_problem(report)
    if problem:
        say(f"kiosk: the bundle failed the self-test: {one_line(problem)}")
    return EXIT_OK if report["ok"] else EXIT_FAILED


def screenshots_command(shell: KioskShell, bundle: Path, lang: str, out: Path, size: QSize) -> int:
    """``--screenshots``: one PNG per screen of ``bundle`` at ``size``, their paths printed."""
    from kiosk.ui.tools.screenshots import take_screenshots  # noqa: PLC0415

    if not shell.open_bundle(bundle, lang):
        say(f"kiosk: cannot show this bundle: {shell.content.error_message()}")
        return EXIT_USAGE
    if lang and lang not in shell.content.locale_codes():
        log.warning(
            "--lang %s: the bundle has %s; showing %s",
            lang,
            ", ".join(shell.content.locale_codes()),
            shell.content.locale_code(),
        )
    if shell.load() is None:
        say("kiosk: the screens could not be loaded (see the log)")
        return EXIT_FAILED
    try:
        written = take_screenshots(shell, out, size)
    except OSError as exc:
        say(f"kiosk: {exc}")
        return EXIT_FAILED
    if sys.stdout is not None:
        for path in written:
            print(path)
    shell.shutdown()
    return EXIT_OK
