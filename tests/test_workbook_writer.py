"""Tests for app/writers/workbook*.py: the generated workbook read back with openpyxl.

The seed example (4 projects, via the reader and the evaluation) gives the golden values;
test_workbook_flags.py covers a form kept in 元, every flag and hostile text, and
test_workbook_layout.py the helpers.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from workbook_output import argb, fill_of, load_both

from app.evaluate.results import TOTAL_SOURCE, Evaluation, IndicatorResult
from app.model import Funding, Funds, Where
from app.rules import NATIONAL
from app.writers.workbook import write_workbook
from app.writers.workbook.styles import EXCEEDED_FILL, MANUAL_FILL, UNMET_FILL

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"
BASIC = "2022年基础教育教学管理及条件改善"
VOCATIONAL = "2022年职业教育教学管理及条件改善"


@pytest.fixture(scope="module")
def example_ev() -> Evaluation:
    """The seed example read and evaluated."""
    from app.evaluate.scoring import evaluate
    from app.readers import read

    return evaluate(read(EXAMPLE), NATIONAL)


@pytest.fixture(scope="module")
def example(example_ev, tmp_path_factory):
    """The seed example generated once: (formulas workbook, cached-values workbook)."""
    ev = example_ev
    out = tmp_path_factory.mktemp("wb") / "out.xlsx"
    calls: list[tuple[int, int]] = []
    write_workbook(ev, out, source_name=EXAMPLE.name, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    return load_both(out)


def _result(ev: Evaluation, project: str, indicator: str) -> IndicatorResult:
    """The evaluation's result for an indicator (the notes come from it)."""
    pr = next(p for p in ev.projects if p.project.name == project)
    return next(r for r in pr.indicators if r.indicator.name == indicator)


# --- the seed example ----------------------------------------------------------------------


def test_sheet_names_in_order(example):
    wb, _ = example
    assert wb.sheetnames == [
        "汇总",
        "部门整体",
        "2022年综合管理及条件改善",
        "2022年学生资助",
        BASIC,
        VOCATIONAL,
        "问题清单",
    ]


def test_project_form_values_and_merges(example):
    wb, _ = example
    ws = wb[BASIC]
    assert ws["A1"].value == "项目支出绩效自评表"
    assert ws["A2"].value == "（2022年度）"
    assert ws["B3"].value == BASIC
    assert ws["F4"].value == "长春市双阳区教育局(汇总)"
    merged = {str(r) for r in ws.merged_cells.ranges}
    # 项目资金 label over its header and four rows; 项目名称 value across; its budget adjusted
    # by 233.6% asks for a 偏差说明 (row 10, framed for a person); 年度总体目标 over two rows.
    assert {"A1:I1", "B3:I3", "A5:A9", "B10:I10", "A11:A12", "B11:E11", "F11:I11"} <= merged
    assert ws["A10"].value == "偏差说明" and ws["B10"].value is None
    assert ws["B10"].border.top.style == "double"
    assert ws["A5"].value == "项目资金\n（万元）"
    assert [ws.cell(r, 2).value for r in range(6, 10)] == [
        TOTAL_SOURCE,
        "其中：当年财政拨款",
        "上年结转资金",
        "其他资金",
    ]
    assert (ws["D7"].value, ws["E7"].value, ws["F7"].value) == (4367.73, 14571.46, 14571.46)
    assert ws["D7"].number_format == "#,##0.00"
    assert ws["D8"].value is None and ws["E9"].value is None  # sources not given stay empty
    assert ws["B12"].value == "保障基础教育工作正常运转及办学条件改善。"


def test_funds_formulas_and_cached_values(example):
    wb, cached = example
    ws, wv = wb[BASIC], cached[BASIC]
    assert ws["D6"].value == '=IF(COUNT(D7:D9)=0,"—",SUM(D7:D9))'
    assert wv["D6"].value == pytest.approx(4367.73)
    assert ws["E6"].value == '=IF(COUNT(E7:E9)=0,"—",SUM(E7:E9))'
    assert wv["E6"].value == pytest.approx(14571.46)
    # "—" as long as a budget or spent of a source is text, or empty beside the other
    assert ws["H6"].value.startswith("=IF(OR(N(E6)<=0,COUNT(F7:F9)=0,COUNTA(E7:F9)>COUNT(E7:F9),")
    assert wv["H6"].value == pytest.approx(1.0)
    assert ws["H6"].number_format == "0.00%"
    assert ws["I6"].value == '=IF(ISNUMBER(H6),G6*MIN(MAX(H6,0),1),"—")'
    assert wv["I6"].value == pytest.approx(10.0)
    assert "14571.46" in ws["I6"].comment.text
    assert "调整 233.6%" in ws["E6"].comment.text  # budget_adjusted, noted on the total
    # An absent source: 执行率 "—".
    assert wv["H8"].value == "—"


