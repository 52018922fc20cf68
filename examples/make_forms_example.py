"""Write examples/shuangyang-2022-forms.xlsx: the seed department's 2022 self-evaluation as the
official forms it was published in (one form per sheet), in the seed's own layout.

The layout follows the published document (shared/seed/shuangyang-education-2022-selfeval.txt):
no 分值/得分 columns, the 年度资金总和 row below the sources, 资金情况(万元) merged down beside
the funds block, two of the project forms with the name and unit as lines above an empty
项目名称 row, and the 基础教育 form with its 三级指标 merged over two columns. The writers here
are also used by tests/build_form_files.py to stack the same forms on one sheet.

Run: python examples/make_forms_example.py [output.xlsx]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

OUTPUT = Path(__file__).with_name("shuangyang-2022-forms.xlsx")
DEPARTMENT_NAME = "长春市双阳区教育局（汇总）"

DEPARTMENT_GOAL = (
    "以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的十九届五中全会精神，紧紧围绕区委、"
    "区政府关于教育工作的部署和长春市教育局2022年工作要点，聚焦“五年质量跃升工程”，紧扣立德树人根本"
    "任务，深化教育体制机制改革，推进教育公平，提高育人质量，促进各类教育优质均衡发展，提升教育服务"
    "贡献能力，努力构筑“更加公平、更高质量、更具特色”的“学在双阳”教育品牌。"
)
DEPARTMENT_ACHIEVED = (
    "2022年我区教育系统在区委区政府的正确领导下，基建项目有序推进、“四名工程”全面实施、教学质量不断"
    "攀升、“双减”政策落地见效、惠民政策全部落实、教育保障更加有力。"
)
_VOCATIONAL = (
    "职业教育是国民教育体系和人力资源开发的重要组成部分，肩负着培养多样化人才、传承技术技能、促进就业"
    "创业的重要职责。在全面建设社会主义现代化国家新征程中，职业教育前途广阔、大有可为。所设项目旨在贯彻"
    "落实全国职业教育大会精神，按照《中共中央办公厅国务院办公厅印发〈关于推进现代职业教育高质量发展的意见〉》"
    "推动现代职业教育高质量发展。"
)
_VOCATIONAL_DONE = "区职业教育中心异地新建项目，年末有4栋单体完成主体封顶、3栋建筑完成主体4层施工，保障我区职业教育高质量发展。"
DEPARTMENT_TASKS: tuple[tuple[str, str, str], ...] = (
    (
        "教育行政管理",
        "专门人才的培养与规划，教育事业的发展规划和计划管理，教育结构与布局，教育管理体制，教育制度，"
        "教育经费管理，教育行政组织机构及人事，教育质量的评价，教育立法，教育管理的理论和方法等。",
        "“双减”政策落地见效。着力提高作业管理水平，出台了各学科作业设计指导意见。打造了具有我区特色的"
        "“5+2+2”课后服务模式，全区义务教育段学生课后服务参与率为97%，实现了区域内义务教育段学校课后服务"
        "全覆盖。盯紧校外培训机构和学生托管中心，重点查处隐形变异培训、无证无照机构，注销培训机构5所，"
        "责令关停无证无照机构8所。案例《多法并举，多措并举推进校外培训机构治理取得新成效》被市教育局作为"
        "典型案例选送到教育部。",
    ),
    (
        "基础教育教学管理及条件改善",
        "基础教育在国民教育体系当中处于基础性、先导性地位。为深入贯彻党的十九届五中全会精神，坚持立德树人"
        "初心，牢记为党育人、为国育才使命，立足新发展阶段，坚持新发展理念，构建新发展格局，建立优质均衡的"
        "基本公共教育服务体系，推进基础教育高质量发展，努力谱写我区新时代基础教育改革发展新篇章，培养德智体"
        "美劳全面发展的社会主义建设者和接班人。",
        "教学质量不断攀升。实施第二个教育教学质量“五年跃升工程”，全面落实中小学校长、教学领导听课评课制度，"
        "积极打造“学为中心”高效课堂，不断夯实中高备考工作。抓实线上教学，《长春市双阳区构建“一三三一”线上"
        "教研模式》在吉林省教育厅全省中小学“停课不停学”工作经验（第十一期）发表，在全省教育系统推广。"
        "2022年中考700分以上29人，高分段人数在全市县域组大幅进阶；高考600分以上9人，重点进线率达13%。",
    ),
    ("职业教育教学管理及条件改善", _VOCATIONAL, _VOCATIONAL_DONE),
    ("职业教育教学发展", _VOCATIONAL, _VOCATIONAL_DONE),
    (
        "教师及人才队伍建设",
        "教师是教育事业发展的基础，是提高教育质量、办好人民满意教育的关键。所设项目，按照《国务院关于加强"
        "教师队伍建设的意见》（国办发〔2012〕41号）以及《中共中央 国务院关于全面加强新时代教师队伍建设"
        "改革的意见》文件精神，旨在全面加强教师队伍建设和为教育事业改革发展提供有力支撑。",
        "“四名工程”全面实施。2022年，共引进高水准教师59人，对53名副校级以上领导干部进行了调整交流和补充，"
        "1名校长在市名优校长培训课程评选中获评“特等奖”。在大学区框架内高质量开展“名师”送教活动，全年送课"
        "40节。采取教育局牵线、基层学校主动联系，实现了城区3所初中与省市名校对接，做到了先进教育理念、"
        "教学方法和优质资源的深度共融共享。",
    ),
    (
        "学生资助",
        "学生资助是一项重要的保民生、暖民心工程，事关脱贫攻坚，事关社会公平。教育公平是社会公平的重要"
        "基础，促进教育公平是国家基本教育政策。党中央、国务院高度重视家庭经济困难学生上学问题，将健全国家"
        "资助政策体系，作为促进教育公平的重要举措和实施“教育脱贫”工程的重要内容。党的十九大明确提出，要"
        "“健全学生资助制度”，为学生资助工作进一步指明了方向，提出了更新更高的要求。所设立的“学生资助专项"
        "经费”项目是双阳区教育发展的重要组成部分，更是国家教育改革发展的重要项目。",
        "惠民政策全部落实。全面落实学生资助政策，2022年全年资助10945人次家庭经济困难学生，发放及减免资金"
        "1177.29万元。其中资助脱贫家庭学生1220人次，发放及减免资金163.7万元。14人次学生享受了“雨露计划”"
        "资助，严格落实普惠性幼儿园经费补助制度，上半年划拨市级奖补资金271.52万元。加快推进小区配套幼儿园"
        "建设，目前，2所小区配套幼儿园转为普惠性民办园，1所已无偿移交。",
    ),
    (
        "综合管理及条件改善",
        "本项目主要填列以前年度纳入基本支出的项目及其他未放入前六项的项目。",
        "基建项目有序推进。2022年，总投资3.36亿元，共实施了4个教育重点项目和29个校舍维修项目。其中，153中学"
        "综合楼建设项目，年末完成主体封闭；南溪实验学校建设项目，年末完成内外墙抹灰及屋面瓦安装施工；区职业"
        "教育中心异地新建项目，年末有4栋单体完成主体封顶、3栋建筑完成主体4层施工；154中学宿舍楼建设项目，"
        "年末完成装饰工程施工；29个校舍维修项目，年末均竣工。",
    ),
)
# The seed's text extraction shifted the 满意度 rows a column left; as in the template example
# (make_example.py) they stand under 满意度指标 / 服务对象满意度指标.
SATISFACTION, SATISFACTION_L2 = "满意度指标", "服务对象满意度指标"
Row = tuple[str, str, str, str, str]
"""(一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值)."""
DEPARTMENT_INDICATORS: tuple[Row, ...] = (
    ("产出指标", "数量指标", "生均公用经费", "不低于国家规定的标准", "不低于国家规定的标准"),
    ("产出指标", "质量指标", "验收合格率", ">=95%", "100%"),
    ("产出指标", "时效指标", "按时完成率", ">=95%", "100%"),
    ("效益指标", "社会效益指标", "九年义务教育巩固率", ">=98%", "99%"),
    ("效益指标", "可持续影响指标", "教育教学质量", "得到提升", "得到提升"),
    (SATISFACTION, SATISFACTION_L2, "公众满意度", ">=92%", "95%"),
    (SATISFACTION, SATISFACTION_L2, "师生满意度", ">=95%", "95%"),
)


@dataclass(frozen=True)
class SeedProject:
    """A project form of the seed: its figures and the quirks of its published layout."""

    name: str
    unit: str
    funds: tuple[float, float, float]
    """当年财政拨款: 年初预算数, 全年预算数, 全年执行数 (上年结转资金 and 其他资金 are 0)."""
    goal: str
    achieved: str
    indicators: tuple[Row, ...]
    name_above: bool = False
    """Name and unit written as lines above an empty 项目名称 row."""
    name_gap: bool = False
    """A blank line between those lines and the 项目名称 row."""
    wide: bool = False
    """8 columns, 三级指标 merged over two."""
    goal_cols: int = 2
    sheet: str = field(default="")


PROJECTS: tuple[SeedProject, ...] = (
    SeedProject(
        "2022年综合管理及条件改善",
        DEPARTMENT_NAME,
        (705.70, 427.07, 427.07),
        "做好地区内教育经费保障工作。",
        "保障了区内各级各类学校教育经费，重点项目有序推进、惠民政策全部落实、教育质量不断攀升。",
        (
            ("产出指标", "质量指标", "采购设备合格率", ">=95%", "100%"),
            ("产出指标", "时效指标", "项目完成及时率", ">=90%", "100%"),
            ("效益指标", "可持续影响指标", "教育教学质量", "得到提升", "得到提升"),
            (SATISFACTION, SATISFACTION_L2, "师生满意度", ">=90%", "90%"),
        ),
        name_above=True,
        name_gap=True,
        sheet="综合管理及条件改善",
    ),
    SeedProject(
        "2022年学生资助",
        DEPARTMENT_NAME,
        (72.82, 38.51, 38.51),
        "做好学生资助经费及奖助学金发放工作。",
        "完成了全年学生资助工作及奖助学金发放工作。",
        (
            ("产出指标", "质量指标", "生源地信用助学贷款覆盖率", ">=95%", "100%"),
            ("产出指标", "质量指标", "资助金额发放准确率", ">=98%", "100%"),
            ("产出指标", "时效指标", "奖学金发放及时率", ">=98%", "100%"),
            ("效益指标", "可持续影响指标", "学生资助工作水平", "得到提升", "得到提升"),
            (SATISFACTION, SATISFACTION_L2, "受助群体满意度", ">=95%", "100%"),
        ),
        sheet="学生资助",
    ),
    SeedProject(
        "2022年基础教育教学管理及条件改善",
        "长春市双阳区教育局(汇总)",
        (4367.73, 14571.46, 14571.46),
        "保障基础教育工作正常运转及办学条件改善。",
        "我区教育系统坚持党建引领，聚焦构建双阳高质量教育发展体系，全力完成了区委区政府对教育工作的期盼，"
        "主要表现为：重点项目有序推进，教学质量不断攀升，队伍活力显著增强，惠民政策全部落实，“双减”政策"
        "落地见效，安稳工作扎实有效。",
        (
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
            (SATISFACTION, SATISFACTION_L2, "师生满意度", "≥90%", "95%"),
        ),
        wide=True,
        sheet="基础教育教学管理及条件改善",
    ),
    SeedProject(
        "2022年职业教育教学管理及条件改善",
        DEPARTMENT_NAME,
        (43.37, 0.0, 0.0),
        "保障职业教育工作正常运转及办学条件改善。",
        "2022年此一级项目均为中等职业教育免学费补助资金区配套部分，此项资金未解冻。但是中等职业教育学校"
        "生均公用经费已达到省定标准。",
        (
            ("产出指标", "质量指标", "项目验收合格率", "≥95%", "95%"),
            (
                "产出指标",
                "质量指标",
                "软硬件建设质量标准",
                "不低于国家相关标准",
                "不低于国家相关标准",
            ),
            ("产出指标", "时效指标", "完成率", "≥90%", "90%"),
            ("效益指标", "可持续影响指标", "工程项目使用期限", "≥5年", "5年"),
            (SATISFACTION, SATISFACTION_L2, "师生满意度", "≥90%", "90%"),
        ),
        name_above=True,
        goal_cols=3,
        sheet="职业教育教学管理及条件改善",
    ),
)


class Formats:
    """The few cell formats the forms use."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"border": 1, "valign": "vcenter", "font_name": "宋体", "font_size": 10}
        self.title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
        self.line = wb.add_format({"font_size": 11})
        self.label = wb.add_format({**base, "align": "center", "text_wrap": True})
        self.text = wb.add_format({**base, "text_wrap": True})
        self.amount = wb.add_format({**base, "num_format": "0.00"})
        self.percent = wb.add_format({**base, "num_format": "0.00%"})


