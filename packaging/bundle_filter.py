"""What build.spec leaves out of the folder: unused Qt plugins, translations and libraries.

PyInstaller's Qt hooks collect every plugin of a used kind, every translation of a used module
and each library those need. The app is a plain QtWidgets window, so most of that is dead
weight (Wayland, EGLFS, GTK theme, SVG icons, image readers, TLS, 98 of 99 translations). These
functions take the lists `Analysis` produced and return what to keep; they import nothing from
PyInstaller, so tests run them without a build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable

Entry = tuple[str, str, str]
"""A PyInstaller TOC entry: (destination in the bundle, source, typecode)."""

KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    # offscreen: CI and --screenshot; xcb: Linux desktops (Wayland ones run it through
    # XWayland); minimal: a last resort; windows and cocoa: the other desktops.
    "platforms": frozenset({"qoffscreen", "qminimal", "qxcb", "qwindows", "qcocoa"}),
    # Typing Chinese on Linux goes through ibus or compose.
    "platforminputcontexts": None,
    # The native look on Windows (qmodernwindowsstyle).
    "styles": None,
    # Native file dialogs under Flatpak-style portals; GTK3 would pull in all of GTK.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
}
"""Plugin folders to keep, each with the plugin names to keep (None: all of them)."""

KEEP_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm"})
"""The only Qt translation the GUI loads (app.gui._install_translations)."""

DROP_DATA_FOLDERS = ("docx/templates/default-docx-template/",)
"""Package data no code reads: python-docx ships the unzipped source of its default.docx
(0.9 MB) beside default.docx itself, which is what it opens."""

_PLUGIN = re.compile(r"(?:^|/)plugins/([^/]+)/([^/]+)$")
_TRANSLATION = re.compile(r"(?:^|/)translations/([^/]+\.qm)$")
_PYTHON_LIBRARY = re.compile(r"^(lib)?python3\d*(\.\d+)*\.(so|dll|dylib)", re.I)


def _dest(entry: Entry) -> str:
    return entry[0].replace("\\", "/")


def _base(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1].lower()


def plugin_name(filename: str) -> str:
    """Return a plugin's name without platform decoration: libqxcb.so, qxcb.dll -> qxcb."""
    name = filename.rsplit(".", 1)[0] if "." in filename else filename
    return name[3:] if name.startswith("lib") else name


def keep_qt_file(dest: str) -> bool:
    """False for a Qt plugin or translation the app does not use; True for anything else."""
    dest = dest.replace("\\", "/")
    plugin = _PLUGIN.search(dest)
    if plugin and "PySide6/" in dest:
        kind, filename = plugin.groups()
        if kind not in KEEP_PLUGINS:
            return False
        names = KEEP_PLUGINS[kind]
        return names is None or plugin_name(filename) in names
    translation = _TRANSLATION.search(dest)
    if translation and "PySide6/" in dest:
        return translation.group(1) in KEEP_TRANSLATIONS
    return True


def _is_root(entry: Entry) -> bool:
    """An entry something loads by itself, not because another binary links to it."""
    dest, _, kind = entry
    return (
        kind != "BINARY"
        or _PLUGIN.search(_dest(entry)) is not None
        or _PYTHON_LIBRARY.match(_base(dest)) is not None
    )


def reachable_binaries(
    binaries: Iterable[Entry], imports_of: Callable[[str], Iterable[str]]
) -> list[Entry]:
    """Return the binaries still needed: the roots (extension modules, plugins, the Python
    library) and every library they link to, directly or not. `imports_of(source)` gives the
    names of the libraries a file links to (PyInstaller's `bindepend.get_imports`)."""
    binaries = list(binaries)
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(_base(entry[0]), []).append(entry)
    needed: set[int] = set()
    stack = [e for e in binaries if _is_root(e)]
    while stack:
        entry = stack.pop()
        if id(entry) in needed:
            continue
        needed.add(id(entry))
        for name in imports_of(entry[1]):
            stack.extend(by_name.get(_base(name), ()))
    return [e for e in binaries if id(e) in needed]


def filter_bundle(
    binaries: Iterable[Entry],
    datas: Iterable[Entry],
    imports_of: Callable[[str], Iterable[str]],
) -> tuple[list[Entry], list[Entry]]:
    """Return (binaries, datas) without the unused Qt plugins and translations, without the
    libraries only those needed, without package data no code reads (`DROP_DATA_FOLDERS`),
    and without symbolic links to what was dropped."""
    kept = [e for e in binaries if keep_qt_file(e[0])]
    kept = reachable_binaries(kept, imports_of)
    present = {_dest(e) for e in kept}
    files = []
    for entry in datas:
        if not keep_qt_file(entry[0]) or _dest(entry).startswith(DROP_DATA_FOLDERS):
            continue
        # A link to a library no longer there (its target is relative to the link's folder).
        if entry[2] == "SYMLINK":
            target = posixpath.join(posixpath.dirname(_dest(entry)), entry[1].replace("\\", "/"))
            if posixpath.normpath(target) not in present:
                continue
        files.append(entry)
    return kept, files