def test_indicator_rows_flags_and_notes(example, example_ev):
    wb, cached = example
    ws = wb[BASIC]
    assert [ws.cell(13, c).value for c in range(1, 10)] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # 绩效指标 over the header and 6 indicators; 一级 and 二级 over the rows they span.
    assert {"A13:A19", "B14:B16", "C15:C16", "B17:B18", "C17:C18"} <= merged
    assert (ws["D18"].value, ws["E18"].value, ws["F18"].value) == (
        "各类设施和平台可持续运行年限",
        "≥5年",
        "6年",
    )
    # ≥5年 / 6年 is exceeded: orange on 实际完成值 and 得分, marked ↑ before 6年, noted; the
    # empty explanation is required.
    assert fill_of(ws["F18"]) == argb(EXCEEDED_FILL) and fill_of(ws["H18"]) == argb(EXCEEDED_FILL)
    assert ws["F18"].number_format == '"↑"@'
    assert ws["F18"].comment.text == _result(example_ev, BASIC, "各类设施和平台可持续运行年限").note
    assert fill_of(ws["I18"]) == argb(UNMET_FILL) and ws["I18"].value is None
    assert ws["I18"].comment.text.startswith("请填写偏差原因分析及改进措施")
    # A met indicator: no fill, but its score still carries the formula with its numbers.
    assert fill_of(ws["F15"]) is None and ws["F15"].comment is None
    assert ws["H15"].comment.text == _result(example_ev, BASIC, "采购设备合格率").note
    assert "16.67" in ws["H15"].comment.text
    assert ws["I15"].comment is None


def test_total_and_grade_formulas(example):
    wb, cached = example
    ws, wv = wb[BASIC], cached[BASIC]
    assert ws["A20"].value == "总分"
    assert ws["G20"].value == "=SUM(G6,G14:G19)" and wv["G20"].value == pytest.approx(100)
    assert ws["H20"].value == '=IF(COUNT(I6,H14:H19)=0,"—",ROUND(SUM(I6,H14:H19),2))'
    assert wv["H20"].value == pytest.approx(100.0)
    assert (
        ws["I20"].value
        == '=IF(ISNUMBER(H20),IF(H20>=90,"优",IF(H20>=80,"良",IF(H20>=60,"中","差"))),"—")'
    )
    assert wv["I20"].value == "优"


def test_undefined_rate_is_left_to_a_person(example):
    wb, cached = example
    ws, wv = wb[VOCATIONAL], cached[VOCATIONAL]
    assert wv["E6"].value == 0 and wv["H6"].value == "—"
    assert fill_of(ws["H6"]) == argb(MANUAL_FILL)
    assert "执行率无法计算" in ws["H6"].comment.text
    assert wv["I6"].value == "—" and fill_of(ws["I6"]) == argb(MANUAL_FILL)
    # The total leaves the 执行率 score out and is marked provisional.
    assert ws["A19"].value == "总分"
    assert wv["H19"].value == pytest.approx(90.0) and fill_of(ws["H19"]) == argb(MANUAL_FILL)
    assert "暂定" in ws["H19"].comment.text


