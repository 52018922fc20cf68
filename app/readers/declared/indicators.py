"""The indicator table of a 申报表 or 执行监控表: which table and which columns hold the year's
targets, then its rows read as the self-evaluation forms' are (`read_indicators`).

A 申报表 may give two sets of targets: the national reference layout puts the 中期 and the
年度 ones side by side (一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值, or 中期指标值 |
年度指标值), others stack a 长期绩效指标 table above the 年度绩效指标 one. The 年度 ones are
taken: a column or table marked 年度 (本年, 当年, 全年), else the one not marked 中期/长期
(实施期, 总目标), the rightmost of side-by-side columns (the national layout's 年度 half). A
执行监控表 adds 1-7月执行情况 and 全年预计完成情况 columns: read as hints, never as actuals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from app.model import Breakdown, Indicator
from app.readers.declared.model import DeclaredIndicator
from app.readers.forms.cells import Context
from app.readers.forms.indicators import INDICATOR_ROLES, read_indicators
from app.readers.forms.labels import ROLE, SheetIndex, core_key, is_indicator_header
from app.readers.forms.table import Column, Table
from app.text import cell_text, fold

_ROLES = INDICATOR_ROLES - {"actual", "achieved", "score", "explain"}
"""The columns a table of targets is read by: no actual, 得分 or explanation in it."""
_YEAR_WORDS = ("年度", "本年", "当年", "全年")
_LONG_WORDS = ("中期", "长期", "实施期", "总目标", "绩效期")
_TARGET_TEXT = re.compile(r"指标值|目标值")
_NAME_TEXT = frozenset({"指标内容", "具体指标", "三级指标内容", "指标名称及内容", "绩效指标内容"})
"""Headers of the 三级 column that only tables of targets use (佳县, 宁乡: 指标内容)."""
_NO_STARS = {ord("★"): None, ord("☆"): None}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PLACEHOLDER = re.compile(r"\*\*|＊＊|××|XX")
"""A target of the blank form ("≥**%", "**人"): no target."""
_SHORT = 16
_CLOSING = ("其他说明", "其他需要说明", "审核意见", "主管部门审核", "财政部门审核", "填报日期")


@dataclass(frozen=True, slots=True)
class TargetTable:
    """An indicator table of targets: its header row, the row after its last one, and
    whether it is the year's ("year"), a longer term's ("long") or unmarked ("")."""

    header: int
    end: int
    period: str


def _text(value: Any) -> str:
    return fold(cell_text(value)).replace(" ", "").replace("\n", "") if value is not None else ""


def _period(text: str) -> str:
    """Return "long" for text naming a longer term (中期, 长期 …), "year" for the year's, else ""."""
    if any(w in text for w in _LONG_WORDS):
        return "long"
    if any(w in text for w in _YEAR_WORDS):
        return "year"
    return ""


def target_tables(ix: SheetIndex, start: int, end: int) -> list[TargetTable]:
    """Return the indicator tables in rows [start, end) whose targets are the year's: those
    marked 年度, else those not marked 中期/长期 (several unmarked ones are one table broken
    over pages), else the last one."""
    headers: list[int] = []
    for r in ix.label_rows(start, end):
        if is_indicator_header(ix.roles(r)) and (not headers or r > headers[-1] + 1):
            headers.append(r)
    if headers:
        end = _closing(ix, headers[-1] + 1, end)
    tables = [
        TargetTable(h, headers[i + 1] if i + 1 < len(headers) else end, _table_period(ix, h))
        for i, h in enumerate(headers)
    ]
    for wanted in ("year", ""):
        chosen = [t for t in tables if t.period == wanted]
        if chosen:
            return chosen
    return tables[-1:]


