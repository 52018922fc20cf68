"""Judge one indicator: its actual (实际完成值, B) against its target (年度指标值, A).

Implements docs/scoring.md ("Quantitative indicators", "Units and numbers",
"Deadlines", "Qualitative indicators"). Where the input is ambiguous the answer is `manual`
with a reason naming the values: a wrong `met` is the worst error this code can make.

Choices the spec leaves open:
- ">" is strict: B = A is `unmet`, scored B/A (so still full marks) and flagged.
- A bare number 0 < B ≤ 1.5 beside a percentage target reads as a fraction (0.95 → 95%,
  1 → 100%) with a note, when `rules.bare_fraction_as_percent`; otherwise `manual`, and also
  when both readings are plausible: the target is itself at most 1.5%, or it is a "≤" target
  the two readings judge differently (0.5 beside "≤5%").
- An actual written with an operator ("≥96%", "达到100%") is a bound: judged only when the
  bound settles it, else `manual`.
- With no operator under 成本指标, "≤" applies to money (and to unitless numbers, which are
  amounts there); for any other unit the direction is unknown (结余率 vs 达标率), so B ≠ A is
  `manual`.
- A negative target, or a range with a negative low end missed from below: `manual`.
- An exceed deduction is not taken from `share`: `deduction_points` (rules "fixed") and
  `deduction_share` (rules "proportional", a share of the weight) are for the scorer to subtract.
"""

from __future__ import annotations

import re

from app.evaluate.bands import ACHIEVED, FAILED, band_of, yes_no
from app.evaluate.deadlines import judge_deadline
from app.evaluate.expressions import Expr, parse_pair
from app.evaluate.quantities import judge_quantity
from app.evaluate.verdict import Judgement, JudgementKind, band_formula, banded, manual
from app.rules import NATIONAL, Rules

__all__ = ["Judgement", "judge"]

FALLBACK_REASON = "无法自动判断，请人工评分"
_MAX_BAND_TEXT = 60  # longer actuals are prose that a person should read
_DIGIT = re.compile(r"\d")
_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)[.．](0?[1-9]|1[0-2])")


def judge(
    target: str,
    actual: str,
    *,
    level1: str = "",
    level2: str = "",
    rules: Rules = NATIONAL,
    year: int | None = None,
    actual_is_percent: bool = False,
    target_is_percent: bool = False,
    keep_low: bool = False,
) -> Judgement:
    """Return the judgement of `actual` against `target`; never raises.

    `level1`/`level2` (一级/二级指标) tell a 成本指标, whose target without an operator means
    "≤", and a 时效指标, whose "2023.12" is a month. `year` completes dates without a year.
    `*_is_percent` say a value was a number cell formatted as a percentage (so 0.95 is 95%).
    `keep_low` says the indicator's name means lower is better (`direction.keep_low`): a
    target without an operator is then "≤".
    """
    try:
        return _judge(
            target,
            actual,
            level1,
            level2,
            rules,
            year,
            actual_is_percent,
            target_is_percent,
            keep_low,
        )
    except Exception:  # the last guard of "never raises"
        return manual(FALLBACK_REASON)


def _judge(
    target: object,
    actual: object,
    level1: str,
    level2: str,
    rules: Rules,
    year: int | None,
    actual_is_percent: bool,
    target_is_percent: bool,
    keep_low: bool = False,
) -> Judgement:
    """Judge without the guard (tests call it to see real errors)."""
    t, a = parse_pair(target, actual, year)
    if "时效" in level2 and t.kind == "number":
        t, a = as_month(t), as_month(a)
    kind = _KINDS.get(t.kind, "other")
    if a.kind == "empty":
        return manual("实际完成值为空", kind)
    if a.kind == "not_applicable":
        return Judgement(
            "not_applicable", None, f"实际完成值“{a.text}”，本指标不适用，不计分", kind=kind
        )
    if t.kind == "empty":
        return manual("年度指标值为空", kind)
    if t.kind == "not_applicable":
        return manual(f"年度指标值为“{t.text}”，请确认本指标是否适用", kind)
    if kind == "deadline":
        return judge_deadline(t, a, rules)
    if kind == "quantitative":
        if a.kind == "number":
            cost = "成本" in f"{level1}{level2}"
            return judge_quantity(t, a, rules, cost, actual_is_percent, target_is_percent, keep_low)
        return _word_for_number(t, a, rules)
    return _qualitative(t, a, rules)


