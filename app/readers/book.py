"""Load a workbook's cells and merged ranges once, with python-calamine, for every reader."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, overload

from app.errors import InputError
from app.files.errors import describe, winerror


@dataclass(slots=True)
class Sheet:
    """A sheet's cells from A1 (`rows[r][c]`, 0-based, empty cells are None) and its merged
    ranges as inclusive (first_row, first_col, last_row, last_col).

    `raw` holds the rows as calamine gives them, "" for an empty cell, until `rows` is first
    asked for (or the forms reader's label scan, which visits every cell anyway, cleans them
    on its way: see `SheetIndex.build`)."""

    name: str
    raw: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    clean: bool = False
    _owner: dict[tuple[int, int], tuple[int, int]] | None = None

    @property
    def rows(self) -> list[list[Any]]:
        """The rows, empty cells None."""
        if not self.clean:
            raw = self.raw
            for i, line in enumerate(raw):
                if "" in line:
                    raw[i] = [None if v == "" else v for v in line]
            self.clean = True
        return self.raw

    @property
    def height(self) -> int:
        return len(self.raw)

    def value(self, row: int, col: int) -> Any:
        """Return the cell's own value (None when empty or outside the sheet)."""
        rows = self.rows
        if 0 <= row < len(rows):
            line = rows[row]
            if 0 <= col < len(line):
                return line[col]
        return None

    def merge_origin(self, row: int, col: int) -> tuple[int, int]:
        """Return the top-left cell of the merged range holding (row, col), or (row, col)."""
        if self._owner is None:
            owner: dict[tuple[int, int], tuple[int, int]] = {}
            height = self.height
            width = max((len(r) for r in self.raw), default=0)
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


class Sheets(Sequence[Sheet]):
    """The sheets of an open workbook, each loaded when first reached (and those before it, so
    that they load in workbook order): the forms reader parses sheet after sheet as calamine
    loads them, and a reader that needs two sheets of a large workbook loads no others. A
    loading error is raised (as an InputError) by the access that reaches the damaged sheet.

    Measured: a loader thread, though calamine parses without the GIL, gained nothing on two
    cores (2,000 forms: the same wall time, 0.25 s more CPU in handing the GIL back and forth)."""

    def __init__(self, path: Path, workbook: Any, names: list[str]) -> None:
        self._path = path
        self._workbook = workbook
        self._names = names
        self._loaded: list[Sheet] = []
        self._error: InputError | None = None

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> Sheet: ...
    @overload
    def __getitem__(self, index: slice) -> list[Sheet]: ...
    def __getitem__(self, index: int | slice) -> Sheet | list[Sheet]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._names)
        if not 0 <= index < len(self._names):
            raise IndexError(index)
        loaded = self._loaded
        while index >= len(loaded):
            if self._error is not None:
                raise self._error
            if self._workbook is None:
                raise InputError(f"“{self._path.name}”已关闭，无法继续读取")
            name = self._names[len(loaded)]
            try:
                loaded.append(_calamine(self._path, partial(_sheet, self._workbook, name)))
            except InputError as exc:
                self._error = exc
                self.close()
                raise
        return loaded[index]

    def __iter__(self) -> Iterator[Sheet]:
        for i in range(len(self._names)):
            yield self[i]

    def close(self) -> None:
        """Release the workbook (sheets loaded so far stay)."""
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None


@dataclass(slots=True)
class Book:
    """A workbook: its path, its sheet names (known at once) and its sheets in workbook order
    (`Sheets` while it is open: each loads when reached)."""

    path: str
    sheets: Sequence[Sheet]
    names: list[str] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet | None:
        for i, n in enumerate(self.names):
            if n == name:
                return self.sheets[i]
        return None

    def load_all(self, progress: Callable[[int, int], None] | None = None) -> list[Sheet]:
        """Load every sheet not loaded yet and return them all. `progress(done, total)` is
        called before each sheet and after the last (an exception it raises, a cancel,
        propagates)."""
        total = len(self.names)
        for i in range(total):
            if progress is not None:
                progress(i, total)
            self.sheets[i]  # noqa: B018  (loads it)
        if progress is not None:
            progress(total, total)
        return list(self.sheets)

    def close(self) -> None:
        """Release the workbook file; sheets not loaded by then cannot be read any more."""
        if isinstance(self.sheets, Sheets):
            self.sheets.close()


def open_book(path: str | Path) -> Book:
    """Open the workbook at `path` (xlsx, xlsm, xls, xlsb, ods); `Book.sheets` loads each sheet
    when it is first reached. Call `close()` when done. Raises InputError with a Chinese
    message when the file cannot be opened as a workbook; a sheet that cannot be read raises
    it when reached."""
    from python_calamine import CalamineWorkbook

    p = Path(path)

    def opened() -> Any:
        # By content, not by extension: people rename .xls to .xlsx and back.
        with p.open("rb") as fh:
            return CalamineWorkbook.from_filelike(fh)

    wb = _calamine(p, opened, "：文件不是有效的Excel工作簿或已损坏")
    try:
        names = list(_calamine(p, lambda: wb.sheet_names))
    except InputError:
        wb.close()
        raise
    return Book(str(p), Sheets(p, wb, names), names)


def load(path: str | Path, progress: Callable[[int, int], None] | None = None) -> Book:
    """Read every sheet of the workbook at `path` (xlsx, xlsm, xls, xlsb, ods) and return it
    loaded whole.

    `progress(done, total)` is called before each sheet and after the last (an exception it
    raises, a cancel, propagates). Raises InputError with a Chinese message when the file
    cannot be read as a workbook.
    """
    book = open_book(path)
    try:
        return Book(book.path, book.load_all(progress), book.names)
    finally:
        book.close()


def _calamine(p: Path, call: Callable[[], Any], damaged: str = "中的工作表：文件可能已损坏") -> Any:
    """Return `call()`; any failure of calamine in it becomes an InputError: "无法读取“name”"
    followed by `damaged`; the system's own errors (a missing file, one open in another
    program, one not on this computer) say so instead."""
    try:
        return call()
    except OSError as exc:
        if exc.errno is None and winerror(exc) is None:
            raise InputError(f"无法读取“{p.name}”{damaged}（{type(exc).__name__}）") from None
        raise InputError(describe(p, exc)) from None  # missing, locked, not on this PC …
    except BaseException as exc:  # calamine's errors, and its Rust panics (not Exceptions)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise InputError(f"无法读取“{p.name}”{damaged}（{type(exc).__name__}）") from None


def _sheet(wb: Any, name: str) -> Sheet:
    cs = wb.get_sheet_by_name(name)
    rows = cs.to_python(skip_empty_area=False)
    while rows and all(v == "" or v is None for v in rows[-1]):
        rows.pop()
    merged = [(a[0], a[1], b[0], b[1]) for a, b in (cs.merged_cell_ranges or [])]
    return Sheet(name, rows, merged)
