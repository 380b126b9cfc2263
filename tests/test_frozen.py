"""The frozen program and the installer's kit (packaging/).

The slow tests build the one-folder program with packaging/build.py, exactly as CI and a release
do, and run it the way a technician would: from another folder, with no PYTHONPATH, offscreen.
The fast tests check the trim rules and the kit's scripts and service files without a build.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from kiosk.content.validate import validate_bundle

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
WINDOWS = PACKAGING / "windows"
IS_WINDOWS = sys.platform == "win32"
EXE = "kiosk.exe" if IS_WINDOWS else "kiosk"
# The kiosk's "Exit kiosk" status; the service and the Windows supervisor must not undo it.
ADMIN_EXIT_CODE = 64


def _load(name: str) -> ModuleType:
    """A module of packaging/ (not a package) by file: trim.py, or build.py under ``name``."""
    file = PACKAGING / ("build.py" if name == "kiosk_packaging_build" else f"{name}.py")
    spec = importlib.util.spec_from_file_location(name, file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


trim = _load("trim")  # build.py imports it by this name too
build = _load("kiosk_packaging_build")


# -- the trim rules ---------------------------------------------------------------------------
def test_admin_exit_code_matches_the_app() -> None:
    """The exit code the kit treats as "stay down" is the one the admin screen uses."""
    admin = pytest.importorskip("kiosk.ui.backend.admin")
    assert admin.ADMIN_EXIT_CODE == ADMIN_EXIT_CODE


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqwebp.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ],
)
def test_plugins_kept_are_the_kiosks(dest: str, kept: bool) -> None:
    """Platform, image-format and Wayland plugins the kiosk uses stay; the rest go."""
    kind, rest = trim.qt_area(dest)
    assert kind == "plugins"
    assert trim.keep_plugin(rest) is kept


def test_the_studio_keeps_windows_widget_style_and_the_kiosk_does_not() -> None:
    """Windows' widget style plugin goes into the studio's folder only."""
    style = ("styles", "qmodernwindowsstyle.dll")
    assert trim.keep_plugin(style, trim.STUDIO_PLUGINS)
    assert not trim.keep_plugin(style)
    assert trim.keep_plugin(("platforms", "qwindows.dll"), trim.STUDIO_PLUGINS)


def test_qml_files_follow_their_module() -> None:
    """A QML file is kept when its module is used; tooling type files never are."""
    modules = frozenset({"QtQuick", "QtQuick/Controls", "QtQuick/Controls/Material"})
    used = frozenset({"QtQuick", "QtQuick/Controls"})
    assert trim.keep_qml_file(("QtQuick", "Controls", "qmldir"), modules, used)
    assert not trim.keep_qml_file(("QtQuick", "Controls", "Material", "qmldir"), modules, used)
    assert not trim.keep_qml_file(("QtQuick", "plugins.qmltypes"), modules, used)
    assert not trim.keep_qml_file(("builtins.qmltypes",), modules, used)


def test_a_missing_shipped_bundle_is_built_from_the_source_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build.py's fallback (a checkout without db/exhibit.sqlite) runs the real build
    command; it once called a ``main`` that did not exist."""
    root = tmp_path / "checkout"
    shutil.copytree(build.ROOT / "db" / "source", root / "db" / "source")
    monkeypatch.setattr(build, "ROOT", root)
    work = tmp_path / "work"
    work.mkdir()
    made = build.ensure_bundle(work)
    assert made == work / "exhibit.sqlite"
    assert validate_bundle(made).ok
    shutil.rmtree(root / "db" / "source")
    with pytest.raises(SystemExit, match="neither"):
        build.ensure_bundle(work)


def test_qt_translations_are_dropped_but_the_kiosks_are_kept() -> None:
    """Qt's own .qm files go; the kiosk's translations under kiosk/_data stay."""
    toc = [
        ("PySide6/Qt/translations/qtbase_ru.qm", "/x/qtbase_ru.qm", "DATA"),
        ("kiosk/_data/resources/translations/kiosk_az.qm", "/y/kiosk_az.qm", "DATA"),
    ]
    kept, dropped = trim.select(toc, frozenset(), frozenset())
    assert [d for d, _s, _k in kept] == ["kiosk/_data/resources/translations/kiosk_az.qm"]
    assert len(dropped) == 1


