"""How selfeval shows text and numbers: a cell's value as a person sees it, amounts, rates,
scores, percentages, dates, and rounding as people round. One home for these, used by every
reader, judge and writer (issue 15)."""

from __future__ import annotations

import datetime as dt
import functools
import math
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def fold(text: str) -> str:
    """Return text with full-width characters folded to half-width (NFKC) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_text(value: Any) -> str:
    """Return a cell's value as the text a person sees: numbers without a trailing .0, dates
    as 2022-11-30, None as ""."""
    if type(value) is str:  # the common case first: most cells are text
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()


def date_text(value: Any) -> str:
    """Return a date cell as people write one on a form, 2023年3月15日; "" for anything else."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return ""


def percent_text(value: float) -> str:
    """Return a number shown as a percentage the way a person sees it: 0.95 → "95%"."""
    return f"{cell_text(round(value * 100, 10))}%"


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


def format_date(date: tuple[int, int, int]) -> str:
    """Return (year, month, day) as 2022年11月30日; year 0 and day 0 are left out."""
    y, m, d = date
    return (f"{y}年" if y else "") + f"{m}月" + (f"{d}日" if d else "")


def fmt_num(x: float) -> str:
    """Return a score or weight without needless decimals: 10, 12.5, 11.84."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def fmt_amount(value: float | None, scale: float = 1.0) -> str:
    """Return an amount (万元) in the input's unit with 2 decimals: "14571.46万元" / "3360.00元"."""
    if value is None:
        return "—"
    unit = "元" if scale == 10000 else "万元"
    return f"{value * scale:.2f}{unit}"


def fmt_pct(rate: float | None) -> str:
    """Return a rate as a percentage with 2 decimals ("100.00%"), or "—" when undefined."""
    return "—" if rate is None else f"{rate * 100:.2f}%"


def pct(share: float) -> str:
    """Return a share as a percentage with 2 decimals: 0.9474 → "94.74%"."""
    return f"{share * 100:.2f}%"


def whole_pct(share: float) -> str:
    """Return a share from the rules as a short percentage: 0.7 → "70%", 0.825 → "82.5%"."""
    return f"{format_number(share * 100)}%"


def unit_label(scale: float) -> str:
    """Return the unit a form's amounts are shown in: 元 for scale 10000, else 万元."""
    return "元" if scale == 10000 else "万元"


def shown_amount(value: float, scale: float) -> float:
    """Return an amount (万元) in the form's own unit, without float noise from the scaling."""
    return value if scale == 1 else round(value * scale, 6)


def round_half_up(x: float, decimals: int) -> float:
    """Return x rounded half up (0.125 → 0.13), as people round, not banker's rounding. A
    number beyond a float's decimals (1e26 typed as a 分值) has nothing to round."""
    if not abs(x) < 1e15:  # also NaN and infinities
        return x
    return float(Decimal(repr(x)).quantize(_quantum(decimals), rounding=ROUND_HALF_UP))


@functools.lru_cache(maxsize=16)
def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def fmt_money(value: float | None) -> str:
    """Return an amount in 万元 with thousands separators ("14,571.46 万元"), or "—"."""
    return "—" if value is None else f"{value:,.2f} 万元"


def fmt_score(score: float | None) -> str:
    """Return a score with 2 decimals, or "—" when nothing could be scored."""
    return "—" if score is None else f"{score:.2f}"


def fmt_thousands(value: float | None) -> str:
    """Return an amount in 万元 without the unit ("14,571.46"), or "—"."""
    return "—" if value is None else f"{value:,.2f}"
