"""The rules: national defaults, the shipped TOML, overrides and their errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.errors import InputError
from app.rules import NATIONAL, load_rules, rules_from_dict, rules_to_toml

ROOT = Path(__file__).resolve().parent.parent


def test_national_defaults() -> None:
    assert NATIONAL.rate_weight == 10
    assert NATIONAL.level1_weights == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert (NATIONAL.rate_warn, NATIONAL.adjust_warn, NATIONAL.exceed_ratio) == (0.9, 0.2, 1.2)
    assert NATIONAL.qualitative_scores == (1.0, 0.7, 0.0)
    assert NATIONAL.grades == ((90, "优"), (80, "良"), (60, "中"), (0, "差"))


def test_shipped_toml_is_the_national_rules() -> None:
    assert load_rules(ROOT / "templates" / "rules-national.toml") == NATIONAL


def test_override_keeps_the_rest_and_sorts_bands() -> None:
    rules = rules_from_dict(
        {"exceed_ratio": 1.3, "grades": [[60, "合格"], [0, "不合格"], [85, "优"]]}
    )
    assert rules.exceed_ratio == 1.3
    assert rules.grades == ((85.0, "优"), (60.0, "合格"), (0.0, "不合格"))
    assert rules.rate_warn == 0.9


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"exceed_ration": 1.3}, "未知的设置项“exceed_ration”"),
        ({"rate_warn": "90%"}, "“rate_warn”的值类型不正确"),
        ({"reverse_formula": "inverse"}, "“reverse_formula”只能是"),
        ({"qualitative_scores": [1, 0.5]}, "“qualitative_scores”的值类型不正确"),
    ],
)
def test_bad_overrides_name_the_field(data: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        rules_from_dict(data)


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到评分规则文件"):
        load_rules(tmp_path / "none.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("rate_warn = = 1", encoding="utf-8")
    with pytest.raises(InputError, match="评分规则文件格式不正确"):
        load_rules(broken)


def test_export_round_trips() -> None:
    rules = rules_from_dict({"rate_cap": [[0.8, 89], [0.5, 59]], "decimals": 1})
    assert rules_from_dict(tomllib.loads(rules_to_toml(rules))) == rules
