"""The data-template reader: tolerant of untidy headers and numbers, strict where it matters."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE, FUNDS_HEAD, IND_HEAD, template_sheets

from app.errors import InputError
from app.model import Where
from app.readers import read


def test_example_is_read_in_full() -> None:
    data = read(EXAMPLE)
    assert data.kind == "template"
    assert data.department.name == "长春市双阳区教育局（汇总）"
    assert data.department.year == 2022
    assert len(data.department.tasks) == 7
    assert len(data.department.indicators) == 7
    assert [p.name for p in data.projects] == [
        "2022年综合管理及条件改善",
        "2022年学生资助",
        "2022年基础教育教学管理及条件改善",
        "2022年职业教育教学管理及条件改善",
    ]
    basic = data.projects[2]
    (src,) = basic.funds.sources
    assert (src.source, src.initial, src.budget, src.spent) == (
        "当年财政拨款",
        4367.73,
        14571.46,
        14571.46,
    )
    assert src.budget_at == Where("项目资金", "F4")
    assert [len(p.indicators) for p in data.projects] == [4, 5, 6, 5]
    years = basic.indicators[4]
    assert (years.name, years.target, years.actual) == (
        "各类设施和平台可持续运行年限",
        "≥5年",
        "6年",
    )
    assert years.where.sheet == "项目指标"
    assert data.findings == ()


def test_headers_with_spaces_fullwidth_breaks_reordered_and_extra_columns(book) -> None:
    funds_head = [
        "备注",
        " 全年执行数 ",
        "项目\n名称",
        "资金来源",
        "年初预算数",
        "全年预算数（万元）",
    ]
    ind_head = [
        "实际完成值",
        "项目名称",
        "三级指标",
        "一级 指标",
        "二级指标",
        "年度指标值\n",
        "分值",
    ]
    path = book(
        template_sheets(
            funds=[["x", "14,571.46", "项目甲", "当年财政拨款", "4,367.73", 14571.46]],
            indicators=[["100%", "项目甲", "合格率", "产出指标", "质量指标", "＞＝95%", 50]],
        )
        | {
            "项目资金": [
                funds_head,
                ["x", "14,571.46", "项目甲", "当年财政拨款", "4,367.73", 14571.46],
            ],
            "项目指标": [
                ind_head,
                ["100%", "项目甲", "合格率", "产出指标", "质量指标", "＞＝95%", 50],
            ],
        }
    )
    # "全年预算数（万元）" carries a unit mark that folding removes.
    data = read(path)
    (p,) = data.projects
    (src,) = p.funds.sources
    assert (src.initial, src.budget, src.spent) == (4367.73, 14571.46, 14571.46)
    assert src.spent_at == Where("项目资金", "B2")
    (ind,) = p.indicators
    assert (ind.level1, ind.level2, ind.name, ind.target, ind.actual, ind.weight) == (
        "产出指标",
        "质量指标",
        "合格率",
        "＞＝95%",
        "100%",
        50.0,
    )
    assert ind.where == Where("项目指标", "A2")


def test_missing_sheet_is_an_error_naming_it(book) -> None:
    sheets = template_sheets()
    del sheets["项目指标"]
    with pytest.raises(InputError, match="缺少工作表“项目指标”"):
        read(book(sheets))


def test_missing_column_is_an_error_naming_it(book) -> None:
    sheets = template_sheets()
    sheets["项目资金"] = [
        [h for h in FUNDS_HEAD if h != "全年执行数"],
        ["项目甲", "", "", "当年财政拨款", 1, 1],
    ]
    with pytest.raises(InputError, match="工作表“项目资金”缺少列“全年执行数”"):
        read(book(sheets))


def test_text_in_amount_cell_is_bad_number_naming_the_cell(book) -> None:
    data = read(book(template_sheets(funds=[["项目甲", "", "", "当年财政拨款", 100, "一百", 95]])))
    (f,) = [f for f in data.findings if f.code == "bad_number"]
    assert f.severity == "error"
    assert f.where == Where("项目资金", "F2")
    assert "项目资金!F2" in f.message and "一百" in f.message
    assert data.projects[0].funds.sources[0].budget is None


def test_indicator_of_unknown_project_is_an_error_naming_the_row(book) -> None:
    data = read(
        book(
            template_sheets(
                indicators=[
                    ["项目甲", "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None],
                    ["项目乙", "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None],
                ]
            )
        )
    )
    (f,) = [f for f in data.findings if f.code == "unknown_project"]
    assert f.where == Where("项目指标", "A3")
    assert "项目乙" in f.message and "项目资金" in f.message
    assert len(data.projects[0].indicators) == 1


def test_level_labels_fill_down_within_a_project(book) -> None:
    data = read(
        book(
            template_sheets(
                indicators=[
                    [
                        "项目甲",
                        "产出指标（50分）",
                        "质量指标",
                        "合格率",
                        "≥95%",
                        "100%",
                        None,
                        None,
                    ],
                    ["项目甲", None, None, "准确率", "≥98%", "100%", None, None],
                    ["项目甲", None, "时效指标", "及时率", "≥98%", "100%", None, None],
                ]
            )
        )
    )
    levels = [(i.level1, i.level2) for i in data.projects[0].indicators]
    assert levels == [("产出指标", "质量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标")]


def test_split_operator_and_unit_columns_combine_into_the_target(book) -> None:
    head = [*IND_HEAD, "指标性质", "度量单位"]
    sheets = template_sheets()
    sheets["项目指标"] = [
        head,
        ["项目甲", "产出指标", "数量指标", "覆盖率", 100, "100", None, None, "=", "%"],
    ]
    (ind,) = read(book(sheets)).projects[0].indicators
    assert ind.target == "=100%"


def test_missing_budget_and_source_aliases(book) -> None:
    data = read(
        book(
            template_sheets(
                funds=[
                    ["项目甲", "", "", "本年财政拨款", 100, None, 95],
                    ["项目甲", "", "", "上年结转", 10, 10, 10],
                ]
            )
        )
    )
    sources = data.projects[0].funds.sources
    assert [s.source for s in sources] == ["当年财政拨款", "上年结转资金"]
    (f,) = [f for f in data.findings if f.code == "missing_value"]
    assert f.where == Where("项目资金", "F2") and f.severity == "error"


def test_year_must_be_a_year(book) -> None:
    sheets = template_sheets()
    sheets["部门信息"] = [["项目", "内容"], ["部门名称", "测试局"], ["年度", "明年"]]
    data = read(book(sheets))
    assert data.department.year is None
    assert any(f.code == "missing_value" and "年度" in f.message for f in data.findings)


def test_a_book_of_nothing_known_is_refused(book) -> None:
    with pytest.raises(InputError, match="既没有数据模板的工作表"):
        read(book({"Sheet1": [["姓名", "电话"], ["张三", "123"]]}))


def test_percentage_formatted_number_reads_as_a_percentage(tmp_path) -> None:
    import xlsxwriter
    from conftest import FUNDS_HEAD, IND_HEAD

    path = tmp_path / "pct.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    pct = wb.add_format({"num_format": "0%"})
    info = wb.add_worksheet("部门信息")
    for r, row in enumerate([["项目", "内容"], ["部门名称", "测试局"], ["年度", "2022"]]):
        info.write_row(r, 0, row)
    funds = wb.add_worksheet("项目资金")
    funds.write_row(0, 0, FUNDS_HEAD)
    funds.write_row(1, 0, ["项目甲", "", "", "当年财政拨款", 10, 10, 10])
    ind = wb.add_worksheet("项目指标")
    ind.write_row(0, 0, IND_HEAD)
    ind.write_row(1, 0, ["项目甲", "产出指标", "质量指标", "合格率"])
    ind.write_number(1, 4, 0.95, pct)
    ind.write_number(1, 5, 0.9, pct)
    ind.write_row(2, 0, ["项目甲", "产出指标", "质量指标", "准确率", "≥95%"])
    ind.write_number(2, 5, 0.95)
    wb.close()
    first, second = read(path).projects[0].indicators
    assert (first.target, first.actual, first.target_is_percent, first.actual_is_percent) == (
        "95%",
        "90%",
        True,
        True,
    )
    assert (second.actual, second.actual_is_percent) == ("0.95", False)
