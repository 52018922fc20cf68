"""How numbers, quantities, dates and read values are shown in notes and findings:
"95%", "427.07万元", "90%–95%", "2022年11月前" (re-exported by `app.evaluate.expressions`)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from app.evaluate.units import unit_of

if TYPE_CHECKING:
    from app.evaluate.expressions import Expr


def format_value(expr: Expr) -> str:
    """Return a short display of an Expr for notes: "95%", "427.07万元", "90%–95%", "2022年11月"."""
    if expr.kind == "number" and expr.value is not None:
        return format_quantity(expr.value, expr.unit)
    if expr.kind == "range" and expr.value is not None and expr.high is not None:
        return f"{format_quantity(expr.value, expr.unit)}–{format_quantity(expr.high, expr.unit)}"
    if expr.kind in ("date", "deadline") and expr.date is not None:
        return format_date(expr.date) + ("前" if expr.kind == "deadline" else "")
    return expr.text


def format_date(date: tuple[int, int, int]) -> str:
    """Return (year, month, day) as 2022年11月30日; year 0 and day 0 are left out."""
    y, m, d = date
    return (f"{y}年" if y else "") + f"{m}月" + (f"{d}日" if d else "")


@functools.lru_cache(maxsize=16384, typed=True)
def format_quantity(value: float, unit: str | None) -> str:
    """Return a base value shown in `unit` ("95%", "427.07万元"), or the bare number when
    `unit` is None: what `format_value` shows for a number Expr with that value and unit."""
    # Cached: the same targets and actuals are shown in note after note.
    if unit is None:
        return format_number(value)
    return format_number(unit_of(unit).from_base(value)) + unit


def format_number(x: float) -> str:
    """Return a number without float noise or trailing zeros: 427.07, 95, 0.5."""
    if x != x or x in (float("inf"), float("-inf")):
        return str(x)
    # A whole float (most amounts and counts) shows its exact digits, as the formatting below
    # would, without the rounding; ints take the long way (the format goes through a float).
    if type(x) is float and x == int(x):
        return str(int(x))
    r = round(x, 6)
    if type(r) is float and r == int(r):  # 98.00000000000001 → 98
        return str(int(r))
    shown = f"{r:.6f}".rstrip("0").rstrip(".")
    return "0" if shown in ("-0", "") else shown
