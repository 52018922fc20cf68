"""The terminal (`app/console.py`): a console that cannot encode a character (GBK on a Chinese
Windows) gets a replacement, never a UnicodeEncodeError; a reader that stops early
(`selfeval check … | head`) ends the program quietly."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, INFO, template_sheets

from app import cli, console

ROOT = Path(__file__).resolve().parent.parent
NOT_GBK = "✅"
"""A character a workbook may hold that GBK (code page 936) cannot encode."""


def _gbk_console(monkeypatch: pytest.MonkeyPatch) -> tuple[io.BytesIO, io.BytesIO]:
    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="gbk"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="gbk"))
    return out, err


def test_a_gbk_console_gets_replacements(monkeypatch: pytest.MonkeyPatch) -> None:
    out, _ = _gbk_console(monkeypatch)
    console.prepare_streams(windows=False)
    print(f"部门{NOT_GBK}", flush=True)
    assert out.getvalue().decode("gbk") == "部门?\n"


def test_on_windows_the_streams_write_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = _gbk_console(monkeypatch)
    console.prepare_streams(windows=True)
    print(f"部门{NOT_GBK}", flush=True)
    print("错误", file=sys.stderr, flush=True)
    assert out.getvalue().decode("utf-8") == f"部门{NOT_GBK}\n"
    assert err.getvalue().decode("utf-8") == "错误\n"


def test_a_windowed_program_has_no_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    console.prepare_streams(windows=True)  # selfeval-gui.exe: nothing to prepare, no error


def test_check_on_a_gbk_console_end_to_end(book) -> None:
    # A department named with a character GBK lacks, printed by `check` to a GBK stdout.
    info = [INFO[0], ["部门名称", f"测试局{NOT_GBK}"], *INFO[2:]]
    path = book(template_sheets(部门信息=info))
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "check", str(path)], capture_output=True, cwd=ROOT, env=env
    )
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert done.stdout.decode("gbk").startswith("测试局?  2022年度")
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["check", str(EXAMPLE)], console.BROKEN_PIPE_STATUS),
        (["check", str(EXAMPLE), "--json"], console.BROKEN_PIPE_STATUS),
        (["--help"], 0),  # argparse drops what it cannot print, and exits as after --help
    ],
    ids=["summary", "json", "help"],
)
def test_a_reader_gone_away_ends_quietly(args: list[str], status: int) -> None:
    # `selfeval check … | head`: the reader closes its end before the report is printed.
    process = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == status
    assert error == ""


def test_head_reads_the_first_line_and_the_rest_is_dropped_quietly() -> None:
    done = subprocess.run(
        f"{sys.executable} -m app check {EXAMPLE} | head -n 1",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        text=True,
        encoding="utf-8",
    )
    assert done.stdout.startswith("长春市双阳区教育局") and done.stdout.count("\n") == 1
    assert done.stderr == ""


def test_broken_pipe_in_process_returns_the_status(monkeypatch: pytest.MonkeyPatch) -> None:
    def gone(argv: list[str] | None) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    redirected: list[bool] = []
    monkeypatch.setattr(cli, "_dispatch", gone)
    monkeypatch.setattr(console, "silence_stdout", lambda: redirected.append(True) or 141)
    assert cli.main(["check", "x.xlsx"]) == 141 and redirected == [True]
