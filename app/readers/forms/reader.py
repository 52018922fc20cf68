"""Read workbooks of official forms (项目支出绩效自评表, 部门整体支出绩效自评表) as offices have them.

Forms are found by their labels, never by position: one per sheet or many stacked on a sheet,
in the national layout or a province's (Sichuan/Yunnan split targets, Beijing's and Hubei's
older budget blocks, Hunan's and Anhui's county forms), with merged cells, spacer rows and
columns, labels broken over lines. Only self-evaluation forms are scored: the other tables a
budget-system export carries (申报表, 执行监控表, 支出计划 …) are named in one note and skipped
(docs/forms.md, "Which tables are scored").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.errors import InputError
from app.model import (
    Dataset,
    Department,
    Finding,
    Funds,
    Indicator,
    Inline,
    Project,
    Task,
    Where,
    cell_ref,
    ref_row_col,
)
from app.readers.book import Book
from app.readers.forms.cells import Context, PercentCells
from app.readers.forms.closing import Closing, read_closing
from app.readers.forms.funds import read_funds
from app.readers.forms.indicators import read_indicators
from app.readers.forms.labels import (
    KIND_NAMES,
    SheetIndex,
    is_funds_header,
    is_indicator_header,
    kind_of_name,
    year_in,
)
from app.readers.forms.layout import (
    NAME_ROLES,
    TITLE_ROLES,
    Segment,
    header_labels,
    loose_lines,
    segments,
    value_of,
)
from app.readers.forms.parts import (
    header_total,
    read_goals,
    read_grade,
    read_tasks,
    self_score,
    slot_inline,
)

_SCAN_ROWS = 60
_SCAN_COLS = 20
_NAME_YEAR = re.compile(r"^(20\d\d)年")
_YEAR_LINE = re.compile(r"[(（]?20\d\d年度[)）]?")
SELF_EVALUATION = ("project", "department")


def looks_like_forms(book: Book) -> bool:
    """Return True when a sheet holds a form: a title or 项目名称/部门名称 label and, below it on
    another row, a funds block or an indicator table header. Only the first 60 rows and 20 columns of each sheet are looked at. The flat data template,
    whose 项目名称 stands in the same header row as 年初预算数 or 一级指标, is not taken for
    forms."""
    for sheet in book.sheets:
        ix = SheetIndex.build(sheet, _SCAN_ROWS, _SCAN_COLS)
        first_id: int | None = None
        for r in sorted(ix.rows):
            roles = ix.roles(r)
            table = is_funds_header(roles) or is_indicator_header(roles)
            if table and first_id is not None and r > first_id:
                return True
            if not table and (TITLE_ROLES | NAME_ROLES) & roles.keys() and first_id is None:
                first_id = r
    return False


def target_tables(book: Book) -> list[str]:
    """Return the sheets that hold an indicator table of targets without an actual column (a
    绩效目标表 or 指标表, which no self-evaluation can be made of): for the message of a
    workbook that holds no form."""
    out = []
    for sheet in book.sheets:
        ix = SheetIndex.build(sheet, _SCAN_ROWS, _SCAN_COLS)
        for r in sorted(ix.rows):
            roles = ix.roles(r)
            if is_indicator_header(roles) and "actual" not in roles and "target" in roles:
                out.append(sheet.name)
                break
    return out


@dataclass(slots=True)
class _Form:
    """One form as read, before it becomes a Project or the Department."""

    segment: Segment
    sheet: str
    name: str = ""
    name_at: Where | None = None
    supervisor: str = ""
    unit: str = ""
    goal: str = ""
    achieved: str = ""
    funds: Funds | None = None
    scale: float = 1.0
    indicators: tuple[Indicator, ...] = ()
    tasks: tuple[Task, ...] = ()
    total_score: float | None = None
    total_score_at: Where | None = None
    total_inline: Inline | None = None
    grade: str | None = None
    grade_at: Where | None = None
    grade_inline: Inline | None = None
    year: int | None = None
    last_row: int = 0
    has_actuals: bool = True
    """False when neither an actual column nor a 全年执行数 was found: a table of targets."""
    findings: list[Finding] = field(default_factory=list)
    closing: Closing = field(default_factory=Closing)
    """The closing texts (评价结论 …) and who signs the form."""

    @property
    def start(self) -> Where:
        """The cell the form starts at (its title, else its first row)."""
        return _seg_where(self.sheet, self.segment)


def read_forms(book: Book, progress: Callable[[int, int], None] | None = None) -> Dataset:
    """Read every self-evaluation form of the workbook into a Dataset (kind "forms"), amounts
    in 万元.

    The first department form gives the Department (a second one is reported, not scored);
    without one, the Department is named after the first project's 主管部门. The year comes
    from a title "（2022年度）", else from a "2022年" prefix of the project names. Other tables
    (申报表, 监控表 …) are named in one `form_skipped` note. Raises InputError when the workbook
    holds no self-evaluation form. `progress(done, total)` is called before each sheet and at
    the end (an exception it raises, a cancel, propagates).
    """
    forms: list[_Form] = []
    skipped: list[tuple[str, str, Where]] = []  # (sheet, what it is, where)
    unread: list[Finding] = []  # titled forms whose tables were not found
    count = len(book.sheets)
    done = [0]

    def tick() -> None:
        # The percentage scan runs inside a sheet's reading: it repeats that sheet's count.
        if progress is not None:
            progress(done[0], count)

    percent = PercentCells(book.path, tick)
    try:
        for i, sheet in enumerate(book.sheets):
            done[0] = i
            tick()
            ix = SheetIndex.build(sheet)
            sheet_kind = kind_of_name(sheet.name)
            prev_last = -1
            read_any = False
            for seg in segments(ix):
                if not seg.titled and sheet_kind not in (None, "selfeval"):
                    seg.kind = sheet_kind  # no title: the sheet's name says what it is
                if seg.kind == "summary":
                    read_any = True
                    continue  # a summary of forms (ours among them) holds no form
                if seg.kind not in SELF_EVALUATION:
                    shown = _kind_name(seg.kind)
                    skipped.append((sheet.name, shown, _seg_where(sheet.name, seg)))
                    read_any = True
                    continue
                if seg.kind == "project" and not seg.has_body:
                    unread.append(_unread(ix, seg))
                    read_any = True
                    continue
                form = _read_form(ix, seg, prev_last, percent)
                prev_last = form.last_row
                if not form.has_actuals and not seg.titled:
                    # Targets and budgets only, and no title to say otherwise: a 申报表.
                    skipped.append((sheet.name, _kind_name("declaration"), form.start))
                else:
                    forms.append(form)
                read_any = True
            if not read_any and sheet_kind != "summary" and any(any(r) for r in sheet.rows):
                # A sheet of something else (支出明细, 资金测算, 政府采购预算表 …): named too.
                shown = _kind_name(sheet_kind) if sheet_kind else _title_of(ix)
                skipped.append((sheet.name, shown, Where(sheet.name, "A1")))
    finally:
        percent.close()
    if progress is not None:
        progress(count, count)
    if not forms:
        raise InputError(_no_forms_message(Path(book.path).name, skipped, unread))
    findings: list[Finding] = list(unread)
    if skipped:
        findings.append(_skipped_note(skipped))
    projects: list[Project] = []
    department: Department | None = None
    for form in forms:
        findings.extend(form.findings)
        if form.segment.kind == "department":
            if department is None:
                department = _department(form)
            else:
                findings.append(_extra_department(form, department))
            continue
        projects.append(_project(form, findings))
    year = next((f.year for f in forms if f.year), None)
    if year is None:
        year = next((int(m.group(1)) for p in projects if (m := _NAME_YEAR.match(p.name))), None)
    if department is None:
        department = Department(name=projects[0].department if projects else "")
    if department.year is None:
        department = replace(department, year=year)
    return Dataset(
        path=book.path,
        kind="forms",
        department=department,
        projects=tuple(projects),
        findings=tuple(findings),
    )


def _seg_where(sheet: str, seg: Segment) -> Where:
    return Where(sheet, cell_ref(seg.title_row if seg.title_row is not None else seg.start, 0))


def _kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, "其他表格")


def _title_of(ix: SheetIndex) -> str:
    """Return the title a sheet of some other table shows in its first rows ("政府采购预算表"),
    or "其他表格"."""
    for line in ix.sheet.rows[:3]:
        texts = [v.strip() for v in line if isinstance(v, str) and v.strip()]
        if len(texts) == 1 and len(texts[0]) <= 30 and texts[0].endswith(("表", "清单")):
            return texts[0]
    return "其他表格"


def _skipped_note(skipped: list[tuple[str, str, Where]]) -> Finding:
    """One note naming every table that is no self-evaluation form."""
    shown = "、".join(f"“{sheet}”（{what}）" for sheet, what, _ in skipped)
    return Finding(
        severity="info",
        code="form_skipped",
        message=f"以下表格不是绩效自评表，未评分：{shown}",
        project=None,
        where=skipped[0][2],
    )


def _unread(ix: SheetIndex, seg: Segment) -> Finding:
    """A form whose title was found and whose tables were not: said, never dropped."""
    where = _seg_where(ix.sheet.name, seg)
    title_row = seg.title_row
    title = ix.sheet.value(title_row, _title_col(ix, title_row)) if title_row is not None else ""
    return Finding(
        severity="warning",
        code="form_unread",
        message=f"工作表“{ix.sheet.name}”第{int(where.cell[1:])}行的“{str(title).strip()}”中未找到项目资金"
        "（年初预算数、全年预算数、全年执行数）和绩效指标（一级指标、二级指标、三级指标）栏目，"
        "未能读取；请检查表头文字",
        project=None,
        where=where,
    )


def _no_forms_message(
    name: str, skipped: list[tuple[str, str, Where]], unread: list[Finding]
) -> str:
    if unread:
        return unread[0].message
    if any(what != _kind_name("") for _, what, _ in skipped):
        kinds = "、".join(dict.fromkeys(what for _, what, _ in skipped))
        return (
            f"“{name}”中没有绩效自评表，只有{kinds}（没有实际完成值或全年执行数），"
            "无法评分；请打开其中的绩效自评表，或使用数据模板"
        )
    return (
        f"“{name}”中没有可识别的项目支出绩效自评表或部门整体支出绩效自评表"
        "（未找到“项目名称”“年初预算数”“一级指标”等栏目）"
    )


def _read_form(ix: SheetIndex, seg: Segment, prev_last: int, percent: PercentCells) -> _Form:
    """Read one form's parts from its rows."""
    sheet = ix.sheet
    ctx = Context(sheet.name, percent=percent)
    form = _Form(seg, sheet.name, findings=ctx.findings)
    form.year = (
        year_in(sheet.value(seg.title_row, _title_col(ix, seg.title_row)))
        if (seg.title_row is not None)
        else None
    )
    body = [r for r in (seg.funds_row, seg.task_row, seg.indicator_row) if r is not None]
    head_end = min(body, default=seg.end)
    _read_header(ix, seg, form, prev_last, head_end)
    ctx.project = form.name or None
    used: set[int] = set()
    last = max(seg.name_row or seg.start, seg.title_row or seg.start)
    spent = actual = False
    if seg.funds_row is not None:
        end = min((r for r in body if r > seg.funds_row), default=seg.end)
        block = read_funds(ix, seg.funds_row, end, ctx, seg.start)
        form.funds, form.scale = block.funds, block.scale
        used.update(range(seg.funds_row, block.last_row + 1))
        last = max(last, block.last_row)
        spent = "spent" in ix.roles(seg.funds_row)
    if seg.task_row is not None:
        end = min((r for r in body if r > seg.task_row), default=seg.end)
        form.tasks, task_last = read_tasks(ix, seg.task_row, end)
        used.update(range(seg.task_row, task_last + 1))
        last = max(last, task_last)
    if seg.indicator_row is not None:
        table = read_indicators(ix, seg.indicator_row, seg.end, ctx)
        form.indicators = table.indicators
        form.total_score, form.total_score_at = table.total_score, table.total_score_at
        used.update(range(seg.indicator_row, seg.end))
        last = max(last, table.last_row)
        actual = table.has_actual
        if table.skipped:
            form.findings.append(_rows_skipped(form.name or None, table.skipped))
    form.has_actuals = spent or actual or seg.kind == "department"
    goal_rows = [r for r in ix.label_rows(seg.start, seg.end) if r not in used]
    (form.goal, _), (form.achieved, _) = read_goals(ix, goal_rows, ctx)
    if form.total_score is None:
        # 自评得分 written elsewhere on the form (beside the title, in the header rows).
        lab = next((lab for r in goal_rows for lab in ix.rows[r] if lab.role == "self_score"), None)
        if lab is not None:
            form.total_score, form.total_score_at = self_score(ix, lab, ctx)
    if form.total_score_at is None:
        # A total written into its label outside the tables (Hubei's "总分：    分").
        found = header_total(ix, goal_rows, ctx)
        if found is not None:
            form.total_score, form.total_score_at, form.total_inline = found
    _read_slots(ix, seg, form, ctx)
    form.closing = read_closing(ix, seg.start, seg.end, last + 1)
    form.last_row = last
    return form


