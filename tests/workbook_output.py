"""Helpers for the tests of the generated workbook: reading it back, and small evaluations
built by hand (so that the writer is tested apart from the judge)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.evaluate.results import (
    TOTAL_SOURCE,
    DepartmentResult,
    Evaluation,
    FundsResult,
    IndicatorResult,
    ProjectResult,
    RateResult,
)
from app.evaluate.scoring import grade_of
from app.model import Dataset, Department, Finding, Funding, Funds, Indicator, Project, Where
from app.rules import NATIONAL


def argb(color: str) -> str:
    """The ARGB openpyxl reports for a "#RRGGBB" fill."""
    return "FF" + color.lstrip("#").upper()


def fill_of(cell) -> str | None:
    """The solid fill of a cell, or None."""
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None


def load_both(path: Path):
    """The workbook twice: with formulas, and with the cached values."""
    return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


def indicator(
    name,
    status,
    weight,
    score,
    note,
    *,
    explanation="",
    needs=False,
    row=2,
    target="≥90%",
    actual="80%",
):
    """An indicator judged by hand: status, weight, score and note as given."""
    ind = Indicator(
        "产出指标",
        "数量指标",
        name,
        target,
        actual,
        explanation=explanation,
        where=Where("项目指标", f"F{row}"),
        explanation_at=Where("项目指标", f"H{row}"),
    )
    return IndicatorResult(ind, status, weight, score, needs, note)


def funds_result(initial, budget, spent, weight=10.0):
    """A single-source funds block with its linear 执行率 score."""
    rate = spent / budget if budget else None
    row = RateResult("当年财政拨款", initial, budget, spent, rate)
    score = None if rate is None else weight * min(rate, 1.0)
    return FundsResult(
        RateResult(TOTAL_SOURCE, initial, budget, spent, rate), (row,), weight, score, "执行率说明"
    )


def project(
    name,
    results,
    *,
    scale=1.0,
    goal="",
    funds=(100.0, 100.0, 80.0),
    score=None,
    provisional=False,
    findings=(),
):
    """A project with one source (当年财政拨款) and the given indicator results."""
    model = Project(
        name,
        unit="某单位",
        funds=Funds(
            (
                Funding(
                    "当年财政拨款",
                    *funds,
                    budget_at=Where("项目资金", "F2"),
                    spent_at=Where("项目资金", "G2"),
                ),
            )
        ),
        goal=goal,
        indicators=tuple(r.indicator for r in results),
        amount_scale=scale,
    )
    return ProjectResult(
        model,
        funds_result(*funds),
        tuple(results),
        score,
        grade_of(score, NATIONAL),
        provisional,
        tuple(findings),
    )


def evaluation_of(
    projects: tuple[ProjectResult, ...], findings: tuple[Finding, ...] = ()
) -> Evaluation:
    """An evaluation of these projects under a department 测试局 (2023) without a form."""
    dataset = Dataset(
        "x.xlsx", "template", Department("测试局", 2023), tuple(p.project for p in projects)
    )
    dep = DepartmentResult(
        dataset.department, None, RateResult(TOTAL_SOURCE, 0, 0, 0, None), (), None, None, False, ()
    )
    return Evaluation(dataset, dep, projects, findings, NATIONAL)
