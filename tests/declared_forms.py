"""Workbooks of the year's start for the declaration tests (issue 20): 申报表s in four layouts,
a 执行监控表, and last year's self-evaluation, all of one department (江华县教育局, 2024).

Each builder names its layout and where it was learned (docs/declarations.md). Rows are
commented with their Excel row numbers, which the tests name.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
from corpus_derived import National, national
from corpus_grid import Span, _, form, workbook

DEPT = "江华县教育局"
REPAIR = "2024年校舍维修改造"
AID = "2024年学生资助"
MEALS = "2024年农村义务教育营养改善计划"
TRAINING = "2024年教师培训"
IT = "教育信息化运维"

LAYOUTS = ("A_national_reference.xlsx", "B_reference_single.xlsx", "C_stacked_tables.xlsx",
           "D_sichuan_split.xlsx", "E_monitoring.xlsx", "F_last_year_selfeval.xlsx")  # fmt: skip


def national_reference(path: Path) -> None:
    """The national 项目支出绩效目标申报表 (财预〔2015〕88号's reference layout): 中期 and 年度
    side by side — 中期资金总额 | 年度资金总额 with their 其中 rows, 中期目标 | 年度目标, and one
    indicator header with 二级 | 三级 | 指标值 twice (the 年度 half on the right). The blank
    form's "指标1：" labels kept before the names, a spare "指标2：" row and a "……" row."""
    wb = workbook(path)
    ws = wb.add_worksheet("申报表")
    # fmt: off
    grid: list[list[Any]] = [
        [],                                                                                   # 1
        [],                                                                                   # 2
        ["项目名称", REPAIR],                                                                  # 3
        ["主管部门及代码", DEPT, _, _, "实施单位", "江华县第一中学"],                               # 4
        ["项目资金\n(万元)", "中期资金总额", 900, _, "年度资金总额", 300],                         # 5
        [_, "其中：财政拨款", 800, _, "其中：财政拨款", 260],                                     # 6
        [_, "其他资金", 100, _, "其他资金", 40],                                                 # 7
        ["总体目标", "中期目标（2024—2026年）", _, _, "年度目标"],                                 # 8
        [_, "三年完成全县校舍维修改造。", _, _, "完成8所学校校舍维修。"],                            # 9
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],  # 10
        [_, "产出指标", "数量指标", "指标1：维修学校数量", "24所", "数量指标", "指标1：维修学校数量", "8所"],  # 11
        [_, _, _, "指标2：", _, _, "指标2：", _],                                               # 12
        [_, _, "质量指标", "验收合格率", "100%", "质量指标", "验收合格率", "≥98%"],                # 13
        [_, _, "时效指标", "完工时间", "2026年12月底前", "时效指标", "完工时间", "2024年11月30日前"],  # 14
        [_, _, "成本指标", "维修成本", "≤900万元", "成本指标", "维修成本", "≤300万元"],            # 15
        [_, "效益指标", "社会效益指标", "学生安全隐患消除率", "100%", "社会效益指标", "学生安全隐患消除率", "100%"],  # 16
        [_, _, "可持续影响指标", "……", _, "可持续影响指标", "……", _],                           # 17
        [_, "满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "服务对象满意度指标", "师生满意度", "≥95%"],  # 18
    ]
    spans: list[Span] = [
        (2, 1, 2, 7), (3, 1, 3, 3), (3, 5, 3, 7), (4, 0, 6, 0), (4, 2, 4, 3), (4, 5, 4, 7),
        (5, 2, 5, 3), (5, 5, 5, 7), (6, 2, 6, 3), (6, 5, 6, 7), (7, 0, 8, 0), (7, 1, 7, 3),
        (7, 4, 7, 7), (8, 1, 8, 3), (8, 4, 8, 7), (9, 0, 17, 0), (10, 1, 14, 1), (10, 2, 11, 2),
        (10, 5, 11, 5), (15, 1, 16, 1),
    ]
    # fmt: on
    form(
        wb,
        ws,
        grid,
        spans,
        titles=[(0, 0, 7, "项目支出绩效目标申报表"), (1, 0, 7, "（2024年度）")],
        widths=[(0, 0, 10), (1, 2, 14), (3, 3, 22), (4, 4, 14), (5, 6, 18), (7, 7, 16)],
    )
    wb.close()


def reference_single(path: Path) -> None:
    """The single-year 绩效目标申报表（参考模板）: 项目名称 | 项目负责人及电话, 主管部门 |
    实施单位, 资金情况（万元） with 年度资金总额： / 其中：财政拨款 / 其他资金 (empty), 年度目标,
    one table of 一级 | 二级 | 三级 | 指标值 under 年度绩效指标; ★ core indicators, one with a
    "★其中：…" breakdown below it, a "……" spare row."""
    wb = workbook(path)
    ws = wb.add_worksheet("Sheet1")
    # fmt: off
    grid: list[list[Any]] = [
        [],                                                                                   # 1
        [],                                                                                   # 2
        ["项目名称", AID, _, "项目负责人及电话", "李明 0746-1234567"],                            # 3
        ["主管部门", DEPT, _, "实施单位", "江华县学生资助管理中心"],                               # 4
        ["资金情况（万元）", "年度资金总额：", 150],                                             # 5
        [_, "其中：财政拨款", 150],                                                              # 6
        [_, "其他资金", _],                                                                     # 7
        ["年度目标", "目标1：按时足额发放资助资金。目标2：资助对象全覆盖。"],                         # 8
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],                              # 9
        [_, "产出指标", "数量指标", "★资助学生人数", "≥1200人"],                                  # 10
        [_, _, _, "★其中：建档立卡学生人数", "≥300人"],                                         # 11
        [_, _, "质量指标", "资助资金发放准确率", "100%"],                                        # 12
        [_, _, "时效指标", "资金发放及时率", "≥95%"],                                            # 13
        [_, _, _, "……", _],                                                                   # 14
        [_, "效益指标", "社会效益指标", "家庭经济困难学生辍学率", "≤0.5%"],                         # 15
        [_, "满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%"],                          # 16
    ]
    spans: list[Span] = [
        (2, 1, 2, 2), (3, 1, 3, 2), (4, 0, 6, 0), (7, 1, 7, 4), (8, 0, 15, 0), (9, 1, 13, 1),
        (9, 2, 10, 2), (12, 2, 13, 2),
    ]
    # fmt: on
    form(
        wb,
        ws,
        grid,
        spans,
        titles=[(0, 0, 4, "绩效目标申报表（参考模板）"), (1, 0, 4, "（2024年度）")],
        widths=[(0, 0, 14), (1, 2, 16), (3, 3, 26), (4, 4, 18)],
    )
    wb.close()