def _put(ws, r0: int, c0: int, r1: int, c1: int, value, fmt) -> None:
    """Write a value into a cell, merging the range when it covers more than one cell."""
    if (r0, c0) == (r1, c1):
        ws.write(r0, c0, value, fmt)
    else:
        ws.merge_range(r0, c0, r1, c1, value, fmt)


def write_indicator_rows(ws, row: int, f: Formats, rows: tuple[Row, ...], cols: dict) -> int:
    """Write indicator rows from `row`: a 一级 (and a 二级) repeated on consecutive rows is one
    cell merged down, as in the published forms. `cols` maps level1, level2, name (a (first,
    last) span), target, actual to columns. Return the row after the last."""
    for i, (l1, l2, name, target, actual) in enumerate(rows):
        r = row + i
        if i == 0 or rows[i - 1][0] != l1:
            run = next((j for j in range(i, len(rows)) if rows[j][0] != l1), len(rows)) - i
            _put(ws, r, cols["level1"], r + run - 1, cols["level1"], l1, f.label)
        if l2 and (i == 0 or rows[i - 1][:2] != (l1, l2)):
            run = next((j for j in range(i, len(rows)) if rows[j][:2] != (l1, l2)), len(rows)) - i
            _put(ws, r, cols["level2"], r + run - 1, cols["level2"], l2, f.label)
        elif not l2:
            ws.write_blank(r, cols["level2"], None, f.label)
        first, last = cols["name"]
        _put(ws, r, first, r, last, name, f.text)
        ws.write(r, cols["target"], target, f.text)
        ws.write(r, cols["actual"], actual, f.text)
        if "explain" in cols:
            ws.write_blank(r, cols["explain"], None, f.text)
    return row + len(rows)


