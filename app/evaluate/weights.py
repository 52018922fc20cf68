"""Weights (分值) in force for a form's indicators: given, shared out, default, rescaled.

docs/scoring.md ("Weights"): given 分值 always stand; rows without one share what is left
(within a 一级 that prints its weight, "产出指标(50分)", what that weight leaves; elsewhere what
the total leaves); with none given, each 一级's weight (printed, else the rules' default) is
split evenly among its indicators. Not-applicable indicators are left out and the rest
rescaled. Weights that do not add up to the total are reported and make the total provisional.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.model import Finding, Indicator
from app.rules import LEVEL1_OUTPUT, Rules


@dataclass(frozen=True, slots=True)
class Weighting:
    """Weights per indicator (same order as the input) and the 执行率 weight in force, with the
    findings the weighting raised. `off_total` says the weights in force do not add up to the
    total, so the total and its grade are for a person to confirm."""

    weights: tuple[float, ...]
    rate_weight: float
    findings: tuple[Finding, ...]
    note: str = ""
    """Why weights are not as given (defaults, not-applicable rescaling), for the form's notes."""
    off_total: bool = False


def default_group(level1: str, rules: Rules) -> str | None:
    """Return the 一级 whose default weight an indicator shares: itself when the rules know
    it; a stand-alone 成本指标 goes with 产出指标 (newer forms split it out); else None."""
    if rules.level1_weight(level1) is not None:
        return level1
    if "成本" in level1 and rules.level1_weight(LEVEL1_OUTPUT) is not None:
        return LEVEL1_OUTPUT
    return None


def label_weights(indicators: tuple[Indicator, ...]) -> dict[str, float]:
    """Return the weight each 一级 prints in its label ("产出指标(50分)"), by 一级 name."""
    out: dict[str, float] = {}
    for ind in indicators:
        if ind.level1_weight is not None:
            out.setdefault(ind.level1, ind.level1_weight)
    return out


def default_weights(
    indicators: tuple[Indicator, ...], budget_weight: float, rules: Rules
) -> tuple[list[float], list[str]]:
    """Return the default weights: each 一级 weight (printed in its label, else the rules')
    split evenly among its indicators, the weight of an empty 一级 given to the others in
    proportion, the whole scaled so that indicators + 执行率 make the total. Also return the
    一级 names that have no weight."""
    printed = label_weights(indicators)
    groups: dict[str, list[int]] = {}
    unknown: list[str] = []
    group_of: dict[str, str | None] = {}  # forms repeat their 一级 names
    for i, ind in enumerate(indicators):
        level1 = ind.level1
        if level1 in group_of:
            group = group_of[level1]
        elif level1 in printed:
            group = group_of[level1] = level1
        else:
            group = group_of[level1] = default_group(level1, rules)
        if group is None:
            if ind.level1 not in unknown:
                unknown.append(ind.level1)
            continue
        groups.setdefault(group, []).append(i)
    weights = [0.0] * len(indicators)
    present = {g: printed.get(g, rules.level1_weights.get(g, 0.0)) for g in groups}
    pool = sum(present.values())
    if pool <= 0:
        return weights, unknown
    available = max(rules.total - budget_weight, 0.0)
    for group, members in groups.items():
        share = present[group] / pool * available
        for i in members:
            weights[i] = share / len(members)
    return weights, unknown


def shared_weights(
    indicators: tuple[Indicator, ...], budget_weight: float, rules: Rules
) -> list[float]:
    """Return the weights when some rows give 分值 and others do not: the given ones stand;
    within a 一级 that prints its weight, the rows without one share what it leaves after the
    given ones; the other rows share what the total leaves after 执行率, the printed weights
    and the given ones. Nothing left: 0."""
    printed = label_weights(indicators)
    given_in: dict[str, float] = {}
    missing_in: dict[str, list[int]] = {}
    loose: list[int] = []
    used = budget_weight
    for i, ind in enumerate(indicators):
        if ind.level1 in printed:
            if ind.weight is None:
                missing_in.setdefault(ind.level1, []).append(i)
            else:
                given_in[ind.level1] = given_in.get(ind.level1, 0.0) + max(ind.weight, 0.0)
        elif ind.weight is None:
            loose.append(i)
        else:
            used += max(ind.weight, 0.0)
    weights = [max(ind.weight, 0.0) if ind.weight is not None else 0.0 for ind in indicators]
    for level1, limit in printed.items():
        given = given_in.get(level1, 0.0)
        used += max(limit, given)
        members = missing_in.get(level1, [])
        for i in members:
            weights[i] = max(limit - given, 0.0) / len(members)
    left = max(rules.total - used, 0.0)
    for i in loose:
        weights[i] = left / len(loose)
    return weights