def stacked_tables(path: Path) -> None:
    """A 项目绩效目标表 with 长期绩效指标 and 年度绩效指标 as two stacked tables of 一级指标 |
    二级指标 | 指标内容 | 指标值 | 备注 (宁乡's and 佳县's forms): the 年度 one is taken. Amounts
    written after their labels in one cell, in 元 (年度资金总额：4,800,000元)."""
    wb = workbook(path)
    ws = wb.add_worksheet("项目绩效目标表")
    # fmt: off
    grid: list[list[Any]] = [
        [],                                                                                   # 1
        ["填报单位（盖章）：江华县教育局"],                                                       # 2
        ["项目名称", MEALS, _, "项目属性", "延续项目"],                                           # 3
        ["主管部门", DEPT, _, "实施单位", "江华县各农村中小学"],                                    # 4
        ["资金总额及构成", "年度资金总额：4,800,000元", "其中：财政拨款：4,800,000元", "其他资金：0元"],  # 5
        ["项目绩效目标", "长期目标", _, "年度目标"],                                              # 6
        [_, "持续改善农村学生营养状况。", _, "为全县1.2万名农村学生提供营养膳食补助。"],             # 7
        ["长期绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"],                      # 8
        [_, "产出指标", "数量指标", "受益学生人数", "≥3.6万人次", "三年合计"],                      # 9
        [_, "效益指标", "社会效益指标", "学生营养状况改善", "持续改善", _],                          # 10
        ["年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"],                      # 11
        [_, "产出指标", "数量指标", "受益学生人数", "≥1.2万人", _],                               # 12
        [_, _, "质量指标", "食品安全事故发生次数", "0次", _],                                     # 13
        [_, _, "成本指标", "每生每天补助标准", "5元", _],                                          # 14
        [_, "效益指标", "社会效益指标", "学生营养状况改善", "有所改善", _],                          # 15
        [_, "满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", _],                       # 16
        ["其他说明的问题", "无"],                                                                # 17
        ["填报人：王芳", _, "单位负责人：赵强", _, "填报日期：2023年12月10日"],                      # 18
    ]
    spans: list[Span] = [
        (2, 1, 2, 2), (3, 1, 3, 2), (5, 0, 6, 0), (5, 1, 5, 2), (6, 1, 6, 2), (5, 3, 5, 5),
        (6, 3, 6, 5), (7, 0, 9, 0), (10, 0, 15, 0), (11, 1, 13, 1), (16, 1, 16, 5),
    ]
    # fmt: on
    form(
        wb,
        ws,
        grid,
        spans,
        titles=[(0, 0, 5, "项目绩效目标表（2024年度）")],
        widths=[(0, 0, 14), (1, 2, 22), (3, 3, 26), (4, 5, 16)],
    )
    wb.close()


