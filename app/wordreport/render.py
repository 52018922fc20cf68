"""Fill a checked template with a report's fields and save the document."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError
from app.wordreport.fields import Report
from app.wordreport.merge import merge_indicator_levels
from app.wordreport.template import UnknownField, environment, unknown_field_message

if TYPE_CHECKING:
    from docxtpl import DocxTemplate


def render(template: DocxTemplate, report: Report, name: str = "报告模板") -> None:
    """Fill `template` with `report` in place. Raises InputError (naming the problem in
    Chinese) when the template cannot be filled: a field that exists on no record it is used
    on, or any other error of the template's own making."""
    context = {f.name: getattr(report, f.name) for f in fields(Report)}
    try:
        template.render(context, environment(), autoescape=True)
    except UnknownField as exc:
        raise InputError(unknown_field_message(exc.name, "", name)) from None
    except Exception as exc:  # noqa: BLE001 - a template's own mistake, whatever it is
        raise InputError(f"{name}无法套用：{type(exc).__name__}: {exc}") from None
    merge_indicator_levels(template.docx.element.body)


def save(template: DocxTemplate, target: str | Path) -> None:
    """Write the filled template to `target` (a temporary file of `atomic_output`)."""
    template.save(str(target))
