"""Shared fixtures: paths of the bundled example and a builder for small test workbooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"


def write_book(
    path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[tuple]] | None = None
) -> Path:
    """Write `sheets` (name → rows from A1; None leaves a cell empty) to an xlsx at `path`.

    Strings are written as strings and numbers as numbers, exactly as given, so tests control
    whether a number is "stored as text". `merges` maps a sheet to (r0, c0, r1, c1, value).
    """
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, line in enumerate(rows):
            for c, value in enumerate(line):
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write(r, c, value)
        for r0, c0, r1, c1, value in (merges or {}).get(name, []):
            ws.merge_range(r0, c0, r1, c1, value)
    wb.close()
    return path


INFO = [["项目", "内容"], ["部门名称", "测试局"], ["年度", 2022]]
FUNDS_HEAD = [
    "项目名称",
    "主管部门",
    "实施单位",
    "资金来源",
    "年初预算数",
    "全年预算数",
    "全年执行数",
]
IND_HEAD = [
    "项目名称",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "偏差原因分析及改进措施",
]


def template_sheets(
    funds: list[list[Any]] | None = None,
    indicators: list[list[Any]] | None = None,
    **extra: list[list[Any]],
) -> dict[str, list[list[Any]]]:
    """Return the sheets of a minimal data template with one project unless told otherwise."""
    sheets = {
        "部门信息": INFO,
        "项目资金": [
            FUNDS_HEAD,
            *(funds or [["项目甲", "测试局", "测试单位", "当年财政拨款", 100, 100, 95]]),
        ],
        "项目指标": [
            IND_HEAD,
            *(
                indicators
                or [["项目甲", "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None]]
            ),
        ],
    }
    sheets.update(extra)
    return sheets


@pytest.fixture
def book(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes a workbook into tmp_path and returns its path."""
    counter = iter(range(1000))

    def make(
        sheets: dict[str, list[list[Any]]],
        merges: dict[str, list[tuple]] | None = None,
        name: str | None = None,
    ) -> Path:
        return write_book(tmp_path / (name or f"book{next(counter)}.xlsx"), sheets, merges)

    return make
