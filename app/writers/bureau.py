"""The bureau-wide summary (`--summary`): one workbook across all departments of a batch.

部门汇总 ranks the departments (one row each, figures from their reports), 全部项目 lists every
project of every department, 失败文件 the files that could not be used, 未计入文件 those passed
over (a copy, the same department again, a workbook selfeval made). Each row links to its
source file and to the finished workbook made from it (paths relative to the summary, so the
folder can be moved as a whole).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from app import __version__
from app.errors import OutputError
from app.files import same_file
from app.files.atomic import atomic_output
from app.readers.ours import MARKER, SUMMARY
from app.rollup import BatchItem, DepartmentRow, department_rows, left_out_words
from app.rules import NATIONAL, Rules
from app.writers.workbook.layout import PX_PER_UNIT, RowHeights, print_setup, quote_sheet, text_px
from app.writers.workbook.styles import GRADE_FILLS, MANUAL_FILL, UNMET_FILL, Styles

DEPARTMENTS_SHEET = "部门汇总"
PROJECTS_SHEET = "全部项目"
FAILED_SHEET = "失败文件"
PASSED_SHEET = "未计入文件"
HEADER_ROW = 2
"""Title, information line, then the header: data starts on the fourth row."""

OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,  # a few small parts: temporary files would only cost file-system calls
}
MAX_LINKS = 65_000
"""Excel keeps at most 65,530 hyperlinks per sheet; beyond that names are plain text."""
PROVISIONAL_LEGEND = "黄色：含待人工确认的项目，得分暂定"
SEVERITIES = (("error", "错误"), ("warning", "警告"), ("info", "提示"))


def write_bureau(
    items: Sequence[BatchItem], target: str | Path, rules: Rules = NATIONAL
) -> list[DepartmentRow]:
    """Write the summary of a batch to `target` (.xlsx, replaced only once complete); return
    the department rows it shows, ranked. Raises OutputError when it cannot be written."""
    target = Path(target)
    for item in items:
        if same_file(item.input, target):
            raise OutputError(f"汇总文件不能与输入文件“{item.input.name}”相同，请另选保存位置")
    grades = [g for _, g in rules.grades]
    rows = department_rows(items, grades)
    try:
        with atomic_output(target) as tmp:
            wb = xlsxwriter.Workbook(str(tmp), OPTIONS)
            wb.set_properties({"title": "绩效自评部门汇总", "author": "selfeval"})
            wb.set_custom_property(MARKER, f"{SUMMARY} {__version__}")
            styles = Styles(wb)
            links = _Links(target.parent)
            made = datetime.now().strftime("%Y-%m-%d %H:%M")
            failed = [item for item in items if not item.ok]
            passed = [item for item in items if item.ok and item.skipped]
            outputs = any(item.output is not None for item in items)
            years = len({r.year for r in rows}) > 1
            info = (
                f"生成时间：{made}　　共{len(items)}个文件：成功{len(rows)}个，"
                f"失败{len(failed)}个"
                + (f"，未计入{len(passed)}个" if passed else "")
                + f"　　金额单位：万元　　{PROVISIONAL_LEGEND}"
                + ("　　排名按年度分别计算" if years else "")
            )
            ws = wb.add_worksheet(DEPARTMENTS_SHEET)
            projects_ws = wb.add_worksheet(PROJECTS_SHEET)
            count = _write_projects(projects_ws, styles, rows, links, rules, outputs, info)
            _write_departments(ws, styles, rows, links, rules, grades, outputs, info, count)
            if failed:
                _write_failed(wb.add_worksheet(FAILED_SHEET), styles, failed, links)
            if passed:
                _write_failed(wb.add_worksheet(PASSED_SHEET), styles, passed, links)
            ws.activate()
            wb.close()
    except (OSError, XlsxWriterException) as exc:
        raise OutputError(f"无法写入汇总文件“{target.name}”：{exc}") from None
    return rows


class _Links:
    """Hyperlinks to files, relative to the summary's folder, counted per sheet."""

    def __init__(self, base: Path) -> None:
        self.base = base.resolve()
        self.used: Counter[str] = Counter()

    def href(self, path: Path) -> str:
        resolved = path.resolve()
        try:
            return os.path.relpath(resolved, self.base)
        except ValueError:  # another drive on Windows: no relative path exists
            return str(resolved)

    def write(
        self, ws, row: int, col: int, path: Path | None, text: str, styles: Styles, sheet=None
    ):
        """Write `text` linked to `path` (at `sheet`!A1 when given); plain text when there is
        no path, the path holds '#' (read as an anchor), or the sheet's links ran out."""
        href = None if path is None else self.href(path)
        if href is None or "#" in href or self.used[ws.name] >= MAX_LINKS:
            ws.write_string(row, col, text, styles.get("text"))
            return
        anchor = "" if sheet is None else f"#{quote_sheet(sheet)}!A1"
        self.used[ws.name] += 1
        ws.write_url(row, col, f"external:{href}{anchor}", styles.get("link"), string=text)


