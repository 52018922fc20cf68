"""Judgements remembered: forms repeat their targets and actuals (≥95% | 100%), and judging is
pure, so each (target, actual) is judged once per rules and year, and scored once per weight.

A memo belongs to one set of rules (by the value of every field) and one evaluation year, and
lives on between runs (a GUI judges file after file with the same rules); both the number of
memos and their size are bounded.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
from typing import Any

from app.evaluate.direction import keep_low
from app.evaluate.judge import Judgement, judge
from app.evaluate.quantities import as_read
from app.model import Indicator, Status
from app.rules import Rules
from app.text import fmt_num

Scored = tuple[Status, float | None, bool, str, str | None]
"""A judgement scored at one weight: status, score, needs_explanation, note, band."""

MEMOS_KEPT = 2
"""Memos kept for different rules or years (the least recently used goes first)."""
JUDGED_LIMIT = 30_000
"""Judgements a memo holds before it starts again empty (about 1 KB each: a workbook of
8,000 forms makes some 24,000)."""
_WEIGHTS_LIMIT = 64
"""Weights a judgement keeps its scores for before it starts again."""


def needs_explanation(j: Judgement) -> bool:
    """unmet, exceeded, and a qualitative band below 达成 need a 偏差原因分析."""
    return j.status in ("unmet", "exceeded") or (j.band is not None and j.band != "达成")


def score_judgement(j: Judgement, weight: float) -> Scored:
    """Return judgement `j` scored at `weight`: the score is weight × share less any exceed
    deduction, within [0, weight]; the note gives the formula with its numbers."""
    if j.status in ("manual", "not_applicable") or j.share is None:
        note = j.reason or j.formula
        if j.status == "not_applicable":
            note = "实际完成值为不适用，本指标不计分，分值已折算到其余指标"
        return j.status, None, needs_explanation(j), note, j.band
    deduction = j.deduction_points + j.deduction_share * weight
    score = min(max(weight * j.share - deduction, 0.0), weight)
    if j.share >= 1 and not deduction:
        note = f"{j.formula}（{score:.2f}分）"
    else:
        note = f"{j.formula}；得分 = {fmt_num(weight)} × {j.share:.2%}"
        if deduction:
            note += f" − 扣减{deduction:.2f}"
        note += f" = {score:.2f}"
    return j.status, score, needs_explanation(j), note, j.band


JudgementKey = tuple[str, str, str, str, bool, bool, bool]


def judgement_key(ind: Indicator) -> JudgementKey:
    """Return what a judgement depends on besides the rules and year: the memo's key of an
    indicator (its name counts only as far as it says lower is better)."""
    return (
        ind.target,
        ind.actual,
        ind.level1,
        ind.level2,
        ind.actual_is_percent,
        ind.target_is_percent,
        keep_low(ind.name),
    )


class Entry:
    """One judgement and what scoring asks of it, remembered."""

    __slots__ = ("judgement", "applicable", "quiet", "fixed", "by_weight", "shown")

    def __init__(self, j: Judgement, target: str = "", actual: str = "") -> None:
        self.judgement = j
        self.shown = as_read(target, actual, j.notes) if j.notes else None
        """(target, actual) as read when not as written (`IndicatorResult.shown`)."""
        self.applicable = j.status != "not_applicable"
        # met, nothing to explain, no reading notes: indicator_findings has nothing to say
        # (met implies a target and an actual that are not blank).
        self.quiet = j.status == "met" and not needs_explanation(j) and not j.notes
        unscored = j.status in ("manual", "not_applicable") or j.share is None
        self.fixed: Scored | None = score_judgement(j, 0.0) if unscored else None
        """The scored judgement when the weight does not matter (manual, not applicable)."""
        self.by_weight: dict[float, Scored] = {}
        """Scored judgements by weight (never 0 nor NaN)."""

    def scored(self, weight: float) -> Scored:
        """Return the judgement scored at `weight` (see `score_judgement`)."""
        if self.fixed is not None:
            return self.fixed
        if not weight or weight != weight:  # 0.0 and -0.0 are one key; NaN is none
            return score_judgement(self.judgement, weight)
        known = self.by_weight.get(weight)
        if known is None:
            if len(self.by_weight) >= _WEIGHTS_LIMIT:
                self.by_weight.clear()
            known = self.by_weight[weight] = score_judgement(self.judgement, weight)
        return known


class Memo:
    """The judgements made with one set of rules and one evaluation year, by what a judgement
    depends on besides those: target, actual, 一级 and 二级 (成本指标), the percent flags."""

    __slots__ = ("rules", "year", "_judged")

    def __init__(self, rules: Rules, year: int | None) -> None:
        # A copy: the rules judged with stay the ones the memo is keyed on, even if the
        # caller's object is changed in place later (its dict field can be).
        self.rules = copy.deepcopy(rules)
        self.year = year
        self._judged: dict[JudgementKey, Entry] = {}

    def entry(self, ind: Indicator) -> Entry:
        """Return the judgement of an indicator, made now or remembered."""
        key = judgement_key(ind)
        known = self._judged.get(key)
        if known is None:
            j = judge(
                ind.target,
                ind.actual,
                level1=ind.level1,
                level2=ind.level2,
                rules=self.rules,
                year=self.year,
                actual_is_percent=ind.actual_is_percent,
                target_is_percent=ind.target_is_percent,
                keep_low=key[6],
            )
            if len(self._judged) >= JUDGED_LIMIT:
                self._judged.clear()
            known = self._judged[key] = Entry(j, ind.target, ind.actual)
        return known


_memos: dict[tuple[Any, ...], Memo] = {}
_memos_lock = threading.Lock()  # the GUI evaluates in a worker thread


def memo_for(rules: Rules, year: int | None) -> Memo:
    """Return the memo of these rules (by value) and year, new or kept from an earlier run."""
    try:
        key = (_frozen(rules), type(year), year)
        hash(key)
    except TypeError:  # a rules value that cannot be a key: judge without remembering
        return Memo(rules, year)
    with _memos_lock:
        memo = _memos.pop(key, None)
        if memo is None:
            memo = Memo(rules, year)
            while len(_memos) >= MEMOS_KEPT:
                del _memos[next(iter(_memos))]
        _memos[key] = memo  # last in the dict: the most recently used
    return memo


def _frozen(value: Any) -> Any:
    """Return a hashable stand-in for a rules value, its type included (1 and 1.0 and True
    are equal keys but not always equal rules); raise TypeError when there is none."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value),
            tuple((f.name, _frozen(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, dict):
        return (dict, tuple((_frozen(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value), tuple(_frozen(v) for v in value))
    hash(value)
    return (type(value), value)
