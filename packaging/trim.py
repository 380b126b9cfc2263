"""What the frozen kiosk carries of Qt, decided in one place (used by kiosk.spec).

PyInstaller's PySide6 hooks collect every QML module, plugin and translation of the wheel: about
230 MB. The kiosk needs a small part of it. Three rules cut the rest:

1. QML modules: only those the kiosk's own QML imports, followed through Qt's ``qmldir`` files
   by ``qmlimportscanner``, with every Qt Quick Controls style but Basic hidden from the scanner
   (the kiosk sets the Basic style; the other styles are optional imports of QtQuick.Controls
   and would otherwise drag in their own libraries).
2. Plugins: an allowlist (``KEEP_PLUGINS``): the platforms a kiosk runs on (cage/Wayland, X11,
   Windows) or is tested on (offscreen, minimal), the image formats a bundle may hold
   (PNG is built in; JPEG, GIF, WebP), and the Wayland/X11 GL integrations.
3. Shared libraries: only those some kept binary needs (a walk over their import tables),
   so dropping a plugin also drops the library it alone used. Qt's own translations go.
4. ICU's data (Linux): PySide6's libicudata is a 32 MB archive of every locale's names,
   converters, dictionaries and collations. Qt uses ICU for locale-aware case mapping and
   collation only (it has its own CLDR tables for dates and numbers, and its own text
   boundaries), so the archive is rebuilt without what Qt never asks for (``ICU_DROP_*``):
   about 4 MB. Needs ICU's ``icupkg`` and ``genccode`` (Debian: icu-devtools) and a C compiler;
   without them the full archive ships and the build says so.

The rules name what to keep, not what to drop: a module added to a new PySide6 release stays
out until the kiosk asks for it. The frozen ``--self-test`` is what proves nothing needed left.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath

# Qt Quick Controls styles the kiosk does not use: hidden from qmlimportscanner (see rule 1).
UNUSED_CONTROLS_STYLES = (
    "QtQuick/Controls/Fusion",
    "QtQuick/Controls/Imagine",
    "QtQuick/Controls/Material",
    "QtQuick/Controls/Universal",
    "QtQuick/Controls/FluentWinUI3",
    "QtQuick/Controls/Windows",
    "QtQuick/Controls/macOS",
    "QtQuick/Controls/iOS",
    "QtQuick/Controls/Native",
    "QtQuick/Controls/designer",
)

# The one style the kiosk would use if its QML imported QtQuick.Controls: Controls imports it by
# name at run time (so the scanner cannot see it) when the app sets it with QQuickStyle or
# QT_QUICK_CONTROLS_STYLE. (Today the kiosk's QML builds on QtQuick.Templates, no style at all.)
CONTROLS_STYLE_KEPT = ("QtQuick/Controls/Basic", "QtQuick/Controls/Basic/impl")

# Plugin folder -> plugin names kept (file name without "lib" prefix, "d" debug suffix and
# extension). A folder not listed is dropped whole: platformthemes (GTK), qmltooling,
# sqldrivers, tls, networkinformation, platforminputcontexts, printsupport, iconengines,
# designer, egldeviceintegrations and generic (eglfs only), wayland-decoration-client.
KEEP_PLUGINS: dict[str, frozenset[str]] = {
    "platforms": frozenset(
        {
            "qwayland",  # cage (Wayland), the Linux kiosk's compositor
            "qwayland-egl",  # older Qt split the Wayland plugin in two
            "qwayland-generic",
            "qxcb",  # a kiosk PC running X11, and CI under Xvfb
            "qoffscreen",  # the self-test and screenshots in CI
            "qminimal",
            "qwindows",  # Windows
        }
    ),
    "imageformats": frozenset({"qjpeg", "qgif", "qwebp"}),  # PNG is built into QtGui
    "xcbglintegrations": frozenset({"qxcb-egl-integration", "qxcb-glx-integration"}),
    "wayland-shell-integration": frozenset({"xdg-shell"}),  # cage speaks xdg-shell only
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
}

# The studio (Qt Widgets) keeps these too: Windows' own widget style (Qt 6.7+ ships the
# "modern" one as a plugin; without it the studio falls back to Fusion). Linux wheels have none.
STUDIO_PLUGINS: dict[str, frozenset[str]] = {
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle"}),
}

QT_LIBRARY_PREFIXES = ("qt6", "libqt6", "icu", "libicu", "pyside6", "libpyside6")


def parts_of(dest: str) -> tuple[str, ...]:
    """The path parts of a TOC destination name, whatever the separator."""
    return PurePath(dest.replace("\\", "/")).parts


def qt_area(dest: str) -> tuple[str, tuple[str, ...]] | None:
    """Where in PySide6 a collected file lives: ("qml"|"plugins"|"translations", rest) or None.

    Linux wheels put them under ``PySide6/Qt/<area>``, Windows wheels under ``PySide6/<area>``.
    """
    parts = parts_of(dest)
    if not parts or parts[0] != "PySide6":
        return None
    rest = parts[1:]
    if rest and rest[0] == "Qt":
        rest = rest[1:]
    if len(rest) >= 2 and rest[0] in ("qml", "plugins", "translations"):
        return rest[0], rest[1:]
    return None


def plugin_name(filename: str) -> str:
    """``libqxcb.so`` -> ``qxcb``; ``qwindows.dll`` -> ``qwindows``."""
    stem = filename.split(".", 1)[0]
    return stem.removeprefix("lib")


def keep_plugin(rest: tuple[str, ...], extra: Mapping[str, frozenset[str]] | None = None) -> bool:
    """True when the plugin at ``plugins/<rest>`` is one the kiosk uses (or ``extra`` names:
    the studio's own, ``STUDIO_PLUGINS``)."""
    if len(rest) != 2:
        return False
    folder, filename = rest
    allowed = KEEP_PLUGINS.get(folder, frozenset()) | (extra or {}).get(folder, frozenset())
    if not allowed:
        return False
    name = plugin_name(filename)
    return name in allowed or (name.endswith("d") and name[:-1] in allowed and os.name == "nt")


def module_of(rest: tuple[str, ...], module_dirs: frozenset[str]) -> str | None:
    """The QML module folder (relative to Qt's qml folder) a file belongs to: its deepest
    ancestor folder that is a module. None for files at the top of the qml folder."""
    for depth in range(len(rest) - 1, 0, -1):
        candidate = "/".join(rest[:depth])
        if candidate in module_dirs:
            return candidate
    return None


def keep_qml_file(rest: tuple[str, ...], module_dirs: frozenset[str], used: frozenset[str]) -> bool:
    """True when the file at ``qml/<rest>`` belongs to a QML module the kiosk uses."""
    if rest[-1].endswith(".qmltypes"):
        return False  # type descriptions for qmllint and Qt Creator; the engine never reads them
    module = module_of(rest, module_dirs)
    if module is None:
        # builtins.qmltypes / jsroot.qmltypes at the top: tooling only.
        return False
    return module in used


def find_module_dirs(qt_qml_dir: Path) -> frozenset[str]:
    """Every folder under Qt's qml folder that holds a ``qmldir`` (a QML module)."""
    return frozenset(
        p.parent.relative_to(qt_qml_dir).as_posix() for p in qt_qml_dir.rglob("qmldir")
    )


def _filtered_import_tree(qt_qml_dir: Path, into: Path) -> None:
    """A mirror of Qt's qml folder (symlinks or copies) without the unused Controls styles."""
    for folder, dirs, files in os.walk(qt_qml_dir):
        rel = Path(folder).relative_to(qt_qml_dir).as_posix()
        if any(rel == s or rel.startswith(s + "/") for s in UNUSED_CONTROLS_STYLES):
            dirs[:] = []
            continue
        target = into / rel
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            # Only qmldir and .qml/.js/.mjs files matter to the scanner; skip the binaries.
            if name == "qmldir" or name.endswith((".qml", ".js", ".mjs", ".qmltypes")):
                src = Path(folder) / name
                try:
                    (target / name).symlink_to(src)
                except OSError:  # Windows without symlink rights
                    shutil.copy2(src, target / name)


def scan_qml_imports(scanner: Path, app_qml_dir: Path, qt_qml_dir: Path) -> frozenset[str]:
    """The Qt QML module folders the kiosk's QML needs, transitively, Basic style only.

    Raises RuntimeError with the scanner's message when it fails.
    """
    with tempfile.TemporaryDirectory(prefix="kiosk-qmlscan-") as tmp:
        tree = Path(tmp) / "qml"
        _filtered_import_tree(qt_qml_dir, tree)
        result = subprocess.run(
            [
                str(scanner),
                "-rootPath",
                str(app_qml_dir),
                "-importPath",
                str(app_qml_dir),
                "-importPath",
                str(tree),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"qmlimportscanner failed: {result.stderr.strip()}")
        entries = json.loads(result.stdout)
    used = set()
    for entry in entries:
        rel = entry.get("relativePath")
        path = entry.get("path")
        if entry.get("type") == "module" and rel and path and Path(path).is_relative_to(tree):
            used.add(rel)
    if "QtQuick/Controls" in used:
        used.update(CONTROLS_STYLE_KEPT)
    return frozenset(used)


def find_qmlimportscanner(pyside_dir: Path) -> Path:
    """The qmlimportscanner the PySide6 wheel ships (Qt/libexec on Linux, the package on
    Windows)."""
    names = ("qmlimportscanner", "qmlimportscanner.exe")
    for folder in (pyside_dir / "Qt" / "libexec", pyside_dir, pyside_dir / "Qt" / "bin"):
        for name in names:
            if (folder / name).is_file():
                return folder / name
    raise FileNotFoundError(f"no qmlimportscanner in {pyside_dir}")


def is_qt_library(dest: str) -> bool:
    """A Qt, ICU or PySide shared library (as opposed to a plugin or a Python extension)."""
    parts = parts_of(dest)
    if not parts or qt_area(dest) is not None:
        return False
    name = parts[-1].lower()
    if is_python_extension(name):
        return False
    return name.startswith(QT_LIBRARY_PREFIXES)


def is_python_extension(name: str) -> bool:
    """``QtCore.abi3.so``, ``_sqlite3.cpython-311-x86_64-linux-gnu.so``, ``QtCore.pyd``."""
    name = name.lower()
    return name.endswith((".pyd", ".abi3.so")) or ".cpython-" in name


# Loaded with dlopen() by name, so no import table points at them; kept when collected.
DLOPENED = ("libdbus-1.so", "libpython")


def is_prunable_library(dest: str, *, windows: bool) -> bool:
    """A shared library that is only worth shipping when a kept binary links against it.

    On Linux that is every shared library but the Python runtime and the ones Qt loads by
    name; on Windows only Qt's own DLLs (the C runtime's forwarding DLLs defeat a walk over
    import tables, so they are left to PyInstaller).
    """
    if windows:
        return is_qt_library(dest)
    parts = parts_of(dest)
    if not parts or qt_area(dest) is not None:
        return False
    name = parts[-1]
    if is_python_extension(name) or name.startswith(DLOPENED):
        return False
    return name.startswith("lib") and ".so" in name


Entry = tuple[str, str, str]


def prune_libraries(
    binaries: Iterable[Entry],
    imports_of: Callable[[str], Iterable[str]],
    prunable: Callable[[str], bool],
) -> tuple[list[Entry], list[Entry]]:
    """Keep the prunable libraries some other kept binary needs (transitively); drop the rest.

    ``imports_of(src)`` gives the file names a binary links against; ``prunable(dest)`` says
    which entries may go. Returns (kept, dropped).
    """
    entries = list(binaries)

    def key(dest: str) -> str:
        return parts_of(dest)[-1].lower()

    files = [e for e in entries if e[2] != "SYMLINK"]
    libs = {key(dest): src for dest, src, _kind in files if prunable(dest)}
    reachable: set[str] = set()
    queue = [src for dest, src, _kind in files if not prunable(dest)]
    seen: set[str] = set()
    while queue:
        src = queue.pop()
        if src in seen:
            continue
        seen.add(src)
        for name in imports_of(src):
            lib = PurePath(name.replace("\\", "/")).name.lower()
            if lib in libs and lib not in reachable:
                reachable.add(lib)
                queue.append(libs[lib])
    kept = [e for e in entries if not prunable(e[0]) or key(e[0]) in reachable]
    dropped = [e for e in entries if prunable(e[0]) and key(e[0]) not in reachable]
    return kept, dropped


def drop_dangling_symlinks(
    datas: Iterable[Entry], present: Iterable[str]
) -> tuple[list[Entry], list[Entry]]:
    """Drop PyInstaller's SYMLINK entries (``dest -> target dest``) whose target went."""
    there = {PurePath(d.replace("\\", "/")).as_posix() for d in present}
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in datas:
        dest, target, kind = entry
        if kind == "SYMLINK":
            base = PurePath(dest.replace("\\", "/")).parent
            resolved = os.path.normpath((base / target.replace("\\", "/")).as_posix())
            ok = PurePath(target).as_posix() in there or PurePath(resolved).as_posix() in there
            (kept if ok else dropped).append(entry)
        else:
            kept.append(entry)
    return kept, dropped


def select(
    toc: Iterable[Entry],
    module_dirs: frozenset[str],
    used_qml: frozenset[str],
    extra_plugins: Mapping[str, frozenset[str]] | None = None,
) -> tuple[list[Entry], list[Entry]]:
    """Split a TOC (binaries or datas) into (kept, dropped) by the QML and plugin rules
    (``extra_plugins``: more plugins to keep, by folder)."""
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in toc:
        area = qt_area(entry[0])
        if area is None:
            keep = True
        elif area[0] == "qml":
            keep = keep_qml_file(area[1], module_dirs, used_qml)
        elif area[0] == "plugins":
            keep = keep_plugin(area[1], extra_plugins)
        else:  # Qt's own translations: the kiosk shows no Qt dialog that would use them
            keep = False
        (kept if keep else dropped).append(entry)
    return kept, dropped


def folder_size(path: Path) -> int:
    """Bytes in all regular files under ``path`` (symlinks not followed, not counted twice)."""
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            p = Path(folder) / name
            if not p.is_symlink():
                total += p.stat().st_size
    return total


# --- ICU data (rule 4) -------------------------------------------------------------------------

# Trees of the ICU data archive Qt never reads: display names of currencies, languages,
# regions, units and time zones, spelled-out numbers, transliterators, and break iterators
# with their dictionaries (Qt has its own text boundaries).
ICU_DROP_TREES = ("curr/", "lang/", "region/", "unit/", "zone/", "rbnf/", "translit/", "brkitr/")
# Collations of Chinese, Japanese and Korean (1.1 MB): a bundle in those languages would sort
# by the root collation (Unicode's default order), which is still a sensible order.
ICU_DROP_COLLATIONS = re.compile(r"^coll/(zh|ja|ko|yue)([_.])")
# Per-locale formatting data (dates, numbers) at the top: Qt formats with its own CLDR tables.
ICU_LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
ICU_KEEP = frozenset({"res_index.res"})


def icu_item_dropped(item: str) -> bool:
    """True for an ICU data item (as ``icupkg -l`` names it) the kiosk's Qt never reads."""
    if item in ICU_KEEP:
        return False
    return (
        item.endswith(".cnv")  # legacy-encoding converters: the kiosk reads and writes UTF-8
        or item.startswith(ICU_DROP_TREES)
        or bool(ICU_DROP_COLLATIONS.match(item))
        or ("/" not in item and bool(ICU_LOCALE_RES.match(item)))
        or item == "unames.icu"  # Unicode character names
    )


def elf_symbol_bytes(path: Path, pattern: str) -> tuple[str, bytes]:
    """The name and contents of the first dynamic symbol matching ``pattern`` in an ELF64
    little-endian shared library (ICU's data archive is one such symbol)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    wanted = re.compile(pattern)
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link]
        for pos in range(offset, offset + size, entsize or 24):
            st_name, _st_info, _st_other, shndx, value, sym_size = struct.unpack_from(
                "<IBBHQQ", data, pos
            )
            start = strtab[4] + st_name
            name = data[start : data.index(b"\0", start)].decode("ascii")
            if wanted.fullmatch(name) and 0 < shndx < len(sections):
                home = sections[shndx]
                file_offset = home[4] + (value - home[3])
                return name, data[file_offset : file_offset + sym_size]
    raise ValueError(f"{path}: no symbol matching {pattern}")


def icu_tools() -> dict[str, str] | None:
    """Paths of icupkg, genccode and a C compiler, or None when one is missing."""
    found = {
        "icupkg": shutil.which("icupkg"),
        "genccode": shutil.which("genccode"),
        "cc": shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc"),
    }
    if not all(found.values()):
        return None
    return {k: str(v) for k, v in found.items()}


def shrink_icu_data(library: Path, workdir: Path, tools: dict[str, str]) -> tuple[Path, int]:
    """Rebuild ICU's data library without the items Qt never reads.

    Returns (the new library, the number of items dropped). The new library has the same
    file name, soname and entry symbol (``icudtNN_dat``), so libicuuc links to it unchanged.
    """
    symbol, blob = elf_symbol_bytes(library, r"icudt\d+_dat")
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError(f"{library}: {symbol} is not an ICU common data archive")
    entry = symbol.removesuffix("_dat")  # icudt73
    package = f"{entry}l"  # the item prefix inside the archive: icudt73l/...
    if workdir.exists():
        shutil.rmtree(workdir)
    (workdir / "in").mkdir(parents=True)
    (workdir / "out").mkdir()
    full = workdir / "in" / f"{package}.dat"
    full.write_bytes(blob)
    listing = subprocess.run(
        [tools["icupkg"], "-l", str(full)], capture_output=True, text=True, check=True
    ).stdout.split()
    dropped = [item for item in listing if icu_item_dropped(item)]
    (workdir / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
    # The output must carry the package's own name: icupkg prefixes every item with it.
    trimmed = workdir / "out" / f"{package}.dat"
    subprocess.run(
        [tools["icupkg"], "-r", str(workdir / "drop.txt"), str(full), str(trimmed)],
        capture_output=True,
        text=True,
        check=True,
    )
    subprocess.run(
        [tools["genccode"], "-q", "-e", entry, "-a", "gcc", "-d", str(workdir), str(trimmed)],
        capture_output=True,
        text=True,
        check=True,
    )
    assembly = workdir / f"{package}_dat.S"
    soname = library.name
    out = workdir / "lib" / soname
    out.parent.mkdir()
    subprocess.run(
        [
            tools["cc"],
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{soname}",
            "-Wl,-z,noexecstack",
            "-o",
            str(out),
            str(assembly),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out, len(dropped)
