"""执行率: totals of the funding sources, the rate per source and in total, and its score."""

from __future__ import annotations

from app.evaluate.results import FIELD_NAMES, TOTAL_SOURCE, FundsResult, Gap, RateResult
from app.model import Funding, Funds, Where
from app.rules import Rules
from app.text import fmt_amount, fmt_num, fmt_pct


def rate_of(spent: float | None, budget: float | None) -> float | None:
    """Return spent / budget, or None when the budget is 0 or either is missing."""
    if budget is None or spent is None or budget <= 0:
        return None
    return spent / budget


def gaps_of(s: Funding) -> tuple[Gap, ...]:
    """Return the amounts of one funding row that a total must leave out: text that is no
    number, a 全年预算数 left empty beside other figures, a 全年执行数 left empty beside a
    budget above 0."""
    gaps: list[Gap] = []
    if s.initial_text is not None:
        gaps.append(Gap(s.source, "initial", s.initial_text, s.initial_at))
    if s.budget_text is not None:
        gaps.append(Gap(s.source, "budget", s.budget_text, s.budget_at))
    elif s.budget is None and (s.spent is not None or s.spent_text is not None):
        gaps.append(Gap(s.source, "budget", "", s.budget_at))
    if s.spent_text is not None:
        gaps.append(Gap(s.source, "spent", s.spent_text, s.spent_at))
    elif s.spent is None and s.budget is not None and s.budget > 0:
        gaps.append(Gap(s.source, "spent", "", s.spent_at))
    return tuple(gaps)


def blocks_rate(gaps: tuple[Gap, ...]) -> bool:
    """True when a budget or spent amount is left out: the 执行率 cannot be computed."""
    return any(g.field != "initial" for g in gaps)


def total_of(sources: tuple[Funding, ...]) -> RateResult:
    """Return the 年度资金总额 row: the sum of the sources (never a stated total), leaving out
    (and listing in `gaps`) what could not be read or is missing."""
    initials: list[float] = []
    budgets: list[float] = []
    spents: list[float] = []
    gaps: tuple[Gap, ...] = ()
    for s in sources:  # one pass: this runs for every form
        if s.initial is not None:
            initials.append(s.initial)
        if s.budget is not None:
            budgets.append(s.budget)
        if s.spent is not None:
            spents.append(s.spent)
        if (
            s.initial_text is not None
            or s.budget_text is not None
            or s.spent_text is not None
            or s.budget is None
            or s.spent is None
        ):
            gaps += gaps_of(s)
    budget = sum(budgets) if budgets else None
    spent = sum(spents) if spents else None
    return RateResult(
        source=TOTAL_SOURCE,
        initial=sum(initials) if initials else None,
        budget=budget,
        spent=spent,
        rate=None if blocks_rate(gaps) else rate_of(spent, budget),
        gaps=gaps,
    )


def combine(totals: list[tuple[str, RateResult]]) -> RateResult:
    """Return the projects' totals added up (the department's 项目资金合计), each gap named
    with its project; a project with no 全年预算数 at all is a gap too."""
    initial = budget = spent = 0.0
    some = [False, False, False]
    gaps: list[Gap] = []
    for name, t in totals:
        for k, v in enumerate((t.initial, t.budget, t.spent)):
            if v is not None:
                some[k] = True
        initial += t.initial or 0.0
        budget += t.budget or 0.0
        spent += t.spent or 0.0
        gaps.extend(g._replace(project=name) for g in t.gaps)
        if t.budget is None and not t.gaps:
            gaps.append(Gap("", "budget", "", None, name))
    b = budget if some[1] else None
    s = spent if some[2] else None
    found = tuple(gaps)
    return RateResult(
        source=TOTAL_SOURCE,
        initial=initial if some[0] else None,
        budget=b,
        spent=s,
        rate=None if blocks_rate(found) else rate_of(s, b),
        gaps=found,
    )


def gap_words(
    gaps: tuple[Gap, ...], fields: tuple[str, ...] = ("initial", "budget", "spent")
) -> str:
    """Return what a total leaves out, as a person reads it: "1个无法识别的金额",
    "2个无法识别的金额和1个未填写的金额" ("" when nothing of `fields` is left out)."""
    unread = sum(1 for g in gaps if g.field in fields and g.text)
    empty = sum(1 for g in gaps if g.field in fields and not g.text)
    parts = []
    if unread:
        parts.append(f"{unread}个无法识别的金额")
    if empty:
        parts.append(f"{empty}个未填写的金额")
    return "和".join(parts)


def gap_detail(g: Gap) -> str:
    """Return one gap as a person reads it: 项目“X”当年财政拨款的全年执行数“约120”（项目资金!G4）."""
    who = f"项目“{g.project}”" if g.project else ""
    of = f"{g.source}的" if g.source and g.source != TOTAL_SOURCE else ""
    what = f"“{g.text}”无法识别" if g.text else "未填写"
    at = f"（{g.where}）" if g.where is not None else ""
    return f"{who}{of}{FIELD_NAMES.get(g.field, g.field)}{what}{at}"


def gaps_reason(gaps: tuple[Gap, ...], limit: int = 3) -> str:
    """Return the gaps that block a rate, the first `limit` in detail."""
    shown = [gap_detail(g) for g in gaps if g.field != "initial"]
    more = f"等{len(shown)}处" if len(shown) > limit else ""
    return "；".join(shown[:limit]) + more


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
            RateResult(
                source=s.source,
                initial=s.initial,
                budget=s.budget,
                spent=s.spent,
                rate=None if s.budget_text or s.spent_text else rate_of(s.spent, s.budget),
                gaps=gaps_of(s),
            )
            for s in funds.sources
        ]
    )
    # A form with only a 年度资金总额 row (no source rows) is judged on that row.
    basis = funds.sources or ((funds.stated_total,) if funds.stated_total else ())
    total = total_of(basis)
    weight = funds.weight if funds.weight is not None else rules.rate_weight
    return score_total(total, sources, weight, rules, scale)


def score_total(
    total: RateResult,
    sources: tuple[RateResult, ...],
    weight: float,
    rules: Rules,
    scale: float = 1.0,
) -> FundsResult:
    """Return the 执行率 item of a total: its score at `weight` with the formula, or None
    and the reason a person must score it."""
    if total.rate is None:
        if blocks_rate(total.gaps):
            note = f"{gaps_reason(total.gaps)}，执行率无法计算，请人工评分"
        elif total.budget is not None:
            note = f"全年预算数为{fmt_amount(total.budget, scale)}，执行率无法计算，请人工评分"
        else:
            note = "未填写全年预算数，执行率无法计算，请人工评分"
        return FundsResult(total=total, sources=sources, weight=weight, score=None, note=note)
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
    return FundsResult(total=total, sources=sources, weight=weight, score=score, note=note)


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
