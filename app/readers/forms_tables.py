"""Read a form's tables: the indicators (绩效指标), the goals (年度总体目标), the department's
tasks (年度主要任务) and the stated total score (自评得分)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from app.model import Indicator, Task, Where
from app.readers.common import cell_text, combine_target, label_key
from app.readers.forms_labels import Label, SheetIndex
from app.readers.forms_locate import Context, cell_where, value_of

_INDICATOR_COLUMNS = (
    "level1",
    "level2",
    "level3",
    "target",
    "actual",
    "weight",
    "score",
    "explain",
    "nature",
    "measure",
)
_TASK_COLUMNS = ("seq", "task_name", "task_content", "achieved")
# Labels that end a table: the next form, the next table, the closing rows of a form.
_BREAK_ROLES = frozenset(
    {
        "title_project",
        "title_dept",
        "name",
        "dept_name",
        "level1",
        "stop",
        "total_row",
        "self_score",
    }
)


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    """The indicators read, the stated total score (自评得分) and the last row covered."""

    indicators: tuple[Indicator, ...]
    total_score: float | None
    total_score_at: Where | None
    last_row: int


def _columns(ix: SheetIndex, header: int, roles: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Return the column span of each role named on the header row (a label merged over two
    columns spans both, so later columns keep their own labels)."""
    found = ix.roles(header)
    return {
        role: (found[role].col, ix.last_col(header, found[role].col))
        for role in roles
        if role in found
    }


_LEVEL_KEYS: dict[Any, str] = {}
"""一级/二级 cell value → its label_key: a workbook repeats a handful of them thousands of times."""


def _level_key(value: Any) -> str:
    key = _LEVEL_KEYS.get(value)
    if key is None:
        if len(_LEVEL_KEYS) > 10_000:  # a long-running GUI reads many books
            _LEVEL_KEYS.clear()
        key = _LEVEL_KEYS[value] = label_key(value)
    return key


def _column(
    ix: SheetIndex, block: list[list[Any]], lo: int, span: tuple[int, int, bool] | None
) -> tuple[list[Any], list[int]]:
    """Return the values one role shows in rows lo, lo+1, … (`block` holds their cells) and the
    column each came from: the span's first cell, else what pick() finds in the span (a value
    further right in a wide span, or a range merged down over it)."""
    n = len(block)
    if span is None:
        return [None] * n, []
    first, last, wide = span
    values = [line[first] if first < len(line) else None for line in block]
    cols = [first] * n
    if wide:
        pick = ix.pick
        for i, v in enumerate(values):
            if v is None:
                values[i], cols[i] = pick(lo + i, first, last)
    return values, cols


def _level_column(
    ix: SheetIndex, block: list[list[Any]], lo: int, span: tuple[int, int, bool] | None
) -> tuple[list[Any], list[Any]]:
    """Return the 一级/二级 value each row of `block` shows and the top-left cell of its merged
    range (as SheetIndex.origin gives it): rows of one range merged down share their origin,
    so a new origin starts a new group."""
    n = len(block)
    if span is None:
        return [None] * n, [None] * n
    first, last, wide = span
    values = [line[first] if first < len(line) else None for line in block]
    origins: list[Any] = [None] * n
    down = ix.merged_down()
    rows = ix.sheet.rows
    entry = down.get(first)
    for i, v in enumerate(values):
        r = lo + i
        c = first
        if v is None:
            if not wide:
                continue
            if first == last and entry is not None:
                # pick() on a one-column span: the value of a range merged down over it.
                j = bisect_right(entry[0], r) - 1
                if j >= 0:
                    r0, r1, c0 = entry[1][j]
                    if r0 < r <= r1 and c0 == first:
                        v = values[i] = rows[r0][c0]
                        if v is not None:
                            origins[i] = (r0, c0)
                continue
            v, c = ix.pick(r, first, last)
            values[i] = v
            if v is None:
                continue
        origins[i] = ix.origin(r, c) if c in down else (r, c)
    return values, origins


