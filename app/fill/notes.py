"""The words `fill` puts in an office's form: the notes that give each figure's basis, say
what a replaced cell held, and flag what a person must look at."""

from __future__ import annotations

from typing import Any

from app.evaluate.results import RateResult
from app.fill.edits import Formula
from app.rules import Rules
from app.text import cell_text, fmt_amount, fmt_num, fmt_pct, format_number

EXPLAIN_NOTE = "请填写偏差原因分析及改进措施"
PROVISIONAL = "有需人工判断的项目（黄色单元格），人工评分后请重新合计；当前得分和等级为暂定。"
UNDEFINED_RATE = "—"
"""What the 执行率 cell says when there is no rate (全年预算数 0 or missing), as the national
form prints it."""


def old_text(value: Any, percent: bool = False) -> str:
    """Return what a cell held, as a note quotes it: a number as shown, text in quotes, a
    formula as such."""
    if isinstance(value, Formula):
        result = "" if value.result is None else f"（结果为{old_text(value.result, percent)}）"
        return f"公式“{value}”{result}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt_pct(value) if percent else format_number(value)
    return f"“{cell_text(value)}”"


def new_text(value: float | str, percent: bool = False) -> str:
    """Return a computed figure as a note quotes it."""
    if isinstance(value, str):
        return f"“{value}”"
    return fmt_pct(value) if percent else format_number(value)


def replaced(old: Any, new: float | str, basis: str, percent: bool = False) -> str:
    """The note of a cell whose hand-filled figure was replaced: the old one, the new one,
    the basis."""
    head = f"原填写{old_text(old, percent)}，按评分规则应为{new_text(new, percent)}。"
    return f"{head}\n{basis}" if basis else head


def rate_basis(rate: RateResult, scale: float, source: bool = False) -> str:
    """How a 执行率 is computed, with its numbers."""
    name = rate.source if source else ""
    return (
        f"{name}执行率 = 全年执行数{fmt_amount(rate.spent, scale)} ÷ 全年预算数"
        f"{fmt_amount(rate.budget, scale)} = {fmt_pct(rate.rate)}"
    )


def source_score_basis(source: str, rate: float, weight: float, share: float, score: float) -> str:
    """How a source's own 执行率 得分 is computed."""
    return (
        f"{source}执行率{fmt_pct(rate)}：得分 = {fmt_num(weight)} × {share * 100:.2f}%"
        f" = {score:.2f}"
    )


def total_basis(total: float, kept: list[str], provisional: bool, rules: Rules) -> str:
    """How the 自评得分 is added up, which hand-filled scores it keeps, and whether it is
    provisional."""
    text = f"自评得分 = 执行率得分 + 各指标得分之和 = {total:.{rules.decimals}f}"
    if rules.rate_cap:
        text += "（按执行率封顶）"
    if kept:
        text += f"；其中{'、'.join(kept)}需人工判断，按填写的得分计入"
    if provisional:
        text += "\n" + PROVISIONAL
    return text


def grade_basis(total: float, grade: str, rules: Rules) -> str:
    """Which band of the rules the total falls in."""
    bands = "，".join(f"{lowest:g}分及以上为{name}" for lowest, name in rules.grades if lowest > 0)
    last = rules.grades[-1][1] if rules.grades else ""
    return f"自评得分{total:.{rules.decimals}f}分，等级为“{grade}”（{bands}，其余为{last}）"


def kept_score(reason: str, stated: float | None) -> str:
    """The note of a score a person must give: why, and the hand-filled one kept."""
    if stated is None:
        return f"{reason}；请人工评分"
    return f"{reason}；已保留填写的得分{format_number(stated)}"
