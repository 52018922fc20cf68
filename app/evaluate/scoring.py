"""Score every form: judge each indicator, apply the weights, add up, grade.

`evaluate(dataset, rules)` is the whole evaluation stage: it returns an `Evaluation` holding
every judged indicator, every execution rate, every total and grade, and every finding.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from app.evaluate.checks import (
    duplicate_projects,
    funds_findings,
    indicator_findings,
    score_findings,
)
from app.evaluate.funds import evaluate_funds, fmt_num, total_of
from app.evaluate.judge import Judgement, judge
from app.evaluate.results import (
    DepartmentResult,
    Evaluation,
    FundsResult,
    IndicatorResult,
    ProjectResult,
)
from app.evaluate.weights import weigh
from app.model import Dataset, Department, Finding, Funds, Indicator, Project
from app.rules import NATIONAL, Rules


def round_half_up(x: float, decimals: int) -> float:
    """Return x rounded half up (0.125 → 0.13), as people round, not banker's rounding."""
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def grade_of(score: float | None, rules: Rules) -> str | None:
    """Return the grade band of a total, or None when there is no total."""
    if score is None:
        return None
    for lowest, grade in rules.grades:
        if score >= lowest - 1e-9:
            return grade
    return rules.grades[-1][1] if rules.grades else None


def needs_explanation(j: Judgement) -> bool:
    """unmet, exceeded, and a qualitative band below 达成 need a 偏差原因分析."""
    return j.status in ("unmet", "exceeded") or (j.band is not None and j.band != "达成")


def _score_indicator(ind: Indicator, j: Judgement, weight: float) -> IndicatorResult:
    if j.status in ("manual", "not_applicable") or j.share is None:
        note = j.reason or j.formula
        if j.status == "not_applicable":
            note = "实际完成值为不适用，本指标不计分，分值已折算到其余指标"
        return IndicatorResult(ind, j.status, weight, None, needs_explanation(j), note, j.band)
    deduction = j.deduction_points + j.deduction_share * weight
    score = min(max(weight * j.share - deduction, 0.0), weight)
    if j.share >= 1 and not deduction:
        note = f"{j.formula}（{score:.2f}分）"
    else:
        note = f"{j.formula}；得分 = {fmt_num(weight)} × {j.share:.2%}"
        if deduction:
            note += f" − 扣减{deduction:.2f}"
        note += f" = {score:.2f}"
    return IndicatorResult(ind, j.status, weight, score, needs_explanation(j), note, j.band)


Memo = dict[tuple[str, str, str, str, bool, bool], Judgement]
"""Judgements already made in one evaluation (same rules, same year), by what they depend on:
most forms repeat their targets and actuals (≥95% | 100%), and judging is pure."""


def _judge(ind: Indicator, rules: Rules, year: int | None, memo: Memo | None) -> Judgement:
    key = (
        ind.target,
        ind.actual,
        ind.level1,
        ind.level2,
        ind.actual_is_percent,
        ind.target_is_percent,
    )
    if memo is not None and (known := memo.get(key)) is not None:
        return known
    j = judge(
        ind.target,
        ind.actual,
        level1=ind.level1,
        level2=ind.level2,
        rules=rules,
        year=year,
        actual_is_percent=ind.actual_is_percent,
        target_is_percent=ind.target_is_percent,
    )
    if memo is not None:
        memo[key] = j
    return j


