"""The 部门整体支出绩效自评表 (as in the seed): 部门名称, 年度目标, 绩效目标实际完成情况, the
department's own 预算资金 when it has one, the projects' funds in total, 年度主要任务 and the
年度绩效指标 with their judgement."""

from __future__ import annotations

from app.evaluate.funds import blocks_rate, gap_words, gaps_reason
from app.evaluate.results import DepartmentResult
from app.rules import Rules
from app.text import unit_label
from app.writers.workbook.footer import closing_rows, legend, signature_block
from app.writers.workbook.form import LAST_COL, UNSCORED, Anchors, Form
from app.writers.workbook.funds import funds_block, share_expr
from app.writers.workbook.styles import UNMET_FILL, Styles

SHEET = "部门整体"


def _projects_total(
    form: Form,
    dep: DepartmentResult,
    totals: dict[str, tuple[str, float]],
    n: int,
    scale: float,
    guard: str | None,
) -> None:
    """项目资金合计: one row linked to the 汇总 sheet's 合计 row (live), with its 执行率; scored
    (分值, 得分) when it is the department's 执行率, else "—" there. The projects overspent,
    below the rules' 执行率 or with an amount left out are named below it. `guard` is an Excel condition that holds while every amount
    the total leaves out is a number again (None: no live check is possible)."""
    ws, st = form.ws, form.st
    lab, center = st.get("label"), st.get("center")
    scored = dep.projects_rate
    total = dep.projects_total
    r = form.row
    rows = 3 if dep.attention else 2
    title = f"项目资金\n合计\n（{unit_label(scale)}）"
    form.merge_text(r, 0, r + rows - 1, 0, title, lab)
    form.heights.need_span(r, r + rows - 1, title, 0, 0)
    ws.merge_range(r, 1, r, 2, "范围", lab)
    for col, head in enumerate(
        ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), 3
    ):
        ws.write_string(r, col, head, lab)
    ws.merge_range(r + 1, 1, r + 1, 2, f"全部项目（{n}个）", lab)
    for col, key in enumerate(("initial", "budget", "spent"), 3):
        ref, cached = totals[key]
        left = gap_words(total.gaps, (key,))
        ws.write_formula(
            r + 1, col, f"={ref}", st.get("amount", flag="incomplete" if left else None), cached
        )
        if left:
            form.comment(r + 1, col, f"合计不含{left}")
    budget, spent = totals["budget"][1], totals["spent"][1]
    R = r + 2
    blocked = blocks_rate(total.gaps)
    rate: float | str = "—" if budget <= 0 or blocked else spent / budget
    condition = f"OR(N(E{R})<=0,NOT({guard}))" if blocked and guard else f"N(E{R})<=0"
    flag = "manual" if rate == "—" and blocked else "unmet" if dep.attention else None
    if blocked and guard is None:
        ws.write_string(r + 1, 7, "—", st.get("pct", flag=flag))
    else:
        ws.write_formula(
            r + 1, 7, f'=IF({condition},"—",F{R}/E{R})', st.get("pct", flag=flag), rate
        )
    notes = []
    if blocked:
        notes.append(f"执行率无法计算：{gaps_reason(total.gaps)}")
    if dep.attention:
        notes.append("需关注的项目：" + "；".join(f"{p}（{why}）" for p, why in dep.attention))
    if scored is not None:
        notes.append(scored.note)
        ws.write_number(r + 1, 6, scored.weight, st.get("score"))
        form.weight_refs.append(f"G{R}")
        form.weight_total += scored.weight
        share = share_expr(f"H{R}", form.rules)
        ws.write_formula(
            r + 1,
            8,
            f'=IF(ISNUMBER(H{R}),G{R}*{share},"{UNSCORED}")',
            st.get("score", flag="manual" if scored.score is None else None),
            UNSCORED if scored.score is None else scored.score,
        )
        form.comment(r + 1, 8, scored.note)
        form.score_refs.append(f"I{R}")
        form.rate_cell = f"H{R}"
        for code in ("rate_low", "rate_undefined"):
            form.anchors.by_code[code] = f"H{R}"
    else:
        for col in (6, 8):
            ws.write_string(r + 1, col, "—", center)
        if dep.funds is not None:
            form.comment(r + 1, 8, "部门执行率按上方预算资金计分，此行仅供对照")
    form.comment(r + 1, 7, "\n".join(dict.fromkeys(n for n in notes if n)))
    if dep.attention:
        ws.merge_range(r + 2, 1, r + 2, 2, "需关注的项目", lab)
        text = "；".join(f"{p}：{why}" for p, why in dep.attention)
        form.text_cell(r + 2, 1, 3, LAST_COL, text, st.get("text", UNMET_FILL))
    form.row = r + rows


def write_department_form(
    ws,
    styles: Styles,
    dep: DepartmentResult,
    rules: Rules,
    totals: dict[str, tuple[str, float]],
    n_projects: int,
    summary_scale: float,
    guard: str | None = None,
) -> Anchors:
    """Write the department form; `totals` maps initial/budget/spent to (the 汇总 合计 cell
    reference, its cached value); `guard` see `_projects_total`. Return where its cells
    went."""
    d = dep.department
    form = Form(ws, styles, SHEET, rules)
    form.title("部门整体支出绩效自评表", d.year)
    form.label_value("部门名称", d.name, d.where)
    form.label_value("年度目标", d.goal)
    form.label_value("绩效目标\n实际完成\n情况", d.achieved)
    if dep.funds is not None:
        funds_block(form, "预算资金", dep.funds, d.funds, d.amount_scale, dep.findings)
    _projects_total(form, dep, totals, n_projects, summary_scale, guard)
    if d.tasks:
        _tasks(form, d.tasks)
    if dep.indicators:
        form.indicator_block("年度绩效\n指标", dep.indicators, ("目标值", "完成值"))
    if form.score_refs:
        form.total_row(dep.score, dep.grade, dep.provisional)
    closing_rows(form, {"conclusion": d.conclusion, "problems": d.problems, "measures": d.measures})
    signature_block(form, d.signature, project=False)
    legend(form)
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
