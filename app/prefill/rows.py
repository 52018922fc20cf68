"""The rows of a pre-filled data template, and what its 预填说明 sheet says, from the merged
department (`merge.Merged`) and what was read (`Declared`)."""

from __future__ import annotations

from app.prefill.merge import Merged, Project, Row
from app.readers.declared.model import KIND_NAMES, Declared, DeclaredProject
from app.template_layout import (
    DEPARTMENT,
    DEPARTMENT_INDICATORS,
    FUNDS,
    GOALS,
    INDICATORS,
    TASKS,
)
from app.writers.prefill_sheet import Prefill
from app.writers.template import Cell

HINT = "预填提示（仅供参考）"
TO_FILL: dict[str, frozenset[str]] = {
    DEPARTMENT: frozenset({"内容"}),
    TASKS: frozenset({"实际完成情况"}),
    DEPARTMENT_INDICATORS: frozenset({"年度指标值", "实际完成值"}),
    FUNDS: frozenset({"资金来源", "年初预算数", "全年预算数", "全年执行数"}),
    GOALS: frozenset({"实际完成情况"}),
    INDICATORS: frozenset({"年度指标值", "实际完成值"}),
}
"""The columns whose empty cells a person fills: the year's actuals above all."""

Rows = dict[str, list[list[Cell]]]


def template_rows(merged: Merged) -> Rows:
    """Return the template's rows by sheet (`write_template`'s `data`), hints last."""
    return {
        DEPARTMENT: [
            ["部门名称", merged.name],
            ["年度", str(merged.year) if merged.year else None],
            ["年度目标", merged.goal],
            ["绩效目标实际完成情况", None],
            ["主管部门", merged.supervisor],
        ],
        TASKS: [[t.number, t.name, t.content, None] for t in merged.tasks],
        DEPARTMENT_INDICATORS: [_indicator(row)[:7] for row in merged.indicators],
        FUNDS: [
            [p.name, p.supervisor, p.unit, s.source, s.initial, None, None, s.hint]
            for p in merged.projects
            for s in p.sources
        ],
        GOALS: [[p.name, p.goal, None] for p in merged.projects],
        INDICATORS: [[p.name, *_indicator(row)] for p in merged.projects for row in p.indicators],
    }


def _indicator(row: Row) -> list[Cell]:
    """一级 | 二级 | 三级 | 年度指标值 | 实际完成值 (empty) | 分值 | 偏差原因 (empty) | hint."""
    return [row.level1, row.level2, row.name, row.target, None, row.weight, None, row.hint]


def prefill_notes(merged: Merged, read: Declared, files: int) -> Prefill:
    """Return the 预填说明 sheet's paragraphs and sources table, the hint columns and the
    columns to fill."""
    indicators = sum(len(p.indicators) for p in merged.projects)
    notes = [
        f"本模板由 selfeval 根据 {files} 个文件预填，共 {len(merged.projects)} 个项目、"
        f"{indicators} 个项目绩效指标。每一项来自哪个文件、哪张表，见下表。",
        "已预填：部门名称、年度、主管部门，各项目的主管部门、实施单位、资金来源和年初预算数"
        "（取自绩效目标申报表或执行监控表），年度目标，每个绩效指标的一级、二级、三级指标和年度指标值"
        "（取自申报表；没有申报表时取自执行监控表或上年自评表），以及上年自评表中的分值。",
        "待填写：黄色单元格，即实际完成值、全年预算数、全年执行数、实际完成情况等本年度的实际数据。"
        "未填写就读取时，selfeval 会逐项提示“未填写实际完成值”等问题。",
        f"“{HINT}”列摘自执行监控表（1-7月执行情况、全年预计完成情况、全年预计执行数）和申报表"
        "（★核心指标、其中分项），仅供填写时参考：selfeval 读取时忽略此列，不会把它当作实际完成值。",
        "年度指标值应与申报的一致，如有调整须有批准依据。填好后可以运行 "
        "selfeval check 本文件.xlsx --declared 申报表.xlsx，逐项对照指标和年度指标值。",
        *merged.notes,
    ]
    return Prefill(
        notes=tuple(notes),
        sources=tuple(_sources(merged, read)),
        hints={FUNDS: HINT, INDICATORS: HINT},
        to_fill=TO_FILL,
    )


def _sources(merged: Merged, read: Declared) -> list[tuple[str, ...]]:
    """The rows of the sources table: each table read, what of it was used; each file that
    could not be read or held nothing, why."""
    out: list[tuple[str, ...]] = []
    used = {id(t): (p, i) for p in merged.projects for i, t in enumerate(p.tables)}
    for t in read.projects:
        sheet = _sheet(t)
        if t.department:
            out.append(
                (t.file, sheet, KIND_NAMES[t.kind], t.name or "（部门）", "部门信息、部门指标")
            )
            continue
        project, rank = used.get(id(t), (None, -1))
        out.append((t.file, sheet, KIND_NAMES[t.kind], t.name, _use(t, project, rank)))
    for note in read.notes:
        out.append((note.file, note.sheet, "", "", note.what))
    for file, message in read.failed:
        out.append((file, "", "", "", f"无法读取：{message}"))
    return out


def _use(t: DeclaredProject, project: Project | None, rank: int) -> str:
    if project is None:
        return "未采用"
    if rank == 0:
        what = ["指标和年度指标值"]
        if t.kind != "selfeval" and (t.sources or t.total is not None):
            what.append("年初预算数")
        if t.kind == "monitoring":
            what.append("提示")
        return "、".join(what)
    primary = project.tables[0]
    if t.kind == "monitoring":
        return "提示（1-7月执行情况、全年预计完成情况、全年预计执行数）"
    if t.kind == "selfeval":
        return f"分值（指标取自{KIND_NAMES[primary.kind]}）"
    return f"未采用（已采用“{primary.file}”中的{KIND_NAMES[primary.kind]}）"


def _sheet(t: DeclaredProject) -> str:
    if t.where is not None:
        return t.where.sheet
    first = next((i.where for i in t.indicators if i.where is not None), None)
    return first.sheet if first is not None else ""
