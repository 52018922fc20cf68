"""Budgets and messages shared by the guard's modules (see app/readers/guard.py)."""

from __future__ import annotations

from app.errors import InputError
from app.model import cell_ref

MAX_FILE_BYTES = 200 << 20
MAX_PARTS = 10_000
MAX_TOTAL_UNCOMPRESSED = 500 << 20
RATIO_FROM = 1 << 20
MAX_RATIO = 200
MAX_ROWS = 200_000
MAX_COLS = 1_000
MAX_SHEET_GRID = 5_000_000
MAX_BOOK_GRID = 10_000_000
CHUNK = 1 << 20
MAX_WHOLE_PART = 64 << 20  # parts scanned exactly (irregular sheets, .ods content), in total
MAX_META_PART = 16 << 20  # workbook.xml and its rels are read whole

ENCRYPTED = "文件已加密，请先在Excel中取消密码后另存"
RESAVE = "在Excel或WPS中打开后另存为.xlsx再试"


def corrupt(name: str, what: str = "压缩包不完整或数据出错") -> InputError:
    """The file is damaged."""
    return InputError(f"“{name}”已损坏（{what}），无法读取，请重新下载或用Excel、WPS重新另存后再试")


def not_workbook(name: str, what: str) -> InputError:
    """The file is something else than a workbook."""
    return InputError(f"“{name}”不是Excel工作簿（{what}），请选择.xlsx或.xls格式的工作簿")


def abnormal(name: str, what: str) -> InputError:
    """The file exceeds a budget or holds something no spreadsheet program writes."""
    return InputError(
        f"“{name}”{what}，可能是损坏或恶意构造的文件，已拒绝读取；请使用原始文件或{RESAVE}"
    )


def check_extents(name: str, extents: list[tuple[str, int, int]]) -> None:
    """Refuse a sheet or a workbook whose cells reach beyond the budgets."""
    total = 0
    for sheet, row, col in extents:
        grid = (row + 1) * (col + 1)
        if row >= MAX_ROWS or col >= MAX_COLS or grid > MAX_SHEET_GRID:
            raise InputError(
                f"“{name}”的工作表“{sheet}”数据范围过大（A1:{cell_ref(row, col)}），"
                f"超过可处理的上限（{MAX_ROWS}行、{MAX_COLS}列、{MAX_SHEET_GRID}个单元格），"
                "请删除表格末尾或右侧多余的行列后另存再试"
            )
        total += grid
    if total > MAX_BOOK_GRID:
        raise InputError(
            f"“{name}”的数据总量过大（约{total}个单元格，上限{MAX_BOOK_GRID}个），"
            "请删除无关的工作表或多余的行列后另存再试"
        )
