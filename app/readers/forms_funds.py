"""Read a form's funds block (项目资金 / 预算资金 / 预算执行情况) into `Funds`, in 万元.

Columns are found by their labels (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 and
their variants), rows by their source labels (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金
and variants). Choices where the forms leave room:
- a block with one budget column (Beijing's 年初预算数(A) only, Hubei's 预算数(A) only) gives
  that figure as both 年初预算数 and 全年预算数;
- several rows of one source (财政专户管理资金, 单位资金 and 其他资金 are all 其他资金) are added
  up into one `Funding`, which then has no stated 执行率;
- a block that has only a total row labelled as fiscal money (年度财政资金总额) gives it as
  the 当年财政拨款 source too, since it is all there is;
- amounts in 元 (the block or its unit line says so) are divided by 10000.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from math import isfinite
from typing import Any

from app.model import Funding, Funds, Where, cell_ref
from app.readers.common import fold, parse_rate
from app.readers.forms_labels import SOURCE_ROLES, SheetIndex
from app.readers.forms_locate import AMOUNT_ROLES, Context, cell_where

TOTAL = "年度资金总额"
_COLUMNS = (*AMOUNT_ROLES, "weight", "rate", "score")
_TOTAL_ROLES = frozenset({"src_total", "total_row"})
_POINTS = re.compile(r"\((\d+(?:\.\d+)?)分\)")
_YUAN = re.compile(r"\(元\)|单位:?元|金额单位:?元")


@dataclass(frozen=True, slots=True)
class FundsBlock:
    """A funds block as read: the `Funds` (None when no row of it names a source), the input's
    unit (1 for 万元, 10000 for 元), the last row it covers."""

    funds: Funds | None
    scale: float
    last_row: int


@dataclass(slots=True)
class _Row:
    source: str
    funding: Funding
    weight: float | None
    weight_at: Where | None
    score: float | None
    score_at: Where | None
    label: str


def read_funds(
    ix: SheetIndex, header: int, end: int, ctx: Context, form_start: int = 0
) -> FundsBlock:
    """Read the funds block whose column labels are on row `header`, up to row `end`, of the
    form starting on row `form_start`."""
    roles = ix.roles(header)
    cols = {
        role: (roles[role].col, ix.last_col(header, roles[role].col))
        for role in _COLUMNS
        if role in roles
    }
    first_amount = min(cols[role][0] for role in AMOUNT_ROLES if role in cols)
    scale = _scale(ix, header, first_amount, form_start)
    rows: list[_Row] = []
    last = header
    blank = 0
    for r in range(header + 1, end):
        label = next(
            (
                lab
                for lab in ix.rows.get(r, ())
                if lab.col < first_amount and (lab.role in SOURCE_ROLES or lab.role in _TOTAL_ROLES)
            ),
            None,
        )
        if label is None:
            if any(v is not None for v in ix.sheet.rows[r]) or blank:
                break  # the block ends at the next content, or at two blank rows
            blank += 1
            continue
        blank = 0
        last = r
        source = TOTAL if label.role in _TOTAL_ROLES else SOURCE_ROLES[label.role]
        row = _read_row(ix, r, cols, scale, source, ctx)
        if row is not None:
            row.label = str(ix.sheet.value(r, label.col))
            rows.append(row)
    total = next((row for row in rows if row.source == TOTAL), None)
    # A form prints every source row; rows of zeros say nothing was there (the template
    # lists only the sources a project has), so they are left out.
    sources = tuple(
        s
        for s in _merge_sources([row for row in rows if row.source != TOTAL])
        if any(v not in (None, 0) for v in (s.initial, s.budget, s.spent))
    )
    if not sources and total is not None and "财政" in total.label:
        sources = (replace(total.funding, source="当年财政拨款"),)
    weight, weight_at, score, score_at = _weight_and_score(ix, header, cols, rows)
    if last == header:
        # Column labels but no row naming a source (a summary such as 全部项目（4个）): no funds.
        return FundsBlock(None, scale, last)
    funds = Funds(
        sources=sources,
        stated_total=total.funding if total else None,
        weight=weight,
        weight_at=weight_at,
        stated_score=score,
        stated_score_at=score_at,
    )
    return FundsBlock(funds, scale, last)


def _read_row(
    ix: SheetIndex,
    r: int,
    cols: dict[str, tuple[int, int]],
    scale: float,
    source: str,
    ctx: Context,
) -> _Row | None:
    """Read one source row; None when every cell of it is empty or a dash."""
    before = len(ctx.findings)
    got: dict[str, tuple[float | None, Where | None]] = {}
    rows = ix.sheet.rows
    line = rows[r] if 0 <= r < len(rows) else ()
    width = len(line)
    sheet, row_no, number = ctx.sheet, str(r + 1), ctx.number
    down = ix.merged_down()
    for role, (c0, c1) in cols.items():
        value = line[c0] if c0 < width else None
        c = c0
        if value is None and (c1 > c0 or c0 in down):
            # Only a wide span or a range merged down can show a value in an empty cell.
            value, c = ix.pick(r, c0, c1)
        kind = value.__class__
        if value is None:
            n = None
        elif role == "rate":
            n = number(value, r, c, "执行率", parse_rate)
        elif kind is float and role in AMOUNT_ROLES:  # parse_amount's answer, without the call
            n = value / scale if isfinite(value) else None
        elif role in AMOUNT_ROLES:
            n = number(value, r, c)
            n = None if n is None else n / scale
        else:
            n = number(value, r, c, "分值" if role == "weight" else "得分")
        got[role] = (n, cell_where(sheet, c, row_no))
    # One budget column only: it serves as both 年初 and 全年预算数.
    if "budget" not in got and "initial" in got:
        got["budget"] = got["initial"]
    if "initial" not in got and "budget" in got:
        got["initial"] = got["budget"]
    empty = (None, None)
    initial = got.get("initial", empty)
    budget = got.get("budget", empty)
    spent = got.get("spent", empty)
    rate = got.get("rate", empty)
    if (
        len(ctx.findings) == before
        and initial[0] is None
        and budget[0] is None
        and spent[0] is None
        and rate[0] is None
    ):
        return None
    funding = Funding(
        source,
        initial[0],
        budget[0],
        spent[0],
        initial[1],
        budget[1],
        spent[1],
        rate[0],
        rate[1],
    )
    weight, weight_at = got.get("weight", empty)
    score, score_at = got.get("score", empty)
    return _Row(source, funding, weight, weight_at, score, score_at, "")


def _add(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None else a + b


def _merge_sources(rows: list[_Row]) -> tuple[Funding, ...]:
    """Return one Funding per source in form order, adding up rows of the same source."""
    merged: dict[str, Funding] = {}
    for row in rows:
        f = row.funding
        prev = merged.get(row.source)
        if prev is None:
            merged[row.source] = f
            continue
        # The row labelled with the source's own name is where a person looks for it.
        keep = f if row.label.endswith(row.source) else prev
        merged[row.source] = replace(
            keep,
            initial=_add(prev.initial, f.initial),
            budget=_add(prev.budget, f.budget),
            spent=_add(prev.spent, f.spent),
            stated_rate=None,
            stated_rate_at=None,
        )
    return tuple(merged.values())


def _weight_and_score(
    ix: SheetIndex,
    header: int,
    cols: dict[str, tuple[int, int]],
    rows: list[_Row],
) -> tuple[float | None, Where | None, float | None, Where | None]:
    """Return the block's 分值 and 得分: from the total row, else the first row giving them;
    a 分值 missing from the cells is taken from the block's label, as in 预算执行情况(10分)."""
    ordered = sorted(rows, key=lambda row: row.source != TOTAL)
    weight = next(((row.weight, row.weight_at) for row in ordered if row.weight is not None), None)
    score = next(((row.score, row.score_at) for row in ordered if row.score is not None), None)
    if weight is None:
        at_total = next((row.weight_at for row in ordered), None)
        weight = (None, at_total if "weight" in cols else None)
        for lab in ix.rows.get(header, ()):
            if lab.role in ("funds_block", "weight"):
                m = _POINTS.search(fold(str(ix.sheet.value(header, lab.col))).replace(" ", ""))
                if m:
                    weight = (float(m.group(1)), Where(ix.sheet.name, cell_ref(header, lab.col)))
                    break
    if score is None:
        score = (None, next((row.score_at for row in ordered), None) if "score" in cols else None)
    return weight[0], weight[1], score[0], score[1]


