"""The reading of the data template's sheets, row by row: 部门信息, 部门任务, 项目资金,
项目目标, 项目指标 and 部门指标, with the findings their cells give."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from app.model import (
    SOURCES,
    Department,
    Finding,
    Funding,
    Indicator,
    Signature,
    Task,
    Where,
)
from app.readers.book import Book, Sheet
from app.readers.common import NotANumber, combine_target, label_key, parse_amount
from app.readers.numfmt import percent_cells
from app.readers.template.table import Table, find_table, text_of
from app.template_layout import (
    CLOSING_KEYS,
    EXPLANATION,
    FUNDS,
    GOALS,
    INDICATORS,
    READER_REQUIRED,
    REQUIRED,
    SHEETS,
    SIGNATURE_KEYS,
    TASKS,
)
from app.template_layout import (
    DEPARTMENT as INFO,
)
from app.template_layout import (
    DEPARTMENT_INDICATORS as DEPT_INDICATORS,
)
from app.text import date_text, fold, percent_text

REQUIRED_COLUMNS = READER_REQUIRED
REQUIRED_SHEETS = tuple(REQUIRED)
TEMPLATE_SHEETS = tuple(SHEETS)

_SOURCE_ALIASES = {
    "当年财政拨款": "当年财政拨款",
    "本年财政拨款": "当年财政拨款",
    "财政拨款": "当年财政拨款",
    "本年一般公共预算拨款": "当年财政拨款",
    "财政资金": "当年财政拨款",
    "上年结转资金": "上年结转资金",
    "上年结转": "上年结转资金",
    "结转资金": "上年结转资金",
    "其他资金": "其他资金",
    "其他": "其他资金",
}
_YEAR = re.compile(r"(19|20)\d{2}")
_ALIASES = {"填报单位(盖章)": "填报单位", "填表人": "填报人"}
"""Keys of 部门信息 as the forms print them, read as the template's own."""
_GOAL_TEXTS = (EXPLANATION, *CLOSING_KEYS)
"""The optional text columns of 项目目标 after its goal and its achievement."""


def find_sheet(book: Book, name: str) -> Sheet | None:
    """Return the sheet whose name matches `name` after folding, or None."""
    key = label_key(name)
    for i, sheet_name in enumerate(book.names):
        if label_key(sheet_name) == key:
            return book.sheets[i]
    return None


def looks_like_template(book: Book) -> bool:
    """Return True when the book has at least two of the template's data sheets."""
    return sum(find_sheet(book, n) is not None for n in TEMPLATE_SHEETS) >= 2