def test_unreachable_libraries_are_pruned() -> None:
    """A library is kept only when a kept binary links to it, directly or through another."""
    binaries = [
        ("PySide6/QtCore.abi3.so", "/s/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/s/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", "/s/libQt6Pdf.so.6", "BINARY"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),
    ]
    links = {
        "/s/QtCore.abi3.so": ["libQt6Core.so.6"],
        "/s/libQt6Core.so.6": ["libicuuc.so.73", "libc.so.6"],
    }
    kept, dropped = trim.prune_libraries(
        binaries,
        lambda src: links.get(src, []),
        lambda dest: trim.is_prunable_library(dest, windows=False),
    )
    assert {d for d, _s, _k in kept} == {
        "PySide6/QtCore.abi3.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libicuuc.so.73",
    }
    assert {d for d, _s, _k in dropped} == {"PySide6/Qt/lib/libQt6Pdf.so.6", "libgtk-3.so.0"}


def test_symlinks_to_dropped_libraries_go_too() -> None:
    """PyInstaller's top-level links to a pruned library would dangle, so they are dropped."""
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
    ]
    kept, dropped = trim.drop_dangling_symlinks(datas, ["PySide6/Qt/lib/libQt6Core.so.6"])
    assert [d for d, _s, _k in kept] == ["libQt6Core.so.6"]
    assert [d for d, _s, _k in dropped] == ["libQt6Pdf.so.6"]


@pytest.mark.parametrize(
    ("item", "dropped"),
    [
        ("coll/ru.res", False),
        ("coll/az.res", False),
        ("coll/root.res", False),
        ("coll/ucadata.icu", False),
        ("res_index.res", False),
        ("likelySubtags.res", False),
        ("coll/zh.res", True),
        ("curr/en.res", True),
        ("zone/ru.res", True),
        ("brkitr/cjdict.dict", True),
        ("ibm-943_P15A-2003.cnv", True),
        ("az_Latn_AZ.res", True),
    ],
)
def test_icu_keeps_what_qt_reads(item: str, dropped: bool) -> None:
    """ICU keeps collation and locale metadata, loses names, converters and dictionaries."""
    assert trim.icu_item_dropped(item) is dropped


# -- the Linux kit ------------------------------------------------------------------------------
def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(LINUX / "memorial-kiosk.service", encoding="utf-8")
    return parser


def test_service_restarts_forever_but_not_after_admin_exit() -> None:
    """Restart=always without a start limit, except the admin's exit code."""
    unit = _unit()
    assert unit["Service"]["Restart"] == "always"
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    assert unit["Service"]["RestartPreventExitStatus"] == str(ADMIN_EXIT_CODE)


