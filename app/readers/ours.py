"""Is a workbook one selfeval made? Told by its content, never by its file name.

Every workbook selfeval writes carries a custom document property `selfeval` (its value says
what it is: 自评结果 or 部门汇总), which Excel and WPS keep when they save. Older outputs,
made before the property, are known by their layout: a 汇总 sheet titled 绩效自评结果汇总表 and
a 问题清单 sheet with its header row (序号 | 严重程度 | 项目 | 输入位置 | 说明 | 结果位置).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MARKER = "selfeval"
"""The name of the custom document property."""
RESULT = "自评结果"
SUMMARY = "部门汇总"

_PART_LIMIT = 1 << 20
"""Bytes read at most from a part: the properties and the sheet list are small."""
_PROPERTY = re.compile(rb'name="selfeval"\s*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>')
_SHEET_NAME = re.compile(rb'<sheet\b[^>]*\bname="([^"]*)"')
_FINDINGS_HEAD = ("序号", "严重程度", "项目", "输入位置", "说明", "结果位置")


def _part(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _PART_LIMIT:
        return None
    with zf.open(info) as fh:
        return fh.read(_PART_LIMIT)


def made_by_selfeval(path: str | Path) -> str | None:
    """Return what selfeval made `path` as (RESULT or SUMMARY), or None when it did not (or
    the file cannot be opened: the reader will say why)."""
    try:
        with zipfile.ZipFile(path) as zf:
            custom = _part(zf, "docProps/custom.xml")
            if custom is not None:
                m = _PROPERTY.search(custom)
                if m:
                    return SUMMARY if SUMMARY.encode() in m.group(1) else RESULT
            workbook = _part(zf, "xl/workbook.xml") or b""
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return None
    names = {n.decode("utf-8", "replace") for n in _SHEET_NAME.findall(workbook)}
    if {"汇总", "问题清单"} <= names and _old_layout(path):
        return RESULT
    return None


def _old_layout(path: str | Path) -> bool:
    """True when the 汇总 and 问题清单 sheets are laid out as selfeval wrote them."""
    from app.errors import InputError
    from app.readers.book import open_book
    from app.readers.guard import inspect

    try:
        inspect(path)  # a hostile file never reaches the reader
        book = open_book(path)
    except (InputError, OSError):
        return False
    try:
        summary, findings = book.sheet("汇总"), book.sheet("问题清单")
        if summary is None or findings is None:
            return False
        title = str(summary.value(0, 0) or "").strip()
        head = tuple(str(findings.value(2, c) or "").strip() for c in range(len(_FINDINGS_HEAD)))
        return title == "绩效自评结果汇总表" and head == _FINDINGS_HEAD
    except Exception:  # noqa: BLE001 - a damaged file is simply not recognised as ours
        return False
    finally:
        book.close()
