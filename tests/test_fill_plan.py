"""The cells `fill` writes into the test builders' regional forms, by hand: which cells, the
figures, what they held, the flags and the notes."""

from __future__ import annotations

from pathlib import Path

import build_form_files as files
import openpyxl
import pytest

from app.fill.apply import lookup
from app.fill.plan import Plan, make_plan
from app.pipeline import run
from app.writers.workbook.styles import EXCEEDED_FILL, MANUAL_FILL, UNMET_FILL


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return files.build_all(tmp_path_factory.mktemp("forms"))


def plan_of(path: Path, flags: bool = True) -> Plan:
    evaluation = run(path, write=False).evaluation
    return make_plan(evaluation, lookup(openpyxl.load_workbook(path)), flags)


def by_cell(plan: Plan) -> dict[str, object]:
    return {str(e.where): e for e in plan.edits}


def values(plan: Plan) -> dict[str, tuple[object, object]]:
    """Cell → (figure written, what it held when replaced)."""
    return {str(e.where): (e.shown, e.old) for e in plan.written}


def test_national_hand_filled_scores_that_differ_are_replaced_and_noted(built) -> None:
    plan = plan_of(built["national"])
    assert values(plan) == {
        # 学生资助: 受助群体满意度 100% against ≥95% earns its 10, not the 9 written.
        "学生资助!H18": (10.0, 9),
        "学生资助!F19": (100.0, 99),
        # 基础教育: 执行率 100% earns 10; 90% against ≥95% earns 15 × 90/95 = 14.21.
        "基础教育!H6": (10.0, 8),
        "基础教育!H15": (14.21, 12),
        "基础教育!F19": (99.21, 95.5),
    }
    edits = by_cell(plan)
    assert edits["学生资助!H18"].note.startswith("原填写9，按评分规则应为10。\n实际完成值100%")
    assert edits["基础教育!F19"].note == (
        "原填写95.5，按评分规则应为99.21。\n自评得分 = 执行率得分 + 各指标得分之和 = 99.21"
    )
    # The unmet indicator is flagged on its actual and its score, as in the review copy.
    assert edits["基础教育!H15"].fill == UNMET_FILL
    assert edits["基础教育!F15"].fill == UNMET_FILL and "90%/95%" in edits["基础教育!F15"].note
    # Its explanation is written (个别维修项目验收延后): no red frame.
    assert "基础教育!I15" not in edits
    # Figures already right keep their cells' values and get their basis as a note.
    assert edits["学生资助!H13"].value is None and "得满分" in edits["学生资助!H13"].note
    # 优 stands beside the total, and is still right.
    assert edits["学生资助!H19"].value is None and "等级为“优”" in edits["学生资助!H19"].note
    assert "调整 233.6%" in edits["基础教育!D6"].note


def test_a_clean_copy_has_the_figures_and_nothing_else(built) -> None:
    plan = plan_of(built["national"], flags=False)
    assert values(plan) == values(plan_of(built["national"]))
    assert [e for e in plan.edits if e.fill or e.frame or e.note] == []
    assert len(plan.edits) == 5


def test_beijing_rate_and_a_person_scored_item_kept_in_the_total(built) -> None:
    plan = plan_of(built["beijing"])
    assert values(plan) == {
        # 154.74 / 310.2: the form wrote 50%.
        "Sheet1!F6": (0.498839, 0.5),
        "Sheet1!F7": (0.498839, None),
        "Sheet1!G6": (4.99, 5),
        "Sheet1!I18": (9.44, 8),
        # 4.99 + 4 × 12.5 + 15 + 9.44, and the 15 a person gave 长效保洁机制建立情况.
        "Sheet1!F19": (94.43, 93),
    }
    edits = by_cell(plan)
    assert edits["Sheet1!F6"].fill == UNMET_FILL and edits["Sheet1!F6"].percent
    assert "执行率49.88%低于90%" in edits["Sheet1!F6"].note
    assert edits["Sheet1!F6"].note.startswith("原填写50.00%，按评分规则应为49.88%。")
    manual = edits["Sheet1!I17"]
    assert manual.value is None and manual.fill == MANUAL_FILL
    assert manual.note.endswith("已保留填写的得分15")
    assert "“长效保洁机制建立情况”需人工判断，按填写的得分计入" in edits["Sheet1!F19"].note
    assert edits["Sheet1!F19"].fill is None  # every item is scored: not provisional


def test_sichuan_figures_already_right_change_nothing_but_flags(built) -> None:
    plan = plan_of(built["sichuan"])
    assert values(plan) == {}
    edits = by_cell(plan)
    sheet = "项目支出绩效自评表"
    assert edits[f"{sheet}!J17"].fill == UNMET_FILL  # 98 against =100%
    assert edits[f"{sheet}!H17"].fill == UNMET_FILL
    assert edits[f"{sheet}!J38"].fill == MANUAL_FILL  # 成本控制数 完成: a person's 45 kept
    # The source rows' 得分 say "/": the form does not score each source.
    assert f"{sheet}!H11" not in edits and f"{sheet}!G11" not in edits
    assert "计入" in edits[f"{sheet}!J39"].note


def test_anhui_in_yuan_rates_scores_and_the_stated_totals_that_do_not_add_up(built) -> None:
    plan = plan_of(built["anhui_yuan"])
    sheet = "项目支出绩效自评表"
    assert values(plan) == {
        f"{sheet}!G7": (1.0, 0),
        f"{sheet}!G8": (1.0, None),
        f"{sheet}!H7": (10.0, 0),
    }
    edits = by_cell(plan)
    assert "全年执行数899740.00元 ÷ 全年预算数899740.00元" in edits[f"{sheet}!G7"].note
    for cell in "CDE":
        assert edits[f"{sheet}!{cell}7"].fill == UNMET_FILL
        assert "不等于各来源之和" in edits[f"{sheet}!{cell}7"].note


def test_hubei_scores_by_the_rules_weights(built) -> None:
    plan = plan_of(built["hubei"])
    assert values(plan) == {
        "自评表!F10": (15.0, 22.5),
        "自评表!F11": (16.67, 25),
        "自评表!F12": (16.67, 2.5),
        "自评表!F16": (0.0, None),  # 过程指标 has no default weight
    }
    edits = by_cell(plan)
    # One row is both the total and its source: its 执行率 cell is noted once.
    assert edits["自评表!E8"].note.count("执行率 =") == 1
    assert EXCEEDED_FILL not in {e.fill for e in plan.edits}


def test_an_empty_reason_cell_of_the_funds_block_is_framed() -> None:
    """Sichuan's 预算执行情况 block has a 原因 cell: a budget raised from 0 must say why."""
    corpus = Path(__file__).resolve().parent / "files" / "forms"
    plan = plan_of(corpus / "04_sichuan_daying_two_stacked.xlsx")
    reason = by_cell(plan)["自评表!I28"]
    assert reason.frame and reason.fill == UNMET_FILL and reason.value is None
    assert reason.note == "未说明全年预算数调整的原因（项目的偏差说明为空）"
    assert "自评表!I8" not in by_cell(plan)  # the first form's budget was not adjusted
