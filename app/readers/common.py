"""Cell helpers every reader shares: folding labels, rendering cells as text, reading amounts."""

from __future__ import annotations

import math
import re
from typing import Any

from app.text import cell_text, fold

_SPACE = re.compile(r"\s+")
_MARK = re.compile(r"\((?:[A-Za-z]|[A-Za-z]/[A-Za-z]|\d+(?:\.\d+)?分|万元|元)\)")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
EMPTY_MARKS = frozenset({"", "—", "——", "-", "--", "/", "／", "－", "–", "无"})


def label_key(value: Any) -> str:
    """Return a label in the form used to compare labels: folded, without spaces, line breaks,
    or marks like (A), (B), (50分), (万元)."""
    if value is None:
        return ""
    text = _SPACE.sub("", fold(str(value)))
    return _MARK.sub("", text) if "(" in text else text


class NotANumber(ValueError):
    """A cell that must hold an amount holds text that is not one."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_amount(value: Any) -> float | None:
    """Return an amount cell as a float, None when empty or a dash; raise NotANumber otherwise.

    Accepts numbers stored as text with thousands separators ("14,571.46"), full-width digits
    and spaces.
    """
    if value is None or (type(value) is str and value in EMPTY_MARKS):
        return None  # each mark folds to a mark: the dash of most empty cells, without folding
    if isinstance(value, bool):
        raise NotANumber(cell_text(value))
    if isinstance(value, int | float):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None
        return float(value)
    text = _SPACE.sub("", fold(str(value)))
    if text in EMPTY_MARKS:
        return None
    if _NUMBER.fullmatch(text):
        return float(text.replace(",", ""))
    raise NotANumber(str(value).strip())


def parse_rate(value: Any) -> float | None:
    """Return a hand-filled rate (执行率) as a fraction: 0.95, "95%", "95.00%"; None when empty.

    A bare number above 1.5 is taken as a percentage (95 → 0.95). Raise NotANumber otherwise.
    """
    if isinstance(value, str):
        text = _SPACE.sub("", fold(value))
        if text.endswith("%"):
            percent = parse_amount(text[:-1])
            return None if percent is None else percent / 100
    number = parse_amount(value)
    if number is None:
        return None
    return number / 100 if abs(number) > 1.5 else number


_OPERATOR_NATURES = {
    "≥": "≥",
    ">=": "≥",
    "≧": "≥",
    ">": ">",
    "≤": "≤",
    "<=": "≤",
    "≦": "≤",
    "<": "<",
    "=": "=",
    "＝": "=",
}


def combine_target(nature: Any, value: Any, unit: Any) -> str:
    """Return one target from a split 指标性质 | 指标值 | 度量单位 (Sichuan/Yunnan): "≥" 95 "%" →
    "≥95%". 定性 (or an empty nature) keeps the value as written; an operator or unit already
    in the value is not repeated."""
    text = cell_text(value)
    nat = _SPACE.sub("", fold(cell_text(nature)))
    op = _OPERATOR_NATURES.get(nat, "")
    u = _SPACE.sub("", cell_text(unit))
    if nat.startswith("定性") or not text:
        return text
    if op and text[:1] in "≥≤<>=≧≦＞＜＝":
        op = ""
    if u and text.endswith(u):
        u = ""
    if u and not _NUMBER.fullmatch(_SPACE.sub("", fold(text)).replace(",", "")):
        # A unit only follows a bare number; "按时完成" does not become "按时完成%".
        u = ""
    return f"{op}{text}{u}"
