"""Shared by every test: Qt runs headless, with the software scene graph (what CI has)."""

import faulthandler
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def _parse_qmldir(qmldir: Path) -> dict[str, str]:
    """Type name -> file (relative to the module) as a qmldir lists them."""
    listed: dict[str, str] = {}
    for line in qmldir.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if not words or line.startswith("#") or words[0] == "module":
            continue
        name, _version, path = words[-3:]
        assert name not in listed, f"{name} listed twice in {qmldir}"
        listed[name] = path
    return listed


@pytest.fixture(scope="session")
def qml_module_files() -> dict[str, str]:
    """The QML module's files as its qmldir lists them: type name -> path in the module."""
    from kiosk import paths

    return _parse_qmldir(paths.qml_dir() / "Kiosk" / "qmldir")


@pytest.fixture(autouse=True)
def _deadlock_watchdog() -> object:
    """End a deadlocked test with every thread's stack on stderr.

    pytest-timeout needs the GIL to act; a test deadlocked between Python and a Qt thread
    (Qt's image reader waiting for the GIL while the GUI thread, holding it, waits for the
    reader's lock) holds the GIL forever. faulthandler's watchdog is C: it needs no GIL.
    """
    faulthandler.dump_traceback_later(540, exit=True)
    yield None
    faulthandler.cancel_dump_traceback_later()