def sichuan_split(path: Path) -> None:
    """Sichuan's 项目绩效目标表: the target split as 指标性质 | 指标值 | 度量单位 under a
    年度指标值 header merged over them (a header of two rows), a 是否核心指标 column, the funds
    as labels in one row (年度资金总额 | 财政拨款 | 其他资金) with the amounts below, a unit line."""
    wb = workbook(path)
    ws = wb.add_worksheet("绩效目标")
    # fmt: off
    grid: list[list[Any]] = [
        [],                                                                                   # 1
        ["单位：万元"],                                                                         # 2
        ["项目名称", TRAINING],                                                                # 3
        ["主管部门", DEPT, _, "实施单位", "江华县教师发展中心"],                                    # 4
        ["项目资金", "年度资金总额", "财政拨款", "其他资金"],                                       # 5
        [_, 80, 80, _],                                                                        # 6
        ["年度目标", "完成全县中小学教师全员培训。"],                                               # 7
        ["一级指标", "二级指标", "三级指标", "年度指标值", _, _, "是否核心指标"],                     # 8
        [_, _, _, "指标性质", "指标值", "度量单位", _],                                           # 9
        ["产出指标", "数量指标", "培训教师人次", "≥", 1500, "人次", "是"],                         # 10
        [_, "质量指标", "培训合格率", "≥", 95, "%", "否"],                                        # 11
        [_, "时效指标", "培训完成时间", "定性", "2024年10月底前", _, "否"],                          # 12
        ["效益指标", "可持续影响指标", "教师教学能力", "定性", "稳步提升", _, "否"],                   # 13
        ["满意度指标", "服务对象满意度指标", "参训教师满意度", "≥", 90, "%", "是"],                   # 14
    ]
    spans: list[Span] = [
        (2, 1, 2, 6), (3, 1, 3, 2), (3, 4, 3, 6), (4, 0, 5, 0), (6, 1, 6, 6), (7, 0, 8, 0),
        (7, 1, 8, 1), (7, 2, 8, 2), (7, 3, 7, 5), (7, 6, 8, 6), (9, 0, 11, 0),
    ]
    # fmt: on
    form(
        wb,
        ws,
        grid,
        spans,
        titles=[(0, 0, 6, "2024年部门预算项目绩效目标表")],
        widths=[(0, 1, 14), (2, 2, 22), (3, 5, 12), (6, 6, 12)],
    )
    wb.close()


def monitoring(path: Path) -> None:
    """The 项目支出绩效目标执行监控表 of July for the 校舍维修改造 project (layout of 财预〔2019〕
    136号): 年初预算数 | 全年预算数 | 1-7月执行数 | 1-7月执行率 | 全年预计执行数 (the budget
    adjusted to 320), and 年度指标值 | 1-7月实际完成值 | 全年预计完成值 | 偏差原因分析 | 完成目标
    可能性 on one header row. Its 维修成本 target (≤320万元) differs from the 申报表's."""
    wb = workbook(path)
    ws = wb.add_worksheet("执行监控")
    # fmt: off
    grid: list[list[Any]] = [
        [],                                                                                   # 1
        [],                                                                                   # 2
        ["项目名称", REPAIR],                                                                  # 3
        ["主管部门", DEPT, _, _, "实施单位", "江华县第一中学"],                                    # 4
        ["项目资金\n(万元)", _, "年初预算数", "全年预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数"],  # 5
        [_, "年度资金总额", 300, 320, 150, 0.46875, 320],                                       # 6
        [_, "其中：财政拨款", 260, 280, 130, 0.4643, 280],                                       # 7
        [_, "其他资金", 40, 40, 20, 0.5, 40],                                                   # 8
        ["年度总体目标", "完成8所学校校舍维修。"],                                                 # 9
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月实际完成值", "全年预计完成值", "偏差原因分析", "完成目标可能性"],  # 10
        [_, "产出指标", "数量指标", "维修学校数量", "8所", "5所", "8所", _, "确定能"],                # 11
        [_, _, "质量指标", "验收合格率", "≥98%", "100%", "100%", _, "确定能"],                     # 12
        [_, _, "时效指标", "完工时间", "2024年11月30日前", "进行中", "按期完成", _, "确定能"],        # 13
        [_, _, "成本指标", "维修成本", "≤320万元", "150万元", "320万元", "追加预算20万元", "确定能"],  # 14
        [_, "效益指标", "社会效益指标", "学生安全隐患消除率", "100%", "60%", "100%", _, "确定能"],    # 15
        [_, "满意度指标", "服务对象满意度指标", "师生满意度", "≥ 95 %", "未开展", "≥95%", _, "有可能"],  # 16
    ]
    spans: list[Span] = [
        (2, 1, 2, 8), (3, 1, 3, 3), (3, 5, 3, 8), (4, 0, 7, 0), (8, 1, 8, 8), (9, 0, 15, 0),
        (10, 1, 13, 1),
    ]
    # fmt: on
    form(
        wb,
        ws,
        grid,
        spans,
        titles=[(0, 0, 8, "项目支出绩效目标执行监控表"), (1, 0, 8, "（2024年度）")],
        percent_cells=[(5, 5), (6, 5), (7, 5)],
        widths=[(0, 0, 10), (1, 2, 14), (3, 3, 20), (4, 8, 14)],
    )
    wb.close()


