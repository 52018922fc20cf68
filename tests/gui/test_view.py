"""The window's rows and summary, prepared without Qt (`app/gui/view.py`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app import pipeline, text
from app.gui import view
from app.model import Finding, Where

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shuangyang-2022.xlsx"


@pytest.fixture(scope="module")
def evaluation():
    return pipeline.run(EXAMPLE, write=False).evaluation


def test_formats():
    assert text.fmt_money(14571.456) == "14,571.46 万元"
    assert text.fmt_money(None) == "—"
    assert text.fmt_pct(0.98501) == "98.50%"
    assert text.fmt_pct(None) == "—"
    assert text.fmt_score(89.995) == "90.00"
    assert text.fmt_score(None) == "—"


def test_summary_of_the_example(evaluation):
    assert view.summary(evaluation) == [
        ("部门", "长春市双阳区教育局（汇总）"),
        ("年度", "2022"),
        ("项目数", "4"),
        ("预算合计", "15,037.04 万元"),
        ("执行合计", "15,037.04 万元"),
        ("总执行率", "100.00%"),
        ("平均得分", "97.50"),
        ("部门整体得分", "100.00（优）"),
    ]


def test_project_rows_of_the_example(evaluation):
    rows = view.project_rows(evaluation)
    assert [r.texts for r in rows][2:] == [
        # budget_adjusted and its missing explanation, and the indicator's explanation
        ("2022年基础教育教学管理及条件改善", "100.00%", "100.00", "优", "3"),
        ("2022年职业教育教学管理及条件改善", "—", "90.00", "优（待确认）", "3"),
    ]
    vocational = rows[3]
    assert vocational.status == "provisional"
    assert "人工判断" in vocational.tooltip
    # A missing rate sorts below every rate.
    assert vocational.keys[1] < rows[0].keys[1]


def test_an_error_colours_the_row_red(evaluation):
    project = evaluation.projects[0]
    error = Finding("error", "overspent", "全年执行数大于全年预算数", project.project.name)
    row = view.project_row(replace(project, findings=(*project.findings, error)))
    assert row.status == "error"
    assert row.issues == 3
    assert row.tooltip.startswith("错误 1，警告 2，提示 0")


def test_finding_rows(evaluation):
    rows = view.finding_rows(evaluation)
    assert len(rows) == 11
    info = [r for r in rows if r.severity == "info"]
    assert [r.texts for r in info] == [
        (
            "提示",
            "2022年基础教育教学管理及条件改善",
            "项目指标!F15",
            info[0].message,
        )
    ]
    loose = view.FindingRow("warning", None, "", "缺少部门名称", "missing_value")
    assert loose.texts[1:3] == (view.WORKBOOK, "—")
    assert loose.keys[0] == 1


def test_counts():
    found = [
        Finding("error", "a", "x"),
        Finding("warning", "b", "y", where=Where("项目资金", "F2")),
        Finding("warning", "c", "z"),
    ]
    assert view.counts(found) == {"error": 1, "warning": 2, "info": 0}
