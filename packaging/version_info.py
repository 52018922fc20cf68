"""The app's version as build.spec needs it, and the Windows version resource it writes.

Explorer shows the resource under Properties → Details; the numbers come from
`app.__version__`, read from the source so the build does not import the app.
"""

from __future__ import annotations

import ast
from pathlib import Path


def app_version(root: str | Path) -> str:
    """Return `__version__` from `root`/app/__init__.py."""
    tree = ast.parse((Path(root) / "app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(getattr(target, "id", None) == "__version__" for target in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            return str(node.value.value)
    raise ValueError(f"{root}/app/__init__.py 中没有 __version__")


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """Return the four numbers of a Windows file version: "0.1.0" -> (0, 1, 0, 0); a part
    that is not a number ("0.2.0rc1") counts for its leading digits."""
    numbers = []
    for part in (version.split(".") + ["0"] * 4)[:4]:
        digits = ""
        for char in part:
            if not char.isdigit():
                break
            digits += char
        numbers.append(int(digits or 0))
    return tuple(numbers)  # type: ignore[return-value]


def version_info_text(version: str, exe_name: str) -> str:
    """Return PyInstaller's text form of a Windows version resource (Chinese, 2052) for
    `exe_name` (e.g. "selfeval-gui.exe") at `version`."""
    numbers = version_numbers(version)
    return f"""# -*- coding: utf-8 -*-
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
      StringTable('080404B0', [
        StringStruct('CompanyName', 'selfeval'),
        StringStruct('FileDescription', 'selfeval 绩效自评表助手'),
        StringStruct('FileVersion', '{version}'),
        StringStruct('InternalName', '{exe_name.removesuffix(".exe")}'),
        StringStruct('LegalCopyright', 'MIT License'),
        StringStruct('OriginalFilename', '{exe_name}'),
        StringStruct('ProductName', 'selfeval 绩效自评表助手'),
        StringStruct('ProductVersion', '{version}'),
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])]),
  ],
)
"""


def write_version_info(folder: str | Path, version: str, exe_name: str) -> Path:
    """Write the resource text for `exe_name` into `folder`; return the file's path."""
    target = Path(folder) / f"version-{exe_name}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(version_info_text(version, exe_name), encoding="utf-8")
    return target
