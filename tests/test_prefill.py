"""Tests for app/prefill: a data template pre-filled from 申报表s in four layouts, a
执行监控表 and last year's self-evaluation (declared_forms.py), every pre-filled cell read
back with openpyxl; the template, once its actuals are typed, gives the report worked out by
hand; and the budget-system export of tests/files/forms/39 alone."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from declared_forms import AID, DEPT, IT, MEALS, REPAIR, TRAINING, build_all, typed_copy

from app.errors import InputError, OutputError
from app.pipeline import run
from app.prefill import prefill
from app.prefill.rows import HINT
from app.writers.prefill_sheet import TO_FILL_COLOR

FORMS = Path(__file__).resolve().parent / "files" / "forms"
YELLOW = "FF" + TO_FILL_COLOR.lstrip("#")
MONITORED = (
    "执行监控表：全年预算数320万元，1-7月执行数150万元（执行率46.88%），全年预计执行数320万元"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sources")
    build_all(path)
    return path


@pytest.fixture(scope="module")
def template(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "预填.xlsx"
    result = prefill([folder], out)
    assert (result.output, result.projects, result.indicators) == (out, 5, 26)
    assert result.read.failed == ()
    return out


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    rows = [tuple(row) for row in ws.iter_rows(values_only=True)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def test_sheets_and_department(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["预填说明", "填报说明", "部门信息", "部门任务", "部门指标", "项目资金", "项目目标", "项目指标"]  # fmt: skip
    assert wb.active.title == "预填说明"
    assert _rows(wb["部门信息"]) == [
        ("项目", "内容"),
        ("部门名称", DEPT),  # the 主管部门 every project shares
        ("年度", "2024"),  # the 申报表s' year, not last year's self-evaluation's
        ("年度目标", None),
        ("绩效目标实际完成情况", None),
        ("主管部门", DEPT),
    ]
    assert _rows(wb["部门任务"]) == [("序号", "任务名称", "主要内容", "实际完成情况")]
    assert len(_rows(wb["部门指标"])) == 1


def test_funds(template: Path) -> None:
    """年初预算数 from each 申报表 (260 + 40 of the 年度 half; 4,800,000元 as 480); 全年预算数
    and 全年执行数 left empty and marked; the 执行监控表's figures beside, as a hint; last
    year's project with its source and no amounts."""
    ws = openpyxl.load_workbook(template)["项目资金"]
    note = "资金来源取自上年自评表，金额请按本年填写"
    assert _rows(ws) == [
        ("项目名称", "主管部门", "实施单位", "资金来源", "年初预算数", "全年预算数", "全年执行数", HINT),
        (REPAIR, DEPT, "江华县第一中学", "当年财政拨款", 260, None, None, MONITORED),
        (REPAIR, DEPT, "江华县第一中学", "其他资金", 40, None, None, None),
        (AID, DEPT, "江华县学生资助管理中心", "当年财政拨款", 150, None, None, None),
        (MEALS, DEPT, "江华县各农村中小学", "当年财政拨款", 480, None, None, None),
        (TRAINING, DEPT, "江华县教师发展中心", "当年财政拨款", 80, None, None, None),
        (IT, DEPT, "江华县电化教育馆", "当年财政拨款", None, None, None, note),
    ]  # fmt: skip
    for r in range(2, 8):
        assert ws[f"F{r}"].fill.fgColor.rgb == YELLOW
        assert ws[f"G{r}"].fill.fgColor.rgb == YELLOW
    assert ws["E2"].fill.fgColor.rgb != YELLOW  # filled: not marked
    assert ws["E7"].fill.fgColor.rgb == YELLOW  # 年初预算数 still to fill
    assert ws["H1"].comment is not None and "不能代替实际完成值" in ws["H1"].comment.text


