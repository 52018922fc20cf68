"""Readers: pick the reader by content (data template or official forms) and return a Dataset.

The input formats are a registry, asked in a fixed order which format a workbook is (as
tablib's formats are): each says from the content whether a workbook is its kind (`detect`),
then reads it (`read`). People rename files, so the name and extension say nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError
from app.model import Dataset, Finding

if TYPE_CHECKING:
    from app.readers.book import Book

Progress = Callable[[int, int], None]

PROGRESS_SCALE = 1000
"""read() reports progress in thousandths: the phases of reading count different units."""
# Where each phase of reading ends on that scale (about its share of the time). The template's
# few sheets are loaded whole, then parsed; forms are parsed sheet by sheet as each loads.
_CHECKED, _LOADED, _PARSED = 100, 400, 960


def _phase(progress: Progress | None, start: int, end: int) -> Progress | None:
    """Map a phase's own (done, total) onto [start, end] of the read's scale."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        share = min(done / total, 1.0) if total else 1.0
        progress(start + int((end - start) * share), PROGRESS_SCALE)

    return report


@dataclass(frozen=True)
class Format:
    """An input format: its name (the report's "kind"), how to tell it by its content, how to
    read it, and whether it wants every sheet loaded before it starts."""

    name: str
    detect: Callable[[Book], bool]
    read: Callable[[Book, Progress | None], Dataset]
    loads_whole: bool = False


def formats() -> tuple[Format, ...]:
    """Return the input formats in the order they are asked. The data template comes first:
    its flat tables hold 项目名称 beside 年初预算数 and 一级指标, which no form does, while
    its 项目资金 sheet alone could pass for a form's funds block. (Imported here, not at the
    top: `selfeval --version` loads none of them.)"""
    from app.readers.forms import looks_like_forms, read_forms
    from app.readers.template import looks_like_template, read_template

    return (
        Format("template", looks_like_template, read_template, loads_whole=True),
        Format("forms", looks_like_forms, read_forms),
    )


def read(path: str | Path, progress: Progress | None = None) -> Dataset:
    """Read the workbook at `path` with the reader its content calls for.

    The file is inspected before any parser touches it (format by content, encryption, zip
    bombs, absurd extents). `progress(done, PROGRESS_SCALE)` is called as the sheets are
    loaded and parsed; an exception it raises (a cancel) propagates. Raises InputError (one
    Chinese sentence) when it is not a readable workbook or holds neither the data template
    nor a recognisable form.
    """
    from app.readers.book import open_book
    from app.readers.guard import inspect, uncached_formulas

    kind = inspect(path)
    name = Path(path).name
    if kind == "xlsb":
        # The guard cannot see inside .xlsb cell records, and a hostile one can abort the
        # reader: ask for the common format instead.
        raise InputError(
            f"暂不支持二进制工作簿（.xlsb）“{name}”，请在Excel或WPS中另存为.xlsx后再试"
        )
    if progress is not None:
        progress(_CHECKED, PROGRESS_SCALE)
    book = open_book(path)
    try:
        if not any(sheet.rows for sheet in book.sheets):
            raise InputError(f"“{name}”是空的工作簿，没有任何数据，请填写后再试")
        found = next((f for f in formats() if f.detect(book)), None)
        if found is None:
            raise InputError(_unknown_message(book, name))
        if found.loads_whole:
            book.load_all(_phase(progress, _CHECKED, _LOADED))
            dataset = found.read(book, _phase(progress, _LOADED, _PARSED))
        else:
            dataset = found.read(book, _phase(progress, _CHECKED, _PARSED))
    finally:
        book.close()
    if kind == "xlsx":
        cells = uncached_formulas(path)
        if cells:
            shown = "、".join(cells[:5]) + ("等" if len(cells) > 5 else "")
            finding = Finding(
                severity="error",
                code="formula_uncached",
                message=f"单元格{shown}含有公式但没有计算结果（文件可能由程序生成），这些单元格按空值处理；"
                "请在Excel或WPS中打开并保存后重新读取",
            )
            dataset = replace(dataset, findings=(finding, *dataset.findings))
    if progress is not None:
        progress(PROGRESS_SCALE, PROGRESS_SCALE)
    return dataset


def _unknown_message(book: Book, name: str) -> str:
    """The message for a workbook no format recognises: what it holds, where that can be told."""
    from app.readers.forms import target_tables

    targets = target_tables(book)
    if targets:
        shown = "、".join(f"“{t}”" for t in targets)
        return (
            f"“{name}”中没有绩效自评表：工作表{shown}是绩效指标表（只有目标值，没有实际完成值），"
            "无法评分；请打开填好实际完成值的绩效自评表，或使用数据模板"
        )
    return (
        f"“{name}”中既没有数据模板的工作表（项目资金、项目指标），也没有可识别的"
        "项目支出绩效自评表或部门整体支出绩效自评表（未找到“项目名称”“年初预算数”“一级指标”等栏目）"
    )
