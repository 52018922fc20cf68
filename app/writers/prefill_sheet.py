"""The 预填说明 sheet of a pre-filled data template: what was filled from which file, what is
left to fill (marked), and what the hint column is. The template reader ignores it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from app.writers.template_guide import display_width

TO_FILL_COLOR = "#FFF2CC"
"""The fill of the cells a pre-filled template leaves to be filled (实际完成值 …)."""


@dataclass(frozen=True)
class Prefill:
    """What a pre-filled template (`app.prefill`) adds to the blank one: a sheet saying where
    its rows came from (written first), a hint column after some sheets' own columns (the
    reader ignores it), and the columns whose empty cells are marked as the ones to fill."""

    notes: tuple[str, ...] = ()
    """Paragraphs of the 预填说明 sheet."""
    sources: tuple[tuple[str, ...], ...] = ()
    """Rows of its table: 文件 | 工作表 | 表格 | 项目 | 采用."""
    hints: Mapping[str, str] = field(default_factory=dict)
    """Sheet name → header of its hint column; a row's value for it follows its own columns."""
    to_fill: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Sheet name → columns whose empty cells are to be filled."""


SHEET = "预填说明"
TITLE = "绩效自评数据模板（已预填）· 预填说明"
HEADER = ("文件", "工作表", "表格", "项目", "采用")
_WIDTHS = (30, 18, 18, 34, 40)


def _height(texts: tuple[tuple[str, float], ...]) -> float:
    lines = max(max(1, -(-display_width(t) // max(int(w) - 2, 1))) for t, w in texts)
    return 16.0 * lines + 4


def write_prefill_sheet(ws: Worksheet, workbook: xlsxwriter.Workbook, prefill: Prefill) -> None:
    """Write the 预填说明 sheet into `ws`: title, the notes, the legend, the sources table."""

    title = workbook.add_format({"bold": True, "font_size": 16, "align": "center"})
    paragraph = workbook.add_format({"text_wrap": True, "valign": "top"})
    border = {"border": 1, "text_wrap": True, "valign": "top"}
    header = workbook.add_format({**border, "bold": True, "bg_color": "#DDEBF7"})
    cell = workbook.add_format(border)
    legend = workbook.add_format({**border, "bg_color": TO_FILL_COLOR})
    for col, width in enumerate(_WIDTHS):
        ws.set_column(col, col, width)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(2)
    last = len(_WIDTHS) - 1
    full = float(sum(_WIDTHS))

    def line(row: int, text: str, fmt: object, height: float | None = None) -> int:
        ws.merge_range(row, 0, row, last, "", fmt)
        ws.write_string(row, 0, text, fmt)
        ws.set_row(row, height or _height(((text, full),)))
        return row + 1

    row = line(0, TITLE, title, 30)
    for text in prefill.notes:
        row = line(row, text, paragraph)
    ws.write_string(row, 0, "", legend)
    ws.merge_range(row, 1, row, last, "", paragraph)
    ws.write_string(row, 1, "这样的单元格待填写（实际完成值、全年预算数、全年执行数等）", paragraph)
    row += 2
    for col, text in enumerate(HEADER):
        ws.write_string(row, col, text, header)
    ws.repeat_rows(row)
    row += 1
    for values in prefill.sources:
        for col, text in enumerate(values):
            ws.write_string(row, col, text, cell)
        ws.set_row(row, _height(tuple(zip(values, _WIDTHS, strict=False))))
        row += 1
