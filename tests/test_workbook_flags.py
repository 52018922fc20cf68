"""Tests for app/writers/workbook*.py on evaluations built by hand: a form kept in 元, every
flag and its note, hostile text, the findings sheet's order, sheet names, and cancelling."""

from __future__ import annotations

import openpyxl
import pytest
from workbook_output import argb, evaluation_of, fill_of, indicator, load_both, project

from app.model import Finding, Where
from app.writers.workbook import write_workbook
from app.writers.workbook.styles import MANUAL_FILL, UNMET_FILL


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Three projects: one in 元 with every status and a goal "=SUM(A1)", one of the same
    name, one named like a reserved sheet; findings of every severity."""
    unmet = indicator(
        "完成数量",
        "unmet",
        45.0,
        40.0,
        "实际80% < 指标90%；得分 = 45 × 88.89% = 40.00",
        needs=True,
        row=2,
    )
    manual = indicator(
        "覆盖人数",
        "manual",
        45.0,
        None,
        "单位不一致：人 与 人次，需人工判断",
        row=3,
        target="≥100人",
        actual="120人次",
    )
    na = indicator("不适用项", "not_applicable", 0.0, None, "实际完成值为不适用", row=4, actual="—")
    explained = indicator(
        "已说明", "unmet", 0.0, 0.0, "说明", explanation="因故延期", needs=True, row=5
    )
    findings = (
        Finding("info", "indicator_exceeded", "提示一", "元项目", Where("项目指标", "F9")),
        Finding("warning", "manual", "需人工判断：覆盖人数", "元项目", Where("项目指标", "F3")),
        Finding("error", "overspent", "错误一", "元项目", Where("项目资金", "G2")),
        Finding(
            "warning",
            "rate_low",
            "执行率80.00%低于90%，请说明原因",
            "元项目",
            Where("项目资金", "G2"),
        ),
    )
    p1 = project(
        "元项目",
        [unmet, manual, na, explained],
        scale=10000.0,
        goal="=SUM(A1)",
        funds=(1.5, 1.2, 0.96),
        score=48.0,
        provisional=True,
        findings=findings,
    )
    p2 = project("元项目", [], goal="+86 123", score=8.0)
    p3 = project("汇总", [], score=8.0)
    ev = evaluation_of((p1, p2, p3), (*findings, Finding("warning", "x", "部门问题")))
    out = tmp_path_factory.mktemp("syn") / "syn.xlsx"
    write_workbook(ev, out, source_name="x.xlsx")
    return load_both(out)


def test_unique_sheet_names_for_duplicates_and_reserved(synthetic):
    wb, _ = synthetic
    assert wb.sheetnames == ["汇总", "部门整体", "元项目", "元项目(2)", "汇总(2)", "问题清单"]


def test_yuan_form_keeps_its_unit(synthetic):
    wb, cached = synthetic
    ws, wv = wb["元项目"], cached["元项目"]
    assert ws["A5"].value == "项目资金\n（元）"
    assert (ws["D7"].value, ws["E7"].value, ws["F7"].value) == (15000, 12000, 9600)
    assert wv["E6"].value == pytest.approx(12000) and wv["H6"].value == pytest.approx(0.8)
    summary, sv = wb["汇总"], cached["汇总"]
    # Mixed units across projects: the summary is in 万元, reading the 元 form divided.
    assert summary["D3"].value == "年初预算数（万元）"
    assert summary["E4"].value == "=IF(ISNUMBER('元项目'!E6),'元项目'!E6/10000,'元项目'!E6)"
    assert sv["E4"].value == pytest.approx(1.2)


def test_flags_fills_and_notes(synthetic):
    wb, cached = synthetic
    ws, wv = wb["元项目"], cached["元项目"]
    # 执行率 below the threshold asks for a 偏差说明: row 10, under the funds block, framed.
    assert ws["A10"].value == "偏差说明" and ws["B10"].value is None
    assert ws["B10"].border.left.style == "double" and "B10:I10" in ws.merged_cells
    assert ws["B10"].comment.text.startswith("执行率偏低或全年预算数调整较大")
    # Rows 14.. are the indicators: unmet, manual, not applicable, unmet but explained.
    assert fill_of(ws["F14"]) == argb(UNMET_FILL) and fill_of(ws["H14"]) == argb(UNMET_FILL)
    assert ws["H14"].comment.text.startswith("实际80% < 指标90%")
    assert fill_of(ws["I14"]) == argb(UNMET_FILL) and ws["I14"].comment.text.startswith(
        "请填写偏差原因"
    )
    assert fill_of(ws["F15"]) == argb(MANUAL_FILL) and fill_of(ws["H15"]) == argb(MANUAL_FILL)
    assert ws["H15"].value is None and "人次" in ws["F15"].comment.text
    assert ws["H16"].value == "—" and fill_of(ws["F16"]) is None
    assert (
        ws["I17"].value == "因故延期" and fill_of(ws["I17"]) is None and ws["I17"].comment is None
    )
    # 执行率 below the threshold: red, with the finding's message.
    assert fill_of(ws["H6"]) == argb(UNMET_FILL)
    assert "低于90%" in ws["H6"].comment.text
    assert wv["H18"].value == pytest.approx(48.0) and fill_of(ws["H18"]) == argb(MANUAL_FILL)
    assert wv["I18"].value == "差"


def test_flags_are_legible_without_colour(synthetic):
    """Each flag has a mark a black-and-white printer keeps: a symbol its number format shows
    before the value (the value itself unchanged), a dashed frame round what a person fills,
    a double frame round a missing explanation."""
    wb, _ = synthetic
    ws = wb["元项目"]
    assert ws["F14"].value == "80%" and ws["F14"].number_format == '"×"@'  # 未达成
    assert ws["F15"].number_format == '"？"@'  # 需人工判断
    assert ws["H15"].border.left.style == "mediumDashed"  # its score, for a person
    assert ws["I14"].border.top.style == "double"  # 偏差原因 to fill in
    assert ws["H6"].number_format == '"×"0.00%;"×"-0.00%;"×"0.00%;"×"@'  # 执行率 too low
    assert ws["H18"].border.left.style == "mediumDashed"  # a provisional total
    assert ws["F16"].number_format == "General" and ws["F17"].number_format == '"×"@'
    # The legend says what each mark means, under the form.
    legend = [c.value for row in ws.iter_rows(min_row=19) for c in row if c.value]
    for text in ("× 未达成", "△ 部分达成", "↑ 超额完成（需分析原因）", "？ 需人工判断"):
        assert text in legend


def test_user_text_stays_text(synthetic):
    wb, cached = synthetic
    cell = wb["元项目"]["B12"]
    assert cell.value == "=SUM(A1)" and cell.data_type == "s"
    assert wb["元项目(2)"]["B11"].value == "+86 123"


def test_findings_sorted_and_unlocated(synthetic):
    wb, _ = synthetic
    ws = wb["问题清单"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [r[1] for r in rows] == ["错误", "警告", "警告", "警告", "提示"]
    assert [r[4] for r in rows][:2] == ["错误一", "需人工判断：覆盖人数"]
    # 结果位置 names the sheet and the cell it links to.
    assert ws["F5"].hyperlink.location == "'元项目'!F15" and ws["F5"].value == "元项目!F15"
    assert ws["F6"].hyperlink.location == "'元项目'!H6"  # rate_low → the 执行率 cell
    assert ws["F7"].value == "—" and ws["F7"].hyperlink is None  # nowhere to point


def test_cancel_propagates(tmp_path):
    ev = evaluation_of((project("甲", [], score=8.0),))

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_workbook(ev, tmp_path / "c.xlsx", source_name="x.xlsx", progress=cancel)
    assert not (tmp_path / "c.xlsx").exists()


def test_sheet_names_safe_in_formulas(tmp_path):
    out = tmp_path / "f.xlsx"
    ev = evaluation_of((project("FILTER(过滤)项目", [], score=8.0),))
    write_workbook(ev, out, source_name="x.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[2] == "FILTER（过滤)项目"
    summary = wb["汇总"]
    assert summary["D4"].value == "='FILTER（过滤)项目'!D6"
    # The name itself is kept as written, on a cell hyperlink rather than a HYPERLINK formula.
    assert summary["B4"].value == "FILTER(过滤)项目"
    assert summary["B4"].hyperlink.location == "'FILTER（过滤)项目'!A1"
