"""Tests for app/writers/template.py: the blank data template and the seed example workbook."""

from __future__ import annotations

import importlib.util
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from app.model import SOURCES
from app.writers.template import (
    DEPARTMENT_KEYS,
    INSTRUCTIONS,
    LEVEL1,
    LEVEL2,
    OPTIONAL_SHEETS,
    REQUIRED,
    SHEETS,
    VALIDATED_ROWS,
    write_template,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "selfeval-template.xlsx"
EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"
REGENERATE = (
    'regenerate with: python -c "from app.writers.template import write_template; '
    "write_template('templates/selfeval-template.xlsx')\" && python examples/make_example.py"
)


def _make_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_example", ROOT / "examples" / "make_example.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snapshot(path: Path) -> dict[str, Any]:
    """Everything a reader or a person sees of a workbook: sheets, cells with type and format,
    header styles, merges, freeze panes, widths, row heights and data validations."""
    wb = openpyxl.load_workbook(path)
    shot: dict[str, Any] = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        cells = [
            (
                c.coordinate,
                c.value,
                c.data_type,
                c.number_format,
                c.font.b,
                c.fill.fgColor.rgb,
                c.alignment.wrap_text,
            )
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        ]
        validations = sorted(
            (str(v.sqref), v.type, v.formula1, v.errorStyle, v.promptTitle, v.error)
            for v in ws.data_validations.dataValidation
        )
        shot[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "validations": validations,
        }
    return shot


def _rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def test_committed_template_is_what_write_template_writes(tmp_path: Path) -> None:
    fresh = tmp_path / "template.xlsx"
    write_template(fresh)
    assert snapshot(TEMPLATE) == snapshot(fresh), REGENERATE


def test_committed_example_is_what_make_example_writes(tmp_path: Path) -> None:
    fresh = _make_example().build(tmp_path / "example.xlsx")
    assert snapshot(EXAMPLE) == snapshot(fresh), REGENERATE


def test_two_runs_write_identical_bytes(tmp_path: Path) -> None:
    write_template(tmp_path / "a.xlsx")
    write_template(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_blank_template_has_spec_sheets_and_columns() -> None:
    wb = openpyxl.load_workbook(TEMPLATE)
    assert wb.sheetnames == [
        "填报说明",
        "部门信息",
        "部门任务",
        "部门指标",
        "项目资金",
        "项目目标",
        "项目指标",
    ]
    assert SHEETS["项目资金"] == (
        "项目名称",
        "主管部门",
        "实施单位",
        "资金来源",
        "年初预算数",
        "全年预算数",
        "全年执行数",
    )
    assert SHEETS["项目指标"] == (
        "项目名称",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "偏差原因分析及改进措施",
    )
    for sheet, columns in SHEETS.items():
        rows = _rows(TEMPLATE, sheet)
        assert rows[0] == columns, sheet
        if sheet != "部门信息":
            assert len(rows) == 1, f"{sheet} should hold only its header"
    assert _rows(TEMPLATE, "部门信息")[1:] == [(key, None) for key in DEPARTMENT_KEYS]
    assert DEPARTMENT_KEYS == (
        "部门名称",
        "年度",
        "年度目标",
        "绩效目标实际完成情况",
        "主管部门",
        # Optional (issue 16): the closing texts and the signature block of every form.
        "评价结论",
        "存在问题",
        "改进措施",
        "填报单位",
        "单位负责人",
        "财务负责人",
        "填报人",
        "联系电话",
        "填报日期",
    )


def test_required_columns_are_spec_columns_of_the_sheets() -> None:
    assert set(REQUIRED) == {"部门信息", "项目资金", "项目指标"}
    assert set(REQUIRED) | set(OPTIONAL_SHEETS) == set(SHEETS)
    for sheet, columns in REQUIRED.items():
        assert set(columns) <= set(SHEETS[sheet]), sheet
    assert "主管部门" not in REQUIRED["项目资金"] and "实施单位" not in REQUIRED["项目资金"]
    assert (
        "分值" not in REQUIRED["项目指标"] and "偏差原因分析及改进措施" not in REQUIRED["项目指标"]
    )
    assert "指标性质" not in SHEETS["项目指标"] and "度量单位" not in SHEETS["项目指标"]


def test_data_validation_lists() -> None:
    wb = openpyxl.load_workbook(TEMPLATE)
    last = VALIDATED_ROWS

    def lists(sheet: str) -> dict[str, tuple[str, str]]:
        return {
            str(v.sqref): (v.formula1, v.errorStyle)
            for v in wb[sheet].data_validations.dataValidation
            if v.type == "list"
        }

    assert lists("项目资金") == {f"D2:D{last}": ('"当年财政拨款,上年结转资金,其他资金"', "warning")}
    assert SOURCES == ("当年财政拨款", "上年结转资金", "其他资金")
    level1 = '"' + ",".join(LEVEL1) + '"'
    level2 = '"' + ",".join(LEVEL2) + '"'
    assert "过程指标" in LEVEL1 and "服务对象满意度指标" in LEVEL2 and "生态环境成本指标" in LEVEL2
    assert lists("项目指标") == {
        f"B2:B{last}": (level1, "information"),
        f"C2:C{last}": (level2, "information"),
    }
    assert lists("部门指标") == {
        f"A2:A{last}": (level1, "information"),
        f"B2:B{last}": (level2, "information"),
    }
    for sheet in ("部门信息", "部门任务", "项目目标"):
        assert lists(sheet) == {}


def test_data_sheet_formats() -> None:
    wb = openpyxl.load_workbook(EXAMPLE)
    for sheet, columns in SHEETS.items():
        ws = wb[sheet]
        assert ws.freeze_panes == "A2", sheet
        for col, name in enumerate(columns, start=1):
            header = ws.cell(1, col)
            assert header.font.b and header.fill.fgColor.rgb == "FFDDEBF7", (sheet, name)
            assert header.border.bottom.style == "thin"
            letter = header.column_letter
            # A Chinese character is about 2 width units: the header must fit.
            assert ws.column_dimensions[letter].width >= 2 * len(name), (sheet, name)
    funds = wb["项目资金"]
    assert [funds.cell(2, c).number_format for c in (5, 6, 7)] == ["#,##0.00"] * 3
    assert funds["E2"].border.left.style == "thin"
    assert wb["部门任务"]["C2"].alignment.wrap_text and wb["部门任务"]["D2"].alignment.wrap_text
    assert wb["项目目标"]["B2"].alignment.wrap_text
    assert wb["项目指标"]["E2"].number_format == "@"
    assert wb["部门信息"].column_dimensions["B"].width >= 60
    # Long texts get tall rows even where the spreadsheet does not fit heights itself.
    assert wb["部门任务"].row_dimensions[2].height >= 60


def test_example_holds_the_seed_department() -> None:
    info = dict(_rows(EXAMPLE, "部门信息")[1:])
    assert info["部门名称"] == "长春市双阳区教育局（汇总）"
    assert info["年度"] == 2022
    assert info["年度目标"].startswith("以习近平新时代中国特色社会主义思想为指导")
    assert info["年度目标"].endswith("的“学在双阳”教育品牌。")
    assert info["绩效目标实际完成情况"].endswith("惠民政策全部落实、教育保障更加有力。")
    assert info["主管部门"] is None

    tasks = _rows(EXAMPLE, "部门任务")[1:]
    assert [t[0] for t in tasks] == [1, 2, 3, 4, 5, 6, 7]
    assert [t[1] for t in tasks] == [
        "教育行政管理",
        "基础教育教学管理及条件改善",
        "职业教育教学管理及条件改善",
        "职业教育教学发展",
        "教师及人才队伍建设",
        "学生资助",
        "综合管理及条件改善",
    ]
    assert all(t[2] and t[3] and "<p>" not in t[2] + t[3] for t in tasks)
    assert tasks[5][3].startswith("惠民政策全部落实。") and "1177.29万元" in tasks[5][3]
    assert tasks[6][2] == "本项目主要填列以前年度纳入基本支出的项目及其他未放入前六项的项目。"

    indicators = _rows(EXAMPLE, "部门指标")[1:]
    assert len(indicators) == 7
    assert indicators[0] == (
        "产出指标",
        "数量指标",
        "生均公用经费",
        "不低于国家规定的标准",
        "不低于国家规定的标准",
        None,
        None,
    )
    assert indicators[3][:5] == ("效益指标", "社会效益指标", "九年义务教育巩固率", ">=98%", "99%")
    assert indicators[5][:5] == ("满意度指标", "服务对象满意度指标", "公众满意度", ">=92%", "95%")
    assert indicators[6][:5] == ("满意度指标", "服务对象满意度指标", "师生满意度", ">=95%", "95%")


def test_example_holds_the_seed_projects() -> None:
    funds = _rows(EXAMPLE, "项目资金")[1:]
    assert funds == [
        (
            "2022年综合管理及条件改善",
            None,
            "长春市双阳区教育局（汇总）",
            "当年财政拨款",
            705.70,
            427.07,
            427.07,
        ),
        ("2022年学生资助", None, "长春市双阳区教育局（汇总）", "当年财政拨款", 72.82, 38.51, 38.51),
        (
            "2022年基础教育教学管理及条件改善",
            None,
            "长春市双阳区教育局(汇总)",
            "当年财政拨款",
            4367.73,
            14571.46,
            14571.46,
        ),
        (
            "2022年职业教育教学管理及条件改善",
            None,
            "长春市双阳区教育局（汇总）",
            "当年财政拨款",
            43.37,
            0,
            0,
        ),
    ]
    goals = _rows(EXAMPLE, "项目目标")[1:]
    assert [g[:2] for g in goals] == [
        ("2022年综合管理及条件改善", "做好地区内教育经费保障工作。"),
        ("2022年学生资助", "做好学生资助经费及奖助学金发放工作。"),
        ("2022年基础教育教学管理及条件改善", "保障基础教育工作正常运转及办学条件改善。"),
        ("2022年职业教育教学管理及条件改善", "保障职业教育工作正常运转及办学条件改善。"),
    ]
    assert goals[3][2].endswith("但是中等职业教育学校生均公用经费已达到省定标准。")

    rows = _rows(EXAMPLE, "项目指标")[1:]
    counts = Counter(r[0] for r in rows)
    assert list(counts.items()) == [
        ("2022年综合管理及条件改善", 4),
        ("2022年学生资助", 5),
        ("2022年基础教育教学管理及条件改善", 6),
        ("2022年职业教育教学管理及条件改善", 5),
    ]
    assert all(r[1] and r[2] and r[3] and r[6] is None and r[7] is None for r in rows)
    basic = [r[1:6] for r in rows if r[0] == "2022年基础教育教学管理及条件改善"]
    assert basic == [
        (
            "产出指标",
            "数量指标",
            "生均公用经费拨款水平",
            "不低于国家规定标准",
            "不低于国家规定标准",
        ),
        ("产出指标", "质量指标", "采购设备合格率", "≥95%", "100%"),
        ("产出指标", "质量指标", "维修维护验收合格率", "≥95%", "100%"),
        ("效益指标", "可持续影响指标", "教育教学质量", "≥80%", "95%"),
        ("效益指标", "可持续影响指标", "各类设施和平台可持续运行年限", "≥5年", "6年"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "95%"),
    ]
    assert rows[0][1:6] == ("产出指标", "质量指标", "采购设备合格率", ">=95%", "100%")
    assert rows[8][1:6] == ("满意度指标", "服务对象满意度指标", "受助群体满意度", ">=95%", "100%")
    assert [r[3] for r in rows if r[1] == "满意度指标"] == [
        "师生满意度",
        "受助群体满意度",
        "师生满意度",
        "师生满意度",
    ]


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(
        path,
        {
            "项目资金": [["=A1", None, "@单位", "当年财政拨款", 1, 2, 3]],
            "项目目标": [["=A1", "=SUM(1,2)", "+5%完成"]],
            "项目指标": [
                ["=A1", "产出指标", "数量指标", "-新增", "=1", "http://x.cn/a", None, None]
            ],
        },
    )
    wb = openpyxl.load_workbook(path)
    goal = wb["项目目标"]["B2"]
    assert (goal.value, goal.data_type) == ("=SUM(1,2)", "s")
    assert wb["项目目标"]["C2"].value == "+5%完成"
    assert (wb["项目指标"]["E2"].value, wb["项目指标"]["E2"].data_type) == ("=1", "s")
    assert wb["项目指标"]["D2"].value == "-新增"
    assert wb["项目指标"]["F2"].hyperlink is None
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) for n in sheets)


