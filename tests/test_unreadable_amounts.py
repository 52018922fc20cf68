"""A number that could not be read is never a number anywhere, and an empty required amount
is said (issue 14, cases 1 and 2): the messy template (tests/messy_input.py) has "约120" in
项目资金!G4 (营养餐's 全年执行数 of 当年财政拨款) and an empty G6 (教师培训's).

Figures by hand: the readable 全年执行数 are 98 + 60 + 10 (营养餐's 上年结转资金) = 168 of a
全年预算数 of 100 + 50 + 200 + 20 + 30 = 400; 营养餐's total leaves "约120" out (10 of 220),
教师培训's has no figure at all.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE
from messy_input import write_messy
from workbook_output import argb, fill_of

from app.gui import view
from app.pipeline import run
from app.rollup import BatchItem, department_rows
from app.rules import NATIONAL
from app.writers.bureau import write_bureau
from app.writers.workbook.styles import MANUAL_FILL, UNMET_FILL

GRADES = [g for _, g in NATIONAL.grades]


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    result = run(write_messy(folder / "messy.xlsx"), folder / "out.xlsx")
    formulas = openpyxl.load_workbook(result.output)
    cached = openpyxl.load_workbook(result.output, data_only=True)
    return result, formulas, cached


def project(report, name):
    return next(p for p in report["projects"] if p["name"] == name)


def test_the_report_never_takes_the_text_for_a_number(messy):
    result, _, _ = messy
    report = result.report
    meal = project(report, "营养餐")
    funds = meal["funds"]
    assert (funds["budget"], funds["spent"], funds["rate"], funds["score"]) == (220, 10, None, None)
    assert funds["sources"]["当年财政拨款"]["spent"] is None
    assert funds["sources"]["当年财政拨款"]["rate"] is None
    assert funds["left_out"] == [
        {"source": "当年财政拨款", "field": "spent", "text": "约120", "where": "项目资金!G4"}
    ]
    assert meal["provisional"] is True
    # 产出 75 + 满意度 15 (效益's 30 given to the others in proportion), the 执行率 left open.
    assert meal["score"] == 90.0
    found = {(f["code"], f["where"]) for f in report["findings"] if f["project"] == "营养餐"}
    assert found == {("bad_number", "项目资金!G4"), ("rate_undefined", "项目资金!G4")}

    training = project(report, "教师培训")
    assert (training["funds"]["spent"], training["funds"]["rate"]) == (None, None)
    assert training["funds"]["left_out"] == [
        {"source": "当年财政拨款", "field": "spent", "text": "", "where": "项目资金!G6"}
    ]
    missing = [f for f in report["findings"] if f["code"] == "missing_value"]
    assert [(f["project"], f["where"]) for f in missing] == [("教师培训", "项目资金!G6")]
    assert "未填写全年执行数" in missing[0]["message"]

    total = report["department"]["projects_total"]
    assert (total["budget"], total["spent"], total["rate"]) == (400, 168, None)
    assert [g["project"] for g in total["left_out"]] == ["营养餐", "教师培训"]
    assert report["department"]["rate_score"] is None


def test_the_form_prints_the_text_flagged_and_its_total_says_what_it_leaves_out(messy):
    _, formulas, cached = messy
    ws, wv = formulas["营养餐"], cached["营养餐"]
    # Row 6 年度资金总额, row 7 当年财政拨款, row 8 上年结转资金; F 全年执行数, H 执行率, I 得分.
    assert ws["F7"].value == "约120" and ws["F7"].data_type == "s"
    assert fill_of(ws["F7"]) == argb(UNMET_FILL)
    assert "“约120”不是数字，未计入合计和执行率" in ws["F7"].comment.text
    assert wv["F6"].value == 10 and fill_of(ws["F6"]) == argb(MANUAL_FILL)
    assert ws["F6"].comment.text == "合计不含1个无法识别的金额"
    assert (wv["H7"].value, wv["H8"].value) == ("—", 0.5)
    assert (wv["H6"].value, wv["I6"].value) == ("—", "—")
    assert "“约120”无法识别" in ws["I6"].comment.text

    ws, wv = formulas["教师培训"], cached["教师培训"]
    assert ws["F7"].value is None and fill_of(ws["F7"]) == argb(MANUAL_FILL)
    assert "未填写全年执行数" in ws["F7"].comment.text
    assert wv["F6"].value == "—"  # no figure at all: no 0.00
    assert (wv["H6"].value, wv["I6"].value) == ("—", "—")


def test_every_total_says_it_leaves_them_out(messy, tmp_path):
    result, formulas, cached = messy
    summary, sv = formulas["汇总"], cached["汇总"]
    # 营养餐 on row 6, 教师培训 on row 7, 合计 on row 8.
    assert sv["F6"].value == 10 and summary["F6"].comment.text == "不含1个无法识别的金额"
    assert sv["F7"].value == "—"
    assert sv["F8"].value == 168 and sv["G8"].value == "—"
    assert summary["F8"].comment.text.startswith("合计不含1个无法识别的金额和1个未填写的金额")
    assert "总执行率无法计算" in summary["G8"].comment.text

    department, dv = formulas["部门整体"], cached["部门整体"]
    assert dv["F7"].value == 168 and (dv["H7"].value, dv["I7"].value) == ("—", "—")
    assert department["F7"].comment.text == "合计不含1个无法识别的金额和1个未填写的金额"
    assert department["B8"].value == "需关注的项目"
    named = dv["D8"].value
    for part in ("课后服务：全年执行数大于全年预算数", "营养餐：执行率无法计算", "教师培训"):
        assert part in named

    line = dict(view.summary(result.evaluation))
    assert line["执行合计"] == "168.00 万元（不含1个无法识别的金额和1个未填写的金额）"
    assert line["总执行率"] == "—"
    assert line["部门整体得分"] == "90.00（优，待确认）"

    item = BatchItem(Path("messy.xlsx"), result.output, result.report, None, 0.1)
    (row,) = department_rows([item], GRADES)
    assert (row.budget, row.spent, row.rate) == (400, 168, None)
    assert row.left_out == {"spent": "1个无法识别的金额和1个未填写的金额"}
    target = tmp_path / "汇总.xlsx"
    write_bureau([item], target)
    bureau = openpyxl.load_workbook(target)
    sheet = bureau["部门汇总"]
    assert sheet["E4"].value == 168 and sheet["E4"].comment.text.startswith("不含1个无法识别")
    assert sheet["F4"].value == "—" and sheet["F5"].value == "—"  # the department and 合计
    projects = bureau["全部项目"]
    meal = next(r for r in range(4, 8) if projects.cell(r, 2).value == "营养餐")
    assert projects.cell(meal, 6).value == 10
    assert projects.cell(meal, 6).comment.text == "不含1个无法识别的金额"


def test_a_generated_workbook_read_again_says_what_a_person_emptied(tmp_path):
    """Our output is itself a workbook of forms: text typed over an amount is bad_number, an
    emptied 全年执行数 missing_value, each naming its cell; neither is a number."""
    made = run(EXAMPLE, tmp_path / "out.xlsx").output
    book = openpyxl.load_workbook(made)
    book["2022年学生资助"]["F7"] = None
    book["2022年综合管理及条件改善"]["F7"] = "约427"
    book.save(tmp_path / "edited.xlsx")
    report = run(tmp_path / "edited.xlsx", write=False).report
    aid = project(report, "2022年学生资助")
    assert (aid["funds"]["spent"], aid["funds"]["rate"], aid["provisional"]) == (None, None, True)
    found = {(f["code"], f["project"], f["where"]) for f in report["findings"]}
    assert ("missing_value", "2022年学生资助", "2022年学生资助!F7") in found
    assert ("bad_number", "2022年综合管理及条件改善", "2022年综合管理及条件改善!F7") in found
    general = project(report, "2022年综合管理及条件改善")
    assert general["funds"]["left_out"][0]["text"] == "约427"
    assert general["funds"]["rate"] is None
