"""The funds of a 申报表 or 执行监控表, in 万元.

Two shapes are read:
- a block with a header row (年初预算数 | 全年预算数 | 1-7月执行数 | 执行率 | 全年预计执行数,
  the 执行监控表's) is read by the self-evaluation forms' funds reader; its 1-7月执行数, 执行率
  and 全年预计执行数 become the `Monitored` hint;
- labels with their amounts (a 申报表's 资金情况: 年度资金总额 | 120, 其中：财政拨款 | 100,
  其他资金 | 20; or "年度资金总额：120万元" in one cell), the value beside or below its label.
  Where 中期 and 年度 amounts stand side by side, the sources nearest the 年度资金总额 are its.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.model import Funding, Where, cell_ref
from app.readers.common import NotANumber, parse_amount, parse_rate
from app.readers.declared.model import Monitored
from app.readers.forms.cells import Context
from app.readers.forms.funds import read_funds
from app.readers.forms.labels import ROLE, SOURCE_ROLES, Label, SheetIndex, core_key
from app.readers.forms.layout import value_of
from app.text import cell_text, fold

_SOURCE_LABELS = ("src_total", *SOURCE_ROLES)
_INLINE = re.compile(
    r"(年度资金总额|资金总额|总额|(?:其中[:：]?)?(?:当年|本年)?财政(?:拨款|资金)|上年结转(?:资金)?"
    r"|其他资金|自有资金|单位资金)[:：]?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元)?"
)
_LONGER = ("中期", "长期", "实施期")
_UNIT = re.compile(r"\(元\)|单位:?元")
_PERIOD = re.compile(r"\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月|截至\d{1,2}月(?:底|末)?|上半年")


@dataclass(frozen=True, slots=True)
class DeclaredFunds:
    """The funding sources (with 年初预算数, and a monitoring table's 全年预算数), the stated
    年度资金总额, and a monitoring table's figures by mid-year."""

    sources: tuple[Funding, ...] = ()
    total: float | None = None
    monitored: Monitored | None = None


def read_block(ix: SheetIndex, header: int, end: int, ctx: Context, start: int) -> DeclaredFunds:
    """Read a funds block with a header row (`header`) up to row `end` of the form starting at
    row `start`: its sources' 年初预算数 and 全年预算数, its total, and its mid-year figures."""
    block = read_funds(ix, header, end, ctx, start)
    if block.funds is None:
        return DeclaredFunds()
    funds = block.funds
    # The monitoring table's 执行数 is spending so far, not the year's: kept as a hint only.
    sources = tuple(
        Funding(
            source=f.source,
            initial=f.initial,
            budget=f.budget,
            spent=None,
            initial_at=f.initial_at,
            budget_at=f.budget_at,
        )
        for f in funds.sources
    )
    total = funds.stated_total
    first = total or (funds.sources[0] if funds.sources else None)
    monitored = None
    if first is not None:
        monitored = _monitored(ix, header, first, block.scale, ctx)
    total_initial = total.initial if total is not None else None
    return DeclaredFunds(sources, total_initial, monitored)


def _monitored(
    ix: SheetIndex, header: int, row: Funding, scale: float, ctx: Context
) -> Monitored | None:
    """Read the mid-year columns (1-7月执行数, 执行率, 全年预计执行数) on the row of `row`."""
    at = row.initial_at or row.budget_at
    if at is None:
        return None
    r = int(re.sub(r"^[A-Z]+", "", at.cell)) - 1
    spent = forecast = rate = None
    period = ""
    where: Where | None = None
    for c, value in enumerate(ix.sheet.rows[header]):
        text = fold(cell_text(value)).replace(" ", "").replace("\n", "")
        if not text:
            continue
        got, _ = ix.pick(r, c, ix.last_col(header, c))
        if "预计" in text and "执行" in text:
            forecast = _amount(got, scale)
        elif "执行数" in text and (m := _PERIOD.search(text)):
            spent, period, where = _amount(got, scale), m.group(0), ctx.where(r, c)
        elif "执行率" in text:
            try:
                rate = parse_rate(got)
            except NotANumber:
                rate = None
    if spent is None and forecast is None:
        return None
    return Monitored(period, spent, rate, forecast, where)


def _amount(value: object, scale: float) -> float | None:
    try:
        n = parse_amount(value)
    except NotANumber:
        return None
    return None if n is None else n / scale


def read_labelled(ix: SheetIndex, start: int, end: int) -> DeclaredFunds:
    """Read the amounts written beside, below or after their labels in rows [start, end)."""
    scale = _scale(ix, start, end)
    found: dict[str, list[tuple[Label, float, Where]]] = {}
    for r in ix.label_rows(start, end):
        for lab in ix.rows[r]:
            if lab.role in _SOURCE_LABELS:
                got = value_of(ix, lab)
                amount = _written_amount(got[0], scale) if got else None
                if amount is not None and got is not None:
                    where = Where(ix.sheet.name, cell_ref(got[1], got[2]))
                    found.setdefault(lab.role, []).append((lab, amount, where))
    if not found:
        found = _inline(ix, start, end, scale)
    totals = found.get("src_total", [])
    total = totals[0] if totals else None
    sources = []
    for role, name in SOURCE_ROLES.items():
        options = found.get(role)
        if not options:
            continue
        if total is not None:
            # 中期 and 年度 side by side: the source under the year's total is the year's.
            lab0 = total[0]
            lab, amount, where = min(
                options, key=lambda o: (abs(o[0].col - lab0.col), o[0].row < lab0.row, o[0].row)
            )
        else:
            lab, amount, where = options[0]
        if amount:
            sources.append(
                Funding(source=name, initial=amount, budget=None, spent=None, initial_at=where)
            )
    return DeclaredFunds(tuple(sources), total[1] if total else None)


def _inline(ix: SheetIndex, start: int, end: int, scale: float) -> dict[str, list]:
    """Amounts written after their labels inside one cell: "年度资金总额：120万元". Those of a
    longer term (中期资金总额：900) are not the year's."""
    found: dict[str, list] = {}
    for r in range(start, end):
        for c, value in enumerate(ix.sheet.rows[r]):
            if not isinstance(value, str) or not any(ch.isdigit() for ch in value):
                continue
            text = fold(value)
            for m in _INLINE.finditer(text):
                label = text[max(0, m.start() - 4) : m.start()] + m.group(1)
                role = ROLE.get(core_key(m.group(1)))
                if role not in _SOURCE_LABELS or any(w in label for w in _LONGER):
                    continue
                unit = {"万元": 1.0, "元": 10000.0}.get(m.group(3) or "", scale)
                amount = float(m.group(2).replace(",", "")) / unit
                lab = Label(r, c, role)
                found.setdefault(role, []).append(
                    (lab, amount, Where(ix.sheet.name, cell_ref(r, c)))
                )
    return found


def _written_amount(text: str, scale: float) -> float | None:
    """An amount as written after its label, in 万元: "120", "120万元", "1,200,000元"."""
    text = fold(text).replace(" ", "")
    if text.endswith("万元"):
        return _amount(text[:-2], 1.0)
    if text.endswith("元"):
        return _amount(text[:-1], 10000.0)
    return _amount(text, scale)


def _scale(ix: SheetIndex, start: int, end: int) -> float:
    """10000 when the form says its amounts are in 元, else 1 (万元)."""
    for r in range(start, end):
        for value in ix.sheet.rows[r]:
            if isinstance(value, str) and len(value) <= 20:
                text = fold(value).replace(" ", "")
                if "万元" in text:
                    return 1.0
                if _UNIT.search(text):
                    return 10000.0
    return 1.0