def test_goals(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["项目目标"]
    # The optional texts of issue 16 (偏差说明, 评价结论 …) stay empty: the year's own.
    later = (None,) * 4
    assert _rows(ws) == [
        ("项目名称", "预期目标", "实际完成情况", "偏差说明", "评价结论", "存在问题", "改进措施"),
        (REPAIR, "完成8所学校校舍维修。", None, *later),
        (AID, "目标1：按时足额发放资助资金。目标2：资助对象全覆盖。", None, *later),
        (MEALS, "为全县1.2万名农村学生提供营养膳食补助。", None, *later),
        (TRAINING, "完成全县中小学教师全员培训。", None, *later),
        (IT, "按计划完成年度工作任务。", None, *later),
    ]
    assert all(ws[f"C{r}"].fill.fgColor.rgb == YELLOW for r in range(2, 7))


EXPECTED_INDICATORS = [
    ("项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "偏差原因分析及改进措施", HINT),
    (REPAIR, "产出指标", "数量指标", "维修学校数量", "8所", None, None, None, "监控表1-7月执行情况：5所；全年预计完成情况：8所"),
    (REPAIR, "产出指标", "质量指标", "验收合格率", "≥98%", None, None, None, "监控表1-7月执行情况：100%；全年预计完成情况：100%"),
    (REPAIR, "产出指标", "时效指标", "完工时间", "2024年11月30日前", None, None, None, "监控表1-7月执行情况：进行中；全年预计完成情况：按期完成"),
    (REPAIR, "产出指标", "成本指标", "维修成本", "≤300万元", None, None, None, "监控表1-7月执行情况：150万元；全年预计完成情况：320万元；监控表中的年度指标值为“≤320万元”，与申报表不同"),
    (REPAIR, "效益指标", "社会效益指标", "学生安全隐患消除率", "100%", None, None, None, "监控表1-7月执行情况：60%；全年预计完成情况：100%"),
    (REPAIR, "满意度指标", "服务对象满意度指标", "师生满意度", "≥95%", None, None, None, "监控表1-7月执行情况：未开展；全年预计完成情况：≥95%"),
    (AID, "产出指标", "数量指标", "资助学生人数", "≥1200人", None, None, None, "★核心指标；其中：建档立卡学生人数 ≥300人"),
    (AID, "产出指标", "质量指标", "资助资金发放准确率", "100%", None, None, None, None),
    (AID, "产出指标", "时效指标", "资金发放及时率", "≥95%", None, None, None, None),
    (AID, "效益指标", "社会效益指标", "家庭经济困难学生辍学率", "≤0.5%", None, None, None, None),
    (AID, "满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%", None, None, None, None),
    (MEALS, "产出指标", "数量指标", "受益学生人数", "≥1.2万人", None, None, None, None),
    (MEALS, "产出指标", "质量指标", "食品安全事故发生次数", "0次", None, None, None, None),
    (MEALS, "产出指标", "成本指标", "每生每天补助标准", "5元", None, None, None, None),
    (MEALS, "效益指标", "社会效益指标", "学生营养状况改善", "有所改善", None, None, None, None),
    (MEALS, "满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", None, None, None, None),
    (TRAINING, "产出指标", "数量指标", "培训教师人次", "≥1500人次", None, None, None, "★核心指标"),
    (TRAINING, "产出指标", "质量指标", "培训合格率", "≥95%", None, None, None, None),
    (TRAINING, "产出指标", "时效指标", "培训完成时间", "2024年10月底前", None, None, None, None),
    (TRAINING, "效益指标", "可持续影响指标", "教师教学能力", "稳步提升", None, None, None, None),
    (TRAINING, "满意度指标", "服务对象满意度指标", "参训教师满意度", "≥90%", None, None, None, "★核心指标"),
    (IT, "产出指标", "数量指标", "运维设备数量", "≥500台", None, 20, None, None),
    (IT, "产出指标", "质量指标", "设备完好率", "≥95%", None, 20, None, None),
    (IT, "产出指标", "时效指标", "故障修复时间", "≤24小时", None, 10, None, None),
    (IT, "效益指标", "社会效益指标", "教学信息化应用覆盖率", "≥90%", None, 30, None, None),
    (IT, "满意度指标", "服务对象满意度指标", "教师满意度", "≥90%", None, 10, None, None),
]  # fmt: skip
"""Every row of 项目指标: the 申报表s' 年度 targets (the monitoring table's ≤320万元 only a
hint), last year's 分值 for its project, the 实际完成值 empty."""


def test_indicators(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["项目指标"]
    assert _rows(ws) == EXPECTED_INDICATORS
    for r in range(2, len(EXPECTED_INDICATORS) + 1):
        assert ws[f"F{r}"].fill.fgColor.rgb == YELLOW, f"F{r}"
        assert ws[f"F{r}"].number_format == "@"
        assert ws[f"E{r}"].fill.fgColor.rgb != YELLOW


def test_sources_sheet(template: Path) -> None:
    """预填说明 names every table read and what of it was used."""
    rows = _rows(openpyxl.load_workbook(template)["预填说明"])
    header = rows.index(("文件", "工作表", "表格", "项目", "采用"))
    assert rows[header + 1 :] == [
        ("A_national_reference.xlsx", "申报表", "绩效目标申报表", REPAIR, "指标和年度指标值、年初预算数"),
        ("B_reference_single.xlsx", "Sheet1", "绩效目标申报表", AID, "指标和年度指标值、年初预算数"),
        ("C_stacked_tables.xlsx", "项目绩效目标表", "绩效目标申报表", MEALS, "指标和年度指标值、年初预算数"),
        ("D_sichuan_split.xlsx", "绩效目标", "绩效目标申报表", TRAINING, "指标和年度指标值、年初预算数"),
        ("E_monitoring.xlsx", "执行监控", "绩效目标执行监控表", REPAIR, "提示（1-7月执行情况、全年预计完成情况、全年预计执行数）"),
        ("F_last_year_selfeval.xlsx", "自评表", "绩效自评表", IT, "指标和年度指标值"),
    ]  # fmt: skip
    assert any("6 个文件预填，共 5 个项目、26 个项目绩效指标" in str(r[0]) for r in rows)


def test_empty_template_reads_with_missing_values(template: Path) -> None:
    """Read as it is, the template is a data template whose actuals are missing."""
    report = run(template, write=False).report
    assert report["kind"] == "template"
    assert [p["name"] for p in report["projects"]] == [REPAIR, AID, MEALS, TRAINING, IT]
    missing = [f for f in report["findings"] if f["code"] == "missing_value"]
    assert sum("未填写实际完成值" in f["message"] for f in missing) == 26


def test_typed_template_gives_the_expected_report(template: Path, tmp_path: Path) -> None:
    report = run(typed_copy(template, tmp_path / "typed.xlsx"), write=False).report
    got = {p["name"]: p for p in report["projects"]}
    repair = got[REPAIR]
    # 306 / 320 = 0.95625; 10 × 0.95625 = 9.5625 (initial 300 → 320: +6.7%, under 20%)
    assert (repair["funds"]["initial"], repair["funds"]["budget"], repair["funds"]["spent"]) == (
        300, 320, 306
    )  # fmt: skip
    assert repair["funds"]["rate"] == pytest.approx(0.95625)
    assert repair["funds"]["score"] == 9.56
    # 产出 50 / 4 = 12.5 each; 维修成本 ≤300万元 at 306万元: 12.5 × 300 / 306 = 12.254902
    assert [(i["name"], i["status"], i["weight"], i["score"]) for i in repair["indicators"]] == [
        ("维修学校数量", "met", 12.5, 12.5),
        ("验收合格率", "met", 12.5, 12.5),
        ("完工时间", "met", 12.5, 12.5),
        ("维修成本", "unmet", 12.5, 12.25),
        ("学生安全隐患消除率", "met", 30.0, 30.0),
        ("师生满意度", "met", 10.0, 10.0),
    ]
    # 9.5625 + 12.5 × 3 + 12.254902 + 30 + 10 = 99.317402
    assert (repair["score"], repair["grade"], repair["provisional"]) == (99.32, "优", False)
    # 150 / 150; 470.4 / 480 = 0.98 → 9.8; 80 / 80; 57 / 60 = 0.95 → 9.5 plus 分值 20+20+10+30+10
    assert [(p["score"], p["grade"]) for p in report["projects"][1:]] == [
        (100.0, "优"), (99.8, "优"), (100.0, "优"), (99.5, "优")
    ]  # fmt: skip
    assert [i["weight"] for i in got[IT]["indicators"]] == [20.0, 20.0, 10.0, 30.0, 10.0]
    codes = [(f["code"], f["project"]) for f in report["findings"] if f["severity"] != "info"]
    assert codes == [("indicator_unmet", REPAIR)]


def test_budget_system_export_alone(tmp_path: Path) -> None:
    """The export of 39: the 申报表's targets and 年初预算数, the self-evaluation's 分值, the
    monitoring table's figures as hints."""
    out = tmp_path / "t.xlsx"
    prefill([FORMS / "39_budget_system_export.xlsx"], out)
    wb = openpyxl.load_workbook(out)
    name = "2023年政务信息系统运维经费"
    assert _rows(wb["部门信息"])[1:3] == [("部门名称", "溆浦县数据资源局"), ("年度", "2023")]
    assert _rows(wb["项目资金"])[1:] == [
        (name, "溆浦县数据资源局", "溆浦县政务服务中心", "当年财政拨款", 120, None, None,
         "执行监控表：全年预算数120万元，1-7月执行数58.6万元（执行率48.83%），全年预计执行数120万元"),
    ]  # fmt: skip
    assert [r[3:7] + r[8:] for r in _rows(wb["项目指标"])[1:]] == [
        ("运维信息系统数量", "12个", None, 15, "监控表1-7月执行情况：12个；全年预计完成情况：12个"),
        ("系统正常运行率", "≥99%", None, 15, "监控表1-7月执行情况：99.5%；全年预计完成情况：≥99%"),
        ("故障响应时间", "≤2小时", None, 10, "监控表1-7月执行情况：1.6小时；全年预计完成情况：≤2小时"),
        ("运维服务费用", "≤120万元", None, 10, "监控表1-7月执行情况：58.6万元；全年预计完成情况：≤120万元"),
        ("政务服务网上可办率", "≥90%", None, 15, "监控表1-7月执行情况：91%；全年预计完成情况：≥90%"),
        ("系统安全保障能力", "持续提升", None, 15, "监控表1-7月执行情况：进行中；全年预计完成情况：持续提升"),
        ("办事群众满意度", "≥95%", None, 10, "监控表1-7月执行情况：进行中；全年预计完成情况：≥95%"),
    ]  # fmt: skip


def test_output_in_the_folder_read_is_no_input(folder: Path, tmp_path: Path) -> None:
    """A template written earlier into the folder is left out; the output itself named as an
    input is refused."""
    work = tmp_path / "work"
    shutil.copytree(folder, work)
    out = work / "预填.xlsx"
    prefill([work], out)
    again = prefill([work], out)
    assert again.projects == 5 and len(again.read.projects) == 6
    with pytest.raises(OutputError, match="输出文件不能与输入文件相同"):
        prefill([work / "A_national_reference.xlsx"], work / "A_national_reference.xlsx")


def test_nothing_to_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match="没有从所给文件中读到任何项目.*bad.xlsx"):
        prefill([bad], tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_a_bad_file_among_good_ones(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04broken")
    result = prefill([folder / "B_reference_single.xlsx", bad], tmp_path / "out.xlsx")
    assert result.projects == 1
    assert [file for file, _ in result.read.failed] == ["坏文件.xlsx"]
    rows = _rows(openpyxl.load_workbook(result.output)["预填说明"])
    assert any(r[0] == "坏文件.xlsx" and str(r[4]).startswith("无法读取") for r in rows)


def test_department_declaration(tmp_path: Path) -> None:
    """A 部门整体支出绩效目标申报表 (部门名称, no 项目名称) gives the department's name,
    goal and indicators (部门指标), beside a project's 申报表 in the same workbook."""
    from conftest import write_book

    dept = [
        ["部门整体支出绩效目标申报表（2024年度）"],
        ["部门名称", DEPT],
        ["年度目标", "保障全县义务教育均衡发展。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "在校学生人数", "≥3.2万人"],
        [None, "质量指标", "义务教育巩固率", "≥99%"],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%"],
    ]
    project = [
        ["项目支出绩效目标申报表（2024年度）"],
        ["项目名称", AID, "主管部门", DEPT],
        ["年度资金总额", 150],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "资助学生人数", "≥1200人"],
    ]
    book = write_book(tmp_path / "申报.xlsx", {"部门": dept, "项目": project})
    out = prefill([book], tmp_path / "out.xlsx").output
    wb = openpyxl.load_workbook(out)
    assert _rows(wb["部门信息"])[1:4] == [
        ("部门名称", DEPT),
        ("年度", "2024"),
        ("年度目标", "保障全县义务教育均衡发展。"),
    ]
    assert _rows(wb["部门指标"])[1:] == [
        ("产出指标", "数量指标", "在校学生人数", "≥3.2万人", None, None, None),
        ("产出指标", "质量指标", "义务教育巩固率", "≥99%", None, None, None),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", None, None, None),
    ]
    # Only a total: one funds row whose 资金来源 is left to fill, with a hint saying so.
    assert _rows(wb["项目资金"])[1:] == [
        (AID, DEPT, None, None, 150, None, None, "表中只有年度资金总额，请选择资金来源")
    ]


def test_cli(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """`selfeval template --from`: 0 with the template made, 1 when a file could not be
    read (the others used), 2 when nothing could; the blank template is still the default."""
    from app.cli import main

    out = tmp_path / "t.xlsx"
    assert main(["template", "--from", str(folder), "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert said.out.strip() == f"已生成预填模板：{out}（5个项目、26个指标；黄色单元格待填写）"
    bad = tmp_path / "坏.xlsx"
    bad.write_text("x", encoding="utf-8")
    assert main(["template", "--from", str(folder / "B_reference_single.xlsx"), str(bad), "-o", str(out)]) == 1  # fmt: skip
    said = capsys.readouterr()
    assert "未能读取“坏.xlsx”" in said.err and "1个项目" in said.out
    assert main(["template", "--from", str(bad), "-o", str(tmp_path / "none.xlsx")]) == 2
    assert "没有从所给文件中读到任何项目" in capsys.readouterr().err
    assert not (tmp_path / "none.xlsx").exists()


@pytest.mark.parametrize("generated", [False, True], ids=["template", "generated"])
def test_last_years_template_or_output(tmp_path: Path, generated: bool) -> None:
    """Last year's data template, or the workbook selfeval generated from it: its projects,
    indicators, targets and 分值, its department's tasks and indicators; no amounts, and the
    year left to fill (it would be last year's)."""
    from conftest import EXAMPLE

    source = EXAMPLE
    if generated:
        source = run(EXAMPLE, tmp_path / "去年_自评结果.xlsx").output
    result = prefill([source], tmp_path / "t.xlsx")
    ex = run(EXAMPLE, write=False).evaluation.dataset
    wb = openpyxl.load_workbook(result.output)
    info = dict(_rows(wb["部门信息"])[1:])
    assert info["部门名称"] == ex.department.name
    assert info["年度"] is None and wb["部门信息"]["B3"].fill.fgColor.rgb == YELLOW
    assert [r[0] for r in _rows(wb["项目目标"])[1:]] == [p.name for p in ex.projects]
    rows = _rows(wb["项目指标"])[1:]
    assert [(r[0], r[3], r[4], r[5]) for r in rows] == [
        (p.name, i.name, i.target, None) for p in ex.projects for i in p.indicators
    ]
    amounts = [r[4:7] for r in _rows(wb["项目资金"])[1:]]
    assert amounts and all(a == (None, None, None) for a in amounts)
    assert len(_rows(wb["部门任务"])) - 1 == len(ex.department.tasks)
    assert any("只有2022年度的自评表" in n for n in result.notes)