def _fit(texts: list[str], least: float, most: float) -> float:
    """Return a column width (Excel units) that shows the longest text on one line, within
    bounds: file names are links, and LibreOffice never wraps a linked cell."""
    widest = max((text_px(t) for t in texts), default=0.0)
    return min(max(widest / PX_PER_UNIT + 2, least), most)


def _name(row: DepartmentRow) -> str:
    return row.name or "（未填写部门名称）"


def _file_columns(
    heads: list[str], widths: list[float], rows: list[DepartmentRow], result_head: str | None
) -> None:
    """Append the 来源文件 column and, when outputs were written, the column linking to them."""
    heads.append("来源文件")
    widths.append(_fit([r.item.input.name for r in rows], 12, 40))
    if result_head is not None:
        heads.append(result_head)
        results = [r.item.output.name for r in rows if r.item.output is not None]
        widths.append(_fit(results, 12, 45))


def _header(ws, styles: Styles, title: str, info: str, heads: list[str], widths, heights) -> None:
    last = len(heads) - 1
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, last, title, styles.get("title"))
    heights.fixed(0, 32)
    ws.merge_range(1, 0, 1, last, "", styles.get("info"))
    ws.write_string(1, 0, info, styles.get("info"))
    heights.need(1, info, 0, last, size=10)
    for col, text in enumerate(heads):
        ws.write_string(HEADER_ROW, col, text, styles.get("head"))
        heights.need(HEADER_ROW, text, col, col)


def _finish(ws, heights: RowHeights, last_row: int, last_col: int) -> None:
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.autofilter(HEADER_ROW, 0, max(last_row, HEADER_ROW), last_col)
    print_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))
    ws.set_landscape()
    heights.apply(ws)


def _amount(ws, row: int, col: int, value: float | None, styles: Styles, left: str = "") -> None:
    """An amount; one that leaves something out is flagged and says so in a note."""
    fmt = styles.get("amount", MANUAL_FILL if left else None)
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, value, fmt)
    if left:
        ws.write_comment(row, col, f"不含{left}", {"x_scale": 1.5})


def _rate(ws, row: int, col: int, rate: float | None, styles: Styles) -> None:
    if rate is None:
        ws.write_string(row, col, "—", styles.get("pct"))
    else:
        ws.write_number(row, col, rate, styles.get("pct"))


def _rate_flags(ws, styles: Styles, first: int, last: int, col: int, rules: Rules) -> None:
    """A 执行率 below the rules' threshold in red, as in each department's 汇总."""
    fmt = styles.dxf(UNMET_FILL, "#9C0006")
    rule = {"type": "cell", "criteria": "<", "value": rules.rate_warn, "format": fmt}
    ws.conditional_format(first, col, max(last, first), col, rule)


