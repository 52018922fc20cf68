"""The forms reader's table model on small workbooks, one mechanism each (docs/forms.md):
two-row headers, the blank form's rows, breakdowns, other tables skipped, a second department.
The real-looking regional forms are in tests/test_forms_corpus.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import build_form_files as files
import pytest
import xlsxwriter

from app.errors import InputError
from app.model import Dataset, Where
from app.readers.book import load
from app.readers.forms import read_forms
from app.readers.forms.indicators import clean_name, level_key


def sheets(path: Path, grids: dict[str, tuple[list[list[Any]], list[tuple]]]) -> Dataset:
    """Write each sheet's grid and merges (r0, c0, r1, c1, value) and read the book as forms."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    for name, (grid, merges) in grids.items():
        files.write_grid(wb, wb.add_worksheet(name), grid, merges)
    wb.close()
    return read_forms(load(path))


HEAD = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "测试项目"],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数"],
    [None, "年度资金总额", 100, 100, 100],
]


def test_a_header_over_two_rows_finds_the_actual_column(tmp_path: Path) -> None:
    """年度指标值 merged over 指标性质 | 指标值 | 度量单位; 实际完成值, 分值, 得分 merged down over
    both header rows (the layout whose actual column was never found)."""
    grid = [
        *HEAD,
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            None,
            None,
            "实际完成值",
            "分值",
        ],
        [None, None, None, None, "指标性质", "指标值", "度量单位", None, None],
        [None, "产出指标", "数量指标", "完成户数", "≥", 39, "户", "39户", 50],
        [None, "效益指标", "社会效益指标", "群众收入", "≥", "11.376", "万元", "12万元", 30],
        [None, "满意度指标", "服务对象满意度指标", "满意度", "定性", "满意", None, "满意", 10],
    ]
    merges = [
        (5, 0, 10, 0, "绩效指标"),
        (5, 1, 6, 1, "一级指标"),
        (5, 2, 6, 2, "二级指标"),
        (5, 3, 6, 3, "三级指标"),
        (5, 4, 5, 6, "年度指标值"),
        (5, 7, 6, 7, "实际完成值"),
        (5, 8, 6, 8, "分值"),
    ]
    data = sheets(tmp_path / "two.xlsx", {"表": (grid, merges)})
    (p,) = data.projects
    got = [(i.name, i.target, i.actual, i.weight, i.where) for i in p.indicators]
    assert got == [
        ("完成户数", "≥39户", "39户", 50.0, Where("表", "H8")),
        ("群众收入", "≥11.376万元", "12万元", 30.0, Where("表", "H9")),
        ("满意度", "满意", "满意", 10.0, Where("表", "H10")),
    ]
    assert data.findings == ()


def test_the_blank_forms_rows_are_no_indicators(tmp_path: Path) -> None:
    """指标1:/指标2: labels, "……" rows, an empty 二级 block, a row of "/" without a name (does
    not apply), a name with nothing else (named in one note), and "其中" breakdown rows."""
    grid = [
        *HEAD,
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
        ],
        [None, "产出指标(50分)", "数量指标", "指标1：★补助种植面积", "29.5亩", "29.5亩", 30, 30],
        [None, None, None, "其中桃树种植面积", "1.5亩", "1.5亩", None, None],
        [None, None, None, "其中露天蔬菜", "28亩", "28亩", "", ""],
        [None, None, None, "指标2：", None, None, None, None],
        [None, None, None, "……", None, None, None, None],
        [None, None, "质量指标", "1、工程质量合格率", "100%", "100%", 20, 20],
        [None, None, None, "指标2:", None, None, None, None],
        [None, None, "时效指标", None, None, None, None, None],
        [None, "(30分)", "社会效益指标", "受益人口数量", "90人", "90人", 30, 30],
        [None, None, "生态效益指标", "指标1:", "/", "/", "/", None],
        [None, None, "可持续影响指标", "长效管护机制", None, None, None, None],
        [
            None,
            "满意度指标(10分)",
            "服务对象满意度指标",
            "指标1：服务对象满意度",
            "≥90%",
            "95%",
            10,
            10,
        ],
        ["总分", None, None, None, None, None, 100, 100],
    ]
    data = sheets(tmp_path / "blank.xlsx", {"表": (grid, [])})
    (p,) = data.projects
    got = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight) for i in p.indicators]
    assert got == [
        ("产出指标", "数量指标", "★补助种植面积", "29.5亩", "29.5亩", 30.0),
        ("产出指标", "质量指标", "工程质量合格率", "100%", "100%", 20.0),
        # "(30分)" alone: the 一级 of its 二级; 50 and 30 and 10 are the printed weights.
        ("效益指标", "社会效益指标", "受益人口数量", "90人", "90人", 30.0),
        ("效益指标", "生态效益指标", "", "/", "/", None),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", 10.0),
    ]
    assert [i.level1_weight for i in p.indicators] == [50, 50, 30, 30, 10]
    first = p.indicators[0]
    assert [(b.name, b.target, b.actual, b.where) for b in first.breakdown] == [
        ("其中桃树种植面积", "1.5亩", "1.5亩", Where("表", "F8")),
        ("其中露天蔬菜", "28亩", "28亩", Where("表", "F9")),
    ]
    (note,) = data.findings
    assert (note.code, note.severity, note.where) == ("rows_skipped", "info", Where("表", "D17"))
    assert "“长效管护机制”（D17）" in note.message


