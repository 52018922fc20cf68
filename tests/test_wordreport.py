"""The Word 自评报告 end to end (`app.wordreport.write_report`): the example's report and a
messy department's, opened with python-docx. Every expected figure is worked out by hand from
the input written here (the example's from examples/shuangyang-2022.xlsx), never copied from
the program's output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, template_sheets, write_book
from docx_reading import Part, read_report

from app.pipeline import write_report
from app.template_layout import DEPARTMENT_INDICATORS, SHEETS
from app.wordreport import report_path

PLACEHOLDER = "【请填写："
EXAMPLE_PROJECTS = [
    "2022年综合管理及条件改善",
    "2022年学生资助",
    "2022年基础教育教学管理及条件改善",
    "2022年职业教育教学管理及条件改善",
]
OUTLINE = [
    "一、基本情况",
    "二、绩效目标",
    "三、自评工作开展情况",
    "四、综合评价结论",
    "五、绩效目标实现情况分析",
    "六、偏差原因及改进措施",
    "七、自评结果应用",
    "八、其他需要说明的问题",
]
TABLE_HEAD = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "评价结果",
)
DEP_HEAD = list(SHEETS[DEPARTMENT_INDICATORS])
ROAD_REASON = "受雨季影响工期推迟，已调整施工计划"
SERVICE_REASON = "部分街道服务点尚未建成"


def messy_sheets() -> dict:
    """A department whose report needs every kind of reason: an unmet indicator (its reason
    given), a 部分达成 one (not given), an exceeded one, a low 执行率 with an adjusted budget
    over two sources, a manual judgement, an overspent project, and a 部分达成 department
    indicator (its reason given)."""
    return template_sheets(
        funds=[
            ["道路维修", "测试局", "测试单位", "当年财政拨款", 100, 100, 95],
            ["学生营养餐", "测试局", "测试单位", "当年财政拨款", 200, 300, 240],
            ["学生营养餐", "测试局", "测试单位", "上年结转资金", 20, 20, 20],
            ["办公设备购置", "测试局", "测试单位", "当年财政拨款", 50, 50, 50],
            ["业务培训", "测试局", "测试单位", "当年财政拨款", 10, 10, 12],
        ],
        indicators=[
            ["道路维修", "产出指标", "数量指标", "维修里程", "≥10公里", "8公里", None, ROAD_REASON],
            ["道路维修", "产出指标", "质量指标", "验收合格率", "≥95%", "100%", None, None],
            [
                "道路维修",
                "效益指标",
                "社会效益指标",
                "群众出行条件",
                "得到改善",
                "基本改善",
                None,
                None,
            ],
            [
                "道路维修",
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度",
                "≥90%",
                "99%",
                None,
                None,
            ],
            ["学生营养餐", "产出指标", "数量指标", "受益学生人数", "≥1000人", "1500人", None, None],
            ["学生营养餐", "产出指标", "时效指标", "资金拨付及时率", "≥95%", "90%", None, None],
            [
                "学生营养餐",
                "满意度指标",
                "服务对象满意度指标",
                "家长满意度",
                "≥90%",
                "92%",
                None,
                None,
            ],
            ["办公设备购置", "产出指标", "成本指标", "采购成本", "≤50万元", "48万元", None, None],
            [
                "办公设备购置",
                "效益指标",
                "可持续影响指标",
                "设备使用年限",
                "≥5年",
                "完成",
                None,
                None,
            ],
            ["业务培训", "产出指标", "数量指标", "培训人次", "≥100人次", "100人次", None, None],
        ],
        **{
            DEPARTMENT_INDICATORS: [
                DEP_HEAD,
                ["产出指标", "数量指标", "完成项目数", "≥3个", "3个", None, None],
                [
                    "效益指标",
                    "社会效益指标",
                    "公共服务水平",
                    "显著提升",
                    "有所提升",
                    None,
                    SERVICE_REASON,
                ],
            ]
        },
    )


@pytest.fixture(scope="module")
def example_parts(tmp_path_factory) -> list[Part]:
    target = tmp_path_factory.mktemp("example") / "报告.docx"
    result = write_report(EXAMPLE, target)
    assert result.output == target and target.is_file()
    return read_report(target)


@pytest.fixture(scope="module")
def messy_parts(tmp_path_factory) -> list[Part]:
    folder = tmp_path_factory.mktemp("messy")
    source = write_book(folder / "测试局.xlsx", messy_sheets())
    result = write_report(source)
    assert result.output == folder / "测试局_自评报告.docx"
    assert sorted(p.name for p in folder.iterdir()) == ["测试局.xlsx", "测试局_自评报告.docx"]
    return read_report(result.output)


def part(parts: list[Part], title_start: str) -> Part:
    (found,) = [p for p in parts if p.title.startswith(title_start)]
    return found


def joined(p: Part) -> str:
    return "\n".join(p.texts())


# ---- the example ---------------------------------------------------------------------


def test_example_has_the_department_then_every_project_with_the_outline(example_parts):
    titles = [p.title for p in example_parts]
    assert titles == [
        "长春市双阳区教育局（汇总）2022年度部门整体支出绩效自评报告",
        *(f"{name}项目支出绩效自评报告" for name in EXAMPLE_PROJECTS),
    ]
    for p in example_parts:
        assert p.headings(2) == OUTLINE


def test_example_department_sentences(example_parts):
    dep = example_parts[0]
    text = joined(dep)
    # 705.70 + 72.82 + 4367.73 + 43.37 and 427.07 + 38.51 + 14571.46 + 0.
    assert "本年度共实施项目4个，年初预算数合计5189.62万元，全年预算数合计15037.04万元。" in text
    assert (
        "全部4个项目全年预算数合计15037.04万元，全年执行数合计15037.04万元，"
        "预算执行率100.00%。" in text
    )
    assert "部门整体支出绩效自评得分100.00分，等级为“优”。" in text
    assert "7个绩效指标中，达成7个。" in text
    assert "本年度部门主要任务7项，完成情况如下表。" in text
    # The projects' deviations (4 budgets moved by over 20 %, 1 indicator exceeded).
    assert "各项目共有5处偏差需要说明原因" in text
    tasks, projects, indicators = dep.tables
    assert tasks[0] == ("序号", "任务名称", "主要内容", "实际完成情况")
    assert [row[:2] for row in tasks[1:]] == [
        ("1", "教育行政管理"),
        ("2", "基础教育教学管理及条件改善"),
        ("3", "职业教育教学管理及条件改善"),
        ("4", "职业教育教学发展"),
        ("5", "教师及人才队伍建设"),
        ("6", "学生资助"),
        ("7", "综合管理及条件改善"),
    ]
    assert projects[1:] == [
        ("1", EXAMPLE_PROJECTS[0], "427.07万元", "427.07万元", "100.00%", "100.00", "优"),
        ("2", EXAMPLE_PROJECTS[1], "38.51万元", "38.51万元", "100.00%", "100.00", "优"),
        ("3", EXAMPLE_PROJECTS[2], "14571.46万元", "14571.46万元", "100.00%", "100.00", "优"),
        # 全年预算数 0: no 执行率, the 10 points of it await a person.
        ("4", EXAMPLE_PROJECTS[3], "0.00万元", "0.00万元", "—", "90.00", "优"),
    ]
    # No 预算资金 of its own: its 执行率 is the projects' together (15,037.04 of 15,037.04:
    # 10 points), and the 一级指标 keep their 50:30:10, each split evenly among its indicators.
    assert indicators[0] == TABLE_HEAD
    assert indicators[1] == (
        "产出指标", "数量指标", "生均公用经费", "不低于国家规定的标准", "不低于国家规定的标准",
        "16.67", "16.67", "达成",
    )  # fmt: skip
    assert indicators[6] == ("满意度指标", "服务对象满意度指标", "公众满意度", ">=92%", "95%", "5", "5.00", "达成")  # fmt: skip
    assert indicators[-1][-3:] == ("100", "100.00", "优")
    assert len(indicators) == 1 + 7 + 1


def test_example_project_sentences_and_table(example_parts):
    first = part(example_parts, EXAMPLE_PROJECTS[0])
    text = joined(first)
    assert "项目年初预算数705.70万元，全年预算数427.07万元。" in text
    assert "项目全年预算数427.07万元，全年执行数427.07万元，预算执行率100.00%。" in text
    assert (
        "项目自评得分100.00分，等级为“优”。其中预算执行率得分10.00分（分值10分），"
        "绩效指标得分90.00分（分值90分）。" in text
    )
    assert "本项目设置绩效指标4个，其中产出指标2个、效益指标1个、满意度指标1个。" in text
    (table,) = first.tables
    # 产出 50 over two indicators, 效益 30 and 满意度 10 over one each.
    assert table == [
        TABLE_HEAD,
        ("预算执行率",) * 3 + ("—", "100.00%", "10", "10.00", "—"),
        ("产出指标", "质量指标", "采购设备合格率", ">=95%", "100%", "25", "25.00", "达成"),
        ("产出指标", "时效指标", "项目完成及时率", ">=90%", "100%", "25", "25.00", "达成"),
        (
            "效益指标",
            "可持续影响指标",
            "教育教学质量",
            "得到提升",
            "得到提升",
            "30",
            "30.00",
            "达成",
        ),
        ("满意度指标", "服务对象满意度指标", "师生满意度", ">=90%", "90%", "10", "10.00", "达成"),
        ("合计",) * 5 + ("100", "100.00", "优"),
    ]


def test_example_deviations_have_one_placeholder_each(example_parts):
    basic = part(example_parts, EXAMPLE_PROJECTS[2])
    section = basic.section("六、偏差原因及改进措施")
    # (14571.46 − 4367.73) / 4367.73 = 233.6 %; 6年 ≥ 1.2 × 5年 is exceeded.
    assert section == [
        "1. 全年预算数较年初预算数调整：年初预算数4367.73万元，全年预算数14571.46万元，"
        "调增233.6%。",
        "【请填写：全年预算数较年初预算数调整的原因】",
        "2. 指标“各类设施和平台可持续运行年限”超额完成：年度指标值≥5年，实际完成值6年。",
        "【请填写：指标“各类设施和平台可持续运行年限”超额完成的偏差原因及改进措施】",
    ]
    placeholders = [m for p in example_parts for m in p.marks if m.startswith(PLACEHOLDER)]
    assert len(placeholders) == 4 + 1  # every project's budget moved by over 20 %; one exceeded
    vocational = joined(part(example_parts, EXAMPLE_PROJECTS[3]))
    assert (
        "项目全年预算数0.00万元，全年执行数0.00万元，预算执行率无法计算，执行率得分需人工评定。"
        in vocational
    )
    assert "项目自评得分90.00分，等级为“优”（暂定" in vocational
    assert "其中预算执行率得分待人工评定（分值10分）" in vocational
    assert "调减100.0%" in vocational


# ---- a messy department -------------------------------------------------------------


def test_messy_scores_and_sentences(messy_parts):
    road = joined(part(messy_parts, "道路维修"))
    # 执行率 95 / 100; scores 10 × 0.95 + 25 × 8/10 + 25 + 30 × 70 % + 10 = 85.50.
    assert "项目全年预算数100.00万元，全年执行数95.00万元，预算执行率95.00%。" in road
    assert "项目自评得分85.50分，等级为“良”。其中预算执行率得分9.50分（分值10分）" in road
    assert "4个绩效指标中，达成2个、部分达成1个、未达成1个。" in road
    meals = joined(part(messy_parts, "学生营养餐"))
    # Two sources: 220 → 320 (+45.5 %), spent 260 (81.25 %); 效益 has no indicator, so its
    # 30 points go to 产出 and 满意度 in proportion (37.5, 37.5, 15):
    # 10 × 0.8125 + 37.5 + 37.5 × 90/95 + 15 = 96.15.
    assert (
        "项目年初预算数220.00万元，全年预算数320.00万元，其中当年财政拨款300.00万元、上年结转资金20.00万元。"
        in meals
    )
    assert "项目全年预算数320.00万元，全年执行数260.00万元，预算执行率81.25%。" in meals
    assert "项目自评得分96.15分，等级为“优”。其中预算执行率得分8.13分（分值10分）" in meals
    office = joined(part(messy_parts, "办公设备购置"))
    # 满意度 absent: 产出 56.25, 效益 33.75; the 效益 one is for a person: 10 + 56.25.
    assert "项目自评得分66.25分，等级为“中”（暂定" in office
    assert "经自评，本项目未发现需要说明原因的偏差（另有1个指标需人工判断" in office
    dep = joined(messy_parts[0])
    # No 预算资金 of its own: its 执行率 is the projects' together, 417 of 480 (86.875 %),
    # 10 × 0.86875 = 8.6875; no 满意度 indicator: 产出 56.25, 效益 33.75 × 70 % = 23.625;
    # 8.6875 + 56.25 + 23.625 = 88.5625.
    assert "部门整体支出绩效自评得分88.56分，等级为“良”。" in dep
    # 100 + 220 + 50 + 10 and 100 + 320 + 50 + 10.
    assert "本年度共实施项目4个，年初预算数合计380.00万元，全年预算数合计480.00万元。" in dep


def test_messy_indicator_rows(messy_parts):
    (road,) = part(messy_parts, "道路维修").tables
    assert road[1:-1] == [
        ("预算执行率",) * 3 + ("—", "95.00%", "10", "9.50", "—"),
        ("产出指标", "数量指标", "维修里程", "≥10公里", "8公里", "25", "20.00", "未达成"),
        ("产出指标", "质量指标", "验收合格率", "≥95%", "100%", "25", "25.00", "达成"),
        (
            "效益指标",
            "社会效益指标",
            "群众出行条件",
            "得到改善",
            "基本改善",
            "30",
            "21.00",
            "部分达成",
        ),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "99%", "10", "10.00", "达成"),
    ]
    (meals,) = part(messy_parts, "学生营养餐").tables
    assert meals[2:4] == [
        ("产出指标", "数量指标", "受益学生人数", "≥1000人", "1500人", "37.5", "37.50", "超额完成"),
        ("产出指标", "时效指标", "资金拨付及时率", "≥95%", "90%", "37.5", "35.53", "未达成"),
    ]
    (office,) = part(messy_parts, "办公设备购置").tables
    assert office[3] == (
        "效益指标", "可持续影响指标", "设备使用年限", "≥5年", "完成", "33.75", "—", "需人工判断"
    )  # fmt: skip
    assert office[-1][-3:] == ("100", "66.25", "中")


def test_messy_one_placeholder_per_deviation_and_no_invented_reason(messy_parts):
    wanted = {
        # The department's 执行率, its projects' together: 417 of 480, 86.88 % (below 90 %).
        "": ["预算执行率偏低的原因及改进措施", "指标“公共服务水平”部分达成的偏差原因及改进措施"],
        "道路维修": [
            "指标“维修里程”未达成的偏差原因及改进措施",
            "指标“群众出行条件”部分达成的偏差原因及改进措施",
        ],
        "学生营养餐": [
            "全年预算数较年初预算数调整的原因",
            "预算执行率偏低的原因及改进措施",
            "指标“受益学生人数”超额完成的偏差原因及改进措施",
            "指标“资金拨付及时率”未达成的偏差原因及改进措施",
        ],
        "办公设备购置": [],
        "业务培训": [],
    }
    for p in messy_parts:
        key = "" if p is messy_parts[0] else p.title.removesuffix("项目支出绩效自评报告")
        marks = [m for m in p.marks if m.startswith(PLACEHOLDER)]
        assert marks == [f"{PLACEHOLDER}{what}】" for what in wanted[key]], key
    meals = part(messy_parts, "学生营养餐").section("六、偏差原因及改进措施")
    assert meals[:4] == [
        "1. 全年预算数较年初预算数调整：年初预算数220.00万元，全年预算数320.00万元，调增45.5%。",
        "【请填写：全年预算数较年初预算数调整的原因】",
        "2. 预算执行率偏低：全年预算数320.00万元，全年执行数260.00万元，预算执行率81.25%，"
        "低于90%。",
        "【请填写：预算执行率偏低的原因及改进措施】",
    ]
    # Reasons appear only where the input gave them, as given, labelled as given.
    given = [
        t for p in messy_parts for t in p.texts() if t.startswith("填报的偏差原因分析及改进措施")
    ]
    assert given == [
        f"填报的偏差原因分析及改进措施：{SERVICE_REASON}",
        f"填报的偏差原因分析及改进措施：{ROAD_REASON}",
    ]
    # Every other paragraph of a 六 section is a numbered statement of figures or a placeholder.
    figures = re.compile(r"^\d+\. .+：(年度指标值|年初预算数|全年预算数).+。$")
    for p in messy_parts:
        for text in p.section("六、偏差原因及改进措施"):
            assert figures.match(text) or text.startswith(
                (PLACEHOLDER, "填报的偏差原因分析及改进措施：", "经自评，", "各项目共有")
            ), text


def test_messy_input_errors_are_listed_to_check(messy_parts):
    training = part(messy_parts, "业务培训")
    # 12 spent of a budget of 10: 执行率 120 %, its score capped at the full 10 points.
    assert "项目全年预算数10.00万元，全年执行数12.00万元，预算执行率120.00%。" in joined(training)
    checks = [m for m in training.marks if m.startswith("【请核实：")]
    assert len(checks) == 1
    assert "全年执行数（12.00万元）大于全年预算数（10.00万元）" in checks[0]
    assert "项目资金!G6" in checks[0]


def test_user_text_is_text(tmp_path):
    hostile = "A&B <w:p>{{ department.name }} =SUM(A1) \x07响铃"
    sheets = template_sheets(
        indicators=[["项目甲", "产出指标", "数量指标", hostile, "≥10个", "8个", None, hostile]]
    )
    source = write_book(tmp_path / "in.xlsx", sheets)
    parts = read_report(write_report(source).output)
    text = joined(parts[1])
    shown = "A&B <w:p>{{ department.name }} =SUM(A1) 响铃"
    assert f"1. {shown}：年度指标值≥10个，实际完成值8个，未达成。" in text
    assert f"填报的偏差原因分析及改进措施：{shown}" in text


def test_default_output_name():
    assert report_path(Path("/a/双阳.xlsx"), None) == Path("/a/双阳_自评报告.docx")
