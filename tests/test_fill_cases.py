"""`fill` on small forms made for one case each: a total and a grade written inside their
labels, a form that scores each source, an indicator that does not apply, a 执行率 that
cannot be computed, the department's form, formulas, notes already there, text that looks
like a formula."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from build_form_files import NATIONAL_INDICATOR_HEADER
from fill_check import assert_only_planned, assert_same_figures

from app.fill.run import fill
from app.readers import read
from app.rules import NATIONAL, rules_from_dict
from app.text import format_number
from app.writers.workbook.styles import MANUAL_FILL, UNMET_FILL

*IND_HEAD, EXPLAIN = NATIONAL_INDICATOR_HEADER


def write(
    path: Path,
    rows: list[list[Any]],
    formulas: dict[str, tuple[str, Any]] | None = None,
    comments: dict[str, str] | None = None,
    sheet: str = "自评表",
) -> Path:
    """A one-sheet workbook: `rows` from A1 (None empty), formulas as cell → (formula, its
    cached result), notes as cell → text."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet(sheet)
    for r, line in enumerate(rows):
        for c, v in enumerate(line):
            if isinstance(v, str):
                ws.write_string(r, c, v)
            elif v is not None:
                ws.write_number(r, c, v)
    for cell, (formula, value) in (formulas or {}).items():
        ws.write_formula(cell, formula, None, value)
    for cell, text in (comments or {}).items():
        ws.write_comment(cell, text)
    wb.close()
    return path


def cells(path: Path, sheet: str = "自评表") -> Any:
    return openpyxl.load_workbook(path)[sheet]


def test_total_and_grade_inside_their_labels_and_a_score_per_source(tmp_path: Path) -> None:
    src = write(
        tmp_path / "in.xlsx",
        [
            ["项目支出绩效自评表（2022年度）"],
            ["填报日期：", None, None, None, "总分：    分", None, "等级："],
            ["项目名称", "测试项目"],
            ["主管部门", "测试局", None, "实施单位", "测试单位"],
            ["资金情况（万元）", None, "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 100, 90, 10, "90%", 9],
            [None, "其中：本年财政拨款", 100, 90, 10, "90%", 8],
            [*IND_HEAD, EXPLAIN],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "8个", 50, 50],
            [None, "效益指标", "社会效益指标", "受益人数", "≥100人", "120人", 30, 30],
            [None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, None],
        ],
    )
    out = tmp_path / "out.xlsx"
    result = fill(src, out)
    project = result.evaluation.projects[0]
    assert project.score == 89  # 9 + 50 × 8/10 + 30 + 10
    ws = cells(out)
    total = project.score
    assert ws["E2"].value == f"总分：{format_number(total)}分"
    assert ws["G2"].value == f"等级：{project.grade}"
    assert ws["G7"].value == 9  # the source's own 得分: 10 × 90 %, the 8 written replaced
    assert ws["G7"].comment.text.startswith("原填写8，按评分规则应为9。")
    assert ws["G6"].value == 9 and ws["G6"].comment.text.startswith("执行率 = 全年执行数90.00万元")
    assert ws["H11"].value == 10
    assert ws["F9"].fill.fgColor.rgb == "FF" + UNMET_FILL[1:]  # 8个 against ≥10个
    assert ws["I9"].border.left.style == "medium"  # its 偏差原因分析 must be written
    assert ws["I9"].comment.text == "请填写偏差原因分析及改进措施"
    assert_only_planned(src, out, result.plan)
    assert_same_figures(src, out)
    again = read(out).projects[0]
    assert again.stated_total_score == total and again.stated_grade == project.grade


