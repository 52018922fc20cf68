"""Read a form's tables: the indicators (绩效指标), the goals (年度总体目标), the department's
tasks (年度主要任务) and the stated total score (自评得分)."""

from __future__ import annotations

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


def _level(
    ix: SheetIndex, r: int, span: tuple[int, int] | None, line: list[Any] | tuple[()]
) -> tuple[Any, Any]:
    """Return (value, origin) of a 一级/二级 cell of row `r` (its cells: `line`): its value and
    the top-left cell of its merged range, so a range merged down reads as one label; (None,
    None) when empty."""
    if span is None:
        return None, None
    c = span[0]
    value = line[c] if c < len(line) else None
    if value is None:  # what pick() finds in the first column, without the call
        value, c = ix.pick(r, *span)
        if value is None:
            return None, None
    return value, ix.origin(r, c)


def read_indicators(ix: SheetIndex, header: int, end: int, ctx: Context) -> IndicatorTable:
    """Read the indicator table whose header is row `header`, up to row `end` or its 总分 row.

    一级/二级 left blank are filled down from the row above; a new 一级 clears the 二级. Rows
    with no 三级 name and no values (the official form's spare rows) are skipped.
    """
    cols = _columns(ix, header, _INDICATOR_COLUMNS)
    first_value_col = min(
        (cols[r][0] for r in ("target", "actual", "weight") if r in cols), default=10**6
    )
    value_cols = [(role, span) for role, span in cols.items() if role not in ("level1", "level2")]
    out: list[Indicator] = []
    l1 = l2 = ""
    l1_origin = l2_origin = None
    last = header
    total: tuple[float | None, Where | None] = (None, None)
    rows, pick = ix.sheet.rows, ix.pick
    for r in range(header + 1, end):
        labels = ix.rows.get(r, ())
        closing = [lab for lab in labels if lab.role in _BREAK_ROLES]
        if closing:
            if any(
                lab.role in ("total_row", "self_score") and lab.col < first_value_col
                for lab in closing
            ):
                total = _total_score(ix, r, cols.get("score"), ctx)
                last = r
            break
        # A new 一级/二级 cell (not the continuation of a range merged down) starts a group;
        # its text drops marks like (50分).
        line = rows[r] if r < len(rows) else ()
        value1, origin1 = _level(ix, r, cols.get("level1"), line)
        if value1 is not None and origin1 != l1_origin:
            l1, l1_origin, l2, l2_origin = label_key(value1), origin1, "", None
        value2, origin2 = _level(ix, r, cols.get("level2"), line)
        if value2 is not None and origin2 != l2_origin:
            l2, l2_origin = label_key(value2), origin2
        # A value in a span's first column is what pick() returns: spare it the call.
        got = {}
        for role, (first, last_col) in value_cols:
            v = line[first] if first < len(line) else None
            got[role] = (v, first) if v is not None else pick(r, first, last_col)
        name = cell_text(got["level3"][0]) if "level3" in got else ""
        target_value, target_col = got.get("target", (None, None))
        actual_value, actual_col = got.get("actual", (None, None))
        target, target_pct = ctx.text(target_value, r, target_col)
        if "nature" in got or "measure" in got:
            target = combine_target(
                got.get("nature", (None,))[0], target, got.get("measure", (None,))[0]
            )
        actual, actual_pct = ctx.text(actual_value, r, actual_col)
        if not (name or target or actual):
            continue
        last = r
        weight, weight_col = got.get("weight", (None, None))
        score, score_col = got.get("score", (None, None))
        explain, explain_col = got.get("explain", (None, None))
        # Five cells per indicator: Where built here, the row's number written once.
        sheet, row_no = ctx.sheet, str(r + 1)
        where = {
            k: None
            if c is None
            else Where(sheet, (_LETTERS[c] if c < len(_LETTERS) else col_letter(c)) + row_no)
            for k, c in (
                ("target", target_col),
                ("actual", actual_col),
                ("weight", weight_col),
                ("score", score_col),
                ("explain", explain_col),
            )
        }
        out.append(
            Indicator(
                level1=l1,
                level2=l2,
                name=name,
                target=target,
                actual=actual,
                weight=None if weight_col is None else ctx.number(weight, r, weight_col, "分值"),
                explanation=cell_text(explain),
                stated_score=None if score_col is None else ctx.number(score, r, score_col, "得分"),
                where=where["actual"],
                target_at=where["target"],
                weight_at=where["weight"],
                explanation_at=where["explain"],
                stated_score_at=where["score"],
                actual_is_percent=actual_pct,
                target_is_percent=target_pct,
            )
        )
    return IndicatorTable(tuple(out), total[0], total[1], last)


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
