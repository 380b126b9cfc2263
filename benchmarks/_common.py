"""What every benchmark shares: interleaved runs, medians and ratios, an Xvfb screen, PSS,
the sd_notify "first frame" hook, the floor, and synthetic bundles.

Not a test helper: the benchmarks print figures, they never pass or fail on them. Ratios taken in
one run (contenders interleaved, so a noisy neighbour hits them all alike) are what count;
absolute milliseconds on a shared 2-core machine are not.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import math
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
FLOOR_SCRIPT = BENCH / "_floor.py"
DEFAULT_BUNDLE = REPO / "db" / "exhibit.sqlite"
SCREEN = (1920, 1080)
RESULT_PREFIX = "BENCH-RESULT "

# Bump when the synthetic bundles change shape: the cache is keyed by it.
_GENERATOR_VERSION = "1"


# -- figures --------------------------------------------------------------------------------
def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100), nearest-rank on the sorted values (no interpolation)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


def spread(values: Sequence[float], fmt: str = "{:.0f}") -> str:
    """``median (min-max)`` as text."""
    if not values:
        return "n/a"
    return f"{fmt.format(median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def ratio(value: float, base: float) -> str:
    if not base or math.isnan(base) or math.isnan(value):
        return "n/a"
    return f"{value / base:.2f}x"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table (pastes straight into docs/benchmarks.md)."""
    cells = [[str(c) for c in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells[1:]
    ]
    return "\n".join(lines)


# -- interleaving -----------------------------------------------------------------------------
def interleaved(
    names: Sequence[str],
    run: Callable[[str], Any],
    repeats: int,
    warmup: int = 1,
    progress: bool = True,
) -> dict[str, list[Any]]:
    """Run every contender once per round, ``warmup`` rounds thrown away, then ``repeats``
    rounds kept. The order rotates each round, so no contender is always first (after an idle
    moment) or always last. A run that returns None is dropped (and said so)."""
    results: dict[str, list[Any]] = {n: [] for n in names}
    total = warmup + repeats
    for round_no in range(total):
        shift = round_no % len(names)
        order = [*names[shift:], *names[:shift]]
        kept = round_no >= warmup
        for name in order:
            if progress:
                tag = f"round {round_no + 1 - warmup}/{repeats}" if kept else "warm-up"
                print(f"  [{tag}] {name} ...", file=sys.stderr, flush=True)
            value = run(name)
            if value is None:
                print(f"  [{name}] no result this round", file=sys.stderr, flush=True)
            elif kept:
                results[name].append(value)
    return results


# -- the machine ------------------------------------------------------------------------------
def machine() -> str:
    """One line naming the machine and the versions, for the report."""
    try:
        import PySide6  # noqa: PLC0415

        qt = PySide6.__version__
    except ImportError:
        qt = "?"
    cpus = os.cpu_count() or 0
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{platform.platform()}; {cpus} CPUs ({model}); load average at start {load}; "
        f"Python {platform.python_version()}; PySide6 {qt}; commit {git_commit()}"
    )


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty", "--abbrev=12"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def header(title: str) -> None:
    print(f"# {title}")
    print(f"machine: {machine()}")
    print()


