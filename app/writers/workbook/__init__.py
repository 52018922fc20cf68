"""The generated workbook (`selfeval generate`): 汇总, 部门整体, one 项目支出绩效自评表 per
project, and 问题清单 — the official forms scored and flagged, ready to print on A4.

The same writing makes the submission copy (报送版, `submission=True`): 部门整体, the project
forms and 汇总 last, with the very values and formulas of the review copy's forms but plain
(`Styles(plain=True)`): no fills, no marks, no notes, no legend, no links, no 问题清单.

The sheet modules do the layout (`summary`, `department`,
`project` on the blocks of `form`, `findings`); this one orders
them and wires the cross-references: the summary reads each form's totals, the department
form reads the summary's 合计, and every finding links to the output cell it concerns.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app import __version__
from app.evaluate.results import Evaluation
from app.model import Where
from app.readers.ours import MARKER, RESULT
from app.writers.workbook.department import SHEET as DEPARTMENT_SHEET
from app.writers.workbook.department import write_department_form
from app.writers.workbook.findings import SHEET as FINDINGS_SHEET
from app.writers.workbook.findings import locator, write_findings
from app.writers.workbook.form import Anchors
from app.writers.workbook.layout import quote_sheet, safe_sheet_name
from app.writers.workbook.project import write_project_form
from app.writers.workbook.stream import StreamingWorkbook
from app.writers.workbook.styles import Styles
from app.writers.workbook.summary import SHEET as SUMMARY_SHEET
from app.writers.workbook.summary import summary_scale, write_summary

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
"""User text is always text: a goal "=SUM(A1)" or "+86…" never becomes a formula or number."""


def project_sheet_names(ev: Evaluation) -> list[str]:
    """Return the sheet name of each project's form, in project order (valid and unique)."""
    taken: set[str] = set()
    return [safe_sheet_name(p.project.name, taken) for p in ev.projects]


def write_workbook(
    ev: Evaluation,
    path: str | Path,
    *,
    source_name: str,
    progress: Callable[[int, int], None] | None = None,
    saving: Callable[[int, int], None] | None = None,
    submission: bool = False,
) -> None:
    """Write the evaluated workbook to `path` (an .xlsx written in one go by xlsxwriter): the
    review copy, or with `submission` the submission copy.

    `progress(done, total)` is called after each project form, then `saving(done, total)`
    while the summary and findings are laid out and each part of the package is zipped. An
    exception either raises (a cancel) propagates and no file is left at `path`.
    """
    # Cyclic garbage collection would traverse xlsxwriter's growing pile of cell records
    # again and again (10–15 % of the CPU time for 1,000 forms, measured); this writing makes
    # no garbage cycles, so the collector rests until the workbook is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _write(ev, path, source_name, progress, saving, submission)
    finally:
        if collecting:
            gc.enable()


def _write(
    ev: Evaluation,
    path: str | Path,
    source_name: str,
    progress: Callable[[int, int], None] | None,
    saving: Callable[[int, int], None] | None,
    submission: bool,
) -> None:
    wb = StreamingWorkbook(str(path), WORKBOOK_OPTIONS)
    title = "绩效自评表（报送版）" if submission else "绩效自评表"
    wb.set_properties({"title": title, "author": "selfeval", "comments": f"由 {source_name} 生成"})
    # How selfeval knows its own output, whatever the file is named (app/readers/ours.py).
    wb.set_custom_property(MARKER, f"{RESULT} {__version__}" + (" 报送版" if submission else ""))
    styles = Styles(wb, plain=submission)
    # The submission copy hands in the forms first; its 汇总 (which the 部门整体 form reads)
    # comes last.
    summary_ws = None if submission else wb.add_worksheet(SUMMARY_SHEET)
    department_ws = wb.add_worksheet(DEPARTMENT_SHEET)
    dep = ev.department.department
    rules = ev.rules
    forms: list[Anchors] = []
    total = len(ev.projects)
    for i, (pr, name) in enumerate(zip(ev.projects, project_sheet_names(ev), strict=True)):
        ws = wb.add_worksheet(name)
        forms.append(write_project_form(ws, styles, pr, rules, dep.year, name, dep.signature))
        wb.release(ws)
        if progress is not None:
            progress(i + 1, total)
    if summary_ws is None:
        summary_ws = wb.add_worksheet(SUMMARY_SHEET)
    findings_ws = None if submission else wb.add_worksheet(FINDINGS_SHEET)
    # Saving counts the summary's rows, the findings' rows, then the package's parts (about
    # four per sheet), so that a cancel is heard and the bar moves until the file is done.
    count = 0 if submission else len(ev.findings)
    parts = 9 + 4 * (total + 3)
    units = total + count + parts
    rows: Callable[[int], None] | None = None
    found: Callable[[int], None] | None = None
    if saving is not None:
        tell = saving

        def rows(i: int) -> None:
            tell(i, units)

        def found(i: int) -> None:
            tell(total + i, units)

        def packed(done: int, of: int) -> None:
            tell(total + count + done * parts // max(of, 1), units)

        wb.on_part = packed
    made = datetime.now().strftime("%Y-%m-%d %H:%M")
    guard = gap_guard(ev, forms)
    totals = write_summary(summary_ws, styles, ev, forms, made, source_name, guard, tick=rows)
    department = write_department_form(
        department_ws, styles, ev.department, rules, totals, total, summary_scale(ev), guard
    )
    if findings_ws is not None:
        write_findings(
            findings_ws, styles, ev.findings, _locator(ev, forms, department), tick=found
        )
    (department_ws if submission else summary_ws).activate()
    wb.close()


GUARD_LIMIT = 30
"""Beyond this many amounts left out, a total's 执行率 is a plain "—" rather than a formula
that checks each of them."""


def gap_guard(ev: Evaluation, forms: list[Anchors]) -> str | None:
    """Return an Excel condition that holds once every budget or spent amount the projects'
    total leaves out is a number in its form ("AND(ISNUMBER('项目'!F8),…)"), so a total's
    执行率 comes back live when a person corrects the cell; None when nothing is left out,
    or when some of it has no cell in the output."""
    refs: list[str] = []
    for pr, anchors in zip(ev.projects, forms, strict=True):
        for g in pr.funds.total.gaps:
            if g.field == "initial":
                continue
            cell = anchors.cells.get(g.where) if g.where is not None else None
            if cell is None:
                return None
            refs.append(f"{quote_sheet(anchors.sheet)}!{cell}")
    if not refs or len(refs) > GUARD_LIMIT:
        return None
    return "AND(" + ",".join(f"ISNUMBER({ref})" for ref in refs) + ")"


def _locator(ev: Evaluation, forms: list[Anchors], department: Anchors):
    """Return where each finding points in the output (for the findings sheet)."""
    cells: dict[Where, tuple[str, str]] = {}
    owners: dict[int, Anchors] = {}
    by_name: dict[str, Anchors] = {}
    for anchors in (department, *forms):
        for where, cell in anchors.cells.items():
            cells.setdefault(where, (anchors.sheet, cell))
    for f in ev.department.findings:
        owners[id(f)] = department
    for pr, anchors in zip(ev.projects, forms, strict=True):
        by_name.setdefault(pr.project.name, anchors)
        for f in pr.findings:
            owners[id(f)] = anchors
    return locator(owners, by_name, cells)