LAST_YEAR = National(
    "项目支出绩效自评表", "（2023年度）", IT,
    [
        ("产出指标(50分)", "数量指标", "运维设备数量", "≥500台", "510台", 20, 20, _),
        ("产出指标(50分)", "质量指标", "设备完好率", "≥95%", "96%", 20, 20, _),
        ("产出指标(50分)", "时效指标", "故障修复时间", "≤24小时", "20小时", 10, 10, _),
        ("效益指标(30分)", "社会效益指标", "教学信息化应用覆盖率", "≥90%", "91%", 30, 30, _),
        ("满意度指标(10分)", "服务对象满意度指标", "教师满意度", "≥90%", "93%", 10, 10, _),
    ],
    funds=[
        ("年度资金总额", 50, 50, 48, 10, 0.96, 9.6),
        ("其中:当年财政拨款", 50, 50, 48, "—", 0.96, "—"),
        ("上年结转资金", _, _, _, "—", _, "—"),
        ("其他资金", _, _, _, "—", _, "—"),
    ],
    supervisor=DEPT, unit="江华县电化教育馆", total=99.6,
)  # fmt: skip
"""Last year's self-evaluation of a recurring project, in the national layout."""


def last_year(path: Path) -> None:
    """Last year's (2023) self-evaluation of 教育信息化运维 in the national layout, with 分值."""
    wb = workbook(path)
    national(wb, wb.add_worksheet("自评表"), LAST_YEAR)
    wb.close()


BUILDERS = (national_reference, reference_single, stacked_tables, sichuan_split, monitoring,
            last_year)  # fmt: skip


def build_all(folder: Path) -> list[Path]:
    """Write every workbook into `folder`; return their paths in LAYOUTS order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in LAYOUTS]
    for build, path in zip(BUILDERS, paths, strict=True):
        build(path)
    return paths


# Typed by the person: (全年预算数, 全年执行数) per 项目资金 row; the actual (and reason) per
# 项目指标 row; 年初预算数 of last year's project, which no 申报表 gave.
TYPED_FUNDS = [(280, 266), (40, 40), (150, 150), (480, 470.4), (80, 80), (60, 57)]
TYPED_ACTUALS = [
    "8所", "100%", "2024年11月20日", "306万元", "100%", "96%",
    "1250人", "100%", "98%", "0.45%", "93%",
    "1.25万人", "0次", "5元", "有所改善", "92%",
    "1520人次", "97%", "2024年10月25日", "稳步提升", "95%",
    "510台", "96%", "22小时", "92%", "94%",
]  # fmt: skip


def typed_copy(template: Path, target: Path) -> Path:
    """A copy of the template with the year's actuals typed in (openpyxl, as a person would)."""
    shutil.copy(template, target)
    wb = openpyxl.load_workbook(target)
    funds = wb["项目资金"]
    for r, (budget, spent) in enumerate(TYPED_FUNDS, start=2):
        funds[f"F{r}"], funds[f"G{r}"] = budget, spent
    funds["E7"] = 60
    indicators = wb["项目指标"]
    for r, actual in enumerate(TYPED_ACTUALS, start=2):
        indicators[f"F{r}"] = actual
    indicators["H5"] = "材料价格上涨，超支6万元。"
    wb.save(target)
    return target
