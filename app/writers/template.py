"""The data template (标准数据模板, `docs/data-template.md`): blank, or filled with example rows.

The sheet and column names here are the contract the template reader checks: `SHEETS` lists
every data sheet with its columns in template order, `REQUIRED` the sheets and columns that
must be present.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from app.model import SOURCES
from app.template_layout import (  # noqa: F401 - re-exported: the writer's public names
    DEPARTMENT,
    DEPARTMENT_INDICATORS,
    DEPARTMENT_KEYS,
    FUNDS,
    GOALS,
    INDICATORS,
    INSTRUCTIONS,
    OPTIONAL_INDICATOR_COLUMNS,
    OPTIONAL_SHEETS,
    REQUIRED,
    REQUIRED_DEPARTMENT_KEYS,
    SHEETS,
    TASKS,
)
from app.writers.prefill_sheet import SHEET, TO_FILL_COLOR, Prefill, write_prefill_sheet
from app.writers.template_guide import display_width, write_guide

LEVEL1: tuple[str, ...] = ("产出指标", "效益指标", "满意度指标", "成本指标", "过程指标")
"""一级指标 offered by the drop-down list; other names are accepted with a hint."""

LEVEL2: tuple[str, ...] = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)
"""二级指标 offered by the drop-down list; other names are accepted with a hint."""

AMOUNT_COLUMNS = frozenset({"年初预算数", "全年预算数", "全年执行数"})
WRAP_COLUMNS = frozenset(
    {"内容", "主要内容", "实际完成情况", "预期目标", "偏差原因分析及改进措施"}
    | {"偏差说明", "评价结论", "存在问题", "改进措施"}
)
VALUE_COLUMNS = frozenset({"年度指标值", "实际完成值"})
"""Kept as text so Excel does not turn 2022年12月31日 into a date or 100% into 1."""

VALIDATED_ROWS = 1000
"""Data validation covers Excel rows 2 to this (or further, below the rows written)."""
_SPARE_ROWS = 500
_HINT_WIDTH = 44
HINT_NOTE = (
    "预填时摘自申报表、执行监控表的提示（★核心指标、1-7月执行情况、全年预计完成情况等），"
    "仅供参考：selfeval 读取时忽略此列，它不能代替实际完成值。"
)

_WIDTHS: dict[str, float] = {
    "项目": 24,
    "内容": 80,
    "序号": 8,
    "任务名称": 28,
    "主要内容": 60,
    "实际完成情况": 60,
    "一级指标": 14,
    "二级指标": 22,
    "三级指标": 30,
    "年度指标值": 22,
    "实际完成值": 22,
    "分值": 8,
    "偏差原因分析及改进措施": 40,
    "项目名称": 38,
    "主管部门": 28,
    "实施单位": 28,
    "资金来源": 16,
    "年初预算数": 14,
    "全年预算数": 14,
    "全年执行数": 14,
    "预期目标": 50,
    "偏差说明": 40,
    "评价结论": 40,
    "存在问题": 40,
    "改进措施": 40,
}
"""Typical content width of each column, in Excel width units."""

_MAX_WIDTH = 60
_LINE_HEIGHT = 15.0
"""Points per line of wrapped text at the default font size."""
_CREATED = datetime(2022, 1, 1)
"""Fixed document date, so that two runs write the same file."""

Cell = str | int | float | None


def write_template(
    path: str | Path,
    data: Mapping[str, Sequence[Sequence[Cell]]] | None = None,
    prefill: Prefill | None = None,
) -> None:
    """Write the data template to `path`: 填报说明 and every sheet of `SHEETS` (and, for a
    pre-filled one, its 预填说明 sheet first, its hint columns and marked cells).

    `data` maps a sheet name to its rows below the header (values in `SHEETS` column order,
    then the hint when `prefill` gives the sheet one; None or "" for an empty cell). Without
    rows for 部门信息 its keys are pre-filled. Raises ValueError for an unknown sheet or a row
    longer than the sheet's columns.
    """
    data = dict(data or {})
    hints = prefill.hints if prefill is not None else {}
    for sheet, rows in data.items():
        if sheet not in SHEETS:
            raise ValueError(f"未知的工作表：{sheet}")
        width = len(SHEETS[sheet]) + (1 if sheet in hints else 0)
        for number, row in enumerate(rows, start=2):
            if len(row) > width:
                raise ValueError(f"{sheet} 第 {number} 行的列数多于表头")

    workbook = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    )
    workbook.set_properties(
        {"title": "绩效自评数据模板", "author": "selfeval", "created": _CREATED}
    )
    if prefill is not None:
        first = workbook.add_worksheet(SHEET)
        write_prefill_sheet(first, workbook, prefill)
        first.activate()
    write_guide(workbook.add_worksheet(INSTRUCTIONS), workbook)
    formats = _Formats(workbook)
    for sheet, columns in SHEETS.items():
        given = data.get(sheet)
        if given is None and sheet == DEPARTMENT:
            given = [[key, None] for key in DEPARTMENT_KEYS]
        hint = hints.get(sheet)
        marked = prefill.to_fill.get(sheet, frozenset()) if prefill is not None else frozenset()
        _write_sheet(
            workbook.add_worksheet(sheet),
            formats,
            (*columns, hint) if hint else columns,
            given or [],
            marked,
            hint,
        )
    workbook.close()


class _Formats:
    """The cell formats of the data sheets, by role."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        cell = {"border": 1, "valign": "top", "align": "left"}
        self.header = workbook.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        self.text = workbook.add_format(cell)
        self.wrap = workbook.add_format({**cell, "text_wrap": True})
        self.value = workbook.add_format({**cell, "num_format": "@"})
        self.amount = workbook.add_format({**cell, "num_format": "#,##0.00"})
        # Column defaults (no border) so that rows a user adds get the right number format.
        self.column_wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.column_value = workbook.add_format({"num_format": "@"})
        self.column_amount = workbook.add_format({"num_format": "#,##0.00"})
        todo = {"bg_color": TO_FILL_COLOR}
        self.to_fill = {
            "amount": workbook.add_format({**cell, **todo, "num_format": "#,##0.00"}),
            "value": workbook.add_format({**cell, **todo, "num_format": "@"}),
            "wrap": workbook.add_format({**cell, **todo, "text_wrap": True}),
            "text": workbook.add_format({**cell, **todo}),
        }
        self.hint = workbook.add_format(
            {**cell, "text_wrap": True, "italic": True, "font_color": "#595959"}
        )

    def for_empty(self, column: str) -> Format:
        """Return the format of an empty cell to be filled in `column` (marked)."""
        if column in AMOUNT_COLUMNS:
            return self.to_fill["amount"]
        if column in VALUE_COLUMNS:
            return self.to_fill["value"]
        return self.to_fill["wrap" if column in WRAP_COLUMNS else "text"]

    def for_cell(self, column: str) -> Format:
        """Return the format of a data cell of `column`."""
        if column in AMOUNT_COLUMNS:
            return self.amount
        if column in VALUE_COLUMNS:
            return self.value
        if column in WRAP_COLUMNS:
            return self.wrap
        return self.text

    def for_column(self, column: str) -> Format | None:
        """Return the default format of the whole `column`, or None."""
        if column in AMOUNT_COLUMNS:
            return self.column_amount
        if column in VALUE_COLUMNS:
            return self.column_value
        if column in WRAP_COLUMNS:
            return self.column_wrap
        return None