def _given(weight: float | None) -> float:
    """Return a given 分值 in force: negatives (and -0.0) as 0.0; NaN kept, to be reported."""
    if weight is None:
        return 0.0
    return float(weight) if weight > 0.0 or weight != weight else 0.0


def weigh(
    indicators: tuple[Indicator, ...],
    applicable: list[bool],
    rate_weight: float | None,
    rules: Rules,
    project: str | None,
) -> Weighting:
    """Return the weights in force.

    `rate_weight` is the 执行率 weight (None when the form has no funds: its weight then goes
    to the indicators). Not-applicable indicators are left out and the remaining weights
    (执行率 included) rescaled to the total.
    """
    findings: list[Finding] = []
    notes: list[str] = []
    given = [ind.weight for ind in indicators]
    budget_weight = rate_weight or 0.0
    check_sum, off_total = True, False
    if indicators and None not in given:
        weights = [_given(w) for w in given]
    elif any(w is not None for w in given):
        weights = shared_weights(indicators, budget_weight, rules)
        # Rows that do not apply carry no 分值 as a rule ("/"): nothing to say about them.
        missing = [
            (i, ind) for i, ind in enumerate(indicators) if ind.weight is None and applicable[i]
        ]
        if missing:
            names = "、".join(f"“{ind.name or '（未写名称）'}”" for _, ind in missing[:5])
            more = f"等{len(missing)}个" if len(missing) > 5 else ""
            shares = sorted({round(weights[i], 2) for i, _ in missing})
            shown = "、".join(f"{w:g}" for w in shares)
            findings.append(
                Finding(
                    severity="warning",
                    code="weight_sum",
                    message=f"有{len(missing)}个指标未填写分值：{names}{more}，已填写的分值不变，"
                    f"这些指标按剩余分值平均分配（{shown}分），请核实",
                    project=project,
                    where=missing[0][1].weight_at or missing[0][1].where,
                )
            )
            notes.append("部分指标未填写分值，按剩余分值平均分配")
    else:
        weights, unknown = default_weights(indicators, budget_weight, rules)
        # Defaults add up by construction; a 一级 without one leaves the total short.
        check_sum = False
        if indicators:
            notes.append("未填写分值，按默认分值（一级指标权重在其三级指标间平均分配）")
        for level1 in unknown:
            ind = next(i for i in indicators if i.level1 == level1)
            findings.append(
                Finding(
                    severity="warning",
                    code="weight_missing",
                    message=f"一级指标“{level1 or '（空）'}”没有默认分值，其指标按0分计，请在分值列填写分值",
                    project=project,
                    where=ind.weight_at or ind.where,
                )
            )
        off_total = bool(unknown)
    if check_sum and indicators:
        stated_total = sum(weights) + budget_weight
        if abs(stated_total - rules.total) > rules.weight_tolerance:
            off_total = True
            first = indicators[0].weight_at
            findings.append(
                Finding(
                    severity="warning",
                    code="weight_sum",
                    message=f"分值合计为{stated_total:g}（执行率{budget_weight:g} + 指标{sum(weights):g}），"
                    f"不等于总分{rules.total:g}，得分仍按这些分值计算，总分和等级请人工确认",
                    project=project,
                    where=first,
                )
            )
    if len(applicable) != len(weights):
        raise ValueError("one applicability flag per indicator expected")
    if all(applicable):  # the common case: nothing to leave out or rescale
        return Weighting(
            tuple(weights), budget_weight * 1.0, tuple(findings), "；".join(notes), off_total
        )
    excluded = sum(w for w, ok in zip(weights, applicable, strict=True) if not ok)
    factor = 1.0
    if excluded > 0:
        remaining = sum(w for w, ok in zip(weights, applicable, strict=True) if ok) + budget_weight
        if remaining > 0:
            factor = (remaining + excluded) / remaining
            notes.append(f"不适用指标的分值{excluded:g}已按比例折算到其余指标")
    weights = [w * factor if ok else 0.0 for w, ok in zip(weights, applicable, strict=True)]
    return Weighting(
        tuple(weights), budget_weight * factor, tuple(findings), "；".join(notes), off_total
    )