def test_service_has_a_watchdog_the_kiosk_may_feed() -> None:
    """Type=notify with a 30 s watchdog, accepting notifications from the kiosk under cage."""
    service = _unit()["Service"]
    assert service["Type"] == "notify"
    assert service["WatchdogSec"] == "30"
    assert service["NotifyAccess"] == "all"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_service_file_is_valid_for_systemd(tmp_path: Path) -> None:
    """systemd-analyze verify finds nothing wrong (the session script stands in as /bin/true)."""
    text = (LINUX / "memorial-kiosk.service").read_text(encoding="utf-8")
    unit = tmp_path / "memorial-kiosk.service"
    unit.write_text(re.sub(r"(?m)^ExecStart=.*$", "ExecStart=/bin/true", text), encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _fake_tools(folder: Path, kiosk_status: int, *, cage_runs_program: bool = True) -> Path:
    """A fake cage (old style: always exits 0) and a fake kiosk, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    run = '"$@"' if cage_runs_program else ":"
    (folder / "cage").write_text(
        f'#!/bin/sh\nwhile [ "$1" != "--" ]; do shift; done; shift\n{run}\nexit 0\n',
        encoding="utf-8",
    )
    (folder / "kiosk").write_text(
        '#!/bin/sh\necho "args=$* watchdog_pid=${WATCHDOG_PID:-unset}" > "$KIOSK_TRACE"\n'
        f"exit {kiosk_status}\n",
        encoding="utf-8",
    )
    for name in ("cage", "kiosk"):
        (folder / name).chmod(0o755)
    return folder


def _run_session(tmp_path: Path, kiosk_status: int, **kwargs: bool) -> tuple[int, str]:
    tools = _fake_tools(tmp_path / "bin", kiosk_status, **kwargs)
    (tmp_path / "run").mkdir()
    trace = tmp_path / "trace"
    env = {
        "PATH": f"{tools}:/usr/bin:/bin",
        "RUNTIME_DIRECTORY": str(tmp_path / "run"),
        "KIOSK_PROGRAM": str(tools / "kiosk"),
        "KIOSK_ARGS": "--lang az",
        "KIOSK_TRACE": str(trace),
        "WATCHDOG_PID": "1",
        "WATCHDOG_USEC": "30000000",
    }
    result = subprocess.run(
        [str(LINUX / "memorial-kiosk-session")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    return result.returncode, trace.read_text(encoding="utf-8") if trace.exists() else ""


linux_only = pytest.mark.skipif(IS_WINDOWS or shutil.which("sh") is None, reason="POSIX shell")


@linux_only
def test_session_passes_the_admin_exit_through_an_old_cage(tmp_path: Path) -> None:
    """cage 0.1 exits 0 whatever the kiosk did; the session still exits with the kiosk's 64."""
    status, trace = _run_session(tmp_path, ADMIN_EXIT_CODE)
    assert status == ADMIN_EXIT_CODE
    assert "args=--lang az" in trace


@linux_only
def test_session_reports_a_crash_as_a_failure(tmp_path: Path) -> None:
    """A crashed kiosk makes the session fail, so systemd restarts it."""
    status, _trace = _run_session(tmp_path, 1)
    assert status == 1


@linux_only
def test_session_fails_when_cage_never_ran_the_kiosk(tmp_path: Path) -> None:
    """cage ending without starting the kiosk is never mistaken for a clean exit."""
    status, trace = _run_session(tmp_path, 0, cage_runs_program=False)
    assert status != 0
    assert trace == ""


@linux_only
def test_session_lets_the_kiosk_feed_the_watchdog(tmp_path: Path) -> None:
    """WATCHDOG_PID (cage's, not the kiosk's) is not passed down to the kiosk."""
    _status, trace = _run_session(tmp_path, 0)
    assert "watchdog_pid=unset" in trace


def _fake_program(folder: Path) -> Path:
    """A stand-in program folder: the layout install.sh expects, with a default bundle."""
    data = folder / "_internal" / "kiosk" / "_data" / "db"
    data.mkdir(parents=True)
    (data / "exhibit.sqlite").write_bytes(b"SQLite format 3\x00")
    (folder / "kiosk").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (folder / "kiosk").chmod(0o755)
    return folder


def _install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(LINUX / "install.sh"), "--no-packages", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@linux_only
def test_install_script_lays_out_the_kiosk(tmp_path: Path) -> None:
    """install.sh puts program, service, session, settings and content where INSTALL.md says."""
    program = _fake_program(tmp_path / "program")
    root = tmp_path / "root"
    root.mkdir()
    result = _install("--root", str(root), "--program", str(program), "--rotate", "90")
    assert result.returncode == 0, result.stderr
    for path in (
        "opt/memorial-kiosk/kiosk",
        "etc/systemd/system/memorial-kiosk.service",
        "etc/pam.d/memorial-kiosk",
        "usr/local/lib/memorial-kiosk/memorial-kiosk-session",
        "etc/systemd/logind.conf.d/memorial-kiosk.conf",
        "srv/memorial-kiosk/exhibit.sqlite",
    ):
        assert (root / path).exists(), path
    env = (root / "etc/memorial-kiosk/session.env").read_text(encoding="utf-8")
    assert "KIOSK_ROTATION=90" in env
    config = (root / "home/kiosk/.config/memorial-kiosk/kiosk.toml").read_text(encoding="utf-8")
    assert 'bundle = "/srv/memorial-kiosk/exhibit.sqlite"' in config


@linux_only
def test_install_script_update_keeps_settings_and_the_previous_program(tmp_path: Path) -> None:
    """A second run replaces the program, keeps the one before, and leaves settings alone."""
    program = _fake_program(tmp_path / "program")
    root = tmp_path / "root"
    root.mkdir()
    assert _install("--root", str(root), "--program", str(program)).returncode == 0
    config = root / "home/kiosk/.config/memorial-kiosk/kiosk.toml"
    config.write_text('bundle = "/elsewhere.sqlite"\n', encoding="utf-8")
    assert _install("--root", str(root), "--program", str(program)).returncode == 0
    assert (root / "opt/memorial-kiosk.previous/kiosk").exists()
    assert config.read_text(encoding="utf-8") == 'bundle = "/elsewhere.sqlite"\n'


@linux_only
def test_uninstall_keeps_data_unless_purged(tmp_path: Path) -> None:
    """--uninstall removes program and service but keeps content; --purge removes it too."""
    program = _fake_program(tmp_path / "program")
    root = tmp_path / "root"
    root.mkdir()
    assert _install("--root", str(root), "--program", str(program)).returncode == 0
    assert _install("--root", str(root), "--uninstall").returncode == 0
    assert not (root / "opt/memorial-kiosk").exists()
    assert not (root / "etc/systemd/system/memorial-kiosk.service").exists()
    assert (root / "srv/memorial-kiosk/exhibit.sqlite").exists()
    assert _install("--root", str(root), "--uninstall", "--purge").returncode == 0
    assert not (root / "srv/memorial-kiosk").exists()


@linux_only
def test_install_script_refuses_a_folder_that_is_not_the_program(tmp_path: Path) -> None:
    """Pointed at the wrong folder, install.sh says so and installs nothing."""
    root = tmp_path / "root"
    root.mkdir()
    result = _install("--root", str(root), "--program", str(tmp_path))
    assert result.returncode != 0
    assert "does not look like the kiosk program" in result.stderr
    assert not (root / "opt").exists()


def test_install_notes_list_every_setting() -> None:
    """INSTALL.md's table of kiosk.toml settings is the one the configuration code documents."""
    config = pytest.importorskip("kiosk.ops.config")
    notes = (ROOT / "INSTALL.md").read_text(encoding="utf-8")
    assert config.config_table_markdown() in notes


# -- the Windows kit (checked as files: no Windows here) -------------------------------------------
TASK_NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
SHELL_NS = {"s": "http://schemas.microsoft.com/ShellLauncher/2018/Configuration"}


def test_scheduled_task_never_times_out_and_restarts() -> None:
    """The task has no 72-hour limit, ignores batteries, and restarts its supervisor."""
    task = ET.parse(WINDOWS / "memorial-kiosk-task.xml").getroot()
    settings = task.find("t:Settings", TASK_NS)
    assert settings is not None
    assert settings.findtext("t:ExecutionTimeLimit", namespaces=TASK_NS) == "PT0S"
    assert settings.findtext("t:DisallowStartIfOnBatteries", namespaces=TASK_NS) == "false"
    assert settings.find("t:RestartOnFailure", TASK_NS) is not None
    arguments = task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=TASK_NS) or ""
    assert "run-kiosk.ps1" in arguments


