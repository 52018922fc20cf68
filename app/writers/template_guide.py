"""The 填报说明 sheet of the data template: what the tool does and how to fill every column."""

from __future__ import annotations

import math
import unicodedata

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from app.rules import LEVEL1_BENEFIT, LEVEL1_OUTPUT, LEVEL1_SATISFACTION, NATIONAL

_WIDTHS = (24, 14, 66, 40)
"""栏目 | 是否必填 | 填写说明 | 示例."""

TITLE = "绩效自评数据模板 · 填报说明"


def _points(value: float) -> str:
    """Return a weight as people write it: 10, not 10.0."""
    return f"{value:g}"


_W = NATIONAL.level1_weights
_WEIGHTS = (
    f"预算执行率 {_points(NATIONAL.rate_weight)} 分、{LEVEL1_OUTPUT} {_points(_W[LEVEL1_OUTPUT])} 分、"
    f"{LEVEL1_BENEFIT} {_points(_W[LEVEL1_BENEFIT])} 分、{LEVEL1_SATISFACTION} "
    f"{_points(_W[LEVEL1_SATISFACTION])} 分，合计 {_points(NATIONAL.total)} 分"
)
_GRADES = "、".join(
    f"{grade} ≥ {_points(low)} 分" if low else f"{grade} < {_points(NATIONAL.grades[-2][0])} 分"
    for low, grade in NATIONAL.grades
)

INTRO = (
    "本工作簿是 selfeval（绩效自评表生成工具）的标准数据模板。按下列各表填好数据后交给 selfeval，"
    "工具会自动计算每个项目的预算执行率，逐条对照年度指标值判断实际完成值是否达成，计算各项得分、"
    "总分和等级，生成可直接打印的《项目支出绩效自评表》（每个项目一张）和《部门整体支出绩效自评表》，"
    "并列出需要人工核对的事项（如未达成的指标缺少偏差原因、单位无法比较的指标等）。",
    "填写要点：每张表的第一行是表头，请勿修改表头文字；数据从第二行开始逐行填写，不要合并单元格，"
    "也不要在中间留空行。工作表和列的顺序可以调整，也可以增加自己的列或工作表（工具会忽略）。"
    "金额单位一律为万元，保留两位小数。可以从预算管理系统导出的表格中直接复制粘贴。",
    "必填的工作表：部门信息、项目资金、项目指标；可选的工作表：部门任务、部门指标、项目目标"
    "（不需要时保留空表即可）。本说明页不会被读取。",
)

