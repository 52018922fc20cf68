"""Tests for app/evaluate/matching.py: project and indicator matching, target comparison."""

from __future__ import annotations

import pytest

from app.evaluate.matching import (
    indicator_key,
    level_keys,
    pair_indicators,
    project_key,
    same_target,
)
from app.readers.declared.model import DeclaredIndicator


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("≥95%", "≥ 95 %", True),
        ("≥95%", ">=95%", True),
        ("≥95%", "＞＝95％", True),
        ("≥95%", "不低于95%", True),  # read alike: ≥ 0.95
        ("≥95%", "≥95.0%", True),
        ("≤120万元", "≤1200000元", True),
        ("2024年12月31日前", "12月31日前", True),  # the year completes the date
        ("持续提升", "持续提升。", True),
        ("≥95%", "≥90%", False),
        ("95%", "≥95%", False),
        ("95%", "0.95", False),
        ("12个", "12项", False),
        ("持续提升", "有所提升", False),
        ("≥98%", "", False),
    ],
)
def test_same_target(a: str, b: str, same: bool) -> None:
    assert same_target(a, b, 2024) is same
    assert same_target(b, a, 2024) is same


def test_keys() -> None:
    assert project_key(" 2024年 校舍维修改造 ") == project_key("2024年校舍维修改造")
    assert project_key("“智慧校园”建设（一期）") == project_key("智慧校园建设(一期)")
    assert indicator_key("指标1：维修学校数量") == indicator_key("维修学校数量")
    assert indicator_key("★资助学生人数") == indicator_key("资助学生人数")
    assert indicator_key("1、验收 合格率：") == "验收合格率"
    assert level_keys("产出指标(50分)", "数量指标") == ("产出", "数量")
    assert level_keys("", "社会效益指标") == ("效益", "社会效益")


def _ind(level2: str, name: str, target: str = "1") -> DeclaredIndicator:
    return DeclaredIndicator("产出指标", level2, name, target)


def test_pair_by_name_then_position() -> None:
    """Names first (in either order); a reworded name pairs by its place in the same 二级;
    what is left is added (left only) or dropped (right only)."""
    left = [
        _ind("数量指标", "B"),
        _ind("数量指标", "A"),
        _ind("时效指标", "按时完工"),
        _ind("质量指标", "新"),
    ]
    right = [
        _ind("数量指标", "A"),
        _ind("数量指标", "B"),
        _ind("时效指标", "完工时间"),
        _ind("成本指标", "旧"),
    ]
    got = [(a.name if a else None, b.name if b else None) for a, b in pair_indicators(left, right)]
    assert got == [("B", "B"), ("A", "A"), ("按时完工", "完工时间"), ("新", None), (None, "旧")]


def test_pair_repeated_names_in_order() -> None:
    left = [_ind("数量指标", "人数", "1"), _ind("数量指标", "人数", "2")]
    right = [_ind("数量指标", "人数", "3"), _ind("数量指标", "人数", "4")]
    got = [(a.target, b.target) for a, b in pair_indicators(left, right) if a and b]
    assert got == [("1", "3"), ("2", "4")]