def test_shell_launcher_does_nothing_after_admin_exit() -> None:
    """Shell Launcher restarts the shell after any end but the admin's exit code."""
    config = ET.parse(WINDOWS / "shell-launcher.xml").getroot()
    actions = config.findall(".//s:ReturnCodeAction", SHELL_NS)
    assert [(a.get("ReturnCode"), a.get("Action")) for a in actions] == [
        (str(ADMIN_EXIT_CODE), "DoNothing")
    ]
    default = config.find(".//s:Profile/s:Shell/s:DefaultAction", SHELL_NS)
    assert default is not None and default.get("Action") == "RestartShell"


def test_windows_supervisor_knows_the_admin_exit_code() -> None:
    """run-kiosk.ps1 stops restarting on the same exit code as the service."""
    text = (WINDOWS / "run-kiosk.ps1").read_text(encoding="utf-8")
    assert f"$KioskAdminExit = {ADMIN_EXIT_CODE}" in text


# -- the frozen program (slow: one build shared by the tests below) --------------------------------
@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ of a fresh build: packaging/build.py into a temporary dist and work folder."""
    return _build(tmp_path_factory.mktemp("frozen"))


def _build(base: Path, *options: str) -> Path:
    """packaging/build.py with ``options`` into base/dist (its cache in base/work): dist."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "build.py"),
            *options,
            "--dist",
            str(base / "dist"),
            "--work",
            str(base / "work"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return base / "dist"


@pytest.mark.slow
def test_frozen_self_test_passes(frozen: Path) -> None:
    """The frozen kiosk, run with a clean environment from another folder, passes its self-test:
    every QML module, plugin, font and SQLite's FTS5 made it into the folder."""
    status, report, stderr = build.self_test(frozen / "kiosk" / EXE, env=build.clean_env())
    assert report is not None, f"no JSON report (exit {status}): {stderr[-3000:]}"
    failed = [c for c in report.get("checks", []) if not c.get("ok")]
    assert status == 0 and report.get("ok") is True, json.dumps(failed, indent=2)
    names = " ".join(str(c.get("name", "")) for c in report["checks"])
    for needed in ("font", "fts5", "screen"):
        assert needed in names, f"the self-test no longer checks {needed!r}"


@pytest.mark.slow
def test_frozen_program_carries_its_translations(frozen: Path, qapp: object) -> None:
    """The compiled words are where kiosk.paths looks in a frozen build, and load."""
    from PySide6.QtCore import QTranslator

    folder = frozen / "kiosk" / "_internal" / "kiosk" / "_data" / "resources" / "translations"
    assert sorted(q.name for q in folder.glob("*.qm")) == [
        "kiosk_az.qm",
        "kiosk_en.qm",
        "kiosk_ru.qm",
    ]
    assert not list(folder.glob("*.ts")), "the sources stay out of the program"
    translator = QTranslator()
    assert translator.load("kiosk_ru", str(folder))
    assert translator.translate("HomeButton", "Home") == "Главная"


@pytest.mark.slow
def test_frozen_folder_holds_every_qml_file(frozen: Path, qml_module_files: dict[str, str]) -> None:
    """Every file the module's qmldir lists, subfolders included, is in the frozen folder."""
    module = frozen / "kiosk" / "_internal" / "kiosk" / "_data" / "resources" / "qml" / "Kiosk"
    assert (module / "qmldir").is_file()
    missing = [p for p in qml_module_files.values() if not (module / p).is_file()]
    assert missing == []


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the size goal is Linux's")
def test_frozen_folder_fits_the_size_budget(frozen: Path) -> None:
    """The program folder stays under 120 MB: small enough to copy to many kiosks from a USB
    stick or over a slow link, and proof that the Qt trim still works (untrimmed: ~250 MB)."""
    size_mb = trim.folder_size(frozen / "kiosk") / 1e6
    assert size_mb < build.SIZE_LIMIT_MB, f"{size_mb:.1f} MB"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd (Linux)")
def test_frozen_libraries_all_resolve(frozen: Path) -> None:
    """Every library and plugin in the folder finds the libraries it links to: a plugin kept
    without its dependencies (e.g. Wayland's when the build machine lacks them) would fail only
    on the kiosk, under cage, as a black screen."""
    internal = frozen / "kiosk" / "_internal"
    search = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    missing: dict[str, list[str]] = {}
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        result = subprocess.run(
            ["ldd", str(path)],
            env={"LD_LIBRARY_PATH": search, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=False,
        )
        lost = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
        if lost:
            missing[str(path.relative_to(internal))] = sorted(set(lost))
    assert not missing, json.dumps(missing, indent=2)


@pytest.mark.slow
def test_archive_holds_program_kit_and_notes(frozen: Path) -> None:
    """The archive is named by version, system and machine, and holds what a technician needs."""
    pattern = re.compile(r"kiosk-(?P<ver>[^-]+)-(?P<os>[a-z]+)-(?P<arch>[a-z0-9_]+)\.(tar\.gz|zip)")
    (archive,) = [p for p in frozen.iterdir() if pattern.fullmatch(p.name)]
    top = archive.name.removesuffix(".tar.gz").removesuffix(".zip")
    if archive.suffix == ".zip":
        names = set(zipfile.ZipFile(archive).namelist())
    else:
        with tarfile.open(archive) as tf:
            names = set(tf.getnames())
    kit = "install.ps1" if IS_WINDOWS else "install.sh"
    for member in (f"kiosk/{EXE}", f"install/{kit}", "INSTALL.md"):
        assert f"{top}/{member}" in names, member
    assert pattern.fullmatch(archive.name)["ver"] == build.version()  # type: ignore[index]


@pytest.mark.slow
def test_frozen_kiosk_carries_no_qt_widgets(frozen: Path) -> None:
    """The kiosk's folder has neither Qt Widgets nor the studio (a program of its own), so the
    studio never weighs on the kiosk's size budget."""
    internal = frozen / "kiosk" / "_internal"
    widgets = [p.name for p in internal.rglob("*") if "Widgets" in p.name]
    assert widgets == []
    # The Python modules frozen into the program (PyInstaller's list, in the build's cache).
    modules = (frozen.parent / "work" / "kiosk" / "PYZ-00.toc").read_text(encoding="utf-8")
    assert "'kiosk.ui'" in modules
    assert "kiosk.studio" not in modules and "PySide6.QtWidgets" not in modules


def test_studio_log_problems_are_errors_and_qml_warnings() -> None:
    """The frozen studio's smoke test fails on an error or a QML warning in its log, not on the
    offscreen platform's chatter."""
    log = (
        "2026-01-01 10:00:00,000 INFO kiosk.studio.window: opened\n"
        "2026-01-01 10:00:00,001 WARNING qt: This plugin does not support raise()\n"
        '2026-01-01 10:00:00,002 WARNING qt: module "QtQuick.Shapes" is not installed '
        "(qrc:/Kiosk/Main.qml:3)\n"
        "2026-01-01 10:00:00,003 ERROR kiosk.ui.runtime.shell: the visitor screens could not "
        "be loaded\n"
    )
    problems = build.log_problems(log)
    assert [line.split(" ", 3)[2] for line in problems] == ["WARNING", "ERROR"]


# -- the frozen studio (slow: one build of its own, shared by the tests below) --------------------
@pytest.fixture(scope="module")
def frozen_studio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/kiosk-studio/ of a fresh build: packaging/build.py --target studio (no archive)."""
    dist = _build(tmp_path_factory.mktemp("frozen-studio"), "--target", "studio", "--no-archive")
    return dist / "kiosk-studio"


@pytest.mark.slow
def test_frozen_studio_draws_its_main_views(frozen_studio: Path) -> None:
    """The frozen studio, run like a curator's copy (another folder, no PYTHONPATH, offscreen),
    opens the default exhibit's bundle, draws every main view with the kiosk's own screens in
    its preview, and exits 0; its log has no error and no QML warning."""
    from studio.test_cli import EXPECTED

    program = frozen_studio / ("kiosk-studio.exe" if IS_WINDOWS else "kiosk-studio")
    status, shots, stderr, problems = build.studio_smoke_test(program)
    assert status == 0, stderr[-3000:]
    assert shots == EXPECTED
    assert problems == []
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_frozen_studio_carries_the_kiosks_screens(
    frozen_studio: Path, qml_module_files: dict[str, str]
) -> None:
    """The studio's preview is the kiosk itself: every file of the QML module, the fonts and
    the default bundle are in its folder too."""
    data = frozen_studio / "_internal" / "kiosk" / "_data"
    module = data / "resources" / "qml" / "Kiosk"
    assert [p for p in qml_module_files.values() if not (module / p).is_file()] == []
    assert list((data / "resources" / "fonts").glob("*.ttf"))
    assert (data / "db" / "exhibit.sqlite").is_file()


# -- kiosk-content: the commands the README documents, in the wheel's and the frozen program ----
def documented_content_commands() -> list[str]:
    """The ``kiosk-content`` commands the README shows (its indented example lines)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"(?m)^ {4}kiosk-content ([a-z][a-z-]*)\b", readme)))


