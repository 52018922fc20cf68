"""Read the data template (docs/data-template.md): flat sheets found by name, columns by header.

Tolerant where people are untidy (spaces, full-width characters, line breaks in headers,
reordered and extra columns, numbers stored as text); strict where it matters (a missing
sheet or column is an InputError naming it; text in an amount cell is `bad_number` naming the
cell; an indicator row for a project with no funds row is `unknown_project`). The sheets are
read by `reader.TemplateReader`; `table` finds a sheet's table by its header.
"""

from __future__ import annotations

from collections.abc import Callable

from app.errors import InputError
from app.model import SOURCES, Dataset, Funds, Project
from app.readers.book import Book
from app.readers.template.reader import (
    REQUIRED_SHEETS,
    TemplateReader,
    find_sheet,
    looks_like_template,
)
from app.template_layout import EXPLANATION

__all__ = ["find_sheet", "looks_like_template", "read_template"]


def read_template(book: Book, progress: Callable[[int, int], None] | None = None) -> Dataset:
    """Read a data-template workbook into a Dataset (kind "template").

    `progress(done, total)` is called every few hundred rows (an exception it raises
    propagates). Raises InputError when a required sheet or column is missing.
    """
    for name in REQUIRED_SHEETS:
        if find_sheet(book, name) is None:
            raise InputError(f"数据模板缺少工作表“{name}”，请使用 selfeval 的空白模板填写")
    reader = TemplateReader(book, progress)
    department = reader.department()
    raw = reader.projects(department.supervisor)
    goals = reader.goals(raw)
    indicators = reader.project_indicators(raw)
    projects = []
    for name, p in raw.items():
        sources = tuple(p["sources"][s] for s in SOURCES if s in p["sources"])
        texts = goals.get(name, {})
        projects.append(
            Project(
                name=name,
                department=p["department"],
                unit=p["unit"],
                funds=Funds(
                    sources=sources,
                    explanation=texts.get(EXPLANATION, ""),
                    explanation_at=texts.get(EXPLANATION + "@"),
                ),
                goal=texts.get("预期目标", ""),
                achieved=texts.get("实际完成情况", ""),
                indicators=tuple(indicators.get(name, ())),
                where=p["where"],
                conclusion=texts.get("评价结论", ""),
                problems=texts.get("存在问题", ""),
                measures=texts.get("改进措施", ""),
            )
        )
    return Dataset(
        path=book.path,
        kind="template",
        department=department,
        projects=tuple(projects),
        findings=tuple(reader.findings),
    )
