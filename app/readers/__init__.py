"""Readers: pick the reader by content (data template or official forms) and return a Dataset."""

from __future__ import annotations

from pathlib import Path

from app.errors import InputError
from app.model import Dataset


def read(path: str | Path) -> Dataset:
    """Read the workbook at `path` with the reader its content calls for.

    Raises InputError (one Chinese sentence) when the file is not a readable workbook or holds
    neither the data template nor a recognisable form.
    """
    from app.readers.book import load
    from app.readers.template import looks_like_template, read_template

    book = load(path)
    name = Path(path).name
    if not any(sheet.rows for sheet in book.sheets):
        raise InputError(f"“{name}”是空的工作簿，没有任何数据")
    if looks_like_template(book):
        return read_template(book)
    try:
        from app.readers.forms import looks_like_forms, read_forms
    except ImportError:  # pragma: no cover - the forms reader is being written
        looks_like_forms = None
    if looks_like_forms is not None and looks_like_forms(book):
        return read_forms(book)
    raise InputError(
        f"“{name}”中既没有数据模板的工作表（项目资金、项目指标），也没有可识别的"
        "项目支出绩效自评表或部门整体支出绩效自评表（未找到“项目名称”“年初预算数”“一级指标”等栏目）"
    )
