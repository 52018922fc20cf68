"""The command line speaks one language: every --help and every usage error is Chinese,
argparse's own words included (`app/argparse_zh.py`), and what was made is said on stdout."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE

from app.argparse_zh import ChineseArgumentParser, translate
from app.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

ARGPARSE_ENGLISH = re.compile(
    r"usage|show this|help message|positional|options|optional|arguments?\b|error|required|"
    r"invalid|choose from|expected|unrecognized|ambiguous|subcommands|version number|"
    r"not allowed|ignored explicit",
    re.IGNORECASE,
)
"""Words of argparse's own messages; none may reach the user."""


def selfeval(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        encoding="utf-8",
    )


def english(text: str) -> list[str]:
    """Return argparse's English words in `text`, option names (--help) set aside."""
    return ARGPARSE_ENGLISH.findall(re.sub(r"--?[\w-]+", "", text))


def commands() -> dict[str, argparse.ArgumentParser]:
    """Return the top-level parser and every subcommand's, by command name."""
    parser = _parser()
    found: dict[str, argparse.ArgumentParser] = {"": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def test_every_command_is_listed() -> None:
    assert {"", "generate", "check", "template", "gui"} <= set(commands())


@pytest.mark.parametrize("command", sorted(commands()))
def test_help_is_chinese(command: str) -> None:
    out = selfeval(*([command] if command else []), "--help")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("用法：selfeval")
    assert "显示帮助信息并退出" in out.stdout and "选项" in out.stdout
    assert english(out.stdout) == []


@pytest.mark.parametrize("command", sorted(commands()))
def test_what_a_value_stands_for_is_named_in_chinese(command: str) -> None:
    # The placeholders of the usage line (文件或文件夹, 输出.xlsx): no FILE_OR_FOLDER, no OUTPUT.
    for action in commands()[command]._actions:
        if action.nargs == 0 or isinstance(action, argparse._SubParsersAction):
            continue
        shown = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
        assert shown == "N" or re.search(r"[\u4e00-\u9fff]", str(shown)), (command, shown)
        assert action.help and re.search(r"[\u4e00-\u9fff]", action.help), (command, action.dest)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["generate"], "selfeval generate：错误：缺少必填的参数：文件或文件夹"),
        (["frob"], "selfeval：错误：参数 命令：无效的选择：'frob'"),
        (["check", "a.xlsx", "--bogus"], "selfeval：错误：无法识别的参数：--bogus"),
        (["check", "a.xlsx", "--jobs"], "selfeval check：错误：参数 --jobs：需要一个值"),
        (["check", "a.xlsx", "--jobs", "x"], "参数 --jobs：必须是正整数（不是“x”）"),
        (["template", "-o"], "selfeval template：错误：参数 -o/--output：需要一个值"),
    ],
)
def test_usage_errors_are_chinese(args: list[str], says: str) -> None:
    out = selfeval(*args)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("用法：selfeval")
    assert says in out.stderr
    assert english(out.stderr) == [], out.stderr


def test_the_window_program_speaks_chinese_too(capsys: pytest.CaptureFixture[str]) -> None:
    import gui_entry

    with pytest.raises(SystemExit) as done:
        gui_entry._arguments(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("用法：selfeval-gui") and english(shown) == []
    with pytest.raises(SystemExit):
        gui_entry._arguments(["--screenshot"])
    assert "selfeval-gui：错误：参数 --screenshot：需要一个值" in capsys.readouterr().err


def test_other_parsers_in_the_process_stay_english() -> None:
    ChineseArgumentParser(prog="zh").format_help()
    plain = argparse.ArgumentParser(prog="plain").format_help()
    assert plain.startswith("usage: plain") and "show this help message and exit" in plain


def test_unknown_text_passes_through() -> None:
    assert translate("自评") == "自评"
    assert translate("usage: ") == "用法："


def test_template_says_where_it_saved_on_stdout(tmp_path: Path) -> None:
    target = tmp_path / "空白 模板.xlsx"
    out = selfeval("template", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"已生成空白模板：{target}\n" and out.stderr == ""
    assert target.read_bytes()[:2] == b"PK"


def test_generate_says_where_it_saved_on_stdout_after_the_summary(tmp_path: Path) -> None:
    output = tmp_path / "结果.xlsx"
    out = selfeval("generate", str(EXAMPLE), "-o", str(output))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("长春市双阳区教育局") and lines[-1] == f"已生成：{output}"
    assert "已生成" not in out.stderr


def test_with_json_stdout_holds_only_the_report(tmp_path: Path) -> None:
    output = tmp_path / "结果.xlsx"
    out = selfeval("generate", str(EXAMPLE), "-o", str(output), "--json")
    assert json.loads(out.stdout)["output"] == str(output)
    assert out.stderr.strip().endswith(f"已生成：{output}")


def test_batch_says_where_it_saved_on_stdout(tmp_path: Path) -> None:
    summary = tmp_path / "汇总.xlsx"
    out = selfeval(
        "generate", str(EXAMPLE), str(EXAMPLE), "--out-dir", str(tmp_path / "出"), "--jobs", "1"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == f"结果保存在：{tmp_path / '出'}"
    out = selfeval("check", str(EXAMPLE), "--summary", str(summary), "--json")
    assert isinstance(json.loads(out.stdout), list)
    assert f"已生成汇总：{summary}" in out.stderr
