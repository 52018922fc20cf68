"""Find the forms on a sheet and read their header fields (项目名称, 主管部门, 实施单位, 部门名称).

A sheet may hold one form or many stacked; a form starts at its title line or, without one,
at its 项目名称/部门名称 row, and a repeated funds block or indicator table starts another (the
same indicator header again right below is a page break of a converted document, not a form).
A title of another kind of table (申报表, 监控表, 支出计划 …) starts a segment of that kind,
which the reader names and skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.readers.forms.labels import (
    AMOUNT_ROLES,
    HEADER_FIELDS,
    PROJECTS_SUM,
    Label,
    SheetIndex,
    is_funds_header,
    is_indicator_header,
)
from app.text import cell_text, fold

TITLE_ROLES = frozenset({"title_project", "title_dept", "title_other"})
NAME_ROLES = frozenset({"name", "dept_name"})

_META_LINE = re.compile(r"^(?:填报|金额单位|单位[:：]|报表编号|附件|附表)")


@dataclass(slots=True)
class Segment:
    """The rows [start, end) of one form. `kind` is "project" or "department" for the
    self-evaluation forms, else the kind of table its title names ("declaration", …)."""

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
    def titled(self) -> bool:
        """True when a title says the kind."""
        return self.title_row is not None

    @property
    def has_body(self) -> bool:
        """True once the form has a funds block or an indicator table."""
        return self.funds_row is not None or self.indicator_row is not None


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
                elif title == "title_other":
                    cur.kind = roles[title].inline
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
            if cur is not None and cur.funds_row is not None and _projects_sum(ix, r):
                continue  # the 部门整体 form's second block: its projects added up
            if cur is None or cur.funds_row is not None or cur.indicator_row is not None:
                cur = start(r)
            cur.funds_row = r
        elif is_indicator_header(roles):
            if cur is not None and cur.indicator_row is not None:
                if _same_header(ix, cur.indicator_row, r):
                    continue  # the header again after a page break: the same table goes on
                cur = start(r)
            elif cur is None:
                cur = start(r)
            cur.indicator_row = r
        elif cur is not None and "seq" in roles and "task_name" in roles and cur.task_row is None:
            cur.task_row = r
    for i, seg in enumerate(found):
        seg.end = found[i + 1].start if i + 1 < len(found) else ix.sheet.height
        if seg.has_dept_name and not seg.has_project_name and not seg.titled:
            seg.kind = "department"
    # A 项目名称 with no funds block or indicator table after it is no form (an ordinary list
    # of projects); a department form may hold only its texts.
    # A titled self-evaluation form without either is kept: the reader says it could not
    # read it.
    return [
        s
        for s in found
        if s.has_body
        or (s.kind == "department" and s.name_row is not None)
        or s.kind != "project"
        or s.titled
    ]


def _projects_sum(ix: SheetIndex, row: int) -> bool:
    """True when the funds block on `row` adds up the projects (项目资金合计 | 全部项目（4个）,
    as selfeval prints it under a department's own 预算资金): no form of its own."""
    first = min(lab.col for lab in ix.rows[row] if lab.role in AMOUNT_ROLES)
    for r in (row, row + 1):
        for v in ix.sheet.rows[r][:first] if r < ix.sheet.height else ():
            text = v.replace("\n", "") if isinstance(v, str) else ""
            if "合计" in text or text.startswith(PROJECTS_SUM):
                return True
    return False


def _same_header(ix: SheetIndex, first: int, again: int) -> bool:
    """True when row `again` repeats the labels of header row `first`, column for column."""
    return [(lab.col, lab.role) for lab in ix.rows[first]] == [
        (lab.col, lab.role) for lab in ix.rows[again]
    ]


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