CONTENT_COMMANDS = documented_content_commands()


def _content_tool(dist: Path) -> Path:
    return dist / "kiosk" / ("kiosk-content.exe" if IS_WINDOWS else "kiosk-content")


def test_documented_content_commands_are_the_programs() -> None:
    """The README's kiosk-content commands are exactly the program's (kiosk.cli.content's group),
    and INSTALL.md sends technicians to none that does not exist."""
    curator = pytest.importorskip("kiosk.cli.content")
    assert "stats" in CONTENT_COMMANDS, "the README's examples were not found"
    assert sorted(curator.cli.commands) == CONTENT_COMMANDS
    notes = (ROOT / "INSTALL.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"kiosk-content(?:\.exe)?'? ([a-z][a-z-]*)\b", notes))
    assert mentioned, "INSTALL.md's kiosk-content commands were not found"
    assert mentioned <= set(CONTENT_COMMANDS), mentioned - set(CONTENT_COMMANDS)


@pytest.mark.slow
@pytest.mark.skipif(IS_WINDOWS, reason="the frozen build's name for it is a second executable")
def test_frozen_entry_runs_the_programs_command_group(tmp_path: Path) -> None:
    """kiosk_entry.py called as kiosk-content runs the same group as the wheel's script
    (checked from source, without a build: the frozen build runs this file as __main__)."""
    entry = tmp_path / "kiosk-content"
    shutil.copy(PACKAGING / "kiosk_entry.py", entry)
    result = subprocess.run(
        [sys.executable, str(entry), "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    listed = re.findall(r"(?m)^  ([a-z][a-z-]*)  ", result.stdout.split("Commands:")[-1])
    assert sorted(listed) == CONTENT_COMMANDS


@pytest.mark.slow
@pytest.mark.parametrize("command", CONTENT_COMMANDS)
def test_frozen_content_tool_has_every_documented_command(
    frozen: Path, tmp_path: Path, command: str
) -> None:
    """Each command the README documents answers --help in the frozen kiosk-content (the
    frozen tool once lacked `stats`, which INSTALL.md tells technicians to use)."""
    env = {k: v for k, v in build.clean_env().items() if not k.startswith("QT_")}
    result = subprocess.run(
        [str(_content_tool(frozen)), command, "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Usage: kiosk-content {command} "), result.stdout


@pytest.mark.slow
def test_frozen_content_tool_validates_the_default_bundle(frozen: Path, tmp_path: Path) -> None:
    """kiosk-content ships beside the kiosk and checks the bundle the kiosk ships with."""
    tool = frozen / "kiosk" / ("kiosk-content.exe" if IS_WINDOWS else "kiosk-content")
    bundle = frozen / "kiosk" / "_internal" / "kiosk" / "_data" / "db" / "exhibit.sqlite"
    env = {k: v for k, v in build.clean_env().items() if not k.startswith("QT_")}
    result = subprocess.run(
        [str(tool), "validate", str(bundle)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert os.access(tool, os.X_OK)


# -- the Linux kit for real: the frozen kiosk under cage (slow; shares the build above) -----------
# cage refuses to run as root: as root the test runs it as this unprivileged user (created when
# missing); as anyone else, as that user. It cannot read root's folders or pytest's temporary
# ones, so the program is copied where it can.
CAGE_USER = "kiosk-ci"
CAGE_TOOLS = {"cage": "cage", "grim": "grim", "Xwayland": "xwayland"}


def _cage_user() -> tuple[int, int] | None:
    """(uid, gid) to run cage as, or None to run it as ourselves; skips when there is none."""
    if os.geteuid() != 0:
        return None
    import pwd

    try:
        entry = pwd.getpwnam(CAGE_USER)
    except KeyError:
        if shutil.which("useradd") is None:
            pytest.skip(f"cage refuses root, and there is no user {CAGE_USER} nor useradd")
        useradd = ["useradd", "--system", "--no-create-home", "--user-group", "--shell"]
        made = subprocess.run(
            [*useradd, "/bin/false", CAGE_USER],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            entry = pwd.getpwnam(CAGE_USER)
        except KeyError:
            pytest.skip(f"cage refuses root, and user {CAGE_USER} cannot be made: {made.stderr}")
    return entry.pw_uid, entry.pw_gid


def _as_user(user: tuple[int, int] | None) -> dict[str, object]:
    """subprocess arguments that run a program as ``user`` (nothing when None)."""
    if user is None:
        return {}
    return {"user": user[0], "group": user[1], "extra_groups": []}


def _kiosk_pids(program: Path) -> list[int]:
    """The processes running ``program`` (the frozen kiosk, two levels under cage)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "exe").readlink() == program:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="cage is Linux's")
def test_frozen_kiosk_fills_cage_output(frozen: Path) -> None:
    """The Linux kit for real: the session script starts Debian's cage (headless wlroots,
    pixman: no GPU, no screen) with the frozen kiosk inside on the Wayland platform. The
    headless output is 1280x720, turned to portrait (720x1280) with cage -r as on Debian 12;
    grim grabs it: the frame fills the output. SIGTERM: the session exits 0, the log is clean."""
    from test_fullscreen import (
        DEADLINE_S,
        Frame,
        check_fills,
        grab_until_drawn,
        notify_socket,
        problems_in_log,
        wait_ready,
    )

    missing = [package for tool, package in CAGE_TOOLS.items() if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (scripts/install-system-deps installs them)")
    user = _cage_user()
    base = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    try:
        base.chmod(0o755)
        program = base / "kiosk"
        shutil.copytree(frozen / "kiosk", program, symlinks=True)
        session = base / "memorial-kiosk-session"
        shutil.copy2(LINUX / "memorial-kiosk-session", session)
        runtime, data = base / "run", base / "data"
        for folder in (runtime, data):
            folder.mkdir(mode=0o700)
            if user is not None:
                os.chown(folder, *user)
        notify = notify_socket(base)
        env = {
            "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG": "C.UTF-8",
            "HOME": str(data),
            "XDG_RUNTIME_DIR": str(runtime),
            "RUNTIME_DIRECTORY": str(runtime),  # what systemd's RuntimeDirectory= gives
            "XDG_SESSION_TYPE": "wayland",  # as memorial-kiosk.service sets it
            "WLR_BACKENDS": "headless",
            "WLR_RENDERER": "pixman",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            # Debian 12's cage 0.1.4 has no wlr-randr support: portrait by its own option. Not
            # turned, cage scans the kiosk's buffer out directly, and with the software scene
            # graph a later buffer holds only what changed (the flame): grim then sees black.
            "CAGE_OPTIONS": "-d -r",
            "KIOSK_PROGRAM": str(program / EXE),
            "KIOSK_DATA_DIR": str(data),
            "QT_QPA_PLATFORM": "wayland",
            "QT_QUICK_BACKEND": "software",  # no GPU here
            "NOTIFY_SOCKET": str(base / "notify.sock"),
        }
        output = base / "session.out"
        with output.open("wb") as out:
            cage = subprocess.Popen(
                [str(session)],
                cwd=base,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **_as_user(user),  # type: ignore[arg-type]
            )
        try:
            wait_ready(notify, cage, "cage with the kiosk")

            def grab() -> Frame:
                (display,) = [p.name for p in runtime.glob("wayland-*") if p.suffix != ".lock"]
                shot = subprocess.run(
                    ["grim", "-t", "ppm", "-"],
                    env={**env, "WAYLAND_DISPLAY": display},
                    capture_output=True,
                    check=True,
                    timeout=DEADLINE_S,
                    **_as_user(user),  # type: ignore[arg-type]
                )
                return Frame.from_ppm(shot.stdout)

            frame = grab_until_drawn(grab)
            assert frame.height > frame.width, f"not portrait: {frame.width}x{frame.height}"
            log_file = data / "logs" / "kiosk.log"
            check_fills(frame, log_file.read_text(encoding="utf-8"))
            (pid,) = _kiosk_pids(program / EXE)
            os.kill(pid, signal.SIGTERM)
            status = cage.wait(timeout=DEADLINE_S)
        finally:
            notify.close()
            if cage.poll() is None:
                os.killpg(cage.pid, signal.SIGKILL)
                cage.wait()
        said = output.read_text(encoding="utf-8", errors="replace")
        assert status == 0, said[-3000:]
        log_text = log_file.read_text(encoding="utf-8")
        assert not problems_in_log(log_text), problems_in_log(log_text)
        assert "platform wayland" in log_text
        assert "kiosk stopping (exit code 0)" in log_text
    finally:
        shutil.rmtree(base, ignore_errors=True)
