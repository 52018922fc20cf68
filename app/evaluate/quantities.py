"""Judge a number or range target (定量指标) against a number actual.

≥ / > / = / no operator: reaching the target is met, B/A below it, `exceeded` from
`rules.exceed_ratio` × A. ≤ / <: within it is met, A/B (or linear) above it. A range: inside
met, below B/low, above exceeded. Units are made one first (a missing unit takes the other's);
see `app.evaluate.judge` for the choices the spec leaves open.
"""

from __future__ import annotations

import math
import re
import unicodedata

from app.evaluate.display import format_quantity, format_value
from app.evaluate.expressions import Expr
from app.evaluate.units import PERCENT, unit_of
from app.evaluate.verdict import Judgement, clamp, manual
from app.rules import Rules
from app.text import format_number, pct


def judge_quantity(
    t: Expr,
    a: Expr,
    rules: Rules,
    cost: bool,
    actual_is_percent: bool,
    target_is_percent: bool,
    keep_low: bool = False,
) -> Judgement:
    """A number or range target against a number actual. `keep_low`: the name says lower is
    better, so a target without an operator is "≤"."""
    notes: list[str] = []
    if a.op is not None and t.op is not None and _FAMILY.get(a.op) == _FAMILY.get(t.op):
        # "≥266米" against "≥266米": the actual repeats the target's sign; its number counts.
        notes.append(f"实际完成值“{a.text}”重复了指标值的比较符号，已忽略，按其数值判断")
        a = a._replace(op=None)
    if target_is_percent:
        t = _as_flagged_percent(t)
    if actual_is_percent:
        a = _as_flagged_percent(a)
    if (t.unit is None) != (a.unit is None) or t.dimension != a.dimension:
        # (otherwise _align would return them as they are: the usual case, without a call)
        aligned = _align(t, a, notes, rules)
        if isinstance(aligned, str):
            return manual(aligned, "quantitative")
        t, a = aligned
    assert t.value is not None and a.value is not None
    if t.kind == "range":
        if a.op not in (None, "="):
            return manual(f"实际完成值“{a.text}”只给出范围，无法与区间比较", "quantitative")
        return _range(t, a, _floor(a, t, notes), rules, notes)
    if t.value < 0:
        return manual(f"年度指标值“{t.text}”为负数，无法自动计分", "quantitative")
    b = _floor(a, t, notes)
    op = t.op
    if op is None and keep_low and not cost:
        op = "≤"
        notes.append("指标名称表示越低越好，未写比较符号，按“≤”判断")
    elif op is None and t.value == 0:
        op = "="  # a target of none ("0起", "0"): met by none, missed by any
    if op is None and cost:
        if t.dimension is None or (t.dimension or "").startswith("money"):
            op = "≤"
            notes.append("成本指标未写比较符号，按“≤”（越低越好）判断")
        elif not _close(b, t.value):
            return manual(
                f"成本指标“{t.text}”未写比较符号（≥ 或 ≤），实际完成值{format_value(a)}"
                "与指标值不等，无法判断方向",
                "quantitative",
            )
    if op in ("≤", "<"):
        return _at_most(t, a, b, op, rules, notes)
    return _at_least(t, a, b, op or "≥", rules, notes)


_MULTIPLIED = frozenset("万亿")
"""The first character of a unit that multiplies another (万人, 亿元 is money's own)."""
_FAMILY = {"≥": "up", ">": "up", "≤": "down", "<": "down", "=": "equal"}
"""The direction of each comparison sign."""


def _floor(a: Expr, t: Expr, notes: list[str]) -> float:
    """Return the actual's value, negatives counted as 0 (unless the target itself is negative)."""
    assert a.value is not None and t.value is not None
    if a.value < 0 <= t.value:
        notes.append(f"实际完成值{format_value(a)}为负数，按0计")
        return 0.0
    return a.value


