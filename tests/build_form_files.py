"""Build the official-form workbooks the forms reader is tested on.

Each builder writes one workbook and names what is odd about it. The seed's forms come from
examples/make_forms_example.py; the provincial layouts follow the real forms excerpted in
shared/examples-real (Sichuan 03/04, Beijing 06, Hubei 13, Anhui 01 kept in 元).

Run: python tests/build_form_files.py [folder]   (default out/forms/; tests/files/forms/ is the
corpus of tests/build_corpus.py)
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "make_forms_example", ROOT / "examples" / "make_forms_example.py"
)
assert _spec and _spec.loader
seed = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("make_forms_example", seed)
_spec.loader.exec_module(seed)

NATIONAL_INDICATOR_HEADER = [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
"""The indicator table's header row of the national form (财预〔2020〕10号)."""

Merge = tuple[int, int, int, int, Any]
"""(first_row, first_col, last_row, last_col, value) relative to the grid's top-left."""


def write_grid(
    wb: xlsxwriter.Workbook,
    ws: Any,
    rows: Sequence[Sequence[Any]],
    merges: Sequence[Merge] = (),
    top: int = 0,
    percent_cells: Sequence[tuple[int, int]] = (),
) -> int:
    """Write rows of values (None for an empty cell) and merged ranges from row `top`; the
    cells listed in `percent_cells` get a 0.00% number format. Return the row after the grid."""
    plain = wb.add_format({"border": 1, "text_wrap": True})
    percent = wb.add_format({"border": 1, "num_format": "0.00%"})
    percents = set(percent_cells)
    covered = {
        (r, c) for r0, c0, r1, c1, _ in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
    }
    for r, line in enumerate(rows):
        for c, v in enumerate(line):
            if v is not None and (r, c) not in covered:
                ws.write(top + r, c, v, percent if (r, c) in percents else plain)
    for r0, c0, r1, c1, v in merges:
        ws.merge_range(top + r0, c0, top + r1, c1, v, plain)
    return top + len(rows)


def seed_sheets(path: Path) -> None:
    """The seed's five forms one per sheet, in the seed's own layout."""
    seed.build(path)


def seed_stacked(path: Path) -> None:
    """The seed's five forms all on one sheet; the department's labels stand above their texts."""
    seed.build(path, stacked=True)