def _write_sheet(
    ws: Worksheet,
    formats: _Formats,
    columns: tuple[str, ...],
    rows: Sequence[Sequence[Cell]],
    marked: frozenset[str] = frozenset(),
    hint: str | None = None,
) -> None:
    """Write one data sheet: header, rows, column widths and formats, frozen header, lists.
    Empty cells of the `marked` columns are marked as to be filled; the `hint` column (the
    last) is written in grey and explained in a note on its header."""
    wrapped = WRAP_COLUMNS | {hint} if hint else WRAP_COLUMNS
    widths = [_column_width(name, rows, col, wrapped) for col, name in enumerate(columns)]
    for col, name in enumerate(columns):
        ws.write_string(0, col, name, formats.header)
        ws.set_column(col, col, widths[col], formats.for_column(name))
    if hint:
        ws.write_comment(0, len(columns) - 1, HINT_NOTE, {"x_scale": 2, "y_scale": 1.5})
    for r, row in enumerate(rows, start=1):
        lines = 1
        for col, name in enumerate(columns):
            value = row[col] if col < len(row) else None
            if name == hint:
                fmt = formats.hint
            elif name in marked and (value is None or value == ""):
                fmt = formats.for_empty(name)
            else:
                fmt = formats.for_cell(name)
            _write_cell(ws, r, col, value, fmt)
            if name in wrapped and isinstance(value, str):
                lines = max(lines, math.ceil(display_width(value) / (widths[col] - 2)))
        # Not every spreadsheet fits row heights to wrapped text on opening (LibreOffice does not).
        if lines > 1:
            ws.set_row(r, _LINE_HEIGHT * lines + 3)
    ws.freeze_panes(1, 0)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    _add_validations(ws, columns, len(rows))