def test_summary_sheet(example):
    wb, cached = example
    ws, wv = wb["汇总"], cached["汇总"]
    assert ws["A1"].value == "绩效自评结果汇总表"
    assert (
        "长春市双阳区教育局（汇总）" in ws["A2"].value and "shuangyang-2022.xlsx" in ws["A2"].value
    )
    assert [c.value for c in ws[3]][:7] == [
        "序号",
        "项目名称",
        "实施单位",
        "年初预算数（万元）",
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率",
    ]
    assert [wv.cell(r, 2).value for r in range(4, 8)] == [
        "2022年综合管理及条件改善",
        "2022年学生资助",
        BASIC,
        VOCATIONAL,
    ]
    assert ws["B6"].value == f'=HYPERLINK("#\'{BASIC}\'!A1","{BASIC}")'
    assert ws["D6"].value == f"='{BASIC}'!D6" and wv["D6"].value == pytest.approx(4367.73)
    assert wv["E6"].value == pytest.approx(14571.46)
    assert wv["G7"].value == "—"
    # 指标数, 达成, 部分达成, 未达成, 需人工判断, 自评得分, 等级, 问题数: errors and warnings,
    # budget_adjusted, its missing explanation and the exceeded indicator's missing one (the
    # exceeded note itself is a 提示: listed, not counted)
    assert [wv.cell(6, c).value for c in range(8, 16)] == [6, 6, 0, 0, 0, 100.0, "优", 3]
    assert ws["A8"].value == "合计"
    assert ws["D8"].value == "=SUM(D4:D7)" and wv["D8"].value == pytest.approx(5189.62)
    assert wv["E8"].value == pytest.approx(15037.04)
    assert ws["G8"].value == '=IF(N(E8)<=0,"—",F8/E8)' and wv["G8"].value == pytest.approx(1.0)
    assert wv["M8"].value == pytest.approx(97.5)
    assert ws["O8"].value == "=SUM(O4:O7)" and wv["O8"].value == 10  # 2 + 2 + 3 + 3
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:O7"
    assert ws.print_title_rows == "$3:$3"
    rules = {r.formula[0] for rng in ws.conditional_formatting for r in rng.rules}
    assert {"0.9", '"优"', '"良"', '"中"', '"差"'} <= rules


def test_department_sheet(example):
    wb, cached = example
    ws, wv = wb["部门整体"], cached["部门整体"]
    assert ws["A1"].value == "部门整体支出绩效自评表"
    assert ws["B3"].value == "长春市双阳区教育局（汇总）"
    assert ws["B4"].value.startswith("以习近平新时代中国特色社会主义思想为指导")
    # The projects' funds in total, live from the 汇总 sheet.
    assert ws["D7"].value == "='汇总'!D8" and wv["E7"].value == pytest.approx(15037.04)
    assert ws["B8"].value == "序号" and ws["C9"].value == "教育行政管理"
    assert ws["C15"].value == "综合管理及条件改善"
    assert (
        ws["B16"].value == "一级指标"
        and ws["E16"].value == "目标值"
        and ws["F16"].value == "完成值"
    )
    assert (ws["D17"].value, ws["E17"].value, ws["F17"].value) == (
        "生均公用经费",
        "不低于国家规定的标准",
        "不低于国家规定的标准",
    )
    assert wv["H24"].value == pytest.approx(100.0) and wv["I24"].value == "优"


def test_department_with_its_own_funds(tmp_path):
    from dataclasses import replace

    from app.evaluate.scoring import evaluate
    from app.readers import read

    ds = read(EXAMPLE)
    funds = Funds(
        (Funding("当年财政拨款", 100.0, 120.0, 90.0), Funding("其他资金", 5.0, 5.0, 5.0)),
        # A stated 年度资金总额 whose 全年预算数 is not the sum of the sources.
        stated_total=Funding("年度资金总额", 105.0, 130.0, 95.0, budget_at=Where("部门表", "E5")),
    )
    dep = replace(ds.department, funds=funds, amount_scale=10000.0)
    out = tmp_path / "dep.xlsx"
    write_workbook(evaluate(replace(ds, department=dep)), out, source_name="x.xlsx")
    wb, cached = load_both(out)
    ws, wv = wb["部门整体"], cached["部门整体"]
    assert ws["A6"].value == "预算资金\n（元）"
    assert (ws["D8"].value, ws["E8"].value, ws["F10"].value) == (1000000, 1200000, 50000)
    assert wv["E7"].value == pytest.approx(1250000) and wv["H7"].value == pytest.approx(0.76)
    assert fill_of(ws["H7"]) == argb(UNMET_FILL)  # 76% is below 90%
    assert wv["I7"].value == pytest.approx(7.6)
    assert "不等于各来源之和" in ws["E7"].comment.text
    findings = wb["问题清单"]
    mismatch = next(r for r in findings.iter_rows(min_row=4) if "不等于各来源之和" in r[4].value)
    assert mismatch[0].value is not None and mismatch[5].hyperlink.location == "'部门整体'!E7"
    # Its 执行率 below 90% asks for the department's 偏差说明 under its block.
    assert ws["A11"].value == "偏差说明" and ws["B11"].border.top.style == "double"
    # Then the projects' funds in total, still in the 汇总's 万元.
    assert ws["A12"].value == "项目资金\n合计\n（万元）" and wv["E13"].value == pytest.approx(
        15037.04
    )