def _read_slots(ix: SheetIndex, seg: Segment, form: _Form, ctx: Context) -> None:
    """Where the total is written inside its label ("自评得分：95.5"), and the form's grade."""
    total = ref_row_col(form.total_score_at.cell) if form.total_score_at is not None else None
    if total is not None and form.total_inline is None:
        form.total_inline = slot_inline(ix, *total)
    beside = None if form.total_inline is not None else total
    form.grade, form.grade_at, form.grade_inline = read_grade(ix, seg.start, seg.end, beside, ctx)


def _rows_skipped(project: str | None, rows: tuple[tuple[Where, str], ...]) -> Finding:
    shown = "、".join(f"“{name}”（{where.cell}）" for where, name in rows[:5])
    more = f"等{len(rows)}行" if len(rows) > 5 else ""
    return Finding(
        severity="info",
        code="rows_skipped",
        message=f"以下行只有指标名称，没有指标值、实际完成值、分值和得分，未作为指标：{shown}{more}",
        project=project,
        where=rows[0][0],
    )


def _title_col(ix: SheetIndex, row: int | None) -> int:
    if row is None:
        return 0
    return next(lab.col for lab in ix.rows[row] if lab.role in TITLE_ROLES)


def _read_header(ix: SheetIndex, seg: Segment, form: _Form, prev_last: int, end: int) -> None:
    """Fill the form's name, 主管部门 and 实施单位 from its header rows. A name left empty is
    taken from a line above the form (the seed's "2022年综合管理及条件改善" above an empty
    项目名称 row), and an empty 实施单位 from the line after it. A department form without a
    部门名称 is named after its 主管部门."""
    labels = header_labels(ix, seg.start, end)
    department = seg.kind == "department"
    name_role = "dept_name" if department else "name"
    got: dict[str, tuple[str, int, int] | None] = {
        role: value_of(ix, lab) for role, lab in labels.items()
    }
    name = got.get(name_role)
    unit = got.get("unit")
    # Lines between the title and the form: a year line, or the name and unit above an
    # empty 项目名称 row.
    first_row = seg.title_row + 1 if seg.title_row is not None else prev_last + 1
    lines = []
    for line in loose_lines(ix, first_row, seg.name_row if seg.name_row is not None else end):
        if _YEAR_LINE.fullmatch(line[0].replace(" ", "")):
            form.year = form.year or year_in(line[0])
        else:
            lines.append(line)
    if name is None and lines:
        name, lines = lines[0], lines[1:]
        if unit is None and lines and "unit" in labels:
            unit = lines[0]
    if name is None and department:
        name = got.get("supervisor")
    sheet_name = ix.sheet.name
    if name is not None:
        form.name = name[0]
        form.name_at = Where(sheet_name, cell_ref(name[1], name[2]))
    elif not department:
        where = Where(sheet_name, cell_ref(seg.start, 0))
        form.name = f"未命名项目（{where}）"
        form.name_at = where
        form.findings.append(
            Finding(
                severity="error",
                code="missing_value",
                message=f"工作表“{sheet_name}”第{seg.start + 1}行起的项目支出绩效自评表未写项目名称",
                project=None,
                where=where,
            )
        )
    supervisor = got.get("supervisor") or (got.get("dept_name") if name_role == "name" else None)
    form.supervisor = supervisor[0] if supervisor else ""
    form.unit = unit[0] if unit else ""


