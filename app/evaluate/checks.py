"""Findings: what a person must look at in a form (report-json.md, "Finding codes")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from app.evaluate.bands import PARTIAL
from app.evaluate.funds import blocks_rate, funds_where, gaps_reason
from app.evaluate.results import FundsResult, IndicatorResult, ProjectResult
from app.model import Finding, Funds, Project, Where
from app.rules import Rules
from app.text import fmt_amount, fmt_pct

if TYPE_CHECKING:
    from app.evaluate.judge import Judgement

_HALF_CENT = 0.005
"""A stated total may differ from the sum of its sources by rounding: half a unit of the last
of 2 decimals, in the form's own unit."""


def funds_findings(
    funds: Funds, result: FundsResult, scale: float, rules: Rules, project: str | None
) -> list[Finding]:
    """Return the findings of a funds block: rate_undefined, rate_low, overspent,
    budget_adjusted (and explanation_missing when either of those two has no explanation),
    sum_mismatch."""
    out: list[Finding] = []
    total = result.total
    gapped = {g.field for g in total.gaps}
    if total.rate is None:
        if blocks_rate(total.gaps):
            first = next(g for g in total.gaps if g.field != "initial")
            out.append(
                Finding(
                    severity="warning",
                    code="rate_undefined",
                    message=f"执行率无法计算：{gaps_reason(total.gaps)}，执行率得分需人工填写",
                    project=project,
                    where=first.where,
                )
            )
        elif total.budget is not None and total.budget <= 0:
            out.append(
                Finding(
                    severity="warning",
                    code="rate_undefined",
                    message=f"全年预算数为{fmt_amount(total.budget, scale)}，执行率无法计算，执行率得分需人工填写",
                    project=project,
                    where=funds_where(funds, "budget"),
                )
            )
        elif total.budget is None:
            out.append(
                Finding(
                    severity="warning",
                    code="rate_undefined",
                    message="全年预算数为空或无法识别，执行率无法计算，执行率得分需人工填写",
                    project=project,
                    where=funds_where(funds, "budget"),
                )
            )
    elif total.rate < rules.rate_warn - 1e-12:
        out.append(
            Finding(
                severity="warning",
                code="rate_low",
                message=f"执行率{fmt_pct(total.rate)}低于{rules.rate_warn:.0%}，请说明原因",
                project=project,
                where=funds_where(funds, "spent"),
            )
        )
    rows = [(s.source, s) for s in result.sources]
    if len(rows) > 1 and not blocks_rate(total.gaps):
        rows.insert(0, ("合计", total))
    for label, row in rows:
        if row.budget is not None and row.spent is not None and row.spent > row.budget + 1e-9:
            where = (
                funds_where(funds, "spent")
                if label == "合计"
                else _source_cell(funds, row.source, "spent")
            )
            out.append(
                Finding(
                    severity="error",
                    code="overspent",
                    message=f"{'' if label == '合计' else label}全年执行数（{fmt_amount(row.spent, scale)}）"
                    f"大于全年预算数（{fmt_amount(row.budget, scale)}），执行率得分按100%封顶，请核实",
                    project=project,
                    where=where,
                )
            )
    if (
        total.initial is not None
        and total.budget is not None
        and not gapped & {"initial", "budget"}
    ):
        change = None
        if total.initial > 0:
            change = (total.budget - total.initial) / total.initial
        if (change is not None and abs(change) > rules.adjust_warn + 1e-12) or (
            total.initial == 0 and total.budget > 0
        ):
            how = f"调整 {change * 100:.1f}%" if change is not None else "由0调增"
            out.append(
                Finding(
                    severity="warning",
                    code="budget_adjusted",
                    message=f"全年预算数（{fmt_amount(total.budget, scale)}）较年初预算数"
                    f"（{fmt_amount(total.initial, scale)}）{how}，请说明调整原因",
                    project=project,
                    where=funds_where(funds, "budget"),
                )
            )
    asked = [f for f in out if f.code in ("rate_low", "budget_adjusted")]
    if asked and not funds.explanation.strip():
        what = "执行率偏低" if asked[0].code == "rate_low" else "全年预算数调整"
        if len(asked) > 1:
            what = "执行率偏低和全年预算数调整"
        out.append(
            Finding(
                severity="warning",
                code="explanation_missing",
                message=f"未说明{what}的原因（项目的偏差说明为空）",
                project=project,
                where=funds.explanation_at or asked[0].where,
            )
        )
    stated = funds.stated_total
    if stated is not None:
        for field, label in (
            ("initial", "年初预算数"),
            ("budget", "全年预算数"),
            ("spent", "全年执行数"),
        ):
            said = getattr(stated, field)
            summed = getattr(total, field)
            if said is None or summed is None or field in gapped:
                continue
            if abs(said - summed) > _HALF_CENT / scale + 1e-12:
                out.append(
                    Finding(
                        severity="error",
                        code="sum_mismatch",
                        message=f"年度资金总额的{label}（{fmt_amount(said, scale)}）不等于各来源之和"
                        f"（{fmt_amount(summed, scale)}），已按各来源之和计算",
                        project=project,
                        where=getattr(stated, f"{field}_at"),
                    )
                )
    return out


