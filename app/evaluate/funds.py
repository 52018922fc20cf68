"""执行率: totals of the funding sources, the rate per source and in total, and its score."""

from __future__ import annotations

from app.evaluate.build import funds_result, rate_result
from app.evaluate.results import TOTAL_SOURCE, FundsResult, RateResult
from app.model import Funding, Funds, Where
from app.rules import Rules


def fmt_amount(value: float | None, scale: float = 1.0) -> str:
    """Return an amount (万元) in the input's unit with 2 decimals: "14571.46万元" / "3360.00元"."""
    if value is None:
        return "—"
    unit = "元" if scale == 10000 else "万元"
    return f"{value * scale:.2f}{unit}"


def fmt_pct(rate: float | None) -> str:
    """Return a rate as a percentage with 2 decimals ("100.00%"), or "—" when undefined."""
    return "—" if rate is None else f"{rate * 100:.2f}%"


def fmt_num(x: float) -> str:
    """Return a score or weight without needless decimals: 10, 12.5, 11.84."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def rate_of(spent: float | None, budget: float | None) -> float | None:
    """Return spent / budget, or None when the budget is 0 or either is missing."""
    if budget is None or spent is None or budget <= 0:
        return None
    return spent / budget


def total_of(sources: tuple[Funding, ...]) -> RateResult:
    """Return the 年度资金总额 row: the sum of the sources (never a stated total)."""
    initials: list[float] = []
    budgets: list[float] = []
    spents: list[float] = []
    for s in sources:  # one pass: this runs for every form
        if s.initial is not None:
            initials.append(s.initial)
        if s.budget is not None:
            budgets.append(s.budget)
        if s.spent is not None:
            spents.append(s.spent)
    budget = sum(budgets) if budgets else None
    spent = sum(spents) if spents else None
    return rate_result(
        TOTAL_SOURCE,
        sum(initials) if initials else None,
        budget,
        spent,
        rate_of(spent, budget),
    )


def rate_share(rate: float, rules: Rules) -> float:
    """Return the share of the 执行率 weight earned at `rate` (linear or banded)."""
    rate = max(rate, 0.0)
    if rules.rate_scoring == "banded":
        for lowest, share in rules.rate_bands:
            if rate >= lowest - 1e-12:
                return share
        return 0.0
    return min(rate, 1.0)


def evaluate_funds(funds: Funds, rules: Rules, scale: float = 1.0) -> FundsResult:
    """Return the funds block judged: totals, rates and the 执行率 score with its formula."""
    sources = tuple(
        [
            rate_result(s.source, s.initial, s.budget, s.spent, rate_of(s.spent, s.budget))
            for s in funds.sources
        ]
    )
    # A form with only a 年度资金总额 row (no source rows) is judged on that row.
    basis = funds.sources or ((funds.stated_total,) if funds.stated_total else ())
    total = total_of(basis)
    weight = funds.weight if funds.weight is not None else rules.rate_weight
    if total.rate is None:
        note = (
            f"全年预算数为{fmt_amount(total.budget, scale)}，执行率无法计算，请人工评分"
            if total.budget is not None
            else "未填写全年预算数，执行率无法计算，请人工评分"
        )
        return funds_result(total, sources, weight, None, note)
    share = rate_share(total.rate, rules)
    score = weight * share
    rate = fmt_pct(total.rate)
    note = (
        f"执行率 = 全年执行数{fmt_amount(total.spent, scale)} ÷ 全年预算数"
        f"{fmt_amount(total.budget, scale)} = {rate}；"
    )
    if rules.rate_scoring == "banded":
        note += f"按分档计分：得分 = {fmt_num(weight)} × {share:.0%} = {score:.2f}"
    elif total.rate > 1:
        note += f"超出预算，按100%计：得分 = {fmt_num(weight)}"
    else:
        note += f"得分 = {fmt_num(weight)} × {rate} = {score:.2f}"
    return funds_result(total, sources, weight, score, note)


def funds_where(funds: Funds, field: str) -> Where | None:
    """Return the input cell(s) of a total field ("initial", "budget", "spent"): the stated
    total's cell when the form has one, else the single source's cell, else the column range."""
    attr = f"{field}_at"
    if funds.stated_total is not None and getattr(funds.stated_total, attr) is not None:
        return getattr(funds.stated_total, attr)
    cells = [getattr(s, attr) for s in funds.sources if getattr(s, attr) is not None]
    if not cells:
        return None
    if len(cells) == 1:
        return cells[0]
    first, last = cells[0], cells[-1]
    if first.sheet == last.sheet:
        return Where(first.sheet, f"{first.cell}:{last.cell}")
    return first
