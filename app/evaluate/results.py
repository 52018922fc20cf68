"""What the evaluation produces: judged indicators, execution rates, scores and grades.

The writers and the JSON report read only these (and the model they point to); nothing here
is computed again downstream.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from app.model import Dataset, Department, Finding, Indicator, Project, Status, Where
from app.rules import Rules

TOTAL_SOURCE = "年度资金总额"


class Gap(NamedTuple):
    """An amount a total leaves out: a cell whose text is no number (`text` as given), or a
    required amount left empty (`text` ""). `field` is initial, budget or spent; `project`
    names the project when the total is the department's."""

    source: str
    field: str
    text: str
    where: Where | None
    project: str = ""


FIELD_NAMES = {"initial": "年初预算数", "budget": "全年预算数", "spent": "全年执行数"}


@dataclass(frozen=True, slots=True)
class RateResult:
    """One row of a funds block (a source, or the total): amounts in 万元 and 执行率.

    The amounts add up what could be read; `gaps` are the amounts left out (unreadable or
    empty). `rate` is spent / budget, None when the budget is 0 or missing, or when a budget
    or spent amount is left out (shown "—"): a rate of part of the money is no rate.
    """

    source: str
    initial: float | None
    budget: float | None
    spent: float | None
    rate: float | None
    gaps: tuple[Gap, ...] = ()


@dataclass(frozen=True, slots=True)
class FundsResult:
    """The funds block judged: the total (sum of the sources), each source, and the 执行率 score.

    `score` is None when 执行率 is undefined (a person must score it). `note` gives the
    formula with its numbers, or the reason it needs a person.
    """

    total: RateResult
    sources: tuple[RateResult, ...]
    weight: float
    score: float | None
    note: str


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator judged and scored.

    `weight` is the 分值 in force (given, default or redistributed; 0 for not_applicable);
    `score` is None for manual and not_applicable. `note` is the formula with its numbers, or
    the reason a person must judge it. `band` is 达成 / 部分达成 / 未达成 for qualitative ones.
    """

    indicator: Indicator
    status: Status
    weight: float
    score: float | None
    needs_explanation: bool
    note: str
    band: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectResult:
    """A project's form evaluated: funds, indicators, total (rounded), grade and its findings.

    `provisional` is True when some item (a manual indicator, an undefined 执行率) still needs
    a person, so the total and grade may change.
    """

    project: Project
    funds: FundsResult
    indicators: tuple[IndicatorResult, ...]
    score: float | None
    grade: str | None
    provisional: bool
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class DepartmentResult:
    """The department form evaluated. `funds` is None when the input has no 预算资金 block;
    `projects_total` sums the projects' funds (shown on the 部门整体 sheet either way).

    `projects_rate` is the 执行率 of all projects together, scored as the department's when it
    has no 预算资金 of its own (None when it has, or when the form is not scored: no
    indicators). `attention` names the projects overspent or below the rules' 执行率, with why.
    """

    department: Department
    funds: FundsResult | None
    projects_total: RateResult
    indicators: tuple[IndicatorResult, ...]
    score: float | None
    grade: str | None
    provisional: bool
    findings: tuple[Finding, ...]
    projects_rate: FundsResult | None = None
    attention: tuple[tuple[str, str], ...] = ()

    @property
    def rate_item(self) -> FundsResult | None:
        """The 执行率 the department's score uses: its own 预算资金, else all projects."""
        return self.funds if self.funds is not None else self.projects_rate


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The whole workbook evaluated. `findings` holds every finding (reader's and evaluation's)
    in input order: workbook-level first, then the department, then each project; each
    project's `findings` hold all of its own, the reader's among them (`app.evaluate.tally`)."""

    dataset: Dataset
    department: DepartmentResult
    projects: tuple[ProjectResult, ...]
    findings: tuple[Finding, ...]
    rules: Rules

    def workbook_findings(self) -> tuple[Finding, ...]:
        """Return the findings that belong to no project (the department's and the
        workbook's), in order: every other finding is in exactly one project's `findings`."""
        mine = {id(f) for p in self.projects for f in p.findings}
        return tuple(f for f in self.findings if id(f) not in mine)
