"""What the 部门汇总 page shows, prepared from a batch's items without Qt: one row per
department (the figures of `app.rollup.department_rows`, as the --summary workbook has them),
one row per file that failed, and the summary line over all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.rollup import BatchItem, DepartmentRow, department_rows
from app.text import fmt_money, fmt_pct, fmt_score, fmt_thousands

FIXED_HEADS = (
    "部门",
    "年度",
    "项目数",
    "预算合计",
    "执行合计",
    "执行率",
    "平均得分",
)
TAIL_HEADS = ("错误", "警告", "排名", "文件")
NO_NAME = "（未填写部门名称）"
"""How a department without a name is shown (as in the summary workbook)."""


def department_heads(grades: Sequence[str]) -> tuple[str, ...]:
    """Return the column titles of the department table, one column per grade (优, 良, …)."""
    return (*FIXED_HEADS, *grades, *TAIL_HEADS)


@dataclass(frozen=True)
class DepartmentLine:
    """One row of the department table: the batch's figures, display texts and sort keys."""

    figures: DepartmentRow
    grades: tuple[str, ...]

    @property
    def input(self) -> Path:
        """The workbook the department came from."""
        return self.figures.item.input

    @property
    def errors(self) -> int:
        """How many error findings the department's report has."""
        return self.figures.severities["error"]

    @property
    def texts(self) -> tuple[str, ...]:
        """Return the cells as shown, in `department_heads` order."""
        r = self.figures
        return (
            r.name or NO_NAME,
            "—" if r.year is None else str(r.year),
            str(r.projects),
            fmt_thousands(r.budget) + _not_in(r, "budget"),
            fmt_thousands(r.spent) + _not_in(r, "spent"),
            fmt_pct(r.rate),
            fmt_score(r.average),
            *(str(r.grades[g]) for g in self.grades),
            str(r.severities["error"]),
            str(r.severities["warning"]),
            "—" if r.rank is None else str(r.rank),
            r.item.input.name,
        )

    @property
    def keys(self) -> tuple[object, ...]:
        """Return sort keys: numbers as numbers; a missing value sorts below every number, and
        an unranked department after every ranked one."""
        r = self.figures
        missing = float("-inf")
        return (
            r.name or NO_NAME,
            missing if r.year is None else r.year,
            r.projects,
            r.budget,
            r.spent,
            missing if r.rate is None else r.rate,
            missing if r.average is None else r.average,
            *(r.grades[g] for g in self.grades),
            r.severities["error"],
            r.severities["warning"],
            float("inf") if r.rank is None else r.rank,
            r.item.input.name,
        )

    @property
    def tooltip(self) -> str:
        """Return the row's tooltip: the files behind it, and why the score may change."""
        r = self.figures
        tips = [f"来源文件：{r.item.input}"]
        if r.item.output is not None:
            tips.append(f"结果文件：{r.item.output}")
        for name, label in (("budget", "预算合计"), ("spent", "执行合计")):
            if name in r.left_out:
                tips.append(f"{label}不含{r.left_out[name]}，执行率无法计算")
        if r.provisional:
            tips.append(f"{r.provisional} 个项目有指标需人工判断，平均得分可能变化")
        tips.append("双击查看该部门的项目和问题")
        return "\n".join(tips)


def _not_in(r: DepartmentRow, name: str) -> str:
    """ "（不含部分金额）" after a sum that leaves something out (the tooltip says what), else
    ""."""
    return "（不含部分金额）" if name in r.left_out else ""


def _departments_short(n: int) -> str:
    return f"（{n}个部门不含部分金额）" if n else ""


def department_lines(items: Sequence[BatchItem], grades: Sequence[str]) -> list[DepartmentLine]:
    """Return the department table's rows, ranked (best average first)."""
    return [DepartmentLine(row, tuple(grades)) for row in department_rows(items, grades)]


@dataclass(frozen=True)
class FailedLine:
    """One file that could not be used, or that is not counted (`skipped`: a copy, the same
    department again, a workbook selfeval made), and why."""

    input: Path
    message: str
    skipped: bool = False

    @property
    def texts(self) -> tuple[str, str]:
        """Return the cells as shown: 文件, 原因."""
        return (self.input.name, self.message)

    @property
    def keys(self) -> tuple[str, str]:
        """Return the sort keys (the texts)."""
        return self.texts


def failed_lines(items: Sequence[BatchItem]) -> list[FailedLine]:
    """Return the files that failed, then those not counted, each in input order."""
    failed = [FailedLine(i.input, i.error or "") for i in items if not i.ok]
    passed = [FailedLine(i.input, i.skipped or "", True) for i in items if i.ok and i.skipped]
    return failed + passed


def summary(lines: Sequence[DepartmentLine], items: Sequence[BatchItem]) -> list[tuple[str, str]]:
    """Return the summary line over all departments as (label, value) pairs: 文件, 失败, 未计入
    (when some are), 项目数, 预算合计, 执行合计, 总执行率, and 平均得分 over every scored
    project (the 合计 row of the summary workbook)."""
    figures = [line.figures for line in lines]
    budget = sum(r.budget for r in figures)
    spent = sum(r.spent for r in figures)
    short = {name: sum(name in r.left_out for r in figures) for name in ("budget", "spent")}
    scores = [
        p["score"]
        for r in figures
        for p in (r.item.report or {}).get("projects", [])
        if p["score"] is not None
    ]
    passed = sum(i.ok and i.skipped is not None for i in items)
    return [
        ("文件", str(len(items))),
        ("失败", str(sum(not i.ok for i in items))),
        *([("未计入", str(passed))] if passed else []),
        ("项目数", str(sum(r.projects for r in figures))),
        ("预算合计", fmt_money(budget) + _departments_short(short["budget"])),
        ("执行合计", fmt_money(spent) + _departments_short(short["spent"])),
        ("总执行率", fmt_pct(spent / budget if budget > 0 and not any(short.values()) else None)),
        ("平均得分", fmt_score(sum(scores) / len(scores) if scores else None)),
    ]


def progress_text(write: bool, done: int, total: int, name: str) -> str:
    """Return the status text of a batch after `done` of `total` files ("正在检查 3/20：某局.xlsx",
    naming the file that just finished)."""
    verb = "正在生成" if write else "正在检查"
    return f"{verb} {done}/{total}：{name}" if name else f"{verb} {done}/{total}…"
