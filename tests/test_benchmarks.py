"""The benchmark scripts stay runnable (they print figures; no figure is asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = ["startup.py", "frames.py", "swap.py", "soak.py", "language.py"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_script_answers_help(script: str) -> None:
    """Each script parses its arguments and says what it measures, without starting Qt."""
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--quick" in done.stdout


def test_common_figures() -> None:
    """Nearest-rank percentiles, median (range), ratios, and the rotating interleave."""
    sys.path.insert(0, str(BENCH))
    try:
        import _common as c
    finally:
        sys.path.remove(str(BENCH))
    values = list(range(1, 101))
    assert c.percentile(values, 50) == 50
    assert c.percentile(values, 95) == 95
    assert c.percentile(values, 99) == 99
    assert c.spread([3, 1, 2]) == "2 (1-3)"
    assert c.ratio(3, 2) == "1.50x"
    assert c.ratio(1, 0) == "n/a"
    order: list[str] = []
    got = c.interleaved(["a", "b", "c"], lambda n: order.append(n) or n, 2, 1, progress=False)
    assert got == {"a": ["a", "a"], "b": ["b", "b"], "c": ["c", "c"]}
    assert order == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]


@pytest.mark.parametrize(
    ("script", "args", "says"),
    [
        ("import_people.py", ["--queries", "20", "--detail"], "bundle growth:"),
        ("name_search.py", ["--queries", "20"], "first query of a new process"),
        ("name_prefixes.py", ["--queries", "20", "--rounds", "1"], "first query of a new process"),
    ],
)
def test_the_name_benchmarks_run_on_a_few_synthetic_people(
    script: str, args: list[str], says: str, tmp_path: Path
) -> None:
    """The names' benchmarks (no Qt) run through on 300 generated people in a second or two,
    so the figures in docs/benchmarks.md can be taken again."""
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--people", "300", *args, "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=BENCH.parent,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert says in done.stdout