def national(path: Path) -> None:
    """The national layout (财预〔2020〕10号) with 分值 and 得分 filled by hand, some wrong:
    a title line with the year, 主管部门 and 实施单位 on one row, 产出指标(50分) merged down,
    an unused 二级 row, empty source rows, the 总分 | 自评得分 row."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    for sheet, name, initial, budget, spent, rows, funds_score, total in (
        (
            "学生资助",
            "2022年学生资助",
            72.82,
            38.51,
            38.51,
            (
                ("生源地信用助学贷款覆盖率", ">=95%", "100%", 20, 20, None),
                ("资助金额发放准确率", ">=98%", "100%", 15, 15, None),
                ("奖学金发放及时率", ">=98%", "100%", 15, 15, None),
                ("学生资助工作水平", "得到提升", "得到提升", 30, 30, None),
                ("受助群体满意度", ">=95%", "100%", 10, 9, None),
            ),
            10,
            99,
        ),
        (
            "基础教育",
            "2022年基础教育教学管理及条件改善",
            4367.73,
            14571.46,
            14571.46,
            (
                ("生均公用经费拨款水平", "不低于国家规定标准", "不低于国家规定标准", 20, 20, None),
                ("采购设备合格率", "≥95%", "100%", 15, 15, None),
                ("维修维护验收合格率", "≥95%", "90%", 15, 12, "个别维修项目验收延后"),
                ("教育教学质量", "≥80%", "95%", 30, 30, None),
                ("师生满意度", "≥90%", "95%", 10, 10, None),
            ),
            8,
            95.5,
        ),
    ):
        ws = wb.add_worksheet(sheet)
        levels = (
            ("产出指标(50分)", "质量指标"),
            ("", ""),
            ("", "时效指标"),
            ("效益指标(30分)", "可持续影响指标"),
            ("满意度指标(10分)", "服务对象满意度指标"),
        )
        indicator_rows = [
            [None, l1 or None, l2 or None, n, t, a, w, s, e]
            for (l1, l2), (n, t, a, w, s, e) in zip(levels, rows, strict=True)
        ]
        # The official form's spare 二级 row under 效益指标, left empty.
        indicator_rows.insert(4, [None, None, "经济效益指标", None, None, None, None, None, None])
        grid = [
            ["项目支出绩效自评表"],
            ["（2022年度）"],
            ["项目名称", name],
            [
                "主管部门",
                "长春市双阳区教育局",
                None,
                None,
                "实施单位",
                "长春市双阳区教育局（汇总）",
            ],
            [
                "项目资金（万元）",
                None,
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            ],
            [None, "年度资金总额", initial, budget, spent, 10, spent / budget, funds_score],
            [None, "其中：当年财政拨款", initial, budget, spent, "—", spent / budget, "—"],
            [None, "上年结转资金", None, None, None, "—", None, "—"],
            [None, "其他资金", None, None, None, "—", None, "—"],
            ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
            [None, f"{name}的预期目标。", None, None, None, f"{name}的完成情况。"],
            NATIONAL_INDICATOR_HEADER,
            *indicator_rows,
            ["总分", 100, None, None, "自评得分", total, None, "优"],
        ]
        last_ind = 11 + len(indicator_rows)
        merges: list[Merge] = [
            (0, 0, 0, 8, "项目支出绩效自评表"),
            (1, 0, 1, 8, "（2022年度）"),
            (2, 1, 2, 8, name),
            (3, 1, 3, 3, "长春市双阳区教育局"),
            (3, 5, 3, 8, "长春市双阳区教育局（汇总）"),
            (4, 0, 8, 0, "项目资金（万元）"),
            (9, 0, 10, 0, "年度总体目标"),
            (9, 1, 9, 4, "预期目标"),
            (9, 5, 9, 8, "实际完成情况"),
            (10, 1, 10, 4, f"{name}的预期目标。"),
            (10, 5, 10, 8, f"{name}的完成情况。"),
            (11, 0, last_ind, 0, "绩效指标"),
            (12, 1, 14, 1, "产出指标(50分)"),
            (12, 2, 13, 2, "质量指标"),
            (15, 1, 16, 1, "效益指标(30分)"),
            (last_ind + 1, 1, last_ind + 1, 3, 100),
        ]
        write_grid(wb, ws, grid, merges, percent_cells=[(5, 6), (6, 6)])
    wb.close()


def messy(path: Path) -> None:
    """A hand-made form: blank first column, spacer rows and a spacer column, numbers stored as
    text with thousands separators, a text where an amount belongs, ＞＝ and ≧, labels broken
    over two lines, 三级指标 merged over two columns, 产出指标 merged down over 3 rows, 二级
    left blank below its first row. Under it a second form without title, its name and unit
    as lines above an empty 项目名称 row."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet("Sheet1")
    goal, done = "保障基础教育工作正常运转及办学条件改善。", "重点项目有序推进，教学质量不断攀升。"
    grid: list[list[Any]] = [
        [None, "项目支出绩效自评表（2022年度）"],
        [],
        [None, "项目名称", "2022年基础教育教学管理及条件改善"],
        [None, "主管部门", "长春市双阳区教育局", "实施单位", "长春市双阳区教育局(汇总)"],
        [],
        [None, "项目资金\n（万元）", None, "年初\n预算数", "全年预算数", "全年执行数", "执行率"],
        [None, None, "年度资金总和", "4,367.73", "14,571.46", "14,571.46", "100%"],
        [None, None, "其中：当年财政拨款", "4,367.73", "14,571.46", "14,571.46", "100.00%"],
        [None, None, "上年结转资金", "—", "/", "/", "/"],
        [None, None, "其他资金", "待定", None, None, None],
        [],
        [None, "年度总体目标", "预期目标", None, "实际完成情况"],
        [None, None, goal, None, done],
        [],
        [
            None,
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            None,
            "年度指标\n值",
            "实际完成\n值",
            None,
            "偏差原因分析及\n改进措施",
        ],
        [None, None, "产出指标", "数量指标", "生均公用经费拨款水平", None, "不低于国家规定标准"],
        [None, None, None, "质量指标", "采购设备合格率", None, "＞＝95%", "100%"],
        [None, None, None, None, "维修维护验收合格率", None, "≧95%", 0.98],
        [],
        [None, None, "效益指标", "可持续影响指标", "教育教学质量", None, "≥80%", "95%"],
        [
            None,
            None,
            None,
            None,
            "各类设施和平台可持续运行年限",
            None,
            "≥5年",
            "4年",
            None,
            "部分设施提前更换",
        ],
        [None, None, "满意度指标", None, "师生满意度", None, "≥90%", "95%"],
        [],
        [None, "2022年职业教育教学管理及条件改善"],
        [None, "长春市双阳区教育局（汇总）"],
        [None, "项目名称"],
        [None, "实施单位"],
        [None, "项目资金（万元）", "项目资金", "年初预算数", "全年预算数", "全年执行数"],
        [None, None, "当年财政拨款", "43.37", "0.00", "0.00"],
        [None, "绩效指标", "一级指标", "二级指标", "三级指标", None, "年度指标值", "实际完成值"],
        [None, None, "产出指标", "质量指标", "项目验收合格率", None, "≥95%", "95%"],
        [None, None, "满意度指标", None, "师生满意度", None, "≥90%", "90%"],
    ]
    merges: list[Merge] = [
        (2, 2, 2, 6, "2022年基础教育教学管理及条件改善"),
        (5, 1, 9, 1, "项目资金\n（万元）"),
        (11, 2, 11, 3, "预期目标"),
        (11, 4, 11, 7, "实际完成情况"),
        (12, 2, 12, 3, goal),
        (12, 4, 12, 7, done),
        (14, 1, 21, 1, "绩效指标"),
        (14, 4, 14, 5, "三级指标"),
        (15, 2, 17, 2, "产出指标"),
        (15, 4, 15, 5, "生均公用经费拨款水平"),
    ]
    # The 数量指标 row's actual is the same text as its target.
    grid[15] = [*grid[15], "不低于国家规定标准"]
    # 0.98 shown as 98.00%: calamine gives only 0.98; the number format says it is a percentage.
    write_grid(wb, ws, grid, merges, percent_cells=[(17, 7)])
    wb.close()


