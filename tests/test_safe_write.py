"""atomic_output: the target is replaced only by a complete file, and every failure to write is
an OutputError that leaves an existing target untouched. Tests run as root, which ignores
permissions, so locks and unwritable folders are simulated with monkeypatch."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from windows_errors import windows_error

from app.errors import OutputError
from app.files import atomic as safe_write
from app.files.atomic import atomic_output

OLD = b"old workbook"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_complete_block_replaces_target(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)
    with atomic_output(target) as temp:
        assert temp.parent == tmp_path and temp != target
        assert target.read_bytes() == OLD  # untouched while the block runs
        temp.write_bytes(b"new workbook")
    assert target.read_bytes() == b"new workbook"
    assert _leftovers(tmp_path) == []


def test_new_file_gets_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    with atomic_output(target) as temp:
        temp.write_bytes(b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_exception_in_block_keeps_target_and_removes_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)
    with pytest.raises(ZeroDivisionError), atomic_output(target) as temp:
        temp.write_bytes(b"half")
        1 / 0  # noqa: B018
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_exception_without_existing_target_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as temp:
        temp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "out.xlsx"
    with pytest.raises(OutputError) as err, atomic_output(target):
        pytest.fail("the block must not run")
    assert err.value.message == f"目标文件夹不存在：{tmp_path / 'nope'}"
    assert not (tmp_path / "nope").exists()


def test_read_only_target(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)
    target.chmod(0o444)  # the mode bit is checked, so this holds even for root
    with pytest.raises(OutputError) as err, atomic_output(target):
        pytest.fail("the block must not run")
    assert err.value.message.startswith(f"没有写入权限：{target}")
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(folder: Path, target: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_write, "_create_temp", refuse)
    with pytest.raises(OutputError) as err, atomic_output(tmp_path / "out.xlsx"):
        pytest.fail("the block must not run")
    assert err.value.message == f"没有写入权限：{tmp_path}"


@pytest.mark.parametrize("code", [5, 32, 33])
def test_target_locked_at_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # Windows: os.replace onto a workbook open in Excel fails with "access denied" (5), or a
    # sharing or lock violation (32, 33); it is tried again for a while, then given up.
    target = tmp_path / "报告.xlsx"
    target.write_bytes(OLD)
    tries: list[str] = []
    waits: list[float] = []

    def locked(src: object, dst: object) -> None:
        tries.append(str(dst))
        raise windows_error(PermissionError, 13, "另一个程序正在使用此文件，进程无法访问。", code)

    monkeypatch.setattr(safe_write.os, "replace", locked)
    monkeypatch.setattr(safe_write.time, "sleep", waits.append)
    with pytest.raises(OutputError) as err, atomic_output(target) as temp:
        temp.write_bytes(b"new workbook")
    assert err.value.message == "无法写入“报告.xlsx”：文件正被其他程序打开，请关闭后重试"
    assert waits == [0.1, 0.2, 0.4, 0.8] and len(tries) == 5
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_rename_held_for_a_moment_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An antivirus scan or OneDrive holds the new file briefly: the second try goes through.
    target = tmp_path / "报告.xlsx"
    target.write_bytes(OLD)
    real_replace = os.replace
    refusals = [windows_error(PermissionError, 13, "sharing violation", 32)]

    def busy_once(src: str, dst: str) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(src, dst)

    monkeypatch.setattr(safe_write.os, "replace", busy_once)
    monkeypatch.setattr(safe_write.time, "sleep", lambda seconds: None)
    with atomic_output(target) as temp:
        temp.write_bytes(b"new workbook")
    assert target.read_bytes() == b"new workbook"
    assert _leftovers(tmp_path) == []


def test_rename_refused_elsewhere_is_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Off Windows a PermissionError carries no Windows code: a lack of permission, at once.
    def refused(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_write.os, "replace", refused)
    monkeypatch.setattr(safe_write.time, "sleep", lambda seconds: pytest.fail("waited"))
    with pytest.raises(OutputError) as err, atomic_output(tmp_path / "out.xlsx") as temp:
        temp.write_bytes(b"x")
    assert err.value.message == "无法写入“out.xlsx”：没有写入权限，请检查文件和文件夹的权限后重试"
    assert list(tmp_path.iterdir()) == []


def test_target_locked_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "报告.xlsx"
    target.write_bytes(OLD)
    real_open = Path.open

    def open_(self: Path, mode: str = "r", *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if self == target and mode == "r+b":
            raise windows_error(PermissionError, 13, "sharing violation", 32)
        return real_open(self, mode, *args, **kw)

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(OutputError) as err, atomic_output(target):
        pytest.fail("the block must not run")
    assert err.value.message == "无法写入“报告.xlsx”：文件正被其他程序打开，请关闭后重试"
    assert target.read_bytes() == OLD


def test_target_in_onedrive_not_on_this_pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A files-on-demand placeholder whose provider is not running (ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING).
    target = tmp_path / "报告.xlsx"
    target.write_bytes(OLD)
    real_open = Path.open

    def open_(self: Path, mode: str = "r", *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if self == target and mode == "r+b":
            raise windows_error(OSError, 22, "云文件提供程序未运行。", 362)
        return real_open(self, mode, *args, **kw)

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(OutputError) as err, atomic_output(target):
        pytest.fail("the block must not run")
    assert err.value.message.startswith(
        "无法写入“报告.xlsx”：文件在 OneDrive 等网盘中，尚未下载到本机"
    )
    assert target.read_bytes() == OLD


def test_long_target_is_written_through_its_long_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows a path over 260 characters opens only as \\?\C:\…: atomic_output asks for
    # that form of the target once, and writes and renames through it.
    asked: list[str] = []

    def long_form(path: object) -> str:
        asked.append(str(path))
        return str(path)

    monkeypatch.setattr(safe_write, "long_path", long_form)
    target = tmp_path / ("很长的文件夹名" * 3) / "out.xlsx"
    target.parent.mkdir()
    with atomic_output(target) as temp:
        temp.write_bytes(b"x")
    assert asked == [str(target)]
    assert target.read_bytes() == b"x"


def test_other_rename_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xlsx"

    def full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write.os, "replace", full)
    with pytest.raises(OutputError) as err, atomic_output(target) as temp:
        temp.write_bytes(b"x")
    assert err.value.message == "无法写入“out.xlsx”：No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out.xlsx").mkdir()
    with pytest.raises(OutputError) as err, atomic_output(tmp_path / "out.xlsx"):
        pytest.fail("the block must not run")
    assert "同名的文件夹已存在" in err.value.message