def _as_flagged_percent(e: Expr) -> Expr:
    """A number cell formatted as a percentage: its number is the fraction (0.95 = 95%); a
    number above 1.5 was written as a percentage (95 = 95%), like `parse_rate`."""
    if e.kind != "number" or e.value is None or e.dimension not in (None, "percent"):
        return e
    written = e.value if e.unit is None else PERCENT.from_base(e.value)
    value = written if abs(written) <= 1.5 else written / 100
    return _respelled(e, value, e.high, "%", "percent")


def _align(t: Expr, a: Expr, notes: list[str], rules: Rules) -> tuple[Expr, Expr] | str:
    """Return target and actual in one unit (a missing unit takes the other's), or the reason
    they cannot be compared."""
    if t.unit is not None and a.unit is None:
        adopted = _adopt(a, t, "实际完成值", notes, rules)
        if isinstance(adopted, str):
            return adopted
        a = adopted
    elif a.unit is not None and t.unit is None:
        adopted = _adopt(t, a, "指标值", notes, rules)
        if isinstance(adopted, str):
            return adopted
        t = adopted
    if t.dimension != a.dimension:
        return f"单位不一致：指标值单位“{t.unit}”，实际完成值单位“{a.unit}”，无法自动比较"
    return t, a


def _adopt(bare: Expr, other: Expr, label: str, notes: list[str], rules: Rules) -> Expr | str:
    """Return `bare` (no unit) in the unit of `other`; a bare 0.95 beside a percentage reads as
    95% (with a note) when the rules allow and the reading is not in doubt."""
    assert bare.value is not None and other.value is not None and other.unit is not None
    x = bare.value
    if other.dimension == "percent":
        if 0 < x <= 1.5:
            if not rules.bare_fraction_as_percent or _doubtful_fraction(bare, other):
                return (
                    f"{label}{format_number(x)}是比例（{format_number(x * 100)}%）"
                    f"还是百分数（{format_number(x)}%）无法确定"
                )
            notes.append(fraction_note(label, x))
            value, high = x, bare.high
        else:
            value = PERCENT.to_base(x)
            high = None if bare.high is None else PERCENT.to_base(bare.high)
        return _respelled(bare, value, high, "%", "percent")
    unit = unit_of(other.unit)
    if other.unit[:1] in _MULTIPLIED and other.dimension != "money" and other.value:
        # "≥3.2万人" beside a bare 3.3 means 3.3万人; beside 33000, 33000人. The reading
        # nearer the other value is taken, and said; neither near it: a person decides.
        near = other.value
        plain = unit_of(other.unit[1:])
        readings = [(unit.to_base(x), other.unit), (plain.to_base(x), plain.name)]
        value, name = min(readings, key=lambda r: abs(math.log(max(r[0], 1e-12) / near)))
        if x <= 0 or not 0.1 <= value / near <= 10:
            return f"{label}{format_number(x)}未写单位，是{other.unit}还是{plain.name}无法确定"
        if name != other.unit:  # the other's own unit is the rule; any other reading is said
            notes.append(f"{label}{format_number(x)}按{format_number(x)}{name}理解")
        high = None if bare.high is None else bare.high * value / x
        return _respelled(bare, value, high, name, other.dimension)
    high = None if bare.high is None else unit.to_base(bare.high)
    return _respelled(bare, unit.to_base(x), high, other.unit, other.dimension)