def _sichuan_form(
    name: str, supervisor_row: list[Any], goal: str, done: str, funds: tuple, rows: list, total
) -> tuple[list[list[Any]], list[Merge]]:
    """One Sichuan 部门预算项目支出绩效自评表 (2023) as a grid and its merges."""
    note = (
        "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
        "2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。"
    )
    initial, budget, spent, score = funds
    grid: list[list[Any]] = [
        ["部门预算项目支出绩效自评表(2023年度)"],
        ["项目名称", name],
        supervisor_row,
        [
            "项目基本情况",
            "1.项目年度目标完成情况",
            "项目年度目标",
            None,
            None,
            None,
            "年度目标完成情况",
        ],
        [None, None, goal, None, None, None, done],
        [None, "2.项目实施内容及过程概述", "按计划实施。"],
        [
            "预算执行情况(10分)",
            "年度预算数(万元)",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
        ],
        [None, "总额", initial, budget, spent, spent / budget, 10, score, note],
        [None, "其中:财政资金", initial, budget, spent, spent / budget, "/", "/"],
        [None, "财政专户管理资金", 0.0, 0.0, 0.0, 0.0, "/", "/"],
        [None, "单位资金", 0.0, 0.0, 0.0, 0.0, "/", "/"],
        [None, "其他资金", None, None, None, None, "/", "/"],
        [
            "绩效指标(90分)",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ],
        *rows,
        ["合计", None, None, None, None, None, None, None, 100, total],
        ["评价结论", "自评总分见上表。"],
        ["存在问题", "无"],
        ["改进措施", "无"],
        ["项目负责人:", None, None, None, None, "财务负责人:"],
    ]
    n = len(rows)
    merges: list[Merge] = [
        (0, 0, 0, 10, grid[0][0]),
        (1, 1, 1, 10, name),
        (3, 0, 5, 0, "项目基本情况"),
        (3, 1, 4, 1, "1.项目年度目标完成情况"),
        (3, 2, 3, 5, "项目年度目标"),
        (3, 6, 3, 10, "年度目标完成情况"),
        (4, 2, 4, 5, goal),
        (4, 6, 4, 10, done),
        (5, 2, 5, 10, "按计划实施。"),
        (6, 0, 11, 0, "预算执行情况(10分)"),
        (6, 8, 6, 10, "原因"),
        (7, 8, 11, 10, note),
        (12, 0, 12 + n, 0, "绩效指标(90分)"),
        (13 + n, 0, 13 + n, 7, "合计"),
    ]
    return grid, merges


