"""Failures Windows gives that Linux does not, simulated here (`app/readers/file_errors.py`):
an input or output open in Excel or WPS, a OneDrive file not on this computer, a path over 260
characters; each ends in one Chinese sentence (exit 2 on the command line), never a
traceback. And paths with Chinese names and spaces work end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE
from windows_errors import windows_error

from app import cli
from app.errors import InputError
from app.files import errors as file_errors
from app.files.errors import describe, long_path
from app.readers.book import open_book
from app.readers.guard import inspect

ROOT = Path(__file__).resolve().parent.parent
IN_USE = "文件正被其他程序打开，请关闭后重试"


def _refuse_opening(monkeypatch: pytest.MonkeyPatch, target: Path, exc: OSError) -> None:
    """Make every open of `target` fail with `exc`, as Windows does for a held file."""
    real_open = Path.open

    def open_(self: Path, *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if self == target:
            raise exc
        return real_open(self, *args, **kw)

    monkeypatch.setattr(Path, "open", open_)


@pytest.mark.parametrize("code", [32, 33])
def test_input_open_in_excel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    source = tmp_path / "双阳 2022.xlsx"
    shutil.copy(EXAMPLE, source)
    _refuse_opening(monkeypatch, source, windows_error(PermissionError, 13, "拒绝访问。", code))
    with pytest.raises(InputError) as err:
        inspect(source)
    assert err.value.message == f"无法读取“双阳 2022.xlsx”：{IN_USE}"


def test_input_held_after_the_check_is_said_so_by_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Excel opens the file between the guard's look and calamine's: the reader says so too,
    # instead of calling the file damaged.
    source = tmp_path / "例子.xlsx"
    shutil.copy(EXAMPLE, source)
    _refuse_opening(monkeypatch, source, windows_error(PermissionError, 13, "in use", 32))
    with pytest.raises(InputError) as err:
        open_book(source)
    assert err.value.message == f"无法读取“例子.xlsx”：{IN_USE}"


def test_input_in_onedrive_not_on_this_computer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Files On-Demand: the placeholder is listed, its content is not here and OneDrive is not
    # running (ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING), through the whole command line.
    source = tmp_path / "OneDrive - 财政局" / "双阳.xlsx"
    source.parent.mkdir()
    shutil.copy(EXAMPLE, source)
    _refuse_opening(monkeypatch, source, windows_error(OSError, 22, "云文件提供程序未运行。", 362))
    assert cli.main(["check", str(source)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("无法读取“双阳.xlsx”：文件在 OneDrive 等网盘中，尚未下载到本机")
    assert "始终保留在此设备上" in captured.err and len(captured.err.splitlines()) == 1


def test_output_open_in_excel_through_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "结果.xlsx"
    output.write_bytes(b"the old results")
    real_open = Path.open

    def open_(self: Path, mode: str = "r", *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if self == output and mode == "r+b":
            raise windows_error(PermissionError, 13, "另一个程序正在使用此文件", 32)
        return real_open(self, mode, *args, **kw)

    monkeypatch.setattr(Path, "open", open_)
    assert cli.main(["generate", str(EXAMPLE), "-o", str(output)]) == 2
    assert capsys.readouterr().err == f"无法写入“结果.xlsx”：{IN_USE}\n"
    assert output.read_bytes() == b"the old results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["结果.xlsx"]


@pytest.mark.parametrize("code", [3, 206])
def test_a_path_too_long_for_windows_is_said_so(code: int) -> None:
    deep = Path("/", *(["很长的文件夹名称"] * 40), "双阳.xlsx")
    exc = windows_error(FileNotFoundError, 2, "系统找不到指定的路径。", code)
    message = describe(deep, exc)
    assert message.startswith(f"无法读取“双阳.xlsx”：文件路径太长（{len(str(deep))}个字符")
    assert "移到路径较短的文件夹" in message
    # A short path that is not there is simply not found.
    assert describe(Path("/双阳.xlsx"), exc) == "找不到文件：/双阳.xlsx"


@pytest.mark.parametrize(
    ("exc", "writing", "message"),
    [
        (FileNotFoundError(2, "No such file"), False, "找不到文件：/a/b.xlsx"),
        (
            PermissionError(13, "Permission denied"),
            False,
            "无法读取“b.xlsx”：没有读取权限，请检查文件和文件夹的权限后重试",
        ),
        (
            OSError(5, "Input/output error"),
            False,
            "无法读取“b.xlsx”：Input/output error，请检查文件后重试",
        ),
        (OSError(28, "No space left on device"), True, "无法写入“b.xlsx”：No space left on device"),
        (windows_error(OSError, 22, "网络不可用", 388), True, None),
    ],
)
def test_describe(exc: OSError, writing: bool, message: str | None) -> None:
    said = describe(Path("/a/b.xlsx"), exc, writing=writing)
    if message is None:
        assert said.startswith("无法写入“b.xlsx”：文件在 OneDrive 等网盘中")
    else:
        assert said == message


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("C:\\自评\\双阳.xlsx", "C:\\自评\\双阳.xlsx"),
        ("C:\\" + "文件夹\\" * 70 + "双阳.xlsx", "\\\\?\\C:\\" + "文件夹\\" * 70 + "双阳.xlsx"),
        (
            "C:\\" + "a\\..\\" * 60 + "b\\" * 130 + "x.xlsx",
            "\\\\?\\C:\\" + "b\\" * 130 + "x.xlsx",
        ),
        (
            "\\\\服务器\\共享\\" + "子目录\\" * 70 + "x.xlsx",
            "\\\\?\\UNC\\服务器\\共享\\" + "子目录\\" * 70 + "x.xlsx",
        ),
        ("\\\\?\\C:\\already\\x.xlsx", "\\\\?\\C:\\already\\x.xlsx"),
    ],
    ids=["short", "long", "normalised", "network share", "prefixed"],
)
def test_long_path_form_on_windows(path: str, expected: str) -> None:
    assert long_path(path, windows=True) == expected


def test_long_path_is_left_alone_elsewhere() -> None:
    deep = "/" + "文件夹/" * 70 + "双阳.xlsx"
    assert long_path(deep, windows=False) == deep


def test_the_pipeline_reads_through_the_long_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def long_form(path: object, windows: bool = False) -> str:
        asked.append(str(path))
        return str(path)

    monkeypatch.setattr(file_errors, "long_path", long_form)
    from app.pipeline import run

    result = run(EXAMPLE, write=False)
    assert asked == [str(EXAMPLE)] and result.report["input"] == str(EXAMPLE)


def test_chinese_names_and_spaces_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "财政 局" / "2022 年 自评"
    folder.mkdir(parents=True)
    source = folder / "双阳 教育局 (定稿).xlsx"
    shutil.copy(EXAMPLE, source)
    output = tmp_path / "结果 文件夹" / "自评 结果.xlsx"
    output.parent.mkdir()

    def selfeval(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=folder,
        )

    done = selfeval("generate", source.name, "-o", str(output), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["input"] == source.name
    assert output.read_bytes()[:2] == b"PK"
    batch = selfeval("check", str(tmp_path / "财政 局"), "--jobs", "1")
    assert batch.returncode == 0, batch.stderr
    assert "[1/1] 双阳 教育局 (定稿).xlsx → 得分" in batch.stderr
