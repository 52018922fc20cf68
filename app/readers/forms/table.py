"""A table of a form as a person reads it: a header of one or two rows that says which column
holds what, and the rows below it.

The header is found by its labels. A label merged over several columns (年度指标值) may have
labels below it (指标性质 | 指标值 | 度量单位) while its neighbours are merged down over both
rows (实际完成值): each column then takes the lowest label over it. Columns may come in any
order and under any of their names (see `labels.py`). The body is read column by column: the
value each row shows in a column, and the column it came from (a value may stand further
right in a wide column, or in a range merged down from a row above).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from app.readers.forms.labels import Label, SheetIndex


@dataclass(frozen=True, slots=True)
class Column:
    """Where a role's values stand: columns first..last (a label merged over several), the
    header label's row, and its text as written (a weight may be printed in it: 分值(10分))."""

    role: str
    first: int
    last: int
    row: int
    text: str


@dataclass(slots=True)
class Table:
    """A table: its columns by role, the first row below its header, and the sheet index."""

    ix: SheetIndex
    header: int
    """The (first) header row."""
    body: int
    """The first row below the header."""
    columns: dict[str, Column]

    @classmethod
    def read(cls, ix: SheetIndex, header: int, roles: Collection[str]) -> Table:
        """Return the table whose header starts on row `header`, with a column for each of
        `roles` its header names (the leftmost label of a role wins)."""
        columns: dict[str, Column] = {}
        for lab in ix.rows.get(header, ()):
            if lab.role in roles and lab.role not in columns:
                columns[lab.role] = _column(ix, lab)
        body = header + 1
        below = _sub_header(ix, header, columns, roles)
        if below:
            body = header + 2
            for lab in below:
                if lab is _PLAIN:
                    continue
                # A label below a wide one takes its columns from it: the wide label keeps
                # only a role no label below names.
                for role, col in list(columns.items()):
                    over = col.row == header and col.first <= lab.col <= col.last
                    if over and (role == lab.role or _covered(col, below)):
                        del columns[role]
                columns.setdefault(lab.role, _column(ix, lab))
        return cls(ix, header, body, columns)

    def span(self, role: str) -> tuple[int, int, bool] | None:
        """Return (first, last, wide) of a role's column, None when the table has none; `wide`
        says that a value may stand elsewhere than in its first cell (a wide column, or a
        range merged down over it)."""
        col = self.columns.get(role)
        if col is None:
            return None
        return col.first, col.last, col.last > col.first or col.first in self.ix.merged_down()

    def values(self, role: str, lo: int, hi: int) -> tuple[list[Any], list[int] | None]:
        """Return the values rows lo..hi-1 show in a role's column and the column each came
        from (None when the table has no such column: every value is None)."""
        n = max(hi - lo, 0)
        span = self.span(role)
        if span is None:
            return [None] * n, None
        first, last, wide = span
        values = [line[first] if first < len(line) else None for line in self.ix.sheet.rows[lo:hi]]
        cols = [first] * n
        if wide:
            pick = self.ix.pick
            for i, v in enumerate(values):
                if v is None:
                    values[i], cols[i] = pick(lo + i, first, last)
        return values, cols

    def groups(self, role: str, lo: int, hi: int) -> tuple[list[Any], list[Any]]:
        """Return the value each row shows in a grouping column (一级, 二级) and the top-left
        cell of its merged range: rows of one range merged down share their origin, so a new
        origin starts a new group. Rows showing nothing have None for both."""
        n = max(hi - lo, 0)
        span = self.span(role)
        if span is None:
            return [None] * n, [None] * n
        first, last, wide = span
        ix = self.ix
        rows = ix.sheet.rows
        values = [line[first] if first < len(line) else None for line in rows[lo:hi]]
        origins: list[Any] = [None] * n
        down = ix.merged_down()
        entry = down.get(first)
        for i, v in enumerate(values):
            r = lo + i
            c = first
            if v is None:
                if not wide:
                    continue
                if first == last and entry is not None:
                    # A one-column span: the value of a range merged down over it.
                    j = bisect_right(entry[0], r) - 1
                    if j >= 0:
                        r0, r1, c0 = entry[1][j]
                        if r0 < r <= r1 and c0 == first:
                            v = values[i] = rows[r0][c0]
                            if v is not None:
                                origins[i] = (r0, c0)
                    continue
                v, c = ix.pick(r, first, last)
                values[i] = v
                if v is None:
                    continue
            origins[i] = ix.origin(r, c) if c in down else (r, c)
        return values, origins

    def value(self, row: int, role: str) -> tuple[Any, int | None]:
        """Return (value, column) a row shows in a role's column; (None, None) without one."""
        col = self.columns.get(role)
        if col is None:
            return None, None
        line = self.ix.sheet.rows[row]
        value = line[col.first] if col.first < len(line) else None
        if value is not None:  # most values stand in the column's first cell
            return value, col.first
        return self.ix.pick(row, col.first, col.last)


_PLAIN = Label(-1, -1, "")
"""Stands for a second header row of plain words: the body starts below it."""


def _column(ix: SheetIndex, lab: Label) -> Column:
    text = ix.sheet.value(lab.row, lab.col)
    return Column(lab.role, lab.col, ix.last_col(lab.row, lab.col), lab.row, str(text))


def _sub_header(
    ix: SheetIndex, header: int, columns: dict[str, Column], roles: Collection[str]
) -> list[Label]:
    """Return the labels of the row below the header when it is the header's second row: every
    cell it holds is a label of a column role, and one of them stands under a label of the
    header merged over several columns. Otherwise an empty list."""
    line = ix.sheet.rows[header + 1] if header + 1 < ix.sheet.height else []
    wide = [col for col in columns.values() if col.last > col.first]
    under = [any(col.first <= c <= col.last for col in wide) for c in range(len(line))]
    filled = [c for c, v in enumerate(line) if v is not None]
    if filled and all(under[c] for c in filled):
        # Words under wide labels only (偏差原因分析 over 经费保障 | 制度保障 …): the
        # header's second row, whatever its words are.
        return [lab for lab in ix.rows.get(header + 1, ()) if lab.role in roles] or [_PLAIN]
    labels = [lab for lab in ix.rows.get(header + 1, ()) if lab.role in roles]
    if not labels:
        return []
    if len(filled) != len(ix.rows.get(header + 1, ())):
        return []  # other text on the row: a body row, not a header
    if not any(col.first <= lab.col <= col.last for lab in labels for col in wide):
        return []
    return labels


def _covered(col: Column, below: list[Label]) -> bool:
    """True when labels below a wide header label name its first column: it keeps no column."""
    return any(lab.col == col.first for lab in below)
