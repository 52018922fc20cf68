"""atomic_output: the target is replaced only by a complete file, and every failure to write is
an OutputError that leaves an existing target untouched. Tests run as root, which ignores
permissions, so locks and unwritable folders are simulated with monkeypatch."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.errors import OutputError
from app.readers import safe_write
from app.readers.safe_write import atomic_output

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


def test_target_locked_at_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows: os.replace onto a workbook open in Excel fails with PermissionError.
    target = tmp_path / "报告.xlsx"
    target.write_bytes(OLD)

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(safe_write.os, "replace", locked)
    with pytest.raises(OutputError) as err, atomic_output(target) as temp:
        temp.write_bytes(b"new workbook")
    assert err.value.message == "无法写入“报告.xlsx”：文件可能正在Excel或WPS中打开，请关闭后重试"
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_target_locked_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "报告.xlsx"
    target.write_bytes(OLD)
    real_open = Path.open

    def open_(self: Path, mode: str = "r", *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if self == target and mode == "r+b":
            raise PermissionError(13, "sharing violation")
        return real_open(self, mode, *args, **kw)

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(OutputError) as err, atomic_output(target):
        pytest.fail("the block must not run")
    assert "文件可能正在Excel或WPS中打开" in err.value.message
    assert target.read_bytes() == OLD


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