_KINDS: dict[str, JudgementKind] = {
    "number": "quantitative",
    "range": "quantitative",
    "deadline": "deadline",
    "date": "deadline",
    "done": "deadline",
    "qualitative": "qualitative",
}
"""The kind of judgement a target's kind asks for ("other" for the rest)."""


def as_month(e: Expr) -> Expr:
    """Return a number written as a year and month ("2023.12") as that month, a date: under
    时效指标 it is a deadline or a completion month, never a quantity."""
    m = _YEAR_MONTH.fullmatch(e.text) if e.kind == "number" else None
    if m is None:
        return e
    return Expr("date", e.text, date=(int(m.group(1)), int(m.group(2)), 0))


def _word_for_number(t: Expr, a: Expr, rules: Rules) -> Judgement:
    """A numeric target with an actual that is not a plain number."""
    what = "区间" if a.kind == "range" else "日期" if a.date else "文字"
    reason = f"年度指标值为数值“{t.text}”，实际完成值为{what}“{a.text}”，无法自动比较"
    if what == "文字" and rules.number_vs_qualitative == "band":
        band = _actual_band(t, a)
        if band is not None:
            note = "年度指标值为数值，实际完成值为文字，按定性档次评分"
            formula = band_formula("按定性档次", a.text, band, rules)
            return banded(band, rules, formula, "quantitative", (note,))
    return manual(reason, "quantitative")


def _qualitative(t: Expr, a: Expr, rules: Rules) -> Judgement:
    """A qualitative target: the actual's words decide the band (10号)."""
    if a.kind in ("number", "range") or (a.kind in ("date", "deadline") and a.date):
        what = "日期" if a.date else "数值"
        return manual(
            f"年度指标值为文字“{t.text}”，实际完成值为{what}“{a.text}”，无法自动比较",
            "qualitative",
        )
    if _core(a.text) == _core(t.text):
        formula = band_formula("定性指标", a.text, ACHIEVED, rules, same=True)
        return banded(ACHIEVED, rules, formula, "qualitative")
    band = _actual_band(t, a)
    if band is None:
        return manual(_no_band_reason(t, a), "qualitative")
    return banded(band, rules, band_formula("定性指标", a.text, band, rules), "qualitative")


def _actual_band(t: Expr, a: Expr) -> str | None:
    """Return the band of a word actual against target `t`, None when it cannot be told."""
    target_yes = yes_no(t.text)
    if target_yes is not None:
        actual_yes = yes_no(a.text)
        if actual_yes is not None:
            return ACHIEVED if actual_yes == target_yes else FAILED
        band = band_of(a.text)
        # Against 否/无, only the official phrases are safe ("未发生" would read as 未达成).
        return band if band is not None and ("达成" in a.text or "达到" in a.text) else None
    if _DIGIT.search(a.text) or len(a.text) > _MAX_BAND_TEXT:
        return None
    return band_of(a.text, t.text)


def _no_band_reason(t: Expr, a: Expr) -> str:
    if _DIGIT.search(a.text):
        return f"实际完成值“{a.text}”含有数字，与文字指标值“{t.text}”无法自动比较"
    if len(a.text) > _MAX_BAND_TEXT:
        return "实际完成值为较长的文字说明，需人工判断是否达成"
    return f"实际完成值“{a.text}”无法归入达成、部分达成或未达成档次"


def _core(text: str) -> str:
    return text.rstrip("。，,；;！!、.")
