"""Checks of a filled copy against its input, read back with openpyxl: exactly the planned
cells changed (values, fills, frames and notes as planned), every other cell's value and
style, every merge, width, height and print setting, the sheets and the defined names as
they were; and checking the copy gives the input's figures with no `score_differs`."""

from __future__ import annotations

import math
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from app.fill.apply import FRAME_COLOUR
from app.fill.plan import Plan
from app.model import ref_row_col

SHEET_PARTS = (
    "page_setup",
    "print_options",
    "page_margins",
    "HeaderFooter",
    "sheet_properties",
    "sheet_format",
    "views",
    "protection",
    "row_breaks",
    "col_breaks",
    "auto_filter",
    "data_validations",
)
"""Worksheet settings compared whole (openpyxl objects compare by their attributes)."""


@dataclass(frozen=True)
class CellState:
    value: Any
    font: Any
    fill: Any
    border: Any
    alignment: Any
    number_format: str
    protection: Any
    comment: str | None


def _value(cell: Any) -> Any:
    value = cell.value
    if value == "":
        return None  # an empty string shows nothing; openpyxl writes it as an empty cell
    return getattr(value, "text", value) if not isinstance(value, str) else value


def snapshot(path: Path) -> dict[str, Any]:
    """Everything of a workbook the fill must keep, as plain comparable values."""
    wb = openpyxl.load_workbook(path, rich_text=True)
    out: dict[str, Any] = {
        "sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
        "names": sorted((name, dn.attr_text) for name, dn in wb.defined_names.items()),
        "cells": {},
    }
    for ws in wb.worksheets:
        cells = {}
        for (r, c), cell in ws._cells.items():
            cells[(r, c)] = CellState(
                _value(cell),
                copy(cell.font),  # the object itself: its style proxy does not compare
                copy(cell.fill),
                copy(cell.border),
                copy(cell.alignment),
                cell.number_format,
                copy(cell.protection),
                cell.comment.text if cell.comment is not None else None,
            )
        out["cells"][ws.title] = cells
        out[ws.title] = {
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "columns": {
                k: (d.width, d.hidden, d.outlineLevel, d.min, d.max, d.customWidth)
                for k, d in ws.column_dimensions.items()
            },
            "rows": {
                k: (d.height, d.hidden, d.outlineLevel, d.customHeight)
                for k, d in ws.row_dimensions.items()
            },
            "print": {part: _xml(getattr(ws, part)) for part in SHEET_PARTS},
            "titles": (ws.print_title_rows, ws.print_title_cols, ws.print_area),
            "freeze": ws.freeze_panes,
            "conditional": sorted(str(r.sqref) for r in ws.conditional_formatting),
        }
    return out


def _xml(part: Any) -> Any:
    """A worksheet setting as the XML openpyxl writes for it (some of its objects do not
    compare by value)."""
    from openpyxl.xml.functions import tostring

    try:
        tree = part.to_tree()
    except (AttributeError, TypeError):
        return part
    return None if tree is None else tostring(tree)


def _origin(ranges: list[str], row: int, col: int) -> tuple[int, int, int, int]:
    """The 1-based merged range holding (row, col), or the cell alone."""
    from openpyxl.utils.cell import range_boundaries

    for text in ranges:
        c0, r0, c1, r1 = range_boundaries(text)
        if r0 <= row <= r1 and c0 <= col <= c1:
            return r0, c0, r1, c1
    return row, col, row, col


