"""Leave out of the frozen app what it never loads: unused Qt plugins and their libraries.

PyInstaller's Qt hooks collect every plugin of a type that QtGui or QtWidgets may use, and then
every library those plugins link to. On Linux that brings GTK 3 with Cairo, Pango and ATK (for
the gtk3 platform theme), the eglfs/linuxfb/vnc platforms of embedded devices, and image formats
the app never reads: about a tenth of the bundle, and system libraries that are better taken
from the user's own system. The spec calls `trim` after the Analysis; the rules are data here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

TocEntry = tuple[str, str, str]
"""PyInstaller's (name in the bundle, source path, type code)."""

EVERY_PLUGIN = frozenset({"*"})

UNUSED_QT_PLUGINS: dict[str, frozenset[str]] = {
    # Embedded-device platforms and their input drivers; the desktop ones stay:
    # xcb, wayland, windows, cocoa, offscreen (headless runs), minimal.
    "platforms": frozenset(
        {"qeglfs", "qlinuxfb", "qminimalegl", "qvnc", "qvkkhrdisplay", "qdirect2d", "qdirectfb"}
    ),
    "egldeviceintegrations": EVERY_PLUGIN,
    "generic": EVERY_PLUGIN,
    # The GTK 3 theme pulls in all of GTK; the XDG portal theme gives native dialogs without it.
    "platformthemes": frozenset({"qgtk3"}),
    # The app shows only SVG drawings and icons.
    "imageformats": frozenset(
        {"qgif", "qicns", "qjpeg", "qtga", "qtiff", "qwbmp", "qwebp", "qpdf", "qmng"}
    ),
    # Wayland shells of kiosks, cars and Qt's own compositor; xdg-shell is the desktop one.
    "wayland-shell-integration": frozenset(
        {"fullscreen-shell-v1", "ivi-shell", "wl-shell-plugin", "qt-shell"}
    ),
}

QT_TRANSLATION_LANGUAGES = frozenset({"ja", "en"})
"""Qt's own translations (qtbase_*.qm: standard dialogs) kept for the app's languages."""

_PLUGIN_PATH = re.compile(r"(?:^|/)plugins/(?P<kind>[^/]+)/(?P<file>[^/]+)$")


def plugin_of(name: str) -> tuple[str, str] | None:
    """('platforms', 'qvnc') for 'PySide6/Qt/plugins/platforms/libqvnc.so'; None if no Qt plugin."""
    match = _PLUGIN_PATH.search(name.replace("\\", "/"))
    if match is None or "PySide6" not in name:
        return None
    stem = match["file"].split(".")[0]
    if stem.startswith("lib") and not match["file"].lower().endswith(".dll"):
        stem = stem[3:]
    return match["kind"], stem


def is_unused_plugin(name: str) -> bool:
    plugin = plugin_of(name)
    if plugin is None:
        return False
    unused = UNUSED_QT_PLUGINS.get(plugin[0], frozenset())
    return unused is EVERY_PLUGIN or plugin[1] in unused


_QT_TRANSLATION = re.compile(
    r"(?:^|/)translations/[a-z_]+?_(?P<lang>[a-z]{2,3})(?:_[A-Z]{2})?\.qm$"
)


def is_unused_qt_translation(name: str) -> bool:
    """True for Qt's own .qm files in a language the app does not speak (qt_de.qm, ...)."""
    name = name.replace("\\", "/")
    match = _QT_TRANSLATION.search(name)
    return match is not None and "PySide6" in name and match["lang"] not in QT_TRANSLATION_LANGUAGES


def unreachable_libraries(
    binaries: Iterable[TocEntry], needed: Callable[[str], Iterable[str]]
) -> set[str]:
    """Bundle names of the shared libraries that nothing kept links to, directly or not.

    The roots are Python's extension modules, libpython and the Qt plugins (which Qt loads by
    itself); `needed(source)` gives one binary's linked library names (ELF DT_NEEDED).
    """
    entries = list(binaries)
    by_file: dict[str, list[TocEntry]] = {}
    for entry in entries:
        by_file.setdefault(PurePosixPath(entry[0].replace("\\", "/")).name, []).append(entry)

    def is_root(entry: TocEntry) -> bool:
        base = PurePosixPath(entry[0].replace("\\", "/")).name
        return (
            entry[2] != "BINARY" or plugin_of(entry[0]) is not None or base.startswith("libpython")
        )

    reached: set[str] = set()
    todo = [entry for entry in entries if is_root(entry)]
    while todo:
        entry = todo.pop()
        if entry[0] in reached:
            continue
        reached.add(entry[0])
        for library in needed(entry[1]):
            todo.extend(e for e in by_file.get(library, ()) if e[0] not in reached)
    return {entry[0] for entry in entries if entry[0] not in reached}


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED names of an ELF file, read with objdump (which PyInstaller needs on Linux)."""
    done = subprocess.run(
        ["objdump", "-p", path], capture_output=True, text=True, check=False, timeout=60
    )
    return re.findall(r"^\s*NEEDED\s+(\S+)", done.stdout, flags=re.MULTILINE)


def trim(
    binaries: list[TocEntry],
    datas: list[TocEntry],
    needed: Callable[[str], Iterable[str]] | None = None,
) -> tuple[list[TocEntry], list[TocEntry], list[str]]:
    """The Analysis' binaries and datas without unused plugins (and, on Linux, their libraries)
    and without Qt's translations into languages the app does not offer.

    Returns the new lists and the bundle names left out, for the build log.
    """
    dropped = {entry[0] for entry in binaries if is_unused_plugin(entry[0])}
    kept = [entry for entry in binaries if entry[0] not in dropped]
    if needed is None and sys.platform.startswith("linux"):
        needed = elf_needed
    if needed is not None:
        orphans = unreachable_libraries(kept, needed)
        dropped |= orphans
        kept = [entry for entry in kept if entry[0] not in orphans]
    # PyInstaller links top-level names to libraries that live deeper (libQt6Core.so.6 ->
    # PySide6/Qt/lib/libQt6Core.so.6); a link to a library left out would dangle.
    kept_datas = [
        entry
        for entry in datas
        if not (entry[2] == "SYMLINK" and _link_target(entry) in dropped)
        and not is_unused_qt_translation(entry[0])
    ]
    gone = sorted(dropped | {e[0] for e in datas if e not in kept_datas})
    return kept, kept_datas, gone


def _link_target(entry: TocEntry) -> str:
    """The bundle name a SYMLINK entry points to (its source is relative to its own folder)."""
    folder = PurePosixPath(entry[0].replace("\\", "/")).parent
    parts: list[str] = []
    for part in (folder / entry[1].replace("\\", "/")).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
