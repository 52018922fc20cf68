"""The forms of an evaluated workbook as `fill` sees them: the department's and each project's,
each with its results and the cells its figures belong in."""

from __future__ import annotations

from dataclasses import dataclass

from app.evaluate.results import Evaluation, FundsResult, IndicatorResult
from app.model import Finding, Funds, Inline, Where

DEPARTMENT_FORM = "部门整体支出绩效自评表"


@dataclass(frozen=True, slots=True)
class FormView:
    """One form: its name as said to the user, its funds and indicators as read and judged,
    its findings, the unit of its amounts, the evaluation's total, and the cells of the total
    and the grade as the reader found them."""

    name: str
    funds: Funds | None
    result: FundsResult | None
    indicators: tuple[IndicatorResult, ...]
    findings: tuple[Finding, ...]
    scale: float
    score: float | None
    provisional: bool
    total_at: Where | None
    total_inline: Inline | None
    stated_total: float | None
    grade_at: Where | None
    grade_inline: Inline | None
    stated_grade: str | None

    @property
    def has_score_cells(self) -> bool:
        """True when the form has a cell for some 得分 (an indicator's, the 执行率's, or the
        total): a form without any is left as it is."""
        return (
            self.total_at is not None
            or (self.funds is not None and self.funds.stated_score_at is not None)
            or any(r.indicator.stated_score_at is not None for r in self.indicators)
        )


def form_views(evaluation: Evaluation) -> list[FormView]:
    """Return the forms of the workbook in order: the department's (when the workbook has a
    部门整体 form), then each project's."""
    views: list[FormView] = []
    dr = evaluation.department
    dep = dr.department
    if dep.where is not None or dep.indicators or dep.funds is not None:
        views.append(
            FormView(
                DEPARTMENT_FORM,
                dep.funds,
                dr.funds,
                dr.indicators,
                dr.findings,
                dep.amount_scale,
                dr.score,
                dr.provisional,
                dep.stated_total_score_at,
                dep.stated_total_score_inline,
                dep.stated_total_score,
                dep.grade_at,
                dep.grade_inline,
                dep.stated_grade,
            )
        )
    for pr in evaluation.projects:
        p = pr.project
        views.append(
            FormView(
                f"项目“{p.name}”",
                p.funds,
                pr.funds,
                pr.indicators,
                pr.findings,
                p.amount_scale,
                pr.score,
                pr.provisional,
                p.stated_total_score_at,
                p.stated_total_score_inline,
                p.stated_total_score,
                p.grade_at,
                p.grade_inline,
                p.stated_grade,
            )
        )
    return views
