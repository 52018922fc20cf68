"""The machine-readable report (`spec/report-json.md`).

A bureau's report holds tens of thousands of indicators, so the loops below build their
dicts directly (rounding looked up inline, cells written as sheet!cell here) rather than
through a call per value, and each indicator's and finding's dict is the `__dict__` of a
row object: CPython's instance dicts of one class share their keys (PEP 412), which builds
them twice as fast as a dict display and in half the memory. They are ordinary dicts.
"""

from __future__ import annotations

import json
from typing import Any

from app.evaluate.results import Evaluation, FundsResult, Gap, IndicatorResult, RateResult
from app.evaluate.scoring import round_half_up
from app.evaluate.tally import tally
from app.model import Finding, Where

_ROUNDED_LIMIT = 1 << 16
_rounded: dict[float, float] = {}
"""Scores and weights rounded to 2 decimals, by value: they repeat from form to form, and
Decimal rounding is the slow part. Bounded: emptied when full. Zero is never a key (0.0 and
-0.0 are one key but print differently)."""


def _r2(x: float | None) -> float | None:
    """Return x rounded half up to 2 decimals (None stays None)."""
    if x:
        known = _rounded.get(x)
        if known is None:
            known = _remember(x)
        return known
    return None if x is None else round_half_up(x, 2)


def _remember(x: float) -> float:
    """Return x (neither None nor zero) rounded to 2 decimals, remembered for next time."""
    if len(_rounded) >= _ROUNDED_LIMIT:
        _rounded.clear()
    rounded = _rounded[x] = round_half_up(x, 2)
    return rounded


def _cell(where: Where | None) -> str | None:
    """Return a cell as the report writes it, "项目指标!F7" (None stays None); the loops
    below do the same inline."""
    if where is None:
        return None
    return f"{where.sheet}!{where.cell}" if type(where) is Where else str(where)


def _rate(row: RateResult) -> dict[str, Any]:
    return {"initial": row.initial, "budget": row.budget, "spent": row.spent, "rate": row.rate}


def gaps_json(gaps: tuple[Gap, ...]) -> list[dict[str, Any]]:
    """Return the amounts a total leaves out: source, field, the text as written ("" when
    the cell is empty), the input cell, and the project (department totals only)."""
    out = []
    for g in gaps:
        row: dict[str, Any] = {
            "source": g.source or None,
            "field": g.field,
            "text": g.text,
            "where": _cell(g.where),
        }
        if g.project:
            row["project"] = g.project
        out.append(row)
    return out


def funds_json(funds: FundsResult) -> dict[str, Any]:
    """Return a funds block: the total's amounts and rate, each source present, and the
    执行率 weight and score."""
    total = funds.total
    return {
        "initial": total.initial,
        "budget": total.budget,
        "spent": total.spent,
        "rate": total.rate,
        "sources": {s.source: _rate(s) for s in funds.sources},
        "weight": _r2(funds.weight),
        "score": _r2(funds.score),
        "left_out": gaps_json(total.gaps),
    }


def indicator_json(res: IndicatorResult) -> dict[str, Any]:
    """Return one judged indicator as report-json.md shows it."""
    return _indicators_json((res,))[0]


class _IndicatorRow:
    """An indicator of the report; its `__dict__` is the JSON object (keys in this order)."""


class _FindingRow:
    """A finding of the report; its `__dict__` is the JSON object (keys in this order)."""


def _indicators_json(results: tuple[IndicatorResult, ...]) -> list[dict[str, Any]]:
    known = _rounded.get
    out = []
    for res in results:
        ind = res.indicator
        weight, score, where = res.weight, res.score, ind.where
        # _r2, inline
        if weight:
            weight = known(weight) or _remember(weight)
        elif weight is not None:
            weight = round_half_up(weight, 2)
        if score:
            score = known(score) or _remember(score)
        elif score is not None:
            score = round_half_up(score, 2)
        row = _IndicatorRow()
        row.level1 = ind.level1
        row.level2 = ind.level2
        row.name = ind.name
        row.target = ind.target.strip()
        row.actual = ind.actual.strip()
        row.status = res.status
        row.weight = weight
        row.score = score
        row.needs_explanation = res.needs_explanation
        row.where = f"{where.sheet}!{where.cell}" if type(where) is Where else _cell(where)
        row.band = res.band
        row.note = res.note
        row.breakdown = [
            {"name": b.name, "target": b.target, "actual": b.actual, "where": _cell(b.where)}
            for b in ind.breakdown
        ]
        out.append(row.__dict__)
    return out


def _findings_json(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    out = []
    for f in findings:
        row = _FindingRow()
        row.severity = f.severity
        row.code = f.code
        row.project = f.project
        where = f.where
        row.where = f"{where.sheet}!{where.cell}" if type(where) is Where else _cell(where)
        row.message = f.message
        out.append(row.__dict__)
    return out


def finding_json(f: Finding) -> dict[str, Any]:
    """Return one finding as report-json.md shows it."""
    return _findings_json((f,))[0]


def report(ev: Evaluation, input_path: str, output_path: str | None) -> dict[str, Any]:
    """Return the report of an evaluation as a JSON-ready dict. `counts` (whole workbook,
    department with workbook, each project) are the counts every face shows (docs/report.md)."""
    dep = ev.department
    return {
        "input": input_path,
        "output": output_path,
        "kind": ev.dataset.kind,
        "department": {
            "name": dep.department.name,
            "year": dep.department.year,
            "funds": None if dep.funds is None else funds_json(dep.funds),
            "indicators": _indicators_json(dep.indicators),
            "score": dep.score,
            "grade": dep.grade,
            "provisional": dep.provisional,
            "counts": tally(ev.workbook_findings()).as_dict(),
            "projects_total": {
                **_rate(dep.projects_total),
                "left_out": gaps_json(dep.projects_total.gaps),
            },
            "rate_basis": (
                "funds" if dep.funds is not None else "projects" if dep.projects_rate else None
            ),
            "rate_weight": None if dep.rate_item is None else _r2(dep.rate_item.weight),
            "rate_score": None if dep.rate_item is None else _r2(dep.rate_item.score),
            "attention": [{"project": name, "reason": why} for name, why in dep.attention],
        },
        "projects": [
            {
                "name": p.project.name,
                "unit": p.project.unit or None,
                "department": p.project.department or None,
                "funds": funds_json(p.funds),
                "indicators": _indicators_json(p.indicators),
                "score": p.score,
                "grade": p.grade,
                "provisional": p.provisional,
                "counts": tally(p.findings).as_dict(),
            }
            for p in ev.projects
        ],
        "findings": _findings_json(ev.findings),
        "counts": tally(ev.findings).as_dict(),
    }


def exit_status(ev: Evaluation) -> int:
    """0 when no finding is an error, 1 otherwise (2 is for unreadable input, raised earlier)."""
    return 1 if any(f.severity == "error" for f in ev.findings) else 0


def dumps(data: Any) -> str:
    """Return the report as UTF-8-ready JSON text (Chinese kept as is)."""
    return json.dumps(data, ensure_ascii=False, indent=2)
