"""The data model shared by every stage: readers build it, evaluate judges it, writers print it.

Amounts are always in 万元 here; `Project.amount_scale` remembers the input's own unit so the
writer can print the form in it again (1 for 万元, 10000 for 元). Every value read from the
input carries the `Where` of its cell so findings can point back to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
Status = Literal["met", "exceeded", "unmet", "manual", "not_applicable"]

SOURCES = ("当年财政拨款", "上年结转资金", "其他资金")
"""The three funding sources of the national form, in form order (资金来源)."""


class Where(NamedTuple):
    """A cell (or range) of the input workbook: sheet name and A1 reference.

    A named tuple, not a frozen dataclass: a workbook of 2,000 forms builds some 150,000 of
    them, and a tuple is built four times faster while staying immutable and hashable."""

    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


def col_letter(col: int) -> str:
    """Return the Excel column letters of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """Return the A1 reference of a 0-based (row, col)."""
    return f"{col_letter(col)}{row + 1}"


def ref_row_col(ref: str) -> tuple[int, int]:
    """Return the 0-based (row, col) of an A1 reference ("F19" → (18, 5)); the first cell of a
    range ("D7:D9" → (6, 3))."""
    ref = ref.split(":", 1)[0].replace("$", "")
    i = 0
    col = 0
    while i < len(ref) and ref[i].isalpha():
        col = col * 26 + ord(ref[i].upper()) - 64
        i += 1
    if i == 0 or i == len(ref) or not ref[i:].isdigit():
        raise ValueError(f"not an A1 reference: {ref!r}")
    return int(ref[i:]) - 1, col - 1


def at(sheet: str, row: int, col: int) -> Where:
    """Return the `Where` of a 0-based (row, col) on `sheet`."""
    return Where(sheet, cell_ref(row, col))


@dataclass(frozen=True, slots=True)
class Funding:
    """One funding row of a project (资金来源): 年初预算数, 全年预算数, 全年执行数 in 万元.

    `None` means the cell was empty, or held text that is no number: then `initial_text`,
    `budget_text` or `spent_text` keeps that text as given ("约120"), so that it is printed
    and said, never taken for a number. `stated_rate` is a hand-filled 执行率 (fraction),
    read from official forms only.
    """

    source: str
    initial: float | None = None
    budget: float | None = None
    spent: float | None = None
    initial_at: Where | None = None
    budget_at: Where | None = None
    spent_at: Where | None = None
    stated_rate: float | None = None
    stated_rate_at: Where | None = None
    initial_text: str | None = None
    budget_text: str | None = None
    spent_text: str | None = None
    stated_score: float | None = None
    """A hand-filled 得分 on this row of the funds block (a form that scores each source, as
    Anhui's 衔接资金 form does); `stated_score_at` is that cell, also when it is empty."""
    stated_score_at: Where | None = None


class Inline(NamedTuple):
    """A figure that belongs inside a label's own cell: the label's text kept before it and
    after it ("总分：" 98.91 "分", "等级：" 优)."""

    before: str
    after: str = ""


@dataclass(frozen=True, slots=True)
class Funds:
    """A project's money (项目资金): the sources as given, and a stated total when the form has one.

    `stated_total` is the 年度资金总额 row as written in a form (never in the template); the
    evaluation always uses the sum of the sources and reports `sum_mismatch` when they differ.
    `weight` is the 分值 of 预算执行率 when the input gives one; `stated_score` a hand-filled 得分.
    """

    sources: tuple[Funding, ...] = ()
    stated_total: Funding | None = None
    weight: float | None = None
    weight_at: Where | None = None
    stated_score: float | None = None
    stated_score_at: Where | None = None
    explanation: str = ""
    """Why 执行率 is low or the budget was adjusted (the block's 原因 cell, the template's
    偏差说明)."""
    explanation_at: Where | None = None


class Breakdown(NamedTuple):
    """A "其中…" row under an indicator (其中桃树种植面积 1.5亩): shown with it, never scored."""

    name: str
    target: str
    actual: str
    where: Where | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One performance indicator (三级指标) with its target (年度指标值) and actual (实际完成值).

    `target` and `actual` are the text as written (numbers rendered without a trailing .0;
    a 指标性质 | 指标值 | 度量单位 split already combined into one target). `weight` is the 分值
    when given; `stated_score` a hand-filled 得分; `explanation` the 偏差原因分析及改进措施.
    `where` is the cell of the actual value.
    """

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: float | None = None
    explanation: str = ""
    stated_score: float | None = None
    where: Where | None = None
    target_at: Where | None = None
    weight_at: Where | None = None
    explanation_at: Where | None = None
    stated_score_at: Where | None = None
    actual_is_percent: bool = False
    """True when the actual was a number cell known to be formatted as a percentage."""
    target_is_percent: bool = False
    level1_weight: float | None = None
    """The weight printed in the 一级 label ("产出指标(50分)"): the 一级's given weight."""
    level1_weight_at: Where | None = None
    breakdown: tuple[Breakdown, ...] = ()
    """The "其中…" rows under it."""


