"""Read the 绩效目标申报表s and 绩效目标执行监控表s of a workbook (docs/declarations.md).

The forms reader finds them (`segments`: a title with 申报 / 绩效目标表 or 监控, a sheet so
named, or a form with targets and no actual column) and skips them; here each is read into a
`DeclaredProject`: its header fields as on a self-evaluation form, its funds (年初预算数, and
a monitoring table's mid-year figures), its 年度目标 and the year's indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.model import Where, cell_ref
from app.readers.book import Book
from app.readers.declared.funds import DeclaredFunds, read_block, read_labelled
from app.readers.declared.indicators import read_targets, target_tables
from app.readers.declared.model import DeclaredProject, Kind, Note
from app.readers.forms.cells import Context, PercentCells
from app.readers.forms.labels import SheetIndex, kind_of_name, year_in
from app.readers.forms.layout import (
    TITLE_ROLES,
    Segment,
    header_labels,
    loose_lines,
    segments,
    value_of,
)
from app.text import fold

TARGET_KINDS = ("declaration", "monitoring")
_YEAR_LINE = re.compile(r"[(（]?20\d\d年度?[)）]?")
_GOAL_ROLES = ("goal", "goal_block")


@dataclass(frozen=True, slots=True)
class BookTargets:
    """What a workbook declares: its projects (and department) in sheet order, the notes made
    while reading them, and whether it also holds self-evaluation forms."""

    projects: tuple[DeclaredProject, ...]
    notes: tuple[Note, ...]
    has_self_evaluation: bool


def read_declarations(book: Book, file: str) -> BookTargets:
    """Read every 申报表 and 执行监控表 of `book` (whose file name is `file`)."""
    projects: list[DeclaredProject] = []
    notes: list[Note] = []
    has_self = False
    percent = PercentCells(book.path)
    try:
        for sheet in book.sheets:
            ix = SheetIndex.build(sheet)
            sheet_kind = kind_of_name(sheet.name)
            for seg in _joined(ix, segments(ix), sheet_kind):
                kind = _kind(ix, seg, sheet_kind)
                if kind is None:
                    has_self = has_self or seg.kind in ("project", "department")
                    continue
                ctx = Context(sheet.name, percent=percent)
                project, said = _read(ix, seg, kind, file, ctx)
                notes.extend(Note(file, sheet.name, what) for what in said)
                if project is not None:
                    projects.append(project)
    finally:
        percent.close()
    return BookTargets(tuple(projects), tuple(notes), has_self)


def _joined(ix: SheetIndex, found: list[Segment], sheet_kind: str | None) -> list[Segment]:
    """Return the segments with each untitled, unnamed one that follows a table of targets
    joined to it: a 年度绩效指标 table whose header differs from the 长期 one above it."""
    out: list[Segment] = []
    for seg in found:
        if (
            out
            and seg.title_row is None
            and seg.name_row is None
            and seg.funds_row is None
            and _kind(ix, out[-1], sheet_kind) is not None
        ):
            out[-1].end = seg.end
            continue
        out.append(seg)
    return out


def _kind(ix: SheetIndex, seg: Segment, sheet_kind: str | None) -> Kind | None:
    """Return "declaration" or "monitoring" for a table of targets, None for anything else.
    An untitled form is what its sheet's name says, else a 申报表 when it has no actual
    column and no 全年执行数."""
    kind = seg.kind
    if not seg.titled and sheet_kind not in (None, "selfeval"):
        kind = sheet_kind
    if kind in TARGET_KINDS:
        return kind  # type: ignore[return-value]
    if kind == "project" and not seg.titled and seg.indicator_row is not None:
        roles = ix.roles(seg.indicator_row)
        funds = ix.roles(seg.funds_row) if seg.funds_row is not None else {}
        if not ({"actual", "achieved"} & roles.keys()) and "spent" not in funds:
            return "declaration"
    return None


def _read(
    ix: SheetIndex, seg: Segment, kind: Kind, file: str, ctx: Context
) -> tuple[DeclaredProject | None, list[str]]:
    """Read one table of targets; return it (None when it has no indicators and no funds)
    and what was noted on the way."""
    sheet = ix.sheet
    tables = target_tables(ix, seg.start, seg.end)
    body = min([t.header for t in tables] + [seg.end])
    head_end = body if seg.funds_row is None else min(body, seg.funds_row)
    department = _is_department(ix, seg)
    name, where, year = _header(ix, seg, head_end, department)
    labels = header_labels(ix, seg.start, head_end)
    got = {role: value_of(ix, lab) for role, lab in labels.items()}
    supervisor = got.get("supervisor") or (got.get("dept_name") if not department else None)
    unit = got.get("unit")
    notes: list[str] = []
    indicators, skipped = read_targets(ix, tables, ctx)
    notes.extend(skipped)
    funds = _funds(ix, seg, head_end, tables, ctx)
    if not indicators and not funds.sources and funds.total is None:
        return None, [f"第{seg.start + 1}行起的表格中没有读到绩效指标和资金"]
    if not name:
        where = Where(sheet.name, cell_ref(seg.start, 0))
        name = f"未命名项目（{sheet.name}!{where.cell}）"
        notes.append(f"第{seg.start + 1}行起的表格未写项目名称，暂记为“{name}”")
    project = DeclaredProject(
        kind=kind,
        file=file,
        name=name,
        where=where,
        department=department,
        supervisor=supervisor[0] if supervisor else "",
        unit=unit[0] if unit else "",
        year=year,
        goal=_goal(ix, seg.start, body),
        sources=funds.sources,
        total=funds.total,
        indicators=tuple(indicators),
        monitored=funds.monitored,
    )
    return project, notes


def _is_department(ix: SheetIndex, seg: Segment) -> bool:
    if seg.has_project_name:
        return False
    if seg.has_dept_name:
        return True
    title = _title(ix, seg)
    return "部门整体" in title or "整体支出" in title


def _title(ix: SheetIndex, seg: Segment) -> str:
    if seg.title_row is None:
        return ""
    for lab in ix.rows[seg.title_row]:
        if lab.role in TITLE_ROLES:
            return str(ix.sheet.value(seg.title_row, lab.col))
    return ""


def _header(
    ix: SheetIndex, seg: Segment, end: int, department: bool
) -> tuple[str, Where | None, int | None]:
    """Return the form's name, the cell of its name, and its year (from the title, or a
    "(2023年度)" line below it)."""
    year = year_in(_title(ix, seg))
    labels = header_labels(ix, seg.start, end)
    role = "dept_name" if department else "name"
    lab = labels.get(role) or (labels.get("supervisor") if department else None)
    got = value_of(ix, lab) if lab is not None else None
    first = seg.title_row + 1 if seg.title_row is not None else seg.start
    last = seg.name_row if seg.name_row is not None else end
    lines = []
    for text, r, c in loose_lines(ix, first, last):
        if _YEAR_LINE.fullmatch(fold(text).replace(" ", "")):
            year = year or year_in(text) or _bare_year(text)
        else:
            lines.append((text, r, c))
    if got is None and lines:
        got = lines[0]
    if got is None:
        return "", None, year
    return got[0], Where(ix.sheet.name, cell_ref(got[1], got[2])), year


def _bare_year(text: str) -> int | None:
    m = re.search(r"(20\d\d)年", fold(text))
    return int(m.group(1)) if m else None


def _goal(ix: SheetIndex, start: int, end: int) -> str:
    """Return the 年度目标 text (the one labelled 年度目标 or 年度总体目标, not 中期目标)."""
    for r in ix.label_rows(start, end):
        for lab in ix.rows[r]:
            if lab.role in _GOAL_ROLES:
                got = value_of(ix, lab)
                if got is not None:
                    return got[0]
    return ""


def _funds(
    ix: SheetIndex, seg: Segment, head_end: int, tables: list, ctx: Context
) -> DeclaredFunds:
    """The funds block with a header row when the form has one, else the labelled amounts
    above the indicator tables."""
    if seg.funds_row is not None:
        after = [t.header for t in tables if t.header > seg.funds_row]
        end = min([*after, seg.end])
        got = read_block(ix, seg.funds_row, end, ctx, seg.start)
        if got.sources or got.total is not None:
            return got
    return read_labelled(ix, seg.start, head_end)
