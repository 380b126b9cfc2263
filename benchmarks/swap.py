"""A bundle swap: how long it takes to check and adopt a new bundle, and how long the GUI
thread is blocked meanwhile; for the default exhibit and a 100,000-event bundle.

    .venv/bin/python benchmarks/swap.py [--repeats N] [--quick] [--display :N]

Each measurement is a fresh process (``--worker``) with a real window on a private Xvfb
(software scene graph), run interleaved with the others; one warm-up round is thrown away.

The kiosk worker builds what ``kiosk`` builds for unattended running, through the public
classes: ``BundleStore`` (its start-up choice adopts the first bundle), ``KioskShell`` on the
attract loop, a ``BundleWatcher`` on the configured (published) file with the app's default
debounce, and ``Operations``. A second bundle of the same size (differing only in its content
version) is published onto the configured path the way ``kiosk-content publish`` ends: a copy
beside it, then ``os.replace`` (this copy is the curator's side and is not timed). Then, after
one unmeasured warm-up swap, two swaps are measured:

* ``reload``: the admin screen's "Reload bundle" (``Operations.reload_now``): from the call
  until the new content's first frame is swapped (``ContentController.reloaded``, then the
  next ``frameSwapped``);
* ``publish``: nothing is called; the watcher notices the replaced file, waits for it to be
  steady (two looks a debounce apart, 2 s each by default), checks it, and the kiosk adopts
  and shows it: from ``os.replace`` to the new content's first frame. The debounce is policy,
  not work, so this latency is always above 4 s; its "blocked" figures are what matter.

Throughout, a ``QTimer`` (``Qt.PreciseTimer``, 5 ms) beats on the GUI thread; the longest gap
between beats is the longest time the GUI thread could not run (a frame or a touch would have
waited that long), and the sum of the gaps longer than 16.7 ms is how much of the swap ran on
the GUI thread. Whatever the code does (checks on the GUI thread today, in a thread once
that lands) is what is measured.

The floor: the bare window (benchmarks/floor.qml) with the same heartbeat, doing the least a
swap must do, off the GUI thread: copy the same file into a data folder (sha256 while copying,
fsync), then change its three texts and wait for the frame.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import _common as c  # benchmarks/ is on sys.path: Python puts the script's folder there

FRAME_MS = 1000 / 60


class Heartbeat:
    """A 5 ms precise timer on the GUI thread; gaps between beats are blocked time."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer  # noqa: PLC0415

        self.beats: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))
        self.timer.start()

    def window(self, start: float, end: float) -> dict[str, float]:
        stamps = [start, *[b for b in self.beats if start <= b <= end], end]
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]
        return {
            "max_gap_ms": max(gaps, default=0.0),
            "blocked_ms": sum(g for g in gaps if g > FRAME_MS),
        }


def _wait_until(predicate: Any, timeout_s: float) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: PLC0415

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    return True


def _publish(source: Path, configured: Path) -> None:
    """The end of ``kiosk-content publish``: a copy beside the target, then one rename."""
    partial = configured.with_name(f".{configured.name}.incoming")
    shutil.copyfile(source, partial)
    partial.replace(configured)


class FrameWatch:
    """perf_counter() of the first frameSwapped after ``arm()``."""

    def __init__(self, window: Any) -> None:
        self.at: float | None = None
        self.armed = False
        window.frameSwapped.connect(self._swapped)

    def arm(self) -> None:
        self.at, self.armed = None, True

    def _swapped(self) -> None:
        if self.armed:
            self.at, self.armed = time.perf_counter(), False


def kiosk_worker(first: Path, second: Path, data: Path) -> dict[str, Any]:
    from kiosk import paths  # noqa: PLC0415
    from kiosk.ops.bundles import BundleStore  # noqa: PLC0415
    from kiosk.ops.pin import PinGate  # noqa: PLC0415
    from kiosk.ops.watcher import BundleWatcher  # noqa: PLC0415
    from kiosk.ui.runtime.fonts import load_fonts  # noqa: PLC0415
    from kiosk.ui.runtime.operations import Operations  # noqa: PLC0415
    from kiosk.ui.runtime.shell import KioskShell, Timings  # noqa: PLC0415
    from kiosk.ui.tools.settle import settle  # noqa: PLC0415

    load_fonts(paths.fonts_dir())
    published = data / "published"
    published.mkdir(parents=True)
    configured = published / "exhibit.sqlite"
    _publish(first, configured)
    store = BundleStore(data)
    start, notes = store.startup_bundle(configured)
    if notes:
        return {"error": "; ".join(notes)}
    shell = KioskShell(data, Timings(idle_ms=3_600_000))
    if not shell.open_bundle(start):
        return {"error": shell.content.error_message()}
    watcher = BundleWatcher(configured, store, parent=shell)
    operations = Operations(shell, PinGate(""), store, None, configured=configured, watcher=watcher)
    window = shell.load()
    if window is None:
        return {"error": "Main.qml did not load"}
    window.showFullScreen()
    operations.start()
    settle(window)
    frames = FrameWatch(window)
    shown: list[float] = []
    failed: list[str] = []
    shell.content.reloaded.connect(lambda _p: shown.append(time.perf_counter()))
    shell.content.loadFailed.connect(failed.append)
    beat = Heartbeat()

    def swap(source: Path, how: str) -> dict[str, Any] | None:
        _wait_until(lambda: False, 0.3)  # quiet before
        before = len(shown)
        if how == "reload":
            _publish(source, configured)
            _wait_until(lambda: False, 0.1)
            t0 = time.perf_counter()
            operations.reload_now()
        else:
            t0 = time.perf_counter()
            _publish(source, configured)
        if not _wait_until(lambda: len(shown) > before or bool(failed), 600):
            return None
        if failed:
            return {"error": failed[-1]}
        frames.arm()
        window.update()
        _wait_until(lambda: frames.at is not None, 10)
        end = frames.at or time.perf_counter()
        _wait_until(lambda: False, 0.1)
        return {"ms": (end - t0) * 1000, **beat.window(t0, end)}

    swap(second, "reload")  # warm-up: first-time code paths, the page cache
    reload = swap(first, "reload")
    publish = swap(second, "publish")
    watcher.stop()
    shell.shutdown()
    if reload is None or publish is None:
        return {"error": "the new bundle was not shown within 600 s"}
    if "error" in reload or "error" in publish:
        return {"error": reload.get("error") or publish.get("error")}
    return {"reload": reload, "publish": publish}


