"""部门整体 without a 预算资金 block of its own (issue 14, case 5): its 执行率 is that of all its
projects together, Σ 全年执行数 ÷ Σ 全年预算数 (never 年初), scored at the default 10 points;
projects overspent or below 90 % are named on its form, whose header has no empty cell.

The messy template with its two gaps filled (营养餐 spent 120 + 10, 教师培训 30): 98 + 60 + 130
+ 30 = 318 of 400 = 79.5 %, so 10 × 0.795 = 7.95 points and, the department's indicators all
met (50 + 30 + 10), a total of 97.95.
"""

from __future__ import annotations

import openpyxl
import pytest
from messy_input import DEPARTMENT_INDICATORS, FUNDS, INDICATORS

from app.pipeline import run
from app.writers.template import write_template


def test_department_scored_with_its_projects_rate(tmp_path):
    funds = [list(row) for row in FUNDS]
    funds[2][6] = 120
    funds[4][6] = 30
    source = tmp_path / "filled.xlsx"
    write_template(
        source,
        {
            "部门信息": [["部门名称", "某区教育局"], ["年度", 2022]],
            "部门指标": DEPARTMENT_INDICATORS,
            "项目资金": funds,
            "项目指标": INDICATORS,
        },
    )
    result = run(source, tmp_path / "out.xlsx")
    dep = result.report["department"]
    assert dep["funds"] is None and dep["rate_basis"] == "projects"
    total = dep["projects_total"]
    assert (total["initial"], total["budget"], total["spent"]) == (400, 400, 318)
    assert total["rate"] == pytest.approx(0.795)
    assert (dep["rate_weight"], dep["rate_score"]) == (10, 7.95)
    assert (dep["score"], dep["grade"], dep["provisional"]) == (97.95, "优", False)
    assert [i["weight"] for i in dep["indicators"]] == [50, 30, 10]
    assert dep["attention"] == [
        {"project": "课后服务", "reason": "全年执行数大于全年预算数（执行率120.00%）"},
        {"project": "营养餐", "reason": "执行率59.09%，低于90%"},
    ]
    dept_findings = [f for f in result.report["findings"] if f["project"] is None]
    assert [(f["code"], f["severity"]) for f in dept_findings] == [("rate_low", "warning")]
    assert "79.50%" in dept_findings[0]["message"]

    ws = openpyxl.load_workbook(result.output)["部门整体"]
    wv = openpyxl.load_workbook(result.output, data_only=True)["部门整体"]
    # Row 6: the block's header, every cell named; row 7: 全部项目, scored.
    assert [ws.cell(6, c).value for c in (2, 4, 5, 6, 7, 8, 9)] == [
        "范围",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    assert ws["B7"].value == "全部项目（4个）"
    assert (wv["D7"].value, wv["E7"].value, wv["F7"].value) == (400, 400, 318)
    assert (wv["G7"].value, wv["H7"].value, wv["I7"].value) == (10, pytest.approx(0.795), 7.95)
    assert ws["I7"].value == '=IF(ISNUMBER(H7),G7*MIN(MAX(H7,0),1),"—")'
    assert "318.00万元" in ws["I7"].comment.text
    assert ws["B8"].value == "需关注的项目"
    assert wv["D8"].value == (
        "课后服务：全年执行数大于全年预算数（执行率120.00%）；营养餐：执行率59.09%，低于90%"
    )
    total_row = next(r for r in range(9, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    assert wv.cell(total_row, 7).value == 100 and wv.cell(total_row, 8).value == 97.95


def test_the_example_department_is_scored_on_its_projects(tmp_path):
    """The seed: every project spent its whole budget (15,037.04 of 15,037.04 万元): 10 points."""
    from conftest import EXAMPLE

    dep = run(EXAMPLE, write=False).report["department"]
    assert (dep["rate_basis"], dep["rate_weight"], dep["rate_score"]) == ("projects", 10, 10)
    assert dep["projects_total"]["rate"] == 1.0 and dep["score"] == 100.0
    # 产出 50 over three, 效益 30 over two, 满意度 10 over two (the report rounds to 2 places).
    assert [i["weight"] for i in dep["indicators"]] == [16.67, 16.67, 16.67, 15, 15, 5, 5]
