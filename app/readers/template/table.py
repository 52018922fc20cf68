"""The flat tables of the data template: a sheet's header row found by name, its columns
mapped, its rows read as text the way a person sees them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.errors import InputError
from app.model import Where, col_letter
from app.readers.book import Sheet
from app.readers.common import label_key
from app.text import cell_text

TICK_ROWS = 512
"""A table reports progress every this many rows."""


@dataclass
class Table:
    """A flat sheet: its header row and the 0-based column of each known header.

    `tick(row)` (when set) is called every few hundred rows, to report progress."""

    sheet: Sheet
    header_row: int
    columns: dict[str, int]
    tick: Callable[[int], None] | None = None

    def __post_init__(self) -> None:
        self._letters = {name: col_letter(c) for name, c in self.columns.items()}

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """Yield (row index, cells) of every non-blank row below the header."""
        tick = self.tick
        for r in range(self.header_row + 1, self.sheet.height):
            if tick is not None and not r % TICK_ROWS:
                tick(r)
            line = self.sheet.rows[r]
            if any(v is not None and text_of(v) != "" for v in line):
                yield r, line

    def get(self, line: list[Any], column: str) -> Any:
        c = self.columns.get(column)
        if c is None or c >= len(line):
            return None
        return line[c]

    def text(self, line: list[Any], column: str) -> str:
        return text_of(self.get(line, column))

    def where(self, row: int, column: str) -> Where | None:
        letters = self._letters.get(column)
        return None if letters is None else Where(self.sheet.name, f"{letters}{row + 1}")


def text_of(value: Any) -> str:
    """Return `cell_text(value)`, its most common case first: a template is mostly text."""
    return value.strip() if type(value) is str else cell_text(value)


def find_table(sheet: Sheet, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Table:
    """Locate the header row (the first row holding the first required column) and map the
    columns; raise InputError naming the first missing required column."""
    wanted = {label_key(n): n for n in (*required, *optional)}
    for r in range(min(sheet.height, 20)):
        found: dict[str, int] = {}
        for c, v in enumerate(sheet.rows[r]):
            name = wanted.get(label_key(v))
            if name is not None and name not in found:
                found[name] = c
        if required[0] in found:
            missing = [n for n in required if n not in found]
            if missing:
                raise InputError(f"工作表“{sheet.name}”缺少列“{missing[0]}”（表头在第{r + 1}行）")
            return Table(sheet, r, found)
    raise InputError(f"工作表“{sheet.name}”缺少列“{required[0]}”（在前20行中未找到表头）")
