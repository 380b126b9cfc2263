"""A plain (non-editable) `pip install .` carries the QML, the fonts and the default bundle."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    return site


def test_wheel_holds_resources(wheel: Path, qml_module_files: dict[str, str]) -> None:
    """The wheel has the QML module, every font with its licence, and the default bundle."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kiosk/_data/db/exhibit.sqlite" in names
    assert "kiosk/_data/resources/qml/Kiosk/qmldir" in names
    for listed in qml_module_files.values():
        assert f"kiosk/_data/resources/qml/Kiosk/{listed}" in names, listed
    assert "kiosk/_data/resources/fonts/OFL.txt" in names
    assert {n for n in names if n.endswith(".ttf")} >= {
        f"kiosk/_data/resources/fonts/{f}.ttf"
        for f in ("NotoSans-Regular", "NotoSans-Bold", "NotoSerif-Regular", "NotoSerif-Bold")
    }


def test_installed_package_finds_its_resources(installed: Path, tmp_path: Path) -> None:
    """Installed outside the checkout, kiosk.paths points into the package, not the source tree."""
    code = (
        "import kiosk.paths as p; "
        "print(p.data_root()); "
        "assert p.default_bundle().is_file(); "
        "assert (p.qml_dir() / 'Kiosk' / 'qmldir').is_file(); "
        "assert (p.fonts_dir() / 'NotoSerif-Regular.ttf').is_file(); "
        "qm = {q.name for q in p.translations_dir().glob('kiosk_*.qm')}; "
        "assert qm >= {'kiosk_az.qm', 'kiosk_ru.qm', 'kiosk_en.qm'}, qm"
    )
    env = {**os.environ, "PYTHONPATH": str(installed)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(installed)
