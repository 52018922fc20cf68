"""Tests for `--declared` (app/evaluate/declared.py): a self-evaluation compared with its
申报表s, every difference a `target_changed` warning naming both cells, in every face (the
JSON report, the CLI text, the workbook's 问题清单); none when the targets were kept."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from declared_forms import IT, REPAIR, build_all, typed_copy

from app.cli import main
from app.errors import InputError
from app.pipeline import run
from app.prefill import prefill

FORMS = Path(__file__).resolve().parent / "files" / "forms"
A = "A_national_reference.xlsx"

CHANGED = (
    "指标“验收合格率”的年度指标值由绩效目标申报表的“≥98%”改为“≥97%”"
    "（自评表 diff.xlsx!项目指标!E3，绩效目标申报表 A_national_reference.xlsx!申报表!H13）；"
    "调整指标须有批准依据"
)
RENAMED = (
    "“时效指标”下，指标名称由绩效目标申报表的“完工时间”改为“维修完工时间”"
    "（自评表 diff.xlsx!项目指标!E4，绩效目标申报表 A_national_reference.xlsx!申报表!H14）；"
    "调整指标须有批准依据"
)
ADDED = (
    "指标“家长满意度”（diff.xlsx!项目指标!E27）在绩效目标申报表中没有"
    "（A_national_reference.xlsx!申报表!B3），是新增的指标；新增或调整指标须有批准依据"
)
DROPPED = (
    "绩效目标申报表中的指标“学生安全隐患消除率”（A_national_reference.xlsx!申报表!H16，"
    "年度指标值“100%”）在自评表中没有（diff.xlsx!项目资金!A2）；申报的指标应逐项自评"
)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_all(tmp_path_factory.mktemp("sources"))


@pytest.fixture(scope="module")
def kept(sources: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template pre-filled from the sources, its actuals typed: its targets kept."""
    folder = tmp_path_factory.mktemp("kept")
    template = prefill(sources, folder / "template.xlsx").output
    return typed_copy(template, folder / "kept.xlsx")


@pytest.fixture(scope="module")
def diff(kept: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kept self-evaluation with one difference of each kind in 校舍维修改造: 验收合格率's
    target lowered, 完工时间 renamed, 学生安全隐患消除率 dropped, 家长满意度 added; and
    师生满意度's target rewritten with spaces and full-width ％ (the same target)."""
    target = tmp_path_factory.mktemp("diff") / "diff.xlsx"
    wb = openpyxl.load_workbook(kept)
    ws = wb["项目指标"]
    ws["E3"] = "≥97%"
    ws["D4"] = "维修完工时间"
    ws["E7"] = "≥ 95 ％"
    ws.delete_rows(6)
    ws.append([REPAIR, "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "95%"])
    wb.save(target)
    return target


def _declared(sources: list[Path]) -> list[Path]:
    return sources[:5]  # the four 申报表s and the 执行监控表 (F is a self-evaluation)


def _changes(report: dict) -> list[tuple[str, str, str | None, str]]:
    return [
        (f["severity"], f["project"], f["where"], f["message"])
        for f in report["findings"]
        if f["code"] == "target_changed"
    ]


def test_kept_targets_give_no_difference(kept: Path, sources: list[Path]) -> None:
    """The 执行监控表's ≤320万元 is not what 维修成本 is compared with: the 申报表 is."""
    report = run(kept, write=False, declared=_declared(sources)).report
    assert _changes(report) == []
    (note,) = [f for f in report["findings"] if f["code"] == "declared_unmatched"]
    assert note["severity"] == "info"
    assert note["message"] == f"自评表中的“{IT}”没有对应的申报表，未对照（项目名称须一致）"


def test_every_kind_of_difference(diff: Path, sources: list[Path]) -> None:
    report = run(diff, write=False, declared=_declared(sources)).report
    assert _changes(report) == [
        ("warning", REPAIR, "项目指标!E3", CHANGED),
        ("warning", REPAIR, "项目指标!E4", RENAMED),
        ("warning", REPAIR, "项目指标!E27", ADDED),
        ("warning", REPAIR, "项目资金!A2", DROPPED),
    ]
    # Counted once, with their project: 4 differences and 维修成本 unmet.
    repair = next(p for p in report["projects"] if p["name"] == REPAIR)
    assert repair["counts"]["warning"] == 5
    whole = report["counts"]["warning"]
    parts = report["department"]["counts"]["warning"]
    assert whole == parts + sum(p["counts"]["warning"] for p in report["projects"])


def test_official_forms_kept_their_targets() -> None:
    """The budget-system export's self-evaluation against the 申报表 of the same export."""
    report = run(
        FORMS / "39_budget_system_export.xlsx",
        write=False,
        declared=[FORMS / "42_export_without_self_evaluation.xlsx"],
    ).report
    assert [f["code"] for f in report["findings"] if "declared" in f["code"] or "target" in f["code"]] == []  # fmt: skip


def test_cli_text_and_json(diff: Path, sources: list[Path], capsys: pytest.CaptureFixture) -> None:
    declared = [str(p) for p in _declared(sources)]
    assert main(["check", str(diff), "--declared", *declared]) == 0
    out = capsys.readouterr().out
    for message in (CHANGED, RENAMED, ADDED, DROPPED):
        assert f"[警告] {message}" in out
    assert main(["check", str(diff), "--json", "--declared", *declared]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [m for *_, m in _changes(report)] == [CHANGED, RENAMED, ADDED, DROPPED]


def test_workbook_findings_sheet(diff: Path, sources: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    run(diff, out, declared=_declared(sources))
    ws = openpyxl.load_workbook(out)["问题清单"]
    texts = {str(c.value) for row in ws.iter_rows() for c in row if c.value}
    assert {CHANGED, RENAMED, ADDED, DROPPED} <= texts


def test_cli_refusals(diff: Path, sources: list[Path], capsys: pytest.CaptureFixture) -> None:
    """A file that declares nothing, or several inputs, end with status 2 and one line."""
    assert main(["check", str(diff), "--declared", str(sources[5])]) == 2
    err = capsys.readouterr().err
    assert "F_last_year_selfeval.xlsx" in err and "没有找到绩效目标申报表" in err
    assert main(["check", str(diff), str(diff), "--declared", str(sources[0])]) == 2
    assert "--declared 只能用于单个输入文件" in capsys.readouterr().err


def test_declared_file_as_output_is_refused(diff: Path, sources: list[Path]) -> None:
    from app.errors import OutputError

    with pytest.raises(OutputError):
        run(diff, sources[0], declared=[sources[0]])
    with pytest.raises(InputError):
        run(diff, write=False, declared=[diff])
