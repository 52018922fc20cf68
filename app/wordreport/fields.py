"""The fields a 自评报告 template can use: plain records, every value already text for the page.

A template reads them as `{{ department.name }}`, `{{ p.funds.budget }}` … (docs/report-template.md
lists them in Chinese). These classes are the one list of what exists: the check of an
office's own template (`template.py`) knows a field exactly when one of them has it.
Amounts carry their unit ("427.07万元"), rates are percentages ("100.00%"), scores have the
rules' decimals ("100.00"); what cannot be computed reads "—".
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Source:
    """One funding source (资金来源) of a funds block."""

    name: str
    """资金来源: 当年财政拨款, 上年结转资金, 其他资金 …"""
    initial: str
    """年初预算数."""
    budget: str
    """全年预算数."""
    spent: str
    """全年执行数."""
    rate: str
    """执行率, "—" when the budget is 0 or missing."""


@dataclass(frozen=True, slots=True)
class Funds:
    """A funds block (项目资金 / 预算资金) as the form shows it, in the form's own unit."""

    unit: str
    """万元 or 元."""
    initial: str
    initial_given: bool
    """False when the input has no 年初预算数 (some forms have no such column)."""
    budget: str
    spent: str
    rate: str
    """预算执行率 ("100.00%"), "—" when it cannot be computed."""
    rate_defined: bool
    weight: str
    """分值 of 预算执行率 ("10"); "—" for the department's projects taken together."""
    score: str
    """得分 of 预算执行率; "—" while a person must score it."""
    scored: bool
    sources: list[Source]
    note: str
    """How the 执行率 score was computed, with its numbers (or why it needs a person)."""


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the indicator table (三级指标)."""

    level1: str
    """一级指标."""
    level2: str
    """二级指标."""
    name: str
    """三级指标."""
    target: str
    """年度指标值, as written in the input."""
    actual: str
    """实际完成值, as written in the input."""
    weight: str
    """分值."""
    score: str
    """得分; "—" for 需人工判断 and 不适用."""
    judgement: str
    """达成, 超额完成, 部分达成, 未达成, 需人工判断 or 不适用."""
    explanation: str
    """偏差原因分析及改进措施 as the input gave it ("" when empty)."""
    needs_reason: bool
    """True when a reason must be written (未达成, 超额完成, 部分达成)."""
    note: str
    """How the score was computed (or why a person must judge)."""


@dataclass(frozen=True, slots=True)
class Group:
    """The indicators of one 一级指标 (产出指标, 效益指标, 满意度指标 …), in input order."""

    number: int
    """1 for the first 一级指标 of the part, 2 for the next …"""
    name: str
    count: int
    weight: str
    """分值 of its indicators together."""
    score: str
    """得分 of its indicators together ("—" when none could be scored)."""
    indicators: list[Indicator]


@dataclass(frozen=True, slots=True)
class Counts:
    """How many indicators got each judgement."""

    total: int
    met: int
    """达成 (超额完成 not included)."""
    exceeded: int
    partial: int
    """部分达成."""
    unmet: int
    """未达成 (部分达成 not included)."""
    manual: int
    """需人工判断."""
    not_applicable: int
    summary: str
    """The non-zero counts in words: "达成5个、超额完成1个"."""


@dataclass(frozen=True, slots=True)
class Deviation:
    """Something a person must explain: an indicator not 达成 or exceeded, a low 执行率, an
    adjusted budget. The tool states the facts; the reason is left to the person."""

    subject: str
    """What deviates: 指标“师生满意度”, 预算执行率, 全年预算数."""
    kind: str
    """未达成, 超额完成, 部分达成, 执行率偏低 or 预算调整."""
    title: str
    """Subject and kind in words: 指标“师生满意度”未达成, 预算执行率偏低,
    全年预算数较年初预算数调整."""
    facts: str
    """The figures: "年度指标值≥95%，实际完成值85%"."""
    given: str
    """The explanation the input gave, "" when none."""
    prompt: str
    """What to write, for the placeholder: "指标“师生满意度”未达成的原因及改进措施"."""


@dataclass(frozen=True, slots=True)
class Part:
    """What the department part and each project part share: funds, goal, indicators, score."""

    goal: str
    """预期目标 / 年度目标."""
    achieved: str
    """实际完成情况."""
    funds: Funds
    indicators: list[Indicator]
    groups: list[Group]
    counts: Counts
    indicator_weight: str
    """分值 of all indicators together."""
    indicator_score: str
    """得分 of all indicators together."""
    total_weight: str
    """分值 of the whole form: 预算执行率 (when this form scores it) and the indicators."""
    score: str
    """自评得分 ("—" when nothing could be scored)."""
    scored: bool
    grade: str
    """等级 ("—" when there is no score)."""
    provisional: bool
    """True while some item needs a person: the score and grade may change."""
    deviations: list[Deviation]
    notices: list[str]
    """Errors found in the input figures (执行数大于预算数, 金额不是数字 …) to check."""


@dataclass(frozen=True, slots=True)
class Task:
    """A row of the department's 年度主要任务."""

    number: str
    name: str
    content: str
    achieved: str


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """A project in the department part's overview table."""

    number: int
    name: str
    budget: str
    spent: str
    rate: str
    score: str
    grade: str


@dataclass(frozen=True, slots=True)
class Department(Part):
    """The department part (部门整体支出绩效自评报告)."""

    name: str
    year: str
    """年度 ("2022"), "" when the input gives none."""
    supervisor: str
    """主管部门."""
    funds_own: bool
    """True when the input has the department's own 预算资金 block; else `funds` is all its
    projects together (no 分值, no 得分)."""
    projects_funds: Funds
    """All projects together (年初预算数, 全年预算数, 全年执行数, 执行率)."""
    project_count: int
    project_deviations: int
    """How many deviations the project parts have together."""
    projects: list[ProjectRow]
    tasks: list[Task]


@dataclass(frozen=True, slots=True)
class Project(Part):
    """A project part (项目支出绩效自评报告)."""

    number: int
    """1 for the first project, in input order."""
    name: str
    supervisor: str
    """主管部门."""
    unit: str
    """实施单位."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a template sees at the top level."""

    department: Department
    projects: list[Project]
    year: str
    grading: str
    """The grade bands of the rules in words: "90分（含）以上为优，80（含）—90分为良…"."""
    source: str
    """The input file's name."""


RECORDS: tuple[type, ...] = (
    Report,
    Department,
    Project,
    Funds,
    Source,
    Indicator,
    Group,
    Counts,
    Deviation,
    Task,
    ProjectRow,
)
"""Every record a template can reach."""

TOP_LEVEL = frozenset(f.name for f in fields(Report))
"""The names a template may use outside any loop."""

ALL_FIELDS = frozenset(f.name for record in RECORDS for f in fields(record))
"""Every field name of every record."""
