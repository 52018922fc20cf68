"""Read the smaller parts of a form: the goals (年度总体目标), the department's tasks (年度主要任务),
the stated total score (自评得分) and the grade (等级)."""

from __future__ import annotations

import re

from app.model import Inline, Task, Where
from app.readers.common import NotANumber, parse_amount
from app.readers.forms.cells import Context
from app.readers.forms.labels import Label, SheetIndex, is_funds_header, is_indicator_header
from app.readers.forms.layout import value_of
from app.readers.forms.table import Table
from app.text import cell_text

GRADE_WORDS = frozenset(
    {
        "优",
        "良",
        "中",
        "差",
        "优秀",
        "良好",
        "中等",
        "合格",
        "不合格",
        "及格",
        "不及格",
        "一般",
        "较差",
    }
)
"""What a hand-filled grade says: a cell holding one of these beside the total is the grade's."""
_COLON = re.compile("[:：]")

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


def inline_figure(text: str) -> tuple[Inline, str] | None:
    """Split a label that holds its own figure ("总分：    分", "等级：优", "自评得分：95.5") into
    the text kept around the figure and the figure as written ("" when blank); None when the
    text has no colon."""
    m = _COLON.search(text)
    if m is None:
        return None
    rest = text[m.end() :].strip()
    after = ""
    if rest.endswith("分"):
        rest, after = rest[:-1].strip(), "分"
    return Inline(text[: m.end()], after), rest


def slot_inline(ix: SheetIndex, row: int, col: int) -> Inline | None:
    """Return how a figure is written into the cell (row, col) when that cell is a label holding
    it ("自评得分：95.5"); None when the cell holds a figure alone."""
    value = ix.sheet.value(row, col)
    if not isinstance(value, str) or not ix.is_label(row, col):
        return None
    split = inline_figure(value)
    return None if split is None else split[0]


def header_total(
    ix: SheetIndex, rows: list[int], ctx: Context
) -> tuple[float | None, Where, Inline] | None:
    """Return a total written into its label's cell outside the tables ("总分：    分" in
    Hubei's header): (the number, None when blank; the cell; the text around it). None when
    the rows hold no such label."""
    for r in rows:
        for lab in ix.rows.get(r, ()):
            if lab.role not in ("total_row", "self_score"):
                continue
            text = ix.sheet.value(lab.row, lab.col)
            split = inline_figure(text) if isinstance(text, str) else None
            if split is None:
                continue
            inline, figure = split
            try:
                value = parse_amount(figure) if figure else None
            except NotANumber:
                continue
            return value, ctx.where(lab.row, lab.col), inline
    return None


def read_grade(
    ix: SheetIndex, start: int, end: int, total: tuple[int, int] | None, ctx: Context
) -> tuple[str | None, Where | None, Inline | None]:
    """Return the grade of a form as written (None when blank), the cell where it belongs and,
    for a label holding it ("等级：优"), the text around it. The cell is the one beside a 等级
    label in rows [start, end) (or the label's own, after its colon); without a label, a grade
    word (优, 良 …) in the first filled cell right of the total's cell `total` (0-based)."""
    for r in ix.label_rows(start, end):
        roles = ix.roles(r)
        if "grade" not in roles or is_funds_header(roles) or is_indicator_header(roles):
            continue  # a 等级 column of a table is no grade of the form
        lab = roles["grade"]
        text = ix.sheet.value(lab.row, lab.col)
        split = inline_figure(text) if isinstance(text, str) else None
        if split is not None:
            return split[1] or None, ctx.where(lab.row, lab.col), split[0]
        col = ix.last_col(lab.row, lab.col) + 1
        if not ix.is_label(lab.row, col):
            return cell_text(ix.sheet.value(lab.row, col)) or None, ctx.where(lab.row, col), None
    if total is not None:
        row, col = total
        line = ix.sheet.rows[row] if row < ix.sheet.height else []
        for c in range(ix.last_col(row, col) + 1, len(line)):
            if line[c] is None:
                continue
            text = cell_text(line[c])
            if text in GRADE_WORDS:
                return text, ctx.where(row, c), None
            break
    return None, None, None


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
