"""Merge what several files declare into one department's projects for the data template.

A project met in several tables (a budget-system export holds its 申报表, its 执行监控表 and
its 自评表) is one project, matched by name (`matching.project_key`). What each gives:
- indicators, targets and 年初预算数: the 申报表 first, else the 执行监控表, else a
  self-evaluation (indicators and targets only: its amounts are another year's);
- 分值: the self-evaluation's, for an indicator the others give none;
- hints: the 执行监控表's 1-7月执行情况 and 全年预计完成情况 beside each indicator, its 全年预算数,
  1-7月执行数 and 全年预计执行数 beside the funds; ★ core indicators marked;
- 主管部门, 实施单位, 年度目标: the first table that gives them, in the same order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.evaluate.matching import pair_indicators, project_key, same_target
from app.model import Task
from app.readers.declared.model import KIND_NAMES, DeclaredIndicator, DeclaredProject
from app.text import fmt_num, fmt_pct

RANK = {"declaration": 0, "monitoring": 1, "selfeval": 2}


@dataclass(frozen=True, slots=True)
class Row:
    """One indicator of the template: 一级, 二级, 三级, 年度指标值, 分值, and the hint."""

    level1: str
    level2: str
    name: str
    target: str
    weight: float | None = None
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """One funding row: 资金来源 ("" when no table says), 年初预算数, and the hint."""

    source: str
    initial: float | None = None
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Project:
    """A project as the template gets it, and the tables it came from (the chosen first)."""

    name: str
    supervisor: str
    unit: str
    goal: str
    sources: tuple[Source, ...]
    indicators: tuple[Row, ...]
    tables: tuple[DeclaredProject, ...]


@dataclass(slots=True)
class Merged:
    """The department: name, year, 主管部门, goal, tasks and indicators, and its projects;
    `notes` says what was chosen where the tables left a choice."""

    name: str = ""
    year: int | None = None
    supervisor: str = ""
    goal: str = ""
    tasks: tuple[Task, ...] = ()
    indicators: tuple[Row, ...] = ()
    projects: list[Project] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def merge(tables: Sequence[DeclaredProject]) -> Merged:
    """Return the department and projects the tables declare, in the order first met."""
    groups: dict[tuple[bool, str], list[DeclaredProject]] = {}
    for t in tables:
        groups.setdefault((t.department, project_key(t.name)), []).append(t)
    out = Merged()
    for (department, _), group in groups.items():
        group.sort(key=lambda t: RANK[t.kind])  # stable: files keep their order
        if department:
            _department(out, group)
        else:
            out.projects.append(_project(group, out.notes))
    _department_defaults(out, tables)
    return out


def _first(group: Sequence[DeclaredProject], attr: str) -> str:
    return next((v for t in group if (v := getattr(t, attr))), "")


def _project(group: list[DeclaredProject], notes: list[str]) -> Project:
    primary = group[0]
    same = [t for t in group[1:] if t.kind == primary.kind]
    if same:
        files = "、".join(dict.fromkeys(t.file for t in (primary, *same)))
        notes.append(
            f"项目“{primary.name}”在多张{KIND_NAMES[primary.kind]}中（{files}），"
            f"采用“{primary.file}”中的"
        )
    monitoring = next((t for t in group if t.kind == "monitoring"), None)
    selfeval = next((t for t in group if t.kind == "selfeval"), None)
    rows = _rows(primary, monitoring, selfeval, notes)
    return Project(
        name=primary.name,
        supervisor=_first(group, "supervisor"),
        unit=_first(group, "unit"),
        goal=_first(group, "goal"),
        sources=_sources(group, monitoring),
        indicators=rows,
        tables=tuple(group),
    )


def _rows(
    primary: DeclaredProject,
    monitoring: DeclaredProject | None,
    selfeval: DeclaredProject | None,
    notes: list[str],
) -> tuple[Row, ...]:
    """The primary table's indicators, with hints from the monitoring table and 分值 from a
    self-evaluation."""
    hints: dict[int, DeclaredIndicator] = {}
    weights: dict[int, float] = {}
    index = {id(ind): i for i, ind in enumerate(primary.indicators)}
    if monitoring is not None and monitoring is not primary:
        for mine, theirs in pair_indicators(primary.indicators, monitoring.indicators):
            if mine is not None and theirs is not None:
                hints[index[id(mine)]] = theirs
            elif theirs is not None:
                notes.append(
                    f"项目“{primary.name}”执行监控表中的指标“{theirs.name}”不在"
                    f"{KIND_NAMES[primary.kind]}中，未预填"
                )
    if selfeval is not None and selfeval is not primary:
        for mine, theirs in pair_indicators(primary.indicators, selfeval.indicators):
            if mine is not None and theirs is not None and theirs.weight is not None:
                weights[index[id(mine)]] = theirs.weight
    rows = []
    for i, ind in enumerate(primary.indicators):
        seen = hints.get(i, ind if primary.kind == "monitoring" else None)
        rows.append(
            Row(
                ind.level1,
                ind.level2,
                ind.name,
                ind.target,
                ind.weight if ind.weight is not None else weights.get(i),
                _hint(ind, seen, primary.year),
            )
        )
    return tuple(rows)


def _hint(ind: DeclaredIndicator, seen: DeclaredIndicator | None, year: int | None) -> str:
    """The hint beside an indicator: ★, what the monitoring table says of it, its breakdown."""
    parts = ["★核心指标"] if ind.core else []
    parts += [f"{b.name} {b.target}" for b in ind.breakdown if b.target]
    if seen is not None:
        if seen.progress:
            parts.append(f"监控表1-7月执行情况：{seen.progress}")
        if seen.forecast:
            parts.append(f"全年预计完成情况：{seen.forecast}")
        if seen is not ind and seen.target and not same_target(seen.target, ind.target, year):
            parts.append(f"监控表中的年度指标值为“{seen.target}”，与申报表不同")
    return "；".join(parts)


def _sources(
    group: list[DeclaredProject], monitoring: DeclaredProject | None
) -> tuple[Source, ...]:
    """The funding rows: from the first table giving amounts (a self-evaluation gives only
    which sources there were), the monitoring table's figures as the hint of the first."""
    with_amounts = next((t for t in group if t.kind != "selfeval" and (t.sources or t.total)), None)
    hint = _funds_hint(monitoring) if monitoring is not None else ""
    if with_amounts is not None and with_amounts.sources:
        rows = [Source(s.source, s.initial) for s in with_amounts.sources]
    elif with_amounts is not None:
        rows = [Source("", with_amounts.total)]
        hint = "；".join(x for x in ("表中只有年度资金总额，请选择资金来源", hint) if x)
    else:
        names = next((t.sources for t in group if t.sources), ())
        rows = [Source(s.source) for s in names] or [Source("")]
        if names:
            hint = "；".join(x for x in ("资金来源取自上年自评表，金额请按本年填写", hint) if x)
    first = rows[0]
    rows[0] = Source(first.source, first.initial, hint)
    return tuple(rows)


