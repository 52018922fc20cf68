"""Read a form's indicator table (绩效指标) as a person reads it: which rows are indicators.

The rules are those of docs/forms.md ("What is an indicator row"): 一级 and 二级 fill down,
a weight printed in a 一级 label is that 一级's weight, the blank form's spare rows ("指标2：",
"……", empty) are passed over, "其中…" rows are the breakdown of the indicator above, a
name-less row of "/" is an indicator that does not apply, and a row with a name and nothing
else is no indicator (named in one note).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from app.model import Breakdown, Indicator, Where
from app.readers.common import combine_target, label_key
from app.readers.forms.cells import Context, cell_where
from app.readers.forms.labels import SheetIndex, is_indicator_header
from app.readers.forms.parts import self_score
from app.readers.forms.table import Table
from app.text import cell_text, fold

INDICATOR_ROLES = frozenset(
    {
        "level1",
        "level2",
        "level3",
        "target",
        "target_adjusted",
        "actual",
        "achieved",
        "weight",
        "score",
        "explain",
        "nature",
        "measure",
    }
)
# Labels that end a table: the next form, the next table, the closing rows of a form.
_BREAK_ROLES = frozenset(
    {"title_project", "title_dept", "title_other", "name", "dept_name", "stop", "total_row"}
    | {"self_score", "funds_block", "goal_block", "task_block"}
)
_HEADER_ROLES = frozenset({"level1", "level2", "level3"})

_POINTS = re.compile(r"\((\d+(?:\.\d+)?)分")
_SPARE_NAME = re.compile(r"^指标(?:\d+[:：]?|[:：])")
"""The blank form's label before a name ("指标1", "指标2：")."""
_DOTS = "….·。 "
"""What the blank form's "……" rows are made of: a name of these alone is no name."""
_NUMBERING = re.compile(
    r"^(?:[0-9]+[.、．]|[一二三四五六七八九十]+、|[(（][0-9一二三四五六七八九十]+[)）])"
)
_LEVEL1_OF_LEVEL2 = (
    (("数量", "质量", "时效", "成本"), "产出指标"),
    (("经济效益", "社会效益", "生态效益", "可持续影响", "效益"), "效益指标"),
    (("满意度",), "满意度指标"),
)
"""The 一级 a 二级 belongs to, for a 一级 cell that gives only a weight ("(50分)")."""


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    """The indicators read, the stated total score (自评得分), the last row covered, and the
    rows that had a name and nothing else (sheet cell, name)."""

    indicators: tuple[Indicator, ...]
    total_score: float | None
    total_score_at: Where | None
    last_row: int
    skipped: tuple[tuple[Where, str], ...] = ()
    has_actual: bool = True
    """False when the header names no actual column (a 申报表's table of targets)."""


def clean_name(text: str) -> str:
    """Return a 三级 name without the blank form's "指标1：" or a leading item number; "" for
    the form's spare rows ("指标2：", "……")."""
    if not text:
        return ""
    if not text.strip(_DOTS):
        return ""
    first = text[0]
    if first == "指":
        text = _SPARE_NAME.sub("", text, count=1).strip()
    elif first in "0123456789一二三四五六七八九十(（":
        text = _NUMBERING.sub("", text, count=1).strip()
    if not text.strip(_DOTS):
        return ""
    return text


@functools.lru_cache(maxsize=10_000, typed=True)
def level_key(value: Any) -> tuple[str, float | None]:
    """Return a 一级/二级 cell as (name, weight printed in it): "产 出 指 标 (50分)" →
    ("产出指标", 50.0); "一、产出指标" → ("产出指标", None). Cached: a workbook repeats a handful."""
    text = cell_text(value)
    m = _POINTS.search(fold(text).replace(" ", ""))
    name = _NUMBERING.sub("", label_key(text), count=1).rstrip(":：")
    return name, float(m.group(1)) if m else None


def level1_of(level2: str) -> str:
    """Return the 一级 a 二级 name belongs to by the national taxonomy, "" when none."""
    for words, level1 in _LEVEL1_OF_LEVEL2:
        if any(word in level2 for word in words):
            return level1
    return ""


