"""Read what a form says besides its tables: the closing texts (评价结论, 存在问题, 改进措施:
Sichuan's forms end with them) and who signs it (填报单位, 单位负责人, 财务负责人, 填报人 or
填表人, 联系电话, 填报日期, 项目负责人), wherever on the form they stand.

A value stands after its label in the same cell ("项目负责人：查小兵"), or in the next cell to
the right that holds something before any other label. The printed instructions of a blank
form ("结合自评情况…（200字以内）") are no text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.model import Signature
from app.readers.forms.labels import SheetIndex, core_key
from app.text import cell_text, date_text, fold

CLOSING_LABELS = {"评价结论": "conclusion", "存在问题": "problems", "改进措施": "measures"}
"""The closing rows and the model field each fills."""
SIGNING_LABELS = {
    "填报单位": "unit",
    "单位负责人": "head",
    "财务负责人": "finance",
    "填报人": "preparer",
    "填表人": "preparer",
    "联系人": "preparer",
    "部门联系人": "preparer",
    "联系电话": "phone",
    "填报日期": "date",
    "项目负责人": "project_head",
}
"""The labels of who signs a form and the `Signature` field each fills."""
_FIELDS = {**CLOSING_LABELS, **SIGNING_LABELS}
_PLACEHOLDER = re.compile(r"字以内|结合自评情况|针对项目自评中发现的问题")
_ROLES = frozenset({"stop", "meta"})
_TAIL_ROWS = 12
"""Rows after a form's tables looked at for "label：value" cells no index knows (a 项目负责人
with its name in the same cell is no label to the index)."""


@dataclass(slots=True)
class Closing:
    """What a form says at its end: the closing texts and who signs it."""

    texts: dict[str, str] = field(default_factory=dict)
    """conclusion, problems, measures → text (only those given)."""
    signature: Signature = Signature()


def read_closing(ix: SheetIndex, start: int, end: int, tail: int) -> Closing:
    """Return the closing texts and the signature of the form in rows [start, end); `tail` is
    the first row after its tables, from which cells holding "label：value" are looked at too."""
    found: dict[str, str] = {}
    for r in ix.label_rows(start, end):
        for lab in ix.rows[r]:
            if lab.role not in _ROLES:
                continue
            name = _FIELDS.get(_head(ix.sheet.value(r, lab.col)))
            if name is None or found.get(name):
                continue
            found[name] = _text(lab.inline) if lab.inline else _right_of(ix, r, lab.col)
    for r in range(max(tail, start), min(end, tail + _TAIL_ROWS)):
        for value in ix.sheet.rows[r] if r < len(ix.sheet.rows) else ():
            if not isinstance(value, str) or ("：" not in value and ":" not in value):
                continue
            head, _, rest = fold(value).partition(":")
            name = _FIELDS.get(core_key(head))
            if name is not None and not found.get(name):
                found[name] = _text(rest)
    signature = Signature(**{f: found.get(f, "") for f in set(SIGNING_LABELS.values())})
    texts = {f: found[f] for f in CLOSING_LABELS.values() if found.get(f)}
    return Closing(texts, signature)


def _head(value: Any) -> str:
    """Return the label a cell starts with: its core key before any colon."""
    return core_key(value).partition(":")[0] if isinstance(value, str) else ""


def _right_of(ix: SheetIndex, row: int, col: int) -> str:
    """Return the text of the next cell right of a label that holds something, unless that is
    another label; "" when there is none."""
    line = ix.sheet.rows[row]
    for c in range(ix.last_col(row, col) + 1, len(line)):
        if line[c] is None:
            continue
        if ix.is_label(row, c):
            return ""
        return _text(line[c])
    return ""


def _text(value: Any) -> str:
    """Return a value as text: a date as 2023年3月15日; the printed instructions of a blank form
    as ""."""
    text = date_text(value) or cell_text(value)
    return "" if _PLACEHOLDER.search(text) else text