# (heading, introduction, rows of 栏目 | 是否必填 | 填写说明 | 示例)
SECTIONS: tuple[tuple[str, str, tuple[tuple[str, str, str, str], ...]], ...] = (
    (
        "一、部门信息（必填）",
        "两列：“项目”列是固定的项目名称（已预先填好，请勿改动），“内容”列填写对应内容。",
        (
            (
                "部门名称",
                "必填",
                "部门（单位）全称，打印在部门整体支出绩效自评表上。",
                "长春市双阳区教育局（汇总）",
            ),
            ("年度", "必填", "自评年度，四位数字。", "2022"),
            ("年度目标", "选填", "部门年度总体绩效目标。", "推进教育公平，提高育人质量……"),
            (
                "绩效目标实际完成情况",
                "选填",
                "年度目标的实际完成情况。",
                "惠民政策全部落实、教育保障更加有力……",
            ),
            (
                "主管部门",
                "选填",
                "“项目资金”表中未填写主管部门的项目，默认使用这里的主管部门。",
                "长春市双阳区教育局",
            ),
            (
                "评价结论",
                "选填",
                "部门整体的自评结论，打印在部门整体支出绩效自评表的总分下方。",
                "",
            ),
            ("存在问题", "选填", "部门整体自评发现的问题，打印在评价结论下方。", ""),
            (
                "改进措施",
                "选填",
                "针对问题的改进措施，打印在存在问题下方。项目的这三项填在“项目目标”表中。",
                "",
            ),
            (
                "填报单位",
                "选填",
                "以下六项打印在每张自评表下方的签章栏中（填报单位后留盖章位置）；"
                "不填的留空线，打印后手写。",
                "长春市双阳区教育局",
            ),
            ("单位负责人", "选填", "签章栏：单位负责人。", ""),
            ("财务负责人", "选填", "签章栏：财务负责人。", ""),
            ("填报人", "选填", "签章栏：填报人（填表人）。", ""),
            ("联系电话", "选填", "签章栏：填报人的联系电话。", ""),
            (
                "填报日期",
                "选填",
                "签章栏：填报日期，可写成 2023年3月15日 或日期格式。",
                "2023年3月15日",
            ),
        ),
    ),
    (
        "二、部门任务（可选）",
        "部门整体支出绩效自评表中的“年度主要任务”，每个任务一行。",
        (
            ("序号", "选填", "任务序号。", "1"),
            ("任务名称", "必填", "任务名称。", "教育行政管理"),
            (
                "主要内容",
                "选填",
                "任务的主要内容，可以较长，单元格自动换行。",
                "教育事业的发展规划和计划管理……",
            ),
            ("实际完成情况", "选填", "任务的实际完成情况。", "“双减”政策落地见效……"),
        ),
    ),
    (
        "三、部门指标（可选）",
        "部门整体的绩效指标，每个三级指标一行，各列含义与“项目指标”表相同（没有项目名称列）。",
        (
            ("一级指标", "必填", "同“项目指标”。", "产出指标"),
            ("二级指标", "必填", "同“项目指标”。", "质量指标"),
            ("三级指标", "必填", "同“项目指标”。", "验收合格率"),
            ("年度指标值", "必填", "同“项目指标”。", ">=95%"),
            ("实际完成值", "必填", "同“项目指标”。", "100%"),
            ("分值", "选填", "同“项目指标”。", "（可留空）"),
            ("偏差原因分析及改进措施", "选填", "同“项目指标”。", ""),
        ),
    ),
    (
        "四、项目资金（必填）",
        "每个项目的每种资金来源填一行：同一项目有几种资金来源就填几行，未填写的来源按 0 计。"
        "项目在本表中的先后顺序就是生成的自评表的顺序。年度资金总和（年度资金总额）不需要填写，"
        "由工具把各资金来源相加得出；执行率也由工具计算（全年执行数 ÷ 全年预算数）。",
        (
            (
                "项目名称",
                "必填",
                "项目全称；“项目目标”“项目指标”两表中须使用完全相同的名称。",
                "2022年学生资助",
            ),
            ("主管部门", "选填", "不填时使用“部门信息”中的主管部门。", "长春市双阳区教育局"),
            ("实施单位", "选填", "项目实施单位。", "长春市双阳区教育局（汇总）"),
            (
                "资金来源",
                "必填",
                "从下拉列表选择：当年财政拨款、上年结转资金、其他资金。",
                "当年财政拨款",
            ),
            ("年初预算数", "必填", "单位：万元。年初批复的预算数。", "72.82"),
            ("全年预算数", "必填", "单位：万元。调整后的全年预算数，执行率按此计算。", "38.51"),
            ("全年执行数", "必填", "单位：万元。全年实际支出数。", "38.51"),
        ),
    ),
    (
        "五、项目目标（可选）",
        "每个项目一行：年度总体目标及其实际完成情况，以及可选的偏差说明、评价结论、存在问题、"
        "改进措施。",
        (
            ("项目名称", "必填", "与“项目资金”表中的项目名称一致。", "2022年学生资助"),
            ("预期目标", "选填", "项目的年度总体目标。", "做好学生资助经费及奖助学金发放工作。"),
            (
                "实际完成情况",
                "选填",
                "总体目标的实际完成情况。",
                "完成了全年学生资助工作及奖助学金发放工作。",
            ),
            (
                "偏差说明",
                "选填",
                f"执行率低于 {NATIONAL.rate_warn:.0%}，或全年预算数较年初预算数调整超过 "
                f"{NATIONAL.adjust_warn:.0%} 时，说明原因。打印在自评表项目资金下方的“偏差说明”行；"
                "未填写时工具会提示。工具不会代写。",
                "年中追加学生资助资金，按政策据实发放。",
            ),
            (
                "评价结论、存在问题、改进措施",
                "选填",
                "项目的自评结论、存在的问题和改进措施，填写后打印在该项目自评表的总分下方。",
                "项目资金全部按时发放，绩效目标全部完成。",
            ),
        ),
    ),
    (
        "六、项目指标（必填）",
        "每个三级指标一行。一级指标、二级指标每一行都要填写（不要只在第一行填写后合并单元格）。"
        "项目名称须在“项目资金”表中出现，否则工具会报错并指出所在行。",
        (
            ("项目名称", "必填", "与“项目资金”表中的项目名称一致。", "2022年学生资助"),
            (
                "一级指标",
                "必填",
                "可从下拉列表选择：产出指标、效益指标、满意度指标、成本指标、过程指标；"
                "本地区使用其他名称时可直接填写。",
                "产出指标",
            ),
            (
                "二级指标",
                "必填",
                "可从下拉列表选择，如数量指标、质量指标、时效指标、成本指标、社会效益指标、"
                "可持续影响指标、服务对象满意度指标等；其他名称也可直接填写。",
                "质量指标",
            ),
            ("三级指标", "必填", "具体指标名称。", "资助金额发放准确率"),
            (
                "年度指标值",
                "必填",
                "目标值，按原文填写，写法见下文“年度指标值与实际完成值的写法”。",
                ">=98%",
            ),
            (
                "实际完成值",
                "必填",
                "实际完成情况，写法同年度指标值，单位应与年度指标值一致。",
                "100%",
            ),
            (
                "分值",
                "选填",
                "该指标的分值，可以全部留空（按默认权重分配，见下文）。如填写，请每个指标都填，"
                f"各指标分值加上预算执行率的 {_points(NATIONAL.rate_weight)} 分应为 {_points(NATIONAL.total)} 分。",
                "10",
            ),
            (
                "偏差原因分析及改进措施",
                "选填",
                "指标未达成、部分达成或大幅超额完成（实际完成值达到年度指标值的 "
                f"{NATIONAL.exceed_ratio:g} 倍及以上）时应填写，工具会提示缺少说明的指标。工具不会代写。",
                "受疫情影响，部分维修项目延期至次年完成，已督促施工单位加快进度。",
            ),
        ),
    ),
)