def test_bad_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="未知的工作表"):
        write_template(tmp_path / "a.xlsx", {"项目": [["x"]]})
    with pytest.raises(ValueError, match="项目目标 第 2 行"):
        write_template(
            tmp_path / "b.xlsx", {"项目目标": [["a", "b", "c", "d", "e", "f", "g", "h"]]}
        )


def test_guide_explains_every_sheet_column_and_tricky_value() -> None:
    ws = openpyxl.load_workbook(TEMPLATE)[INSTRUCTIONS]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    body = "\n".join(texts)
    assert texts[0] == "绩效自评数据模板 · 填报说明"
    for sheet, columns in SHEETS.items():
        assert sheet in body
        for column in columns:
            assert column in texts or column in body, (sheet, column)
    for key in DEPARTMENT_KEYS:
        assert key in texts
    for example in (
        ">=95%",
        "≥95%",
        "100%",
        "0.95（百分比格式）",
        "≥5年 / 6年",
        "≤500万元",
        "得到提升",
        "不低于国家规定的标准",
        "2022年12月31日前",
        "— 或 不适用",
    ):
        assert example in texts, example
    for phrase in (
        "预算执行率 10 分、产出指标 50 分、效益指标 30 分、满意度指标 10 分，合计 100 分",
        "分值可以留空",
        "指标性质",
        "度量单位",
        "年度资金总和",
        "万元",
    ):
        assert phrase in body, phrase
