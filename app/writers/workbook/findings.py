"""The 问题清单 sheet: every finding, errors first, each linked to the output cell it concerns."""

from __future__ import annotations

from collections.abc import Callable

from app.evaluate.tally import tally
from app.model import Finding, Where
from app.writers.workbook.form import Anchors
from app.writers.workbook.layout import RowHeights, print_setup, quote_sheet
from app.writers.workbook.styles import MANUAL_FILL, UNMET_FILL, Styles

SHEET = "问题清单"
WIDTHS = (5.0, 8.0, 20.0, 14.0, 42.0, 12.0)
HEADER_ROW = 2
TICK_ROWS = 64
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_FILL = {"error": UNMET_FILL, "warning": MANUAL_FILL, "info": None}

_TOTAL_CODES = {"rate_low", "rate_undefined", "budget_adjusted"}
"""Findings about the funds block as a whole: they point at its 年度资金总额 row whatever
input cell they name."""

Locate = Callable[[Finding], tuple[str, str] | None]


def sorted_findings(findings: tuple[Finding, ...]) -> list[Finding]:
    """Return the findings errors first, then warnings, then info, in input order within each."""
    return sorted(findings, key=lambda f: _ORDER.get(f.severity, 3))


def locator(
    owners: dict[int, Anchors],
    by_name: dict[str, Anchors],
    cells: dict[Where, tuple[str, str]],
) -> Locate:
    """Return a function giving the (sheet, cell) of the output a finding concerns, or None.

    `owners` maps id(finding) to the form it belongs to; `by_name` maps project names to
    their form (for the reader's findings); `cells` maps input cells to output cells.
    """

    def locate(f: Finding) -> tuple[str, str] | None:
        anchors = owners.get(id(f)) or (by_name.get(f.project) if f.project else None)
        if anchors is not None and f.code in _TOTAL_CODES and f.code in anchors.by_code:
            return anchors.sheet, anchors.by_code[f.code]
        if anchors is not None and f.code == "explanation_missing" and f.code in anchors.by_code:
            # An indicator's explanation is in its row's column I; a project's reason for
            # its 执行率 or budget is in the form's 偏差说明 row.
            cell = cells.get(f.where) if f.where is not None else None
            if cell is None or not cell[1].startswith("I"):
                return anchors.sheet, anchors.by_code[f.code]
        if f.where is not None and f.where in cells:
            return cells[f.where]
        if f.where is not None and ":" in f.where.cell:
            start = Where(f.where.sheet, f.where.cell.split(":", 1)[0])
            if anchors is not None and f.code in anchors.by_code:
                return anchors.sheet, anchors.by_code[f.code]
            if start in cells:
                return cells[start]
        if anchors is None:
            return None
        if f.code in anchors.by_code:
            return anchors.sheet, anchors.by_code[f.code]
        return anchors.sheet, anchors.by_code.get("project", "A1")

    return locate


def write_findings(
    ws,
    styles: Styles,
    findings: tuple[Finding, ...],
    locate: Locate,
    tick: Callable[[int], None] | None = None,
) -> None:
    """Write the 问题清单 sheet; each 结果位置 names the sheet and cell it links to
    (项目名!F7). `tick(done)` is called every few dozen rows (an exception it raises
    propagates)."""
    st = styles
    heights = RowHeights(WIDTHS)
    last_col = len(WIDTHS) - 1
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, last_col, "问题清单", st.get("title"))
    heights.fixed(0, 32)
    n = tally(findings)
    info = (
        f"共 {len(findings)} 项：错误 {n.error} 项、警告 {n.warning} 项（即问题数 {n.problems}），"
        f"提示 {n.info} 项。点击“结果位置”可转到表中对应单元格。"
    )
    ws.merge_range(1, 0, 1, last_col, info, st.get("info"))
    heights.need(1, info, 0, last_col, size=10)
    for col, head in enumerate(("序号", "严重程度", "项目", "输入位置", "说明", "结果位置")):
        ws.write_string(HEADER_ROW, col, head, st.get("head"))
    heights.fixed(HEADER_ROW, 22)
    center, text, link = st.get("center"), st.get("text"), st.get("link")
    r = HEADER_ROW
    for i, f in enumerate(sorted_findings(findings)):
        if tick is not None and not i % TICK_ROWS:
            tick(i)
        r = HEADER_ROW + 1 + i
        ws.write_number(r, 0, i + 1, center)
        ws.write_string(
            r,
            1,
            SEVERITY_NAMES.get(f.severity, f.severity),
            st.get("center", _SEVERITY_FILL.get(f.severity)),
        )
        ws.write_string(r, 2, f.project or "（部门/工作簿）", text)
        where = "" if f.where is None else str(f.where)
        ws.write_string(r, 3, where, text)
        ws.write_string(r, 4, f.message, text)
        heights.need(r, f.project or "", 2, 2)
        heights.need(r, where, 3, 3)
        heights.need(r, f.message, 4, 4)
        target = locate(f)
        if target is None:
            ws.write_string(r, 5, "—", center)
            continue
        sheet, cell = target
        shown = f"{sheet}!{cell}"
        ws.write_url(r, 5, f"internal:{quote_sheet(sheet)}!{cell}", link, string=shown)
        heights.need(r, shown, 5, 5)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.autofilter(HEADER_ROW, 0, r, last_col)
    print_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))
    heights.apply(ws)
