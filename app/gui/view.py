"""What the window shows, prepared from an Evaluation without Qt: summary, project rows,
finding rows. The window only puts these into widgets; nothing is computed there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.evaluate.funds import blocks_rate, gap_words, gaps_reason
from app.evaluate.results import DepartmentResult, Evaluation, ProjectResult
from app.evaluate.tally import tally
from app.model import Finding
from app.text import fmt_money, fmt_pct, fmt_score

SEVERITY_TEXT = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
WORKBOOK = "部门及工作簿"
"""How findings that belong to no project are labelled."""

RowStatus = Literal["error", "provisional", "ok"]


def summary(ev: Evaluation) -> list[tuple[str, str]]:
    """Return the summary line as (label, value) pairs: 部门, 年度, 项目数, 预算合计, 执行合计
    (each saying what it leaves out), 总执行率, 平均得分 (over the projects that have a score),
    部门整体得分."""
    dep = ev.department
    total = dep.projects_total
    scores = [p.score for p in ev.projects if p.score is not None]
    average = sum(scores) / len(scores) if scores else None

    def money(value: float | None, field: str) -> str:
        # A total that leaves an amount out says so.
        left = gap_words(total.gaps, (field,))
        return fmt_money(value) + (f"（不含{left}）" if left else "")

    return [
        ("部门", dep.department.name or "（未填写）"),
        ("年度", str(dep.department.year) if dep.department.year else "（未填写）"),
        ("项目数", str(len(ev.projects))),
        ("预算合计", money(total.budget, "budget")),
        ("执行合计", money(total.spent, "spent")),
        ("总执行率", fmt_pct(total.rate)),
        ("平均得分", fmt_score(average)),
        ("部门整体得分", department_score(dep)),
    ]


def department_score(dep: DepartmentResult) -> str:
    """Return the 部门整体 score with its grade: "90.00（优，待确认）", or "—"."""
    if dep.score is None:
        return "—"
    mark = "，待确认" if dep.provisional else ""
    return f"{fmt_score(dep.score)}（{dep.grade}{mark}）"


def counts(findings: tuple[Finding, ...] | list[Finding]) -> dict[str, int]:
    """Return how many findings there are of each severity (`app.evaluate.tally`)."""
    n = tally(findings)
    return {"error": n.error, "warning": n.warning, "info": n.info}


def problems_text(ev: Evaluation) -> str:
    """Return the workbook's 问题数 with its parts: "6（错误 0 · 警告 6；另有提示 1）"."""
    n = tally(ev.findings)
    return f"{n.problems}（错误 {n.error} · 警告 {n.warning}；另有提示 {n.info}）"


@dataclass(frozen=True)
class ProjectRow:
    """One row of the project table: display texts, sort keys and the row's status colour."""

    name: str
    rate: float | None
    score: float | None
    grade: str
    issues: int
    status: RowStatus
    tooltip: str

    @property
    def texts(self) -> tuple[str, str, str, str, str]:
        """Return the cells as shown: 项目, 执行率, 得分, 等级, 问题数."""
        return (self.name, fmt_pct(self.rate), fmt_score(self.score), self.grade, str(self.issues))

    @property
    def keys(self) -> tuple[object, ...]:
        """Return sort keys of the cells; a missing number sorts below every number."""
        missing = float("-inf")
        return (
            self.name,
            missing if self.rate is None else self.rate,
            missing if self.score is None else self.score,
            self.grade,
            self.issues,
        )


def project_row(p: ProjectResult) -> ProjectRow:
    """Return the table row of one evaluated project."""
    n = tally(p.findings)
    status: RowStatus = "error" if n.error else "provisional" if p.provisional else "ok"
    grade = p.grade or "—"
    if p.provisional and p.grade:
        grade += "（待确认）"
    tips = [f"错误 {n.error}，警告 {n.warning}，提示 {n.info}（问题数不含提示）"]
    if blocks_rate(p.funds.total.gaps):
        tips.append(f"执行率无法计算：{gaps_reason(p.funds.total.gaps)}")
    if p.provisional:
        tips.append("有指标需人工判断，得分和等级可能变化")
    return ProjectRow(
        name=p.project.name,
        rate=p.funds.total.rate,
        score=p.score,
        grade=grade,
        issues=n.problems,
        status=status,
        tooltip="\n".join(tips),
    )


def project_rows(ev: Evaluation) -> list[ProjectRow]:
    """Return the project table rows in input order."""
    return [project_row(p) for p in ev.projects]


@dataclass(frozen=True)
class FindingRow:
    """One row of the findings panel. `owner` is the name of the project the finding is
    counted under, None for the department and workbook (a finding may name a project that
    does not exist, `unknown_project`: it is the workbook's)."""

    severity: str
    project: str | None
    where: str
    message: str
    code: str
    owner: str | None = None

    @property
    def texts(self) -> tuple[str, str, str, str]:
        """Return the cells as shown: 严重程度, 项目, 位置, 说明."""
        return (
            SEVERITY_TEXT.get(self.severity, self.severity),
            self.project or WORKBOOK,
            self.where or "—",
            self.message,
        )

    @property
    def keys(self) -> tuple[object, ...]:
        """Return sort keys: severity by weight, the rest by text."""
        return (SEVERITY_ORDER.get(self.severity, 9), self.project or "", self.where, self.message)


def finding_rows(ev: Evaluation) -> list[FindingRow]:
    """Return every finding of the evaluation in input order, each under its owner."""
    owners = {id(f): p.project.name for p in ev.projects for f in p.findings}
    return [
        FindingRow(
            f.severity,
            f.project,
            "" if f.where is None else str(f.where),
            f.message,
            f.code,
            owners.get(id(f)),
        )
        for f in ev.findings
    ]
