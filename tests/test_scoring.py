"""Weights, 执行率, totals, grades and the findings of evaluate(), on hand-built models."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.evaluate.scoring import evaluate, evaluate_project, grade_of
from app.model import Dataset, Department, Funding, Funds, Indicator, Project, Where
from app.rules import NATIONAL, rules_from_dict
from app.text import round_half_up


def ind(
    level1: str,
    target: str,
    actual: str,
    weight: float | None = None,
    level2: str = "质量指标",
    **kw,
) -> Indicator:
    return Indicator(
        level1, level2, kw.pop("name", f"{level1}{target}"), target, actual, weight, **kw
    )


def project(indicators=(), initial=100.0, budget=100.0, spent=100.0, **kw) -> Project:
    funds = kw.pop("funds", None) or Funds(
        (
            Funding(
                "当年财政拨款",
                initial,
                budget,
                spent,
                Where("项目资金", "E2"),
                Where("项目资金", "F2"),
                Where("项目资金", "G2"),
            ),
        )
    )
    return Project("项目甲", funds=funds, indicators=tuple(indicators), **kw)


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_default_weights_split_evenly_and_total_100() -> None:
    res = evaluate_project(
        project(
            [
                ind("产出指标", "≥95%", "100%"),
                ind("产出指标", "≥90%", "95%"),
                ind("效益指标", "得到提升", "得到提升"),
                ind("满意度指标", "≥90%", "95%"),
            ]
        ),
        NATIONAL,
        2022,
    )
    assert [r.weight for r in res.indicators] == [25, 25, 30, 10]
    assert res.funds.weight == 10 and res.funds.score == 10
    assert res.score == 100.0 and res.grade == "优" and not res.provisional


def test_empty_level1_gives_its_weight_to_the_others_in_proportion() -> None:
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "100%"), ind("效益指标", "≥95%", "100%")]), NATIONAL, 2022
    )
    # 满意度 (10) is missing: 产出 50 and 效益 30 share 90 in proportion 5:3.
    assert [round(r.weight, 4) for r in res.indicators] == [56.25, 33.75]
    assert res.score == 100.0


def test_unmet_quantitative_scores_b_over_a_and_asks_for_an_explanation() -> None:
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "90%", 50), ind("效益指标", "得到提升", "得到提升", 40)]),
        NATIONAL,
        2022,
    )
    unmet = res.indicators[0]
    assert unmet.status == "unmet" and unmet.needs_explanation
    assert unmet.score == pytest.approx(50 * 90 / 95)
    assert "90%" in unmet.note and "95%" in unmet.note
    assert res.score == round_half_up(10 + 50 * 90 / 95 + 40, 2) == 97.37
    assert {"indicator_unmet", "explanation_missing"} <= set(codes(res))


def test_explanation_given_silences_explanation_missing() -> None:
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "90%", 90, explanation="受疫情影响")]), NATIONAL, 2022
    )
    assert "indicator_unmet" in codes(res) and "explanation_missing" not in codes(res)


def test_not_applicable_is_left_out_and_weights_rescaled() -> None:
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "100%", 45), ind("产出指标", "≥95%", "不适用", 45)]),
        NATIONAL,
        2022,
    )
    na = res.indicators[1]
    assert na.status == "not_applicable" and na.score is None and na.weight == 0
    # 45 + 10 remain; rescaled to 100: 执行率 10 → 18.18, the indicator 45 → 81.82.
    assert res.indicators[0].weight == pytest.approx(45 * 100 / 55)
    assert res.funds.weight == pytest.approx(10 * 100 / 55)
    assert res.score == 100.0


def test_given_weights_that_do_not_add_up_give_weight_sum_and_still_score() -> None:
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "100%", 50), ind("效益指标", "≥95%", "100%", 30)]),
        NATIONAL,
        2022,
    )
    assert "weight_sum" in codes(res)
    assert res.score == 90.0 and res.grade == "优"
    # 10 + 50 + 30 = 90, not 100: the total is the plain sum, and a person confirms the grade.
    assert res.provisional


def test_manual_indicator_makes_the_total_provisional() -> None:
    res = evaluate_project(project([ind("产出指标", "≤30万元", "完成", 90)]), NATIONAL, 2022)
    (r,) = res.indicators
    assert r.status == "manual" and r.score is None
    assert res.provisional and res.score == 10.0
    (f,) = [f for f in res.findings if f.code == "manual"]
    assert "需人工判断" in f.message


def test_empty_actual_is_missing_value_error() -> None:
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "", 90, where=Where("项目指标", "F2"))]), NATIONAL, 2022
    )
    (f,) = [f for f in res.findings if f.code == "missing_value"]
    assert f.severity == "error" and f.where == Where("项目指标", "F2")
    assert "manual" not in codes(res)


def test_rate_undefined_overspent_low_and_adjusted() -> None:
    zero = evaluate_project(project(initial=43.37, budget=0.0, spent=0.0), NATIONAL, 2022)
    assert zero.funds.total.rate is None and zero.funds.score is None and zero.provisional
    assert {"rate_undefined", "budget_adjusted"} <= set(codes(zero))

    over = evaluate_project(project(budget=100.0, spent=120.0), NATIONAL, 2022)
    assert over.funds.total.rate == pytest.approx(1.2) and over.funds.score == 10
    (f,) = [f for f in over.findings if f.code == "overspent"]
    assert f.severity == "error" and f.where == Where("项目资金", "G2")

    low = evaluate_project(project(budget=100.0, spent=85.0), NATIONAL, 2022)
    assert low.funds.score == pytest.approx(8.5)
    assert "rate_low" in codes(low)

    edge = evaluate_project(project(initial=100.0, budget=120.0, spent=120.0), NATIONAL, 2022)
    assert "budget_adjusted" not in codes(edge)  # exactly 20 % is not more than 20 %
    moved = evaluate_project(project(initial=100.0, budget=120.01, spent=120.01), NATIONAL, 2022)
    (f,) = [f for f in moved.findings if f.code == "budget_adjusted"]
    assert f.where == Where("项目资金", "F2") and "20.0%" in f.message


def test_totals_sum_the_sources_and_stated_total_mismatch() -> None:
    funds = Funds(
        (Funding("当年财政拨款", 90, 90, 89.974), Funding("上年结转资金", 10, 10, 10)),
        stated_total=Funding(
            "年度资金总额", 0, 0, 0, Where("表1", "C5"), Where("表1", "D5"), Where("表1", "E5")
        ),
    )
    res = evaluate_project(project(funds=funds), NATIONAL, 2022)
    assert res.funds.total.budget == 100 and res.funds.total.spent == pytest.approx(99.974)
    mismatches = [f for f in res.findings if f.code == "sum_mismatch"]
    assert [f.where.cell for f in mismatches] == ["C5", "D5", "E5"]
    assert all(f.severity == "error" for f in mismatches)


def test_hand_filled_scores_are_compared() -> None:
    funds = Funds(
        (Funding("当年财政拨款", 100, 100, 50),),
        stated_score=10,
        stated_score_at=Where("表1", "H5"),
    )
    res = evaluate_project(
        project(
            [
                ind(
                    "产出指标",
                    "≥95%",
                    "100%",
                    90,
                    stated_score=80,
                    stated_score_at=Where("表1", "H12"),
                )
            ],
            funds=funds,
            stated_total_score=100,
            stated_total_score_at=Where("表1", "C20"),
        ),
        NATIONAL,
        2022,
    )
    differs = {f.where.cell: f.message for f in res.findings if f.code == "score_differs"}
    assert set(differs) == {"H5", "H12", "C20"}
    assert "5.00" in differs["H5"] and "95.00" in differs["C20"]


def test_grades_and_half_up_rounding() -> None:
    assert round_half_up(89.995, 2) == 90.0
    assert round_half_up(0.125, 2) == 0.13
    assert [grade_of(x, NATIONAL) for x in (100, 90, 89.99, 80, 60, 59.99)] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "差",
    ]
    assert grade_of(None, NATIONAL) is None


def test_rules_overrides_change_scores() -> None:
    banded = rules_from_dict({"rate_scoring": "banded"})
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "100%", 90)], budget=100, spent=85), banded, 2022
    )
    assert res.funds.score == pytest.approx(8.0)  # 85 % falls in the 80 % band
    capped = rules_from_dict({"rate_cap": [[0.8, 89], [0.7, 79]]})
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "100%", 90)], budget=100, spent=75), capped, 2022
    )
    assert res.score == 89.0  # 70–80 %: at most 89
    res = evaluate_project(
        project([ind("产出指标", "≥95%", "100%", 90)], budget=100, spent=65), capped, 2022
    )
    assert res.score == 79.0  # 60–70 %: at most 79


def test_department_without_funds_takes_its_projects_rate() -> None:
    """No 预算资金 of its own: the department's 执行率 is its projects' together (here one
    project, 90 of 100) at the default 10 points; the indicators share the other 90 (50:30)."""
    data = Dataset(
        "x.xlsx",
        "template",
        Department(
            "测试局",
            2022,
            indicators=(ind("产出指标", "≥95%", "100%"), ind("效益指标", "≥95%", "90%")),
        ),
        (project([ind("产出指标", "≥95%", "100%")], spent=90),),
    )
    ev = evaluate(data)
    dep = ev.department
    assert dep.funds is None
    assert dep.projects_rate is not None and dep.rate_item is dep.projects_rate
    assert (dep.projects_rate.weight, dep.projects_rate.score) == (10, 9.0)
    assert [round(r.weight, 2) for r in dep.indicators] == [56.25, 33.75]
    assert dep.score == round_half_up(9.0 + 56.25 + 33.75 * 90 / 95, 2) == 97.22
    assert dep.projects_total.budget == 100 and dep.projects_total.rate == 0.9
    assert [f.code for f in ev.findings].count("indicator_unmet") == 1


def test_department_rate_from_projects_never_uses_the_initial_budget() -> None:
    """Σ 全年执行数 ÷ Σ 全年预算数 (never 年初): 60 + 150 of 100 + 200 is 70 %, below 90 %: the
    department's rate_low, and both projects named on its form."""
    data = Dataset(
        "x.xlsx",
        "template",
        Department("测试局", 2022, indicators=(ind("产出指标", "≥95%", "100%"),)),
        (
            project([], initial=500, budget=100, spent=60),
            replace(project([], initial=1, budget=200, spent=150), name="项目乙"),
        ),
    )
    ev = evaluate(data)
    dep = ev.department
    assert dep.projects_total.rate == pytest.approx(0.7)
    assert dep.projects_rate is not None and dep.projects_rate.score == pytest.approx(7.0)
    assert dep.score == 97.0  # 7 + 90
    assert [(f.code, f.project) for f in dep.findings] == [("rate_low", None)]
    assert dep.attention == (
        ("项目甲", "执行率60.00%，低于90%"),
        ("项目乙", "执行率75.00%，低于90%"),
    )


