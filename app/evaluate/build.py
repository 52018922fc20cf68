"""Building the many small frozen results of a run without the cost of their constructors.

A frozen dataclass sets each field through `object.__setattr__`, about twice the cost of
setting a slot; a bureau's run builds tens of thousands of results and findings. The
builders here take every field positionally and fill the slots directly when the class is
the frozen, slotted dataclass they expect (those fields, in that order, no `__post_init__`);
otherwise they are the class itself, so a change to those classes costs speed, never
correctness.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from app.evaluate.results import FundsResult, IndicatorResult, ProjectResult, RateResult
from app.model import Finding

T = TypeVar("T")


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[..., Any], ...] | None:
    """Return the slot setters of `names` when `cls` is a slotted dataclass with exactly those
    fields, all set by its constructor and nothing run after it; None otherwise."""
    if not dataclasses.is_dataclass(cls):
        return None
    fields = dataclasses.fields(cls)
    if (
        tuple(f.name for f in fields) != names
        or tuple(getattr(cls, "__slots__", ())) != names
        or any(not f.init for f in fields)
        or hasattr(cls, "__post_init__")
    ):
        return None
    setters = tuple(getattr(cls.__dict__.get(n), "__set__", None) for n in names)
    return None if any(s is None for s in setters) else setters


def _builder5(cls: type[T], *names: str) -> Callable[..., T]:
    setters = _slot_setters(cls, names)
    if setters is None or len(setters) != 5:
        return cls
    s0, s1, s2, s3, s4 = setters
    new = object.__new__

    def build(v0, v1, v2, v3, v4):
        obj = new(cls)
        s0(obj, v0)
        s1(obj, v1)
        s2(obj, v2)
        s3(obj, v3)
        s4(obj, v4)
        return obj

    return build


def _builder6(cls: type[T], *names: str) -> Callable[..., T]:
    setters = _slot_setters(cls, names)
    if setters is None or len(setters) != 6:
        return cls
    s0, s1, s2, s3, s4, s5 = setters
    new = object.__new__

    def build(v0, v1, v2, v3, v4, v5):
        obj = new(cls)
        s0(obj, v0)
        s1(obj, v1)
        s2(obj, v2)
        s3(obj, v3)
        s4(obj, v4)
        s5(obj, v5)
        return obj

    return build


def _builder7(cls: type[T], *names: str) -> Callable[..., T]:
    setters = _slot_setters(cls, names)
    if setters is None or len(setters) != 7:
        return cls
    s0, s1, s2, s3, s4, s5, s6 = setters
    new = object.__new__

    def build(v0, v1, v2, v3, v4, v5, v6):
        obj = new(cls)
        s0(obj, v0)
        s1(obj, v1)
        s2(obj, v2)
        s3(obj, v3)
        s4(obj, v4)
        s5(obj, v5)
        s6(obj, v6)
        return obj

    return build


indicator_result: Callable[..., IndicatorResult] = _builder7(
    IndicatorResult, "indicator", "status", "weight", "score", "needs_explanation", "note", "band"
)
"""indicator_result(indicator, status, weight, score, needs_explanation, note, band)."""

project_result: Callable[..., ProjectResult] = _builder7(
    ProjectResult, "project", "funds", "indicators", "score", "grade", "provisional", "findings"
)
"""project_result(project, funds, indicators, score, grade, provisional, findings)."""

finding: Callable[..., Finding] = _builder5(
    Finding, "severity", "code", "message", "project", "where"
)
"""finding(severity, code, message, project, where): all five given."""

rate_result: Callable[..., RateResult] = _builder6(
    RateResult, "source", "initial", "budget", "spent", "rate", "gaps"
)
"""rate_result(source, initial, budget, spent, rate, gaps)."""

funds_result: Callable[..., FundsResult] = _builder5(
    FundsResult, "total", "sources", "weight", "score", "note"
)
"""funds_result(total, sources, weight, score, note)."""