def projects_rate_findings(result: FundsResult, scale: float, rules: Rules) -> list[Finding]:
    """Return the findings of the department's 执行率 taken from all its projects together:
    rate_undefined (something left out, or no budget) or rate_low. Overspending is each
    project's own finding, and named on the 部门整体 form (`attention`)."""
    total = result.total
    if total.rate is None:
        reason = (
            gaps_reason(total.gaps)
            if blocks_rate(total.gaps)
            else f"项目全年预算数合计为{fmt_amount(total.budget, scale)}"
        )
        first = next((g.where for g in total.gaps if g.field != "initial"), None)
        return [
            Finding(
                severity="warning",
                code="rate_undefined",
                message=f"部门执行率（全部项目合计）无法计算：{reason}，部门整体的执行率得分需人工填写",
                project=None,
                where=first,
            )
        ]
    if total.rate < rules.rate_warn - 1e-12:
        return [
            Finding(
                severity="warning",
                code="rate_low",
                message=f"部门执行率（全部项目合计）{fmt_pct(total.rate)}低于{rules.rate_warn:.0%}，"
                "请说明原因",
                project=None,
                where=None,
            )
        ]
    return []


def attention(projects: Iterable[ProjectResult], rules: Rules) -> tuple[tuple[str, str], ...]:
    """Return the projects to name on the 部门整体 form: overspent (in total or in a source),
    with a 执行率 below the rules' threshold, or whose 执行率 cannot be computed from what was
    written (an amount that is no number, or left empty); each with why."""
    out: list[tuple[str, str]] = []
    for p in projects:
        rate = p.funds.total.rate
        shown = f"执行率{fmt_pct(rate)}" if rate is not None else ""
        if blocks_rate(p.funds.total.gaps):
            out.append((p.project.name, f"执行率无法计算：{gaps_reason(p.funds.total.gaps, 2)}"))
        elif any(f.code == "overspent" for f in p.findings):
            out.append(
                (p.project.name, "全年执行数大于全年预算数" + (f"（{shown}）" if shown else ""))
            )
        elif rate is not None and rate < rules.rate_warn - 1e-12:
            out.append((p.project.name, f"{shown}，低于{rules.rate_warn:.0%}"))
    return tuple(out)


def duplicate_projects(projects: tuple[Project, ...]) -> list[Finding]:
    """Return a `duplicate_project` warning for each project name that occurs more than once
    (two forms of one project, e.g. a sheet copied and not renamed)."""
    seen: dict[str, list[Project]] = {}
    for p in projects:
        seen.setdefault(p.name, []).append(p)
    out = []
    for name, same in seen.items():
        if len(same) > 1:
            cells = "、".join(str(p.where) for p in same if p.where is not None)
            out.append(
                Finding(
                    severity="warning",
                    code="duplicate_project",
                    message=f"项目“{name}”出现了{len(same)}次"
                    + (f"（{cells}）" if cells else "")
                    + "，请确认是否重复填报；各自单独评分",
                    project=name,
                    where=same[1].where,
                )
            )
    return out