_FRACTION_NOTE = re.compile(r"^(实际完成值|指标值)(\d+(?:\.\d+)?)按(\d+(?:\.\d+)?)%理解$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def fraction_note(label: str, x: float) -> str:
    """Return the note of a bare fraction read as a percentage: "实际完成值0.93按93%理解"."""
    return f"{label}{format_number(x)}按{format_number(x * 100)}%理解"


def as_read(target: str, actual: str, notes: tuple[str, ...]) -> tuple[str, str] | None:
    """Return (target, actual) as they were read when a note says a bare fraction beside a
    percentage was read as one (a typed 0.93 beside ≥95% is 93%): the number respelled as the
    percentage, the rest as written; None when every value was read as written."""
    texts = {"指标值": target, "实际完成值": actual}
    changed = False
    for note in notes:
        m = _FRACTION_NOTE.match(note)
        if m is None:
            continue
        label, x, shown = m.group(1), float(m.group(2)), m.group(3) + "%"
        text = unicodedata.normalize("NFKC", texts[label]).strip()
        hit = next((n for n in _NUMBER.finditer(text) if float(n.group()) == x), None)
        if hit is not None:
            texts[label] = text[: hit.start()] + shown + text[hit.end() :]
            changed = True
    return (texts["指标值"], texts["实际完成值"]) if changed else None


def _respelled(
    e: Expr, value: float, high: float | None, unit: str | None, dim: str | None
) -> Expr:
    """Return `e` with another value, high end, unit and dimension (its other fields kept):
    `dataclasses.replace` without its cost, which showed in judging thousands of forms."""
    return Expr(e.kind, e.text, e.op, value, high, unit, dim, e.date, e.band)


def _doubtful_fraction(bare: Expr, other: Expr) -> bool:
    """Whether a bare 0 < x ≤ 1.5 beside a percentage could as well be x% as x × 100%: when
    the other value is itself at most 1.5%, or lower is better and the two readings would not
    agree (0.5 beside "≤5%": 50% misses it, 0.5% meets it)."""
    assert bare.value is not None and other.value is not None
    if abs(other.value) <= 0.015 or (other.high is not None and other.high <= 0.015):
        return True
    lower_is_better = ("≤", "<")
    if bare.op in lower_is_better:  # the bare one is the target
        return True
    return other.op in lower_is_better and bare.value > other.value


def _at_least(t: Expr, a: Expr, b: float, op: str, rules: Rules, notes: list[str]) -> Judgement:
    """ "≥", ">", "=" and no operator: reaching the target is met, B/A below it."""
    target = t.value
    assert target is not None
    # t is a number here: format_value(t) is its value in its unit.
    bs, ts = format_quantity(b, a.unit), format_quantity(target, t.unit)
    n = tuple(notes)
    if op == "=" and target == 0:
        if b <= 0:
            return _met(f"指标值为0，实际完成值{bs}，得满分", n)
        return _unmet(0.0, f"指标值为0，实际完成值{bs} > 0，不得分", n)
    if a.op in ("≤", "<"):
        return manual(f"实际完成值“{a.text}”只给出上限，无法判断是否达到指标值{ts}", "quantitative")
    reached = _gt(b, target) if op == ">" else _ge(b, target)
    if a.op in ("≥", ">") and not reached:
        return manual(f"实际完成值“{a.text}”只给出下限，无法判断是否达到指标值{ts}", "quantitative")
    if not reached:
        share = clamp(b / target) if target else 0.0
        if op == ">" and target == 0:
            formula = f"实际完成值{bs}未超过指标值{ts}（指标为“>”），不得分"
        elif op == ">" and _close(b, target):
            formula = (
                f"实际完成值{bs}未超过指标值{ts}（指标为“>”），按 {bs}/{ts} = {pct(share)} 计分"
            )
        else:
            formula = f"实际完成值{bs} < 指标值{ts}，按 {bs}/{ts} = {pct(share)} 计分"
        return _unmet(share, formula, n)
    ratio = rules.exceed_ratio
    if target > 0 and _gt(b, target) and _ge(b, ratio * target):
        formula = f"实际完成值{bs} ≥ 指标值{ts}的{format_number(ratio)}倍，超额完成，得满分"
        return _exceeded(formula, b, target, rules, n)
    sign = ">" if op == ">" else "≥"
    return _met(f"实际完成值{bs} {sign} 指标值{ts}，得满分", n)


def _at_most(t: Expr, a: Expr, b: float, op: str, rules: Rules, notes: list[str]) -> Judgement:
    """ "≤" and "<" (lower is better): within the target is met, A/B (or linear) above it."""
    target = t.value
    assert target is not None
    bs, ts = format_quantity(b, a.unit), format_quantity(target, t.unit)  # as in _at_least
    n = tuple(notes)
    if a.op in ("≥", ">"):
        return manual(
            f"实际完成值“{a.text}”只给出下限，无法判断是否在指标值{ts}以内", "quantitative"
        )
    within = _lt(b, target) if op == "<" else _le(b, target)
    if within:
        return _met(f"实际完成值{bs} {op} 指标值{ts}，得满分", n)
    if a.op in ("≤", "<"):
        return manual(
            f"实际完成值“{a.text}”只给出上限，无法判断是否在指标值{ts}以内", "quantitative"
        )
    if target == 0:
        return _unmet(0.0, f"指标值为{op}0，实际完成值{bs}，不得分", n)
    if _close(b, target):  # only "<" reaches here with B = A
        formula = f"实际完成值{bs}未低于指标值{ts}（指标为“<”），按 {ts}/{bs} = 100.00% 计分"
        return _unmet(1.0, formula, n)
    if rules.reverse_formula == "linear":
        share = clamp(1 - (b - target) / target)
        formula = f"实际完成值{bs} > 指标值{ts}，按 1 − ({bs} − {ts})/{ts} = {pct(share)} 计分"
    else:
        share = clamp(target / b)
        formula = f"实际完成值{bs} > 指标值{ts}，按 {ts}/{bs} = {pct(share)} 计分"
    return _unmet(share, formula, n)


def _range(t: Expr, a: Expr, b: float, rules: Rules, notes: list[str]) -> Judgement:
    """A range: inside is met, below scores B/low, above is exceeded."""
    low, high = t.value, t.high
    assert low is not None and high is not None
    bs, n = _show(a, b), tuple(notes)
    lows, highs = format_quantity(low, t.unit), format_quantity(high, t.unit)
    if _lt(b, low):
        if low <= 0:
            return manual(
                f"实际完成值{bs}低于指标区间{format_value(t)}，无法按比例计分", "quantitative"
            )
        share = clamp(b / low)
        return _unmet(
            share, f"实际完成值{bs} < 区间下限{lows}，按 {bs}/{lows} = {pct(share)} 计分", n
        )
    if _gt(b, high):
        formula = f"实际完成值{bs} > 区间上限{highs}，超额完成，得满分"
        return _exceeded(formula, b, high, rules, n)
    return _met(f"实际完成值{bs}在指标区间{format_value(t)}内，得满分", n)


def _exceeded(
    formula: str, b: float, target: float, rules: Rules, notes: tuple[str, ...]
) -> Judgement:
    """Full share; the rules' deduction (from `exceed_deduction_from` × target) is returned
    apart for the scorer to subtract."""
    points = share = 0.0
    if (
        rules.exceed_deduction != "none"
        and target > 0
        and _ge(b, rules.exceed_deduction_from * target)
    ):
        limit = format_number(rules.exceed_deduction_from)
        if rules.exceed_deduction == "fixed":
            points = max(rules.exceed_deduction_points, 0.0)
            formula += f"；超过指标值{limit}倍，扣{format_number(points)}分"
        elif rules.exceed_deduction == "proportional":
            share = clamp(rules.exceed_deduction_share)
            formula += f"；超过指标值{limit}倍，扣减分值的{pct(share)}"
    return Judgement(
        "exceeded",
        1.0,
        formula,
        notes=notes,
        kind="quantitative",
        deduction_points=points,
        deduction_share=share,
    )


def _met(formula: str, notes: tuple[str, ...]) -> Judgement:
    return Judgement("met", 1.0, formula, "", None, notes, "quantitative")


def _unmet(share: float, formula: str, notes: tuple[str, ...]) -> Judgement:
    return Judgement("unmet", clamp(share), formula, "", None, notes, "quantitative")


def _show(a: Expr, b: float) -> str:
    """Return the actual's value `b` (floored) shown in the actual's unit."""
    return format_quantity(b, a.unit)


def _close(b: float, a: float) -> bool:
    return math.isclose(b, a, rel_tol=1e-9, abs_tol=1e-12)


def _ge(b: float, a: float) -> bool:
    return b >= a or _close(b, a)


def _gt(b: float, a: float) -> bool:
    return b > a and not _close(b, a)


def _le(b: float, a: float) -> bool:
    return b <= a or _close(b, a)


def _lt(b: float, a: float) -> bool:
    return b < a and not _close(b, a)