class TemplateReader:
    def __init__(self, book: Book, progress: Callable[[int, int], None] | None = None) -> None:
        self.book = book
        self.findings: list[Finding] = []
        names = [s.name for n in (INDICATORS, DEPT_INDICATORS) if (s := find_sheet(book, n))]
        self.percent = percent_cells(book.path, names)
        self.progress = progress
        sheets = [s for n in TEMPLATE_SHEETS if (s := find_sheet(book, n))]
        self.total_rows = sum(s.height for s in sheets)
        self._done_rows = 0

    def table(
        self, sheet: Sheet, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> Table:
        """Locate the sheet's table (see `find_table`), reporting progress through its rows."""
        table = find_table(sheet, required, optional)
        if self.progress is not None:
            done, total, report = self._done_rows, self.total_rows, self.progress
            table.tick = lambda r: report(min(done + r, total), total)
        self._done_rows += sheet.height
        return table

    def value_text(self, table: Table, row: int, line: list[Any], column: str) -> tuple[str, bool]:
        """Return a target/actual cell as text, and whether it is a number shown as a
        percentage (0.95 formatted 0% is written "95%", as the person sees it)."""
        value = table.get(line, column)
        c = table.columns.get(column)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if numeric and c is not None and (table.sheet.name, row, c) in self.percent:
            return percent_text(value), True
        return text_of(value), False

    def amount(
        self, table: Table, row: int, line: list[Any], column: str, project: str | None
    ) -> float | None:
        """Return a number cell as a float (None when empty); text that is no number is None
        and a `bad_number` finding naming the cell."""
        return self.amount_and_text(table, row, line, column, project)[0]

    def amount_and_text(
        self, table: Table, row: int, line: list[Any], column: str, project: str | None
    ) -> tuple[float | None, str | None]:
        """Return a number cell as (float, None), or (None, its text as given) with a
        `bad_number` finding when it holds text that is no number; (None, None) when empty."""
        value = table.get(line, column)
        try:
            return parse_amount(value), None
        except NotANumber as exc:
            where = table.where(row, column)
            self.findings.append(
                Finding(
                    severity="error",
                    code="bad_number",
                    message=f"{where}（{column}）应为数字，实际为“{exc.text}”，未计入合计和执行率，请改为数字",
                    project=project,
                    where=where,
                )
            )
            return None, text_of(value)

    # -- 部门信息, 部门任务, 部门指标 ------------------------------------------------------
    def department(self) -> Department:
        sheet = find_sheet(self.book, INFO)
        assert sheet is not None
        table = self.table(sheet, REQUIRED_COLUMNS[INFO])
        info: dict[str, tuple[str, Where | None]] = {}
        for r, line in table.rows():
            key = label_key(table.get(line, "项目"))
            key = _ALIASES.get(key, key)
            if key:
                info[key] = (_info_text(table.get(line, "内容")), table.where(r, "内容"))
        name, name_at = info.get("部门名称", ("", None))
        if not name:
            self.findings.append(
                Finding(
                    severity="error",
                    code="missing_value",
                    message=f"工作表“{INFO}”未填写部门名称",
                    project=None,
                    where=name_at,
                )
            )
        year_text, year_at = info.get("年度", ("", None))
        year = None
        m = _YEAR.search(fold(year_text))
        if m:
            year = int(m.group(0))
        else:
            self.findings.append(
                Finding(
                    severity="error",
                    code="missing_value",
                    message=f"工作表“{INFO}”的年度“{year_text}”不是有效年份（如 2022）"
                    if year_text
                    else f"工作表“{INFO}”未填写年度",
                    project=None,
                    where=year_at,
                )
            )
        return Department(
            name=name,
            year=year,
            goal=info.get("年度目标", ("", None))[0],
            achieved=info.get("绩效目标实际完成情况", ("", None))[0],
            supervisor=info.get("主管部门", ("", None))[0],
            tasks=self.tasks(),
            indicators=self.department_indicators(),
            where=name_at,
            signature=Signature(
                **{field: info.get(key, ("", None))[0] for key, field in SIGNATURE_KEYS.items()}
            ),
            conclusion=info.get("评价结论", ("", None))[0],
            problems=info.get("存在问题", ("", None))[0],
            measures=info.get("改进措施", ("", None))[0],
        )

    def tasks(self) -> tuple[Task, ...]:
        sheet = find_sheet(self.book, TASKS)
        if sheet is None:
            return ()
        table = self.table(sheet, REQUIRED_COLUMNS[TASKS], ("序号", "主要内容", "实际完成情况"))
        return tuple(
            Task(
                number=table.text(line, "序号") or str(i + 1),
                name=table.text(line, "任务名称"),
                content=table.text(line, "主要内容"),
                achieved=table.text(line, "实际完成情况"),
            )
            for i, (_, line) in enumerate(table.rows())
        )

    # -- 项目资金 ----------------------------------------------------------------------------
    def projects(self, supervisor: str) -> dict[str, dict[str, Any]]:
        sheet = find_sheet(self.book, FUNDS)
        assert sheet is not None
        table = self.table(sheet, REQUIRED_COLUMNS[FUNDS], ("主管部门", "实施单位"))
        projects: dict[str, dict[str, Any]] = {}
        for r, line in table.rows():
            name = table.text(line, "项目名称")
            if not name:
                where = table.where(r, "项目名称")
                self.findings.append(
                    Finding(
                        severity="error",
                        code="missing_value",
                        message=f"{where}：此行有资金数据但未填写项目名称",
                        project=None,
                        where=where,
                    )
                )
                continue
            p = projects.setdefault(
                name,
                {
                    "where": table.where(r, "项目名称"),
                    "department": table.text(line, "主管部门") or supervisor,
                    "unit": table.text(line, "实施单位"),
                    "sources": {},
                },
            )
            if not p["unit"]:
                p["unit"] = table.text(line, "实施单位")
            source = self.source(table, r, line, name)
            amounts = {
                key: (*self.amount_and_text(table, r, line, col, name), table.where(r, col))
                for key, col in (
                    ("initial", "年初预算数"),
                    ("budget", "全年预算数"),
                    ("spent", "全年执行数"),
                )
            }
            if source in p["sources"]:
                where = table.where(r, "资金来源")
                self.findings.append(
                    Finding(
                        severity="error",
                        code="duplicate_source",
                        message=f"{where}：项目“{name}”的资金来源“{source}”重复填写，已按第一行计算，请合并为一行",
                        project=name,
                        where=where,
                    )
                )
                continue
            budget, budget_text, budget_at = amounts["budget"]
            spent, spent_text, spent_at = amounts["spent"]
            # Required: 全年预算数 always, 全年执行数 beside a budget above 0 (a dash is empty).
            for missing, where, what in (
                (budget is None and budget_text is None, budget_at, "全年预算数"),
                (
                    spent is None and spent_text is None and budget is not None and budget > 0,
                    spent_at,
                    "全年执行数",
                ),
            ):
                if missing:
                    self.findings.append(
                        Finding(
                            severity="error",
                            code="missing_value",
                            message=f"{where}：项目“{name}”（{source}）未填写{what}",
                            project=name,
                            where=where,
                        )
                    )
            initial, initial_text, initial_at = amounts["initial"]
            p["sources"][source] = Funding(
                source=source,
                initial=initial,
                budget=budget,
                spent=spent,
                initial_at=initial_at,
                budget_at=budget_at,
                spent_at=spent_at,
                initial_text=initial_text,
                budget_text=budget_text,
                spent_text=spent_text,
            )
        return projects

    def source(self, table: Table, row: int, line: list[Any], project: str) -> str:
        raw = table.text(line, "资金来源")
        key = label_key(raw).removeprefix("其中:").removeprefix("其中")
        source = _SOURCE_ALIASES.get(key)
        if source:
            return source
        where = table.where(row, "资金来源")
        if not raw:
            self.findings.append(
                Finding(
                    severity="warning",
                    code="missing_value",
                    message=f"{where}：未填写资金来源，按“当年财政拨款”计",
                    project=project,
                    where=where,
                )
            )
            return SOURCES[0]
        self.findings.append(
            Finding(
                severity="warning",
                code="unknown_source",
                message=f"{where}：资金来源“{raw}”不是当年财政拨款、上年结转资金或其他资金，按“其他资金”计",
                project=project,
                where=where,
            )
        )
        return SOURCES[2]

    # -- 项目目标 ----------------------------------------------------------------------------
    def goals(self, known: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Return each project's texts of 项目目标 by column name (预期目标, 实际完成情况 and
        the optional 偏差说明, 评价结论, 存在问题, 改进措施), with "偏差说明@" the cell of its
        偏差说明 when the column is there."""
        sheet = find_sheet(self.book, GOALS)
        if sheet is None:
            return {}
        table = self.table(sheet, REQUIRED_COLUMNS[GOALS], _GOAL_TEXTS)
        goals: dict[str, dict[str, Any]] = {}
        for r, line in table.rows():
            name = table.text(line, "项目名称")
            if not self.check_project(table, r, name, known):
                continue
            texts: dict[str, Any] = {
                column: table.text(line, column) for column in ("预期目标", "实际完成情况")
            }
            for column in _GOAL_TEXTS:
                if column in table.columns:
                    texts[column] = table.text(line, column)
            if EXPLANATION in table.columns:
                texts[EXPLANATION + "@"] = table.where(r, EXPLANATION)
            goals[name] = texts
        return goals

    def check_project(self, table: Table, row: int, name: str, known: dict[str, Any]) -> bool:
        """Return True when `name` has a funds row; otherwise record unknown_project."""
        if name in known:
            return True
        where = table.where(row, "项目名称")
        if name:
            message = f"{where}：项目“{name}”在“{FUNDS}”表中没有资金行，请检查项目名称是否一致"
        else:
            message = f"{where}：此行未填写项目名称"
        self.findings.append(
            Finding(
                severity="error",
                code="unknown_project",
                message=message,
                project=name or None,
                where=where,
            )
        )
        return False

    # -- 项目指标 / 部门指标 -----------------------------------------------------------------
    def project_indicators(self, known: dict[str, Any]) -> dict[str, list[Indicator]]:
        """Read 项目指标: the indicators of each project of `known` (项目资金's projects)."""
        by_project: dict[str, list[Indicator]] = {}
        for name, indicator in self._indicator_rows(INDICATORS, known):
            by_project.setdefault(name, []).append(indicator)
        return by_project

    def department_indicators(self) -> tuple[Indicator, ...]:
        """Read 部门指标, the department's indicators (none without the sheet)."""
        return tuple(indicator for _, indicator in self._indicator_rows(DEPT_INDICATORS, None))

    def _indicator_rows(
        self, sheet_name: str, known: dict[str, Any] | None
    ) -> list[tuple[str, Indicator]]:
        """Read an indicator sheet into (project name, indicator); the name is "" on 部门指标
        (`known` None)."""
        sheet = find_sheet(self.book, sheet_name)
        if sheet is None:
            return []
        optional = ("分值", "偏差原因分析及改进措施", "指标性质", "度量单位", "得分")
        table = self.table(sheet, REQUIRED_COLUMNS[sheet_name], optional)
        out: list[tuple[str, Indicator]] = []
        last: tuple[str, str, str] = ("", "", "")
        for r, line in table.rows():
            name = table.text(line, "项目名称") if known is not None else ""
            if known is not None and not self.check_project(table, r, name, known):
                continue
            level1 = _strip_points(table.text(line, "一级指标"))
            level2 = table.text(line, "二级指标")
            if not level1 and last[0] == name:
                level1 = last[1]
                level2 = level2 or last[2]
            elif not level2 and last[0] == name and level1 == last[1]:
                level2 = last[2]
            last = (name, level1, level2)
            target, target_pct = self.value_text(table, r, line, "年度指标值")
            if "指标性质" in table.columns or "度量单位" in table.columns:
                target = combine_target(
                    table.get(line, "指标性质"), target, table.get(line, "度量单位")
                )
            actual, actual_pct = self.value_text(table, r, line, "实际完成值")
            indicator = Indicator(
                level1=level1,
                level2=level2,
                name=table.text(line, "三级指标"),
                target=target,
                actual=actual,
                weight=self.amount(table, r, line, "分值", name or None),
                explanation=table.text(line, "偏差原因分析及改进措施"),
                stated_score=self.amount(table, r, line, "得分", name or None)
                if "得分" in table.columns
                else None,
                where=table.where(r, "实际完成值"),
                target_at=table.where(r, "年度指标值"),
                weight_at=table.where(r, "分值"),
                explanation_at=table.where(r, "偏差原因分析及改进措施"),
                stated_score_at=table.where(r, "得分"),
                actual_is_percent=actual_pct,
                target_is_percent=target_pct,
            )
            out.append((name, indicator))
        return out


def _info_text(value: Any) -> str:
    """Return a 内容 cell as text; a date (填报日期 typed as one) as 2023年3月15日."""
    return date_text(value) or text_of(value)


def _strip_points(level1: str) -> str:
    """ "产出指标(50分)" → "产出指标"."""
    return re.sub(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$", "", level1).strip()
