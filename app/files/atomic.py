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
import time
from collections.abc import Iterator
from pathlib import Path

from app.errors import OutputError
from app.files.errors import (
    ERROR_ACCESS_DENIED,
    IN_USE,
    describe,
    in_use,
    long_path,
    winerror,
)

RENAME_WAITS = (0.1, 0.2, 0.4, 0.8)
"""Seconds to wait before each new try of a rename that Windows refused: an antivirus scan,
the search indexer or OneDrive may hold the new file, or the old one, for a moment."""


def _locked(target: Path) -> OutputError:
    return OutputError(f"无法写入“{target.name}”：{IN_USE}")


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
    except OSError as exc:
        raise OutputError(describe(target, exc, writing=True)) from None


def _replace(temp: Path, target: Path) -> None:
    """Rename `temp` onto `target`, trying again for a moment while Windows refuses because
    another program holds one of them; OutputError when it still cannot."""
    for wait in (*RENAME_WAITS, None):
        try:
            os.replace(temp, target)
            return
        except PermissionError as exc:
            # Windows says "access denied" (5) when the target is open in Excel or WPS.
            held = in_use(exc) or winerror(exc) == ERROR_ACCESS_DENIED
            if held and wait is not None:
                time.sleep(wait)
                continue
            if held:
                raise _locked(target) from None
            raise OutputError(describe(target, exc, writing=True)) from None
        except OSError as exc:
            raise OutputError(describe(target, exc, writing=True)) from None


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
    nothing a person made is lost. Raises OutputError (nothing changed) when the target cannot
    be written: missing folder, no permission, read-only target, a target held by another
    program (Excel, WPS; a rename Windows refuses is tried again for 1.5 s first), or one not
    on this computer (OneDrive). A target beyond Windows' 260 characters is written through
    its long-path form."""
    target = Path(long_path(target))  # beyond 260 characters on Windows: \\?\ prefixed
    if keep is not None:
        keep = Path(long_path(keep))
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
            try:
                _replace(target, keep)
            except OutputError:
                raise _locked(target) from None  # the earlier file is held by another program
            kept = True
        _replace(temp, target)
    except OutputError:
        if kept:
            _restore(keep, target)
        _remove(temp)
        raise


def _restore(kept: Path | None, target: Path) -> None:
    """Put a backup back where it was, when the new file could not take its place."""
    if kept is not None and not target.exists():
        with contextlib.suppress(OSError):
            os.replace(kept, target)
