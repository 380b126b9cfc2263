"""A soak: scripted visits (taps, swipes, language changes, idle resets), with RSS, Python
objects and QObjects sampled after every idle reset; the growth per thousand interactions.

    .venv/bin/python benchmarks/soak.py [--interactions 20000] [--quick] [--display :N]

Two workers run side by side on one private Xvfb (1920x1080, software scene graph), so the
same machine noise hits both: the kiosk, and the floor (benchmarks/floor.qml) put through the
same number of interactions (taps, swipes of its Flickable, its three texts set in another
language, a reset that scrolls back and restores them).

The kiosk worker builds what ``kiosk`` builds (``KioskShell`` with ``Operations``, statistics
on, a data folder of its own) on the default exhibit (``--bundle`` for another) and plays
visits with QTest's touch device, each step one interaction: touch the attract loop; choose
the next language; History, next, next, swipe; Home; Timeline, swipe, swipe, tap a card,
close it; Home; Numbers, swipe up; Home; Memorial, light the candle; Home; and the end of the
visit, ``KioskShell.end_visit()`` (the idle timeout's own reset, without waiting 100 s).
Fades and the flame are off (``Timings(animate=False)``, as in the screenshots) unless
``--motion`` is given: with them, every screen change waits out a 450 ms cross-fade.
A step whose button is not on screen is counted as missed (and reported), never faked.

After each reset (and ``settle``): RSS (/proc/self/statm) is read; then ``gc.collect()``,
``len(gc.get_objects())``, and the QObjects reachable from the shell, the engine and the window
(``findChildren`` plus the visual tree, deduplicated). The first ``--warmup`` share of the
interactions (default 10 %) is left out; the growth is the least-squares slope over the rest,
per 1,000 interactions, and as a share of the RSS at the end of the warm-up over the whole run.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c  # benchmarks/ is on sys.path: Python puts the script's folder there


# == the worker ==================================================================================
class Finger:
    """Taps and swipes through QTest's touch device, then lets the window settle."""

    def __init__(self, window: Any) -> None:
        from PySide6.QtTest import QTest  # noqa: PLC0415

        self.window = window
        self.device = QTest.createTouchDevice()
        self.missed: dict[str, int] = {}

    def _settle(self) -> None:
        from kiosk.ui.tools.settle import settle  # noqa: PLC0415

        settle(self.window)

    def _center(self, item: Any) -> Any:
        from PySide6.QtCore import QPoint, QPointF  # noqa: PLC0415

        p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        return QPoint(round(p.x()), round(p.y()))

    def find(self, name: str, timeout_s: float = 2.0) -> Any:
        return c.find_shown(self.window, name, timeout_s)

    def tap_point(self, point: Any) -> None:
        from PySide6.QtTest import QTest  # noqa: PLC0415

        QTest.touchEvent(self.window, self.device, False).press(0, point, self.window).commit()
        QTest.touchEvent(self.window, self.device, False).release(0, point, self.window).commit()
        self._settle()

    def tap(self, name: str) -> bool:
        item = self.find(name)
        if item is None:
            self.missed[name] = self.missed.get(name, 0) + 1
            return False
        self.tap_point(self._center(item))
        return True

    def swipe(self, name: str, vertical: bool = False) -> bool:
        from PySide6.QtCore import QPoint  # noqa: PLC0415
        from PySide6.QtTest import QTest  # noqa: PLC0415

        item = self.find(name)
        if item is None:
            self.missed[name] = self.missed.get(name, 0) + 1
            return False
        mid = self._center(item)
        half = int(min(item.height() if vertical else item.width(), 800) * 0.4)
        start = QPoint(mid.x(), mid.y() + half) if vertical else QPoint(mid.x() + half, mid.y())
        end = QPoint(mid.x(), mid.y() - half) if vertical else QPoint(mid.x() - half, mid.y())
        w = self.window
        QTest.touchEvent(w, self.device, False).press(0, start, w).commit()
        for i in range(1, 7):
            QTest.qWait(8)
            p = QPoint(
                start.x() + (end.x() - start.x()) * i // 6,
                start.y() + (end.y() - start.y()) * i // 6,
            )
            QTest.touchEvent(w, self.device, False).move(0, p, w).commit()
        QTest.touchEvent(w, self.device, False).release(0, end, w).commit()
        self._settle()
        return True