def read_indicators(ix: SheetIndex, header: int, end: int, ctx: Context) -> IndicatorTable:
    """Read the indicator table whose header is row `header`, up to row `end` or its 总分 row.

    一级/二级 left blank are filled down from the row above; a new 一级 clears the 二级. Rows
    with no 三级 name and no values (the official form's spare rows) are skipped.
    """
    cols = _columns(ix, header, _INDICATOR_COLUMNS)
    first_value_col = min(
        (cols[r][0] for r in ("target", "actual", "weight") if r in cols), default=10**6
    )
    total_row: int | None = None
    total: tuple[float | None, Where | None] = (None, None)
    # The table ends at the first row labelled as the next part (a 总分/自评得分 row is read).
    stop = end
    for r in ix.label_rows(header + 1, end):
        closing = [lab for lab in ix.rows[r] if lab.role in _BREAK_ROLES]
        if closing:
            if any(
                lab.role in ("total_row", "self_score") and lab.col < first_value_col
                for lab in closing
            ):
                total = _total_score(ix, r, cols.get("score"), ctx)
                total_row = r
            stop = r
            break
    # Column by column (comprehensions), then row by row: most cells are where the header
    # says, and only an empty first cell of a wide or merged-down span needs pick().
    down = ix.merged_down()
    spans = {
        role: (first, last_col, last_col > first or first in down)
        for role, (first, last_col) in cols.items()
    }
    lo = header + 1
    block = ix.sheet.rows[lo:stop]
    level1, level1_origins = _level_column(ix, block, lo, spans.get("level1"))
    level2, level2_origins = _level_column(ix, block, lo, spans.get("level2"))
    names = _column(ix, block, lo, spans.get("level3"))[0] if "level3" in cols else None
    targets, target_cols = _column(ix, block, lo, spans.get("target"))
    actuals, actual_cols = _column(ix, block, lo, spans.get("actual"))
    weights, weight_cols = _column(ix, block, lo, spans.get("weight"))
    scores, score_cols = _column(ix, block, lo, spans.get("score"))
    explains, explain_cols = _column(ix, block, lo, spans.get("explain"))
    split = "nature" in cols or "measure" in cols
    natures = _column(ix, block, lo, spans.get("nature"))[0] if split else []
    measures = _column(ix, block, lo, spans.get("measure"))[0] if split else []
    levels = [(level1, level1_origins), (level2, level2_origins)]
    last = header
    keys = ["", ""]
    origins: list[Any] = [None, None]
    out: list[Indicator] = []
    sheet = ctx.sheet
    text, number = ctx.text, ctx.number
    for i in range(len(block)):
        r = lo + i
        # A new 一级/二级 cell (not the continuation of a range merged down) starts a group;
        # its text drops marks like (50分). A new 一级 clears the 二级.
        for k, (values, value_origins) in enumerate(levels):
            value = values[i]
            if value is None:
                continue
            origin = value_origins[i]
            if origin != origins[k]:
                keys[k], origins[k] = _level_key(value), origin
                if k == 0:
                    keys[1], origins[1] = "", None
        name = "" if names is None else cell_text(names[i])
        value = targets[i]
        target_col = target_cols[i] if target_cols else None
        if value.__class__ is str:  # text, the common case: no percentage format
            target, target_pct = value.strip(), False
        else:
            target, target_pct = text(value, r, target_col)
        if split:
            target = combine_target(natures[i], target, measures[i])
        value = actuals[i]
        actual_col = actual_cols[i] if actual_cols else None
        if value.__class__ is str:
            actual, actual_pct = value.strip(), False
        else:
            actual, actual_pct = text(value, r, actual_col)
        if not (name or target or actual):
            continue
        last = r
        row_no = str(r + 1)
        weight_col = weight_cols[i] if weight_cols else None
        score_col = score_cols[i] if score_cols else None
        explain_col = explain_cols[i] if explain_cols else None
        out.append(
            Indicator(
                keys[0],
                keys[1],
                name,
                target,
                actual,
                None if weight_col is None else number(weights[i], r, weight_col, "分值"),
                cell_text(explains[i]),
                None if score_col is None else number(scores[i], r, score_col, "得分"),
                _where(sheet, actual_col, row_no),
                _where(sheet, target_col, row_no),
                _where(sheet, weight_col, row_no),
                _where(sheet, explain_col, row_no),
                _where(sheet, score_col, row_no),
                actual_pct,
                target_pct,
            )
        )
    return IndicatorTable(tuple(out), total[0], total[1], last if total_row is None else total_row)


