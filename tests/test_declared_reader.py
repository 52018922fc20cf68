"""Tests for app/readers/declared: 申报表s in four layouts, a 执行监控表, a budget-system export
(tests/files/forms/39), each read into what it declares (declared_forms.py builds them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from declared_forms import AID, DEPT, MEALS, REPAIR, TRAINING, build_all

from app.errors import InputError
from app.model import Where
from app.readers.book import open_book
from app.readers.declared import read_declarations
from app.readers.declared.files import read_declared, read_files
from app.readers.declared.model import DeclaredProject

FORMS = Path(__file__).resolve().parent / "files" / "forms"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("declared")
    build_all(path)
    return path


def _read(path: Path) -> tuple[list[DeclaredProject], bool, list[str]]:
    book = open_book(path)
    try:
        got = read_declarations(book, path.name)
    finally:
        book.close()
    return list(got.projects), got.has_self_evaluation, [n.what for n in got.notes]


def _indicators(p: DeclaredProject) -> list[tuple[Any, ...]]:
    return [
        (i.level1, i.level2, i.name, i.target, i.where.cell if i.where else None, i.core)
        for i in p.indicators
    ]


def test_national_reference_takes_the_year_half(folder: Path) -> None:
    """中期 | 年度 side by side: the 年度 funds (300 = 260 + 40), goal and targets; the blank
    form's "指标1：" dropped from the names, its "指标2：" and "……" rows no indicators."""
    (p,), has_self, notes = _read(folder / "A_national_reference.xlsx")
    assert not has_self and notes == []
    assert (p.kind, p.name, p.where, p.supervisor, p.unit, p.year) == (
        "declaration", REPAIR, Where("申报表", "B3"), DEPT, "江华县第一中学", 2024
    )  # fmt: skip
    assert p.goal == "完成8所学校校舍维修。"
    assert [(s.source, s.initial, s.initial_at) for s in p.sources] == [
        ("当年财政拨款", 260.0, Where("申报表", "F6")),
        ("其他资金", 40.0, Where("申报表", "F7")),
    ]
    assert p.total == 300.0
    assert _indicators(p) == [
        ("产出指标", "数量指标", "维修学校数量", "8所", "H11", False),
        ("产出指标", "质量指标", "验收合格率", "≥98%", "H13", False),
        ("产出指标", "时效指标", "完工时间", "2024年11月30日前", "H14", False),
        ("产出指标", "成本指标", "维修成本", "≤300万元", "H15", False),
        ("效益指标", "社会效益指标", "学生安全隐患消除率", "100%", "H16", False),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥95%", "H18", False),
    ]


def test_single_year_reference_with_core_indicators(folder: Path) -> None:
    """★ marks a core indicator (and leaves its name); "★其中：…" below one is its breakdown;
    an empty 其他资金 is no source."""
    (p,), _, notes = _read(folder / "B_reference_single.xlsx")
    assert notes == []
    assert (p.name, p.supervisor, p.unit, p.year) == (AID, DEPT, "江华县学生资助管理中心", 2024)
    assert p.goal == "目标1：按时足额发放资助资金。目标2：资助对象全覆盖。"
    assert [(s.source, s.initial) for s in p.sources] == [("当年财政拨款", 150.0)]
    assert _indicators(p) == [
        ("产出指标", "数量指标", "资助学生人数", "≥1200人", "E10", True),
        ("产出指标", "质量指标", "资助资金发放准确率", "100%", "E12", False),
        ("产出指标", "时效指标", "资金发放及时率", "≥95%", "E13", False),
        ("效益指标", "社会效益指标", "家庭经济困难学生辍学率", "≤0.5%", "E15", False),
        ("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%", "E16", False),
    ]
    (row,) = p.indicators[0].breakdown
    assert (row.name, row.target, row.where) == (
        "其中：建档立卡学生人数", "≥300人", Where("Sheet1", "E11")
    )  # fmt: skip


def test_stacked_tables_take_the_annual_one(folder: Path) -> None:
    """长期绩效指标 above 年度绩效指标 (headers of 指标内容 | 指标值): the 年度 table only, up
    to the closing lines (其他说明的问题, 填报人：…); amounts in 元 after their labels."""
    (p,), _, notes = _read(folder / "C_stacked_tables.xlsx")
    assert notes == []
    assert (p.name, p.supervisor, p.unit, p.year) == (MEALS, DEPT, "江华县各农村中小学", 2024)
    assert p.goal == "为全县1.2万名农村学生提供营养膳食补助。"
    # 4,800,000元 / 10000 = 480万元; 其他资金 0 is no source
    assert [(s.source, s.initial) for s in p.sources] == [("当年财政拨款", 480.0)]
    assert p.total == 480.0
    assert _indicators(p) == [
        ("产出指标", "数量指标", "受益学生人数", "≥1.2万人", "E12", False),
        ("产出指标", "质量指标", "食品安全事故发生次数", "0次", "E13", False),
        ("产出指标", "成本指标", "每生每天补助标准", "5元", "E14", False),
        ("效益指标", "社会效益指标", "学生营养状况改善", "有所改善", "E15", False),
        ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", "E16", False),
    ]


def test_sichuan_split_targets(folder: Path) -> None:
    """指标性质 | 指标值 | 度量单位 under 年度指标值 combine into one target (定性 keeps the
    words); 是否核心指标 "是" marks a core one; amounts below a row of source labels."""
    (p,), _, _ = _read(folder / "D_sichuan_split.xlsx")
    assert (p.name, p.unit, p.year, p.total) == (TRAINING, "江华县教师发展中心", 2024, 80.0)
    assert [(s.source, s.initial) for s in p.sources] == [("当年财政拨款", 80.0)]
    assert _indicators(p) == [
        ("产出指标", "数量指标", "培训教师人次", "≥1500人次", "E10", True),
        ("产出指标", "质量指标", "培训合格率", "≥95%", "E11", False),
        ("产出指标", "时效指标", "培训完成时间", "2024年10月底前", "E12", False),
        ("效益指标", "可持续影响指标", "教师教学能力", "稳步提升", "E13", False),
        ("满意度指标", "服务对象满意度指标", "参训教师满意度", "≥90%", "E14", True),
    ]