def test_the_name_and_level_cleaning() -> None:
    assert clean_name("指标1：工程完工率") == "工程完工率"
    assert clean_name("指标1工程完工率") == "工程完工率"
    assert clean_name("指标2：") == ""
    assert clean_name("……") == ""
    assert clean_name("（1）受益人数") == "受益人数"
    assert clean_name("指标完成率") == "指标完成率"  # a name that merely begins with 指标
    assert level_key("产 出 指 标 (50分)") == ("产出指标", 50.0)
    assert level_key("一、产出指标") == ("产出指标", None)
    assert level_key("效益指标（30分）") == ("效益指标", 30.0)


SELF = [
    ["项目支出绩效自评表（2023年度）"],
    ["项目名称", "某项目"],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数"],
    [None, "年度资金总额", 10, 10, 9.5],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
    [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个"],
]


def test_other_tables_of_an_export_are_named_and_skipped(tmp_path: Path) -> None:
    declared = [
        ["项目支出绩效目标申报表"],
        ["项目名称", "某项目"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "产出指标", "数量指标", "完成数量", "≥10个"],
    ]
    monitored = [
        ["项目支出绩效目标执行监控表"],
        ["项目名称", "某项目"],
        ["项目资金", None, "年初预算数", "全年预算数", "1-7月执行数", "全年预计执行数"],
        [None, "年度资金总额", 10, 10, 4, 10],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况"],
        [None, "产出指标", "数量指标", "完成数量", "≥10个", "5个"],
    ]
    plan = [["项目名称", "某项目"], ["月份", "计划支出"], ["1月", 1]]
    untitled_targets = [
        ["项目名称", "某项目"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"],
        [None, "产出指标", "数量指标", "完成数量", "≥10个"],
    ]
    data = sheets(
        tmp_path / "export.xlsx",
        {
            "绩效目标申报表": (declared, []),
            "绩效目标执行监控": (monitored, []),
            "支出计划": (plan, []),
            "目标": (untitled_targets, []),
            "绩效自评表": (SELF, []),
        },
    )
    assert [p.name for p in data.projects] == ["某项目"]
    (note,) = [f for f in data.findings if f.code == "form_skipped"]
    assert note.severity == "info" and note.where == Where("绩效目标申报表", "A1")
    assert note.message == (
        "以下表格不是绩效自评表，未评分：“绩效目标申报表”（绩效目标申报表）、"
        "“绩效目标执行监控”（绩效目标执行监控表）、“支出计划”（支出计划）、“目标”（绩效目标申报表）"
    )


def test_a_workbook_of_declarations_only_says_so(tmp_path: Path) -> None:
    declared = [
        ["项目支出绩效目标申报表"],
        ["项目名称", "某项目"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "产出指标", "数量指标", "完成数量", "≥10个"],
    ]
    with pytest.raises(InputError) as err:
        sheets(tmp_path / "declared.xlsx", {"申报": (declared, [])})
    assert "没有绩效自评表，只有绩效目标申报表" in err.value.message


def test_a_second_department_form_is_reported(tmp_path: Path) -> None:
    def dept(name: str) -> list[list[Any]]:
        return [
            ["部门整体支出绩效自评表"],
            ["部门名称", name],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个"],
        ]

    data = sheets(
        tmp_path / "two_departments.xlsx",
        {"甲": (dept("甲局"), []), "乙": (dept("乙局"), []), "项目": (SELF, [])},
    )
    assert data.department.name == "甲局"
    (f,) = [f for f in data.findings if f.code == "extra_department"]
    assert (f.severity, f.where) == ("warning", Where("乙", "B2"))
    assert "“乙局”" in f.message and "只评了第一张（“甲局”）" in f.message


def test_county_form_names_and_sources(tmp_path: Path) -> None:
    """Hunan's 县级专项资金 form: the name under 专项资金名称, no 年初预算数 column, a source
    labelled 县级资金, an empty "其中:中央、省、市补助" row."""
    grid = [
        ["2020年度县级专项资金绩效目标自评表"],
        ["专项资金名称", "县级储备粮", "负责人及电话", "旷建成"],
        ["县级主管部门", "衡山县商务和粮食局", "实施单位", "粮食调控储备与产业发展股"],
        ["项目资金（万元）", None, "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
        [None, "年度资金总额", 194.9, 194.9, "100%"],
        [None, "其中:中央、省、市补助", None, None, None],
        [None, "县级资金", 194.9, 194.9, "100%"],
        [None, "其他资金", None, None, None],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值"],
        [None, "产出指标", "数量指标", "储备到位率", "100%", "100%"],
    ]
    data = sheets(tmp_path / "county.xlsx", {"表": (grid, [])})
    (p,) = data.projects
    assert (p.name, p.department, p.unit) == (
        "县级储备粮",
        "衡山县商务和粮食局",
        "粮食调控储备与产业发展股",
    )
    assert [(s.source, s.initial, s.budget, s.spent) for s in p.funds.sources] == [
        ("县级资金", None, 194.9, 194.9)
    ]
    assert p.funds.stated_total is not None and p.funds.stated_total.initial is None
    assert data.department.year == 2020


def test_a_department_block_without_row_labels(tmp_path: Path) -> None:
    """Chongqing's 部门整体 form: the amounts row has no label of its own; the indicators are a
    指标名称 table with 年初指标值 and 调整指标值 (the adjusted one counts where filled)."""
    grid = [
        ["部门整体绩效自评表"],
        ["主管部门", "某融媒体中心", "自评总分(分)", 97.6],
        [
            "部门预算执行情况",
            "年初预算数",
            "全年(调整)预算数",
            "全年执行数",
            "执行率(%)",
            "执行率权重",
            "执行率得分(分)",
        ],
        [None, 1200, 1250, 950, "76%", 10, 7.6],
        [
            "指标名称",
            "计量单位",
            "指标性质",
            "年初指标值",
            "调整指标值",
            "全年完成值",
            "指标权重(分)",
            "指标得分(分)",
        ],
        ["预算调整率", "%", "定量指标", "3%", None, "0", 2, 2],
        ["党性教育培训次数", "次", "定量指标", "2次", "6次", "12次", 5, 5],
    ]
    merges = [(2, 0, 3, 0, "部门预算执行情况")]
    data = sheets(tmp_path / "cq.xlsx", {"表": (grid, merges)})
    dept = data.department
    assert dept.name == "某融媒体中心"
    assert dept.funds is not None
    total = dept.funds.stated_total
    assert (total.initial, total.budget, total.spent, total.stated_rate) == (1200, 1250, 950, 0.76)
    assert (dept.funds.weight, dept.funds.stated_score) == (10, 7.6)
    got = [(i.name, i.target, i.actual, i.weight, i.target_at) for i in dept.indicators]
    assert got == [
        ("预算调整率", "3%", "0", 2.0, Where("表", "D6")),
        ("党性教育培训次数", "6次", "12次", 5.0, Where("表", "E7")),
    ]


def test_breakdowns_and_a_lone_total_print_and_read_back(tmp_path: Path) -> None:
    """The printed form shows the "其中" rows under their indicator (no 分值, no 得分, inside
    the 一级/二级 merges) and a block that gives only its 年度资金总额 with those figures (not
    the sum of empty source rows); reading the printed form back gives the same figures."""
    import openpyxl

    from app.pipeline import run

    grid = [
        *HEAD,
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
        ],
        [None, "产出指标(50分)", "数量指标", "★补助种植面积", "29.5亩", "29.5亩", 50, 50],
        [None, None, None, "其中桃树种植面积", "1.5亩", "1.5亩", None, None],
        [None, None, None, "其中露天蔬菜", "28亩", "28亩", None, None],
        [None, "效益指标(40分)", "社会效益指标", "受益人口数量", "90人", "90人", 40, 40],
    ]
    source = tmp_path / "in.xlsx"
    wb = xlsxwriter.Workbook(str(source))
    files.write_grid(wb, wb.add_worksheet("表"), grid)
    wb.close()
    out = tmp_path / "out.xlsx"
    first = run(source, out).report
    (p,) = first["projects"]
    assert (p["funds"]["budget"], p["funds"]["spent"], p["funds"]["rate"]) == (100, 100, 1.0)
    assert p["indicators"][0]["breakdown"] == [
        {"name": "其中桃树种植面积", "target": "1.5亩", "actual": "1.5亩", "where": "表!F8"},
        {"name": "其中露天蔬菜", "target": "28亩", "actual": "28亩", "where": "表!F9"},
    ]
    assert p["score"] == 100.0 and len(p["indicators"]) == 2

    ws = openpyxl.load_workbook(out)["测试项目"]
    # 年度资金总额 on row 6: the form's own figures, and a rate from them.
    assert [ws.cell(6, c).value for c in (4, 5, 6)] == [100, 100, 100]
    assert ws["H6"].value == '=IF(OR(N(E6)<=0,NOT(ISNUMBER(E6)),NOT(ISNUMBER(F6))),"—",F6/E6)'
    rows = [[ws.cell(r, c).value for c in range(2, 9)] for r in range(13, 17)]
    assert rows == [
        ["产出指标", "数量指标", "★补助种植面积", "29.5亩", "29.5亩", 50, 50],
        [None, None, "其中桃树种植面积", "1.5亩", "1.5亩", "—", "—"],
        [None, None, "其中露天蔬菜", "28亩", "28亩", "—", "—"],
        ["效益指标", "社会效益指标", "受益人口数量", "90人", "90人", 40, 40],
    ]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"B13:B15", "C13:C15"} <= merged

    again = run(out, write=False).report
    (q,) = again["projects"]
    assert [b["name"] for b in q["indicators"][0]["breakdown"]] == [
        "其中桃树种植面积",
        "其中露天蔬菜",
    ]
    assert (q["funds"]["budget"], q["score"]) == (100, 100.0)


def test_a_titled_form_whose_tables_are_not_found_is_said(tmp_path: Path) -> None:
    unknown = [
        ["项目支出绩效自评表（2023年度）"],
        ["项目名称", "看不懂的表"],
        ["资金", "计划", "实际"],
        [None, 10, 9],
    ]
    summary = [["绩效自评结果汇总表"], ["序号", "项目名称", "自评得分"], [1, "某项目", 95]]
    data = sheets(
        tmp_path / "unread.xlsx",
        {"汇总": (summary, []), "甲": (unknown, []), "乙": (SELF, [])},
    )
    assert [p.name for p in data.projects] == ["某项目"]
    # The summary holds no form and says nothing; the form that could not be read is named.
    (f,) = data.findings
    assert (f.code, f.severity, f.where) == ("form_unread", "warning", Where("甲", "A1"))
    assert f.message.startswith("工作表“甲”第1行的“项目支出绩效自评表（2023年度）”中未找到项目资金")
    with pytest.raises(InputError) as err:
        sheets(tmp_path / "only_unread.xlsx", {"甲": (unknown, [])})
    assert "未能读取" in err.value.message


def test_a_closing_line_with_its_value_and_a_second_header_row_of_words(tmp_path: Path) -> None:
    """ "填报人：王芳" ends the table (it is no indicator); words under a wide header label
    (偏差原因分析 over 经费保障 | 制度保障) are the header's second row, not a body row."""
    grid = [
        *HEAD,
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "偏差原因分析",
            None,
        ],
        [None, None, None, None, None, None, "经费保障", "制度保障"],
        [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", None, None],
        [None, None, None, "填报人：王芳", None, "联系电话：0557-5788003", None, None],
    ]
    merges = [(5, 6, 5, 7, "偏差原因分析")]
    data = sheets(tmp_path / "closing.xlsx", {"表": (grid, merges)})
    (p,) = data.projects
    assert [(i.name, i.target, i.actual, i.where) for i in p.indicators] == [
        ("完成数量", "≥10个", "10个", Where("表", "F8"))
    ]
    assert data.findings == ()