def sichuan(path: Path) -> None:
    """Two Sichuan forms stacked (shared/examples-real 03 and 04): a report number above the
    title, 实施单位(盖章), 项目年度目标 | 年度目标完成情况, 预算执行情况(10分) with 年初预算 |
    调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分, 财政资金 / 财政专户管理资金 / 单位资金
    rows, 指标性质 | 指标值 | 度量单位 split targets, a 合计 row, closing text rows."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet("项目支出绩效自评表")
    ws.write(0, 0, "报表编号:510000_0013zp")
    g1, m1 = _sichuan_form(
        "51000021R000000019951-工资性支出",
        ["主管部门", "青神县发展和改革局本级"],
        "严格执行相关政策，保障工资及时、足额发放或社保及时、足额缴纳，预算编制科学合理，减少结余资金。",
        "工资及社保全年按时足额发放、缴纳。",
        (238.93, 251.89, 251.89, 10),
        [
            [None, "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", 100, "%", 100, 60, 60],
            [
                None,
                "效益指标",
                "社会效益指标",
                "足额保障率(参保率)",
                "=",
                100,
                "%",
                98,
                30,
                29.4,
                "个别人员参保延后",
            ],
        ],
        99.4,
    )
    g1.insert(3, ["实施单位\n(盖章)", "青神县发展和改革局"])
    m1 = [(r0 + (r0 >= 3), c0, r1 + (r1 >= 3), c1, v) for r0, c0, r1, c1, v in m1]
    m1 += [(2, 1, 2, 10, "青神县发展和改革局本级"), (3, 1, 3, 10, "青神县发展和改革局")]
    row = write_grid(wb, ws, g1, m1, top=1, percent_cells=[(r, 5) for r in range(8, 13)])
    g2, m2 = _sichuan_form(
        "51092324T000010263357-2023年全县安可替代补助资金项目",
        ["主管部门", "大英县司法局部门", None, None, None, "实施单位", "大英县司法局"],
        "根据要求购买安可设备，并完成项目资金支付。",
        "完成",
        (0.0, 3.36, 3.36, 10),
        [
            [
                None,
                "产出指标",
                "质量指标",
                "完成安可产品购买并按要求支付资金",
                "=",
                100,
                "%",
                100,
                45,
                45,
            ],
            [None, None, "经济成本指标", "成本控制数", "≤", 30, "万元", "完成", 45, 45],
        ],
        100,
    )
    m2 += [(2, 1, 2, 4, "大英县司法局部门"), (2, 6, 2, 10, "大英县司法局")]
    write_grid(wb, ws, g2, m2, top=row + 1, percent_cells=[(r, 5) for r in range(7, 12)])
    wb.close()


def beijing(path: Path) -> None:
    """Beijing's 2016 layout (shared/examples-real 06): 年初预算数(A) | 全年执行数(B) | 分值 |
    执行率(B/A) | 得分 | 得分计算方法 (no 全年预算数), 主管部门及代码, 年初设定目标 | 全年实际
    完成情况, indicators with 分值 before 年度指标值(A) | 全年实际值(B) and 得分计算方法."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet("Sheet1")
    method = "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。"
    name = "【体制】自管道路清扫保洁外包工作经费"
    grid: list[list[Any]] = [
        ["项目支出绩效自评表"],
        ["(2016年度)"],
        ["项目名称", name],
        [
            "主管部门及代码",
            "北京市海淀区人民政府学院路街道办事处",
            None,
            None,
            "实施单位",
            "北京市海淀区学院路街道城市运行服务中心",
        ],
        [
            "项目资金(万元)",
            None,
            "年初预算数(A)",
            "全年执行数(B)",
            "分值",
            "执行率(B/A)",
            "得分",
            "得分计算方法",
        ],
        [
            None,
            "年度资金总额:",
            310.2,
            154.74,
            10,
            0.5,
            5,
            "执行率*该指标分值，最高不得超过分值上限。",
        ],
        [None, "其中:本年一般公共预算拨款", 310.2, 154.74],
        [None, "其他资金"],
        ["年度总体目标", "年初设定目标", None, None, None, "全年实际完成情况"],
        [
            None,
            "将辖区20条城市道路清扫保洁业务外包。",
            None,
            None,
            None,
            "通过公开招投标方式进行了外包。",
        ],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值(A)",
            "全年实际值(B)",
            "得分计算方法",
            "得分",
            "未完成原因分析",
        ],
        [
            None,
            "产出指标(50分)",
            "数量指标",
            "是否完成绩效目标申报表中申报的数量",
            12.5,
            1,
            1,
            method,
            12.5,
        ],
        [None, None, "质量指标", "是否达到环境卫生质量标准", 12.5, "达到", "达到", None, 12.5],
        [None, None, "时效指标", "是否按计划时间完成", 12.5, "按时完成", "按时完成", None, 12.5],
        [
            None,
            None,
            "成本指标",
            "是否控制在预算范围内",
            12.5,
            "≤310.2万元",
            "154.74万元",
            None,
            12.5,
        ],
        [
            None,
            "效益指标(30分)",
            "社会效益指标",
            "道路清扫保洁覆盖率",
            15,
            "100%",
            "100%",
            None,
            15,
        ],
        [None, None, "可持续影响指标", "长效保洁机制建立情况", 15, "建立", "已建立", None, 15],
        [
            None,
            "满意度指标(10分)",
            "服务对象满意度指标",
            "居民满意度",
            10,
            "≥90%",
            "85%",
            None,
            8,
            "个别路段保洁不及时",
        ],
        ["总分", 100, None, None, "自评得分", 93],
    ]
    merges: list[Merge] = [
        (0, 0, 0, 9, "项目支出绩效自评表"),
        (1, 0, 1, 9, "(2016年度)"),
        (2, 1, 2, 9, name),
        (3, 1, 3, 3, grid[3][1]),
        (3, 5, 3, 9, grid[3][5]),
        (4, 0, 7, 0, "项目资金(万元)"),
        (4, 7, 4, 9, "得分计算方法"),
        (5, 7, 7, 9, grid[5][7]),
        (8, 0, 9, 0, "年度总体目标"),
        (8, 1, 8, 4, "年初设定目标"),
        (8, 5, 8, 9, "全年实际完成情况"),
        (9, 1, 9, 4, grid[9][1]),
        (9, 5, 9, 9, grid[9][5]),
        (10, 0, 17, 0, "绩效指标"),
        (11, 1, 14, 1, "产出指标(50分)"),
        (11, 7, 17, 7, method),
        (15, 1, 16, 1, "效益指标(30分)"),
    ]
    write_grid(wb, ws, grid, merges, percent_cells=[(5, 5)])
    wb.close()