def _closing(ix: SheetIndex, start: int, end: int) -> int:
    """Return the first row in [start, end) of the form's closing lines (其他说明的问题,
    审核意见, "填报人：王芳" …), which end its last table; `end` when there is none. Such a
    line starts at its row's first cell. (A label alone there, 填报人, already ends the table
    as it ends a self-evaluation's.)"""
    rows = ix.sheet.rows
    for r in range(start, end):
        first = next((v for v in rows[r] if v is not None), None)
        if type(first) is not str:
            continue
        if first.lstrip().startswith(_CLOSING):
            return r
        if "：" in first or ":" in first:
            head = _text(first).split(":", 1)[0]
            if ROLE.get(core_key(head)) == "stop":
                return r
    return end


def _table_period(ix: SheetIndex, header: int) -> str:
    """The term a table's own label names: a text left of its 一级指标 column on the header
    row (a 长期绩效指标 merged down beside it), or a short line just above it."""
    roles = ix.roles(header)
    first = min((lab.col for lab in ix.rows[header] if lab.role in _ROLES), default=0)
    if "level1" in roles:
        first = roles["level1"].col
    for c in range(first):
        period = _period(_text(ix.shown(header, c)))
        if period:
            return period
    above = [v for v in ix.sheet.rows[header - 1] if v is not None] if header > 0 else []
    if len(above) == 1 and "指标" in (text := _text(above[0])) and len(text) <= _SHORT:
        return _period(text)
    return ""


def annual_columns(ix: SheetIndex, header: int) -> tuple[Table, dict[str, Column]]:
    """Return the table of `header` with the columns of the year's targets, and its hint
    columns by role ("progress" 1-7月执行情况, "forecast" 全年预计完成情况, "core" 是否核心指标)."""
    table = Table.read(ix, header, _ROLES | {"actual", "achieved"})
    cols = table.columns
    # A header cell merged down over a second row of other words (偏差原因分析 over 经费保障 |
    # 制度保障 …): the body starts below both.
    deepest = max(
        (ix.last_row(header, col.first) for col in cols.values() if col.row == header),
        default=header,
    )
    table.body = max(table.body, deepest + 1)
    rows = range(header, table.body)
    cells = [
        (r, c, _text(v)) for r in rows for c, v in enumerate(ix.sheet.rows[r]) if v is not None
    ]
    hints: dict[str, Column] = {}
    for r, c, text in cells:
        role = _hint_role(text)
        if role and role not in hints:
            hints[role] = _column(ix, r, c, role)
    # A 1-7月 figure under an 实际完成值 label is progress, not the year's actual.
    for role in ("actual", "achieved"):
        col = cols.pop(role, None)
        if col is not None and "progress" not in hints:
            hints["progress"] = replace(col, role="progress")
    if "level3" not in cols:
        named = next(((r, c, t) for r, c, t in cells if t in _NAME_TEXT), None)
        if named is not None:
            cols["level3"] = _column(ix, named[0], named[1], "level3")
    if "level1" not in cols and header > 0:
        # 一级指标 merged down beside a second header row (中期目标 | 年度目标 over the halves).
        above = ix.roles(header - 1).get("level1")
        if above is not None and ix.last_row(above.row, above.col) >= header:
            cols["level1"] = _column(ix, above.row, above.col, "level1")
    _choose_year(ix, header, table, cells)
    return table, hints


def _hint_role(text: str) -> str | None:
    if "核心指标" in text:
        return "core"
    if "预计" in text and ("完成" in text or "执行" in text):
        return "forecast"
    if ("执行情况" in text or "完成情况" in text or "完成值" in text) and (
        "月" in text or "截至" in text or "截止" in text
    ):
        return "progress"
    return None


