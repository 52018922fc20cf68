"""Reading one cell of a form: its text, its number, whether it is a percentage, its `Where`,
and the findings a cell that cannot be read gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.model import Finding, Where, col_letter
from app.readers.common import NotANumber, parse_amount
from app.readers.numfmt import PercentScan
from app.text import cell_text, percent_text

_LETTERS = tuple(col_letter(c) for c in range(100))
_UNREAD = {
    "金额": "未计入合计和执行率，请改为数字",
    "分值": "该指标按未填写分值处理，请改为数字",
    "得分": "未与计算的得分比较，请改为数字",
    "执行率": "未与计算的执行率比较，请改为数字",
}
"""What a cell that is no number means for the form, by what it should have held."""


def cell_where(sheet: str, col: int, row_no: str) -> Where:
    """Return the `Where` of column `col` (0-based) of the row numbered `row_no` ("7")."""
    return Where(sheet, (_LETTERS[col] if col < 100 else col_letter(col)) + row_no)


class PercentCells:
    """Which number cells of the workbook are formatted as percentages. A sheet's XML is read
    only when first asked about, and only the cells asked about are looked up in it (most
    forms write targets and actuals as text, and scanning every sheet would cost about half
    as much as loading the workbook). Call close() when done."""

    def __init__(self, path: str, tick: Callable[[], None] | None = None) -> None:
        self.path = path
        self.tick = tick
        self._scan = PercentScan(path)
        self._asked: set[str] = set()

    def __call__(self, sheet: str, row: int, col: int) -> bool:
        if sheet not in self._asked:
            self._asked.add(sheet)
            if self.tick is not None:
                self.tick()
        return self._scan.cell(sheet, row, col)

    def close(self) -> None:
        """Release the workbook file."""
        self._scan.close()


@dataclass(slots=True)
class Context:
    """Where values are being read (sheet, project) and the findings made while reading."""

    sheet: str
    findings: list[Finding] = field(default_factory=list)
    project: str | None = None
    percent: PercentCells | None = None

    def text(self, value: Any, row: int, col: int | None) -> tuple[str, bool]:
        """Return a target/actual cell as text, and whether it is a number formatted as a
        percentage (0.95 shown as 95% is written "95%", as the person sees it)."""
        if (
            col is not None
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and self.percent is not None
            and self.percent(self.sheet, row, col)
        ):
            return percent_text(value), True
        return cell_text(value), False

    def where(self, row: int, col: int) -> Where:
        """Return the `Where` of a 0-based cell of this sheet."""
        return cell_where(self.sheet, col, str(row + 1))

    def number(
        self,
        value: Any,
        row: int,
        col: int,
        what: str = "金额",
        parse: Callable[[Any], float | None] = parse_amount,
    ) -> float | None:
        """Return a number cell as a float (None when empty or a dash); text that is no number
        is None and a `bad_number` finding naming the cell."""
        try:
            return parse(value)
        except NotANumber as exc:
            where = self.where(row, col)
            self.findings.append(
                Finding(
                    severity="error",
                    code="bad_number",
                    message=f"工作表“{self.sheet}”单元格 {where.cell} 应为{what}，实际为“{exc.text}”，"
                    + _UNREAD.get(what, "未读取，请改为数字"),
                    project=self.project,
                    where=where,
                )
            )
            return None