def write_project(ws, row: int, f: Formats, p: SeedProject) -> int:
    """Write one project form in the seed's layout from `row`; return the row after it."""
    last = 7 if p.wide else 6
    _put(ws, row, 0, row, last, "项目支出绩效自评表", f.title)
    row += 2
    if p.name_above:
        _put(ws, row, 0, row, last, p.name, f.line)
        _put(ws, row + 1, 0, row + 1, last, p.unit, f.line)
        row += 3 if p.name_gap else 2
        name, unit = "", ""
    else:
        name, unit = p.name, p.unit
    for label, value in (("项目名称", name), ("实施单位", unit)):
        ws.write(row, 0, label, f.label)
        _put(ws, row, 1, row, last, value, f.text)
        row += 1
    # Funds: 资金情况(万元) merged down beside the header and the four rows.
    _put(ws, row, 0, row + 4, 0, "资金情况\n(万元)", f.label)
    for c, label in enumerate(("项目资金", "年初预算数", "全年预算数", "全年执行数", "执行率"), 1):
        ws.write(row, c, label, f.label)
    initial, budget, spent = p.funds
    lines = (
        ("当年财政拨款", initial, budget, spent),
        ("上年结转资金", 0.0, 0.0, 0.0),
        ("其他资金", 0.0, 0.0, 0.0),
        ("年度资金总和", initial, budget, spent),
    )
    for i, (source, a, b, s) in enumerate(lines, 1):
        ws.write(row + i, 1, source, f.label)
        for c, v in enumerate((a, b, s), 2):
            ws.write_number(row + i, c, v, f.amount)
        ws.write_number(row + i, 5, s / b if b else 0.0, f.percent)
    row += 5
    _put(ws, row, 0, row + 1, 0, "年度总体\n目标", f.label)
    split = p.goal_cols
    _put(ws, row, 1, row, split, "预期目标", f.label)
    _put(ws, row, split + 1, row, last, "实际完成情况", f.label)
    _put(ws, row + 1, 1, row + 1, split, p.goal, f.text)
    _put(ws, row + 1, split + 1, row + 1, last, p.achieved, f.text)
    row += 2
    n = len(p.indicators)
    _put(ws, row, 0, row + n, 0, "绩效指标", f.label)
    name_span = (3, 4) if p.wide else (3, 3)
    off = 1 if p.wide else 0
    ws.write(row, 1, "一级指标", f.label)
    ws.write(row, 2, "二级指标", f.label)
    _put(ws, row, 3, row, 3 + off, "三级指标", f.label)
    for c, label in enumerate(("年度指标值", "实际完成值", "偏差原因分析及改进措施"), 4 + off):
        ws.write(row, c, label, f.label)
    cols = {"level1": 1, "level2": 2, "name": name_span, "target": 4 + off, "actual": 5 + off}
    cols["explain"] = 6 + off
    if p.wide:
        # Only the first row's 三级 cell is merged over both columns, as in the published form.
        first = write_indicator_rows(ws, row + 1, f, p.indicators[:1], cols)
        cols["name"] = (3, 3)
        return write_indicator_rows(ws, first, f, p.indicators[1:], cols)
    return write_indicator_rows(ws, row + 1, f, p.indicators, cols)


