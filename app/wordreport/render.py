"""Fill a checked template with a report's fields and save the document."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError
from app.wordreport.fields import RECORDS, TOP_LEVEL, Report
from app.wordreport.merge import merge_indicator_levels
from app.wordreport.template import UnknownField, environment, unknown_field_message

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

RECORDS_BY_NAME = {record.__name__: record for record in RECORDS}
RECORD_WORDS = {
    "Report": "报告",
    "Department": "部门部分",
    "Project": "项目部分",
    "Funds": "资金",
    "Source": "资金来源",
    "Indicator": "指标",
    "Group": "指标分组",
    "Counts": "指标计数",
    "Deviation": "偏差",
    "Task": "年度主要任务",
    "ProjectRow": "项目一览",
}
"""How messages name a record whose field a template got wrong."""


def render(template: DocxTemplate, report: Report, name: str = "报告模板") -> None:
    """Fill `template` with `report` in place. Raises InputError (naming the problem in
    Chinese) when the template cannot be filled: a field that exists on no record it is used
    on, or any other error of the template's own making."""
    context = {f.name: getattr(report, f.name) for f in fields(Report)}
    try:
        template.render(context, environment(), autoescape=True)
    except UnknownField as exc:
        record = RECORDS_BY_NAME.get(exc.record)
        if record is None:
            raise InputError(unknown_field_message(exc.name, "", name, TOP_LEVEL)) from None
        place = f"（{RECORD_WORDS[exc.record]}没有这个字段）"
        known = frozenset(f.name for f in fields(record))
        raise InputError(unknown_field_message(exc.name, place, name, known)) from None
    except Exception as exc:  # noqa: BLE001 - a template's own mistake, whatever it is
        raise InputError(f"{name}无法套用：{type(exc).__name__}: {exc}") from None
    merge_indicator_levels(template.docx.element.body)


def save(template: DocxTemplate, target: str | Path) -> None:
    """Write the filled template to `target` (a temporary file of `atomic_output`)."""
    template.save(str(target))