def read_indicators(
    ix: SheetIndex, header: int, end: int, ctx: Context, table: Table | None = None
) -> IndicatorTable:
    """Read the indicator table whose header starts on row `header`, up to row `end` or its
    总分 / 合计 / 自评得分 row (whose stated total is read). `table` gives the columns when
    the caller chose them itself (a 申报表's 年度 columns beside its 中期 ones); by default
    they are read from the header (`Table.read`)."""
    if table is None:
        table = Table.read(ix, header, INDICATOR_ROLES)
    cols = table.columns
    if "actual" not in cols and "achieved" in cols:
        cols["actual"] = replace(cols.pop("achieved"), role="actual")
    value_cols = [cols[r].first for r in ("target", "actual", "weight") if r in cols]
    first_value_col = min(value_cols, default=10**6)
    stop, total_row = end, None
    total: tuple[float | None, Where | None] = (None, None)
    repeats: set[int] = set()
    for r in ix.label_rows(table.body, end):
        roles = ix.roles(r)
        if is_indicator_header(roles) or "level1" in roles:
            repeats.add(r)  # the header again, after a page break of a converted document
            continue
        closing = [lab for lab in ix.rows[r] if lab.role in _BREAK_ROLES]
        if closing:
            if any(
                lab.role in ("total_row", "self_score") and lab.col < first_value_col
                for lab in closing
            ):
                total = _total_score(table, r, ctx)
                total_row = r
            stop = r
            break
    rows = _Rows(table, ctx, table.body, stop, repeats)
    indicators, skipped, last = rows.read()
    return IndicatorTable(
        indicators,
        total[0],
        total[1],
        last if total_row is None else total_row,
        tuple(skipped),
        "actual" in cols,
    )


