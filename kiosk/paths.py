"""The one place that knows where the kiosk's own files are.

Three layouts are possible, and every path to a resource goes through here:

* a source checkout: ``<repo>/resources`` and ``<repo>/db`` beside the package;
* an installed wheel: ``kiosk/_data/resources`` and ``kiosk/_data/db`` (see pyproject.toml);
* a frozen PyInstaller build: the same ``kiosk/_data`` tree under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_root() -> Path:
    """The folder holding ``resources/`` and ``db/`` in whichever layout this is."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_base:
        return Path(frozen_base) / "kiosk" / "_data"
    installed = _PACKAGE / "_data"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent


def resources_dir() -> Path:
    return data_root() / "resources"


def qml_dir() -> Path:
    """The QML import path: it holds the ``Kiosk`` module folder."""
    return resources_dir() / "qml"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def default_bundle() -> Path:
    """The default exhibit's bundle that ships with the program."""
    return data_root() / "db" / "exhibit.sqlite"


def default_source() -> Path:
    """The editable source of the default exhibit (only in a source checkout)."""
    return data_root() / "db" / "source"
