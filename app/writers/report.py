"""The machine-readable report (docs/report.md): the evaluation as a JSON-ready dict."""

from __future__ import annotations

import functools
import json
from typing import Any

from app.evaluate.results import Evaluation, FundsResult, Gap, IndicatorResult, RateResult
from app.evaluate.tally import tally
from app.model import Finding, Where
from app.text import round_half_up


def _r2(x: float | None) -> float | None:
    """Return x rounded half up to 2 decimals (None stays None; a zero keeps its sign)."""
    if not x:
        return x
    return _rounded(x)


@functools.lru_cache(maxsize=1 << 16)
def _rounded(x: float) -> float:
    # Scores and weights repeat from form to form, and Decimal rounding is the slow part.
    return round_half_up(x, 2)


def _cell(where: Where | None) -> str | None:
    """Return a cell as the report writes it, "项目指标!F7" (None stays None)."""
    return None if where is None else f"{where.sheet}!{where.cell}"


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
    """Return one judged indicator as docs/report.md shows it."""
    ind = res.indicator
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "target": ind.target.strip(),
        "actual": ind.actual.strip(),
        "status": res.status,
        "weight": _r2(res.weight),
        "score": _r2(res.score),
        "needs_explanation": res.needs_explanation,
        "where": _cell(ind.where),
        "band": res.band,
        "note": res.note,
        "breakdown": [
            {"name": b.name, "target": b.target, "actual": b.actual, "where": _cell(b.where)}
            for b in ind.breakdown
        ],
    }


def finding_json(f: Finding) -> dict[str, Any]:
    """Return one finding as docs/report.md shows it."""
    return {
        "severity": f.severity,
        "code": f.code,
        "project": f.project,
        "where": _cell(f.where),
        "message": f.message,
    }


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
            "indicators": [indicator_json(r) for r in dep.indicators],
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
                "indicators": [indicator_json(r) for r in p.indicators],
                "score": p.score,
                "grade": p.grade,
                "provisional": p.provisional,
                "counts": tally(p.findings).as_dict(),
            }
            for p in ev.projects
        ],
        "findings": [finding_json(f) for f in ev.findings],
        "counts": tally(ev.findings).as_dict(),
    }


def exit_status(ev: Evaluation) -> int:
    """0 when no finding is an error, 1 otherwise (2 is for unreadable input, raised earlier)."""
    return 1 if any(f.severity == "error" for f in ev.findings) else 0


def dumps(data: Any) -> str:
    """Return the report as UTF-8-ready JSON text (Chinese kept as is)."""
    return json.dumps(data, ensure_ascii=False, indent=2)
