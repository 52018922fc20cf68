"""Score every form: judge each indicator, apply the weights, add up, grade.

`evaluate(dataset, rules)` is the whole evaluation stage: it returns an `Evaluation` holding
every judged indicator, every execution rate, every total and grade, and every finding.
"""

from __future__ import annotations

from dataclasses import replace

from app.evaluate.checks import (
    attention,
    duplicate_projects,
    funds_findings,
    indicator_findings,
    projects_rate_findings,
    score_findings,
)
from app.evaluate.funds import combine, evaluate_funds, score_total
from app.evaluate.memo import Memo, memo_for
from app.evaluate.results import (
    DepartmentResult,
    Evaluation,
    FundsResult,
    IndicatorResult,
    ProjectResult,
)
from app.evaluate.tally import share_out
from app.evaluate.weights import weigh
from app.model import Dataset, Department, Finding, Funds, Indicator, Project
from app.rules import NATIONAL, Rules
from app.text import fmt_num, round_half_up


def grade_of(score: float | None, rules: Rules) -> str | None:
    """Return the grade band of a total, or None when there is no total."""
    if score is None:
        return None
    for lowest, grade in rules.grades:
        if score >= lowest - 1e-9:
            return grade
    return rules.grades[-1][1] if rules.grades else None


def _score_form(
    indicators: tuple[Indicator, ...],
    funds: Funds | None,
    scale: float,
    rules: Rules,
    year: int | None,
    project: str | None,
    memo: Memo | None = None,
    rate: FundsResult | None = None,
) -> tuple[
    FundsResult | None,
    tuple[IndicatorResult, ...],
    float | None,
    bool,
    list[Finding],
]:
    """Score one form's funds and indicators; return the funds result, the indicator results,
    the unrounded total (None when nothing could be scored), provisional, and findings.
    `memo` holds judgements made earlier with the same rules and year; `rate` is the 执行率
    item of a form without funds of its own (the department's projects)."""
    if memo is None:
        memo = memo_for(rules, year)
    entries = [memo.entry(ind) for ind in indicators]
    funds_result = evaluate_funds(funds, rules, scale) if funds is not None else rate
    weighting = weigh(
        indicators,
        [e.applicable for e in entries],
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
    findings = list(weighting.findings)
    results = []
    parts = []
    provisional = weighting.off_total
    for ind, e, w in zip(indicators, entries, weighting.weights, strict=True):
        status, score, needs, note, band = e.scored(w)
        res = IndicatorResult(
            indicator=ind,
            status=status,
            weight=w,
            score=score,
            needs_explanation=needs,
            note=note,
            band=band,
            shown=e.shown,
        )
        results.append(res)
        if score is not None:
            parts.append(score)
        elif status == "manual":
            provisional = True
        if not e.quiet:
            findings.extend(indicator_findings(res, e.judgement, project))
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
    return funds_result, tuple(results), total, provisional, findings


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
                severity="warning",
                code="no_indicators",
                message=f"项目“{project.name}”没有绩效指标，得分只含执行率部分",
                project=project.name,
                where=project.where,
            )
        )
    score = None if total is None else round_half_up(total, rules.decimals)
    # A provisional total is not compared with a stated one: a person has yet to finish it.
    findings += score_findings(
        project.name,
        project.funds,
        funds,
        results,
        (project.stated_total_score, project.stated_total_score_at),
        None if provisional else score,
        rules,
    )
    return ProjectResult(
        project=project,
        funds=funds,
        indicators=results,
        score=score,
        grade=grade_of(score, rules),
        provisional=provisional,
        findings=tuple(findings),
    )


def evaluate_department(
    department: Department,
    projects: tuple[ProjectResult, ...],
    rules: Rules,
    memo: Memo | None = None,
) -> DepartmentResult:
    """Return the department form judged and scored. Its 执行率 is its own 预算资金's when it
    has one, else that of all its projects together (Σ 全年执行数 ÷ Σ 全年预算数) at the rules'
    default 分值; a form without indicators or funds of its own is not scored."""
    projects_total = combine([(p.project.name, p.funds.total) for p in projects])
    rate = None
    scales = {p.project.amount_scale for p in projects}
    scale = scales.pop() if len(scales) == 1 else 1.0
    if department.funds is None and department.indicators and projects:
        rate = score_total(projects_total, (), rules.rate_weight, rules, scale)
    funds, results, total, provisional, findings = _score_form(
        department.indicators,
        department.funds,
        department.amount_scale,
        rules,
        department.year,
        None,
        memo,
        rate,
    )
    if department.funds is not None and funds is not None:
        findings = (
            funds_findings(department.funds, funds, department.amount_scale, rules, None) + findings
        )
    elif funds is not None:
        findings = projects_rate_findings(funds, scale, rules) + findings
    score = None if total is None else round_half_up(total, rules.decimals)
    findings += score_findings(
        None,
        department.funds,
        funds,
        results,
        (department.stated_total_score, department.stated_total_score_at),
        None if provisional else score,
        rules,
    )
    return DepartmentResult(
        department=department,
        funds=funds if department.funds is not None else None,
        projects_total=projects_total,
        indicators=results,
        score=score,
        grade=grade_of(score, rules),
        provisional=provisional,
        findings=tuple(findings),
        projects_rate=funds if department.funds is None else None,
        attention=attention(projects, rules),
    )


def evaluate(dataset: Dataset, rules: Rules = NATIONAL, progress=None) -> Evaluation:
    """Return the whole dataset evaluated. `progress(done, total)` is called per project."""
    year = dataset.department.year
    memo = memo_for(rules, year)
    # Each reader finding goes to the one project it names (or to the workbook), so that
    # every face lists and counts it in the same place.
    workbook, read = share_out(
        (*dataset.findings, *duplicate_projects(dataset.projects)), dataset.projects
    )
    projects = []
    n = len(dataset.projects)
    for i, project in enumerate(dataset.projects):
        result = evaluate_project(project, rules, year, memo)
        if read[i]:
            result = replace(result, findings=(*read[i], *result.findings))
        projects.append(result)
        if progress is not None:
            progress(i + 1, n)
    department = evaluate_department(dataset.department, tuple(projects), rules, memo)
    findings = (
        *workbook,
        *department.findings,
        *(f for p in projects for f in p.findings),
    )
    return Evaluation(
        dataset=dataset,
        department=department,
        projects=tuple(projects),
        findings=findings,
        rules=rules,
    )
