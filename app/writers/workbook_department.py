"""The 部门整体支出绩效自评表 (as in the seed): 部门名称, 年度目标, 绩效目标实际完成情况, the
department's own 预算资金 when it has one, the projects' funds in total, 年度主要任务 and the
年度绩效指标 with their judgement."""

from __future__ import annotations

from app.evaluate.results import DepartmentResult
from app.rules import Rules
from app.writers.workbook_form import LAST_COL, Anchors, Form
from app.writers.workbook_funds import funds_block, unit_label
from app.writers.workbook_styles import Styles

SHEET = "部门整体"


def _projects_total(
    form: Form, dep: DepartmentResult, totals: dict[str, tuple[str, float]], n: int, scale: float
) -> None:
    """项目资金合计: one row linked to the 汇总 sheet's 合计 row (live), with its 执行率."""
    ws, st = form.ws, form.st
    r = form.row
    title = f"项目资金\n合计\n（{unit_label(scale)}）"
    form.merge_text(r, 0, r + 1, 0, title, st.get("label"))
    form.heights.need_span(r, r + 1, title, 0, 0)
    ws.merge_range(r, 1, r, 2, "", st.get("label"))
    for col, head in enumerate(("年初预算数", "全年预算数", "全年执行数"), 3):
        ws.write_string(r, col, head, st.get("label"))
    ws.write_blank(r, 6, None, st.get("label"))
    ws.write_string(r, 7, "执行率", st.get("label"))
    ws.write_blank(r, 8, None, st.get("label"))
    ws.merge_range(r + 1, 1, r + 1, 2, f"全部项目（{n}个）", st.get("label"))
    for col, key in enumerate(("initial", "budget", "spent"), 3):
        ref, cached = totals[key]
        ws.write_formula(r + 1, col, f"={ref}", st.get("amount"), cached)
    ws.write_blank(r + 1, 6, None, st.get("center"))
    budget, spent = totals["budget"][1], totals["spent"][1]
    R = r + 2
    ws.write_formula(
        r + 1,
        7,
        f'=IF(N(E{R})<=0,"—",F{R}/E{R})',
        st.get("pct"),
        "—" if budget <= 0 else spent / budget,
    )
    ws.write_blank(r + 1, 8, None, st.get("center"))
    form.row = r + 2


def write_department_form(
    ws,
    styles: Styles,
    dep: DepartmentResult,
    rules: Rules,
    totals: dict[str, tuple[str, float]],
    n_projects: int,
    summary_scale: float,
) -> Anchors:
    """Write the department form; `totals` maps initial/budget/spent to (the 汇总 合计 cell
    reference, its cached value). Return where its cells went."""
    d = dep.department
    form = Form(ws, styles, SHEET, rules)
    form.title("部门整体支出绩效自评表", d.year)
    form.label_value("部门名称", d.name, d.where)
    form.label_value("年度目标", d.goal)
    form.label_value("绩效目标\n实际完成\n情况", d.achieved)
    if dep.funds is not None:
        funds_block(form, "预算资金", dep.funds, d.funds, d.amount_scale, dep.findings)
    _projects_total(form, dep, totals, n_projects, summary_scale)
    if d.tasks:
        _tasks(form, d.tasks)
    if dep.indicators:
        form.indicator_block("年度绩效\n指标", dep.indicators, ("目标值", "完成值"))
    if form.score_refs:
        form.total_row(dep.score, dep.grade, dep.provisional)
    form.legend()
    return form.finish()


def _tasks(form: Form, tasks) -> None:
    """年度主要任务: 序号 | 任务名称 | 主要内容 | 实际完成情况, the label merged down."""
    ws, st = form.ws, form.st
    r0 = form.row
    lab, text, center = st.get("label"), st.get("text"), st.get("center")
    ws.write_string(r0, 1, "序号", lab)
    ws.write_string(r0, 2, "任务名称", lab)
    ws.merge_range(r0, 3, r0, 5, "主要内容", lab)
    ws.merge_range(r0, 6, r0, LAST_COL, "实际完成情况", lab)
    r = r0 + 1
    for task in tasks:
        k = form.rows_for(((task.name, 2, 2), (task.content, 3, 5), (task.achieved, 6, LAST_COL)))
        form.text_cell(r, k, 1, 1, task.number, center)
        form.text_cell(r, k, 2, 2, task.name, center)
        form.text_cell(r, k, 3, 5, task.content, text)
        form.text_cell(r, k, 6, LAST_COL, task.achieved, text)
        r += k
    form.text_cell(r0, r - r0, 0, 0, "年度主要\n任务", lab)
    form.row = r