SIGNATURE_FIELDS: tuple[tuple[str, str], ...] = (
    ("unit", "填报单位（盖章）"),
    ("head", "单位负责人"),
    ("finance", "财务负责人"),
    ("preparer", "填报人"),
    ("phone", "联系电话"),
    ("date", "填报日期"),
    ("project_head", "项目负责人"),
)
"""Each field of `Signature` and the label it is printed and read under."""


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signs a form, as offices sign it under the form (签章栏): 填报单位（盖章）,
    单位负责人, 财务负责人, 填报人, 联系电话, 填报日期, and the 项目负责人 some project forms
    name. Empty fields print as blank lines for a person to fill."""

    unit: str = ""
    head: str = ""
    finance: str = ""
    preparer: str = ""
    phone: str = ""
    date: str = ""
    project_head: str = ""

    def over(self, other: Signature) -> Signature:
        """Return these fields, each empty one taken from `other` (a project's own signature
        over its department's)."""
        return Signature(
            *(getattr(self, name) or getattr(other, name) for name, _ in SIGNATURE_FIELDS)
        )


@dataclass(frozen=True, slots=True)
class Project:
    """One project (项目) and everything its 项目支出绩效自评表 holds."""

    name: str
    department: str = ""
    """主管部门."""
    unit: str = ""
    """实施单位."""
    funds: Funds = field(default_factory=Funds)
    goal: str = ""
    """预期目标 (年度总体目标)."""
    achieved: str = ""
    """实际完成情况 of the goal."""
    indicators: tuple[Indicator, ...] = ()
    amount_scale: float = 1.0
    """1 when the input kept amounts in 万元, 10000 when in 元."""
    where: Where | None = None
    """Where the project is named in the input."""
    stated_total_score: float | None = None
    stated_total_score_at: Where | None = None
    stated_total_score_inline: Inline | None = None
    """Set when the total belongs inside its label's cell ("总分：    分")."""
    stated_grade: str | None = None
    """The 等级 as written (优, 良 …); `grade_at` is the cell where it belongs (beside a 等级
    label, or a grade word beside the total), also when it is empty."""
    grade_at: Where | None = None
    grade_inline: Inline | None = None
    """Set when the grade belongs inside its label's cell ("等级：")."""
    conclusion: str = ""
    """评价结论 (the closing rows of forms that have them, Sichuan's)."""
    problems: str = ""
    """存在问题."""
    measures: str = ""
    """改进措施."""
    signature: Signature = Signature()
    """Who signs this form, where the input says so for the project itself (a form's own
    项目负责人, 财务负责人 …); the department's fills what it leaves empty."""


@dataclass(frozen=True, slots=True)
class Task:
    """A row of the department's 年度主要任务 table."""

    number: str
    name: str
    content: str = ""
    achieved: str = ""


@dataclass(frozen=True, slots=True)
class Department:
    """The department (部门) and its 部门整体支出绩效自评表."""

    name: str = ""
    year: int | None = None
    goal: str = ""
    """年度目标."""
    achieved: str = ""
    """绩效目标实际完成情况."""
    supervisor: str = ""
    """主管部门 (default for projects that leave it empty)."""
    tasks: tuple[Task, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    funds: Funds | None = None
    amount_scale: float = 1.0
    where: Where | None = None
    stated_total_score: float | None = None
    """A hand-filled 自评总分 of the department form."""
    stated_total_score_at: Where | None = None
    stated_total_score_inline: Inline | None = None
    """The total, and the grade as written and where it belongs: as on `Project`."""
    stated_grade: str | None = None
    grade_at: Where | None = None
    grade_inline: Inline | None = None
    conclusion: str = ""
    """评价结论 of the department form."""
    problems: str = ""
    """存在问题."""
    measures: str = ""
    """改进措施."""
    signature: Signature = Signature()
    """Who signs the forms: the department form's, and every project form's default."""


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a person should look at: severity, code (report-json.md), project, cell, message."""

    severity: Severity
    code: str
    message: str
    project: str | None = None
    where: Where | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything one input workbook holds, as read: the department, its projects, and the
    findings the reader made (bad numbers, unknown projects, missing values)."""

    path: str
    kind: Literal["template", "forms"]
    department: Department
    projects: tuple[Project, ...]
    findings: tuple[Finding, ...] = ()