def test_an_indicator_that_does_not_apply_scores_a_dash(tmp_path: Path) -> None:
    src = write(
        tmp_path / "in.xlsx",
        [
            ["项目支出绩效自评表"],
            ["项目名称", "不适用项目"],
            [*IND_HEAD, EXPLAIN],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", 50, 50],
            [None, "效益指标", "社会效益指标", "受益人数", "≥100人", "不适用", 30, 30],
            [None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 20, "/"],
        ],
    )
    out = tmp_path / "out.xlsx"
    result = fill(src, out)
    ws = cells(out)
    assert ws["H5"].value == "—"  # 受益人数 does not apply: its 30 is no score
    assert ws["H5"].comment.text.startswith("原填写30，按评分规则应为“—”。")
    scored = result.evaluation.projects[0].indicators
    assert scored[1].status == "not_applicable" and scored[0].weight > 50  # weights rescaled
    assert ws["H4"].value == round(scored[0].score, 2) and ws["H6"].value == round(
        scored[2].score, 2
    )
    assert_only_planned(src, out, result.plan)
    assert_same_figures(src, out)


def test_a_rate_that_cannot_be_computed_keeps_the_score_a_person_gave(tmp_path: Path) -> None:
    src = write(
        tmp_path / "in.xlsx",
        [
            ["项目支出绩效自评表"],
            ["项目名称", "零预算项目"],
            [
                "项目资金（万元）",
                None,
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            ],
            [None, "年度资金总额", 50, 0, 0, 10, 0, 10],
            [*IND_HEAD, EXPLAIN],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", 90, None],
            ["总分", 100, None, None, "自评得分", None],
        ],
    )
    out = tmp_path / "out.xlsx"
    result = fill(src, out)
    ws = cells(out)
    assert ws["G4"].value == "—" and ws["G4"].fill.fgColor.rgb == "FF" + MANUAL_FILL[1:]
    assert ws["G4"].comment.text.startswith("原填写0.00%")
    assert ws["H4"].value == 10  # a person's 10 for an undefined 执行率 is kept …
    assert "已保留填写的得分10" in ws["H4"].comment.text
    assert ws["H6"].value == 90
    assert ws["F7"].value == 100  # … and counted: the total is no longer provisional
    assert "执行率得分需人工判断，按填写的得分计入" in ws["F7"].comment.text
    assert result.evaluation.projects[0].score == 90  # the evaluation's own is not changed
    assert_only_planned(src, out, result.plan)
    assert_same_figures(src, out)


def test_the_department_form_is_filled_too(tmp_path: Path) -> None:
    src = write(
        tmp_path / "in.xlsx",
        [
            ["部门整体支出绩效自评表"],
            ["部门名称", "测试局", None, None, "自评总分", 99],
            [
                "部门预算执行情况（万元）",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "执行率",
                "执行率权重",
                "执行率得分",
            ],
            [None, 1000, 1000, 800, 0.8, 10, 8],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
            ],
            [None, "产出指标", "数量指标", "完成任务数", "≥10项", "10项", 50, 50],
            [None, "效益指标", "社会效益指标", "群众满意度", "≥90%", "93%", 40, 40],
        ],
        sheet="部门整体",
    )
    out = tmp_path / "out.xlsx"
    result = fill(src, out)
    dep = result.evaluation.department
    assert dep.score == 98 and result.plan.filled == ["部门整体支出绩效自评表"]
    ws = cells(out, "部门整体")
    assert ws["F2"].value == 98 and ws["F2"].comment.text.startswith("原填写99")
    assert ws["E4"].fill.fgColor.rgb == "FF" + UNMET_FILL[1:]  # 80 % is below 90 %
    assert_only_planned(src, out, result.plan)
    assert_same_figures(src, out)