def count_qobjects(*roots: Any) -> int:
    import shiboken6  # noqa: PLC0415
    from PySide6.QtCore import QObject  # noqa: PLC0415

    from kiosk.ui.tools.settle import iter_items  # noqa: PLC0415

    seen: set[int] = set()
    for root in roots:
        if root is None or not shiboken6.isValid(root):
            continue
        seen.add(shiboken6.getCppPointer(root)[0])
        for child in root.findChildren(QObject):
            seen.add(shiboken6.getCppPointer(child)[0])
        content = getattr(root, "contentItem", None)
        if callable(content):
            for item in iter_items(content()):
                seen.add(shiboken6.getCppPointer(item)[0])
    return len(seen)


def sample(done: int, roots: tuple[Any, ...]) -> dict[str, int]:
    rss = c.rss_self()
    gc.collect()
    py = len(gc.get_objects())
    return {"i": done, "rss": rss, "py": py, "qt": count_qobjects(*roots)}


PARTS = ("language", "history", "timeline", "numbers", "memorial")


def kiosk_visit(shell: Any, finger: Finger, visit: int, skip: frozenset[str] = frozenset()) -> int:
    """One scripted visit; returns how many interactions it made. ``skip`` leaves parts out
    (to find which part of a visit a growth comes from)."""
    steps = 0
    w = shell.window

    def step(ok: object = True) -> None:
        nonlocal steps
        steps += 1

    step(finger.tap_point(finger._center(w.contentItem())))  # wake the attract loop
    codes = shell.content.locale_codes()
    if len(codes) > 1 and "language" not in skip:
        step(finger.tap(f"language_{codes[(visit + 1) % len(codes)]}"))
    if "history" not in skip:
        step(finger.tap("tileHistory"))
        step(finger.tap("historyNext"))
        step(finger.tap("historyNext"))
        step(finger.swipe("historyPages"))
        step(finger.tap("homeButton"))
    if "timeline" not in skip:
        step(finger.tap("tileTimeline"))
        step(finger.swipe("timelineList"))
        step(finger.swipe("timelineList"))
        step(finger.tap("timelineList"))  # the card in the middle opens
        if finger.find("eventClose", timeout_s=0.6) is not None:
            step(finger.tap("eventClose"))
        step(finger.tap("homeButton"))
    if "numbers" not in skip:
        step(finger.tap("tileNumbers"))
        step(finger.swipe("readingFlick", vertical=True))  # the figures scroll up and down
        step(finger.tap("homeButton"))
    if "memorial" not in skip:
        step(finger.tap("tileMemorial"))
        step(finger.tap("candleLight"))
        step(finger.tap("homeButton"))
    shell.end_visit()  # the idle timeout's reset
    finger._settle()
    step()
    return steps