# (写法, 含义与工具的判断)
VALUES: tuple[tuple[str, str], ...] = (
    (">=95%", "不低于 95%：实际完成值 ≥ 95% 即达成，低于时按 实际值 ÷ 指标值 计分。"),
    ("≥95%", "同上。≥、＞＝、≧、“不低于”“不少于”“大于等于”“以上”都按“不低于”理解。"),
    ("100%", "百分数。与“≥95%”比较：100% ≥ 95%，达成。"),
    (
        "0.95（百分比格式）",
        "从其他表格粘贴来的、设置为百分比格式的 0.95 即 95%。本模板的年度指标值、实际完成值两列为文本格式，"
        "建议直接写 95%。",
    ),
    (
        "≥5年 / 6年",
        "带单位的数值：单位相同（或可换算，如 元/万元、天/日）才比较，6年 ≥ 5年，达成。单位不同（如 人 与 人次）时提示人工核对。",
    ),
    (
        "≤500万元",
        "不超过 500 万元，越低越好（成本指标常用）：实际 480万元 达成；超出时按 指标值 ÷ 实际值 计分。",
    ),
    ("90%-95%", "区间：落在区间内达成。"),
    (
        "得到提升",
        "定性指标。实际完成值写“得到提升”“已完成”“达到”“达标”等视为达成；写“基本完成”“部分达到”"
        "为部分达成；写“未完成”“未达到”为未达成。其他写法交由人工判断。",
    ),
    ("不低于国家规定的标准", "定性指标。实际完成值与年度指标值相同（或写“达到”“符合”）即达成。"),
    (
        "2022年12月31日前",
        "时限指标。实际完成值写完成日期（如 2022年11月30日、2022.11）或“按时完成”，不晚于时限即达成。",
    ),
    ("— 或 不适用", "该指标不适用：不计分，其余指标的得分按比例折算为百分制。"),
)

WEIGHTS_TEXT = (
    f"分值可以留空。全部留空时按默认权重计分：{_WEIGHTS}。每个一级指标的分值在其下的三级指标之间平均分配"
    "（例如产出指标有 5 个三级指标，每个 10 分）；某个一级指标下没有任何指标时，它的分值按比例分给其他一级指标。"
    "使用成本指标、过程指标等其他一级指标时，请为所有指标填写分值。"
)
OPTIONAL_TEXT = (
    "有些地区把指标的运算符、数值和单位分三列填写（指标性质 | 指标值 | 度量单位）。可以在“项目指标”表末尾"
    "自行增加“指标性质”（≥、≤、= 或 定性）和“度量单位”（如 %、年、万元）两列，此时“年度指标值”只填数值，"
    "工具会把三者合并。例如：指标性质 ≥、年度指标值 95、度量单位 %，即 ≥95%。"
)
COMPUTED_TEXT = (
    "以下内容由工具计算，不需要填写：年度资金总和（各资金来源之和）、执行率（全年执行数 ÷ 全年预算数，"
    f"得分 = 分值 × 执行率，最高为满分）、各指标得分、总分和等级（{_GRADES}）。"
)


