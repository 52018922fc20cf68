"""One project's 项目支出绩效自评表 (national layout of 财预〔2020〕10号, with 分值 and 得分)."""

from __future__ import annotations

from app.evaluate.results import ProjectResult
from app.model import Signature
from app.rules import Rules
from app.writers.workbook.footer import closing_rows, legend, signature_block
from app.writers.workbook.form import LAST_COL, Anchors, Form
from app.writers.workbook.funds import funds_block
from app.writers.workbook.styles import Styles


def write_project_form(
    ws,
    styles: Styles,
    pr: ProjectResult,
    rules: Rules,
    year: int | None,
    sheet: str,
    signature: Signature | None = None,
) -> Anchors:
    """Write the form of one evaluated project on `ws`, signed by its own signature over
    `signature` (the department's); return where its cells went."""
    project = pr.project
    form = Form(ws, styles, sheet, rules)
    form.title("项目支出绩效自评表", year)
    name_row = form.label_value("项目名称", project.name, project.where)
    form.pair_row([("主管部门", project.department, 0, 3), ("实施单位", project.unit, 4, LAST_COL)])
    funds_block(form, "项目资金", pr.funds, project.funds, project.amount_scale, pr.findings)
    form.two_texts("年度总体\n目标", ("预期目标", "实际完成情况"), (project.goal, project.achieved))
    form.indicator_block("绩效指标", pr.indicators, ("年度指标值", "实际完成值"))
    form.total_row(pr.score, pr.grade, pr.provisional)
    closing_rows(
        form,
        {
            "conclusion": project.conclusion,
            "problems": project.problems,
            "measures": project.measures,
        },
    )
    signed = project.signature if signature is None else project.signature.over(signature)
    signature_block(form, signed, project=True)
    legend(form)
    anchors = form.finish()
    anchors.by_code.setdefault("project", f"B{name_row + 1}")
    if project.stated_total_score_at is not None and anchors.score_cell:
        anchors.cells[project.stated_total_score_at] = anchors.score_cell
    return anchors