# -- memory -----------------------------------------------------------------------------------
def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc/PID/task/*/children)."""
    seen: list[int] = []
    stack = [pid]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                stack += [int(c) for c in (task / "children").read_text().split()]
    return seen


def _rollup(pid: int, key: str) -> int:
    """One field of /proc/PID/smaps_rollup in bytes (0 when the process is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return 0


def pss_tree(pid: int) -> int:
    """Proportional set size of ``pid`` and its descendants, in bytes: shared pages (Qt's
    libraries, fonts) are counted in proportion to how many processes map them. So another
    process mapping the same files (a second kiosk from the same venv) lowers it: measure
    with nothing else running from the same installation."""
    return sum(_rollup(p, "Pss") for p in process_tree(pid))


def memory_tree(pid: int) -> dict[str, int]:
    """PSS, RSS and USS (private pages only, which no other process can change) of ``pid``
    and its descendants, in bytes."""
    tree = process_tree(pid)
    return {
        "pss": sum(_rollup(p, "Pss") for p in tree),
        "rss": sum(_rollup(p, "Rss") for p in tree),
        "uss": sum(_rollup(p, "Private_Clean") + _rollup(p, "Private_Dirty") for p in tree),
    }


def cpu_ms_tree(pid: int) -> float:
    """CPU time (every thread, user and system) ``pid`` and its descendants have used so far,
    in ms, from /proc/PID/task/TID/schedstat (nanoseconds). Unlike wall-clock time it hardly
    moves when other jobs share the cores, so it shows a change on a busy machine."""
    total = 0
    for p in process_tree(pid):
        for stat in Path(f"/proc/{p}/task").glob("*/schedstat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += int(stat.read_text().split()[0])
    return total / 1e6


def rss_self() -> int:
    """This process's resident set size in bytes (from /proc/self/statm)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


MB = 1_000_000


# -- a screen ---------------------------------------------------------------------------------
@contextlib.contextmanager
def xvfb(size: tuple[int, int] = SCREEN, depth: int = 24) -> Iterator[str]:
    """A private X server (Xvfb) for the duration; yields its DISPLAY (":N").

    Uses ``-displayfd`` so the server picks a free display number itself (several engineers
    run Xvfb on the same machine). No window manager: like a kiosk PC booting into X alone.
    """
    if shutil.which("Xvfb") is None:
        raise SystemExit("Xvfb is not installed: run scripts/install-system-deps")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{size[0]}x{size[1]}x{depth}",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(5)
        if proc.poll() is None:
            proc.kill()


def qt_env(display: str | None, home: Path, **extra: str) -> dict[str, str]:
    """The environment a contender runs in: a real X window on ``display`` (or offscreen when
    None), the software scene graph, and its own HOME / XDG folders (so the user's kiosk
    configuration, data and QML cache are never touched)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "KIOSK_"))}
    env.pop("NOTIFY_SOCKET", None)
    env.pop("WATCHDOG_USEC", None)
    env.update(
        QT_QUICK_BACKEND="software",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        PYTHONDONTWRITEBYTECODE="",
    )
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    if display is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
        env.pop("DISPLAY", None)
    else:
        env["QT_QPA_PLATFORM"] = "xcb"
        env["DISPLAY"] = display
    env.update(extra)
    return env


def ensure_display(argv_display: str | None = None) -> contextlib.AbstractContextManager[str]:
    """A context giving a DISPLAY: an Xvfb of our own unless one is passed in."""
    if argv_display:
        return contextlib.nullcontext(argv_display)
    return xvfb()


# -- "the first frame is on screen" -----------------------------------------------------------
class ReadyListener:
    """A datagram socket playing systemd's part: the kiosk (kiosk.ui.runtime.operations) sends
    ``READY=1`` from its window's first ``frameSwapped``; the floor does the same. The time
    the datagram arrives, minus the time just before the process was spawned, is "start to
    first frame"."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "notify.sock"
        self.path.unlink(missing_ok=True)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(self.path))

    def drain(self) -> None:
        self.sock.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            while True:
                self.sock.recv(4096)
        self.sock.setblocking(True)

    def wait(self, message: str, timeout_s: float) -> float | None:
        """perf_counter() when ``message`` arrived, or None after ``timeout_s``."""
        deadline = time.perf_counter() + timeout_s
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return None
            self.sock.settimeout(remaining)
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                return None
            now = time.perf_counter()
            if message in data.decode("utf-8", "replace").split("\n"):
                return now

    def close(self) -> None:
        self.sock.close()
        self.path.unlink(missing_ok=True)


def stop(proc: subprocess.Popen[Any], timeout_s: float = 10.0) -> None:
    """SIGTERM (the kiosk stops cleanly on it), then SIGKILL if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- workers: one measurement in a fresh process ----------------------------------------------
