"""Build the frozen kiosk: a one-folder program at dist/kiosk/ and an archive beside it.

    python packaging/build.py                  # dist/kiosk/ and dist/kiosk-<ver>-<os>-<arch>.tar.gz
    python packaging/build.py --check          # ... then run the frozen --self-test offscreen
    python packaging/build.py --dist D --work W --no-archive
    python packaging/build.py --untrimmed      # everything PyInstaller collects (to measure)
    python packaging/build.py --target studio  # the curator's studio: dist/kiosk-studio/
    python packaging/build.py --target studio --check   # ... then its --screenshots smoke test

The studio (Qt Widgets, packaging/studio.spec) is a separate program so that the kiosk's folder
stays within its budget without Qt Widgets. CI builds both (tests/test_frozen.py): the frozen
kiosk runs its --self-test, the frozen studio its --screenshots (studio_smoke_test below).
A release archives each with the installer's kit for its OS.

The archive holds one folder, kiosk-<ver>-<os>-<arch>/, with the program (kiosk/), the
installer's kit for that OS (install/) and INSTALL.md. Run from a fresh clone after
`pip install -e '.[test]'` (PyInstaller comes with the test extra). Exit status: 0 built (and
checked), 1 the build or the check failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "kiosk.spec"
IS_WINDOWS = sys.platform == "win32"
APP_NAME = "kiosk"
EXE_NAME = "kiosk.exe" if IS_WINDOWS else "kiosk"
# target -> (spec, program folder and executable name)
TARGETS = {"kiosk": (SPEC, APP_NAME), "studio": (HERE / "studio.spec", "kiosk-studio")}
# The frozen folder must stay under this on Linux (issue 5); tests/test_frozen.py checks it too.
SIZE_LIMIT_MB = 120

sys.path.insert(0, str(HERE))
import trim  # noqa: E402


def version() -> str:
    """kiosk.__version__, read without importing the package (no Qt needed to build)."""
    text = (ROOT / "kiosk" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("build.py: no __version__ in kiosk/__init__.py")


def platform_tag() -> str:
    """<os>-<arch>, e.g. linux-x86_64, windows-x86_64, linux-aarch64."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    if system.startswith("linux"):
        system = "linux"
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return f"{system}-{machine}"


def ensure_bundle(work: Path) -> Path:
    """The default exhibit's bundle: db/exhibit.sqlite, or one built from db/source into work/."""
    shipped = ROOT / "db" / "exhibit.sqlite"
    if shipped.is_file():
        return shipped
    source = ROOT / "db" / "source"
    if not source.is_dir() or not any(source.iterdir()):
        raise SystemExit(f"build.py: neither {shipped} nor a source folder {source} to build it")
    built = work / "exhibit.sqlite"
    print(f"build.py: {shipped} missing; building it from {source}", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from kiosk.cli.content import main; main()",
            "build",
            str(source),
            "-o",
            str(built),
        ],
        check=True,
    )
    return built


def run_pyinstaller(
    dist: Path, work: Path, *, untrimmed: bool, clean: bool, target: str = "kiosk"
) -> dict[str, object]:
    """Freeze the kiosk (or the studio) into dist/<name>; returns the trim report."""
    spec = TARGETS[target][0]
    bundle = ensure_bundle(work)
    report = work / "trim-report.json"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        command.append("--clean")
    command += [str(spec), "--", "--bundle", str(bundle), "--report", str(report)]
    if untrimmed:
        command.append("--untrimmed")
    subprocess.run(command, check=True, cwd=ROOT)
    loaded: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return loaded


