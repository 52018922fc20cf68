"""Judging one indicator: every seed indicator, the real-form examples, and each rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.evaluate import judge as judge_module
from app.evaluate.judge import Judgement, judge
from app.rules import NATIONAL, Rules, rules_from_dict

STATUSES = {"met", "exceeded", "unmet", "manual", "not_applicable"}


def check(j: Judgement, status: str, share: float | None) -> None:
    assert j.status == status, j
    if share is None:
        assert j.share is None, j
    else:
        assert j.share == pytest.approx(share, abs=5e-5), j
    assert j.formula


# (target, actual, level2): every indicator of /work/shared/seed, all met but one exceeded.
SEED = [
    ("不低于国家规定的标准", "不低于国家规定的标准", "数量指标"),
    (">=95%", "100%", "质量指标"),
    (">=95%", "100%", "时效指标"),
    (">=98%", "99%", "社会效益指标"),
    ("得到提升", "得到提升", "可持续影响指标"),
    (">=92%", "95%", "满意度指标"),
    (">=95%", "95%", "满意度指标"),
    (">=90%", "100%", "时效指标"),
    (">=90%", "90%", "满意度指标"),
    (">=98%", "100%", "质量指标"),
    ("不低于国家规定标准", "不低于国家规定标准", "数量指标"),
    ("≥95%", "100%", "质量指标"),
    ("≥80%", "95%", "可持续影响指标"),
    ("≥90%", "95%", "满意度指标"),
    ("≥95%", "95%", "质量指标"),
    ("不低于国家相关标准", "不低于国家相关标准", "质量指标"),
    ("≥90%", "90%", "时效指标"),
    ("≥5年", "5年", "可持续影响指标"),
]


@pytest.mark.parametrize(("target", "actual", "level2"), SEED)
def test_seed_indicators_are_met(target, actual, level2):
    check(judge(target, actual, level2=level2, year=2022), "met", 1.0)


def test_seed_six_years_against_five_is_exceeded():
    j = judge("≥5年", "6年", level2="可持续影响指标", year=2022)
    check(j, "exceeded", 1.0)
    assert j.formula == "实际完成值6年 ≥ 指标值5年的1.2倍，超额完成，得满分"
    assert (j.deduction_points, j.deduction_share) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("target", "actual", "level1", "level2", "status", "share"),
    [
        # Anhui 池州 (01): units spelled out or left off, qualitative official phrases
        ("≥50个", "50", "产出指标", "数量指标", "met", 1.0),
        ("≥100百分比", "100", "产出指标", "质量指标", "met", 1.0),
        ("严格执行相关制度规定", "达成预期指标", "产出指标", "质量指标", "met", 1.0),
        ("在项目计划完成时间内完成", "达成预期指标", "产出指标", "时效指标", "met", 1.0),
        ("≤90万元", "90", "产出指标", "成本指标", "met", 1.0),
        ("符合相关规定", "达成预期指标", "产出指标", "成本指标", "met", 1.0),
        ("效果明显", "达成预期指标", "效益指标", "社会效益指标", "met", 1.0),
        # Chongqing (02)
        ("100%", "92%", "", "", "unmet", 0.92),
        ("70%", "76%", "", "", "met", 1.0),
        ("100%", "97%", "", "", "unmet", 0.97),
        ("100%", "72.74%", "", "", "unmet", 0.7274),
        ("高", "高", "", "", "met", 1.0),
        ("好", "好", "", "", "met", 1.0),
        ("90%", "100%", "", "", "met", 1.0),
        ("26次", "12次", "", "", "unmet", 12 / 26),
        ("2200篇", "2859篇", "", "", "exceeded", 1.0),
        ("90%", "95%", "", "", "met", 1.0),
        # Sichuan (04, 05): a word against a cost target; operator and value in one cell
        ("≤30万元", "完成", "产出指标", "经济成本指标", "manual", None),
        ("=100%", "100%", "产出指标", "数量指标", "met", 1.0),
        ("≤10次", "8次", "产出指标", "数量指标", "met", 1.0),
        ("≤10次", "12次", "产出指标", "数量指标", "unmet", 10 / 12),
        ("≤5%", "3.2%", "效益指标", "经济效益指标", "met", 1.0),
        # Ningjin (14): targets in words
        ("达到预计值2100", "2300", "", "数量指标", "met", 1.0),
        ("达到预计值2100", "1890", "", "数量指标", "unmet", 0.9),
        ("达到目标值95%以上", "96%", "", "满意度指标", "met", 1.0),
        ("达到目标值95%", "0.96", "", "", "met", 1.0),
        # Hubei (13): yes/no
        ("是", "是", "过程指标", "", "met", 1.0),
        ("是", "否", "过程指标", "", "unmet", 0.0),
    ],
)
def test_real_examples(target, actual, level1, level2, status, share):
    check(judge(target, actual, level1=level1, level2=level2, year=2022), status, share)


def test_word_against_number_names_both():
    j = judge("≤30万元", "完成", level2="经济成本指标")
    assert j.reason == "年度指标值为数值“≤30万元”，实际完成值为文字“完成”，无法自动比较"
    assert j.kind == "quantitative"


@pytest.mark.parametrize(
    ("target", "actual", "status", "share", "formula"),
    [
        (">=95%", "100%", "met", 1.0, "实际完成值100% ≥ 指标值95%，得满分"),
        ("≥95%", "90%", "unmet", 90 / 95, "实际完成值90% < 指标值95%，按 90%/95% = 94.74% 计分"),
        ("≥95%", "95.00%", "met", 1.0, "实际完成值95% ≥ 指标值95%，得满分"),
        ("≥100%", "100%", "met", 1.0, "实际完成值100% ≥ 指标值100%，得满分"),
        ("≥100%", "120%", "exceeded", 1.0, None),
        ("≥100%", "119.9%", "met", 1.0, None),
        ("=100%", "100%", "met", 1.0, None),
        ("=100%", "90%", "unmet", 0.9, None),
        ("不少于50个", "49个", "unmet", 0.98, None),
        ("95%以上", "94%", "unmet", 94 / 95, None),
        # ">" is strict: equality does not exceed the target (still scored B/A)
        (
            ">90%",
            "90%",
            "unmet",
            1.0,
            "实际完成值90%未超过指标值90%（指标为“>”），按 90%/90% = 100.00% 计分",
        ),
        (">90%", "91%", "met", 1.0, "实际完成值91% > 指标值90%，得满分"),
        (">0个", "0个", "unmet", 0.0, None),
        # lower is better
        ("≤30万元", "30万元", "met", 1.0, "实际完成值30万元 ≤ 指标值30万元，得满分"),
        (
            "≤30万元",
            "35万元",
            "unmet",
            30 / 35,
            "实际完成值35万元 > 指标值30万元，按 30万元/35万元 = 85.71% 计分",
        ),
        ("不超过30万元", "20万元", "met", 1.0, None),
        ("控制在5%以内", "6%", "unmet", 5 / 6, None),
        ("<5%", "5%", "unmet", 1.0, None),
        ("<5%", "4%", "met", 1.0, None),
        # target 0
        ("=0起", "0", "met", 1.0, "指标值为0，实际完成值0起，得满分"),
        ("=0起", "2起", "unmet", 0.0, "指标值为0，实际完成值2起 > 0，不得分"),
        ("≤0次", "0次", "met", 1.0, None),
        ("≤0次", "1次", "unmet", 0.0, None),
        ("≥0个", "0个", "met", 1.0, None),
        # ranges
        ("90%-95%", "93%", "met", 1.0, "实际完成值93%在指标区间90%–95%内，得满分"),
        ("90%～95%", "90%", "met", 1.0, None),
        ("90%至95%", "95%", "met", 1.0, None),
        (
            "90-95%",
            "85%",
            "unmet",
            85 / 90,
            "实际完成值85% < 区间下限90%，按 85%/90% = 94.44% 计分",
        ),
        ("90%~95%", "97%", "exceeded", 1.0, "实际完成值97% > 区间上限95%，超额完成，得满分"),
        ("-5%~5%", "-3%", "met", 1.0, None),
        ("-5%~5%", "-8%", "manual", None, None),
        # negatives
        ("≥95%", "-5%", "unmet", 0.0, None),
        ("≥-5%", "-3%", "manual", None, None),
        # units: convertible, adopted, mismatched
        ("≤90万元", "900000元", "met", 1.0, "实际完成值900000元 ≤ 指标值90万元，得满分"),
        ("≤90万元", "1,000,000元", "unmet", 0.9, None),
        ("≥1亿元", "9000万元", "unmet", 0.9, None),
        ("≥12个月", "1年", "met", 1.0, None),
        ("≤30天", "25日", "met", 1.0, None),
        ("≤1个月", "30天", "manual", None, None),
        ("≥100人", "120人次", "manual", None, None),
        ("≥5个", "5所", "manual", None, None),
        ("≥95%", "95分", "manual", None, None),
        ("100", "95%", "unmet", 0.95, None),  # a target without unit takes the actual's
        ("≥2000", "2300人", "met", 1.0, None),
        ("≥1.2万人次", "12000人次", "met", 1.0, None),
        # bare numbers beside a percentage
        ("≥95%", "95", "met", 1.0, None),
        ("≥95%", "0", "unmet", 0.0, None),
        ("≤1%", "0.5", "manual", None, None),  # 50% or 0.5%? both plausible
        ("≥1%", "0.8", "manual", None, None),
        ("≤5%", "0.5", "manual", None, None),  # 50% misses "≤5%", 0.5% meets it
        ("≤5%", "0.03", "met", 1.0, None),  # 3% or 0.03%: met either way
        ("≤0.5", "0.3%", "manual", None, None),  # a bare target: 50% or 0.5%?
        ("90%-95%", "0.93", "met", 1.0, None),
        ("≥95%", "≥96%", "met", 1.0, None),  # an actual given as a lower bound that settles it
        # an actual repeating the target's sign is judged on its number: 90/95
        ("≥95%", "≥90%", "unmet", 90 / 95, None),
        ("≤5%", "≤3%", "met", 1.0, None),
        ("≤5%", "≥3%", "manual", None, None),
        ("90%-95%", "≥93%", "manual", None, None),
    ],
)
def test_quantitative(target, actual, status, share, formula):
    j = judge(target, actual)
    check(j, status, share)
    assert j.kind == "quantitative"
    if formula is not None:
        assert j.formula == formula


def test_unit_mismatch_reason_names_both_units():
    j = judge("≥100人", "120人次")
    assert j.reason == "单位不一致：指标值单位“人”，实际完成值单位“人次”，无法自动比较"


def test_bare_fraction_read_as_percent_with_note():
    j = judge("≥95%", "0.95")
    check(j, "met", 1.0)
    assert j.notes == ("实际完成值0.95按95%理解",)
    j = judge("≥95%", "1")  # 1 is read as 100%, never as 1%
    check(j, "met", 1.0)
    assert j.notes == ("实际完成值1按100%理解",)
    check(judge("≥95%", "0.9"), "unmet", 0.9 / 0.95)


def test_bare_fraction_not_allowed_by_rules_is_manual():
    rules = Rules(bare_fraction_as_percent=False)
    j = judge("≥95%", "0.95", rules=rules)
    check(j, "manual", None)
    assert "0.95" in j.reason
    check(judge("≥95%", "96", rules=rules), "met", 1.0)


def test_percent_formatted_cells():
    j = judge("≥95%", "0.95", actual_is_percent=True)
    check(j, "met", 1.0)
    assert j.notes == ()
    check(judge("≥95%", "0.9", actual_is_percent=True), "unmet", 0.9 / 0.95)
    check(judge("≥95%", "95%", actual_is_percent=True), "met", 1.0)
    # a 指标性质|指标值|度量单位 split with a percent cell 0.95 renders as "≥0.95%"
    check(judge("≥0.95%", "96%", target_is_percent=True), "met", 1.0)
    check(
        judge("≥0.95", "0.9", target_is_percent=True, actual_is_percent=True), "unmet", 0.9 / 0.95
    )
    check(judge("≥95%", "0.95个", actual_is_percent=True), "manual", None)


def test_cost_indicator_without_operator():
    j = judge("100万元", "90万元", level2="成本指标")
    check(j, "met", 1.0)
    assert j.notes == ("成本指标未写比较符号，按“≤”（越低越好）判断",)
    check(judge("100万元", "120万元", level2="经济成本指标"), "unmet", 100 / 120)
    check(judge("100万元", "120万元", level1="成本指标"), "unmet", 100 / 120)
    check(judge("2000", "2100", level2="成本指标"), "unmet", 2000 / 2100)
    # a percentage under 成本指标: 结余率 or 达标率? Only equality is safe.
    check(judge("100%", "95%", level2="成本指标"), "manual", None)
    check(judge("100%", "100%", level2="成本指标"), "met", 1.0)
    # elsewhere no operator means "≥"; an explicit one always wins
    check(judge("100万元", "110万元", level2="数量指标"), "met", 1.0)
    check(judge("≥100万元", "90万元", level2="成本指标"), "unmet", 0.9)


def test_reverse_formula_ratio_and_linear():
    linear = Rules(reverse_formula="linear")
    check(judge("≤30万元", "35万元"), "unmet", 30 / 35)
    j = judge("≤30万元", "35万元", rules=linear)
    check(j, "unmet", 1 - 5 / 30)
    assert (
        j.formula
        == "实际完成值35万元 > 指标值30万元，按 1 − (35万元 − 30万元)/30万元 = 83.33% 计分"
    )
    check(judge("≤30万元", "60万元", rules=linear), "unmet", 0.0)
    check(judge("≤30万元", "70万元", rules=linear), "unmet", 0.0)
    check(judge("≤30万元", "70万元"), "unmet", 30 / 70)


def test_exceed_ratio_override():
    rules = rules_from_dict({"exceed_ratio": 1.5})
    check(judge("≥5年", "6年", rules=rules), "met", 1.0)
    check(judge("≥5年", "7.5年", rules=rules), "exceeded", 1.0)


def test_exceed_deductions_are_returned_apart():
    fixed = Rules(exceed_deduction="fixed", exceed_deduction_points=2.0)
    j = judge("≥100个", "125个", rules=fixed)
    check(j, "exceeded", 1.0)
    assert (j.deduction_points, j.deduction_share) == (0.0, 0.0)
    j = judge("≥100个", "130个", rules=fixed)
    check(j, "exceeded", 1.0)
    assert (j.deduction_points, j.deduction_share) == (2.0, 0.0)
    assert j.formula.endswith("；超过指标值1.3倍，扣2分")
    prop = Rules(exceed_deduction="proportional", exceed_deduction_share=0.1)
    j = judge("≥100个", "150个", rules=prop)
    assert (j.status, j.share, j.deduction_points, j.deduction_share) == ("exceeded", 1.0, 0.0, 0.1)


def test_number_vs_qualitative_band_rule():
    rules = Rules(number_vs_qualitative="band")
    j = judge("≤30万元", "完成", level2="经济成本指标", rules=rules)
    check(j, "met", 1.0)
    assert j.band == "达成"
    assert j.notes == ("年度指标值为数值，实际完成值为文字，按定性档次评分",)
    check(judge("≥95%", "基本完成", rules=rules), "unmet", 0.7)
    check(judge("≥95%", "情况良好12项", rules=rules), "manual", None)
    # a number against a qualitative target has no band either way
    check(judge("效果明显", "95%", rules=rules), "manual", None)


@pytest.mark.parametrize(
    ("target", "actual", "status", "share", "band"),
    [
        ("效果明显", "达成预期指标", "met", 1.0, "达成"),
        ("效果明显", "效果明显", "met", 1.0, "达成"),
        ("效果明显", "效果明显。", "met", 1.0, "达成"),
        ("得到提升", "明显提升", "met", 1.0, "达成"),
        ("有所提升", "有所提高", "met", 1.0, "达成"),
        ("效果明显", "基本完成", "unmet", 0.7, "部分达成"),
        ("效果明显", "部分达到", "unmet", 0.7, "部分达成"),
        ("效果明显", "部分达成年度指标并具有一定效果", "unmet", 0.7, "部分达成"),
        ("效果明显", "未完成", "unmet", 0.0, "未达成"),
        ("效果明显", "未达到", "unmet", 0.0, "未达成"),
        ("效果明显", "未达成年度指标且效果较差", "unmet", 0.0, "未达成"),
        ("是", "是", "met", 1.0, "达成"),
        ("是", "否", "unmet", 0.0, "未达成"),
        ("否", "否", "met", 1.0, "达成"),
        ("否", "是", "unmet", 0.0, "未达成"),
        ("无", "否", "met", 1.0, "达成"),
        ("否", "达成预期指标", "met", 1.0, "达成"),
        ("否", "未发生", "manual", None, None),
        ("无安全事故", "未发生安全事故", "met", 1.0, "达成"),
        # the worst error is a wrong met: text that does not say it is a person's call
        ("不低于国家规定标准", "低于国家规定标准", "manual", None, None),
        ("不低于国家规定标准", "高于国家规定标准", "met", 1.0, "达成"),
        ("严格执行相关制度规定", "严格执行", "manual", None, None),
        ("效果明显", "正在实施", "manual", None, None),
        ("效果明显", "有待提高", "manual", None, None),
        ("效果明显", "基本完成，个别学校未完成", "manual", None, None),
        ("效果明显", "完成3项", "manual", None, None),
        ("效果明显", "95%", "manual", None, None),
        ("效果明显", "2022年11月", "manual", None, None),
        ("效果明显", "无", "manual", None, None),
        ("效果明显", "良好" * 31, "manual", None, None),
    ],
)
def test_qualitative(target, actual, status, share, band):
    j = judge(target, actual, year=2022)
    check(j, status, share)
    assert j.band == band
    assert j.kind == "qualitative"


def test_qualitative_formula_names_band_and_share():
    j = judge("效果明显", "基本完成")
    assert j.formula == "定性指标：实际“基本完成”属“部分达成”档，按分值的70%计分，可人工调整"


def test_qualitative_scores_override():
    rules = rules_from_dict({"qualitative_scores": [0.9, 0.6, 0.2]})
    check(judge("效果明显", "达成预期指标", rules=rules), "met", 0.9)
    check(judge("效果明显", "基本完成", rules=rules), "unmet", 0.6)
    check(judge("效果明显", "未完成", rules=rules), "unmet", 0.2)
    check(judge("12月底前", "2023年1月", year=2022, rules=rules), "unmet", 0.2)


@pytest.mark.parametrize(
    ("target", "actual", "year", "status", "share"),
    [
        ("2022年12月31日前", "2022年11月", 2022, "met", 1.0),
        ("2022年12月31日前", "2022.12.31", 2022, "met", 1.0),
        ("2022年12月31日前", "2023年1月", 2022, "unmet", 0.0),
        ("2022年12月31日前", "2023.1.5", None, "unmet", 0.0),
        ("12月底前", "2022-11-30", 2022, "met", 1.0),
        ("12月底前", "12月", 2022, "met", 1.0),
        ("12月底前", "11月", None, "met", 1.0),  # month against month, no year needed
        ("12月底前", "2022年11月", None, "manual", None),  # one side has no year
        ("9月前", "8月", 2022, "met", 1.0),
        ("9月前", "10月", 2022, "unmet", 0.0),
        ("9月前", "9月", 2022, "manual", None),
        ("9月前", "9月15日", 2022, "manual", None),
        ("11月15日前", "11月", 2022, "manual", None),
        ("年底前", "7月", 2022, "met", 1.0),
        ("年内完成", "按时完成", 2022, "met", 1.0),
        ("年内完成", "已完成", 2022, "met", 1.0),
        ("年内完成", "完成", 2022, "met", 1.0),
        ("年内完成", "未完成", 2022, "unmet", 0.0),
        ("年内完成", "延期完成", 2022, "unmet", 0.0),
        ("年内完成", "基本按时完成", 2022, "unmet", 0.7),
        ("年内完成", "好", 2022, "manual", None),
        ("年内完成", "100%", 2022, "manual", None),
        ("2022年12月", "2022年12月20日", 2022, "met", 1.0),
        ("在项目计划完成时间内完成", "达成预期指标", 2022, "met", 1.0),
        ("在项目计划完成时间内完成", "按时完成", 2022, "met", 1.0),
        ("在项目计划完成时间内完成", "完成", 2022, "met", 1.0),
        ("在项目计划完成时间内完成", "在项目计划完成时间内完成", 2022, "met", 1.0),
        ("在项目计划完成时间内完成", "2022年11月", 2022, "manual", None),
        ("按时完成", "按时完成", 2022, "met", 1.0),
        ("按时完成", "未按时完成", 2022, "unmet", 0.0),
    ],
)
def test_deadlines(target, actual, year, status, share):
    j = judge(target, actual, year=year)
    check(j, status, share)
    assert j.kind == "deadline"
    if status != "manual":
        assert j.band == ("达成" if status == "met" else "部分达成" if share else "未达成")


def test_deadline_formula():
    j = judge("12月底前", "2023年1月", year=2022)
    assert j.formula == (
        "时效指标：实际完成时间2023年1月晚于期限2022年12月31日前，按“未达成”档计分值的0%"
    )


@pytest.mark.parametrize("actual", ["—", "/", "不适用", "无此项", "／"])
def test_not_applicable(actual):
    j = judge("≥95%", actual)
    check(j, "not_applicable", None)


@pytest.mark.parametrize(
    ("target", "actual", "reason"),
    [
        ("≥95%", "", "实际完成值为空"),
        ("≥95%", None, "实际完成值为空"),
        ("", "95%", "年度指标值为空"),
        ("/", "95%", "年度指标值为“/”，请确认本指标是否适用"),
    ],
)
def test_missing_values_are_manual(target, actual, reason):
    j = judge(target, actual)
    check(j, "manual", None)
    assert j.reason == reason


def test_never_raises_on_non_text():
    check(judge(None, None), "manual", None)  # type: ignore[arg-type]
    check(judge(0.95, 1.0), "met", 1.0)  # type: ignore[arg-type]
    check(judge("≥95%", float("nan")), "manual", None)  # type: ignore[arg-type]


# ---------------------------------------------------------------- property tests

OPS = ["", "≥", ">=", ">", "≤", "<=", "<", "=", "不低于", "不超过", "达到", "控制在"]
UNITS = ["", "%", "百分比", "万元", "元", "个", "人次", "年", "天"]
numbers = st.one_of(
    st.integers(min_value=-100, max_value=10000).map(str),
    st.floats(min_value=-10.0, max_value=1e6, allow_nan=False).map(lambda x: f"{x:.3f}"),
    st.sampled_from(["0", "0.95", "1", "14,571.46"]),
)
quantities = st.builds(
    lambda op, n, u: f"{op}{n}{u}", st.sampled_from(OPS), numbers, st.sampled_from(UNITS)
)
words = st.sampled_from(
    ["达成预期指标", "基本完成", "未完成", "是", "否", "—", "", "12月底前", "2022年11月",
     "按时完成", "90%-95%", "效果明显", "不低于国家规定标准"]
)  # fmt: skip
cells = st.one_of(st.text(max_size=30), quantities, words)
rule_sets = st.sampled_from(
    [
        NATIONAL,
        Rules(reverse_formula="linear", exceed_ratio=1.0),
        Rules(exceed_deduction="fixed", number_vs_qualitative="band"),
        Rules(exceed_deduction="proportional", bare_fraction_as_percent=False),
        Rules(qualitative_scores=(1.5, -0.2, 0.3)),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    cells,
    cells,
    st.sampled_from(["", "成本指标", "数量指标"]),
    rule_sets,
    st.one_of(st.none(), st.just(2022)),
    st.booleans(),
    st.booleans(),
)
def test_judge_never_raises_and_stays_in_bounds(target, actual, level2, rules, year, ap, tp):
    args = (target, actual, "", level2, rules, year, ap, tp)
    j = judge_module._judge(*args)  # unguarded: a bug shows as an exception
    assert j == judge(
        target, actual, level2=level2, rules=rules, year=year,
        actual_is_percent=ap, target_is_percent=tp,
    )  # fmt: skip
    assert j.status in STATUSES
    assert j.formula
    if j.status in ("manual", "not_applicable"):
        assert j.share is None
        assert j.reason or j.status == "not_applicable"
    else:
        assert j.share is not None and 0.0 <= j.share <= 1.0
    if j.status == "met":
        assert j.band in (None, "达成")
    assert j.deduction_points >= 0 and 0 <= j.deduction_share <= 1


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["个", "人次", "万元", "%"]),
)
def test_direction_properties(a, b, unit):
    """≥: B < A is never met and scores B/A; ≤: B > A is never met and scores A/B."""
    up = judge(f"≥{a}{unit}", f"{b}{unit}")
    down = judge(f"≤{a}{unit}", f"{b}{unit}")
    if b < a:
        check(up, "unmet", b / a)
        check(down, "met", 1.0)
    elif b > a:
        assert up.status in ("met", "exceeded") and up.share == 1.0
        assert (up.status == "exceeded") == (b >= 1.2 * a)
        check(down, "unmet", a / b)
    else:
        check(up, "met", 1.0)
        check(down, "met", 1.0)


@pytest.mark.parametrize(
    ("name", "target", "actual", "status", "share"),
    [
        # No operator, and the name says keep low: "≤".
        ("预算调整率", "3%", "0", "met", 1.0),
        ("投诉次数", "5次", "7次", "unmet", 5 / 7),
        ("结转结余率", "2%", "1.5%", "met", 1.0),
        # A name about what is done about it points up again.
        ("投诉处理及时率", "95%", "90%", "unmet", 90 / 95),
        ("事故发生率下降率", "10%", "11%", "met", 1.0),
        # No sign in the name: "≥" as always.
        ("受益人口数量", "90人", "80人", "unmet", 80 / 90),
    ],
)
def test_direction_from_the_name(name, target, actual, status, share):
    from app.evaluate.direction import keep_low

    j = judge(target, actual, keep_low=keep_low(name))
    check(j, status, share)
    assert ("越低越好" in " ".join(j.notes)) == keep_low(name)


@pytest.mark.parametrize(
    ("target", "actual", "status", "share"),
    [
        ("0起", "0起", "met", 1.0),
        ("0起", "1起", "unmet", 0.0),  # none was the target: one is a miss, not an excess
        ("0", "2", "unmet", 0.0),
        ("=0", "0", "met", 1.0),
    ],
)
def test_a_target_of_none(target, actual, status, share):
    check(judge(target, actual), status, share)


def test_an_actual_repeating_the_sign_is_judged_on_its_number():
    j = judge("≥266米", "≥266米")
    check(j, "met", 1.0)
    assert any("重复了指标值的比较符号" in n for n in j.notes)
    check(judge("≤10次", "≤12次"), "unmet", 10 / 12)
    # Another sign is a bound, as before.
    check(judge("≥95%", "≤96%"), "manual", None)


@pytest.mark.parametrize(
    ("target", "actual", "status"),
    [
        ("2023年12月", "2023年11月", "met"),
        ("2023年12月", "2023年12月", "met"),
        ("2023年12月", "2024年1月", "unmet"),
        ("12月", "11月", "met"),
        ("2023.12", "2023.11", "met"),
        ("2023.12", "2024.02", "unmet"),
        ("2023.12", "2023.11.30", "met"),
    ],
)
def test_a_month_as_deadline_under_timeliness(target, actual, status):
    j = judge(target, actual, level1="产出指标", level2="时效指标", year=2023)
    assert j.status == status, j
    assert j.kind == "deadline"


def test_a_year_and_month_elsewhere_stays_a_number():
    j = judge("2023.12", "2023.11", level2="数量指标")
    assert j.kind == "quantitative"


@pytest.mark.parametrize(
    ("target", "actual", "status", "note"),
    [
        # A bare number beside a unit written with 万 takes that unit, as any bare number
        # does; when the plain unit is by far the nearer reading, that one, and it is said.
        ("≥3.2万人", "3.3", "met", ()),
        ("≥1.2万人次", "1.1", "unmet", ()),
        ("≥1.2万人次", "13000", "met", ("实际完成值13000按13000人次理解",)),
        # Neither reading is near it: a person decides.
        ("≥1.2万人次", "500", "manual", None),
    ],
)
def test_a_bare_number_beside_a_multiplied_unit(target, actual, status, note):
    j = judge(target, actual)
    assert j.status == status, j
    if note is None:
        assert "无法确定" in j.reason
    else:
        assert j.notes == note