def kiosk_worker(
    bundle: Path, data: Path, total: int, every: int, opts: argparse.Namespace
) -> dict[str, Any]:
    from kiosk import paths  # noqa: PLC0415
    from kiosk.ops.bundles import BundleStore  # noqa: PLC0415
    from kiosk.ops.pin import PinGate  # noqa: PLC0415
    from kiosk.ops.stats import StatsStore  # noqa: PLC0415
    from kiosk.ui.runtime.fonts import load_fonts  # noqa: PLC0415
    from kiosk.ui.runtime.operations import Operations  # noqa: PLC0415
    from kiosk.ui.runtime.shell import KioskShell, Timings  # noqa: PLC0415
    from kiosk.ui.tools.settle import settle  # noqa: PLC0415

    load_fonts(paths.fonts_dir())
    store = BundleStore(data)
    start, _notes = store.startup_bundle(bundle)
    shell = KioskShell(data, Timings(idle_ms=3_600_000, animate=opts.motion))
    if not shell.open_bundle(start):
        return {"error": shell.content.error_message()}
    stats = StatsStore(data / "stats.sqlite", 365, 50, enabled=True)
    operations = Operations(shell, PinGate(""), store, stats, configured=bundle)
    window = shell.load()
    if window is None:
        return {"error": "Main.qml did not load"}
    window.showFullScreen()
    window.setProperty("admin", operations.admin)  # as kiosk.cli.kiosk does after the first frame
    operations.start()
    settle(window)
    finger = Finger(window)
    roots = (shell, shell.engine, window)
    samples = [sample(0, roots)]
    done, visit, started = 0, 0, time.monotonic()
    next_report = every
    while done < total:
        done += kiosk_visit(shell, finger, visit, frozenset(opts.skip or ()))
        visit += 1
        # Diagnostics (off by default): is the growth garbage the QML engine has not collected
        # yet, or memory malloc keeps after it was freed?
        if opts.qml_gc and shell.engine is not None:
            shell.engine.collectGarbage()
            finger._settle()
        if opts.malloc_trim:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        samples.append(sample(done, roots))
        if done >= next_report:
            next_report += every
            rate = done / (time.monotonic() - started)
            print(
                f"  kiosk: {done:,} interactions, RSS {samples[-1]['rss'] / c.MB:.1f} MB, "
                f"{samples[-1]['py']:,} Python objects, {samples[-1]['qt']:,} QObjects "
                f"({rate:.0f}/s)",
                file=sys.stderr,
                flush=True,
            )
    stats.close()
    shell.shutdown()
    return {"samples": samples, "missed": finger.missed, "visits": visit}


def floor_worker(total: int, every: int) -> dict[str, Any]:
    from _floor import floor_window  # noqa: PLC0415
    from language import FLOOR_TEXTS  # noqa: PLC0415

    from kiosk.ui.tools.settle import settle  # noqa: PLC0415

    engine, window = floor_window()
    window.show()
    settle(window)
    finger = Finger(window)
    flick = finger.find("floorFlick")
    roots = (engine, window)
    samples = [sample(0, roots)]
    codes = list(FLOOR_TEXTS)
    done, visit, started = 0, 0, time.monotonic()
    next_report = every
    while done < total:
        # As many interactions as a kiosk visit: 10 taps, 5 swipes, a language, a reset.
        for n in range(19):
            if n % 4 == 1:
                finger.swipe("floorFlick")
            elif n == 2:
                for prop, text in zip(
                    ("first", "second", "third"), FLOOR_TEXTS[codes[visit % 3]], strict=True
                ):
                    window.setProperty(prop, text)
                settle(window)
            else:
                finger.tap_point(finger._center(window.contentItem()))
        flick.setProperty("contentX", 0)
        for prop, text in zip(("first", "second", "third"), FLOOR_TEXTS["en"], strict=True):
            window.setProperty(prop, text)
        settle(window)
        done += 20
        visit += 1
        samples.append(sample(done, roots))
        if done >= next_report:
            next_report += every
            rate = done / (time.monotonic() - started)
            print(
                f"  floor: {done:,} interactions, RSS {samples[-1]['rss'] / c.MB:.1f} MB "
                f"({rate:.0f}/s)",
                file=sys.stderr,
                flush=True,
            )
    return {"samples": samples, "missed": finger.missed, "visits": visit}


def worker(
    kind: str, bundle: Path | None, total: int, every: int, opts: argparse.Namespace
) -> dict[str, Any]:
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - lives as long as the soak
    if kind == "floor":
        return floor_worker(total, every)
    assert bundle is not None
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-soak-") as tmp:
        return kiosk_worker(bundle, Path(tmp) / "data", total, every, opts)


