"""The roll-up of a batch's reports into departments (部门汇总), with no work of its own: what
one input gave (`BatchItem`), and from the report dicts, per department, sums over the
projects, the mean score, counts by grade and severity, what the sums leave out, and the rank
of each department among those of its year. Pure: the CLI, the window and the bureau summary
(`app.writers.bureau`) all show these figures, and none of them runs a batch to get them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.text import round_half_up


@dataclass(frozen=True)
class BatchItem:
    """What one input gave: the output written (None for a check or a failure), the report
    dict (None on failure), the error message (None on success), the seconds it took, the
    sheet name of each project's form in the output (for links into it), and why the file is
    not counted (`skipped`: a copy of another input, the same department again, or a
    workbook selfeval made), None when it is."""

    input: Path
    output: Path | None
    report: dict[str, Any] | None
    error: str | None
    seconds: float
    sheets: tuple[str, ...] = ()
    skipped: str | None = None
    kept: str = ""
    """What became of an earlier output replaced (`RunResult.kept_text`), "" when none."""
    submission: Path | None = None
    """The submission copy (报送版) written beside the output, when asked for."""

    @property
    def ok(self) -> bool:
        """True when nothing went wrong with the file (read, or knowingly passed over)."""
        return self.error is None

    @property
    def counted(self) -> bool:
        """True when the file is a department of the batch: read, evaluated, not skipped."""
        return self.report is not None and self.skipped is None


@dataclass(frozen=True)
class DepartmentRow:
    """One department's line of 部门汇总: sums in 万元 over its projects, the mean project score,
    counts by grade and by finding severity, and its rank (None when nothing was scored)."""

    item: BatchItem
    name: str
    year: int | None
    projects: int
    initial: float
    budget: float
    spent: float
    rate: float | None
    average: float | None
    provisional: int
    """Projects whose score still awaits a person (so the average may change)."""
    grades: dict[str, int] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)
    rank: int | None = None
    left_out: dict[str, str] = field(default_factory=dict)
    """What the sums leave out, by field (budget, spent): "1个无法识别的金额" (no key: nothing)."""
    problems: int = 0
    """问题数 (errors and warnings, `app.evaluate.tally`)."""


def _total(values: Iterable[float | None]) -> float:
    return sum(v for v in values if v is not None)


def department_row(item: BatchItem, grades: Sequence[str]) -> DepartmentRow:
    """Return the figures of one successful item; `grades` names the grades (best first)."""
    assert item.report is not None
    report = item.report
    dep = report["department"]
    projects = report["projects"]
    funds = [p["funds"] for p in projects]
    budget = _total(f["budget"] for f in funds)
    spent = _total(f["spent"] for f in funds)
    scores = [p["score"] for p in projects if p["score"] is not None]
    counted = [p["grade"] for p in projects]
    severities = [f["severity"] for f in report["findings"]]
    left_out = _left_out(report)
    return DepartmentRow(
        item=item,
        name=dep["name"] or "",
        year=dep["year"],
        projects=len(projects),
        initial=_total(f["initial"] for f in funds),
        budget=budget,
        spent=spent,
        rate=spent / budget if budget > 0 and not left_out else None,
        average=sum(scores) / len(scores) if scores else None,
        provisional=sum(bool(p["provisional"]) for p in projects),
        grades={g: counted.count(g) for g in grades},
        severities={s: severities.count(s) for s in ("error", "warning", "info")},
        left_out=left_out,
        problems=severities.count("error") + severities.count("warning"),
    )


def _left_out(report: dict[str, Any]) -> dict[str, str]:
    """Return what a department's budget and spent sums leave out (amounts that are no
    number, or required and empty), in words by field."""
    total = report["department"].get("projects_total")
    entries = (
        total["left_out"]
        if total is not None
        else [g for p in report["projects"] for g in p["funds"].get("left_out", [])]
    )
    return left_out_words(entries, ("budget", "spent"))


def left_out_words(entries: Iterable[dict[str, Any]], fields: Sequence[str]) -> dict[str, str]:
    """Return, by field, what a report's `left_out` entries leave out of a total, in words
    ("1个无法识别的金额"); fields with nothing left out have no key."""
    from app.evaluate.funds import gap_words
    from app.evaluate.results import Gap

    gaps = tuple(Gap(g["source"] or "", g["field"], g["text"], None) for g in entries)
    out = {}
    for name in fields:
        words = gap_words(gaps, (name,))
        if words:
            out[name] = words
    return out


def department_rows(items: Sequence[BatchItem], grades: Sequence[str]) -> list[DepartmentRow]:
    """Return the rows of the counted items, year by year (earliest first, no year last), each
    year ranked by average score on its own (highest first; equal averages share a rank, 1, 1,
    3), unscored departments last without a rank; input order among equals."""
    from dataclasses import replace

    rows = [department_row(item, grades) for item in items if item.counted]
    # Averages are compared at the 2 decimals shown, so that 95.004 and 95.001 tie as they read.
    shown = [None if r.average is None else round_half_up(r.average, 2) for r in rows]
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            rows[i].year is None,
            rows[i].year or 0,
            shown[i] is None,
            -(shown[i] or 0.0),
            i,
        ),
    )
    ranked: list[DepartmentRow] = []
    position = 0
    for k, i in enumerate(order):
        if k and rows[order[k - 1]].year != rows[i].year:
            position = 0  # a new year: ranks start again
        position += 1
        rank = None
        if shown[i] is not None:
            rank = position
            previous = ranked[-1] if position > 1 else None
            if (
                previous is not None
                and previous.rank is not None
                and shown[order[k - 1]] == shown[i]
            ):
                rank = previous.rank
        ranked.append(replace(rows[i], rank=rank))
    return ranked
