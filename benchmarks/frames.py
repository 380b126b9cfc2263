"""Frame times while flicking: the timeline at 10 and at 100,000 events, the names wall, the floor.

    .venv/bin/python benchmarks/frames.py [--repeats N] [--quick] [--display :N]

Each measurement is a fresh process (``--worker``) with a real window on a private Xvfb at
1920x1080 (software scene graph, no window manager), so contenders never share a window or a
heap; the parent runs them interleaved, one warm-up round thrown away.

In the worker: the kiosk's own ``KioskShell`` (as ``kiosk`` builds it, fonts loaded, window
shown fullscreen) is opened on the bundle and taken to the timeline; the floor is
benchmarks/floor.qml (three texts in a Flickable). Then a finger (QTest's touch device)
swipes the view ``--swipes`` times, alternately forward and back (three each way), 900 px (or
80 % of the view, if that is less) in 150 ms, and lifts: the view drags, then flies on with its
own inertia. Every ``frameSwapped`` of the window is timestamped from the press until the view
has stopped moving; the figures are the intervals between consecutive swapped frames
(p50/p95/p99, and the share of frames longer than 2 x 16.7 ms), pooled over the swipes of one
run, then the median over runs. The harness's own Python per frame is one list append in a
frameSwapped slot, the same for every contender.

The names wall: a contender looks for a view named ``namesWall`` (the names wall, being
built), else the names list the memorial screen already has (``peopleList``, reached with
the ``showNames`` button), on a bundle with 100,000 placeholder names; when neither exists
it reports a skip.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c  # benchmarks/ is on sys.path: Python puts the script's folder there

NAMES_VIEWS = ("namesWall", "peopleList")  # the names wall once it exists, else today's list
SWIPE_PX = 900
SWIPE_MS = 150
SWIPE_STEPS = 10
FRAME_MS = 1000 / 60


# == the worker (one process, one contender) =====================================================
def _wait(ms: int) -> None:
    from PySide6.QtTest import QTest  # noqa: PLC0415

    QTest.qWait(ms)


def _setup_floor() -> tuple[Any, Any, Any]:
    from _floor import floor_window  # noqa: PLC0415

    from kiosk.ui.tools.settle import find_item, settle  # noqa: PLC0415

    engine, window = floor_window()
    window.show()
    settle(window)
    return engine, window, find_item(window, "floorFlick")


def _setup_kiosk(bundle: Path, data: Path, target: str) -> tuple[Any, Any, Any] | str:
    from kiosk import paths  # noqa: PLC0415
    from kiosk.ui.runtime.fonts import load_fonts  # noqa: PLC0415
    from kiosk.ui.runtime.shell import KioskShell, Timings  # noqa: PLC0415
    from kiosk.ui.tools.settle import settle  # noqa: PLC0415

    load_fonts(paths.fonts_dir())
    # Production timings, except that no idle prompt may interrupt the measurement.
    shell = KioskShell(data, Timings(idle_ms=3_600_000))
    if not shell.open_bundle(bundle):
        return f"the bundle could not be opened: {shell.content.error_message()}"
    window = shell.load()
    if window is None:
        return "Main.qml did not load"
    window.showFullScreen()
    settle(window)
    if target == "timeline":
        shell.navigator.go("timeline")
        settle(window)
        view = c.find_shown(window, "timelineList")
        _wait(600)  # the cross-fade ends before the first swipe
        return shell, window, view
    # The names: a screen of their own once the names wall exists, else the memorial's list.
    if "names" in shell.navigator.property("screens"):
        shell.navigator.go("names")
    else:
        shell.navigator.go("memorial")
        settle(window)
        button = c.find_shown(window, "showNames")
        if button is not None:
            _tap(window, button)
    settle(window)
    _wait(600)  # the cross-fade
    for name in NAMES_VIEWS:
        view = c.find_shown(window, name, timeout_s=0.5)
        if view is not None:
            _wait(600)  # the names' own fade-in, if any
            return shell, window, view
    return "no names wall yet (no visible item named " + " or ".join(NAMES_VIEWS) + ")"


_DEVICE: list[Any] = []


def _device() -> Any:
    from PySide6.QtTest import QTest  # noqa: PLC0415

    if not _DEVICE:
        _DEVICE.append(QTest.createTouchDevice())
    return _DEVICE[0]


def _center(item: Any) -> Any:
    from PySide6.QtCore import QPoint, QPointF  # noqa: PLC0415

    p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return QPoint(round(p.x()), round(p.y()))


def _tap(window: Any, item: Any) -> None:
    from PySide6.QtTest import QTest  # noqa: PLC0415

    point = _center(item)
    QTest.touchEvent(window, _device(), False).press(0, point, window).commit()
    QTest.touchEvent(window, _device(), False).release(0, point, window).commit()


def _swipe(window: Any, view: Any, direction: int, vertical: bool) -> None:
    """A finger's swipe across the middle of ``view``: press, 10 moves over 150 ms, lift."""
    from PySide6.QtCore import QPoint  # noqa: PLC0415
    from PySide6.QtTest import QTest  # noqa: PLC0415

    middle = _center(view)
    extent = view.height() if vertical else view.width()
    half = int(min(SWIPE_PX, 0.8 * extent)) // 2 * direction
    if vertical:
        start, end = QPoint(middle.x(), middle.y() + half), QPoint(middle.x(), middle.y() - half)
    else:
        start, end = QPoint(middle.x() + half, middle.y()), QPoint(middle.x() - half, middle.y())
    device = _device()
    QTest.touchEvent(window, device, False).press(0, start, window).commit()
    for i in range(1, SWIPE_STEPS + 1):
        QTest.qWait(SWIPE_MS // SWIPE_STEPS)
        p = QPoint(
            start.x() + (end.x() - start.x()) * i // SWIPE_STEPS,
            start.y() + (end.y() - start.y()) * i // SWIPE_STEPS,
        )
        QTest.touchEvent(window, device, False).move(0, p, window).commit()
    QTest.touchEvent(window, device, False).release(0, end, window).commit()


def _until_still(view: Any, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while view.property("moving") and time.monotonic() < deadline:
        _wait(5)


def worker(kind: str, bundle: Path | None, swipes: int) -> dict[str, Any]:
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - lives as long as the measurement
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-frames-") as tmp:
        if kind == "floor":
            setup: tuple[Any, Any, Any] | str = _setup_floor()
        else:
            assert bundle is not None
            setup = _setup_kiosk(bundle, Path(tmp) / "data", kind)
        if isinstance(setup, str):
            return {"skipped": setup}
        _owner, window, view = setup
        if view is None:
            return {"skipped": "no view to flick"}
        vertical = view.property("contentHeight") > view.property("height") + 1 and not (
            view.property("contentWidth") > view.property("width") + 1
        )
        stamps: list[float] = []
        window.frameSwapped.connect(lambda: stamps.append(time.perf_counter()))
        intervals: list[float] = []
        start_pos = view.property("contentY" if vertical else "contentX")
        for n in range(swipes):
            direction = 1 if (n // 3) % 2 == 0 else -1
            _wait(100)  # let the last frame of the previous swipe go by
            stamps.clear()
            _swipe(window, view, direction, vertical)
            _until_still(view)
            intervals += [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]
        moved = view.property("contentY" if vertical else "contentX") != start_pos or swipes > 1
        count = view.property("count")
        result = {
            "frames": len(intervals),
            "p50": c.percentile(intervals, 50),
            "p95": c.percentile(intervals, 95),
            "p99": c.percentile(intervals, 99),
            "max": max(intervals, default=float("nan")),
            "long_share": (
                sum(1 for i in intervals if i > 2 * FRAME_MS) / len(intervals) if intervals else 0
            ),
            "view": view.objectName(),
            "rows": count if count is not None else 0,
            "moved": bool(moved),
        }
        if kind != "floor":
            with contextlib.suppress(Exception):
                _owner.shutdown()
        return result


# == the parent ==================================================================================
def contender_bundles(quick: bool, names: bool) -> dict[str, tuple[str, Path | None]]:
    out: dict[str, tuple[str, Path | None]] = {
        "floor": ("floor", None),
        "timeline-10": ("timeline", c.synthetic_bundle(10)),
    }
    if not quick:
        out["timeline-100k"] = ("timeline", c.synthetic_bundle(100_000))
        if names:
            out["names-100k"] = ("names", c.synthetic_bundle(0, people=100_000))
    return out


def _view(run: dict[str, Any]) -> str:
    return f"{run['view']} ({run['rows']:,} rows)" if run["rows"] else run["view"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--swipes", type=int, default=12, help="swipes per run (default 12)")
    parser.add_argument("--quick", action="store_true", help="floor and 10 events, 1 round")
    parser.add_argument("--no-names", action="store_true", help="leave out the names wall")
    parser.add_argument("--display", help="use this X display instead of a private Xvfb")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--bundle", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        c.emit_result(worker(args.worker, args.bundle, args.swipes))
        return 0

    repeats = 1 if args.quick else args.repeats
    swipes = 6 if args.quick else args.swipes
    c.header("frame times while flicking")
    bundles = contender_bundles(args.quick, not args.no_names)
    skipped: dict[str, str] = {}
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-frames-") as tmp,
        c.ensure_display(args.display) as display,
    ):
        env = c.qt_env(display, Path(tmp))

        def run(name: str) -> dict[str, Any] | None:
            if name in skipped:
                return None
            kind, bundle = bundles[name]
            argv = [sys.executable, __file__, "--worker", kind, "--swipes", str(swipes)]
            if bundle is not None:
                argv += ["--bundle", str(bundle)]
            result = c.run_worker(argv, env)
            if result is not None and "skipped" in result:
                skipped[name] = result["skipped"]
                return None
            return result

        results = c.interleaved(list(bundles), run, repeats, warmup=0 if args.quick else 1)

    floor_p95 = c.median([r["p95"] for r in results.get("floor", [])])
    ten_p95 = c.median([r["p95"] for r in results.get("timeline-10", [])])
    rows = []
    for name, runs in results.items():
        if not runs:
            continue
        p95 = c.median([r["p95"] for r in runs])
        rows.append(
            [
                name,
                f"{runs[0]['view']} ({runs[0]['rows']:,} rows)"
                if runs[0]["rows"]
                else "floorFlick",
                len(runs),
                round(c.median([r["frames"] for r in runs])),
                c.spread([r["p50"] for r in runs], "{:.1f}"),
                c.spread([r["p95"] for r in runs], "{:.1f}"),
                c.spread([r["p99"] for r in runs], "{:.1f}"),
                f"{100 * c.median([r['long_share'] for r in runs]):.0f} %",
                c.ratio(p95, floor_p95),
                c.ratio(p95, ten_p95) if name != "floor" else "",
            ]
        )
    print(
        c.table(
            [
                "contender",
                "view",
                "runs",
                "frames/run",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "frames > 33 ms",
                "p95 / floor",
                "p95 / 10 events",
            ],
            rows,
        )
    )
    for name, why in skipped.items():
        print(f"{name}: skipped: {why}")
    print("goal (issue 19): flick p95 at 100,000 events within 1.20x of the 10-event figure")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