def _source_cell(funds: Funds, source: str, field: str):
    for s in funds.sources:
        if s.source == source:
            return getattr(s, f"{field}_at")
    return None


def indicator_findings(res: IndicatorResult, j: Judgement, project: str | None) -> list[Finding]:
    """Return the findings of one judged indicator."""
    ind = res.indicator
    label = f"指标“{ind.name}”" if ind.name else "指标"
    out: list[Finding] = []
    if not ind.target.strip() or not ind.actual.strip():
        what = "年度指标值" if not ind.target.strip() else "实际完成值"
        where = ind.target_at if not ind.target.strip() else ind.where
        out.append(
            Finding(
                severity="error",
                code="missing_value",
                message=f"{label}未填写{what}，需人工判断",
                project=project,
                where=where,
            )
        )
    elif res.status == "manual":
        out.append(
            Finding(
                severity="warning",
                code="manual",
                message=f"{label}需人工判断：{j.reason or j.formula}",
                project=project,
                where=ind.where,
            )
        )
    elif res.status == "unmet":
        word = PARTIAL if res.band == PARTIAL else "未达成"
        out.append(
            Finding(
                severity="warning",
                code="indicator_unmet",
                message=f"{label}{word}：年度指标值“{ind.target}”，实际完成值“{ind.actual}”",
                project=project,
                where=ind.where,
            )
        )
    elif res.status == "exceeded":
        out.append(
            Finding(
                severity="info",
                code="indicator_exceeded",
                message=f"{label}超额完成较多：年度指标值“{ind.target}”，实际完成值“{ind.actual}”，请分析原因",
                project=project,
                where=ind.where,
            )
        )
    if res.needs_explanation and not ind.explanation.strip():
        out.append(
            Finding(
                severity="warning",
                code="explanation_missing",
                message=f"{label}存在偏差，请填写偏差原因分析及改进措施",
                project=project,
                where=ind.explanation_at or ind.where,
            )
        )
    for note in j.notes:
        out.append(
            Finding(
                severity="info",
                code="reading",
                message=f"{label}：{note}",
                project=project,
                where=ind.where,
            )
        )
    return out


def score_tolerance(rules: Rules) -> float:
    """Return how far a hand-filled 得分 may be from the computed one: half a unit of the
    last shown decimal."""
    return 0.5 * 10 ** (-rules.decimals) + 1e-9


def score_findings(
    name: str | None,
    stated: Funds | None,
    funds: FundsResult | None,
    results: Iterable[IndicatorResult],
    stated_total: tuple[float | None, Where | None],
    score: float | None,
    rules: Rules,
) -> list[Finding]:
    """Return score_differs for every hand-filled 得分 of a form (its 执行率 得分 in `stated`,
    its indicators', its 自评总分 `stated_total` as (value, cell)) that differs from the
    recomputed one. `score` None skips the total (a provisional one is not compared)."""
    out: list[Finding] = []
    tolerance = score_tolerance(rules)

    def differs(given: float | None, computed: float | None) -> bool:
        return given is not None and computed is not None and abs(given - computed) > tolerance

    if stated is not None and funds is not None and differs(stated.stated_score, funds.score):
        out.append(
            Finding(
                severity="info",
                code="score_differs",
                message=f"执行率得分填写为{stated.stated_score:g}，按规则计算为{funds.score:.2f}",
                project=name,
                where=stated.stated_score_at,
            )
        )
    for res in results:
        ind = res.indicator
        if differs(ind.stated_score, res.score):
            out.append(
                Finding(
                    severity="info",
                    code="score_differs",
                    message=f"指标“{ind.name}”得分填写为{ind.stated_score:g}，按规则计算为{res.score:.2f}",
                    project=name,
                    where=ind.stated_score_at,
                )
            )
    total, total_at = stated_total
    if differs(total, score):
        out.append(
            Finding(
                severity="info",
                code="score_differs",
                message=f"自评总分填写为{total:g}，按规则计算为{score:.2f}",
                project=name,
                where=total_at,
            )
        )
    return out
