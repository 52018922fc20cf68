"""The forms reader: official forms found by their labels in every layout offices use."""

from __future__ import annotations

from pathlib import Path

import build_form_files as files
import pytest
import xlsxwriter

from app.errors import InputError
from app.model import Dataset, Funding, Indicator, Project, Where
from app.readers.book import load
from app.readers.forms import looks_like_forms, read_forms

ROOT = Path(__file__).resolve().parents[1]
SEED = files.seed


@pytest.fixture(scope="session")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test workbook, built afresh once per session."""
    return files.build_all(tmp_path_factory.mktemp("forms"))


def read(paths: dict[str, Path], name: str) -> Dataset:
    return read_forms(load(paths[name]))


def figures(f: Funding | None) -> tuple | None:
    return None if f is None else (f.source, f.initial, f.budget, f.spent, f.stated_rate)


def rows(p: Project) -> list[tuple[str, str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.target, i.actual) for i in p.indicators]


def cells(i: Indicator) -> tuple:
    return (i.where, i.target_at, i.weight_at, i.stated_score_at, i.explanation_at)


def w(sheet: str, cell: str) -> Where:
    return Where(sheet, cell)


# -- the seed, one form per sheet and all stacked --------------------------------------------


def test_seed_one_per_sheet(paths: dict[str, Path]) -> None:
    data = read(paths, "seed_sheets")
    assert data.kind == "forms"
    assert data.findings == ()
    dept = data.department
    assert (dept.name, dept.year, dept.where) == (
        "长春市双阳区教育局（汇总）",
        2022,
        w("部门整体支出绩效自评表", "B2"),
    )
    assert dept.goal == SEED.DEPARTMENT_GOAL
    assert dept.achieved == SEED.DEPARTMENT_ACHIEVED
    assert [(t.number, t.name) for t in dept.tasks] == [
        (str(n), name) for n, (name, _, _) in enumerate(SEED.DEPARTMENT_TASKS, 1)
    ]
    # Tasks 6 and 7 leave the name's second column apart; the name is still read.
    assert dept.tasks[6].content.startswith("本项目主要填列以前年度")
    assert dept.tasks[6].achieved.startswith("基建项目有序推进")
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in dept.indicators] == list(
        SEED.DEPARTMENT_INDICATORS
    )
    assert dept.indicators[0].where == w("部门整体支出绩效自评表", "F14")
    assert dept.funds is None

    assert [p.name for p in data.projects] == [p.name for p in SEED.PROJECTS]
    for project, seed in zip(data.projects, SEED.PROJECTS, strict=True):
        assert project.unit == seed.unit
        assert project.department == ""
        assert project.goal == seed.goal
        assert project.achieved == seed.achieved
        assert project.amount_scale == 1.0
        assert rows(project) == list(seed.indicators)
        initial, budget, spent = seed.funds
        rate = spent / budget if budget else 0.0
        # The rows of zeros (上年结转资金, 其他资金) are left out, as in the template.
        assert [figures(f) for f in project.funds.sources] == [
            ("当年财政拨款", initial, budget, spent, rate),
        ]
        assert figures(project.funds.stated_total) == ("年度资金总额", initial, budget, spent, rate)
        assert project.funds.weight is None and project.funds.stated_score is None
        assert project.stated_total_score is None
        assert all(i.weight is None and i.stated_score is None for i in project.indicators)


def test_seed_cells_point_into_each_sheet(paths: dict[str, Path]) -> None:
    general, aid, basic, vocational = read(paths, "seed_sheets").projects
    # Name and unit written as lines above an empty 项目名称 row: the name's own cell.
    assert general.where == w("综合管理及条件改善", "A3")
    assert vocational.where == w("职业教育教学管理及条件改善", "A3")
    assert aid.where == w("学生资助", "B3")
    src = aid.funds.sources[0]
    assert (src.initial_at, src.budget_at, src.spent_at, src.stated_rate_at) == (
        w("学生资助", "C6"),
        w("学生资助", "D6"),
        w("学生资助", "E6"),
        w("学生资助", "F6"),
    )
    assert aid.funds.stated_total.budget_at == w("学生资助", "D9")
    assert cells(aid.indicators[0]) == (
        w("学生资助", "F13"),
        w("学生资助", "E13"),
        None,
        None,
        w("学生资助", "G13"),
    )
    # 三级指标 merged over D:E moves 年度指标值 and 实际完成值 one column right.
    sheet = "基础教育教学管理及条件改善"
    assert cells(basic.indicators[0]) == (
        w(sheet, "G13"),
        w(sheet, "F13"),
        None,
        None,
        w(sheet, "H13"),
    )
    assert cells(basic.indicators[5])[:2] == (w(sheet, "G18"), w(sheet, "F18"))


def content(data: Dataset) -> tuple:
    """What must not depend on the layout: names, funds, goals, indicators, department."""
    d = data.department
    return (
        (d.name, d.year, d.goal, d.achieved, d.tasks),
        [(i.level1, i.level2, i.name, i.target, i.actual) for i in d.indicators],
        [
            (
                p.name,
                p.unit,
                p.goal,
                p.achieved,
                [figures(f) for f in p.funds.sources],
                figures(p.funds.stated_total),
                rows(p),
            )
            for p in data.projects
        ],
    )


def test_seed_stacked_on_one_sheet_reads_the_same(paths: dict[str, Path]) -> None:
    stacked = read(paths, "seed_stacked")
    assert stacked.findings == ()
    assert content(stacked) == content(read(paths, "seed_sheets"))
    # The department's labels stand above their texts here.
    assert stacked.department.where == w("自评表", "A3")
    assert [p.where for p in stacked.projects] == [
        w("自评表", "A27"),
        w("自评表", "B47"),
        w("自评表", "B65"),
        w("自评表", "A84"),
    ]


def test_example_file_is_the_seed_as_forms(tmp_path: Path) -> None:
    example = ROOT / "examples" / "shuangyang-2022-forms.xlsx"
    fresh = SEED.build(tmp_path / "fresh.xlsx")
    assert content(read_forms(load(example))) == content(read_forms(load(fresh)))


def test_seed_forms_match_the_template_example(paths: dict[str, Path]) -> None:
    example = ROOT / "examples" / "shuangyang-2022.xlsx"
    try:
        from app.readers.template import read_template
    except ImportError:  # pragma: no cover - the template reader is written alongside
        pytest.skip("the template reader is not there yet")
    if not example.exists():  # pragma: no cover
        pytest.skip("the template example is not there yet")
    template = read_template(load(example))
    forms = read(paths, "seed_sheets")

    def comparable(data: Dataset) -> tuple:
        # The template leaves out sources without money; the forms print them as 0.00.
        d = data.department
        return (
            (d.name, d.year, d.goal, d.achieved),
            [(t.number, t.name, t.content, t.achieved) for t in d.tasks],
            [(i.level1, i.level2, i.name, i.target, i.actual) for i in d.indicators],
            [
                (
                    p.name,
                    p.department,
                    p.unit,
                    p.goal,
                    p.achieved,
                    [
                        (f.source, f.initial, f.budget, f.spent)
                        for f in p.funds.sources
                        if any((f.initial, f.budget, f.spent))
                    ],
                    rows(p),
                )
                for p in data.projects
            ],
        )

    assert comparable(forms) == comparable(template)


# -- the national layout with hand-filled 分值 and 得分 ----------------------------------------


def test_national_layout_with_hand_scores(paths: dict[str, Path]) -> None:
    data = read(paths, "national")
    assert data.findings == ()
    aid, basic = data.projects
    assert (aid.name, aid.department, aid.unit) == (
        "2022年学生资助",
        "长春市双阳区教育局",
        "长春市双阳区教育局（汇总）",
    )
    # No 部门整体 form: the department is named after the first project's 主管部门.
    assert (data.department.name, data.department.year) == ("长春市双阳区教育局", 2022)
    # 上年结转资金 and 其他资金 rows hold only dashes: left out.
    assert [figures(f) for f in aid.funds.sources] == [("当年财政拨款", 72.82, 38.51, 38.51, 1.0)]
    assert figures(aid.funds.stated_total) == ("年度资金总额", 72.82, 38.51, 38.51, 1.0)
    assert (aid.funds.weight, aid.funds.weight_at) == (10.0, w("学生资助", "F6"))
    assert (aid.funds.stated_score, aid.funds.stated_score_at) == (10.0, w("学生资助", "H6"))
    assert (basic.funds.stated_score, basic.funds.stated_score_at) == (8.0, w("基础教育", "H6"))
    assert (aid.stated_total_score, aid.stated_total_score_at) == (99.0, w("学生资助", "F19"))
    assert basic.stated_total_score == 95.5
    assert (aid.goal, aid.achieved) == ("2022年学生资助的预期目标。", "2022年学生资助的完成情况。")
    # "产出指标(50分)" merged down is 产出指标 on every row; the empty 经济效益指标 row is skipped.
    assert [(i.level1, i.level2, i.name) for i in aid.indicators] == [
        ("产出指标", "质量指标", "生源地信用助学贷款覆盖率"),
        ("产出指标", "质量指标", "资助金额发放准确率"),
        ("产出指标", "时效指标", "奖学金发放及时率"),
        ("效益指标", "可持续影响指标", "学生资助工作水平"),
        ("满意度指标", "服务对象满意度指标", "受助群体满意度"),
    ]
    assert [(i.weight, i.stated_score) for i in aid.indicators] == [
        (20.0, 20.0),
        (15.0, 15.0),
        (15.0, 15.0),
        (30.0, 30.0),
        (10.0, 9.0),
    ]
    last = aid.indicators[4]
    assert cells(last) == (
        w("学生资助", "F18"),
        w("学生资助", "E18"),
        w("学生资助", "G18"),
        w("学生资助", "H18"),
        w("学生资助", "I18"),
    )
    repair = basic.indicators[2]
    assert (repair.actual, repair.stated_score, repair.explanation) == (
        "90%",
        12.0,
        "个别维修项目验收延后",
    )


# -- a messy hand-made form -------------------------------------------------------------------


def test_messy_form(paths: dict[str, Path]) -> None:
    data = read(paths, "messy")
    basic, vocational = data.projects
    assert (basic.name, basic.department, basic.unit, basic.where) == (
        "2022年基础教育教学管理及条件改善",
        "长春市双阳区教育局",
        "长春市双阳区教育局(汇总)",
        w("Sheet1", "C3"),
    )
    # Numbers stored as text with separators; "—" and "/" rows left out; "待定" is no amount:
    # its row is kept with the text as written, never a number.
    assert [figures(f) for f in basic.funds.sources] == [
        ("当年财政拨款", 4367.73, 14571.46, 14571.46, 1.0),
        ("其他资金", None, None, None, None),
    ]
    other = basic.funds.sources[1]
    assert (other.initial_text, other.initial_at) == ("待定", w("Sheet1", "D10"))
    assert figures(basic.funds.stated_total) == ("年度资金总额", 4367.73, 14571.46, 14571.46, 1.0)
    (finding,) = data.findings
    assert (finding.severity, finding.code, finding.where, finding.project) == (
        "error",
        "bad_number",
        w("Sheet1", "D10"),
        "2022年基础教育教学管理及条件改善",
    )
    assert (
        finding.message
        == "工作表“Sheet1”单元格 D10 应为金额，实际为“待定”，未计入合计和执行率，请改为数字"
    )
    assert basic.goal == "保障基础教育工作正常运转及办学条件改善。"
    # ＞＝ and ≧ kept as written; 二级 left blank is filled down; a new 一级 clears it.
    assert rows(basic) == [
        (
            "产出指标",
            "数量指标",
            "生均公用经费拨款水平",
            "不低于国家规定标准",
            "不低于国家规定标准",
        ),
        ("产出指标", "质量指标", "采购设备合格率", "＞＝95%", "100%"),
        ("产出指标", "质量指标", "维修维护验收合格率", "≧95%", "98%"),
        ("效益指标", "可持续影响指标", "教育教学质量", "≥80%", "95%"),
        ("效益指标", "可持续影响指标", "各类设施和平台可持续运行年限", "≥5年", "4年"),
        ("满意度指标", "", "师生满意度", "≥90%", "95%"),
    ]
    # 0.98 in a cell formatted as a percentage reads as the person sees it.
    assert basic.indicators[2].actual_is_percent
    assert not basic.indicators[1].actual_is_percent
    # Labels broken over two lines, 三级 merged over E:F, a blank spacer column before 偏差.
    years = basic.indicators[4]
    assert cells(years) == (w("Sheet1", "H21"), w("Sheet1", "G21"), None, None, w("Sheet1", "J21"))
    assert years.explanation == "部分设施提前更换"
    # The second form has no title: its name and unit are the lines above its empty rows.
    assert (vocational.name, vocational.unit, vocational.where) == (
        "2022年职业教育教学管理及条件改善",
        "长春市双阳区教育局（汇总）",
        w("Sheet1", "B24"),
    )
    assert [figures(f) for f in vocational.funds.sources] == [
        ("当年财政拨款", 43.37, 0.0, 0.0, None)
    ]
    assert rows(vocational) == [
        ("产出指标", "质量指标", "项目验收合格率", "≥95%", "95%"),
        ("满意度指标", "", "师生满意度", "≥90%", "90%"),
    ]


# -- provincial layouts from shared/examples-real -----------------------------------------------


def test_sichuan_layout(paths: dict[str, Path]) -> None:
    data = read(paths, "sichuan")
    wages, anke = data.projects
    sheet = "项目支出绩效自评表"
    assert (wages.name, wages.department, wages.unit) == (
        "51000021R000000019951-工资性支出",
        "青神县发展和改革局本级",
        "青神县发展和改革局",
    )
    assert data.department.year == 2023
    assert wages.goal.startswith("严格执行相关政策")
    assert wages.achieved == "工资及社保全年按时足额发放、缴纳。"
    # 财政资金 is 当年财政拨款; 财政专户管理资金 and 单位资金 add up into 其他资金; the empty
    # 其他资金 row is left out, and so is the sum of zeros.
    assert [figures(f) for f in wages.funds.sources] == [
        ("当年财政拨款", 238.93, 251.89, 251.89, 1.0),
    ]
    assert figures(wages.funds.stated_total) == ("年度资金总额", 238.93, 251.89, 251.89, 1.0)
    assert (wages.funds.weight, wages.funds.weight_at) == (10.0, w(sheet, "G10"))
    assert (wages.funds.stated_score, wages.funds.stated_score_at) == (10.0, w(sheet, "H10"))
    # 指标性质 | 指标值 | 度量单位 combine into one target.
    assert rows(wages) == [
        ("产出指标", "数量指标", "发放(缴纳)覆盖率", "=100%", "100"),
        ("效益指标", "社会效益指标", "足额保障率(参保率)", "=100%", "98"),
    ]
    assert [(i.weight, i.stated_score, i.explanation) for i in wages.indicators] == [
        (60.0, 60.0, ""),
        (30.0, 29.4, "个别人员参保延后"),
    ]
    assert cells(wages.indicators[1]) == (
        w(sheet, "H17"),
        w(sheet, "F17"),
        w(sheet, "I17"),
        w(sheet, "J17"),
        w(sheet, "K17"),
    )
    # The 合计 row's 得分 is the stated total.
    assert (wages.stated_total_score, wages.stated_total_score_at) == (99.4, w(sheet, "J18"))
    assert (anke.name, anke.department, anke.unit) == (
        "51092324T000010263357-2023年全县安可替代补助资金项目",
        "大英县司法局部门",
        "大英县司法局",
    )
    assert (anke.goal, anke.achieved) == ("根据要求购买安可设备，并完成项目资金支付。", "完成")
    assert figures(anke.funds.sources[0]) == ("当年财政拨款", 0.0, 3.36, 3.36, 1.0)
    assert rows(anke)[1] == ("产出指标", "经济成本指标", "成本控制数", "≤30万元", "完成")
    assert anke.stated_total_score == 100.0
    assert data.findings == ()


def test_beijing_2016_layout(paths: dict[str, Path]) -> None:
    data = read(paths, "beijing")
    (p,) = data.projects
    assert (p.name, p.department, p.unit) == (
        "【体制】自管道路清扫保洁外包工作经费",
        "北京市海淀区人民政府学院路街道办事处",
        "北京市海淀区学院路街道城市运行服务中心",
    )
    assert data.department.year == 2016
    # Only 年初预算数(A) and 全年执行数(B): the budget is the 年初预算数.
    src = p.funds.sources[0]
    assert figures(src) == ("当年财政拨款", 310.2, 310.2, 154.74, None)
    assert src.budget_at == src.initial_at == w("Sheet1", "C7")
    assert figures(p.funds.stated_total) == ("年度资金总额", 310.2, 310.2, 154.74, 0.5)
    assert (p.funds.weight, p.funds.stated_score) == (10.0, 5.0)
    assert (p.goal, p.achieved) == (
        "将辖区20条城市道路清扫保洁业务外包。",
        "通过公开招投标方式进行了外包。",
    )
    # 分值 stands before 年度指标值(A) | 全年实际值(B); 得分计算方法 between them and 得分.
    first, last = p.indicators[0], p.indicators[-1]
    assert (first.level1, first.target, first.actual, first.weight, first.stated_score) == (
        "产出指标",
        "1",
        "1",
        12.5,
        12.5,
    )
    assert cells(last) == (
        w("Sheet1", "G18"),
        w("Sheet1", "F18"),
        w("Sheet1", "E18"),
        w("Sheet1", "I18"),
        w("Sheet1", "J18"),
    )
    assert (last.actual, last.stated_score, last.explanation) == ("85%", 8.0, "个别路段保洁不及时")
    assert sum(i.weight for i in p.indicators) == 90.0
    assert p.stated_total_score == 93.0


def test_hubei_layout(paths: dict[str, Path]) -> None:
    data = read(paths, "hubei")
    (p,) = data.projects
    assert (p.name, p.department, p.unit) == (
        "湖北工程学院2021年学生资助项目",
        "湖北省教育厅",
        "湖北工程学院",
    )
    assert data.department.year == 2021
    # Only a 年度财政资金总额 row: it is the 当年财政拨款 as well; 预算数 is the budget.
    assert [figures(f) for f in p.funds.sources] == [("当年财政拨款", None, 1500.0, 1480.0, 0.9867)]
    assert figures(p.funds.stated_total) == ("年度资金总额", None, 1500.0, 1480.0, 0.9867)
    # No 分值 column: the 10 of 预算执行情况(万元)(10分).
    assert (p.funds.weight, p.funds.weight_at) == (10.0, w("自评表", "A7"))
    assert (p.funds.stated_score, p.funds.stated_score_at) == (9.87, w("自评表", "F8"))
    assert rows(p)[0] == ("产出指标", "数量", "国家奖学金人数", "10人", "9人")
    assert rows(p)[-1] == ("过程指标", "程序", "评审程序是否公正", "是", "是")
    assert [i.stated_score for i in p.indicators] == [22.5, 25.0, 2.5, 15.0, 15.0, 10.0, None]
    assert all(i.weight is None and i.weight_at is None for i in p.indicators)
    assert data.findings == ()


def test_anhui_form_in_yuan(paths: dict[str, Path]) -> None:
    data = read(paths, "anhui_yuan")
    (p,) = data.projects
    assert p.amount_scale == 10000.0
    # 主管部门 keeps its code as written.
    assert (p.name, p.department, p.unit) == (
        "委托业务项目",
        "219-池州市贵池区棠溪镇人民政府",
        "219001-池州市贵池区棠溪镇人民政府",
    )
    assert data.department.name == "219-池州市贵池区棠溪镇人民政府"
    assert data.department.year == 2022
    # 元 → 万元; the stated total of zeros is kept as written (evaluation reports sum_mismatch).
    assert [figures(f) for f in p.funds.sources] == [("当年财政拨款", 90.0, 89.974, 89.974, None)]
    assert figures(p.funds.stated_total) == ("年度资金总额", 0.0, 0.0, 0.0, 0.0)
    assert (p.funds.weight, p.funds.stated_score) == (10.0, 0.0)
    assert len(p.indicators) == 10  # the empty 经济效益指标 row is skipped
    assert rows(p)[1] == ("产出指标", "质量指标", "委托业务报告合格率", "≥100百分比", "100")
    assert rows(p)[-1] == ("满意度指标", "满意度指标", "公众满意度", "≥90%", "95%")
    assert sum(i.weight for i in p.indicators) + p.funds.weight == 100.0
    assert (p.stated_total_score, p.stated_total_score_at) == (
        100.0,
        w("项目支出绩效自评表", "F25"),
    )
    assert data.findings == ()


# -- detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "seed_sheets",
        "seed_stacked",
        "national",
        "messy",
        "sichuan",
        "beijing",
        "hubei",
        "anhui_yuan",
    ],
)
def test_forms_are_recognised(paths: dict[str, Path], name: str) -> None:
    assert looks_like_forms(load(paths[name]))


@pytest.mark.parametrize("name", ["template_like", "unrelated"])
def test_other_workbooks_are_not_forms(paths: dict[str, Path], name: str) -> None:
    assert not looks_like_forms(load(paths[name]))


def test_template_example_is_not_forms() -> None:
    example = ROOT / "examples" / "shuangyang-2022.xlsx"
    if not example.exists():  # pragma: no cover
        pytest.skip("the template example is not there yet")
    assert not looks_like_forms(load(example))


def one_sheet(path: Path, sheet: str, grid: list[list]) -> Dataset:
    """Write one grid on one sheet and read it back as forms."""
    wb = xlsxwriter.Workbook(str(path))
    files.write_grid(wb, wb.add_worksheet(sheet), grid)
    wb.close()
    return read_forms(load(path))


def test_department_form_alone(tmp_path: Path) -> None:
    path = tmp_path / "dept.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    SEED.write_department(wb.add_worksheet("部门"), 0, SEED.Formats(wb))
    wb.close()
    data = read_forms(load(path))
    assert data.projects == ()
    assert data.findings == ()
    # No title year and no project names: the year is unknown rather than guessed.
    assert (data.department.name, data.department.year) == ("长春市双阳区教育局（汇总）", None)
    assert len(data.department.indicators) == 7


def test_form_without_name_or_funds_is_reported(tmp_path: Path) -> None:
    data = one_sheet(
        tmp_path / "bare.xlsx",
        "表",
        [
            ["项目支出绩效自评表"],
            ["项目名称", None],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个"],
        ],
    )
    (p,) = data.projects
    assert p.name == "未命名项目（表!A1）"
    assert [(f.code, f.where) for f in data.findings] == [
        ("missing_value", w("表", "A1")),
        ("missing_value", w("表", "A1")),
    ]
    assert "未写项目名称" in data.findings[0].message
    assert "未找到项目资金" in data.findings[1].message
    assert rows(p) == [("产出指标", "数量指标", "完成数量", "≥10个", "10个")]


def test_unit_line_and_labels_with_their_values(tmp_path: Path) -> None:
    data = one_sheet(
        tmp_path / "yuan.xlsx",
        "表",
        [
            ["项目支出绩效自评表（2023年度）"],
            ["金额单位：元"],
            ["项目名称：测试项目"],
            ["实施单位:测试单位"],
            ["项目资金", None, "年初预算数", "全年预算数", "全年执行数"],
            [None, "当年财政拨款", "1,000,000", 800000, 760000],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个"],
        ],
    )
    (p,) = data.projects
    assert (p.name, p.unit, p.where) == ("测试项目", "测试单位", w("表", "A3"))
    assert p.amount_scale == 10000.0
    assert [figures(f) for f in p.funds.sources] == [("当年财政拨款", 100.0, 80.0, 76.0, None)]
    assert data.department.year == 2023


def test_workbook_without_forms_is_an_input_error(paths: dict[str, Path]) -> None:
    with pytest.raises(InputError) as err:
        read(paths, "unrelated")
    assert "项目支出绩效自评表" in err.value.message