def run_worker(
    argv: Sequence[str], env: dict[str, str], timeout_s: float = 600
) -> dict[str, Any] | None:
    """Run ``argv`` (a benchmark's own ``--worker`` mode), return the JSON it printed after
    RESULT_PREFIX, or None (with its stderr shown) when it failed."""
    try:
        done = subprocess.run(
            list(argv), env=env, capture_output=True, text=True, timeout=timeout_s, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"  worker timed out: {' '.join(argv)}", file=sys.stderr)
        return None
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    tail = "\n".join(done.stderr.splitlines()[-15:])
    print(f"  worker failed (exit {done.returncode}): {' '.join(argv)}\n{tail}", file=sys.stderr)
    return None


def emit_result(result: dict[str, Any]) -> None:
    """What a worker prints last: the parent reads this line."""
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()


# -- synthetic bundles ------------------------------------------------------------------------
def cache_dir() -> Path:
    """Where generated bundles are kept between runs (``$KIOSK_BENCH_CACHE`` or the temp
    folder); they are rebuilt when the default exhibit or the generator changes."""
    root = os.environ.get("KIOSK_BENCH_CACHE") or str(Path(tempfile.gettempdir()) / "kiosk-bench")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _source_digest() -> str:
    digest = hashlib.sha256(DEFAULT_BUNDLE.read_bytes())
    digest.update(_GENERATOR_VERSION.encode())
    return digest.hexdigest()[:12]


def synthetic_events(count: int) -> Iterator[list[str]]:
    """``count`` obviously fake timeline rows (timeline.csv columns), years 1000-1986, so they
    come before the exhibit's own (1988 on) and the timeline stays in order; an era every
    5,000 events."""
    for i in range(count):
        year = 1000 + i * 987 // max(count, 1)
        yield [
            f"synthetic-{i:06d}",
            f"{year:04d}",
            "year",
            "",
            "",
            "",
            f"Synthetic event {i} (benchmark filler)",
            "Placeholder text written by a benchmark script. It is not part of any exhibit "
            "and describes nothing that happened.",
            f"Synthetic era {i // 5000}",
            "",
            "",
            "seed",
            "",
        ]


def synthetic_people(count: int) -> Iterator[list[str]]:
    """``count`` obviously fake names (people.csv columns): "K. Placeholder 000123"."""
    for i in range(count):
        yield [f"placeholder-{i:06d}", f"{chr(65 + i % 26)}. Placeholder {i:06d}"] + [""] * 8


