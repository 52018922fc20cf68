"""The deviations a 自评报告 must explain (scoring-rules.md, "Deviation explanations"): every
indicator 未达成, 部分达成 or 超额完成, a 执行率 below the rules' threshold, and a 全年预算数
adjusted beyond it. Each states its figures and names what to write; the reason itself is
left to a person (the explanation the input gave is shown beside it, never made up).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.evaluate.bands import PARTIAL
from app.evaluate.results import FundsResult, IndicatorResult
from app.model import Finding
from app.rules import Rules
from app.text import fmt_amount, fmt_pct, whole_pct
from app.wordreport.fields import Deviation, Indicator

JUDGEMENTS = {
    "met": "达成",
    "exceeded": "超额完成",
    "unmet": "未达成",
    "manual": "需人工判断",
    "not_applicable": "不适用",
}
"""How each status reads in the report; an `unmet` in the 部分达成 band reads 部分达成."""


def judgement_of(res: IndicatorResult) -> str:
    """Return the judgement of an indicator in words: 达成, 超额完成, 部分达成, 未达成 …"""
    if res.status == "unmet" and res.band == PARTIAL:
        return PARTIAL
    return JUDGEMENTS[res.status]


def indicator_deviations(rows: Sequence[Indicator]) -> list[Deviation]:
    """Return a deviation for every indicator row that needs a reason, in table order."""
    return [
        Deviation(
            subject=f"指标“{row.name}”",
            kind=row.judgement,
            title=f"指标“{row.name}”{row.judgement}",
            facts=f"年度指标值{row.target or '（未填写）'}，实际完成值{row.actual or '（未填写）'}",
            given=row.explanation,
            prompt=f"指标“{row.name}”{row.judgement}的偏差原因及改进措施",
        )
        for row in rows
        if row.needs_reason
    ]


def _change(initial: float, budget: float) -> str:
    """Return how the budget moved in words: "调减39.5%", "调增233.6%", "由0调增"."""
    if initial <= 0:
        return "由0调增"
    change = (budget - initial) / initial
    return f"{'调增' if change > 0 else '调减'}{abs(change) * 100:.1f}%"


def funds_deviations(
    findings: Sequence[Finding], funds: FundsResult, scale: float, rules: Rules
) -> list[Deviation]:
    """Return the deviations of a funds block, one for each `rate_low` and `budget_adjusted`
    finding among `findings` (the evaluation decided them; this only words them)."""
    total = funds.total
    out = []
    codes = {x.code for x in findings}
    if "budget_adjusted" in codes and total.initial is not None and total.budget is not None:
        out.append(
            Deviation(
                subject="全年预算数",
                kind="预算调整",
                title="全年预算数较年初预算数调整",
                facts=(
                    f"年初预算数{fmt_amount(total.initial, scale)}，全年预算数"
                    f"{fmt_amount(total.budget, scale)}，{_change(total.initial, total.budget)}"
                ),
                given="",
                prompt="全年预算数较年初预算数调整的原因",
            )
        )
    if "rate_low" in codes:
        out.append(
            Deviation(
                subject="预算执行率",
                kind="执行率偏低",
                title="预算执行率偏低",
                facts=(
                    f"全年预算数{fmt_amount(total.budget, scale)}，全年执行数"
                    f"{fmt_amount(total.spent, scale)}，预算执行率{fmt_pct(total.rate)}，"
                    f"低于{whole_pct(rules.rate_warn)}"
                ),
                given="",
                prompt="预算执行率偏低的原因及改进措施",
            )
        )
    return out
