"""Merge the 一级指标 and 二级指标 cells of a rendered indicator table down the rows they
share, as the official forms print them.

docxtpl repeats a table row per item and cannot merge by value, so this runs on the rendered
document: any table whose header starts 一级指标 | 二级指标 (the default template's, or an
office's that keeps that header) gets its runs of equal cells merged. Plain lxml on the body:
a report of 200 projects has some 2,500 rows.
"""

from __future__ import annotations

from collections.abc import Iterator

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADER = ("一级指标", "二级指标")
_BEFORE_VMERGE = {W + name for name in ("cnfStyle", "tcW", "gridSpan", "hMerge")}
"""Elements that come before w:vMerge in a cell's properties (the schema's order)."""


def _text(cell) -> str:
    return "".join(t.text or "" for t in cell.iter(W + "t")).strip()


def _cells(row) -> list:
    return row.findall(W + "tc")


def _spans(cell) -> bool:
    props = cell.find(W + "tcPr")
    return props is not None and props.find(W + "gridSpan") is not None


def _set_vmerge(cell, restart: bool) -> None:
    """Mark `cell` as the first (restart) or a following cell of a vertical merge."""
    props = cell.find(W + "tcPr")
    if props is None:
        props = cell.makeelement(W + "tcPr", {})
        cell.insert(0, props)
    for old in props.findall(W + "vMerge"):
        props.remove(old)
    mark = props.makeelement(W + "vMerge", {W + "val": "restart"} if restart else {})
    position = 0
    for i, child in enumerate(props):
        if child.tag in _BEFORE_VMERGE:
            position = i + 1
    props.insert(position, mark)


def _empty(cell) -> None:
    """Leave a merged-away cell with one empty paragraph (Word needs one), keeping its
    paragraph properties."""
    paragraphs = cell.findall(W + "p")
    for extra in paragraphs[1:]:
        cell.remove(extra)
    for child in list(paragraphs[0]):
        if child.tag != W + "pPr":
            paragraphs[0].remove(child)


def _runs(rows: list, col: int) -> Iterator[list]:
    """Yield the runs (two or more) of consecutive rows whose cells 0..col are equal and
    not empty; a row that spans columns there, or is shorter, ends a run."""
    run: list = []
    key = None
    for row in rows:
        cells = _cells(row)
        this = None
        if len(cells) > col and not any(_spans(c) for c in cells[: col + 1]):
            this = tuple(_text(c) for c in cells[: col + 1])
            if not this[-1]:
                this = None
        if this is not None and this == key:
            run.append(cells[col])
            continue
        if len(run) > 1:
            yield run
        run, key = ([cells[col]] if this is not None else []), this
    if len(run) > 1:
        yield run


def merge_indicator_levels(body) -> int:
    """Merge equal 一级指标 / 二级指标 cells down every indicator table in `body` (an lxml
    element); return how many runs were merged."""
    merged = 0
    for table in body.iter(W + "tbl"):
        rows = table.findall(W + "tr")
        if not rows or tuple(_text(c) for c in _cells(rows[0])[:2]) != HEADER:
            continue
        # Both columns' runs are found before the first merge empties any cell.
        runs = [run for col in (0, 1) for run in _runs(rows[1:], col)]
        for run in runs:
            _set_vmerge(run[0], True)
            for cell in run[1:]:
                _set_vmerge(cell, False)
                _empty(cell)
            merged += 1
    return merged
