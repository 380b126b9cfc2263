"""Start to first frame, and memory (PSS of the process tree), of the kiosk against the floor.

    .venv/bin/python benchmarks/startup.py [--repeats N] [--quick] [--display :N]

Contenders, interleaved (every round runs each once, in a rotating order; one warm-up round
is thrown away):

* floor: a bare Qt Quick window from Python (benchmarks/floor.qml, three texts, screen-sized);
* kiosk: the ``kiosk`` console script next to this Python (the development install,
  ``pip install -e``), on the default exhibit;
* wheel: ``kiosk`` from a real wheel (``pip install .`` into a venv of its own, cached in the
  temp folder; ``--no-wheel`` leaves it out);
* frozen: ``dist/kiosk/kiosk`` (``python packaging/build.py``), when it exists;
* kiosk-10k / kiosk-100k: the default exhibit with its timeline grown to 10,000 / 100,000
  synthetic events (benchmarks/_common.synthetic_bundle, cached in the temp folder);
* kiosk-nocache (``--qml-cache``): the kiosk with Qt's QML disk cache off
  (``QML_DISABLE_DISK_CACHE=1``), so every QML file it loads is compiled at start: the most
  that compiling QML ahead of time could save;
* ``--also NAME=COMMAND`` (repeatable): any other kiosk, e.g. the one of an earlier commit
  installed in a venv of its own, measured in the same rounds for a before/after.

Method. A private Xvfb at 1920x1080x24 (no window manager), ``QT_QPA_PLATFORM=xcb``,
``QT_QUICK_BACKEND=software``. The clock starts just before ``Popen``; it stops when the
process's ``READY=1`` datagram arrives on a socket given as ``$NOTIFY_SOCKET`` (systemd's
readiness protocol, which the kiosk already speaks: kiosk.ui.runtime.operations sends it from its
window's first ``frameSwapped``; the floor sends it the same way). That is the moment Qt has
handed the first complete frame to the X server. PSS is summed over the process and its
children from /proc/PID/smaps_rollup, ``--settle`` seconds (default 1) after that frame (USS,
the private pages, and RSS beside it). The CPU time the process used until that frame (every
thread, from /proc/PID/task/*/schedstat) is printed beside the wall-clock time: it hardly
moves when other jobs share the cores. PSS divides shared pages among the processes mapping
them: run it with no other process from the same venv or build alive (a soak, a kiosk). Each
contender has its own HOME and data folder, kept across rounds: the warm-up round adopts the
bundle and fills Qt's QML cache, so the measured rounds are a restart of a kiosk that has run
before (the case after every power cut).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c  # benchmarks/ is on sys.path: Python puts the script's folder there

# Contenders run with an extra environment variable.
EXTRA_ENV = {"kiosk-nocache": {"QML_DISABLE_DISK_CACHE": "1"}}


def contenders(
    quick: bool,
    sizes: list[int],
    wheel: bool,
    *,
    qml_cache: bool = False,
    also: list[str] | None = None,
) -> dict[str, list[str] | None]:
    kiosk = c.kiosk_command()
    out: dict[str, list[str] | None] = {"floor": [sys.executable, str(c.FLOOR_SCRIPT)]}
    if kiosk is None:
        print("no `kiosk` script next to this Python: pip install -e . first", file=sys.stderr)
    out["kiosk"] = kiosk
    for spec in also or []:
        name, _, command = spec.partition("=")
        if not name or not command:
            raise SystemExit(f"--also {spec!r}: write it as NAME=COMMAND")
        out[name] = command.split()
    if qml_cache:
        out["kiosk-nocache"] = kiosk
    if not quick:
        if wheel:
            out["wheel"] = c.wheel_command()
        frozen = c.frozen_command()
        if frozen is None:
            print("dist/kiosk/kiosk not found: `python packaging/build.py` builds it; skipped")
        out["frozen"] = frozen
        for n in sizes:
            out[f"kiosk-{n // 1000}k"] = kiosk
    return {k: v for k, v in out.items() if v is not None}


def bundle_for(name: str) -> Path | None:
    if name.startswith("kiosk-") and name.endswith("k"):
        return c.synthetic_bundle(int(name[6:-1]) * 1000)
    return None


def one_start(
    name: str,
    command: list[str],
    *,
    work: Path,
    display: str,
    listener: c.ReadyListener,
    settle_s: float,
    timeout_s: float,
) -> dict[str, Any] | None:
    home = work / name
    home.mkdir(parents=True, exist_ok=True)
    argv = list(command)
    if name != "floor":
        argv += ["--data-dir", str(home / "kiosk-data"), "--config", str(home / "kiosk.toml")]
        bundle = bundle_for(name)
        if bundle is not None:
            argv += ["--bundle", str(bundle)]
    env = c.qt_env(display, home, NOTIFY_SOCKET=str(listener.path), **EXTRA_ENV.get(name, {}))
    listener.drain()
    with (home / "stderr.log").open("ab") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            ready = listener.wait("READY=1", timeout_s)
            if ready is None:
                print(f"  {name}: no first frame within {timeout_s:.0f} s", file=sys.stderr)
                return None
            cpu_ms = c.cpu_ms_tree(proc.pid)
            pss_first = c.pss_tree(proc.pid)
            time.sleep(settle_s)
            memory = c.memory_tree(proc.pid)
            alive = proc.poll() is None
        finally:
            c.stop(proc)
    if not alive:
        print(f"  {name}: exited before it was measured (see {home}/stderr.log)", file=sys.stderr)
        return None
    return {
        "first_frame_ms": (ready - started) * 1000,
        "cpu_ms": cpu_ms,
        **memory,
        "pss_at_first_frame": pss_first,
    }


def check_bundle(name: str, work: Path) -> str:
    """Which bundle the kiosk adopted (state.json), so a fallback to the default is seen."""
    state = work / name / "kiosk-data" / "bundles" / "state.json"
    try:
        current = json.loads(state.read_text())["current"]
    except (OSError, ValueError, KeyError, TypeError):
        return "?"
    copy = state.parent / current["file"]
    return f"{Path(current['source']).name} -> {c.event_count(copy)} events"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="measured rounds (default 7)")
    parser.add_argument("--quick", action="store_true", help="floor and kiosk only, 2 rounds")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds before PSS is read")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for a frame")
    parser.add_argument("--display", help="use this X display instead of a private Xvfb")
    parser.add_argument("--no-wheel", action="store_true", help="leave out the wheel venv")
    parser.add_argument(
        "--qml-cache",
        action="store_true",
        help="add kiosk-nocache: the kiosk with Qt's QML disk cache off",
    )
    parser.add_argument(
        "--also",
        action="append",
        metavar="NAME=COMMAND",
        help="another kiosk command to measure in the same rounds (repeatable)",
    )
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="event counts of the synthetic bundles (default 10000,100000)",
    )
    args = parser.parse_args()
    repeats = 2 if args.quick else args.repeats
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    c.header("start to first frame, and PSS")
    commands = contenders(
        args.quick, sizes, wheel=not args.no_wheel, qml_cache=args.qml_cache, also=args.also
    )
    for name in commands:
        bundle_for(name)  # generate (and cache) before anything is timed
    frozen_dir = c.REPO / "dist" / "kiosk"
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-startup-") as tmp,
        c.ensure_display(args.display) as display,
    ):
        work = Path(tmp)
        listener = c.ReadyListener(work)
        try:
            results = c.interleaved(
                list(commands),
                lambda n: one_start(
                    n,
                    commands[n],
                    work=work,
                    display=display,
                    listener=listener,
                    settle_s=args.settle,
                    timeout_s=args.timeout,
                ),
                repeats,
            )
        finally:
            listener.close()
        shown = {n: check_bundle(n, work) for n in commands if n != "floor"}

    floor_ms = c.median([r["first_frame_ms"] for r in results.get("floor", [])])
    floor_pss = c.median([r["pss"] for r in results.get("floor", [])])
    floor_cpu = c.median([r["cpu_ms"] for r in results.get("floor", [])])
    kiosk_ms = c.median([r["first_frame_ms"] for r in results.get("kiosk", [])])
    kiosk_pss = c.median([r["pss"] for r in results.get("kiosk", [])])
    rows = []
    for name, runs in results.items():
        ms = [r["first_frame_ms"] for r in runs]
        cpu = [r["cpu_ms"] for r in runs]
        pss = [r["pss"] / c.MB for r in runs]
        rows.append(
            [
                name,
                len(runs),
                c.spread(ms),
                c.ratio(c.median(ms), floor_ms),
                c.spread(cpu),
                c.ratio(c.median(cpu), floor_cpu),
                c.spread(pss, "{:.1f}"),
                c.ratio(c.median(pss) * c.MB, floor_pss),
                f"{c.median([r['uss'] for r in runs]) / c.MB:.1f}",
                f"{c.median([r['rss'] for r in runs]) / c.MB:.1f}",
                c.ratio(c.median(ms), kiosk_ms) if name.startswith("kiosk-") else "",
                c.ratio(c.median(pss) * c.MB, kiosk_pss) if name.startswith("kiosk-") else "",
            ]
        )
    print(
        c.table(
            [
                "contender",
                "runs",
                "first frame ms, median (range)",
                "/ floor",
                "CPU ms to it",
                "/ floor",
                "PSS MB, median (range)",
                "/ floor",
                "USS MB",
                "RSS MB",
                "frame / kiosk",
                "PSS / kiosk",
            ],
            rows,
        )
    )
    print()
    for name, what in shown.items():
        print(f"{name}: showed {what}")
    if frozen_dir.is_dir() and "frozen" in commands:
        print(f"frozen folder dist/kiosk: {c.folder_size(frozen_dir) / c.MB:.1f} MB")
    print(
        "goals (issue 19): first frame <= 1.50x floor, PSS <= 1.40x floor; "
        "100k events within 1.20x of the default exhibit (frame and PSS)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
