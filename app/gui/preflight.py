"""Before Qt starts on Linux: are the system libraries there that Qt needs to open a window?

Qt's xcb platform plugin (X11, and Wayland desktops through XWayland) links to a dozen small
libxcb libraries that a desktop may lack. When one is missing Qt aborts with a message that
always blames `xcb-cursor0`, whichever it was. This module looks for each library first and
names the Debian/Ubuntu packages to install, in Chinese. No Qt import here: it runs before Qt
is loaded. (The PyInstaller folder carries these libraries; a `pip install` does not.)
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

XCB_PACKAGES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
"""What Qt's xcb plugin (libqxcb.so, libQt6XcbQpa.so.6) links to beyond Qt and the C/C++
runtime (read with objdump from PySide6 6.11): library file → Debian/Ubuntu package."""

QT_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
"""What Qt's own libraries need on any platform, offscreen too: a missing one stops
`import PySide6.QtGui` (see import_problem)."""

PACKAGES = {**XCB_PACKAGES, **QT_PACKAGES}
XCB_LIBRARIES = tuple(XCB_PACKAGES)

_MISSING = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


def _loads(name: str) -> bool:
    """True when the dynamic loader finds library `name` as Qt's plugin would (a frozen
    folder's own copies included: its launcher puts them on LD_LIBRARY_PATH)."""
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        # Present but one of its own dependencies missing: that one is reported by itself.
        found = _MISSING.search(str(exc))
        return found is not None and found.group(1) != name
    return True


def missing_libraries(names: tuple[str, ...] = XCB_LIBRARIES) -> list[str]:
    """Return the libraries among `names` that the dynamic loader cannot find."""
    return [name for name in names if not _loads(name)]


def install_hint(libraries: list[str]) -> str:
    """Return the command that installs the packages holding `libraries` (each once)."""
    packages = dict.fromkeys(PACKAGES.get(name, name) for name in libraries)
    return "sudo apt install " + " ".join(packages)


def _wayland_plugin_present() -> bool:
    """True when this Qt has the Wayland platform plugin (the PyInstaller folder has not)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    folders = (spec.submodule_search_locations or []) if spec is not None else []
    return any(
        any((Path(folder) / "Qt" / "plugins" / "platforms").glob("libqwayland*"))
        for folder in folders
    )


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """True when Qt will open its windows through xcb: asked for by QT_QPA_PLATFORM, or left
    to Qt outside a Wayland session it can use directly."""
    asked = environ.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    wayland = bool(environ.get("WAYLAND_DISPLAY")) or environ.get("XDG_SESSION_TYPE") == "wayland"
    return not (wayland and _wayland_plugin_present())


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Return why the window cannot open on this Linux desktop, in Chinese with the packages
    to install, or None when nothing is known to be wrong (and always off Linux)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or not uses_xcb(environ):
        return None
    if not environ.get("DISPLAY"):
        return (
            "无法打开窗口：没有找到图形桌面（未设置 DISPLAY）。请在桌面环境中运行；"
            "在没有桌面的服务器上截图，可设置环境变量 QT_QPA_PLATFORM=offscreen。"
        )
    absent = missing_libraries()
    if not absent:
        return None
    return (
        f"无法打开窗口：缺少图形界面所需的系统库 {'、'.join(absent)}。\n"
        f"请安装后重试（Debian/Ubuntu）：\n  {install_hint(absent)}"
    )


def import_problem(exc: ImportError) -> str:
    """Return, in Chinese, why Qt could not be loaded, with the package to install when the
    missing library is a known one."""
    found = _MISSING.search(str(exc))
    if found is None:
        return f"无法加载图形界面（Qt）：{exc}"
    library = found.group(1)
    hint = f"\n请安装后重试（Debian/Ubuntu）：\n  {install_hint([library])}"
    return f"无法加载图形界面（Qt）：缺少系统库 {library}。" + (hint if library in PACKAGES else "")
