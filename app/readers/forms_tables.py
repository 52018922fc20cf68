"""Read a form's tables: the indicators (绩效指标), the goals (年度总体目标), the department's
tasks (年度主要任务) and the stated total score (自评得分)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from app.model import Indicator, Task, Where, col_letter
from app.readers.common import cell_text, combine_target, label_key
from app.readers.forms_labels import Label, SheetIndex
from app.readers.forms_locate import _LETTERS, Context, value_of

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


def read_indicators(ix: SheetIndex, header: int, end: int, ctx: Context) -> IndicatorTable:
    """Read the indicator table whose header is row `header`, up to row `end` or its 总分 row.

    一级/二级 left blank are filled down from the row above; a new 一级 clears the 二级. Rows
    with no 三级 name and no values (the official form's spare rows) are skipped.
    """
    cols = _columns(ix, header, _INDICATOR_COLUMNS)
    first_value_col = min(
        (cols[r][0] for r in ("target", "actual", "weight") if r in cols), default=10**6
    )
    down = ix.merged_down()
    # Per role: (first column, last column, whether an empty first cell needs pick(): only a
    # span of several columns or a column with ranges merged down over it can show a value).
    spans = {
        role: (first, last, last > first or first in down) for role, (first, last) in cols.items()
    }
    level_spans = [spans.get("level1"), spans.get("level2")]
    value_roles = [(role, span) for role, span in spans.items() if role not in ("level1", "level2")]
    out: list[Indicator] = []
    levels = ["", ""]
    origins: list[Any] = [None, None]
    last = header
    total: tuple[float | None, Where | None] = (None, None)
    rows, pick, labels_at = ix.sheet.rows, ix.pick, ix.rows
    sheet = ctx.sheet
    text, number = ctx.text, ctx.number
    for r in range(header + 1, end):
        labels = labels_at.get(r)
        if labels and any(lab.role in _BREAK_ROLES for lab in labels):
            if any(
                lab.role in ("total_row", "self_score") and lab.col < first_value_col
                for lab in labels
                if lab.role in _BREAK_ROLES
            ):
                total = _total_score(ix, r, cols.get("score"), ctx)
                last = r
            break
        line = rows[r] if r < len(rows) else ()
        width = len(line)
        # A new 一级/二级 cell (not the continuation of a range merged down) starts a group;
        # its text drops marks like (50分). A new 一级 clears the 二级.
        for i, span in enumerate(level_spans):
            if span is None:
                continue
            c = span[0]
            value = line[c] if c < width else None
            if value is None:
                if not span[2]:
                    continue
                value, c = pick(r, span[0], span[1])
                if value is None:
                    continue
            origin = (r, c)
            entry = down.get(c)
            if entry is not None:  # SheetIndex.origin, inline: it runs for every row
                k = bisect_right(entry[0], r) - 1
                if k >= 0:
                    r0, r1, c0 = entry[1][k]
                    if r0 < r <= r1:
                        origin = (r0, c0)
            if origin != origins[i]:
                levels[i], origins[i] = _level_key(value), origin
                if i == 0:
                    levels[1], origins[1] = "", None
        got: dict[str, tuple[Any, int | None]] = {}
        for role, (first, last_col, wide) in value_roles:
            v = line[first] if first < width else None
            if v is not None:
                got[role] = (v, first)
            elif wide:
                got[role] = pick(r, first, last_col)
            else:
                got[role] = (None, first)
        level3 = got.get("level3")
        name = "" if level3 is None else cell_text(level3[0])
        target_value, target_col = got.get("target", _NONE)
        actual_value, actual_col = got.get("actual", _NONE)
        if target_value.__class__ is str:  # text, the common case: no percentage format
            target, target_pct = target_value.strip(), False
        else:
            target, target_pct = text(target_value, r, target_col)
        if "nature" in got or "measure" in got:
            target = combine_target(
                got.get("nature", _NONE)[0], target, got.get("measure", _NONE)[0]
            )
        if actual_value.__class__ is str:
            actual, actual_pct = actual_value.strip(), False
        else:
            actual, actual_pct = text(actual_value, r, actual_col)
        if not (name or target or actual):
            continue
        last = r
        weight, weight_col = got.get("weight", _NONE)
        score, score_col = got.get("score", _NONE)
        explain, explain_col = got.get("explain", _NONE)
        row_no = str(r + 1)
        out.append(
            Indicator(
                levels[0],
                levels[1],
                name,
                target,
                actual,
                None if weight_col is None else number(weight, r, weight_col, "分值"),
                cell_text(explain),
                None if score_col is None else number(score, r, score_col, "得分"),
                _where(sheet, actual_col, row_no),
                _where(sheet, target_col, row_no),
                _where(sheet, weight_col, row_no),
                _where(sheet, explain_col, row_no),
                _where(sheet, score_col, row_no),
                actual_pct,
                target_pct,
            )
        )
    return IndicatorTable(tuple(out), total[0], total[1], last)


_NONE: tuple[None, None] = (None, None)


def _where(sheet: str, col: int | None, row_no: str) -> Where | None:
    if col is None:
        return None
    # Where's own __new__ without its Python frame: five per indicator.
    return _new_where(Where, (sheet, (_LETTERS[col] if col < 100 else col_letter(col)) + row_no))


_new_where = tuple.__new__


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
