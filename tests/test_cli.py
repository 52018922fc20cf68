"""The command line end to end: exit status, JSON on stdout, messages on stderr, lean start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, template_sheets

ROOT = Path(__file__).resolve().parent.parent


def selfeval(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        encoding="utf-8",
    )


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_import_nothing_heavy(flag: str) -> None:
    code = (
        "import sys\n"
        "from app.cli import main\n"
        "try:\n"
        f"    main([{flag!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('pandas', 'PySide6', 'numpy', 'xlsxwriter', 'openpyxl', 'python_calamine', 'docx', 'docxtpl', 'jinja2', 'lxml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("command", ["check", "generate"])
def test_check_and_generate_leave_word_alone(command: str, tmp_path: Path) -> None:
    """python-docx, docxtpl and jinja2 are for `selfeval report` only."""
    output = ["-o", str(tmp_path / "out.xlsx")] if command == "generate" else []
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"main([{command!r}, {str(EXAMPLE)!r}, *{output!r}])\n"
        "word = [m for m in ('docx', 'docxtpl', 'jinja2') if m in sys.modules]\n"
        "print('WORD', word)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "WORD []" in out.stdout, out.stdout + out.stderr


def test_version_prints_the_version() -> None:
    from app import __version__

    out = selfeval("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"selfeval {__version__}"


def test_check_json_reports_the_seed() -> None:
    out = selfeval("check", str(EXAMPLE), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["kind"] == "template" and report["output"] is None
    projects = {p["name"]: p for p in report["projects"]}
    basic = projects["2022年基础教育教学管理及条件改善"]["funds"]
    assert (basic["initial"], basic["budget"], basic["spent"], basic["rate"]) == (
        4367.73,
        14571.46,
        14571.46,
        1.0,
    )
    vocational = projects["2022年职业教育教学管理及条件改善"]
    assert vocational["funds"]["rate"] is None
    assert vocational["provisional"] is True
    codes = {(f["project"], f["code"]) for f in report["findings"]}
    assert (vocational["name"], "rate_undefined") in codes
    for name in projects:  # every seed project's 全年预算数 moved more than 20 %
        assert (name, "budget_adjusted") in codes
    adjusted = next(
        f
        for f in report["findings"]
        if f["code"] == "budget_adjusted" and f["project"] == "2022年基础教育教学管理及条件改善"
    )
    assert adjusted["where"] == "项目资金!F4"
    assert "233.6%" in adjusted["message"]
    statuses = {
        (p["name"], i["name"]): i["status"] for p in report["projects"] for i in p["indicators"]
    }
    assert (
        statuses.pop(("2022年基础教育教学管理及条件改善", "各类设施和平台可持续运行年限"))
        == "exceeded"
    )
    assert set(statuses.values()) == {"met"}
    assert all(i["status"] == "met" for i in report["department"]["indicators"])
    assert report["department"]["score"] == 100.0 and report["department"]["grade"] == "优"
    for name in ("2022年综合管理及条件改善", "2022年学生资助", "2022年基础教育教学管理及条件改善"):
        assert projects[name]["score"] == 100.0 and projects[name]["grade"] == "优"
    # 执行率 undefined: the 90 points of the indicators stand, the 10 of 执行率 await a person.
    assert vocational["score"] == 90.0


def test_check_human_summary_in_chinese() -> None:
    out = selfeval("check", str(EXAMPLE))
    assert out.returncode == 0
    assert "2022年学生资助" in out.stdout
    assert "执行率 100.00%" in out.stdout
    assert "执行率无法计算" in out.stdout


def test_errors_give_exit_1(book) -> None:
    path = book(template_sheets(funds=[["项目甲", "", "", "当年财政拨款", 100, "一百", 95]]))
    out = selfeval("check", str(path), "--json")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert any(
        f["code"] == "bad_number" and f["where"] == "项目资金!F2" for f in report["findings"]
    )


def test_unreadable_input_exit_2_one_line_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-book.xlsx"
    bad.write_text("hello", encoding="utf-8")
    out = selfeval("generate", str(bad), "--json")
    assert out.returncode == 2
    assert out.stdout == ""
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == [bad]


def test_rules_file_overrides_and_bad_rules_file(tmp_path: Path) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text("exceed_ratio = 1.25\n", encoding="utf-8")
    out = selfeval("check", str(EXAMPLE), "--json", "--rules", str(rules))
    report = json.loads(out.stdout)
    statuses = {i["name"]: i["status"] for p in report["projects"] for i in p["indicators"]}
    assert statuses["各类设施和平台可持续运行年限"] == "met"
    rules.write_text("exceed_ratoi = 1.25\n", encoding="utf-8")
    out = selfeval("check", str(EXAMPLE), "--rules", str(rules))
    assert out.returncode == 2 and "exceed_ratoi" in out.stderr


def test_template_command_writes_the_blank_template(tmp_path: Path) -> None:
    target = tmp_path / "空白模板.xlsx"
    out = selfeval("template", "-o", str(target))
    assert out.returncode == 0, out.stderr
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(target)).sheet_names
    assert names[0] == "填报说明" and {"部门信息", "项目资金", "项目指标"} <= set(names)


def test_generate_json_is_the_check_json(tmp_path: Path) -> None:
    output = tmp_path / "结果.xlsx"
    generated = selfeval("generate", str(EXAMPLE), "-o", str(output), "--json")
    checked = selfeval("check", str(EXAMPLE), "--json")
    assert generated.returncode == checked.returncode == 0
    assert output.is_file()
    g, c = json.loads(generated.stdout), json.loads(checked.stdout)
    assert g.pop("output") == str(output) and c.pop("output") is None
    assert g == c
    assert f"已生成：{output}" in generated.stderr


def test_default_output_beside_the_input_and_never_the_input(tmp_path: Path) -> None:
    import shutil

    source = tmp_path / "双阳.xlsx"
    shutil.copy(EXAMPLE, source)
    before = source.read_bytes()
    out = selfeval("generate", str(source))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "双阳_自评结果.xlsx").is_file()
    same = selfeval("generate", str(source), "-o", str(source))
    assert same.returncode == 2 and "输出文件不能与输入文件相同" in same.stderr
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["双阳.xlsx", "双阳_自评结果.xlsx"]