class _Rows:
    """The body of an indicator table, read column by column, then judged row by row."""

    def __init__(self, table: Table, ctx: Context, lo: int, hi: int, repeats: set[int]) -> None:
        self.table, self.ctx, self.lo, self.hi, self.repeats = table, ctx, lo, hi, repeats

    def read(self) -> tuple[tuple[Indicator, ...], list[tuple[Where, str]], int]:
        table, ctx, lo, hi = self.table, self.ctx, self.lo, self.hi
        level1, level1_origins = table.groups("level1", lo, hi)
        level2, level2_origins = table.groups("level2", lo, hi)
        names, name_cols = table.values("level3", lo, hi)
        targets, target_cols = table.values("target", lo, hi)
        adjusted, adjusted_cols = table.values("target_adjusted", lo, hi)
        actuals, actual_cols = table.values("actual", lo, hi)
        weights, weight_cols = table.values("weight", lo, hi)
        scores, score_cols = table.values("score", lo, hi)
        explains, explain_cols = table.values("explain", lo, hi)
        split = "nature" in table.columns or "measure" in table.columns
        natures = table.values("nature", lo, hi)[0] if split else []
        measures = table.values("measure", lo, hi)[0] if split else []
        sheet = ctx.sheet
        out: list[Indicator] = []
        skipped: list[tuple[Where, str]] = []
        # The current 一级 and 二级: (name, weight, weight cell), and the origin of their cell.
        group1: tuple[str, float | None, Where | None] = ("", None, None)
        group2 = ""
        origin1: Any = None
        origin2: Any = None
        inferred: list[int] = []  # indicators whose 一级 gave only a weight
        last = self.table.header
        for i in range(hi - lo):
            r = lo + i
            if r in self.repeats:
                continue
            value = level1[i]
            if value is not None and level1_origins[i] != origin1:
                origin1 = level1_origins[i]
                name, points = level_key(value)
                at = cell_where(sheet, origin1[1], str(origin1[0] + 1)) if points else None
                group1, group2, origin2 = (name, points, at), "", None
            value = level2[i]
            if value is not None and level2_origins[i] != origin2:
                origin2 = level2_origins[i]
                group2 = level_key(value)[0]
            row_no = str(r + 1)
            name = clean_name(cell_text(names[i])) if names[i] is not None else ""
            target, target_pct, target_col = self._target(i, r, targets, target_cols)
            if adjusted_cols is not None and adjusted[i] is not None:
                # 调整指标值 replaces 年初指标值 where it is filled (Chongqing's form).
                shown, pct, col = self._target(i, r, adjusted, adjusted_cols)
                if shown:
                    target, target_pct, target_col = shown, pct, col
            if split:
                target = combine_target(natures[i], target, measures[i])
            actual, actual_pct, actual_col = self._target(i, r, actuals, actual_cols)
            weight_col = None if weight_cols is None else weight_cols[i]
            score_col = None if score_cols is None else score_cols[i]
            weight = score = None
            if weight_col is not None and weights[i] is not None:
                weight = ctx.number(weights[i], r, weight_col, "分值")
            if score_col is not None and scores[i] is not None:
                score = ctx.number(scores[i], r, score_col, "得分")
            if not name:
                if not (target or actual):
                    continue  # an empty or spare row of the blank form, or a 二级 label
            elif not (target or actual) and weight is None and score is None:
                if names[i] is not None and name_cols is not None:
                    skipped.append((cell_where(sheet, name_cols[i], row_no), name))
                continue
            elif name.startswith("其中") and weight is None and score is None and out:
                out[-1] = _with_breakdown(
                    out[-1], Breakdown(name, target, actual, _at(sheet, actual_col, row_no))
                )
                last = r
                continue
            last = r
            explain_col = None if explain_cols is None else explain_cols[i]
            level1_name, level1_weight, level1_at = group1
            if not level1_name and level1_weight is not None:
                inferred.append(len(out))
            out.append(
                Indicator(
                    level1=level1_name,
                    level2=group2,
                    name=name,
                    target=target,
                    actual=actual,
                    weight=weight,
                    explanation=cell_text(explains[i]),
                    stated_score=score,
                    where=_at(sheet, actual_col, row_no),
                    target_at=_at(sheet, target_col, row_no),
                    weight_at=_at(sheet, weight_col, row_no),
                    explanation_at=_at(sheet, explain_col, row_no),
                    stated_score_at=_at(sheet, score_col, row_no),
                    actual_is_percent=actual_pct,
                    target_is_percent=target_pct,
                    level1_weight=level1_weight,
                    level1_weight_at=level1_at,
                )
            )
        for k in inferred:
            # A 一级 cell with only "(50分)": the 一级 its 二级 belongs to.
            out[k] = replace(out[k], level1=level1_of(out[k].level2))
        return tuple(out), skipped, last

    def _target(
        self, i: int, r: int, values: list[Any], cols: list[int] | None
    ) -> tuple[str, bool, int | None]:
        """Return a target or actual cell as (text, number formatted as %, column)."""
        if cols is None:
            return "", False, None
        value = values[i]
        if value is None:
            return "", False, cols[i]
        if type(value) is str:  # text, the common case: no percentage format
            return value.strip(), False, cols[i]
        text, pct = self.ctx.text(value, r, cols[i])
        return text, pct, cols[i]


def _with_breakdown(ind: Indicator, row: Breakdown) -> Indicator:
    return replace(ind, breakdown=(*ind.breakdown, row))


def _at(sheet: str, col: int | None, row_no: str) -> Where | None:
    return None if col is None else cell_where(sheet, col, row_no)


def _total_score(table: Table, r: int, ctx: Context) -> tuple[float | None, Where | None]:
    """Return the stated total of a closing row: the value after 自评得分, else the row's
    value in the 得分 column (Sichuan's 合计 row, the national 总分 | 100 | 自评得分 | 95)."""
    ix = table.ix
    roles = ix.roles(r)
    if "self_score" in roles:
        return self_score(ix, roles["self_score"], ctx)
    value, c = table.value(r, "score")
    if c is None:
        return None, None
    return ctx.number(value, r, c, "得分"), ctx.where(r, c)
