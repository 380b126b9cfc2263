"""The language switch: from a finger on a language button to the first frame in the new
language, on the default exhibit and on a 100,000-event bundle, against the floor.

    .venv/bin/python benchmarks/language.py [--repeats N] [--quick] [--display :N]

Each measurement is a fresh process (``--worker``) with a real window on a private Xvfb
(1920x1080, software scene graph), interleaved with the others, one warm-up round thrown away.

In the kiosk worker the ``KioskShell`` is on the Home screen (where the visitor chooses a
language) after the visitor has looked at the timeline (so its screen is alive, as it is in a
visit). A touch (QTest's touch device) presses and releases the ``language_<code>`` button;
the clock starts just before the press and stops at the next ``frameSwapped`` after
``LanguageController.currentChanged``. The languages go round (en -> az -> ru -> en ...), one
unmeasured cycle first, then ``--switches`` measured switches. A 5 ms heartbeat on the GUI
thread gives the longest time it was blocked meanwhile.

The floor: the bare window (benchmarks/floor.qml) whose three texts are set to the exhibit's
title, subtitle and a line in the next language, timed to the next frame the same way.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c  # benchmarks/ is on sys.path: Python puts the script's folder there
from swap import FrameWatch, Heartbeat

FLOOR_TEXTS = {
    "en": ("The Khojaly tragedy", "26 February 1992", "Touch to begin"),
    "az": ("Xocalı faciəsi", "26 fevral 1992-ci il", "Başlamaq üçün toxunun"),
    "ru": ("Ходжалинская трагедия", "26 февраля 1992 г.", "Коснитесь, чтобы начать"),
}


def _wait(ms: int) -> None:
    from PySide6.QtTest import QTest  # noqa: PLC0415

    QTest.qWait(ms)


def _wait_until(predicate: Any, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        _wait(1)
    return True


def kiosk_worker(bundle: Path, data: Path, switches: int) -> dict[str, Any]:
    from PySide6.QtCore import QPoint, QPointF  # noqa: PLC0415
    from PySide6.QtTest import QTest  # noqa: PLC0415

    from kiosk import paths  # noqa: PLC0415
    from kiosk.ui.runtime.fonts import load_fonts  # noqa: PLC0415
    from kiosk.ui.runtime.shell import KioskShell, Timings  # noqa: PLC0415
    from kiosk.ui.tools.settle import settle  # noqa: PLC0415

    load_fonts(paths.fonts_dir())
    shell = KioskShell(data, Timings(idle_ms=3_600_000))
    if not shell.open_bundle(bundle):
        return {"error": shell.content.error_message()}
    window = shell.load()
    if window is None:
        return {"error": "Main.qml did not load"}
    window.showFullScreen()
    settle(window)
    codes = shell.content.locale_codes()
    if len(codes) < 2:
        return {"error": f"the bundle has one language only ({codes})"}
    shell.navigator.go("timeline")
    settle(window)
    shell.navigator.home()
    settle(window)
    frames = FrameWatch(window)
    beat = Heartbeat()
    changed: list[str] = []
    shell.language.currentChanged.connect(changed.append)
    device = QTest.createTouchDevice()
    times: list[float] = []
    gaps: list[float] = []
    # round from the language the visit starts in (an exhibit may start in its second one)
    first = shell.language.current_code()
    start = codes.index(first) if first in codes else 0
    order = [codes[(start + i + 1) % len(codes)] for i in range(len(codes) + switches)]
    for n, code in enumerate(order):
        settle(window)
        _wait(150)
        button = c.find_shown(window, f"language_{code}")
        if button is None:
            return {"error": f"no language_{code} button on the Home screen"}
        p = button.mapToScene(QPointF(button.width() / 2, button.height() / 2))
        point = QPoint(round(p.x()), round(p.y()))
        before = len(changed)
        t0 = time.perf_counter()
        QTest.touchEvent(window, device, False).press(0, point, window).commit()
        QTest.touchEvent(window, device, False).release(0, point, window).commit()
        if not _wait_until(lambda b=before: len(changed) > b, 120):
            return {"error": f"no currentChanged after tapping language_{code}"}
        frames.arm()
        window.update()
        _wait_until(lambda: frames.at is not None, 10)
        end = frames.at or time.perf_counter()
        if shell.language.current_code() != code:
            return {"error": f"tapped {code}, showing {shell.language.current_code()}"}
        if n >= len(codes):  # the first cycle is the warm-up
            times.append((end - t0) * 1000)
            gaps.append(beat.window(t0, end)["max_gap_ms"])
    shell.shutdown()
    return {"ms": times, "max_gap_ms": gaps, "events": shell.content.summary()["events"]}


def floor_worker(switches: int) -> dict[str, Any]:
    from _floor import floor_window  # noqa: PLC0415

    from kiosk.ui.tools.settle import settle  # noqa: PLC0415

    _engine, window = floor_window()
    window.show()
    settle(window)
    frames = FrameWatch(window)
    beat = Heartbeat()
    codes = list(FLOOR_TEXTS)
    times: list[float] = []
    gaps: list[float] = []
    for n in range(len(codes) + switches):
        settle(window)
        _wait(150)
        texts = FLOOR_TEXTS[codes[(n + 1) % len(codes)]]
        t0 = time.perf_counter()
        for prop, text in zip(("first", "second", "third"), texts, strict=True):
            window.setProperty(prop, text)
        frames.arm()
        _wait_until(lambda: frames.at is not None, 10)
        end = frames.at or time.perf_counter()
        if n >= len(codes):
            times.append((end - t0) * 1000)
            gaps.append(beat.window(t0, end)["max_gap_ms"])
    return {"ms": times, "max_gap_ms": gaps, "events": 0}


def worker(kind: str, bundle: Path | None, switches: int) -> dict[str, Any]:
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - lives as long as the measurement
    if kind == "floor":
        return floor_worker(switches)
    assert bundle is not None
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-lang-") as tmp:
        return kiosk_worker(bundle, Path(tmp) / "data", switches)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--switches", type=int, default=6, help="switches per run (default 6)")
    parser.add_argument("--quick", action="store_true", help="floor and default exhibit, 1 round")
    parser.add_argument("--display", help="use this X display instead of a private Xvfb")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--bundle", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        c.emit_result(worker(args.worker, args.bundle, args.switches))
        return 0

    repeats = 1 if args.quick else args.repeats
    switches = 3 if args.quick else args.switches
    c.header("language switch: tap to the first frame in the new language")
    bundles: dict[str, Path | None] = {"floor": None, "kiosk-default": c.DEFAULT_BUNDLE}
    if not args.quick:
        bundles["kiosk-100k"] = c.synthetic_bundle(100_000)
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-lang-") as tmp,
        c.ensure_display(args.display) as display,
    ):
        env = c.qt_env(display, Path(tmp))

        def run(name: str) -> dict[str, Any] | None:
            kind = "floor" if name == "floor" else "kiosk"
            argv = [sys.executable, __file__, "--worker", kind, "--switches", str(switches)]
            bundle = bundles[name]
            if bundle is not None:
                argv += ["--bundle", str(bundle)]
            result = c.run_worker(argv, env, timeout_s=1800)
            if result is not None and "error" in result:
                print(f"  {name}: {result['error']}", file=sys.stderr)
                return None
            return result

        results = c.interleaved(list(bundles), run, repeats, warmup=0 if args.quick else 1)

    # Every switch of every run is one sample (the median of a run would hide the slow ones).
    pooled = {n: [t for r in runs for t in r["ms"]] for n, runs in results.items()}
    gaps = {n: [g for r in runs for g in r["max_gap_ms"]] for n, runs in results.items()}
    floor_ms = c.median(pooled.get("floor", []))
    default_ms = c.median(pooled.get("kiosk-default", []))
    rows = [
        [
            name,
            f"{runs[0]['events']:,}" if runs else "",
            len(pooled[name]),
            c.spread(pooled[name]),
            c.ratio(c.median(pooled[name]), floor_ms),
            c.ratio(c.median(pooled[name]), default_ms) if name == "kiosk-100k" else "",
            c.spread(gaps[name]),
        ]
        for name, runs in results.items()
    ]
    print(
        c.table(
            [
                "contender",
                "events",
                "switches",
                "tap to frame ms, median (range)",
                "/ floor",
                "/ default",
                "longest GUI block ms",
            ],
            rows,
        )
    )
    print("no numeric goal in issue 19; flat in the content's size is the spirit (100k vs default)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
