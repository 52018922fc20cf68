"""Read the smaller parts of a form: the goals (年度总体目标), the department's tasks (年度主要任务)
and the stated total score (自评得分)."""

from __future__ import annotations

from app.model import Task, Where
from app.readers.common import cell_text
from app.readers.forms.cells import Context
from app.readers.forms.labels import Label, SheetIndex
from app.readers.forms.layout import value_of
from app.readers.forms.table import Table

_TASK_ROLES = ("seq", "task_name", "task_content", "achieved")
# Labels that end the task table: the next form, the next table, the closing rows of a form.
_TASK_BREAK = frozenset(
    {"title_project", "title_dept", "title_other", "name", "dept_name", "level1", "stop"}
    | {"total_row", "self_score"}
)


def self_score(ix: SheetIndex, lab: Label, ctx: Context) -> tuple[float | None, Where | None]:
    """Return the number in the cell just after a 自评得分 label, and that cell (also when it
    is empty: it is where the score belongs, and a grade further right is no score)."""
    if lab.inline:  # "自评得分：95.5" in one cell
        return ctx.number(lab.inline, lab.row, lab.col, "得分"), ctx.where(lab.row, lab.col)
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
            cols = Table.read(ix, r, ("goal", "achieved")).columns
            spans = {role: (col.first, col.last) for role, col in cols.items()}
            below = ix.last_row(r, roles["goal"].col) + 1
            for vr in range(below, min(below + 3, ix.sheet.height)):
                if vr in ix.rows:
                    break  # the next labels (绩效指标 …): the goals were left empty
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
    table = Table.read(ix, header, _TASK_ROLES)
    tasks: list[Task] = []
    last = header
    for r in range(table.body, end):
        if any(lab.role in _TASK_BREAK for lab in ix.rows.get(r, ())):
            break
        got = {role: cell_text(table.value(r, role)[0]) for role in table.columns}
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
