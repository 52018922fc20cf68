"""The data template's layout (`docs/data-template.md`): sheet names, columns, what is required.

One place for the contract that the template writer (`app/writers/template.py`) lays out and
the template reader (`app/readers/template.py`) checks; no imports, so reading stays lean.
"""

from __future__ import annotations

INSTRUCTIONS = "填报说明"
"""The instruction sheet: first in the workbook, ignored by the reader."""

DEPARTMENT = "部门信息"
TASKS = "部门任务"
DEPARTMENT_INDICATORS = "部门指标"
FUNDS = "项目资金"
GOALS = "项目目标"
INDICATORS = "项目指标"

_INDICATOR_COLUMNS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "偏差原因分析及改进措施",
)
"""The indicator columns of 部门指标; 项目指标 has 项目名称 before them."""

SHEETS: dict[str, tuple[str, ...]] = {
    DEPARTMENT: ("项目", "内容"),
    TASKS: ("序号", "任务名称", "主要内容", "实际完成情况"),
    DEPARTMENT_INDICATORS: _INDICATOR_COLUMNS,
    FUNDS: (
        "项目名称",
        "主管部门",
        "实施单位",
        "资金来源",
        "年初预算数",
        "全年预算数",
        "全年执行数",
    ),
    GOALS: ("项目名称", "预期目标", "实际完成情况", "偏差说明", "评价结论", "存在问题", "改进措施"),
    INDICATORS: ("项目名称", *_INDICATOR_COLUMNS),
}
"""Every data sheet (in workbook order, after 填报说明) and its columns in template order."""

REQUIRED: dict[str, tuple[str, ...]] = {
    DEPARTMENT: ("项目", "内容"),
    FUNDS: ("项目名称", "资金来源", "年初预算数", "全年预算数", "全年执行数"),
    INDICATORS: ("项目名称", *_INDICATOR_COLUMNS[:5]),
}
"""The required sheets and, for each, its required columns; every other column is optional."""

OPTIONAL_SHEETS: tuple[str, ...] = (TASKS, DEPARTMENT_INDICATORS, GOALS)

OPTIONAL_INDICATOR_COLUMNS: tuple[str, ...] = ("指标性质", "度量单位")
"""Columns a user may add to 项目指标 (operator and unit kept apart from 年度指标值)."""

CLOSING_KEYS: dict[str, str] = {
    "评价结论": "conclusion",
    "存在问题": "problems",
    "改进措施": "measures",
}
"""The closing texts of a form (optional keys of 部门信息, optional columns of 项目目标) and
the model field each fills."""

SIGNATURE_KEYS: dict[str, str] = {
    "填报单位": "unit",
    "单位负责人": "head",
    "财务负责人": "finance",
    "填报人": "preparer",
    "联系电话": "phone",
    "填报日期": "date",
}
"""The optional keys of 部门信息 that sign every form, and the `Signature` field each fills."""

DEPARTMENT_KEYS: tuple[str, ...] = (
    "部门名称",
    "年度",
    "年度目标",
    "绩效目标实际完成情况",
    "主管部门",
    *CLOSING_KEYS,
    *SIGNATURE_KEYS,
)
"""The keys of 部门信息 (column 项目), pre-filled in the blank template."""

EXPLANATION = "偏差说明"
"""The optional column of 项目目标 that explains a project's low 执行率 or adjusted budget."""

REQUIRED_DEPARTMENT_KEYS: tuple[str, ...] = ("部门名称", "年度")

READER_REQUIRED: dict[str, tuple[str, ...]] = {
    **REQUIRED,
    TASKS: ("任务名称",),
    DEPARTMENT_INDICATORS: _INDICATOR_COLUMNS[:5],
    GOALS: ("项目名称", "预期目标", "实际完成情况"),
}
"""The columns the reader needs in each sheet it finds (an optional sheet, once present,
needs its key columns too)."""