class _Extra(dict[str, int]):
    """Character → 1 for a wide (CJK) one, 0 otherwise; each character looked up once."""

    def __missing__(self, ch: str) -> int:
        extra = self[ch] = 1 if unicodedata.east_asian_width(ch) in "WF" else 0
        return extra


_EXTRA = _Extra()


def display_width(text: str) -> int:
    """Return the width of text in Excel column units: 2 for a wide (CJK) character, else 1."""
    if text.isascii():
        return len(text)
    # map() over the dict runs in C: a pre-filled template measures thousands of texts.
    return len(text) + sum(map(_EXTRA.__getitem__, text))


def _height(texts: tuple[tuple[str, float], ...]) -> float:
    """Return a row height (points) that shows every (text, column width) pair wrapped."""
    lines = max(max(1, math.ceil(display_width(text) / (width - 2))) for text, width in texts)
    return 18.0 * lines + 4


def write_guide(ws: Worksheet, workbook: xlsxwriter.Workbook) -> None:
    """Write the 填报说明 sheet into `ws`."""
    border = {"border": 1, "text_wrap": True, "valign": "top"}
    title = workbook.add_format(
        {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
    )
    paragraph = workbook.add_format({"text_wrap": True, "valign": "top"})
    heading = workbook.add_format(
        {"bold": True, "font_size": 12, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter"}
    )
    header = workbook.add_format({**border, "bold": True, "bg_color": "#F2F2F2", "align": "center"})
    cell = workbook.add_format(border)
    bold_cell = workbook.add_format({**border, "bold": True})
    for col, width in enumerate(_WIDTHS):
        ws.set_column(col, col, width)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(2)
    full = float(sum(_WIDTHS))
    last_col = len(_WIDTHS) - 1

    def merged(row: int, text: str, fmt: object, height: float | None = None) -> int:
        ws.merge_range(row, 0, row, last_col, "", fmt)
        ws.write_string(row, 0, text, fmt)
        ws.set_row(row, height if height is not None else _height(((text, full),)))
        return row + 1

    row = merged(0, TITLE, title, 32)
    for text in INTRO:
        row = merged(row, text, paragraph)
    for name, intro, columns in SECTIONS:
        row = merged(row + 1, name, heading, 22)
        row = merged(row, intro, paragraph)
        row = _table(
            ws, row, ("栏目", "是否必填", "填写说明", "示例"), columns, header, bold_cell, cell
        )

    row = merged(row + 1, "七、年度指标值与实际完成值的写法", heading, 22)
    row = merged(row, "按原文填写即可，工具能识别以下常见写法（全角、半角字符均可）：", paragraph)
    ws.write_string(row, 0, "写法", header)
    ws.merge_range(row, 1, row, last_col, "", header)
    ws.write_string(row, 1, "含义与工具的判断", header)
    row += 1
    for example, text in VALUES:
        ws.write_string(row, 0, example, bold_cell)
        ws.merge_range(row, 1, row, last_col, "", cell)
        ws.write_string(row, 1, text, cell)
        ws.set_row(row, _height(((example, _WIDTHS[0]), (text, full - _WIDTHS[0]))))
        row += 1

    for name, text in (
        ("八、分值与默认权重", WEIGHTS_TEXT),
        ("九、可选列：指标性质、度量单位", OPTIONAL_TEXT),
        ("十、由工具计算的内容", COMPUTED_TEXT),
    ):
        row = merged(row + 1, name, heading, 22)
        row = merged(row, text, paragraph)


def _table(
    ws: Worksheet,
    row: int,
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    header_fmt: object,
    first_fmt: object,
    cell_fmt: object,
) -> int:
    """Write a bordered table (header, then rows with the first column bold); return the next row."""
    for col, text in enumerate(header):
        ws.write_string(row, col, text, header_fmt)
    row += 1
    for values in rows:
        for col, text in enumerate(values):
            ws.write_string(row, col, text, first_fmt if col == 0 else cell_fmt)
        ws.set_row(row, _height(tuple(zip(values, _WIDTHS, strict=True))))
        row += 1
    return row
