"""What `selfeval fill` writes into an office's own form, worked out without touching it.

For each form that has a cell for some 得分 (docs/fill.md):
- the 执行率 of the total row and of each source row the form gives a 执行率 cell; the 执行率
  得分; a source row's own 得分 where the form scores each source (its cell holds a number;
  a dash there says the form does not);
- each indicator's 得分 ("—" for one that does not apply); the 总分 / 自评得分 and the 等级
  where the form has a cell or a "等级：" label for them.
A cell that already holds the computed figure (within half a unit of its last decimal) keeps
its value, a formula included. A figure a person must give (a 需人工判断 indicator, a 执行率
that cannot be computed) is never written: a hand-filled one is kept and counted in the
total. On the copy to review (`flags`), cells get the review workbook's fills and notes: the
basis of every figure written, the old value of every figure replaced, the status of every
flagged indicator, a red frame on an empty 偏差原因分析 that must be filled. Without `flags`
only figures change: a copy to hand in.

Pure: `cell(where)` says what a cell holds now; `app.fill.apply` makes the changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.evaluate.checks import score_tolerance
from app.evaluate.funds import rate_share
from app.evaluate.results import Evaluation, RateResult
from app.evaluate.scoring import grade_of
from app.fill import notes
from app.fill.edits import Edit, Edits, Kind, is_dash, is_empty, shown
from app.fill.forms import FormView, form_views
from app.model import Funding, Inline, Where
from app.rules import Rules
from app.text import round_half_up
from app.writers.workbook.styles import MANUAL_FILL, STATUS_FILL, UNMET_FILL

RATE_TOLERANCE = 0.5e-4 + 1e-12
"""Half of 0.01 %: a hand-filled 执行率 this close to the computed one is the same figure."""
RATE_FINDINGS = frozenset({"rate_low", "overspent", "rate_undefined"})

CellLookup = Callable[[Where], Any]


@dataclass
class Plan:
    """Every change to the workbook, the forms filled and those left as they were (no cell
    for any 得分), by name."""

    edits: list[Edit] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    unfilled: list[str] = field(default_factory=list)

    @property
    def written(self) -> list[Edit]:
        """The edits that write a figure."""
        return [e for e in self.edits if e.value is not None]

    @property
    def replaced(self) -> list[Edit]:
        """The edits that replace a different hand-filled figure."""
        return [e for e in self.edits if e.value is not None and e.old is not None]


def fillable(evaluation: Evaluation) -> bool:
    """True when some form of the workbook has a cell for a 得分."""
    return any(view.has_score_cells for view in form_views(evaluation))


def make_plan(evaluation: Evaluation, cell: CellLookup, flags: bool = True) -> Plan:
    """Return the changes that fill every form of `evaluation` that has a cell for a 得分;
    `cell(where)` returns what a cell of the workbook holds now (a formula as "=…")."""
    plan = Plan()
    edits = Edits()
    for view in form_views(evaluation):
        if not view.has_score_cells:
            plan.unfilled.append(view.name)
            continue
        _FormPlan(view, evaluation.rules, flags, cell, edits).run()
        plan.filled.append(view.name)
    plan.edits = list(edits)
    return plan


class _FormPlan:
    """The changes to one form."""

    def __init__(
        self, view: FormView, rules: Rules, flags: bool, cell: CellLookup, edits: Edits
    ) -> None:
        self.view, self.rules, self.flags, self.cell, self.edits = view, rules, flags, cell, edits
        self.score_tolerance = score_tolerance(rules)

    def run(self) -> None:
        self.funds()
        self.indicators()
        self.total_and_grade()
        if self.flags:
            self.finding_notes()

    # ---- writing one figure ---------------------------------------------------------
    def add(self, where: Where, kind: Kind, *, fill: str | None = None, note: str = "") -> None:
        """A flag or a note only (the copy to review)."""
        if self.flags:
            self.edits.add(Edit(where, kind, fill=fill, note=note))

    def figure(
        self,
        where: Where,
        kind: Kind,
        computed: float | str,
        stated: float | str | None,
        basis: str,
        *,
        percent: bool = False,
        fill: str | None = None,
        tolerance: float = 0.0,
        inline: Inline | None = None,
    ) -> None:
        """Write `computed` unless the cell already holds it (`stated` as read, within
        `tolerance`); on the copy to review, with `basis` as its note and `fill`."""
        current = self.cell(where)
        if stated is None and inline is None and _is_number(shown(current)):
            stated = float(shown(current))
        if isinstance(computed, str) or isinstance(stated, str):
            same = stated == computed
        else:
            same = stated is not None and abs(stated - computed) <= tolerance
        value = None if same else computed
        old = None if same or is_empty(current) else (stated if inline is not None else current)
        note = ""
        if self.flags:
            note = basis if old is None else notes.replaced(old, computed, basis, percent)
        self.edits.add(
            Edit(
                where,
                kind,
                value,
                percent=percent,
                inline=inline,
                fill=fill if self.flags else None,
                note=note,
                old=old,
            )
        )

    def score(self, computed: float) -> float:
        return round_half_up(computed, self.rules.decimals)

    # ---- the parts of a form ---------------------------------------------------------
    def funds(self) -> None:
        view = self.view
        funds, result = view.funds, view.result
        if funds is None or result is None:
            return
        flags = [f.message for f in view.findings if f.code in RATE_FINDINGS]
        total = funds.stated_total
        if total is not None and total.stated_rate_at is not None:
            basis = notes.rate_basis(result.total, view.scale)
            self.rate(total, result.total, "\n".join(dict.fromkeys([basis, *flags])), bool(flags))
        total_rate_at = total.stated_rate_at if total is not None else None
        for source, rate in zip(funds.sources, result.sources, strict=False):
            # A form whose one row is both the total and its source (Hubei) has that row once.
            if source.stated_rate_at is not None and source.stated_rate_at != total_rate_at:
                over = rate.rate is not None and rate.rate > 1 + 1e-12
                basis = notes.rate_basis(rate, view.scale, source=True)
                if over:
                    basis += f"\n{rate.source}全年执行数大于全年预算数，请核实"
                self.rate(source, rate, basis, over)
            if (
                source.stated_score_at is not None
                and source.stated_score is not None
                and source.stated_score_at != funds.stated_score_at
            ):
                self.source_score(source, rate, result.weight)
        at = funds.stated_score_at
        if at is None:
            return
        if result.score is None:
            note = notes.kept_score(result.note, funds.stated_score)
            self.add(at, "score", fill=MANUAL_FILL, note=note)
            return
        self.figure(
            at,
            "score",
            self.score(result.score),
            funds.stated_score,
            result.note,
            tolerance=self.score_tolerance,
        )

    def rate(self, row: Funding, rate: RateResult, basis: str, flagged: bool) -> None:
        """A 执行率 cell: the rate, or "—" when there is none (a person scores it then)."""
        at = row.stated_rate_at
        assert at is not None
        if rate.rate is not None:
            self.figure(
                at,
                "rate",
                round(rate.rate, 6),
                row.stated_rate,
                basis,
                percent=True,
                fill=UNMET_FILL if flagged else None,
                tolerance=RATE_TOLERANCE,
            )
            return
        current = self.cell(at)
        undefined = self.view.result.note if self.view.result is not None else ""
        if is_dash(current):
            self.add(at, "rate", fill=MANUAL_FILL, note=undefined)
            return
        old = None if is_empty(current) else current
        note = undefined if old is None else notes.replaced(old, "—", undefined, percent=True)
        self.edits.add(
            Edit(
                at,
                "rate",
                notes.UNDEFINED_RATE,
                fill=MANUAL_FILL if self.flags else None,
                note=note if self.flags else "",
                old=old,
            )
        )

    def source_score(self, source: Funding, rate: RateResult, weight: float) -> None:
        """A source row's own 得分 (Anhui's 衔接资金 form): its 执行率's share of the weight."""
        at = source.stated_score_at
        assert at is not None
        if rate.rate is None:
            self.add(at, "score", fill=MANUAL_FILL, note=notes.kept_score("执行率无法计算", None))
            return
        share = rate_share(rate.rate, self.rules)
        computed = self.score(weight * share)
        basis = notes.source_score_basis(rate.source, rate.rate, weight, share, computed)
        self.figure(
            at, "score", computed, source.stated_score, basis, tolerance=self.score_tolerance
        )

    def indicators(self) -> None:
        for res in self.view.indicators:
            ind = res.indicator
            colour = STATUS_FILL.get(res.status)
            at = ind.stated_score_at
            if at is not None:
                if res.status == "not_applicable":
                    self.not_applicable(at, res.note)
                elif res.score is None:
                    note = notes.kept_score(res.note, ind.stated_score)
                    self.add(at, "score", fill=MANUAL_FILL, note=note)
                else:
                    self.figure(
                        at,
                        "score",
                        self.score(res.score),
                        ind.stated_score,
                        res.note,
                        fill=colour,
                        tolerance=self.score_tolerance,
                    )
            if colour is not None and ind.where is not None:
                self.add(ind.where, "flag", fill=colour, note=res.note)
            if res.needs_explanation and not ind.explanation.strip() and ind.explanation_at:
                self.explain(ind.explanation_at)

    def explain(self, at: Where, note: str = notes.EXPLAIN_NOTE) -> None:
        """An empty 偏差原因分析 (or 原因) that must be filled: the review workbook's red frame."""
        if self.flags:
            self.edits.add(Edit(at, "explain", fill=UNMET_FILL, frame=True, note=note))

    def not_applicable(self, at: Where, reason: str) -> None:
        """An indicator that does not apply scores "—" (a dash already there stays)."""
        current = self.cell(at)
        if is_dash(current):
            self.add(at, "score", note=reason)
            return
        old = None if is_empty(current) else current
        note = reason if old is None else notes.replaced(old, "—", reason)
        self.edits.add(Edit(at, "score", "—", note=note if self.flags else "", old=old))

    def total_and_grade(self) -> None:
        view = self.view
        total, provisional, kept = self.total()
        if total is None:
            return
        fill = MANUAL_FILL if provisional else None
        if view.total_at is not None:
            basis = notes.total_basis(total, kept, provisional, self.rules)
            self.figure(
                view.total_at,
                "total",
                total,
                view.stated_total,
                basis,
                fill=fill,
                tolerance=self.score_tolerance,
                inline=view.total_inline,
            )
        grade = grade_of(total, self.rules)
        if view.grade_at is not None and grade is not None:
            basis = notes.grade_basis(total, grade, self.rules)
            stated = view.stated_grade
            if stated is None and view.grade_inline is None:
                current = self.cell(view.grade_at)
                stated = None if is_empty(current) else str(shown(current)).strip()
            self.figure(
                view.grade_at, "grade", grade, stated, basis, fill=fill, inline=view.grade_inline
            )

    def total(self) -> tuple[float | None, bool, list[str]]:
        """Return the form's total as filled in (the evaluation's, plus the hand-filled scores
        of the items a person must score), whether it is still provisional, and the names of
        the items whose hand-filled scores it counts."""
        view = self.view
        parts: list[float] = []
        kept: list[str] = []
        missing = False
        unscored = False
        result, funds = view.result, view.funds
        if result is not None:
            if result.score is not None:
                parts.append(result.score)
            else:
                unscored = True
                if funds is not None and funds.stated_score is not None:
                    parts.append(funds.stated_score)
                    kept.append("执行率得分")
                else:
                    missing = True
        for res in view.indicators:
            if res.score is not None:
                parts.append(res.score)
            elif res.status == "manual":
                unscored = True
                if res.indicator.stated_score is not None:
                    parts.append(res.indicator.stated_score)
                    kept.append(f"“{res.indicator.name}”")
                else:
                    missing = True
        if not parts:
            return None, view.provisional, kept
        if not kept:
            return view.score, view.provisional, kept
        total = sum(parts)
        rate = result.total.rate if result is not None else None
        if rate is not None:
            for below, cap in self.rules.rate_cap:
                if rate < below:
                    total = min(total, cap)
                    break
        # Provisional for another reason than an unscored item: weights that do not add up.
        structural = view.provisional and not unscored
        return self.score(total), missing or structural, kept

    def finding_notes(self) -> None:
        """The funds findings the review copy notes beside the figures: a 全年预算数 adjusted
        much, a stated total that is not the sum of its sources (flagged), an empty 原因 cell
        of the funds block that must say why (framed)."""
        funds = self.view.funds
        for f in self.view.findings:
            if f.where is None:
                continue
            if f.code == "explanation_missing" and funds and f.where == funds.explanation_at:
                self.explain(f.where, f.message)
                continue
            if f.code not in ("budget_adjusted", "sum_mismatch"):
                continue
            first = Where(f.where.sheet, f.where.cell.split(":", 1)[0])
            fill = UNMET_FILL if f.code == "sum_mismatch" else None
            self.edits.add(Edit(first, "note", fill=fill, note=f.message))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