def test_formulas_keep_their_results_and_a_wrong_one_is_replaced(tmp_path: Path) -> None:
    src = write(
        tmp_path / "in.xlsx",
        [
            ["项目支出绩效自评表"],
            ["项目名称", "公式项目"],
            [
                "项目资金（万元）",
                None,
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            ],
            [None, "年度资金总额", 100, 100, 95],
            [None, "其中：当年财政拨款", 100, 100, 95],
            [*IND_HEAD, EXPLAIN],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", 50, 50],
            [None, "效益指标", "社会效益指标", "受益人数", "≥100人", "100人", 40, None],
            ["总分", 100, None, None, "自评得分"],
            ["备注"],
        ],
        formulas={
            "F4": ("=SUM(F5:F5)+10-10+0*E4", 10),  # a 分值 formula nothing changes
            "G4": ("=E4/D4", 0.95),  # 执行率, right: kept as it is
            "H4": ("=F4*G4", 9),  # 执行率得分, wrong (9.5): replaced
            "H8": ("=40", 40),  # right: kept
            "F9": ("=SUM(H4:H8)", 99),  # the total, wrong: replaced
            "B10": ('="说明："&A10', "说明：备注"),  # text result
        },
    )
    out = tmp_path / "out.xlsx"
    result = fill(src, out)
    ws = cells(out)
    assert ws["G4"].value == "=E4/D4" and ws["H8"].value == "=40" and ws["F4"].value.startswith("=")
    assert ws["H4"].value == 9.5 and "原填写公式“=F4*G4”" in ws["H4"].comment.text
    assert ws["F9"].value == 99.5
    cached = openpyxl.load_workbook(out, data_only=True)["自评表"]
    assert (cached["G4"].value, cached["H8"].value, cached["F4"].value) == (0.95, 40, 10)
    assert cached["B10"].value == "说明：备注"
    assert openpyxl.load_workbook(out).calculation.fullCalcOnLoad
    checked = read(out)
    assert not [f for f in checked.findings if f.code == "formula_uncached"]
    assert_only_planned(src, out, result.plan)
    assert_same_figures(src, out)


def test_a_note_already_there_is_kept_above_ours(tmp_path: Path) -> None:
    src = write(
        tmp_path / "in.xlsx",
        [
            ["项目支出绩效自评表"],
            ["项目名称", "批注项目"],
            [*IND_HEAD, EXPLAIN],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", 100, 90],
        ],
        comments={"H4": "科室初评：90"},
    )
    out = tmp_path / "out.xlsx"
    result = fill(src, out, allow_loss=True)  # the note's own look is what openpyxl resets
    text = cells(out)["H4"].comment.text
    assert text.startswith("科室初评：90\n\n原填写90，按评分规则应为100。")
    assert [loss.what for loss in result.losses][0].startswith("批注的格式")


@pytest.mark.parametrize("flags", [True, False])
def test_a_grade_that_looks_like_a_formula_is_written_as_text(tmp_path: Path, flags: bool) -> None:
    src = write(
        tmp_path / "in.xlsx",
        [
            ["项目支出绩效自评表"],
            ["项目名称", "文字项目"],
            [*IND_HEAD, EXPLAIN],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", 100, None],
            ["总分", 100, None, None, "自评得分", None, "等级", None],
        ],
    )
    rules = rules_from_dict({"grades": [[90, "=A1"], [0, "差"]]})
    assert rules != NATIONAL
    out = tmp_path / "out.xlsx"
    fill(src, out, rules, flags=flags)
    cell = cells(out)["H5"]
    assert cell.value == "=A1" and cell.data_type == "s"
    assert read(out).projects[0].stated_grade == "=A1"


@pytest.mark.parametrize("empty", [b"<v />", b"<v/>", b"<v></v>"])
def test_a_formulas_result_goes_back_whichever_writer_saved_it(empty: bytes) -> None:
    from app.fill.cached import _patch

    xml = b'<row r="2"><c r="A2" s="3"><f>A1*2</f>' + empty + b'</c><c r="B2"><f>"x"&amp;A1</f>'
    xml += empty + b'</c><c r="C2"><f>1/0</f>' + empty + b"</c></row>"
    patched = _patch(xml, {"A2": 2.0, "B2": "x<1>", "C2": "#DIV/0!"})
    assert patched == (
        b'<row r="2"><c r="A2" s="3"><f>A1*2</f><v>2.0</v></c>'
        b'<c r="B2" t="str"><f>"x"&amp;A1</f><v>x&lt;1&gt;</v></c>'
        b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
    )