# == the figures =================================================================================
def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of y over x."""
    n = len(points)
    if n < 2:
        return float("nan")
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else float("nan")


def summarise(name: str, result: dict[str, Any], warmup: float) -> list[Any]:
    samples = result["samples"]
    last = samples[-1]["i"]
    kept = [s for s in samples if s["i"] >= warmup * last] or samples[-2:]
    base, end = kept[0], kept[-1]
    span = max(1, end["i"] - base["i"])
    rss_slope = slope([(s["i"], s["rss"]) for s in kept]) * 1000  # bytes per 1000 interactions
    py_vals = [s["py"] for s in kept]
    qt_vals = [s["qt"] for s in kept]
    qt_changes = sum(1 for a, b in itertools.pairwise(qt_vals) if a != b)
    py_changes = sum(1 for a, b in itertools.pairwise(py_vals) if a != b)
    return [
        name,
        f"{last:,} ({result['visits']:,} visits)",
        f"{base['rss'] / c.MB:.1f} -> {end['rss'] / c.MB:.1f}",
        f"{rss_slope / 1000:+.1f} KB",
        f"{100 * rss_slope * span / 1000 / base['rss']:+.2f} %",
        f"{min(py_vals):,}-{max(py_vals):,} ({py_changes} of {len(py_vals) - 1} resets changed it;"
        f" slope {slope([(s['i'], s['py']) for s in kept]) * 1000:+.1f}/1000)",
        f"{min(qt_vals):,}-{max(qt_vals):,} ({qt_changes} of {len(qt_vals) - 1} resets changed it)",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=20_000, help="default 20,000")
    parser.add_argument("--quick", action="store_true", help="400 interactions")
    parser.add_argument("--warmup", type=float, default=0.1, help="share left out (default 0.1)")
    parser.add_argument("--bundle", type=Path, default=c.DEFAULT_BUNDLE, help="the kiosk's bundle")
    parser.add_argument("--display", help="use this X display instead of a private Xvfb")
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    parser.add_argument(
        "--motion",
        action="store_true",
        help="keep the fades and the flame (slower: each screen change waits 450 ms)",
    )
    parser.add_argument(
        "--qml-gc",
        action="store_true",
        help="diagnostic: the QML engine's collectGarbage() after each reset, before sampling",
    )
    parser.add_argument(
        "--malloc-trim",
        action="store_true",
        help="diagnostic: glibc's malloc_trim(0) after each reset, before sampling",
    )
    parser.add_argument(
        "--skip",
        action="append",
        choices=PARTS,
        help="diagnostic: leave this part out of every visit (repeatable)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--every", type=int, default=1000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    total = 400 if args.quick else args.interactions
    if args.worker:
        c.emit_result(worker(args.worker, args.bundle, total, args.every, args))
        return 0

    c.header(f"soak: {total:,} interactions")
    results: dict[str, dict[str, Any]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-soak-") as tmp,
        c.ensure_display(args.display) as display,
    ):
        env = c.qt_env(display, Path(tmp))
        procs = {}
        for kind in ("floor", "kiosk"):
            argv = [sys.executable, __file__, "--worker", kind, "--interactions", str(total)]
            argv += ["--bundle", str(args.bundle), "--every", str(max(100, total // 20))]
            argv += ["--motion"] if args.motion else []
            argv += ["--qml-gc"] if args.qml_gc else []
            argv += ["--malloc-trim"] if args.malloc_trim else []
            argv += [f"--skip={part}" for part in args.skip or ()]
            procs[kind] = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, text=True)
        try:
            for kind, proc in procs.items():
                out, _err = proc.communicate()
                for line in reversed(out.splitlines()):
                    if line.startswith(c.RESULT_PREFIX):
                        results[kind] = json.loads(line[len(c.RESULT_PREFIX) :])
                        break
                else:
                    print(f"  {kind}: no result (exit {proc.returncode})", file=sys.stderr)
        finally:
            for proc in procs.values():
                with contextlib.suppress(Exception):
                    c.stop(proc)
    rows = []
    for kind, result in results.items():
        if "error" in result:
            print(f"{kind}: {result['error']}")
            continue
        rows.append(summarise(kind, result, args.warmup))
        if result["missed"]:
            print(f"{kind}: steps missed (no such item on screen): {result['missed']}")
    print(
        c.table(
            [
                "contender",
                "interactions",
                "RSS MB after warm-up -> end",
                "RSS / 1000 interactions",
                "RSS growth after warm-up",
                "Python objects after each reset (slope)",
                "QObjects after each reset",
            ],
            rows,
        )
    )
    if args.json:
        args.json.write_text(json.dumps(results))
    print("goal (issue 19): RSS after warm-up grows < 1 % over 20,000 interactions, and the")
    print("object counts return to the same value after each idle reset")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