def make_archive(dist: Path, ver: str, app_name: str = APP_NAME) -> Path:
    """dist/<app>-<ver>-<os>-<arch>.tar.gz (.zip on Windows): the program; for the kiosk also
    the installer's kit and INSTALL.md (the studio is an ordinary desktop program: no kit)."""
    name = f"{app_name}-{ver}-{platform_tag()}"
    kit = HERE / ("windows" if IS_WINDOWS else "linux")
    with tempfile.TemporaryDirectory(prefix="kiosk-archive-", dir=dist) as tmp:
        top = Path(tmp) / name
        top.mkdir()
        # The program folder goes in as it is (symlinks kept); the kit and notes beside it.
        if app_name == APP_NAME:
            shutil.copytree(kit, top / "install", ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copy2(ROOT / "INSTALL.md", top / "INSTALL.md")
        if IS_WINDOWS:
            archive = dist / f"{name}.zip"
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
                for base, label in ((dist / app_name, f"{name}/{app_name}"), (top, name)):
                    for path in sorted(base.rglob("*")):
                        if path.is_file():
                            zf.write(path, f"{label}/{path.relative_to(base).as_posix()}")
        else:
            archive = dist / f"{name}.tar.gz"
            with tarfile.open(archive, "w:gz") as tf:
                tf.add(top, arcname=name, filter=_portable)
                tf.add(dist / app_name, arcname=f"{name}/{app_name}", filter=_portable)
    return archive


def _portable(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Archive members owned by root with ordinary modes, whoever built them."""
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    if info.isfile() or info.isdir():
        executable = info.isdir() or info.mode & 0o111
        info.mode = 0o755 if executable else 0o644
    return info


def clean_env() -> dict[str, str]:
    """The environment a technician's shell or systemd would give the frozen program:
    no PYTHONPATH or virtualenv, Qt told to draw offscreen with the software renderer."""
    keep = (
        "PATH",
        "HOME",
        "USERPROFILE",
        "LOCALAPPDATA",
        "APPDATA",
        "SYSTEMROOT",
        "TEMP",
        "TMP",
        "LANG",
        "XDG_RUNTIME_DIR",
    )
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    return env


def self_test(
    program: Path, *, env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, dict[str, object] | None, str]:
    """Run `<program> --self-test` from a neutral folder; (exit status, JSON report, stderr)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as cwd:
        test_env = env if env is not None else clean_env()
        # A throwaway home, so the check never touches a real kiosk's data folders.
        for key in (
            "HOME",
            "USERPROFILE",
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
            "LOCALAPPDATA",
            "APPDATA",
        ):
            test_env[key] = cwd
        result = subprocess.run(
            [str(program), "--self-test"],
            cwd=cwd,
            env=test_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    report: dict[str, object] | None
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None
    return result.returncode, report, result.stderr


def log_problems(log_text: str) -> list[str]:
    """The lines of a studio log that say something is wrong with the program: errors, and
    Qt's warnings about QML (a module or file the frozen folder lacks shows up there)."""
    return [
        line
        for line in log_text.splitlines()
        if " ERROR " in line
        or " CRITICAL " in line
        or (" WARNING qt: " in line and any(m in line for m in (".qml", "QML", "qrc:", "module")))
    ]


def studio_smoke_test(program: Path, timeout: float = 300) -> tuple[int, list[str], str, list[str]]:
    """Run `<program> --screenshots DIR` offscreen from a neutral folder, on the default
    exhibit's bundle (exported first, as a curator's would be): (exit status, the PNGs
    written, stderr, the problems in its log)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-studio-smoke-") as cwd:
        env = clean_env()
        for key in ("HOME", "USERPROFILE", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA"):
            env[key] = cwd
        data = Path(cwd) / "data"
        result = subprocess.run(
            [
                str(program),
                "--screenshots",
                str(Path(cwd) / "shots"),
                "--data-dir",
                str(data),
                str(ensure_bundle(Path(cwd))),
            ],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        shots = sorted(p.name for p in (Path(cwd) / "shots").glob("*.png"))
        log_file = data / "logs" / "studio.log"
        text = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
    return result.returncode, shots, result.stderr, log_problems(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's cache")
    parser.add_argument("--untrimmed", action="store_true", help="skip the Qt trim (to measure)")
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz/.zip")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument(
        "--target", choices=sorted(TARGETS), default="kiosk", help="the kiosk, or the studio"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="run the frozen program's --self-test offscreen afterwards",
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    app_name = TARGETS[args.target][1]
    try:
        report = run_pyinstaller(
            dist, work, untrimmed=args.untrimmed, clean=args.clean, target=args.target
        )
    except subprocess.CalledProcessError as exc:
        print(f"build.py: PyInstaller failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    folder = dist / app_name
    size_mb = trim.folder_size(folder) / 1e6
    elapsed = time.monotonic() - started
    dropped = report.get("dropped") or {}
    print(
        f"build.py: {folder} ({size_mb:.1f} MB, {'untrimmed' if args.untrimmed else 'trimmed'})"
        f" in {elapsed:.0f} s"
    )
    if isinstance(dropped, dict) and dropped:
        print(
            f"build.py: trim dropped {len(dropped.get('libraries', []))} libraries, "
            f"{len(dropped.get('plugins_and_qml_binaries', []))} plugins/QML plugins, "
            f"{dropped.get('datas', 0)} data files"
        )
    if args.target == "kiosk" and not args.untrimmed and size_mb > SIZE_LIMIT_MB and not IS_WINDOWS:
        print(f"build.py: warning: over the {SIZE_LIMIT_MB} MB goal", file=sys.stderr)

    if not args.no_archive:
        archive = make_archive(dist, version(), app_name)
        print(f"build.py: {archive} ({archive.stat().st_size / 1e6:.1f} MB)")

    if args.check and args.target == "studio":
        exe = folder / (f"{app_name}.exe" if IS_WINDOWS else app_name)
        status, shots, stderr, problems = studio_smoke_test(exe)
        if status != 0 or not shots or problems:
            print(
                f"build.py: the frozen studio's smoke test failed (exit {status})\n"
                + "\n".join(problems[:20])
                + f"\n{stderr[-4000:]}",
                file=sys.stderr,
            )
            return 1
        print(f"build.py: the frozen studio drew {len(shots)} views")
    elif args.check:
        status, result, stderr = self_test(folder / EXE_NAME)
        print(json.dumps(result, indent=2) if result is not None else "(no JSON report)")
        if status != 0 or not (result or {}).get("ok"):
            print(
                f"build.py: the frozen self-test failed (exit {status})\n{stderr[-4000:]}",
                file=sys.stderr,
            )
            return 1
        print("build.py: the frozen self-test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
