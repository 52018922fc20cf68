"""What the tables of the year's start say of a project: the 绩效目标申报表 (targets, funds),
the 绩效目标执行监控表 (the same targets, with the progress by mid-year), and last year's
self-evaluation (indicators and targets to start from).

Amounts are in 万元, as everywhere. Every value keeps the cell it came from (`Where`) and the
file name, so that a comparison can name "文件名!工作表!单元格" on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.model import Breakdown, Funding, Task, Where

Kind = Literal["declaration", "monitoring", "selfeval"]
"""Which table a project was read from: 申报表, 执行监控表, or a self-evaluation (our data
template, our generated workbook, or official 自评表 forms)."""

KIND_NAMES: dict[str, str] = {
    "declaration": "绩效目标申报表",
    "monitoring": "绩效目标执行监控表",
    "selfeval": "绩效自评表",
}


@dataclass(frozen=True, slots=True)
class DeclaredIndicator:
    """One indicator as declared: 一级/二级/三级, the 年度指标值 as written (a 指标性质 |
    指标值 | 度量单位 split already combined), and the cell of the target.

    `core` marks a ★ core indicator (核心指标); `weight` is a 分值 the table gives (a
    self-evaluation's, seldom a 申报表's). `progress` and `forecast` are a 执行监控表's
    1-7月执行情况 and 全年预计完成情况: hints, never an actual."""

    level1: str
    level2: str
    name: str
    target: str
    where: Where | None = None
    core: bool = False
    weight: float | None = None
    progress: str = ""
    forecast: str = ""
    breakdown: tuple[Breakdown, ...] = ()


@dataclass(frozen=True, slots=True)
class Monitored:
    """A 执行监控表's funds by mid-year: the period it covers ("1-7月"), what was spent by
    then and its 执行率, and the 全年预计执行数 (万元; None where the table leaves it empty)."""

    period: str = ""
    spent: float | None = None
    rate: float | None = None
    forecast: float | None = None
    where: Where | None = None


@dataclass(frozen=True, slots=True)
class DeclaredProject:
    """One project (or the department, `department` True) as one table declares it.

    `file` is the workbook's file name; `where` the cell of its name. `sources` are the
    funding sources with their 年初预算数 (`initial`) and, from a 执行监控表, its 全年预算数
    (`budget`); a self-evaluation gives only which sources there were. `goal` is the 年度目标.
    """

    kind: Kind
    file: str
    name: str
    where: Where | None = None
    department: bool = False
    supervisor: str = ""
    """主管部门."""
    unit: str = ""
    """实施单位."""
    year: int | None = None
    goal: str = ""
    sources: tuple[Funding, ...] = ()
    total: float | None = None
    """The 年度资金总额 as written (万元), None when the table gives none."""
    indicators: tuple[DeclaredIndicator, ...] = ()
    monitored: Monitored | None = None
    tasks: tuple[Task, ...] = ()
    """The department's 年度主要任务 (from a self-evaluation)."""


@dataclass(frozen=True, slots=True)
class Note:
    """Something said about a file while reading it: what was read, or why not."""

    file: str
    sheet: str
    what: str


@dataclass(frozen=True, slots=True)
class Declared:
    """Everything read from the files given: the projects in file order, and what was said
    of each file (what it held, what was passed over and why)."""

    projects: tuple[DeclaredProject, ...] = ()
    notes: tuple[Note, ...] = ()
    failed: tuple[tuple[str, str], ...] = field(default=())
    """(file name, message) of each file that could not be read at all."""
