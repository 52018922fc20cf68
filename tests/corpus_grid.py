"""Writing helpers shared by the corpus builders (tests/build_corpus.py).

A form is written as a grid of rows (None or a missing cell is left empty) with merged ranges
given by their corners only: the merged value is the grid's value at the top-left corner, as a
person reading the form sees it. Titles are written apart in a bold centred format, and every
workbook carries the same fixed creation date, so that rebuilding the corpus gives the same
cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from build_form_files import write_grid

_ = None
"""An empty cell, short enough to keep a form's rows one line each."""

Span = tuple[int, int, int, int]
"""(first_row, first_col, last_row, last_col) of a merged range, relative to the grid's top."""

Title = tuple[int, int, int, str]
"""(row, first_col, last_col, text) of a title line, relative to the grid's top."""

CREATED = datetime(2024, 3, 1, 9, 0, 0)


def workbook(path: Path) -> xlsxwriter.Workbook:
    """Return a new workbook at `path` that writes text as text (never as a number or a
    formula), with fixed document properties."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    wb.set_properties({"author": "财务科", "created": CREATED})
    return wb


def form(
    wb: xlsxwriter.Workbook,
    ws: Any,
    grid: Sequence[Sequence[Any]],
    spans: Sequence[Span] = (),
    *,
    top: int = 0,
    titles: Sequence[Title] = (),
    percent_cells: Sequence[tuple[int, int]] = (),
    widths: Sequence[tuple[int, int, float]] = (),
) -> int:
    """Write one form from row `top`: the grid with its merged ranges (write_grid), its title
    lines in bold, and the column widths (first, last, width). Return the row after the form."""
    merges = [(r0, c0, r1, c1, _cell(grid, r0, c0)) for r0, c0, r1, c1 in spans]
    end = write_grid(wb, ws, grid, merges, top=top, percent_cells=percent_cells)
    bold = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    for r, c0, c1, text in titles:
        if c0 == c1:
            ws.write_string(top + r, c0, text, bold)
        else:
            ws.merge_range(top + r, c0, top + r, c1, text, bold)
    for first, last, width in widths:
        ws.set_column(first, last, width)
    # Rows as tall as their wrapped text (merged-down cells aside), printed on A4 one page wide.
    tall = {
        (r, c)
        for r0, c0, r1, c1 in spans
        if r1 > r0
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
    }
    for r, line in enumerate(grid):
        lines = max((_lines(v) for c, v in enumerate(line) if (r, c) not in tall), default=1)
        if lines > 1:
            ws.set_row(top + r, 14 * lines)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    return end


def _lines(value: Any) -> int:
    """The lines a cell's text takes: its line breaks, and one more per 40 characters."""
    if not isinstance(value, str):
        return 1
    return sum(1 + len(part) // 40 for part in value.split("\n"))


def _cell(grid: Sequence[Sequence[Any]], r: int, c: int) -> Any:
    row = grid[r]
    return row[c] if c < len(row) else None


def sheet_of_text(
    wb: xlsxwriter.Workbook, name: str, title: str | None, lines: Sequence[str]
) -> None:
    """Write a sheet holding a title (or none) and paragraphs of text one per row, as a
    budget system exports a report or a basis document."""
    ws = wb.add_worksheet(name)
    ws.set_column(0, 0, 90)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    row = 0
    if title is not None:
        ws.write_string(
            0, 0, title, wb.add_format({"bold": True, "font_size": 14, "align": "center"})
        )
        row = 2
    for i, line in enumerate(lines):
        ws.write_string(row + i, 0, line, wrap)