def _write_departments(
    ws,
    styles: Styles,
    rows: list[DepartmentRow],
    links: _Links,
    rules: Rules,
    grades: list[str],
    outputs: bool,
    info: str,
    project_count: int,
) -> None:
    """Write 部门汇总: one ranked row per department and a 合计 row of live formulas."""
    heads = [
        "部门",
        "年度",
        "项目数",
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率",
        "平均得分",
        *grades,
        *(label for _, label in SEVERITIES),
        "排名",
    ]
    widths = [_fit([_name(r) for r in rows], 12, 30), 6.0, 7.0, 14.0, 14.0, 9.0, 9.0]
    widths += [5.0] * len(grades) + [6.0] * len(SEVERITIES) + [6.0]
    _file_columns(heads, widths, rows, "结果文件" if outputs else None)
    heights = RowHeights(tuple(widths))
    _header(ws, styles, "部门绩效自评汇总表", info, heads, widths, heights)
    center, score_fmt = styles.get("center"), styles.get("score")
    rank_col = 7 + len(grades) + len(SEVERITIES)
    first = HEADER_ROW + 1
    for r, row in enumerate(rows, start=first):
        name = _name(row)
        ws.write_string(r, 0, name, styles.get("text"))
        heights.need(r, name, 0, 0)
        if row.year is None:
            ws.write_blank(r, 1, None, center)
        else:
            ws.write_number(r, 1, row.year, center)
        ws.write_number(r, 2, row.projects, center)
        _amount(ws, r, 3, row.budget, styles, row.left_out.get("budget", ""))
        _amount(ws, r, 4, row.spent, styles, row.left_out.get("spent", ""))
        _rate(ws, r, 5, row.rate, styles)
        fmt = styles.get("score", MANUAL_FILL) if row.provisional else score_fmt
        if row.average is None:
            ws.write_string(r, 6, "—", fmt)
        else:
            ws.write_number(r, 6, row.average, fmt)
        counts = [row.grades[g] for g in grades] + [row.severities[s] for s, _ in SEVERITIES]
        for col, value in enumerate(counts, start=7):
            ws.write_number(r, col, value, center)
        if row.rank is None:
            ws.write_string(r, rank_col, "—", center)
        else:
            ws.write_number(r, rank_col, row.rank, center)
        item = row.item
        links.write(ws, r, rank_col + 1, item.input, item.input.name, styles)
        if outputs:
            out = item.output
            links.write(ws, r, rank_col + 2, out, "" if out is None else out.name, styles)
    last = first + len(rows) - 1
    _totals(ws, styles, rows, first, last, grades, project_count)
    _rate_flags(ws, styles, first, last + 1, 5, rules)
    heights.fixed(last + 1, 22)
    _finish(ws, heights, last, len(heads) - 1)


def _col(col: int) -> str:
    from app.model import col_letter

    return col_letter(col)


def _totals(
    ws,
    styles: Styles,
    rows: list[DepartmentRow],
    first: int,
    last: int,
    grades: list[str],
    project_count: int,
) -> None:
    """The 合计 row under the departments: sums, the overall 执行率 and the mean of every
    project's score (formulas with their cached values)."""
    tot = last + 1
    lo, hi, T = first + 1, last + 1, tot + 1
    center, amount = styles.get("center"), styles.get("amount")
    ws.merge_range(tot, 0, tot, 1, "合计", styles.get("label"))

    def total(col: int, value: float, fmt) -> None:
        if rows:
            ws.write_formula(tot, col, f"=SUM({_col(col)}{lo}:{_col(col)}{hi})", fmt, value)
        else:
            ws.write_number(tot, col, value, fmt)

    total(2, sum(r.projects for r in rows), center)
    budget, spent = sum(r.budget for r in rows), sum(r.spent for r in rows)
    total(3, budget, amount)
    total(4, spent, amount)
    for col, name in ((3, "budget"), (4, "spent")):
        parts = [f"{_name(r)}不含{r.left_out[name]}" for r in rows if name in r.left_out]
        if parts:
            note = "合计不含部分金额：" + "；".join(parts)
            ws.write_comment(tot, col, note, {"x_scale": 2})
    if any(r.left_out for r in rows):
        # A rate of part of the money is no rate: "—" until the departments' amounts are read.
        ws.write_string(tot, 5, "—", styles.get("pct", MANUAL_FILL))
    else:
        cached: Any = "—" if budget <= 0 else spent / budget
        ws.write_formula(tot, 5, f'=IF(N(D{T})<=0,"—",E{T}/D{T})', styles.get("pct"), cached)
    scores = [
        p["score"]
        for r in rows
        for p in (r.item.report or {}).get("projects", [])
        if p["score"] is not None
    ]
    mean: Any = sum(scores) / len(scores) if scores else ""
    col_score = (
        quote_sheet(PROJECTS_SHEET) + f"!H{HEADER_ROW + 2}:H{HEADER_ROW + 1 + project_count}"
    )
    ws.write_formula(
        tot, 6, f'=IF(COUNT({col_score})=0,"",AVERAGE({col_score}))', styles.get("score"), mean
    )
    counts = [sum(r.grades[g] for r in rows) for g in grades]
    counts += [sum(r.severities[s] for r in rows) for s, _ in SEVERITIES]
    for col, value in enumerate(counts, start=7):
        total(col, value, center)
    ws.write_comment(tot, 6, "全部项目自评得分的平均值", {"x_scale": 1.5})


