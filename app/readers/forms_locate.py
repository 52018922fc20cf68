"""Find the forms on a sheet and read their header fields (项目名称, 主管部门, 实施单位, 部门名称).

A sheet may hold one form or many stacked; a form starts at its title line or, without one,
at its 项目名称/部门名称 row, and a repeated funds block or indicator table starts another.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from math import isfinite
from typing import Any

from app.model import Finding, Where, col_letter
from app.readers.common import NotANumber, cell_text, fold, parse_amount, percent_text
from app.readers.forms_labels import HEADER_FIELDS, Label, SheetIndex
from app.readers.numfmt import PercentScan

AMOUNT_ROLES = ("initial", "budget", "spent")
_AMOUNT_SET = frozenset(AMOUNT_ROLES)
TITLE_ROLES = frozenset({"title_project", "title_dept"})
NAME_ROLES = frozenset({"name", "dept_name"})
_LETTERS = tuple(col_letter(c) for c in range(100))
_new_tuple = tuple.__new__


def cell_where(sheet: str, col: int, row_no: str) -> Where:
    """Return the `Where` of column `col` (0-based) of the row numbered `row_no` ("7"): what
    Where(sheet, "B7") gives, without its constructor's frame (a form builds one per value)."""
    return _new_tuple(Where, (sheet, (_LETTERS[col] if col < 100 else col_letter(col)) + row_no))


_META_LINE = re.compile(r"^(?:填报|金额单位|单位[:：]|报表编号|附件|附表)")


@dataclass(slots=True)
class Segment:
    """The rows [start, end) of one form; `kind` is "project" or "department"."""

    start: int
    end: int = 0
    kind: str = "project"
    title_row: int | None = None
    name_row: int | None = None
    funds_row: int | None = None
    indicator_row: int | None = None
    task_row: int | None = None
    has_project_name: bool = False
    has_dept_name: bool = False

    @property
    def has_body(self) -> bool:
        """True once the form has a funds block or an indicator table."""
        return self.funds_row is not None or self.indicator_row is not None


def is_funds_header(roles: dict[str, Label]) -> bool:
    """A funds block's header row names at least two of 年初预算数, 全年预算数, 全年执行数."""
    return len(_AMOUNT_SET & roles.keys()) >= 2


def is_indicator_header(roles: dict[str, Label]) -> bool:
    """An indicator table's header row names 一级指标 and 二级 or 三级指标."""
    return "level1" in roles and ("level2" in roles or "level3" in roles)


def segments(ix: SheetIndex) -> list[Segment]:
    """Return the forms on the sheet in order, each with the rows of its main parts."""
    found: list[Segment] = []
    cur: Segment | None = None

    def start(row: int) -> Segment:
        seg = Segment(row)
        found.append(seg)
        return seg

    for r in ix.label_rows(0, ix.sheet.height):
        roles = ix.roles(r)
        if NAME_ROLES & roles.keys() and (is_funds_header(roles) or is_indicator_header(roles)):
            continue  # the header of a flat table (项目名称 | 年初预算数 | …), such as a summary
        title = (
            None
            if TITLE_ROLES.isdisjoint(roles)
            else next(role for role in roles if role in TITLE_ROLES)
        )
        if title:
            if cur is None or cur.name_row is not None or cur.has_body:
                cur = start(r)
            if cur.title_row is None:
                cur.title_row = r
            if title == "title_dept":
                cur.kind = "department"
        elif NAME_ROLES & roles.keys():
            project = "name" in roles
            seen = cur is not None and (cur.has_project_name if project else cur.has_dept_name)
            if cur is None or cur.has_body or seen:
                cur = start(r)
            if cur.name_row is None:
                cur.name_row = r
            if project:
                cur.has_project_name = True
            else:
                cur.has_dept_name = True
        elif is_funds_header(roles):
            if cur is None or cur.funds_row is not None or cur.indicator_row is not None:
                cur = start(r)
            cur.funds_row = r
        elif is_indicator_header(roles):
            if cur is None or cur.indicator_row is not None:
                cur = start(r)
            cur.indicator_row = r
        elif cur is not None and "seq" in roles and "task_name" in roles and cur.task_row is None:
            cur.task_row = r
    for i, seg in enumerate(found):
        seg.end = found[i + 1].start if i + 1 < len(found) else ix.sheet.height
        if seg.has_dept_name and not seg.has_project_name:
            seg.kind = "department"
    # A 项目名称 with no funds block or indicator table after it is no form (an ordinary list
    # of projects); a department form may hold only its texts.
    return [s for s in found if s.has_body or (s.kind == "department" and s.name_row is not None)]