def assert_only_planned(source: Path, filled: Path, plan: Plan) -> None:
    """Assert that `filled` is `source` with exactly the changes of `plan`."""
    before, after = snapshot(source), snapshot(filled)
    assert after["sheets"] == before["sheets"]
    assert after["names"] == before["names"]
    touched: dict[tuple[str, int, int], Any] = {}
    framed: dict[tuple[str, int, int], tuple[int, int, int, int]] = {}
    for edit in plan.edits:
        row, col = ref_row_col(edit.where.cell)
        r0, c0, r1, c1 = _origin(before[edit.where.sheet]["merged"], row + 1, col + 1)
        key = (edit.where.sheet, r0, c0)
        assert key not in touched, f"two edits of one cell: {edit.where}"
        touched[key] = edit
        if edit.frame:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    framed[(edit.where.sheet, r, c)] = (r0, c0, r1, c1)
    for title, _ in before["sheets"]:
        assert after[title] == before[title], f"{title}: a layout or print setting changed"
        old_cells, new_cells = before["cells"][title], after["cells"][title]
        empty = _blank()
        for key in set(old_cells) | set(new_cells):
            old = old_cells.get(key, empty)
            new = new_cells.get(key, old)
            edit = touched.get((title, *key))
            if edit is None and (title, *key) not in framed:
                assert new == old, f"{title}!{key}: changed but not planned"
                continue
            _assert_edit(title, key, old, new, edit, framed.get((title, *key)))


def _blank() -> CellState:
    """A cell that is not in the file: no value, the default style."""
    c = openpyxl.Workbook().active["A1"]
    return CellState(
        None,
        copy(c.font),
        copy(c.fill),
        copy(c.border),
        copy(c.alignment),
        "General",
        copy(c.protection),
        None,
    )


def _assert_edit(
    title: str, key: Any, old: CellState, new: CellState, edit, frame: tuple | None
) -> None:
    where = f"{title}!{key}"
    assert new.font == old.font and new.alignment == old.alignment, where
    assert new.protection == old.protection, where
    if edit is None or edit.value is None:
        assert new.value == old.value, f"{where}: value changed without a planned value"
        assert new.number_format == old.number_format, where
    else:
        expected = edit.shown
        if isinstance(expected, float):
            assert isinstance(new.value, int | float) and math.isclose(new.value, expected), where
        else:
            assert new.value == expected, f"{where}: {new.value!r} != {expected!r}"
    if edit is not None and edit.fill is not None:
        assert new.fill.fgColor.rgb == "FF" + edit.fill.lstrip("#").upper(), where
    else:
        assert new.fill == old.fill, f"{where}: fill changed without a flag"
    if frame is not None:
        # The frame goes round the merged range: the sides on its edge are red and medium
        # (openpyxl keeps no border inside a merged range, where none is drawn anyway).
        r0, c0, r1, c1 = frame
        row, col = key
        border = new.border
        for edge, side in (
            (col == c0, border.left),
            (col == c1, border.right),
            (row == r0, border.top),
            (row == r1, border.bottom),
        ):
            if edge:
                assert side.style == "medium" and side.color.rgb == FRAME_COLOUR, where
    else:
        assert new.border == old.border, f"{where}: border changed without a frame"
    if edit is not None and edit.note:
        assert new.comment is not None and new.comment.endswith(edit.note), where
        if old.comment:
            assert new.comment.startswith(old.comment), f"{where}: the old note is lost"
    else:
        assert new.comment == old.comment, f"{where}: note changed without a planned note"


def figures(path: Path) -> dict[str, Any]:
    """The figures a check of `path` gives: per form its 执行率, total, grade, provisional
    and every indicator's status, weight and score."""
    from app.pipeline import run

    report = run(path, write=False).report

    def form(part: dict) -> tuple:
        funds = part.get("funds") or {}
        return (
            funds.get("rate"),
            part.get("score"),
            part.get("grade"),
            part.get("provisional"),
            [(i["name"], i["status"], i["weight"], i["score"]) for i in part["indicators"]],
        )

    return {
        "department": form(report["department"]),
        **{p["name"]: form(p) for p in report["projects"]},
        "score_differs": [f["where"] for f in report["findings"] if f["code"] == "score_differs"],
    }


def assert_same_figures(source: Path, filled: Path) -> None:
    """Checking the filled copy gives the input's figures, and no hand-filled 得分 differs."""
    before, after = figures(source), figures(filled)
    assert after["score_differs"] == []
    before.pop("score_differs")
    after.pop("score_differs")
    assert after == before
