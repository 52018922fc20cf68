"""Awkward projects: duplicate names, 200-character names with []:*?/\\, no indicators,
indicators of no project — each a finding, and the output still a valid workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import template_sheets

from app.pipeline import run

LONG = "[特殊]项目:名称*很长?/路径\\" + "甲" * 190


def test_awkward_projects_give_findings_and_a_valid_workbook(book, tmp_path: Path) -> None:
    path = book(
        template_sheets(
            funds=[
                ["项目甲", "", "", "当年财政拨款", 100, 100, 95],
                ["项目甲", "", "", "当年财政拨款", 5, 5, 5],
                [LONG, "", "", "当年财政拨款", 10, 10, 10],
                ["没有指标的项目", "", "", "当年财政拨款", 10, 10, 10],
            ],
            indicators=[
                ["项目甲", "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None],
                [LONG, "产出指标", "数量指标", "完成数量", "≥10个", "12个", None, None],
                ["不存在的项目", "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None],
            ],
        )
    )
    output = tmp_path / "out.xlsx"
    result = run(path, output)
    codes = {(f["code"], f["project"]) for f in result.report["findings"]}
    assert ("duplicate_source", "项目甲") in codes
    assert ("no_indicators", "没有指标的项目") in codes
    assert ("unknown_project", "不存在的项目") in codes
    assert [p["name"] for p in result.report["projects"]] == ["项目甲", LONG, "没有指标的项目"]

    wb = openpyxl.load_workbook(output)
    names = wb.sheetnames
    assert names[0] == "汇总" and names[-1] == "问题清单"
    assert len(names) == len(set(n.casefold() for n in names))
    for name in names:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    long_sheet = names[3]
    assert long_sheet.startswith("特殊项目名称很长路径")
    # The full name is on its form even though the sheet name is cut.
    values = [c.value for row in wb[long_sheet].iter_rows(max_row=6) for c in row]
    assert LONG in values


def test_same_project_name_twice_in_forms_is_flagged_and_numbered(tmp_path: Path) -> None:
    from conftest import ROOT, write_book
    from test_mutations import _load

    base = {
        name: (rows, merges)
        for name, rows, merges in _load(ROOT / "examples" / "shuangyang-2022-forms.xlsx")
    }
    rows, merges = base["学生资助"]
    source = write_book(
        tmp_path / "dup.xlsx",
        {"学生资助": rows, "学生资助（复制）": rows},
        {s: [(*m, None) for m in merges] for s in ("学生资助", "学生资助（复制）")},
    )
    output = tmp_path / "out.xlsx"
    result = run(source, output)
    assert [p["name"] for p in result.report["projects"]] == ["2022年学生资助"] * 2
    (dup,) = [f for f in result.report["findings"] if f["code"] == "duplicate_project"]
    assert dup["severity"] == "warning" and dup["where"] == "学生资助（复制）!B3"
    assert "出现了2次" in dup["message"]
    names = openpyxl.load_workbook(output).sheetnames
    assert names[2:4] == ["2022年学生资助", "2022年学生资助(2)"]