def _scale(ix: SheetIndex, header: int, first_amount: int, form_start: int) -> float:
    """Return 10000 when the block's amounts are in 元, else 1 (万元, the national form's unit).

    The block says so in its label or column labels (项目资金（元）); failing that, a unit line
    of the form above it (单位：元, 金额单位：元)."""
    line = ix.sheet.rows[header]
    # The row's own texts, and the block label when it is merged down from a row above.
    texts: list[Any] = [v for v in line if v is not None]
    texts += [ix.shown(header, c) for c in range(min(first_amount, len(line))) if line[c] is None]
    unit = _unit_of(texts)
    if unit is None:
        # Short texts only: a goal or a name may well mention 元 without being a unit line.
        lines = [
            v
            for r in range(max(form_start, 0), header)
            for v in ix.sheet.rows[r]
            if isinstance(v, str) and len(v) <= 20 and "单位" in v
        ]
        unit = _unit_of(lines)
    return unit or 1.0


def _unit_of(texts: list[Any]) -> float | None:
    """Return 1 for texts naming 万元, 10000 for 元, None when they name neither."""
    return _unit_of_strings(tuple(t for t in texts if isinstance(t, str)))


@functools.lru_cache(maxsize=1024)
def _unit_of_strings(texts: tuple[str, ...]) -> float | None:
    # Every form of a workbook repeats its funds header: judged once.
    joined = "".join(fold(t).replace(" ", "") for t in texts)
    if "万元" in joined:
        return 1.0
    return 10000.0 if _YUAN.search(joined) else None