def _where(sheet: str, col: int | None, row_no: str) -> Where | None:
    return None if col is None else cell_where(sheet, col, row_no)


def _total_score(
    ix: SheetIndex, r: int, score_span: tuple[int, int] | None, ctx: Context
) -> tuple[float | None, Where | None]:
    """Return the stated total of a closing row: the value after 自评得分, else the row's
    value in the 得分 column (Sichuan's 合计 row)."""
    roles = ix.roles(r)
    if "self_score" in roles:
        return self_score(ix, roles["self_score"], ctx)
    if score_span is None:
        return None, None
    value, c = ix.pick(r, *score_span)
    return ctx.number(value, r, c, "得分"), ctx.where(r, c)


def self_score(ix: SheetIndex, lab: Label, ctx: Context) -> tuple[float | None, Where | None]:
    """Return the number in the cell just after a 自评得分 label, and that cell (also when it
    is empty: it is where the score belongs, and a grade further right is no score)."""
    col = ix.last_col(lab.row, lab.col) + 1
    value, _ = ix.pick(lab.row, col, col)
    return ctx.number(value, lab.row, col, "得分"), ctx.where(lab.row, col)


def read_goals(
    ix: SheetIndex, rows: list[int], ctx: Context
) -> tuple[tuple[str, Where | None], tuple[str, Where | None]]:
    """Return ((goal, where), (achieved, where)) from the given rows: a row labelled 预期目标 and
    实际完成情况 side by side has the texts in the next row below; otherwise each label has its
    text beside or below it (the department form's 年度目标 / 绩效目标实际完成情况)."""
    empty: tuple[str, Where | None] = ("", None)
    for r in rows:
        roles = ix.roles(r)
        if "goal" in roles and "achieved" in roles:
            spans = _columns(ix, r, ("goal", "achieved"))
            below = ix.last_row(r, roles["goal"].col) + 1
            for vr in range(below, min(below + 3, ix.sheet.height)):
                got = {role: ix.pick(vr, *span) for role, span in spans.items()}
                if any(v is not None for v, _ in got.values()):
                    return tuple(  # type: ignore[return-value]
                        (cell_text(got[role][0]), ctx.where(vr, got[role][1]))
                        for role in ("goal", "achieved")
                    )
            return empty, empty
    found: dict[str, tuple[str, Where | None]] = {}
    for r in rows:
        for lab in ix.rows.get(r, ()):
            role = "goal" if lab.role == "goal_block" else lab.role
            if role in ("goal", "achieved") and role not in found:
                value = value_of(ix, lab)
                if value is not None:
                    found[role] = (value[0], ctx.where(value[1], value[2]))
    return found.get("goal", empty), found.get("achieved", empty)


def read_tasks(ix: SheetIndex, header: int, end: int) -> tuple[tuple[Task, ...], int]:
    """Return the 年度主要任务 rows (序号 | 任务名称 | 主要内容 | 实际完成情况) below `header`, and
    the last row read."""
    cols = _columns(ix, header, _TASK_COLUMNS)
    tasks: list[Task] = []
    last = header
    for r in range(header + 1, end):
        if any(lab.role in _BREAK_ROLES for lab in ix.rows.get(r, ())):
            break
        got = {role: cell_text(ix.pick(r, *span)[0]) for role, span in cols.items()}
        if not (got.get("task_name") or got.get("task_content") or got.get("achieved")):
            continue
        last = r
        tasks.append(
            Task(
                number=got.get("seq", ""),
                name=got.get("task_name", ""),
                content=got.get("task_content", ""),
                achieved=got.get("achieved", ""),
            )
        )
    return tuple(tasks), last
