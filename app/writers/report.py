"""The machine-readable report (`spec/report-json.md`)."""

from __future__ import annotations

import functools
import json
from typing import Any

from app.evaluate.results import Evaluation, FundsResult, IndicatorResult, RateResult
from app.model import Finding


def _r2(x: float | None) -> float | None:
    if x is None:
        return None
    if x == 0:  # 0.0 and -0.0 share a cache key but print differently
        return _round2.__wrapped__(x)
    return _round2(x)


@functools.lru_cache(maxsize=1 << 16)
def _round2(x: float) -> float:
    # Weights and scores repeat from form to form; Decimal rounding is the slow part.
    from app.evaluate.scoring import round_half_up

    return round_half_up(x, 2)


def _rate(row: RateResult) -> dict[str, Any]:
    return {"initial": row.initial, "budget": row.budget, "spent": row.spent, "rate": row.rate}


def funds_json(funds: FundsResult) -> dict[str, Any]:
    """Return a funds block: the total's amounts and rate, each source present, and the
    执行率 weight and score."""
    return {
        **_rate(funds.total),
        "sources": {s.source: _rate(s) for s in funds.sources},
        "weight": _r2(funds.weight),
        "score": _r2(funds.score),
    }


def indicator_json(res: IndicatorResult) -> dict[str, Any]:
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
        "where": None if ind.where is None else str(ind.where),
        "band": res.band,
        "note": res.note,
    }


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "severity": f.severity,
        "code": f.code,
        "project": f.project,
        "where": None if f.where is None else str(f.where),
        "message": f.message,
    }


def report(ev: Evaluation, input_path: str, output_path: str | None) -> dict[str, Any]:
    """Return the report of an evaluation as a JSON-ready dict."""
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
            }
            for p in ev.projects
        ],
        "findings": [finding_json(f) for f in ev.findings],
    }


def exit_status(ev: Evaluation) -> int:
    """0 when no finding is an error, 1 otherwise (2 is for unreadable input, raised earlier)."""
    return 1 if any(f.severity == "error" for f in ev.findings) else 0


def dumps(data: Any) -> str:
    """Return the report as UTF-8-ready JSON text (Chinese kept as is)."""
    return json.dumps(data, ensure_ascii=False, indent=2)