def _extra_department(form: _Form, first: Department) -> Finding:
    where = form.name_at or form.start
    return Finding(
        severity="warning",
        code="extra_department",
        message=f"工作簿中有第二张部门整体支出绩效自评表（{where}，“{form.name or '未写部门名称'}”），"
        f"只评了第一张（“{first.name or '未写部门名称'}”）；请把每个部门放在单独的工作簿中",
        project=None,
        where=where,
    )


def _project(form: _Form, findings: list[Finding]) -> Project:
    """Return the Project of a project form, with `missing_value` findings for absent parts."""
    seg = form.segment
    where = form.name_at
    if form.funds is None:
        findings.append(
            Finding(
                severity="error",
                code="missing_value",
                message=f"项目“{form.name}”的自评表中未找到项目资金（年初预算数、全年预算数、全年执行数）",
                project=form.name,
                where=where,
            )
        )
    if seg.indicator_row is None:
        findings.append(
            Finding(
                severity="error",
                code="missing_value",
                message=f"项目“{form.name}”的自评表中未找到绩效指标（一级指标、二级指标、三级指标）",
                project=form.name,
                where=where,
            )
        )
    return Project(
        name=form.name,
        department=form.supervisor,
        unit=form.unit,
        funds=form.funds or Funds(),
        goal=form.goal,
        achieved=form.achieved,
        indicators=form.indicators,
        amount_scale=form.scale,
        where=where,
        stated_total_score=form.total_score,
        stated_total_score_at=form.total_score_at,
        stated_total_score_inline=form.total_inline,
        stated_grade=form.grade,
        grade_at=form.grade_at,
        grade_inline=form.grade_inline,
        signature=form.closing.signature,
        **form.closing.texts,
    )


def _department(form: _Form) -> Department:
    """Return the Department of a 部门整体支出绩效自评表."""
    return Department(
        name=form.name,
        year=form.year,
        goal=form.goal,
        achieved=form.achieved,
        supervisor=form.supervisor,
        tasks=form.tasks,
        indicators=form.indicators,
        funds=form.funds,
        amount_scale=form.scale,
        where=form.name_at,
        stated_total_score=form.total_score,
        stated_total_score_at=form.total_score_at,
        stated_total_score_inline=form.total_inline,
        stated_grade=form.grade,
        grade_at=form.grade_at,
        grade_inline=form.grade_inline,
        signature=form.closing.signature,
        **form.closing.texts,
    )
