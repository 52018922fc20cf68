"""Write an output file without ever leaving a half-written or clobbered one: the caller writes
into a temporary file beside the target, which replaces the target only when the block ends
without an exception. Every failure to write becomes an OutputError with one Chinese sentence,
and an existing target stays untouched.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from app.errors import OutputError


def _locked(target: Path) -> OutputError:
    return OutputError(f"无法写入“{target.name}”：文件可能正在Excel或WPS中打开，请关闭后重试")


def _create_temp(folder: Path, target: Path) -> Path:
    """Create an empty, uniquely named file in `folder` (same volume, so the rename is atomic)."""
    temp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    # "x" mode respects the umask (mkstemp would leave the output readable by its owner only).
    with temp.open("xb"):
        pass
    return temp


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _check_target(target: Path) -> None:
    """Refuse early, before any work is done, a target that cannot be replaced."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"目标文件夹不存在：{folder}")
    if target.is_dir():
        raise OutputError(f"无法写入“{target.name}”：同名的文件夹已存在，请换一个文件名")
    if not target.exists():
        return
    # The mode bits, not os.access: a read-only file is read-only even to an administrator.
    if not target.stat().st_mode & stat.S_IWUSR:
        raise OutputError(f"没有写入权限：{target}（文件为只读，请取消只读属性或换一个文件名）")
    try:
        # On Windows a workbook open in Excel or WPS refuses to be opened for writing.
        with target.open("r+b"):
            pass
    except PermissionError:
        raise _locked(target) from None


def backup_path(target: Path, when: datetime.datetime | None = None) -> Path:
    """Return a free name beside `target` for keeping it: 结果_备份20240501-103000.xlsx
    (-2, -3 … when taken)."""
    stamp = (when or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.stem}_备份{stamp}{target.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{target.stem}_备份{stamp}-{n}{target.suffix}")
    return candidate


@contextlib.contextmanager
def atomic_output(target: str | Path, keep: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path in `target`'s folder; on a clean exit rename it onto `target`,
    otherwise delete it. With `keep`, an existing target is first moved there (a backup), so
    nothing a person made is lost. Raises OutputError (nothing changed) when the target
    cannot be written: missing folder, no permission, read-only target, or a target locked by
    another program."""
    target = Path(target)
    _check_target(target)
    try:
        temp = _create_temp(target.parent, target)
    except PermissionError:
        raise OutputError(f"没有写入权限：{target.parent}") from None
    except OSError as exc:
        raise OutputError(f"无法在“{target.parent}”中写入文件：{exc.strerror or exc}") from None
    try:
        yield temp
    except BaseException:
        _remove(temp)
        raise
    # Best effort: the data reaches the disk before the name points at it.
    with contextlib.suppress(OSError), temp.open("r+b") as fh:
        os.fsync(fh.fileno())
    kept = False
    try:
        if keep is not None and target.exists():
            os.replace(target, keep)
            kept = True
        os.replace(temp, target)
    except PermissionError:
        if kept:
            _restore(keep, target)
        _remove(temp)
        raise _locked(target) from None
    except OSError as exc:
        if kept:
            _restore(keep, target)
        _remove(temp)
        raise OutputError(f"无法写入“{target.name}”：{exc.strerror or exc}") from None


def _restore(kept: Path | None, target: Path) -> None:
    """Put a backup back where it was, when the new file could not take its place."""
    if kept is not None and not target.exists():
        with contextlib.suppress(OSError):
            os.replace(kept, target)