def _funds_hint(t: DeclaredProject) -> str:
    """The monitoring table's funds by mid-year, in words."""
    parts = []
    budget = sum(s.budget for s in t.sources if s.budget is not None)
    if any(s.budget is not None for s in t.sources):
        parts.append(f"全年预算数{fmt_num(budget)}万元")
    m = t.monitored
    if m is not None:
        if m.spent is not None:
            rate = f"（执行率{fmt_pct(m.rate)}）" if m.rate is not None else ""
            parts.append(f"{m.period or '至今'}执行数{fmt_num(m.spent)}万元{rate}")
        if m.forecast is not None:
            parts.append(f"全年预计执行数{fmt_num(m.forecast)}万元")
    return ("执行监控表：" + "，".join(parts)) if parts else ""


def _department(out: Merged, group: list[DeclaredProject]) -> None:
    primary = group[0]
    out.name = out.name or primary.name
    out.goal = out.goal or _first(group, "goal")
    out.supervisor = out.supervisor or _first(group, "supervisor")
    out.tasks = out.tasks or next((t.tasks for t in group if t.tasks), ())
    if not out.indicators:
        out.indicators = _rows(primary, None, None, out.notes)


def _department_defaults(out: Merged, tables: Sequence[DeclaredProject]) -> None:
    """Name, 主管部门 and year where no department table gave them: the 主管部门 most projects
    share; the year most 申报表s and 执行监控表s name (a self-evaluation's is last year's)."""
    supervisors = Counter(p.supervisor for p in out.projects if p.supervisor)
    if supervisors:
        common, _ = supervisors.most_common(1)[0]
        out.supervisor = out.supervisor or common
        out.name = out.name or common
        if len(supervisors) > 1:
            shown = "、".join(supervisors)
            out.notes.append(f"项目的主管部门不止一个（{shown}），部门名称暂填“{out.name}”，请核对")
    years = Counter(t.year for t in tables if t.year and t.kind != "selfeval")
    if years:
        out.year = years.most_common(1)[0][0]
        if len(years) > 1:
            shown = "、".join(f"{y}年度" for y in years)
            out.notes.append(f"各表的年度不一致（{shown}），年度暂填{out.year}，请核对")
    else:
        last = sorted({t.year for t in tables if t.year})
        if last:
            out.notes.append(
                f"只有{last[-1]}年度的自评表，没有本年的申报表：年度请填写本次自评的年度，"
                "指标和年度指标值请按本年申报的核对"
            )
