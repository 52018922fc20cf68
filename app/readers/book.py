"""Load a workbook's cells and merged ranges once, with python-calamine, for every reader."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import InputError


@dataclass(slots=True)
class Sheet:
    """A sheet's cells from A1 (`rows[r][c]`, 0-based, empty cells are None) and its merged
    ranges as inclusive (first_row, first_col, last_row, last_col)."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    _owner: dict[tuple[int, int], tuple[int, int]] | None = None
    _span: dict[tuple[int, int], tuple[int, int, int, int]] | None = None

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int) -> Any:
        """Return the cell's own value (None when empty or outside the sheet)."""
        if 0 <= row < len(self.rows):
            line = self.rows[row]
            if 0 <= col < len(line):
                return line[col]
        return None

    def merge_origin(self, row: int, col: int) -> tuple[int, int]:
        """Return the top-left cell of the merged range holding (row, col), or (row, col)."""
        if self._owner is None:
            owner: dict[tuple[int, int], tuple[int, int]] = {}
            height, width = self.height, self.width
            for r0, c0, r1, c1 in self.merged:
                # Bounded by the sheet: a hostile merge over a million rows must not explode.
                for r in range(r0, min(r1, height - 1) + 1):
                    for c in range(c0, min(c1, width - 1) + 1):
                        owner[(r, c)] = (r0, c0)
            self._owner = owner
        return self._owner.get((row, col), (row, col))

    def merged_value(self, row: int, col: int) -> Any:
        """Return the value shown at (row, col): the merged range's value when it is inside one."""
        return self.value(*self.merge_origin(row, col))

    def merge_span(self, row: int, col: int) -> tuple[int, int, int, int]:
        """Return the merged range (r0, c0, r1, c1) holding (row, col), or the cell alone."""
        return self._spans().get(self.merge_origin(row, col), (row, col, row, col))

    def _spans(self) -> dict[tuple[int, int], tuple[int, int, int, int]]:
        if self._span is None:
            self._span = {(r0, c0): (r0, c0, r1, c1) for r0, c0, r1, c1 in self.merged}
        return self._span

    def iter_cells(self) -> Iterator[tuple[int, int, Any]]:
        """Yield (row, col, value) of every non-empty cell."""
        for r, line in enumerate(self.rows):
            for c, v in enumerate(line):
                if v is not None:
                    yield r, c, v


@dataclass(slots=True)
class Book:
    """A loaded workbook: its path and its sheets in workbook order."""

    path: str
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None


def _cells(line: list[Any]) -> list[Any]:
    # calamine gives "" for an empty cell: most rows of a form hold one, most cells not.
    return [None if v == "" else v for v in line] if "" in line else line


def load(path: str | Path, progress: Callable[[int, int], None] | None = None) -> Book:
    """Read every sheet of the workbook at `path` (xlsx, xlsm, xls, xlsb, ods).

    `progress(done, total)` is called before each sheet and after the last (an exception it
    raises, a cancel, propagates). Raises InputError with a Chinese message when the file
    cannot be read as a workbook.
    """
    from python_calamine import CalamineWorkbook

    p = Path(path)
    try:
        # By content, not by extension: people rename .xls to .xlsx and back.
        with p.open("rb") as fh:
            wb = CalamineWorkbook.from_filelike(fh)
    except FileNotFoundError:
        raise InputError(f"找不到文件：{p}") from None
    except BaseException as exc:  # calamine's errors, and its Rust panics (not Exceptions)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise InputError(
            f"无法读取“{p.name}”：文件不是有效的Excel工作簿或已损坏（{type(exc).__name__}）"
        ) from None
    sheets: list[Sheet] = []
    try:
        names = _calamine(p, lambda: wb.sheet_names)
        for i, name in enumerate(names):
            # Outside the guarded calls: a cancel raised here is not a damaged file.
            if progress is not None:
                progress(i, len(names))
            sheets.append(_calamine(p, lambda name=name: _sheet(wb, name)))
        if progress is not None:
            progress(len(names), len(names))
    finally:
        wb.close()
    return Book(str(p), sheets)


def _calamine(p: Path, call: Callable[[], Any]) -> Any:
    """Return `call()`; any failure of calamine in it becomes an InputError."""
    try:
        return call()
    except BaseException as exc:  # calamine's errors, and its Rust panics (not Exceptions)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise InputError(
            f"无法读取“{p.name}”中的工作表：文件可能已损坏（{type(exc).__name__}）"
        ) from None


def _sheet(wb: Any, name: str) -> Sheet:
    cs = wb.get_sheet_by_name(name)
    rows = [_cells(line) for line in cs.to_python(skip_empty_area=False)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    merged = [(a[0], a[1], b[0], b[1]) for a, b in (cs.merged_cell_ranges or [])]
    return Sheet(name, rows, merged)