def write_department(ws, row: int, f: Formats, label_above: bool = False) -> int:
    """Write the 部门整体支出绩效自评表 from `row` (labels beside their texts, or above them as
    the published document shows them); return the row after it."""
    _put(ws, row, 0, row, 5, "部门整体支出绩效自评表", f.title)
    row += 1
    for label, value in (
        ("部门名称", DEPARTMENT_NAME),
        ("年度目标", DEPARTMENT_GOAL),
        ("绩效目标实际完成情况", DEPARTMENT_ACHIEVED),
    ):
        if label_above:
            _put(ws, row, 0, row, 5, label, f.label)
            _put(ws, row + 1, 0, row + 1, 5, value, f.text)
            row += 2
        else:
            ws.write(row, 0, label, f.label)
            _put(ws, row, 1, row, 5, value, f.text)
            row += 1
    n = len(DEPARTMENT_TASKS)
    _put(ws, row, 0, row + n, 0, "年度主要任务", f.label)
    ws.write(row, 1, "序号", f.label)
    _put(ws, row, 2, row, 3, "任务名称", f.label)
    ws.write(row, 4, "主要内容", f.label)
    ws.write(row, 5, "实际完成情况", f.label)
    for i, (name, content, done) in enumerate(DEPARTMENT_TASKS, 1):
        ws.write_number(row + i, 1, i, f.label)
        # The last two tasks of the published table leave the name's second column apart.
        if i <= 5:
            _put(ws, row + i, 2, row + i, 3, name, f.text)
        else:
            ws.write(row + i, 2, name, f.text)
            ws.write_blank(row + i, 3, None, f.text)
        ws.write(row + i, 4, content, f.text)
        ws.write(row + i, 5, done, f.text)
    row += n + 1
    m = len(DEPARTMENT_INDICATORS)
    _put(ws, row, 0, row + m, 0, "年度绩效", f.label)
    for c, label in enumerate(("一级指标", "二级指标", "三级指标", "目标值", "完成值"), 1):
        ws.write(row, c, label, f.label)
    cols = {"level1": 1, "level2": 2, "name": (3, 3), "target": 4, "actual": 5}
    return write_indicator_rows(ws, row + 1, f, DEPARTMENT_INDICATORS, cols)


def _widths(ws) -> None:
    ws.set_column(0, 0, 12)
    ws.set_column(1, 2, 14)
    ws.set_column(3, 3, 24)
    ws.set_column(4, 7, 16)


def build(path: str | Path = OUTPUT, stacked: bool = False) -> Path:
    """Write the seed's five forms, one per sheet (or all on one sheet when `stacked`, the
    department with its labels above the texts); return the path."""
    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    f = Formats(wb)
    if stacked:
        ws = wb.add_worksheet("自评表")
        _widths(ws)
        row = write_department(ws, 0, f, label_above=True) + 1
        for p in PROJECTS:
            row = write_project(ws, row, f, p) + 1
    else:
        ws = wb.add_worksheet("部门整体支出绩效自评表")
        _widths(ws)
        write_department(ws, 0, f)
        for p in PROJECTS:
            ws = wb.add_worksheet(p.sheet)
            _widths(ws)
            write_project(ws, 0, f, p)
    wb.close()
    return path


if __name__ == "__main__":
    print(build(sys.argv[1] if len(sys.argv) > 1 else OUTPUT))
