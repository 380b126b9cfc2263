"""``kiosk-studio`` as a program: its CI smoke test (the installed program draws its views),
its command line, and the kiosk's independence from it (no Qt Widgets in the kiosk)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.cli.studio import build_parser

EXPECTED = [
    "01-exhibit.png",
    "02-section.png",
    "03-sensitive-section.png",
    "04-timeline-event.png",
    "05-problem.png",
    "06-translations.png",
    "07-images.png",
    "08-publish.png",
]


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    env.update(HOME=str(home), XDG_DATA_HOME=str(home), XDG_CONFIG_HOME=str(home))
    return env


def _program() -> list[str]:
    found = shutil.which("kiosk-studio", path=str(Path(sys.executable).parent))
    return (
        [found] if found else [sys.executable, "-c", "from kiosk.cli.studio import entry; entry()"]
    )


@pytest.mark.slow
@pytest.mark.parametrize("exhibit", ["folder", "bundle"])
def test_screenshots_smoke(tmp_path: Path, exhibit: str) -> None:
    """The installed program opens the default exhibit (its folder, or its bundle exported
    first) and draws every main view; the exhibit is not changed."""
    target = paths.default_source() if exhibit == "folder" else paths.default_bundle()
    before = target.read_bytes() if target.is_file() else None
    result = subprocess.run(
        [*_program(), "--screenshots", str(tmp_path / "shots"), str(target)],
        env=_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.name for p in (tmp_path / "shots").glob("*.png")) == EXPECTED
    assert "Traceback" not in result.stderr
    if before is not None:
        assert target.read_bytes() == before


def test_screenshots_of_nothing_is_a_usage_error(tmp_path: Path) -> None:
    """No exhibit where one was named: one line, exit 2, no traceback."""
    from kiosk.cli.studio import main

    assert main(["--screenshots", str(tmp_path / "shots"), str(tmp_path / "missing")]) == 2


def test_command_line_flags() -> None:
    """The flags the README documents."""
    flags = {o for a in build_parser()._actions for o in a.option_strings}
    assert {"--screenshots", "--data-dir", "--version"} <= flags


def test_the_kiosk_loads_no_qt_widgets() -> None:
    """The kiosk and its curator's command line import neither QtWidgets nor the studio (its
    frozen folder stays within budget)."""
    code = (
        "import sys, kiosk.cli.kiosk, kiosk.cli.content, kiosk.ui.runtime.shell, "
        "kiosk.ui.runtime.operations, kiosk.ui.tools.selftest, kiosk.ui.backend\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6.QtWidgets', 'kiosk.studio'))]\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_readme_documents_every_flag() -> None:
    """Each `kiosk-studio` flag appears in the README's studio section."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The curator's studio: `kiosk-studio`", 1)[1].split("\n## ", 1)[0]
    for action in build_parser()._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert f"kiosk-studio {flag}" in section, flag


def test_curator_guide_pictures_exist() -> None:
    """Every picture the curator's guide shows is committed (and small)."""
    import re

    docs = Path(__file__).resolve().parents[2] / "docs"
    guide = (docs / "curator-guide.md").read_text(encoding="utf-8")
    pictures = re.findall(r"\]\((images/[^)]+\.png)\)", guide)
    assert len(pictures) == len(EXPECTED)
    for picture in pictures:
        assert (docs / picture).stat().st_size < 300_000, picture