def _write_projects(
    ws,
    styles: Styles,
    rows: list[DepartmentRow],
    links: _Links,
    rules: Rules,
    outputs: bool,
    info: str,
) -> int:
    """Write 全部项目: every project of every department, in the order of 部门汇总; return how
    many rows."""
    heads = [
        "部门",
        "项目",
        "实施单位",
        "年初预算数（万元）",
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率",
        "得分",
        "等级",
        "问题数",
    ]
    widths = [_fit([_name(r) for r in rows], 12, 30), 28.0, 20.0, 13.0, 13.0, 13.0, 9.0, 8.0]
    widths += [6.0, 7.0]
    _file_columns(heads, widths, rows, "自评表" if outputs else None)
    heights = RowHeights(tuple(widths))
    _header(ws, styles, "全部项目绩效自评结果", info, heads, widths, heights)
    center, text = styles.get("center"), styles.get("text")
    r = HEADER_ROW
    for dep in rows:
        report = dep.item.report or {}
        sheets = dep.item.sheets
        for k, p in enumerate(report.get("projects", [])):
            r += 1
            funds = p["funds"]
            cells = (_name(dep), p["name"], p["unit"] or "")
            for col, value in enumerate(cells):
                ws.write_string(r, col, value, text)
                heights.need(r, value, col, col)
            left = left_out_words(funds.get("left_out", []), ("initial", "budget", "spent"))
            for col, key in enumerate(("initial", "budget", "spent"), start=3):
                _amount(ws, r, col, funds[key], styles, left.get(key, ""))
            _rate(ws, r, 6, funds["rate"], styles)
            fill = MANUAL_FILL if p["provisional"] else None
            if p["score"] is None:
                ws.write_string(r, 7, "—", styles.get("score", fill))
            else:
                ws.write_number(r, 7, p["score"], styles.get("score", fill))
            ws.write_string(r, 8, p["grade"] or "—", styles.get("center", fill))
            ws.write_number(r, 9, p["counts"]["problems"], center)
            item = dep.item
            links.write(ws, r, 10, item.input, item.input.name, styles)
            if outputs:
                sheet = sheets[k] if k < len(sheets) else None
                shown = "" if item.output is None else item.output.name
                links.write(ws, r, 11, item.output, shown, styles, sheet)
    count = r - HEADER_ROW
    _rate_flags(ws, styles, HEADER_ROW + 1, r, 6, rules)
    for k, (_, grade) in enumerate(rules.grades):
        fmt = styles.dxf(GRADE_FILLS[min(k, len(GRADE_FILLS) - 1)])
        rule = {"type": "cell", "criteria": "==", "value": f'"{grade}"', "format": fmt}
        ws.conditional_format(HEADER_ROW + 1, 8, max(r, HEADER_ROW + 1), 8, rule)
    _finish(ws, heights, r, len(heads) - 1)
    return count


def _write_failed(ws, styles: Styles, failed: list[BatchItem], links: _Links) -> None:
    """Write 失败文件 (each file that could not be used and why), or 未计入文件 (each file
    passed over and why: a copy, the same department again, a workbook selfeval made)."""
    heads = ["序号", "文件", "原因"]
    widths = (6.0, _fit([str(item.input) for item in failed], 20, 60), 80.0)
    heights = RowHeights(widths)
    if ws.name == PASSED_SHEET:
        title, info = "未计入的文件", f"共{len(failed)}个文件未计入汇总，原因见下"
    else:
        title, info = "未能处理的文件", f"共{len(failed)}个文件未能处理，请按原因修改后重新运行"
    _header(ws, styles, title, info, heads, list(widths), heights)
    for r, item in enumerate(failed, start=HEADER_ROW + 1):
        why = item.error or item.skipped or ""
        ws.write_number(r, 0, r - HEADER_ROW, styles.get("center"))
        links.write(ws, r, 1, item.input, str(item.input), styles)
        ws.write_string(r, 2, why, styles.get("text"))
        heights.need(r, why, 2, 2)
    _finish(ws, heights, HEADER_ROW + len(failed), len(heads) - 1)