def test_one_missing_weight_keeps_the_given_ones() -> None:
    """The school case: 分值 on every row but one. The given stand; the one without shares
    what the total leaves: 100 − 10 (执行率) − (20 + 20 + 10 + 30) = 10."""
    res = evaluate_project(
        project(
            [
                ind("产出指标", "≥95%", "100%", 20, name="a"),
                ind("产出指标", "≥95%", "90%", 20, name="b"),
                ind("产出指标", "≥95%", "100%", 10, name="c"),
                ind("效益指标", "得到提升", "得到提升", 30, name="d"),
                ind("满意度指标", "≥90%", "95%", None, name="e"),
            ]
        ),
        NATIONAL,
        2022,
    )
    assert [r.weight for r in res.indicators] == [20, 20, 10, 30, 10]
    # b: 20 × 90/95 = 18.947…; total 10 + 20 + 18.947 + 10 + 30 + 10 = 98.95
    assert res.indicators[1].score == pytest.approx(20 * 90 / 95)
    assert res.score == 98.95 and res.grade == "优" and not res.provisional
    (f,) = [f for f in res.findings if f.code == "weight_sum"]
    assert "“e”" in f.message and "10分" in f.message


def test_missing_weights_share_what_their_printed_level1_weight_leaves() -> None:
    """产出指标(50分) gives 20 and 10 and leaves 20 for its two rows without 分值; 效益指标 has
    no printed weight: its row takes what the total leaves: 100 − 10 − 50 − 10 = 30."""
    res = evaluate_project(
        project(
            [
                ind("产出指标", "≥1个", "1个", 20, level1_weight=50),
                ind("产出指标", "≥2个", "2个", 10, level1_weight=50),
                ind("产出指标", "≥3个", "3个", None, level1_weight=50),
                ind("产出指标", "≥4个", "4个", None, level1_weight=50),
                ind("效益指标", "有效", "有效", None),
                ind("满意度指标", "≥90%", "95%", 10),
            ]
        ),
        NATIONAL,
        2022,
    )
    assert [r.weight for r in res.indicators] == [20, 10, 10, 10, 30, 10]
    assert res.score == 100.0 and not res.provisional


