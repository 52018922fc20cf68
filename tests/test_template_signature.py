"""The data template's optional rows and columns of issue 16: who signs the forms (部门信息),
the closing texts (评价结论, 存在问题, 改进措施) and a project's 偏差说明 (项目目标)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from conftest import INFO, template_sheets

from app.model import Signature, Where
from app.readers import read

GOALS_HEAD = [
    "项目名称",
    "预期目标",
    "实际完成情况",
    "偏差说明",
    "评价结论",
    "存在问题",
    "改进措施",
]


def test_signature_and_closing_rows_of_the_department(book) -> None:
    sheets = template_sheets()
    sheets["部门信息"] = [
        *INFO,
        ["评价结论", "全年目标基本完成"],
        ["存在问题", "个别项目执行偏慢"],
        ["改进措施", "加快执行进度"],
        ["填报单位（盖章）", "测试局"],  # as the forms print it
        ["单位负责人", "王一"],
        ["财务负责人", "李二"],
        ["填表人", "张三"],  # the forms' word for 填报人
        ["联系电话", "0431-88888888"],
        ["填报日期", "2023年3月15日"],
    ]
    dep = read(book(sheets)).department
    assert dep.signature == Signature(
        unit="测试局",
        head="王一",
        finance="李二",
        preparer="张三",
        phone="0431-88888888",
        date="2023年3月15日",
    )
    assert (dep.conclusion, dep.problems, dep.measures) == (
        "全年目标基本完成",
        "个别项目执行偏慢",
        "加快执行进度",
    )
    # The projects of a template sign as their department: nothing of their own.
    assert read(book(sheets)).projects[0].signature == Signature()


def test_without_the_new_rows_everything_is_blank(book) -> None:
    data = read(book(template_sheets()))
    assert data.department.signature == Signature()
    assert (data.department.conclusion, data.projects[0].funds.explanation) == ("", "")
    assert data.projects[0].funds.explanation_at is None
    assert data.findings == ()


def test_a_date_cell_prints_as_a_chinese_date(tmp_path: Path) -> None:
    path = tmp_path / "dated.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    dated = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in template_sheets().items():
        ws = wb.add_worksheet(name)
        for r, line in enumerate(rows):
            for c, value in enumerate(line):
                if value is not None:
                    ws.write(r, c, value)
        if name == "部门信息":
            ws.write_string(len(rows), 0, "填报日期")
            ws.write_datetime(len(rows), 1, dt.datetime(2023, 3, 5), dated)
    wb.close()
    assert read(path).department.signature.date == "2023年3月5日"


def test_explanation_and_closing_texts_of_a_project(book) -> None:
    sheets = template_sheets(
        funds=[
            ["项目甲", "", "", "当年财政拨款", 100, 100, 60],
            ["项目乙", "", "", "当年财政拨款", 100, 100, 100],
        ],
        indicators=[
            ["项目甲", "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None],
            ["项目乙", "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None],
        ],
    )
    sheets["项目目标"] = [
        GOALS_HEAD,
        ["项目甲", "目标", "完成", "设备采购延至次年", "基本完成", "执行偏慢", "提前采购"],
        ["项目乙", "目标", "完成"],
    ]
    first, second = read(book(sheets)).projects
    assert (first.funds.explanation, first.funds.explanation_at) == (
        "设备采购延至次年",
        Where("项目目标", "D2"),
    )
    assert (first.conclusion, first.problems, first.measures) == (
        "基本完成",
        "执行偏慢",
        "提前采购",
    )
    # A row without the texts: empty, and the cell where its 偏差说明 belongs.
    assert (second.funds.explanation, second.funds.explanation_at) == ("", Where("项目目标", "D3"))
    assert second.conclusion == ""


def test_a_low_rate_explained_in_the_template_asks_for_nothing(book) -> None:
    from app.evaluate.scoring import evaluate

    sheets = template_sheets(funds=[["项目甲", "", "", "当年财政拨款", 100, 100, 60]])
    sheets["项目目标"] = [GOALS_HEAD[:4], ["项目甲", "", "", "设备采购延至次年"]]
    codes = [f.code for f in evaluate(read(book(sheets))).findings]
    assert "rate_low" in codes and "explanation_missing" not in codes
    sheets["项目目标"] = [GOALS_HEAD[:4], ["项目甲", "", "", ""]]
    missing = [f for f in evaluate(read(book(sheets))).findings if f.code == "explanation_missing"]
    assert [f.where for f in missing] == [Where("项目目标", "D2")]
