"""Make a plan's changes in a copy of the office's workbook with openpyxl: load, set the cells,
save. Only the planned cells change; everything openpyxl keeps stays as it was (losses are
found before, see `losses`), and the formulas keep their last results (see `cached`)."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.fill.cached import results_of, write_with_results
from app.fill.edits import Edit, Formula
from app.fill.losses import Loss, loss_of_warning
from app.fill.plan import CellLookup
from app.model import Where, ref_row_col

FRAME_COLOUR = "FFC00000"
"""The red frame of an empty 偏差原因分析 that must be filled (the review workbook's)."""
_DECIMALS = re.compile(r"\.([0#?]+)")
_BIG_MERGE = 10_000
"""Merged ranges of more cells than this are looked up one by one, not indexed cell by cell."""


def load(path: str | Path) -> tuple[Any, list[Loss]]:
    """Load the workbook for editing; return it and what openpyxl said, while loading, it
    cannot keep."""
    from openpyxl import load_workbook

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = load_workbook(path, rich_text=True, keep_links=True)
    losses = [loss for w in caught if (loss := loss_of_warning(str(w.message))) is not None]
    return book, losses


class Cells:
    """What the cells of `book` (loaded from `source`) hold, for planning: `cells(where)` is
    the value, None for an empty cell or a sheet the book does not have, a `Formula` with its
    last result for a formula (read with calamine when first asked). Asking creates no cell.
    Call close() when done."""

    def __init__(self, book: Any, source: str | Path | None = None) -> None:
        self.book, self.source = book, source
        self._results: Any = None

    def __call__(self, where: Where) -> Any:
        if where.sheet not in self.book.sheetnames:
            return None
        ws = self.book[where.sheet]
        row, col = ref_row_col(where.cell)
        found = ws._cells.get((row + 1, col + 1))  # ws[...] would create the cell
        if found is None:
            return None
        value = found.value
        if found.data_type != "f":
            return value
        return Formula(str(getattr(value, "text", value)), self._result(where.sheet, row, col))

    def _result(self, sheet: str, row: int, col: int) -> Any:
        if self.source is None:
            return None
        if self._results is None:
            from app.readers.book import open_book

            self._results = open_book(self.source)
        found = self._results.sheet(sheet)
        value = None if found is None else found.value(row, col)
        return None if value == "" else value

    def close(self) -> None:
        """Release the workbook file read for formulas' results."""
        if self._results is not None:
            self._results.close()
            self._results = None


def lookup(book: Any) -> CellLookup:
    """Return the cells of `book` as `Cells` does, without formulas' results."""
    return Cells(book)


class _Merges:
    """The merged ranges of one sheet: which range a cell lies in."""

    def __init__(self, ws: Any) -> None:
        self.origin: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        self.big: list[tuple[int, int, int, int]] = []
        for rng in ws.merged_cells.ranges:
            bounds = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
            if (rng.max_row - rng.min_row + 1) * (rng.max_col - rng.min_col + 1) > _BIG_MERGE:
                self.big.append(bounds)
                continue
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.origin[(r, c)] = bounds

    def range_of(self, row: int, col: int) -> tuple[int, int, int, int]:
        """Return (first_row, first_col, last_row, last_col) of the range holding the cell,
        or the cell alone (1-based)."""
        hit = self.origin.get((row, col))
        if hit is not None:
            return hit
        for r0, c0, r1, c1 in self.big:
            if r0 <= row <= r1 and c0 <= col <= c1:
                return r0, c0, r1, c1
        return row, col, row, col


def apply_edits(book: Any, edits: Iterable[Edit]) -> None:
    """Make `edits` in `book`: a value goes into the top-left cell of its merged range; a
    flag's fill too; a frame goes round the whole range; a note is added after any note the
    cell already has."""
    from openpyxl.styles import Border, PatternFill, Side

    merges: dict[str, _Merges] = {}
    side = Side(style="medium", color=FRAME_COLOUR)
    frame = Border(left=side, right=side, top=side, bottom=side)
    for edit in edits:
        ws = book[edit.where.sheet]
        if ws.title not in merges:
            merges[ws.title] = _Merges(ws)
        row, col = ref_row_col(edit.where.cell)
        r0, c0, r1, c1 = merges[ws.title].range_of(row + 1, col + 1)
        cell = ws.cell(r0, c0)
        if edit.value is not None:
            _set_value(cell, edit)
        if edit.fill is not None:
            colour = "FF" + edit.fill.lstrip("#").upper()
            cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        if edit.frame:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    ws.cell(r, c).border = frame
        if edit.note:
            _add_note(cell, edit.note)


def _set_value(cell: Any, edit: Edit) -> None:
    shown = edit.shown
    if isinstance(shown, str):
        cell.value = shown
        cell.data_type = "s"  # text stays text, even one starting with "="
        return
    assert shown is not None
    cell.value = shown
    fmt = cell.number_format or "General"
    if edit.percent:
        if "%" not in fmt:
            cell.number_format = "0.00%"
        return
    shown_decimals = _decimals(fmt)
    needed = len(f"{shown:.6f}".rstrip("0").split(".")[1])
    if shown_decimals is not None and shown_decimals < needed:
        cell.number_format = "0.00"


def _decimals(fmt: str) -> int | None:
    """Return how many decimals a number format shows; None for General and text, which show
    a number as it is."""
    first = fmt.split(";", 1)[0]
    if first in ("General", "@", "") or "%" in first:
        return None
    m = _DECIMALS.search(first.replace('\\"', ""))
    return len(m.group(1)) if m else 0


def _add_note(cell: Any, text: str) -> None:
    from openpyxl.comments import Comment

    from app.writers.workbook.layout import comment_options

    author = "selfeval"
    if cell.comment is not None:
        text = f"{cell.comment.text}\n\n{text}"
        author = cell.comment.author or author
    size = comment_options(text)
    cell.comment = Comment(
        text, author, height=int(74 * size["y_scale"]), width=int(128 * size["x_scale"])
    )


def formula_cells(book: Any, edits: Iterable[Edit]) -> dict[str, list[tuple[int, int]]]:
    """Return, per sheet, the 1-based cells holding a formula that the edits leave as it is."""
    changed: set[tuple[str, int, int]] = set()
    for e in edits:
        if e.value is not None:
            row, col = ref_row_col(e.where.cell)
            changed.add((e.where.sheet, row + 1, col + 1))
    out: dict[str, list[tuple[int, int]]] = {}
    for ws in book.worksheets:
        cells = [
            key
            for key, c in ws._cells.items()
            if c.data_type == "f" and (ws.title, *key) not in changed
        ]
        if cells:
            out[ws.title] = cells
    return out


def save(
    book: Any, target: Path, source: str | Path, formulas: dict[str, list[tuple[int, int]]]
) -> None:
    """Save `book` to `target`; formulas left as they were keep the results `source` held,
    and the workbook asks Excel and WPS to compute them again on opening (a figure they
    depend on may have changed)."""
    if not formulas:
        book.save(target)
        return
    book.calculation.fullCalcOnLoad = True
    results = results_of(source, formulas)
    buffer = io.BytesIO()
    book.save(buffer)
    write_with_results(buffer.getvalue(), target, results)
