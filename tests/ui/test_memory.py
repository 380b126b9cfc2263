"""Memory that must not grow: a visit, and a ``settle``, leave nothing behind.

The kiosk runs for months; benchmarks/soak.py once found RSS growing in a straight line with
every visit (docs/benchmarks.md, "Soak: the per-visit leak"). The metric here is the bytes
glibc's malloc has handed out and not had back (``mallinfo2``: in-use small blocks plus mmapped
ones): Qt's, QML's and Python's allocations all go through it, it does not count memory freed
but kept by the allocator (as RSS does), and it moves by the byte. Where it is missing (not
glibc, or glibc before 2.33) the tests are skipped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import statistics
import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtQml import QQmlApplicationEngine, QQmlExpression
from PySide6.QtQuick import QQuickWindow

from kiosk.ui.screens import numbered_shots
from kiosk.ui.tools.settle import settle


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _mallinfo2() -> Callable[[], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        function = libc.mallinfo2
    except (OSError, AttributeError):
        return None
    function.restype = _MallInfo2
    function.argtypes = []

    def in_use() -> int:
        info = function()
        return int(info.uordblks + info.hblkhd)

    return in_use


MALLOC_IN_USE = _mallinfo2()
needs_mallinfo2 = pytest.mark.skipif(
    MALLOC_IN_USE is None, reason="needs glibc's mallinfo2 (glibc 2.33 or later)"
)


def _in_use() -> int:
    assert MALLOC_IN_USE is not None
    gc.collect()
    return MALLOC_IN_USE()


@needs_mallinfo2
def test_settle_compiles_nothing_new_each_time(qapp: Any) -> None:
    """``settle`` asks QML whether an image is loading through one expression per window: a
    new QQmlExpression each time left its compiled code in the engine for good (2.6 KB a
    settle, 50 KB a visit of the soak)."""
    engine = QQmlApplicationEngine()
    engine.loadData(
        b"import QtQuick\nWindow { width: 200; height: 200; visible: true\n"
        b"  Repeater { model: 20; Rectangle { width: 5; height: 5 } } }"
    )
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    try:
        for _ in range(50):
            settle(window)
        before = _in_use()
        calls = 400
        for _ in range(calls):
            settle(window)
        growth = (_in_use() - before) / calls
        assert growth < 250, f"each settle keeps {growth:.0f} bytes"
        assert len(window.findChildren(QQmlExpression)) == 1
    finally:
        window.close()
        engine.deleteLater()


@pytest.mark.slow
@needs_mallinfo2
def test_visits_leave_no_memory_behind(make_shell: Any) -> None:
    """Whole visits, one after another: home, the next language, every screen and state the
    screenshots show (an advisory, an open event, the minute of silence, the idle prompt,
    contrast, large text), and the idle reset. After a warm-up, what malloc holds does not grow
    with the visits.

    Languages come round every ``len(codes)`` visits and each holds its own rows, so memory is
    read once per round, after QML's garbage is collected too; the median of the first three
    readings is compared with that of the last three, so one reading caught mid-way (a cache
    growing, a JS collection) decides nothing. The leak this guards against (a settle that
    compiled a new expression each time) kept 34 KB a visit here. What is left this early is
    caches still filling (glyphs at the large-text sizes above all): 2.8-5.6 KB a visit over
    nine runs, nothing after 150 visits (450 visits: +110 KB by the 150th, flat after). The
    bound, 16 KB, sits between the two: twice below the leak, three times above what is left."""
    shell = make_shell()
    window = shell.window
    codes = shell.content.locale_codes()
    assert len(codes) > 1
    shots = numbered_shots()

    def visit(number: int) -> None:
        shell.navigator.home()
        settle(window)
        shell.language.choose(codes[(number + 1) % len(codes)])
        settle(window)
        for _name, step in shots:
            step(shell)
            settle(window)
        shell.end_visit()
        settle(window)

    def reading() -> int:
        assert shell.engine is not None
        shell.engine.collectGarbage()
        settle(window)  # deferred deletes of what the collection freed
        return _in_use()

    warmup_rounds, measured_rounds = 5, 7
    visits = 0
    for _ in range(warmup_rounds * len(codes)):
        visit(visits)
        visits += 1
    readings = [reading()]
    for _ in range(measured_rounds):
        for _ in codes:
            visit(visits)
            visits += 1
        readings.append(reading())
    per_visit = (statistics.median(readings[-3:]) - statistics.median(readings[:3])) / (
        (measured_rounds - 2) * len(codes)
    )
    kb = [round((r - readings[0]) / 1024) for r in readings]
    assert per_visit < 16 * 1024, f"{per_visit / 1024:.1f} KB a visit (KB by round: {kb})"
