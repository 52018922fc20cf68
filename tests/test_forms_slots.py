"""Where the forms reader says a form's figures belong, for `selfeval fill`: the grade (beside a
等级 label, inside "等级：", or a grade word beside the total), a total written inside its
label ("总分：    分", "自评得分：95.5"), a source row's own 得分, the department's total."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_form_files import NATIONAL_INDICATOR_HEADER
from conftest import write_book

from app.model import Inline, Where, ref_row_col
from app.readers import read

HEAD = NATIONAL_INDICATOR_HEADER[:-1]  # without 偏差原因分析
ROW = [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", 90, 90]
FUNDS = ["项目资金（万元）", None, "全年预算数", "全年执行数", "分值", "执行率", "得分"]


def project(tmp_path: Path, rows: list[list]) -> object:
    path = write_book(tmp_path / "form.xlsx", {"表": rows})
    return read(path).projects[0]


def test_a_grade_beside_its_label(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["项目名称", "甲"],
            HEAD,
            ROW,
            ["总分", 100, "自评得分", 90, "等级", "良"],
        ],
    )
    assert (p.stated_grade, p.grade_at, p.grade_inline) == ("良", Where("表", "F5"), None)
    assert p.stated_total_score == 90 and p.stated_total_score_at == Where("表", "D5")


def test_an_empty_grade_cell_beside_its_label_is_where_the_grade_goes(tmp_path: Path) -> None:
    p = project(
        tmp_path, [["项目支出绩效自评表"], ["项目名称", "甲"], HEAD, ROW, ["总分", 100, "评价等级"]]
    )
    assert (p.stated_grade, p.grade_at) == (None, Where("表", "D5"))


def test_a_grade_inside_its_label(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["自评得分：95.5", None, "等级：优"],
            ["项目名称", "甲"],
            HEAD,
            ROW,
        ],
    )
    assert (p.stated_grade, p.grade_at, p.grade_inline) == (
        "优",
        Where("表", "C2"),
        Inline("等级："),
    )
    assert p.stated_total_score == 95.5
    assert (p.stated_total_score_at, p.stated_total_score_inline) == (
        Where("表", "A2"),
        Inline("自评得分："),
    )


def test_a_grade_word_beside_the_total_is_the_grade(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["项目名称", "甲"],
            HEAD,
            ROW,
            ["总分", 100, "自评得分", 90, None, "优"],
        ],
    )
    assert (p.stated_grade, p.grade_at) == ("优", Where("表", "F5"))


def test_other_text_beside_the_total_is_no_grade(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["项目名称", "甲"],
            HEAD,
            ROW,
            ["总分", 100, "自评得分", 90, "填表人"],
        ],
    )
    assert (p.stated_grade, p.grade_at) == (None, None)


def test_a_blank_total_inside_its_label_in_the_header(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        [
            ["学生资助项目绩效目标自评表"],
            ["填报日期：", "总分：    分"],
            ["项目名称", "甲"],
            HEAD,
            ROW,
        ],
    )
    assert p.stated_total_score is None
    assert (p.stated_total_score_at, p.stated_total_score_inline) == (
        Where("表", "B2"),
        Inline("总分：", "分"),
    )


def test_a_grade_column_of_a_table_is_no_grade(tmp_path: Path) -> None:
    p = project(
        tmp_path, [["项目支出绩效自评表"], ["项目名称", "甲"], [*HEAD, "等级"], [*ROW, "优"]]
    )
    assert p.grade_at is None


def test_a_source_rows_own_score(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["项目名称", "甲"],
            FUNDS,
            [None, "年度资金总额", 10, 9, 10, "90%", 9],
            [None, "其中：本年财政拨款", 10, 9, 10, "90%", 9],
            [None, "其他资金", "-", "-", None, None, "—"],
            HEAD,
            ROW,
        ],
    )
    (source,) = p.funds.sources
    assert (source.stated_score, source.stated_score_at) == (9.0, Where("表", "G5"))
    assert p.funds.stated_score_at == Where("表", "G4")


def test_a_source_added_up_from_two_rows_has_no_score_of_its_own(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["项目名称", "甲"],
            FUNDS,
            [None, "年度资金总额", 20, 18, 10, "90%", 9],
            [None, "财政拨款", 10, 9, 10, "90%", 9],
            [None, "当年财政拨款", 10, 9, 10, "90%", 9],
            HEAD,
            ROW,
        ],
    )
    (source,) = p.funds.sources
    assert source.budget == 20 and (source.stated_score, source.stated_score_at) == (None, None)


def test_the_department_forms_stated_total(tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "dept.xlsx",
        {
            "部门": [
                ["部门整体支出绩效自评表"],
                ["部门名称", "测试局", None, "自评总分", 97.6],
                ["指标名称", "年度指标值", "实际完成值", "指标权重", "指标得分"],
                ["预算完成率", "≥90%", "95%", 100, 100],
            ]
        },
    )
    dep = read(path).department
    assert (dep.stated_total_score, dep.stated_total_score_at) == (97.6, Where("部门", "E2"))


@pytest.mark.parametrize(
    ("ref", "row_col"), [("A1", (0, 0)), ("F19", (18, 5)), ("AA10", (9, 26)), ("$D$7:D9", (6, 3))]
)
def test_ref_row_col(ref: str, row_col: tuple[int, int]) -> None:
    assert ref_row_col(ref) == row_col


def test_ref_row_col_refuses_what_is_no_reference() -> None:
    with pytest.raises(ValueError):
        ref_row_col("19F")