def test_printed_level1_weights_replace_the_defaults() -> None:
    """No 分值: 产出指标(60分) split over 3 rows (20 each), 效益指标(20分) over 2 (10 each),
    满意度指标(10分) on its one row."""
    res = evaluate_project(
        project(
            [
                ind("产出指标", "≥1个", "1个", level1_weight=60),
                ind("产出指标", "≥2个", "2个", level1_weight=60),
                ind("产出指标", "≥3个", "3个", level1_weight=60),
                ind("效益指标", "有效", "有效", level1_weight=20),
                ind("效益指标", "有效", "基本有效", level1_weight=20),
                ind("满意度指标", "≥90%", "95%", level1_weight=10),
            ]
        ),
        NATIONAL,
        2022,
    )
    assert [r.weight for r in res.indicators] == [20, 20, 20, 10, 10, 10]
    # 基本有效 is 部分达成: 10 × 70% = 7; total 100 − 3 = 97
    assert res.score == 97.0


def test_a_provisional_total_is_not_compared_with_the_stated_one() -> None:
    res = evaluate_project(
        project([ind("产出指标", "≤30万元", "完成", 90)], stated_total_score=100.0),
        NATIONAL,
        2022,
    )
    assert res.provisional and res.score == 10.0
    assert "score_differs" not in codes(res)


def test_rounding_a_number_beyond_a_floats_decimals_keeps_it() -> None:
    # Found by the mutation test: 1e26 typed as a 分值 made Decimal's quantize fail.
    assert round_half_up(1e26, 2) == 1e26
    assert round_half_up(123456789012.345, 2) == 123456789012.35
