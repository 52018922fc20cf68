"""Units of indicator values: which ones compare, and how a written number becomes a base value.

Dimensions and their base units: "percent" (a fraction: 95% → 0.95, 5‰ → 0.005), "money"
(万元), "duration_day" (天 = 日, 周 = 7天), "duration_month" (月 = 个月, 季度 = 3, 年 = 12),
"duration_minute" (分钟, 小时 = 60), "length" (米), "area" (平方米), "mass" (千克). Days and
months do not convert into each other (a month is not a fixed number of days), nor do 工作日
and 天. Any other unit is its own dimension, so 人 and 人次, 个 and 所 never compare. A unit
like 元/人 is money per person ("money/人"); 万 or 亿 before another unit multiplies
(1.2万人次 = 12000人次).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written (`name`, canonical), its dimension, and its size in the base unit as
    the exact ratio num/den (元 = 1/10000 万元), so 900000元 compares equal to 90万元."""

    name: str
    dimension: str
    num: int = 1
    den: int = 1

    def to_base(self, written: float) -> float:
        """Return a written number in this unit as a base value."""
        return written * self.num / self.den

    def from_base(self, value: float) -> float:
        """Return a base value as the number written in this unit."""
        return value * self.den / self.num


_TABLE: dict[str, tuple[str, int, int]] = {
    "%": ("percent", 1, 100),
    "‰": ("percent", 1, 1000),
    "元": ("money", 1, 10000),
    "千元": ("money", 1, 10),
    "万元": ("money", 1, 1),
    "百万元": ("money", 100, 1),
    "亿元": ("money", 10000, 1),
    "天": ("duration_day", 1, 1),
    "日": ("duration_day", 1, 1),
    "周": ("duration_day", 7, 1),
    "月": ("duration_month", 1, 1),
    "个月": ("duration_month", 1, 1),
    "季度": ("duration_month", 3, 1),
    "个季度": ("duration_month", 3, 1),
    "年": ("duration_month", 12, 1),
    "分钟": ("duration_minute", 1, 1),
    "小时": ("duration_minute", 60, 1),
    "个小时": ("duration_minute", 60, 1),
    "米": ("length", 1, 1),
    "m": ("length", 1, 1),
    "公里": ("length", 1000, 1),
    "千米": ("length", 1000, 1),
    "km": ("length", 1000, 1),
    "平方米": ("area", 1, 1),
    "m2": ("area", 1, 1),
    "公顷": ("area", 10000, 1),
    "平方公里": ("area", 1_000_000, 1),
    "km2": ("area", 1_000_000, 1),
    "克": ("mass", 1, 1000),
    "g": ("mass", 1, 1000),
    "千克": ("mass", 1, 1),
    "公斤": ("mass", 1, 1),
    "kg": ("mass", 1, 1),
    "吨": ("mass", 1000, 1),
    "t": ("mass", 1000, 1),
}
_SYNONYMS = {"百分比": "%", "百分率": "%", "工作日": "个工作日", "百分点": "个百分点"}
_MULTIPLIERS = {"万": 10000, "亿": 100_000_000}


@functools.lru_cache(maxsize=4096)
def unit_of(written: str) -> Unit:
    """Return the Unit of a unit string as written after folding (never empty)."""
    # Cached: every number shown in a note looks its unit up again, and a Unit is immutable.
    name = _SYNONYMS.get(written, written)
    if name in _TABLE:
        dim, num, den = _TABLE[name]
        return Unit(name, dim, num, den)
    head, slash, per = name.partition("/")
    if slash and head in _TABLE and per:
        dim, num, den = _TABLE[head]
        return Unit(name, f"{dim}/{per}", num, den)
    mult = _MULTIPLIERS.get(name[:1])
    if mult and len(name) > 1 and name[1] != "元":
        # Named as written ("万人"): a bare number beside "≥3.2万人" is 3.3万人, not 3.3人.
        inner = unit_of(name[1:])
        return Unit(name, inner.dimension, inner.num * mult, inner.den)
    return Unit(name, name)


PERCENT = unit_of("%")
