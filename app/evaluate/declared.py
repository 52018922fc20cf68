"""Compare a self-evaluation with what was declared (`check --declared`): every indicator
added, dropped, renamed or with a changed target is a `target_changed` warning naming both
cells as "文件名!工作表!单元格"; projects that have no counterpart are named in one
`declared_unmatched` note.

Matching and target comparison: `app.evaluate.matching`. A 申报表 is preferred to a
执行监控表 of the same project (the monitoring table repeats the declared targets).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from app.evaluate.matching import pair_indicators, project_key, same_name, same_target
from app.evaluate.results import Evaluation
from app.evaluate.tally import share_out
from app.model import Dataset, Finding, Indicator, Where
from app.readers.declared.model import KIND_NAMES, DeclaredIndicator, DeclaredProject

CODE = "target_changed"
UNMATCHED = "declared_unmatched"
_RANK = {"declaration": 0, "monitoring": 1, "selfeval": 2}


def _cell(file: str, where: Where | None) -> str:
    """Return "文件名!工作表!单元格" (or the file name alone when no cell is known)."""
    return file if where is None else f"{file}!{where.sheet}!{where.cell}"


def chosen(declared: Sequence[DeclaredProject]) -> dict[tuple[bool, str], DeclaredProject]:
    """Return the declaration of each project (and of the department) by (department, name
    key): a 申报表 before a 执行监控表, the first file before later ones."""
    out: dict[tuple[bool, str], DeclaredProject] = {}
    for p in sorted(declared, key=lambda p: _RANK[p.kind]):
        out.setdefault((p.department, project_key(p.name)), p)
    return out


def compare(dataset: Dataset, declared: Sequence[DeclaredProject]) -> list[Finding]:
    """Return the findings of comparing every project of `dataset` (and its department,
    when a department's declaration was given) with its declaration."""
    source = Path(dataset.path).name
    year = dataset.department.year
    by_key = chosen(declared)
    used: set[tuple[bool, str]] = set()
    out: list[Finding] = []
    missing: list[str] = []
    for p in dataset.projects:
        key = (False, project_key(p.name))
        d = by_key.get(key)
        if d is None:
            missing.append(p.name)
            continue
        used.add(key)
        out += _compare_one(p.name, p.where, p.indicators, d, source, year)
    dep = dataset.department
    dep_key = (True, project_key(dep.name))
    if dep.name and dep_key in by_key:
        used.add(dep_key)
        out += _compare_one(None, dep.where, dep.indicators, by_key[dep_key], source, year)
    extra = [d for k, d in by_key.items() if k not in used and not d.department]
    if missing or extra:
        out.append(_unmatched(missing, extra))
    return out


def _compare_one(
    project: str | None,
    where: Where | None,
    indicators: Sequence[Indicator],
    d: DeclaredProject,
    source: str,
    year: int | None,
) -> list[Finding]:
    """The differences between one form's indicators and its declaration's."""
    what = KIND_NAMES[d.kind]
    out: list[Finding] = []
    for mine, theirs in pair_indicators(indicators, d.indicators):
        if theirs is None:
            assert mine is not None
            out.append(_added(project, mine, d, what, source))
        elif mine is None:
            out.append(_dropped(project, where, theirs, what, source, d.file))
        else:
            finding = _changed(project, mine, theirs, what, source, d.file, year)
            if finding is not None:
                out.append(finding)
    return out


def _label(ind: Indicator | DeclaredIndicator) -> str:
    return f"指标“{ind.name}”" if ind.name else f"{ind.level2 or ind.level1 or ''}下未命名的指标"


def _added(
    project: str | None, mine: Indicator, d: DeclaredProject, what: str, source: str
) -> Finding:
    cell = mine.target_at or mine.where
    return Finding(
        severity="warning",
        code=CODE,
        message=f"{_label(mine)}（{_cell(source, cell)}）在{what}中没有（{_cell(d.file, d.where)}），"
        "是新增的指标；新增或调整指标须有批准依据",
        project=project,
        where=cell,
    )


def _dropped(
    project: str | None,
    where: Where | None,
    theirs: DeclaredIndicator,
    what: str,
    source: str,
    file: str,
) -> Finding:
    target = f"，年度指标值“{theirs.target}”" if theirs.target else ""
    return Finding(
        severity="warning",
        code=CODE,
        message=f"{what}中的{_label(theirs)}（{_cell(file, theirs.where)}{target}）在自评表中没有"
        f"（{_cell(source, where)}）；申报的指标应逐项自评",
        project=project,
        where=where,
    )


def _changed(
    project: str | None,
    mine: Indicator,
    theirs: DeclaredIndicator,
    what: str,
    source: str,
    file: str,
    year: int | None,
) -> Finding | None:
    renamed = not same_name(mine.name, theirs.name)
    retargeted = not same_target(mine.target, theirs.target, year)
    if not (renamed or retargeted):
        return None
    mine_at = _cell(source, mine.target_at or mine.where)
    theirs_at = _cell(file, theirs.where)
    parts = []
    if renamed:
        parts.append(f"指标名称由{what}的“{theirs.name}”改为“{mine.name}”")
    if retargeted:
        shown = f"“{mine.target}”" if mine.target else "空白"
        parts.append(f"年度指标值由{what}的“{theirs.target}”改为{shown}")
    level = mine.level2 or mine.level1
    subject = f"{_label(mine)}的" if not renamed else (f"“{level}”下，" if level else "")
    return Finding(
        severity="warning",
        code=CODE,
        message=f"{subject}{'，'.join(parts)}（自评表 {mine_at}，{what} {theirs_at}）；"
        "调整指标须有批准依据",
        project=project,
        where=mine.target_at or mine.where,
    )


def _unmatched(missing: list[str], extra: list[DeclaredProject]) -> Finding:
    parts = []
    if missing:
        parts.append("自评表中的" + "、".join(f"“{n}”" for n in missing) + "没有对应的申报表")
    if extra:
        shown = "、".join(f"“{d.name}”（{_cell(d.file, d.where)}）" for d in extra)
        parts.append(f"申报表中的{shown}没有对应的自评表")
    return Finding(
        severity="info",
        code=UNMATCHED,
        message="；".join(parts) + "，未对照（项目名称须一致）",
        project=None,
        where=None,
    )


def with_findings(ev: Evaluation, findings: Sequence[Finding]) -> Evaluation:
    """Return `ev` with `findings` added: each to the one project it belongs to (as the
    reader's findings are shared out, `tally.share_out`), a department indicator's to the
    department's, and all to the workbook's list."""
    if not findings:
        return ev
    workbook, each = share_out(findings, tuple(p.project for p in ev.projects))
    projects = tuple(
        replace(p, findings=(*p.findings, *mine)) if mine else p
        for p, mine in zip(ev.projects, each, strict=True)
    )
    dep_own = [f for f in workbook if f.code == CODE]
    department = replace(ev.department, findings=(*ev.department.findings, *dep_own))
    return replace(ev, department=department, projects=projects, findings=(*ev.findings, *findings))