def hubei(path: Path) -> None:
    """Hubei's older layout (shared/examples-real 13): a title without 项目支出, 项目实施单位,
    project-type rows, 预算执行情况(万元)(10分) with 预算数(A) | 执行数(B) | 执行率(B/A) |
    得分(分*执行率) and only a 年度财政资金总额 row, indicators 年初目标值(A) | 实际完成值(B) |
    得分 and a 过程指标."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet("自评表")
    name = "湖北工程学院2021年学生资助项目"
    grid: list[list[Any]] = [
        ["2021年学生资助项目绩效目标自评表"],
        ["填报日期：2022年3月1日"],
        ["项目名称", name],
        ["主管部门", "湖北省教育厅"],
        ["项目实施单位", "湖北工程学院"],
        ["项目类别", "1、部门预算项目☑ 2、省直专项□ 3、省对下转移支付项目□"],
        [
            "预算执行情况\n(万元)(10分)",
            None,
            "预算数(A)",
            "执行数(B)",
            "执行率(B/A)",
            "得分(分*执行率)",
        ],
        [None, "年度财政资金总额", 1500, 1480, 0.9867, 9.87],
        ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        [
            "产出指标(50分)",
            "数量",
            "国家奖学金人数",
            "10人",
            "9人",
            22.5,
            "因全校总人数减少，总指标数减少",
        ],
        [None, None, "国家助学金人数", "2000人", "2000人", 25],
        [None, "成本指标", "国家奖学金人均资助", "8000元", "8000元", 2.5],
        ["效益指标(30分)", "社会效益指标", "资金发放率", "100%", "100%", 15],
        [None, None, "困难生完成学业率", "≥95%", "97%", 15],
        ["满意度指标(10分)", "服务对象满意度指标", "学生满意度", "≥90%", "95%", 10],
        ["过程指标", "程序", "评审程序是否公正", "是", "是"],
    ]
    merges: list[Merge] = [
        (0, 0, 0, 6, grid[0][0]),
        (2, 1, 2, 6, name),
        (3, 1, 3, 6, "湖北省教育厅"),
        (4, 1, 4, 6, "湖北工程学院"),
        (5, 1, 5, 6, grid[5][1]),
        (6, 0, 7, 0, grid[6][0]),
        (9, 0, 11, 0, "产出指标(50分)"),
        (9, 1, 10, 1, "数量"),
        (12, 0, 13, 0, "效益指标(30分)"),
        (12, 1, 13, 1, "社会效益指标"),
    ]
    write_grid(wb, ws, grid, merges, percent_cells=[(7, 4)])
    wb.close()


def anhui_yuan(path: Path) -> None:
    """The Anhui national-layout form (shared/examples-real 01) kept in 元: 项目资金（元）,
    a 年度资金总额 row of zeros that disagrees with 本年财政拨款, 主管部门 with a code,
    ≥100百分比, an empty 经济效益指标 row."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet("项目支出绩效自评表")
    reached = "达成预期指标"
    ind: list[list[Any]] = [
        [None, "产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", 50, 8, 8],
        [None, None, "质量指标", "委托业务报告合格率", "≥100百分比", 100, 8, 8],
        [None, None, None, "经费支出合规性", "严格执行相关制度规定", reached, 8, 8],
        [None, None, "时效指标", "提交报告及时性", "在项目计划完成时间内完成", reached, 8, 8],
        [None, None, "成本指标", "项目总成本", "≤90万元", 90, 8, 8],
        [None, None, None, "单项业务成本", "符合相关规定", reached, 10, 10],
        [
            None,
            "效益指标(30分)",
            "社会效益指标",
            "对维护基建市场公平的影响程度",
            "效果明显",
            reached,
            10,
            10,
        ],
        [None, None, "生态效益指标", "对控制基建项目成本影响程度", "效果明显", reached, 10, 10],
        [
            None,
            None,
            "可持续影响指标",
            "对推动基建项目“四项制度”健全和落实的持续性影响",
            "效果明显",
            reached,
            10,
            10,
        ],
        [None, None, "经济效益指标"],
        [None, "满意度指标(10分)", "满意度指标", "公众满意度", "≥90%", "95%", 10, 10],
    ]
    grid: list[list[Any]] = [
        ["附件:"],
        ["项目支出绩效自评表"],
        ["（2022年度）"],
        ["项目名称", "委托业务项目"],
        [
            "主管部门",
            "219-池州市贵池区棠溪镇人民政府",
            None,
            None,
            "实施单位",
            "219001-池州市贵池区棠溪镇人民政府",
        ],
        [
            "项目资金\n（元）",
            None,
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        [None, "年度资金总额:", 0, 0, 0, 10, 0, 0],
        [None, "其中:本年财政拨款", 900000, 899740, 899740],
        [None, "上年结转资金"],
        [None, "其他资金"],
        ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
        [None, "本项目共申请预算资金90万元。", None, None, None, "本项目共完成预算资金89.97万元。"],
        NATIONAL_INDICATOR_HEADER,
        *ind,
        ["总分", 100, None, None, "自评得分", 100, None, "优"],
    ]
    merges: list[Merge] = [
        (1, 0, 1, 8, "项目支出绩效自评表"),
        (2, 0, 2, 8, "（2022年度）"),
        (3, 1, 3, 8, "委托业务项目"),
        (4, 1, 4, 3, grid[4][1]),
        (4, 5, 4, 8, grid[4][5]),
        (5, 0, 9, 0, grid[5][0]),
        (10, 0, 11, 0, "年度总体目标"),
        (10, 1, 10, 4, "预期目标"),
        (10, 5, 10, 8, "实际完成情况"),
        (11, 1, 11, 4, grid[11][1]),
        (11, 5, 11, 8, grid[11][5]),
        (12, 0, 23, 0, "绩效指标"),
        (13, 1, 18, 1, "产出指标(50分)"),
        (14, 2, 15, 2, "质量指标"),
        (17, 2, 18, 2, "成本指标"),
        (19, 1, 22, 1, "效益指标(30分)"),
        (24, 1, 24, 3, 100),
    ]
    write_grid(wb, ws, grid, merges)
    wb.close()


def template_like(path: Path) -> None:
    """Not forms: flat tables like the data template, 项目名称 in the same header row as
    年初预算数 and as 一级指标."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    write_grid(
        wb,
        wb.add_worksheet("部门信息"),
        [["项目", "内容"], ["部门名称", "长春市双阳区教育局（汇总）"], ["年度", 2022]],
    )
    write_grid(
        wb,
        wb.add_worksheet("项目资金"),
        [
            [
                "项目名称",
                "主管部门",
                "实施单位",
                "资金来源",
                "年初预算数",
                "全年预算数",
                "全年执行数",
            ],
            [
                "2022年学生资助",
                None,
                "长春市双阳区教育局（汇总）",
                "当年财政拨款",
                72.82,
                38.51,
                38.51,
            ],
        ],
    )
    write_grid(
        wb,
        wb.add_worksheet("项目指标"),
        [
            ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
            ["2022年学生资助", "产出指标", "质量指标", "资助金额发放准确率", ">=98%", "100%", None],
        ],
    )
    wb.close()


def unrelated(path: Path) -> None:
    """Not forms: an ordinary table that merely mentions 项目名称."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    write_grid(
        wb,
        wb.add_worksheet("Sheet1"),
        [["项目名称", "负责人", "金额"], ["办公楼维修", "张三", 12.5], ["合计", None, 12.5]],
    )
    wb.close()


BUILDERS: dict[str, Callable[[Path], None]] = {
    "seed_sheets": seed_sheets,
    "seed_stacked": seed_stacked,
    "national": national,
    "messy": messy,
    "sichuan": sichuan,
    "beijing": beijing,
    "hubei": hubei,
    "anhui_yuan": anhui_yuan,
    "template_like": template_like,
    "unrelated": unrelated,
}


def build_all(folder: Path) -> dict[str, Path]:
    """Write every test workbook into `folder`; return name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, builder in BUILDERS.items():
        paths[name] = folder / f"{name}.xlsx"
        builder(paths[name])
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "forms"
    for p in build_all(out).values():
        print(p)