def header_labels(ix: SheetIndex, start: int, end: int) -> dict[str, Label]:
    """Return the first label of each header field (项目名称, 主管部门 …) in rows [start, end)."""
    out: dict[str, Label] = {}
    for r in ix.label_rows(start, end):
        for lab in ix.rows[r]:
            if lab.role in HEADER_FIELDS:
                out.setdefault(lab.role, lab)
    return out


def value_of(ix: SheetIndex, lab: Label) -> tuple[str, int, int] | None:
    """Return (text, row, col) of the value a label names: written after a colon in the same
    cell, in the next non-empty cell to its right (before any other label), or alone in the
    cell below it; None when the form leaves it empty."""
    if lab.inline:
        return lab.inline, lab.row, lab.col
    sheet = ix.sheet
    line = sheet.rows[lab.row]
    for c in range(ix.last_col(lab.row, lab.col) + 1, len(line)):
        if line[c] is None:
            continue
        if ix.is_label(lab.row, c):
            break
        text = cell_text(line[c])
        if text:
            return text, lab.row, c
    below = ix.last_row(lab.row, lab.col) + 1
    v = sheet.value(below, lab.col)
    if v is not None and below not in ix.rows:
        text = cell_text(v)
        if text:
            return text, below, lab.col
    return None


def loose_lines(ix: SheetIndex, first: int, last: int) -> list[tuple[str, int, int]]:
    """Return the lines in rows [first, last) that hold one text and no label: a project's name
    and unit written above an empty 项目名称 row. Dates, units and report numbers are left out."""
    out: list[tuple[str, int, int]] = []
    for r in range(max(first, 0), last):
        if r in ix.rows:
            continue
        cells = [(c, v) for c, v in enumerate(ix.sheet.rows[r]) if v is not None]
        if len(cells) != 1 or not isinstance(cells[0][1], str):
            continue
        text = cell_text(cells[0][1])
        if text and not _META_LINE.match(fold(text).replace(" ", "")):
            out.append((text, r, cells[0][0]))
    return out


class PercentCells:
    """Which number cells of the workbook are formatted as percentages. A sheet's XML is read
    only when first asked about, and only the cells asked about are looked up in it (most
    forms write targets and actuals as text, and scanning every sheet would cost about half
    as much as loading the workbook). Call close() when done."""

    def __init__(self, path: str, tick: Callable[[], None] | None = None) -> None:
        self.path = path
        self.tick = tick
        self._scan = PercentScan(path)
        self._asked: set[str] = set()

    def __call__(self, sheet: str, row: int, col: int) -> bool:
        if sheet not in self._asked:
            self._asked.add(sheet)
            if self.tick is not None:
                self.tick()
        return self._scan.cell(sheet, row, col)

    def close(self) -> None:
        """Release the workbook file."""
        self._scan.close()


@dataclass(slots=True)
class Context:
    """Where values are being read (sheet, project) and the findings made while reading."""

    sheet: str
    findings: list[Finding] = field(default_factory=list)
    project: str | None = None
    percent: PercentCells | None = None

    def text(self, value: Any, row: int, col: int | None) -> tuple[str, bool]:
        """Return a target/actual cell as text, and whether it is a number formatted as a
        percentage (0.95 shown as 95% is written "95%", as the person sees it)."""
        if (
            col is not None
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and self.percent is not None
            and self.percent(self.sheet, row, col)
        ):
            return percent_text(value), True
        return cell_text(value), False

    def where(self, row: int, col: int) -> Where:
        """Return the `Where` of a 0-based cell of this sheet."""
        return cell_where(self.sheet, col, str(row + 1))

    def number(
        self,
        value: Any,
        row: int,
        col: int,
        what: str = "金额",
        parse: Callable[[Any], float | None] = parse_amount,
    ) -> float | None:
        """Return a number cell as a float (None when empty or a dash); text that is no number
        is None and a `bad_number` finding naming the cell."""
        # Number cells are most of them: parse_amount's answer without its checks.
        if parse is parse_amount:
            kind = value.__class__
            if kind is float:
                return value if isfinite(value) else None
            if kind is int:
                return float(value)
        try:
            return parse(value)
        except NotANumber as exc:
            where = self.where(row, col)
            self.findings.append(
                Finding(
                    "error",
                    "bad_number",
                    f"工作表“{self.sheet}”单元格 {where.cell} 应为{what}，实际为“{exc.text}”",
                    self.project,
                    where,
                )
            )
            return None