def _column_width(
    name: str, rows: Sequence[Sequence[Cell]], col: int, wrapped: frozenset[str] = WRAP_COLUMNS
) -> float:
    """Return a width that fits the header and typical content; unwrapped columns also fit the
    rows given (up to a limit), wrapped ones keep their width and wrap instead."""
    width = max(display_width(name) + 4, _WIDTHS.get(name, 12))
    if name in wrapped and name not in _WIDTHS:
        width = max(width, _HINT_WIDTH)
    if name not in wrapped:
        # Each text once: a pre-filled sheet repeats its project names row after row.
        texts = {str(row[col]) for row in rows if col < len(row) and row[col] is not None}
        for text in texts:
            width = max(width, min(display_width(text) + 2, _MAX_WIDTH))
    return width


def _write_cell(ws: Worksheet, row: int, col: int, value: Cell, fmt: Format) -> None:
    """Write one value: text always as a string (never a formula), numbers as numbers."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        raise TypeError(f"不支持的单元格值：{value!r}")
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    else:
        raise TypeError(f"不支持的单元格值：{value!r}")


def _add_validations(ws: Worksheet, columns: tuple[str, ...], rows: int = 0) -> None:
    """Add the drop-down lists: 资金来源 with a warning, 一级/二级指标 as hints; both accept other
    names. They cover the rows written and some hundreds more (at least `VALIDATED_ROWS`)."""
    last = max(VALIDATED_ROWS, rows + _SPARE_ROWS) - 1
    for col, name in enumerate(columns):
        if name == "资金来源":
            ws.data_validation(
                1,
                col,
                last,
                col,
                {
                    "validate": "list",
                    "source": list(SOURCES),
                    "input_title": "资金来源",
                    "input_message": "请选择：当年财政拨款、上年结转资金或其他资金。",
                    # Warning, not stop: the reader also knows names like 本年财政拨款.
                    "error_type": "warning",
                    "error_title": "非标准资金来源",
                    "error_message": "资金来源应为：当年财政拨款、上年结转资金、其他资金。"
                    "如确需保留此名称，请点“是”。",
                },
            )
        elif name in ("一级指标", "二级指标"):
            ws.data_validation(
                1,
                col,
                last,
                col,
                {
                    "validate": "list",
                    "source": list(LEVEL1 if name == "一级指标" else LEVEL2),
                    "input_title": name,
                    "input_message": "可从列表选择标准名称，也可填写本地区使用的其他名称。",
                    "error_type": "information",
                    "error_title": f"非标准{name}",
                    "error_message": f"该名称不在标准{name}列表中。如确为本地区使用的名称，请点“确定”保留。",
                },
            )
