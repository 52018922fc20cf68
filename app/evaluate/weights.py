"""Weights (分值) in force for a form's indicators: given, default, redistributed, rescaled."""

from __future__ import annotations

from dataclasses import dataclass

from app.model import Finding, Indicator
from app.rules import LEVEL1_OUTPUT, Rules


@dataclass(frozen=True, slots=True)
class Weighting:
    """Weights per indicator (same order as the input) and the factor applied to the 执行率
    weight, with the findings the weighting raised."""

    weights: tuple[float, ...]
    rate_weight: float
    findings: tuple[Finding, ...]
    note: str = ""
    """Why weights are not as given (defaults, not-applicable rescaling), for the form's notes."""


def default_group(level1: str, rules: Rules) -> str | None:
    """Return the 一级 whose default weight an indicator shares: itself when the rules know
    it; a stand-alone 成本指标 goes with 产出指标 (newer forms split it out); else None."""
    if rules.level1_weight(level1) is not None:
        return level1
    if "成本" in level1 and rules.level1_weight(LEVEL1_OUTPUT) is not None:
        return LEVEL1_OUTPUT
    return None


def default_weights(
    indicators: tuple[Indicator, ...], budget_weight: float, rules: Rules
) -> tuple[list[float], list[str]]:
    """Return the default weights: each 一级 weight split evenly among its indicators, the
    weight of an empty 一级 given to the others in proportion, the whole scaled so that
    indicators + 执行率 make the total. Also return the 一级 names that have no default."""
    groups: dict[str, list[int]] = {}
    unknown: list[str] = []
    group_of: dict[str, str | None] = {}  # forms repeat their 一级 names
    for i, ind in enumerate(indicators):
        level1 = ind.level1
        if level1 in group_of:
            group = group_of[level1]
        else:
            group = group_of[level1] = default_group(level1, rules)
        if group is None:
            if ind.level1 not in unknown:
                unknown.append(ind.level1)
            continue
        groups.setdefault(group, []).append(i)
    weights = [0.0] * len(indicators)
    present = {g: rules.level1_weights[g] for g in groups}
    pool = sum(present.values())
    if pool <= 0:
        return weights, unknown
    available = max(rules.total - budget_weight, 0.0)
    for group, members in groups.items():
        share = present[group] / pool * available
        for i in members:
            weights[i] = share / len(members)
    return weights, unknown


def weigh(
    indicators: tuple[Indicator, ...],
    applicable: list[bool],
    rate_weight: float | None,
    rules: Rules,
    project: str | None,
) -> Weighting:
    """Return the weights in force.

    `rate_weight` is the 执行率 weight (None when the form has no funds, e.g. a department
    without a 预算资金 block: its weight then goes to the indicators). Given 分值 are used when
    every indicator has one; defaults otherwise. Not-applicable indicators are left out and
    the remaining weights (执行率 included) rescaled to the total.
    """
    findings: list[Finding] = []
    notes: list[str] = []
    given = [ind.weight for ind in indicators]
    budget_weight = rate_weight or 0.0
    if indicators and None not in given:
        # max(float(w or 0.0), 0.0) without the calls: NaN kept, negatives and -0.0 as 0.0
        weights = [float(w) if w > 0.0 or w != w else 0.0 for w in given]
        stated_total = sum(weights) + budget_weight
        if abs(stated_total - rules.total) > rules.weight_tolerance:
            first = indicators[0].weight_at
            findings.append(
                Finding(
                    "warning",
                    "weight_sum",
                    f"分值合计为{stated_total:g}（执行率{budget_weight:g} + 指标{sum(weights):g}），"
                    f"不等于总分{rules.total:g}，得分仍按所填分值计算",
                    project,
                    first,
                )
            )
    else:
        if any(w is not None for w in given):
            missing = [ind for ind in indicators if ind.weight is None]
            findings.append(
                Finding(
                    "warning",
                    "weight_sum",
                    f"有{len(missing)}个指标未填写分值（如“{missing[0].name}”），"
                    "已全部改用默认分值：产出、效益、满意度指标按一级指标平均分配",
                    project,
                    missing[0].weight_at,
                )
            )
        weights, unknown = default_weights(indicators, budget_weight, rules)
        if indicators:
            notes.append("未填写分值，按默认分值（一级指标权重在其三级指标间平均分配）")
        for level1 in unknown:
            ind = next(i for i in indicators if i.level1 == level1)
            findings.append(
                Finding(
                    "warning",
                    "weight_missing",
                    f"一级指标“{level1 or '（空）'}”没有默认分值，其指标按0分计，请在分值列填写分值",
                    project,
                    ind.weight_at or ind.where,
                )
            )
    if len(applicable) != len(weights):
        raise ValueError("one applicability flag per indicator expected")
    if all(applicable):  # the common case: nothing to leave out or rescale
        return Weighting(tuple(weights), budget_weight * 1.0, tuple(findings), "；".join(notes))
    excluded = sum(w for w, ok in zip(weights, applicable, strict=True) if not ok)
    factor = 1.0
    if excluded > 0:
        remaining = sum(w for w, ok in zip(weights, applicable, strict=True) if ok) + budget_weight
        if remaining > 0:
            factor = (remaining + excluded) / remaining
            notes.append(f"不适用指标的分值{excluded:g}已按比例折算到其余指标")
    weights = [w * factor if ok else 0.0 for w, ok in zip(weights, applicable, strict=True)]
    return Weighting(tuple(weights), budget_weight * factor, tuple(findings), "；".join(notes))