def test_monitoring_hints(folder: Path) -> None:
    """A 执行监控表: 年初预算数 and 全年预算数 per source, the 1-7月 figures and the forecast as
    hints, each indicator's 1-7月实际完成值 and 全年预计完成值 as progress and forecast."""
    (p,), _, _ = _read(folder / "E_monitoring.xlsx")
    assert (p.kind, p.name, p.year, p.goal) == ("monitoring", REPAIR, 2024, "完成8所学校校舍维修。")
    assert [(s.source, s.initial, s.budget, s.spent) for s in p.sources] == [
        ("当年财政拨款", 260.0, 280.0, None),
        ("其他资金", 40.0, 40.0, None),
    ]
    m = p.monitored
    assert m is not None
    assert (m.period, m.spent, m.rate, m.forecast, m.where) == (
        "1-7月", 150.0, 0.46875, 320.0, Where("执行监控", "E6")
    )  # fmt: skip
    got = [(i.name, i.target, i.progress, i.forecast) for i in p.indicators]
    assert got == [
        ("维修学校数量", "8所", "5所", "8所"),
        ("验收合格率", "≥98%", "100%", "100%"),
        ("完工时间", "2024年11月30日前", "进行中", "按期完成"),
        ("维修成本", "≤320万元", "150万元", "320万元"),
        ("学生安全隐患消除率", "100%", "60%", "100%"),
        ("师生满意度", "≥ 95 %", "未开展", "≥95%"),
    ]


def test_budget_system_export() -> None:
    """The export of 39: its 申报表 (中期指标值 | 年度指标值, funds as label | amount rows) and
    its 执行监控表 (偏差原因分析 over five columns on a second header row) are read; its
    self-evaluation form is there too, for the forms reader."""
    projects, has_self, notes = _read(FORMS / "39_budget_system_export.xlsx")
    assert has_self and notes == []
    declaration, monitoring = projects
    assert (declaration.kind, declaration.year, declaration.total) == ("declaration", 2023, 120.0)
    assert [(s.source, s.initial) for s in declaration.sources] == [("当年财政拨款", 120.0)]
    assert [(i.name, i.target) for i in declaration.indicators] == [
        ("运维信息系统数量", "12个"),
        ("系统正常运行率", "≥99%"),
        ("故障响应时间", "≤2小时"),
        ("运维服务费用", "≤120万元"),
        ("政务服务网上可办率", "≥90%"),
        ("系统安全保障能力", "持续提升"),
        ("办事群众满意度", "≥95%"),
    ]
    assert monitoring.kind == "monitoring"
    assert monitoring.monitored is not None
    assert (monitoring.monitored.spent, monitoring.monitored.forecast) == (58.6, 120.0)
    assert [(i.name, i.progress, i.forecast) for i in monitoring.indicators][:2] == [
        ("运维信息系统数量", "12个", "12个"),
        ("系统正常运行率", "99.5%", "≥99%"),
    ]


def test_read_files_takes_self_evaluations_for_prefilling(folder: Path) -> None:
    """Last year's self-evaluation gives its projects' indicators, targets and 分值, and which
    sources there were, without amounts."""
    got = read_files([folder / "F_last_year_selfeval.xlsx"])
    assert got.failed == ()
    (project,) = got.projects  # no department form: no department guessed from it
    assert (project.kind, project.name, project.year) == ("selfeval", "教育信息化运维", 2023)
    assert [(s.source, s.initial) for s in project.sources] == [("当年财政拨款", None)]
    assert [(i.name, i.target, i.weight) for i in project.indicators] == [
        ("运维设备数量", "≥500台", 20.0),
        ("设备完好率", "≥95%", 20.0),
        ("故障修复时间", "≤24小时", 10.0),
        ("教学信息化应用覆盖率", "≥90%", 30.0),
        ("教师满意度", "≥90%", 10.0),
    ]


def test_read_declared_refuses_a_file_without_declaration(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="F_last_year_selfeval.xlsx.*没有找到绩效目标申报表"):
        read_declared([folder / "A_national_reference.xlsx", folder / "F_last_year_selfeval.xlsx"])
    bad = tmp_path / "not_a_book.xlsx"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="无法读取申报表“not_a_book.xlsx”"):
        read_declared([bad])


def test_amounts_after_their_labels_side_by_side(tmp_path: Path) -> None:
    """中期 and 年度 amounts each in one cell after its label: the 年度 ones are taken, the
    其中 row under the 年度 total is its source."""
    from conftest import write_book

    rows = [
        ["项目支出绩效目标申报表（2024年度）"],
        ["项目名称", "2024年校舍维修改造"],
        ["项目资金", "中期资金总额：900万元", "年度资金总额：300万元"],
        [None, "其中：财政拨款：800万元", "其中：财政拨款：2,600,000元"],
        [None, "其他资金：100万元", "其他资金：40万元"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维修学校数量", "8所"],
    ]
    (p,), _, _ = _read(write_book(tmp_path / "d.xlsx", {"申报表": rows}))
    assert p.total == 300.0
    assert [(s.source, s.initial, s.initial_at) for s in p.sources] == [
        ("当年财政拨款", 260.0, Where("申报表", "C4")),
        ("其他资金", 40.0, Where("申报表", "C5")),
    ]
