"""What a failure to open, read or write a user's file means, in one Chinese sentence, and the
ways Windows fails where Linux does not: a workbook open in Excel or WPS (a sharing
violation), a OneDrive file that is not on this computer (files on demand), a path longer than
Windows' 260 characters.
"""

from __future__ import annotations

import ntpath
import os
from pathlib import Path

WINDOWS = os.name == "nt"

MAX_PATH = 260
"""Windows' classic limit on a path, its terminating NUL included: 259 characters usable."""

ERROR_ACCESS_DENIED = 5
SHARING_VIOLATIONS = frozenset({32, 33})
"""ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file."""
LONG_PATH_ERRORS = frozenset({3, 206})
"""ERROR_PATH_NOT_FOUND (what a path over MAX_PATH gives), ERROR_FILENAME_EXCED_RANGE."""
CLOUD_FILE_ERRORS = frozenset({358, *range(362, 367), *range(374, 384), *range(386, 399), 426, 434})
"""ERROR_CLOUD_FILE_*: the sync provider (OneDrive) could not bring the file to this computer:
not running, no network, signed out, the download aborted or timed out."""

IN_USE = "文件正被其他程序打开，请关闭后重试"
"""The end of the sentence for a file held by another program (Excel or WPS, most often)."""


def winerror(exc: OSError) -> int | None:
    """Return the Windows error code of `exc` (None elsewhere, or when it has none)."""
    return getattr(exc, "winerror", None)


def in_use(exc: OSError) -> bool:
    """True when another program holds the file (a sharing or lock violation)."""
    return winerror(exc) in SHARING_VIOLATIONS


def too_long(path: str | Path, exc: OSError) -> bool:
    """True when `exc` is what Windows gives for a `path` beyond MAX_PATH."""
    text = os.fspath(path)
    return (
        len(os.path.abspath(text)) >= MAX_PATH
        and not text.startswith("\\\\?\\")
        and winerror(exc) in LONG_PATH_ERRORS
    )


def describe(path: str | Path, exc: OSError, writing: bool = False) -> str:
    """Return one Chinese sentence for `exc`, raised while reading (or `writing`) `path`."""
    name = Path(path).name
    verb = "写入" if writing else "读取"
    code = winerror(exc)
    if code in SHARING_VIOLATIONS:
        return f"无法{verb}“{name}”：{IN_USE}"
    if code in CLOUD_FILE_ERRORS:
        return (
            f"无法{verb}“{name}”：文件在 OneDrive 等网盘中，尚未下载到本机（或网盘程序未运行、"
            "网络不通）。请在文件夹中右键该文件选择“始终保留在此设备上”，下载完成后重试"
        )
    if too_long(path, exc):
        return (
            f"无法{verb}“{name}”：文件路径太长（{len(os.fspath(path))}个字符，Windows 限 259 个），"
            "请把文件移到路径较短的文件夹（如 D:\\自评）后重试"
        )
    if isinstance(exc, FileNotFoundError) and not writing:
        return f"找不到文件：{path}"
    if isinstance(exc, PermissionError):
        return f"无法{verb}“{name}”：没有{verb}权限，请检查文件和文件夹的权限后重试"
    reason = exc.strerror or type(exc).__name__
    return (
        f"无法写入“{name}”：{reason}"
        if writing
        else f"无法读取“{name}”：{reason}，请检查文件后重试"
    )


def long_path(path: str | Path, windows: bool = WINDOWS) -> str:
    """Return `path` as Windows can open it whatever its length: beyond MAX_PATH, absolute
    with the `\\\\?\\` prefix (`\\\\?\\UNC\\` for a network share); unchanged when short, already
    prefixed, or not on Windows."""
    text = os.fspath(path)
    if not windows or text.startswith("\\\\?\\"):
        return text
    full = ntpath.abspath(text)
    if len(full) < MAX_PATH:
        return text
    if full.startswith("\\\\"):
        return "\\\\?\\UNC\\" + full[2:]
    return "\\\\?\\" + full
