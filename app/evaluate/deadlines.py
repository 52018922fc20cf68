"""Judge a deadline target (时效指标): "2022年12月31日前", "12月底前", "年内完成",
"在项目计划完成时间内完成", "按时完成".

An actual date or month on or before the deadline is met; after it, unmet at the 未达成 band;
"按时完成" / "已完成" / "完成" are met; a completion phrase is judged by its band
("基本按时完成", "延期完成"). Deadlines are scored as bands, so `band` is always set when the
judgement is not manual.
"""

from __future__ import annotations

import calendar
import re

from app.evaluate.bands import ACHIEVED, FAILED, band_of
from app.evaluate.display import format_value
from app.evaluate.expressions import Expr
from app.evaluate.verdict import Judgement, band_formula, banded, manual
from app.rules import Rules
from app.text import format_date, whole_pct

# An actual must speak of completion or time to be banded against a deadline ("好" says nothing).
_TIME_WORD = re.compile(r"完成|达成|达到|按时|按期|如期|及时|延期|延迟|逾期|推迟|滞后|超期|未")
_DIGIT = re.compile(r"\d")


def judge_deadline(t: Expr, a: Expr, rules: Rules) -> Judgement:
    """Return the judgement of actual `a` against deadline target `t` (kind deadline, date or
    done); `a` is neither empty nor not applicable."""
    if a.text.rstrip("。") == t.text.rstrip("。"):
        formula = band_formula("时效指标", a.text, ACHIEVED, rules, same=True)
        return banded(ACHIEVED, rules, formula, "deadline")
    if a.kind == "done":
        return banded(ACHIEVED, rules, f"时效指标：实际“{a.text}”，得满分", "deadline")
    if a.kind in ("date", "deadline") and a.date is not None:
        return _dates(t, a, rules)
    if a.kind in ("number", "range"):
        return manual(f"期限“{t.text}”，实际完成值为数值“{a.text}”，无法自动比较", "deadline")
    band = None
    if _TIME_WORD.search(a.text) and not _DIGIT.search(a.text) and len(a.text) <= 60:
        band = band_of(a.text, t.text)
    if band is None:
        return manual(f"实际完成值“{a.text}”无法判断是否在期限“{t.text}”内完成", "deadline")
    return banded(band, rules, band_formula("时效指标", a.text, band, rules), "deadline")


def _dates(t: Expr, a: Expr, rules: Rules) -> Judgement:
    """Compare an actual date with the deadline's date."""
    assert a.date is not None
    shown_a, shown_t = format_date(a.date), format_value(t)
    if t.date is None:
        return manual(
            f"期限“{t.text}”没有具体日期，实际完成值为日期“{a.text}”，无法自动比较", "deadline"
        )
    in_time = _in_time(t, a.date)
    if in_time is None:
        if (t.date[0] == 0) != (a.date[0] == 0):
            reason = f"期限“{t.text}”与实际完成时间“{a.text}”有一个未写年份，无法比较"
        else:
            reason = f"实际完成时间{shown_a}与期限{shown_t}在同一月份，无法判断是否按期"
        return manual(reason, "deadline")
    if in_time:
        formula = f"时效指标：实际完成时间{shown_a}不晚于期限{shown_t}，得满分"
        return banded(ACHIEVED, rules, formula, "deadline")
    share = rules.qualitative_scores[2]
    formula = (
        f"时效指标：实际完成时间{shown_a}晚于期限{shown_t}，按“未达成”档计分值的{whole_pct(share)}"
    )
    return banded(FAILED, rules, formula, "deadline")


def _in_time(t: Expr, done: tuple[int, int, int]) -> bool | None:
    """Return whether a completion date meets the deadline; None when it cannot be told (a
    year missing on one side only, or the same month with a day that is not known)."""
    assert t.date is not None
    ty, tm, td = t.date
    ay, am, ad = done
    if (ty == 0) != (ay == 0):
        return None
    if (ay, am) != (ty, tm):
        return (ay, am) < (ty, tm)
    last = calendar.monthrange(ty or 2001, tm)[1]
    if td == 0:
        if t.kind == "deadline":
            return None  # "9月前": is September itself in time?
        td = last  # a date target "2022年12月": by the end of that month
    if ad == 0:
        return True if td == last else None
    return ad <= td