def test_findings_sheet_order_and_links(example):
    wb, cached = example
    ws = wb["问题清单"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    severities = [r[1] for r in rows]
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)
    assert len(rows) == 11

    def row_of(words: str) -> int:
        return 4 + next(i for i, r in enumerate(rows) if words in r[4])

    exceeded = row_of("超额完成")
    assert ws.cell(exceeded, 4).value == "项目指标!F15"
    assert ws.cell(exceeded, 6).hyperlink.location == f"'{BASIC}'!F18"
    assert ws.cell(exceeded, 6).value == f"{BASIC}!F18"  # the sheet it links to, and the cell
    assert ws.cell(row_of("请填写偏差原因"), 6).hyperlink.location == f"'{BASIC}'!I18"
    # A project's reason for its adjusted budget: its 偏差说明 row.
    adjusted = next(
        i for i, r in enumerate(rows) if "未说明全年预算数调整" in r[4] and r[2] == BASIC
    )
    assert ws.cell(4 + adjusted, 6).hyperlink.location == f"'{BASIC}'!B10"
    undefined = row_of("执行率无法计算")
    assert ws.cell(undefined, 4).value == "项目资金!F5"
    assert ws.cell(undefined, 6).hyperlink.location == f"'{VOCATIONAL}'!H6"
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref.startswith("A3:F")


def test_page_setup_of_every_sheet(example):
    wb, _ = example
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.page_setup.orientation == "portrait", ws.title
        # fitToWidth is left out of the file when it is 1, the OOXML default.
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_options.horizontalCentered, ws.title
    assert wb[BASIC]["A1"].font.name == "宋体"
    assert wb[BASIC]["D13"].alignment.wrap_text and wb[BASIC]["D13"].border.left.style == "thin"


def test_row_heights_hold_wrapped_text(example):
    wb, _ = example
    ws = wb[BASIC]
    # 实际完成情况 of the goal: 113 characters across F:I wrap to several lines.
    assert ws.row_dimensions[12].height >= 4 * 15
    assert ws.row_dimensions[6].height >= 20


# --- a real spreadsheet engine agrees with every cached value ---------------------------------

RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculates_the_cached_values(example_ev, tmp_path):
    """Recalculate the example, and the messy input of issue 14 (text in an amount, an empty
    全年执行数, an overspent project), with LibreOffice (a profile set to recalculate on load)
    and compare every formula's value with the cached one the writer stored."""
    from messy_input import write_messy

    from app.pipeline import run

    src = tmp_path / "src.xlsx"
    write_workbook(example_ev, src, source_name=EXAMPLE.name)
    messy = run(write_messy(tmp_path / "messy_in.xlsx"), tmp_path / "messy.xlsx").output
    assert messy is not None
    # The same, once a person has written numbers for "约120" and the empty 全年执行数.
    fixed = tmp_path / "fixed.xlsx"
    book = openpyxl.load_workbook(messy)
    book["营养餐"]["F7"] = 120
    book["教师培训"]["F7"] = 30
    book.save(fixed)
    (tmp_path / "profile" / "user").mkdir(parents=True)
    (tmp_path / "profile" / "user" / "registrymodifications.xcu").write_text(RECALC)
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(src),
            str(messy),
            str(fixed),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    for written, least in ((src, 80), (messy, 80)):
        formulas, cached = load_both(written)
        recalculated = openpyxl.load_workbook(out / written.name, data_only=True)
        checked = 0
        for ws in formulas.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                        continue
                    ours = cached[ws.title][cell.coordinate].value
                    theirs = recalculated[ws.title][cell.coordinate].value
                    checked += 1
                    where = (written.name, ws.title, cell.coordinate)
                    if isinstance(ours, float | int) and not isinstance(ours, bool):
                        assert theirs == pytest.approx(ours), where
                    else:
                        assert (ours or "") == (theirs or ""), where
        assert checked > least
    # Every 执行率 that waited for those cells is back: 130 of 220, and (98+60+130+30) of 400.
    again = openpyxl.load_workbook(out / fixed.name, data_only=True)
    assert again["营养餐"]["H6"].value == pytest.approx(130 / 220)
    assert again["教师培训"]["H6"].value == pytest.approx(1.0)
    assert again["汇总"]["F8"].value == pytest.approx(318)
    assert again["汇总"]["G8"].value == pytest.approx(318 / 400)
    assert again["部门整体"]["H7"].value == pytest.approx(318 / 400)
    assert again["部门整体"]["I7"].value == pytest.approx(10 * 318 / 400)