def _score_form(
    indicators: tuple[Indicator, ...],
    funds: Funds | None,
    scale: float,
    rules: Rules,
    year: int | None,
    project: str | None,
    memo: Memo | None = None,
) -> tuple[FundsResult | None, tuple[IndicatorResult, ...], float | None, bool, list[Finding]]:
    """Score one form's funds and indicators; return the funds result, the indicator results,
    the unrounded total (None when nothing could be scored), provisional, and findings.
    `memo` holds judgements made earlier with the same rules and year."""
    judgements = [_judge(ind, rules, year, memo) for ind in indicators]
    funds_result = evaluate_funds(funds, rules, scale) if funds is not None else None
    weighting = weigh(
        indicators,
        [j.status != "not_applicable" for j in judgements],
        funds_result.weight if funds_result else None,
        rules,
        project,
    )
    if funds_result is not None and weighting.rate_weight != funds_result.weight:
        factor = weighting.rate_weight / funds_result.weight if funds_result.weight else 1.0
        funds_result = replace(
            funds_result,
            weight=weighting.rate_weight,
            score=None if funds_result.score is None else funds_result.score * factor,
            note=funds_result.note
            + f"（因不适用指标按比例折算为{fmt_num(round(weighting.rate_weight, 2))}分）",
        )
    results = tuple(
        _score_indicator(ind, j, w)
        for ind, j, w in zip(indicators, judgements, weighting.weights, strict=True)
    )
    findings = list(weighting.findings)
    for res, j in zip(results, judgements, strict=True):
        findings.extend(indicator_findings(res, j, project))
    parts = [r.score for r in results if r.score is not None]
    provisional = any(r.status == "manual" for r in results)
    if funds_result is not None:
        if funds_result.score is None:
            provisional = True
        else:
            parts.append(funds_result.score)
    total = sum(parts) if parts else None
    if total is not None and funds_result is not None and funds_result.total.rate is not None:
        for below, cap in rules.rate_cap:
            if funds_result.total.rate < below:
                total = min(total, cap)
                break
    return funds_result, results, total, provisional, findings


def evaluate_project(
    project: Project, rules: Rules, year: int | None, memo: Memo | None = None
) -> ProjectResult:
    """Return one project's form judged and scored, with its findings. `memo` holds the
    judgements made earlier with the same rules and year (see `Memo`)."""
    funds, results, total, provisional, findings = _score_form(
        project.indicators, project.funds, project.amount_scale, rules, year, project.name, memo
    )
    assert funds is not None
    findings = (
        funds_findings(project.funds, funds, project.amount_scale, rules, project.name) + findings
    )
    if not project.indicators:
        findings.append(
            Finding(
                "warning",
                "no_indicators",
                f"项目“{project.name}”没有绩效指标，得分只含执行率部分",
                project.name,
                project.where,
            )
        )
    score = None if total is None else round_half_up(total, rules.decimals)
    findings += score_findings(project, funds, results, score, rules)
    return ProjectResult(
        project, funds, results, score, grade_of(score, rules), provisional, tuple(findings)
    )


def evaluate_department(
    department: Department,
    projects: tuple[Project, ...],
    rules: Rules,
    memo: Memo | None = None,
) -> DepartmentResult:
    """Return the department form judged and scored (its 执行率 only when it has funds)."""
    funds, results, total, provisional, findings = _score_form(
        department.indicators,
        department.funds,
        department.amount_scale,
        rules,
        department.year,
        None,
        memo,
    )
    if department.funds is not None and funds is not None:
        findings = (
            funds_findings(department.funds, funds, department.amount_scale, rules, None) + findings
        )
    score = None if total is None else round_half_up(total, rules.decimals)
    all_sources = tuple(s for p in projects for s in p.funds.sources)
    return DepartmentResult(
        department,
        funds,
        total_of(all_sources),
        results,
        score,
        grade_of(score, rules),
        provisional,
        tuple(findings),
    )


def evaluate(dataset: Dataset, rules: Rules = NATIONAL, progress=None) -> Evaluation:
    """Return the whole dataset evaluated. `progress(done, total)` is called per project."""
    year = dataset.department.year
    memo: Memo = {}
    department = evaluate_department(dataset.department, dataset.projects, rules, memo)
    projects = []
    n = len(dataset.projects)
    for i, project in enumerate(dataset.projects):
        projects.append(evaluate_project(project, rules, year, memo))
        if progress is not None:
            progress(i + 1, n)
    findings = (
        *dataset.findings,
        *duplicate_projects(dataset.projects),
        *department.findings,
        *(f for p in projects for f in p.findings),
    )
    return Evaluation(dataset, department, tuple(projects), findings, rules)
