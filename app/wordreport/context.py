"""What a 自评报告 template is filled with: the evaluation, every figure already as the page
shows it (`fields.py`). Nothing is computed here that the evaluation has not decided; amounts
and rates go through the same helpers as the forms' notes and findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.evaluate.results import Evaluation, FundsResult, IndicatorResult, RateResult
from app.model import Finding
from app.rules import Rules
from app.text import fmt_amount, fmt_num, fmt_pct, round_half_up, unit_label
from app.wordreport import fields as f
from app.wordreport.deviations import funds_deviations, indicator_deviations, judgement_of
from app.writers.workbook.summary import summary_scale

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters an XML document cannot hold (a cell may carry them); dropped from user text."""

_COUNT_WORDS = (
    ("met", "达成"),
    ("exceeded", "超额完成"),
    ("partial", "部分达成"),
    ("unmet", "未达成"),
    ("manual", "需人工判断"),
    ("not_applicable", "不适用"),
)


def clean(text: str | None) -> str:
    """Return user text fit for the page: trimmed, Windows line ends made plain, and the
    characters XML cannot hold left out."""
    if not text:
        return ""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def score_text(score: float | None, decimals: int) -> str:
    """Return a score with the rules' decimals, rounded half up ("16.67"), or "—"."""
    if score is None:
        return "—"
    return f"{round_half_up(score, decimals):.{decimals}f}"


def grading_text(rules: Rules) -> str:
    """Return the rules' grade bands in words: "90分（含）以上为优，80分（含）至90分为良，…"."""
    bands = rules.grades
    if len(bands) == 1:
        return f"均为{bands[0][1]}"
    parts = []
    for i, (lowest, grade) in enumerate(bands):
        if i == 0:
            parts.append(f"{fmt_num(lowest)}分（含）以上为{grade}")
        elif i == len(bands) - 1:
            parts.append(f"{fmt_num(bands[i - 1][0])}分以下为{grade}")
        else:
            parts.append(f"{fmt_num(lowest)}分（含）至{fmt_num(bands[i - 1][0])}分为{grade}")
    return "，".join(parts)


def _source(row: RateResult, scale: float) -> f.Source:
    return f.Source(
        clean(row.source),
        fmt_amount(row.initial, scale),
        fmt_amount(row.budget, scale),
        fmt_amount(row.spent, scale),
        fmt_pct(row.rate),
    )


def _funds(total: RateResult, scale: float, **scoring) -> f.Funds:
    """Return a funds block: the amounts and 执行率 of `total` in the form's own unit
    (`scale`), with the `scoring` fields (weight, score, scored, sources, note) as given."""
    return f.Funds(
        unit=unit_label(scale),
        initial=fmt_amount(total.initial, scale),
        initial_given=total.initial is not None,
        budget=fmt_amount(total.budget, scale),
        spent=fmt_amount(total.spent, scale),
        rate=fmt_pct(total.rate),
        rate_defined=total.rate is not None,
        **scoring,
    )


def funds_fields(fr: FundsResult, scale: float, decimals: int) -> f.Funds:
    """Return a funds block judged, in the form's own unit (`scale`)."""
    return _funds(
        fr.total,
        scale,
        weight=fmt_num(fr.weight),
        score=score_text(fr.score, decimals),
        scored=fr.score is not None,
        sources=[_source(s, scale) for s in fr.sources],
        note=clean(fr.note),
    )


def total_fields(total: RateResult, scale: float) -> f.Funds:
    """Return the projects' funds taken together: amounts and 执行率, no 分值 and no 得分."""
    return _funds(total, scale, weight="—", score="—", scored=False, sources=[], note="")


def indicator_fields(res: IndicatorResult, decimals: int) -> f.Indicator:
    """Return one judged indicator as a table row."""
    ind = res.indicator
    return f.Indicator(
        level1=clean(ind.level1),
        level2=clean(ind.level2),
        name=clean(ind.name),
        target=clean(ind.target),
        actual=clean(ind.actual),
        weight=fmt_num(res.weight),
        score=score_text(res.score, decimals),
        judgement=judgement_of(res),
        explanation=clean(ind.explanation),
        needs_reason=res.needs_explanation,
        note=clean(res.note),
    )


def _sum_text(values: Sequence[float | None], decimals: int) -> str:
    """Return the sum of the scores that exist, or "—" when none does."""
    present = [v for v in values if v is not None]
    return score_text(sum(present), decimals) if present else "—"


def _groups(results: Sequence[IndicatorResult], rows: list[f.Indicator], decimals: int):
    """Return the indicators grouped by 一级指标, in the order the input first names each."""
    order: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        order.setdefault(row.level1, []).append(i)
    return [
        f.Group(
            number=n,
            name=name or "其他指标",
            count=len(members),
            weight=fmt_num(sum(results[i].weight for i in members)),
            score=_sum_text([results[i].score for i in members], decimals),
            indicators=[rows[i] for i in members],
        )
        for n, (name, members) in enumerate(order.items(), 1)
    ]