def synthetic_bundle(events: int, variant: int = 0, people: int = 0) -> Path:
    """The default exhibit with its timeline grown to ``events`` events (and ``people``
    placeholder names), built with the content layer's own export and build (so it validates
    like a curator's bundle), cached.

    The added events are obviously fake ("Synthetic event 123 (benchmark filler)") and are
    translated into the exhibit's other languages as "[az] ..." / "[ru] ...", so a language
    switch reads as much as it would in a translated archive. ``variant`` changes only the
    content version: two variants are two different bundles of the same size (a swap).
    """
    name = f"exhibit-{events}ev-{people}pp-v{variant}-{_source_digest()}.sqlite"
    target = cache_dir() / name
    if target.is_file():
        return target
    from kiosk.content.source import build, export  # noqa: PLC0415 - only when generating
    from kiosk.content.validate import validate_bundle  # noqa: PLC0415

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-src-") as tmp:
        source = Path(tmp) / "source"
        export(DEFAULT_BUNDLE, source)
        _grow_source(source, events, variant)
        if people:
            with (source / "people.csv").open("a", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows(synthetic_people(people))
        partial = target.with_name(target.name + ".partial")
        build(source, partial)
        report = validate_bundle(partial)
        if not report.ok:
            raise SystemExit(f"the synthetic bundle does not validate: {report.errors[:3]}")
        partial.replace(target)
    print(
        f"  generated {target.name} ({target.stat().st_size / MB:.1f} MB, "
        f"{len(report.warnings)} validation warnings) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return target


def _grow_source(source: Path, events: int, variant: int) -> None:
    timeline = source / "timeline.csv"
    with timeline.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head, own = rows[0], rows[1:]
    extra = max(0, events - len(own))
    with timeline.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(head)
        writer.writerows(synthetic_events(extra))
        writer.writerows(own)
    for path in sorted((source / "translations").glob("*.csv")):
        code = path.stem
        with path.open("a", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            for row in synthetic_events(extra):
                writer.writerow(["events", row[0], "title", f"[{code}] {row[6]}"])
                writer.writerow(["events", row[0], "body", f"[{code}] {row[7]}"])
                writer.writerow(["events", row[0], "era", f"[{code}] {row[8]}"])
    if variant:
        toml = source / "exhibit.toml"
        text = toml.read_text(encoding="utf-8")
        toml.write_text(
            text.replace('content_version = "', f'content_version = "bench-{variant}-', 1),
            encoding="utf-8",
        )


def default_variant(variant: int) -> Path:
    """The default exhibit itself (variant 0) or a copy differing only in its content version."""
    if variant == 0:
        return DEFAULT_BUNDLE
    target = cache_dir() / f"exhibit-default-v{variant}-{_source_digest()}.sqlite"
    if not target.is_file():
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(DEFAULT_BUNDLE, partial)
        with contextlib.closing(sqlite3.connect(partial)) as db:
            db.execute(
                "UPDATE exhibit SET content_version = ? || content_version", (f"bench-{variant}-",)
            )
            db.commit()
        partial.replace(target)
    return target


def event_count(bundle: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{bundle}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT count(*) FROM events").fetchone()[0])


@dataclass
class Contender:
    """One thing measured: a name, and whatever the benchmark needs to run it."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


def kiosk_command() -> list[str] | None:
    """The installed ``kiosk`` console script next to this Python (the wheel's entry point)."""
    script = Path(sys.executable).with_name("kiosk")
    return [str(script)] if script.is_file() else None


def _tree_digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        root = REPO / part
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def wheel_command() -> list[str] | None:
    """``kiosk`` from a real wheel (``pip install .``, not editable) in a venv of its own,
    cached until kiosk/, resources/, db/ or pyproject.toml change. None when it cannot be made.
    """
    venv = cache_dir() / f"venv-wheel-{_tree_digest('kiosk', 'resources', 'db', 'pyproject.toml')}"
    script = venv / "bin" / "kiosk"
    if script.is_file():
        return [str(script)]
    started = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", str(REPO)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"  could not make a venv with the wheel ({exc}); skipped", file=sys.stderr)
        shutil.rmtree(venv, ignore_errors=True)
        return None
    print(
        f"  installed the wheel in {venv} in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return [str(script)]


def frozen_command() -> list[str] | None:
    exe = REPO / "dist" / "kiosk" / "kiosk"
    return [str(exe)] if exe.is_file() else None


def find_shown(window: Any, name: str, timeout_s: float = 2.0) -> Any:
    """The visible, on-screen item named ``name``, waiting out a screen's cross-fade (450 ms):
    a screen fading in is invisible at first, and ``settle`` does not wait for animations."""
    from PySide6.QtTest import QTest  # noqa: PLC0415

    from kiosk.ui.tools.settle import find_item  # noqa: PLC0415

    deadline = time.monotonic() + timeout_s
    while True:
        item = find_item(window, name)
        if item is not None or time.monotonic() > deadline:
            return item
        QTest.qWait(20)


def folder_size(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symlinks not followed), like trim.py."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
