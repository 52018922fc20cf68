"""How numbers, quantities, dates and read values are shown in notes and findings:
"95%", "427.07万元", "90%–95%", "2022年11月前"."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from app.evaluate.units import unit_of
from app.text import format_date, format_number

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


@functools.lru_cache(maxsize=16384, typed=True)
def format_quantity(value: float, unit: str | None) -> str:
    """Return a base value shown in `unit` ("95%", "427.07万元"), or the bare number when
    `unit` is None: what `format_value` shows for a number Expr with that value and unit."""
    # Cached: the same targets and actuals are shown in note after note.
    if unit is None:
        return format_number(value)
    return format_number(unit_of(unit).from_base(value)) + unit