def _counts(rows: list[f.Indicator]) -> f.Counts:
    by_word = {word: 0 for _, word in _COUNT_WORDS}
    for row in rows:
        by_word[row.judgement] += 1
    numbers = {key: by_word[word] for key, word in _COUNT_WORDS}
    summary = "、".join(f"{word}{by_word[word]}个" for _, word in _COUNT_WORDS if by_word[word])
    return f.Counts(total=len(rows), summary=summary, **numbers)


def _notices(findings: Sequence[Finding]) -> list[str]:
    """Return the errors among `findings` as sentences with their input cell."""
    return [
        clean(x.message) + (f"（{x.where}）" if x.where else "")
        for x in findings
        if x.severity == "error"
    ]


def _part(
    results: Sequence[IndicatorResult],
    funds: FundsResult | None,
    findings: Sequence[Finding],
    scale: float,
    rules: Rules,
) -> dict:
    """Return the fields every part has that come from its indicators and findings."""
    decimals = rules.decimals
    rows = [indicator_fields(res, decimals) for res in results]
    deviations = []
    if funds is not None:
        deviations += funds_deviations(findings, funds, scale, rules)
    deviations += indicator_deviations(rows)
    weights = sum(r.weight for r in results)
    return {
        "indicators": rows,
        "groups": _groups(results, rows, decimals),
        "counts": _counts(rows),
        "indicator_weight": fmt_num(weights),
        "total_weight": fmt_num(weights + (funds.weight if funds is not None else 0.0)),
        "indicator_score": _sum_text([r.score for r in results], decimals),
        "deviations": deviations,
    }


def _outcome(score: float | None, grade: str | None, provisional: bool, decimals: int) -> dict:
    return {
        "score": score_text(score, decimals),
        "scored": score is not None,
        "grade": grade or "—",
        "provisional": provisional,
    }


def department_fields(ev: Evaluation, projects: Sequence[f.Project]) -> f.Department:
    """Return the department part: its own form, and its projects taken together
    (`projects`: their parts, already made)."""
    dep = ev.department
    d = dep.department
    rules = ev.rules
    scale = summary_scale(ev)
    together = total_fields(dep.projects_total, scale)
    own = dep.funds is not None
    funds = (
        together if dep.funds is None else funds_fields(dep.funds, d.amount_scale, rules.decimals)
    )
    workbook_errors = [x for x in ev.findings if x.project is None]
    return f.Department(
        goal=clean(d.goal),
        achieved=clean(d.achieved),
        funds=funds,
        notices=_notices(workbook_errors),
        # The 执行率 scored: its own 预算资金's, else its projects' together.
        **_part(dep.indicators, dep.rate_item, dep.findings, d.amount_scale, rules),
        **_outcome(dep.score, dep.grade, dep.provisional, rules.decimals),
        name=clean(d.name),
        year=str(d.year) if d.year else "",
        supervisor=clean(d.supervisor),
        funds_own=own,
        projects_funds=together,
        project_count=len(ev.projects),
        project_deviations=sum(len(p.deviations) for p in projects),
        projects=[
            f.ProjectRow(
                number=n,
                name=clean(p.project.name),
                budget=fmt_amount(p.funds.total.budget, p.project.amount_scale),
                spent=fmt_amount(p.funds.total.spent, p.project.amount_scale),
                rate=fmt_pct(p.funds.total.rate),
                score=score_text(p.score, rules.decimals),
                grade=p.grade or "—",
            )
            for n, p in enumerate(ev.projects, 1)
        ],
        tasks=[
            f.Task(clean(t.number), clean(t.name), clean(t.content), clean(t.achieved))
            for t in d.tasks
        ],
    )


def report_fields(
    ev: Evaluation, source_name: str, progress: Callable[[int, int], None] | None = None
) -> f.Report:
    """Return everything a template is filled with. `progress(done, total)` is called after
    each project."""
    rules = ev.rules
    errors_by_project: dict[str, list[Finding]] = {}
    for x in ev.findings:
        if x.project is not None and x.severity == "error":
            errors_by_project.setdefault(x.project, []).append(x)
    projects = []
    n = len(ev.projects)
    for i, pr in enumerate(ev.projects):
        p = pr.project
        scale = p.amount_scale
        projects.append(
            f.Project(
                goal=clean(p.goal),
                achieved=clean(p.achieved),
                funds=funds_fields(pr.funds, scale, rules.decimals),
                notices=_notices(errors_by_project.get(p.name, ())),
                **_part(pr.indicators, pr.funds, pr.findings, scale, rules),
                **_outcome(pr.score, pr.grade, pr.provisional, rules.decimals),
                number=i + 1,
                name=clean(p.name),
                supervisor=clean(p.department or ev.department.department.supervisor),
                unit=clean(p.unit),
            )
        )
        if progress is not None:
            progress(i + 1, n)
    department = department_fields(ev, projects)
    return f.Report(
        department=department,
        projects=projects,
        year=department.year,
        grading=grading_text(rules),
        source=clean(source_name),
    )