def _choose_year(
    ix: SheetIndex, header: int, table: Table, cells: list[tuple[int, int, str]]
) -> None:
    """Point the target column (and the 二级/三级 columns of its half) at the year's."""
    cols = table.columns
    candidates = [
        (r, c, t)
        for r, c, t in cells
        if _TARGET_TEXT.search(t)
        and "调整" not in t
        and not _hint_role(t)
        and not _over_sub_header(ix, table, r, c)
    ]
    if len(candidates) < 2:
        return
    marked = [(r, c, t, _period(t) or _period(_above(ix, r, c))) for r, c, t in candidates]
    year = [m for m in marked if m[3] == "year"]
    plain = [m for m in marked if m[3] == ""]
    r, c, text, _ = year[0] if year else (plain[-1] if plain else marked[-1])
    cols["target"] = Column("target", c, ix.last_col(r, c), r, text)
    for role in ("level1", "level2", "level3"):
        left = [
            lab
            for row in range(header, table.body)
            for lab in ix.rows.get(row, ())
            if lab.role == role and lab.col < c
        ]
        if left:
            lab = max(left, key=lambda lab: lab.col)
            cols[role] = _column(ix, lab.row, lab.col, role)


def _column(ix: SheetIndex, r: int, c: int, role: str) -> Column:
    return Column(role, c, ix.last_col(r, c), r, str(ix.sheet.value(r, c)))


def _over_sub_header(ix: SheetIndex, table: Table, r: int, c: int) -> bool:
    """True when a header cell stands over a second header row's labels (年度指标值 over
    指标性质 | 指标值 | 度量单位): the labels below are the columns, not it."""
    if r != table.header or table.body != table.header + 2:
        return False
    last = ix.last_col(r, c)
    return any(c <= lab.col <= last for lab in ix.rows.get(r + 1, ()))


def _above(ix: SheetIndex, r: int, c: int) -> str:
    """The short header text shown right above a cell (中期目标 | 年度目标 over two halves)."""
    if r == 0:
        return ""
    text = _text(ix.shown(r - 1, c))
    return text if len(text) <= _SHORT else ""


def read_targets(
    ix: SheetIndex, tables: list[TargetTable], ctx: Context
) -> tuple[list[DeclaredIndicator], list[str]]:
    """Read the year's indicators of `tables`; return them and what was passed over (a blank
    form's "≥**%" target, a row with a name and no target), as notes."""
    out: list[DeclaredIndicator] = []
    notes: list[str] = []
    for t in tables:
        table, hints = annual_columns(ix, t.header)
        read = read_indicators(ix, t.header, t.end, ctx, table=table)
        for where, name in read.skipped:
            notes.append(f"{where.cell}“{name}”没有指标值，未作为指标")
        kept = False  # whether the row above was kept (a breakdown follows its indicator)
        for ind in read.indicators:
            declared = _declared(ix, ind, hints, ctx)
            if declared.name.startswith("其中") and declared.weight is None and out:
                # "★其中：建档立卡…" under a core indicator: its breakdown.
                if kept:
                    last = out[-1]
                    row = Breakdown(declared.name, declared.target, "", declared.where)
                    out[-1] = replace(last, breakdown=(*last.breakdown, row))
                continue
            kept = not _PLACEHOLDER.search(declared.target)
            if not kept:
                cell = declared.where.cell if declared.where else ""
                notes.append(
                    f"{cell}“{declared.name}”的指标值“{declared.target}”是空白表样的占位，未作为指标"
                )
                continue
            out.append(declared)
    return out, notes


def _declared(
    ix: SheetIndex, ind: Indicator, hints: dict[str, Column], ctx: Context
) -> DeclaredIndicator:
    name = ind.name
    core = "★" in name or "☆" in name
    if core:
        name = name.translate(_NO_STARS).strip()
    where = ind.target_at
    got: dict[str, str] = {}
    if where is not None and hints:
        r = int(where.cell.lstrip(_LETTERS)) - 1
        for role, col in hints.items():
            value, c = ix.pick(r, col.first, col.last)
            if value is not None:
                got[role] = ctx.text(value, r, c)[0]
    if got.get("core", "").strip() in ("是", "√", "★", "Y", "y", "核心指标"):
        core = True
    return DeclaredIndicator(
        level1=ind.level1,
        level2=ind.level2,
        name=name,
        target=ind.target,
        where=where,
        core=core,
        weight=ind.weight,
        progress=got.get("progress", ""),
        forecast=got.get("forecast", ""),
        breakdown=ind.breakdown,
    )