def floor_worker(first: Path, second: Path, data: Path) -> dict[str, Any]:
    from _floor import floor_window  # noqa: PLC0415

    from kiosk.ui.tools.settle import settle  # noqa: PLC0415

    _engine, window = floor_window()
    window.show()
    settle(window)
    frames = FrameWatch(window)
    beat = Heartbeat()
    data.mkdir(parents=True, exist_ok=True)

    def copy(source: Path, done: list[str]) -> None:
        digest = hashlib.sha256()
        target = data / f"copy-{len(done)}.sqlite"
        with source.open("rb") as src, target.open("wb") as out:
            while chunk := src.read(1024 * 1024):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        done.append(digest.hexdigest())

    def swap(source: Path, label: str) -> dict[str, Any]:
        _wait_until(lambda: False, 0.3)
        done: list[str] = []
        t0 = time.perf_counter()
        thread = threading.Thread(target=copy, args=(source, done))
        thread.start()
        _wait_until(lambda: bool(done), 600)
        thread.join()
        window.setProperty("first", f"{label} {done[0][:12]}")
        frames.arm()
        _wait_until(lambda: frames.at is not None, 10)
        end = frames.at or time.perf_counter()
        _wait_until(lambda: False, 0.1)
        return {"ms": (end - t0) * 1000, **beat.window(t0, end)}

    swap(second, "warm-up")
    return {"reload": swap(first, "reload"), "publish": swap(second, "publish")}


def worker(kind: str, first: Path, second: Path) -> dict[str, Any]:
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - lives as long as the measurement
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-swap-") as tmp:
        data = Path(tmp) / "data"
        if kind == "floor":
            return floor_worker(first, second, data)
        return kiosk_worker(first, second, data)


def contender_bundles(quick: bool) -> dict[str, tuple[str, Path, Path]]:
    default = (c.default_variant(0), c.default_variant(1))
    out = {"floor-default": ("floor", *default), "kiosk-default": ("kiosk", *default)}
    if not quick:
        big = (c.synthetic_bundle(100_000, 0), c.synthetic_bundle(100_000, 1))
        out["floor-100k"] = ("floor", *big)
        out["kiosk-100k"] = ("kiosk", *big)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--quick", action="store_true", help="the default exhibit only, 1 round")
    parser.add_argument("--display", help="use this X display instead of a private Xvfb")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--bundles", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        c.emit_result(worker(args.worker, *args.bundles))
        return 0

    repeats = 1 if args.quick else args.repeats
    c.header("bundle swap: check, adopt, show; the GUI thread's longest block")
    bundles = contender_bundles(args.quick)
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-swap-") as tmp,
        c.ensure_display(args.display) as display,
    ):
        env = c.qt_env(display, Path(tmp))

        def run(name: str) -> dict[str, Any] | None:
            kind, first, second = bundles[name]
            argv = [sys.executable, __file__, "--worker", kind, "--bundles", str(first)]
            result = c.run_worker([*argv, str(second)], env, timeout_s=1800)
            if result is not None and "error" in result:
                print(f"  {name}: {result['error']}", file=sys.stderr)
                return None
            return result

        results = c.interleaved(list(bundles), run, repeats, warmup=0 if args.quick else 1)

    rows = []
    for how in ("reload", "publish"):
        for name, runs in results.items():
            size = name.split("-", 1)[1]
            floor = results.get(f"floor-{size}", [])
            ms = [r[how]["ms"] for r in runs]
            gap = [r[how]["max_gap_ms"] for r in runs]
            blocked = [r[how]["blocked_ms"] for r in runs]
            rows.append(
                [
                    how,
                    name,
                    len(runs),
                    c.spread(ms),
                    # publish waits out the watcher's debounce: no ratio for that latency
                    c.ratio(c.median(ms), c.median([r[how]["ms"] for r in floor]))
                    if how == "reload"
                    else "-",
                    c.spread(gap),
                    c.ratio(c.median(gap), c.median([r[how]["max_gap_ms"] for r in floor])),
                    c.spread(blocked),
                ]
            )
    print(
        c.table(
            [
                "path",
                "contender",
                "runs",
                "to new frame ms",
                "/ floor",
                "longest GUI block ms",
                "/ floor",
                "GUI blocked > 16.7 ms, total ms",
            ],
            rows,
        )
    )
    sizes = {n: c.event_count(b[1]) for n, b in bundles.items()}
    print("events: " + ", ".join(f"{n} {v:,}" for n, v in sizes.items()))
    print("goal (issue 19): the GUI thread never blocks more than one frame (16.7 ms) on I/O")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
