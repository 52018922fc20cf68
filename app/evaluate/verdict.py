"""The verdict on one indicator (`Judgement`) and the helpers every kind of judging shares."""

from __future__ import annotations

import math
from typing import Literal, NamedTuple

from app.evaluate.bands import ACHIEVED, BANDS
from app.model import Status
from app.rules import Rules
from app.text import whole_pct

JudgementKind = Literal["quantitative", "qualitative", "deadline", "other"]


class Judgement(NamedTuple):
    """The verdict on one indicator (a named tuple: immutable, and thousands are built per run).

    `share` is the fraction of the weight earned (0..1), None for manual and not_applicable.
    `formula` says how, with the numbers (for manual: the reason). `band` is set for
    qualitative and deadline judgements. `notes` are remarks on how a value was read (info
    findings). `deduction_points` / `deduction_share` are an exceed deduction still to be
    subtracted from weight × share (points, or a share of the weight).
    """

    status: Status
    share: float | None
    formula: str
    reason: str = ""
    band: str | None = None
    notes: tuple[str, ...] = ()
    kind: JudgementKind = "other"
    deduction_points: float = 0.0
    deduction_share: float = 0.0


def manual(reason: str, kind: JudgementKind = "other", notes: tuple[str, ...] = ()) -> Judgement:
    """Return a judgement that a person must make, for `reason`."""
    return Judgement("manual", None, reason, reason=reason, notes=notes, kind=kind)


def banded(
    band: str, rules: Rules, formula: str, kind: JudgementKind, notes: tuple[str, ...] = ()
) -> Judgement:
    """Return the judgement of a band: 达成 is met, the others unmet, at the rules' share."""
    share = clamp(rules.qualitative_scores[BANDS.index(band)])
    status: Status = "met" if band == ACHIEVED else "unmet"
    return Judgement(status, share, formula, band=band, notes=notes, kind=kind)


def band_formula(label: str, actual: str, band: str, rules: Rules, same: bool = False) -> str:
    """Return the note of a banded score: the band, its share, and that a person may adjust.
    `same`: the actual is the target's own wording."""
    share = clamp(rules.qualitative_scores[BANDS.index(band)])
    why = "与指标值一致，" if same else ""
    return f"{label}：实际“{actual}”{why}属“{band}”档，按分值的{whole_pct(share)}计分，可人工调整"


def clamp(x: float) -> float:
    """Return x within [0, 1] (NaN → 0)."""
    if math.isnan(x):
        return 0.0
    return min(max(x, 0.0), 1.0)
