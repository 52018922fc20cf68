"""The scoring rules (`docs/scoring.md`) as one dataclass with the national defaults.

A province's variant is a TOML file that overrides any field (`load_rules`); unknown keys and
values of the wrong type are an error that names them, so a typo never silently falls back to
the default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.errors import InputError

LEVEL1_OUTPUT = "产出指标"
LEVEL1_BENEFIT = "效益指标"
LEVEL1_SATISFACTION = "满意度指标"


@dataclass(frozen=True)
class Rules:
    """Every number the evaluation uses. Defaults: 财预〔2020〕10号 and the common practice."""

    total: float = 100.0
    """The full score of a form (总分)."""
    rate_weight: float = 10.0
    """分值 of 预算执行率 when the input gives none."""
    level1_weights: dict[str, float] = field(
        default_factory=lambda: {
            LEVEL1_OUTPUT: 50.0,
            LEVEL1_BENEFIT: 30.0,
            LEVEL1_SATISFACTION: 10.0,
        }
    )
    """Default 分值 of each 一级指标, split evenly among its indicators."""
    rate_warn: float = 0.90
    """执行率 below this: finding `rate_low`."""
    adjust_warn: float = 0.20
    """|全年预算数 − 年初预算数| / 年初预算数 above this: finding `budget_adjusted`."""
    weight_tolerance: float = 0.01
    """Given weights may differ from `total` by this much before `weight_sum` is reported."""
    exceed_ratio: float = 1.2
    """Actual ≥ exceed_ratio × target (for a "≥" target): status `exceeded`."""
    exceed_deduction: str = "none"
    """What an `exceeded` indicator loses: "none", "fixed" or "proportional"."""
    exceed_deduction_from: float = 1.3
    """The deduction applies from actual ≥ this × target."""
    exceed_deduction_points: float = 2.0
    """"fixed": points deducted (never below 0)."""
    exceed_deduction_share: float = 0.1
    """"proportional": share of the weight deducted."""
    reverse_formula: str = "ratio"
    """Scoring of a missed "≤" target: "ratio" (w × A/B) or "linear" (w × (1 − (B − A)/A))."""
    qualitative_scores: tuple[float, float, float] = (1.0, 0.7, 0.0)
    """Share of the weight for the bands 达成, 部分达成, 未达成."""
    rate_scoring: str = "linear"
    """预算执行率 score: "linear" (w × min(rate, 1)) or "banded" (`rate_bands`)."""
    rate_bands: tuple[tuple[float, float], ...] = ((1.0, 1.0), (0.9, 0.9), (0.8, 0.8), (0.0, 0.0))
    """"banded": (lowest rate, share of the weight), from the top; the first band reached applies."""
    rate_cap: tuple[tuple[float, float], ...] = ()
    """Optional cap of the total by 执行率: (rate below, highest total), e.g. ((0.8, 89), (0.7, 79))."""
    decimals: int = 2
    """Decimals of shown scores (rounded half up)."""
    grades: tuple[tuple[float, str], ...] = ((90.0, "优"), (80.0, "良"), (60.0, "中"), (0.0, "差"))
    """Grade bands: (lowest total, grade), from the top."""
    number_vs_qualitative: str = "manual"
    """A number against a qualitative target, or a word against a numeric one: "manual" or
    "band" (judge the word by the qualitative bands)."""
    bare_fraction_as_percent: bool = True
    """A bare 0.95 against a percentage target ("≥95%") is read as 95% (with an info finding)."""

    def level1_weight(self, level1: str) -> float | None:
        """Return the default weight of a 一级指标, or None for one the rules do not know."""
        return self.level1_weights.get(level1)


NATIONAL = Rules()


def _coerce(name: str, default: Any, value: Any) -> Any:
    """Convert a TOML value to the type of the default, or raise InputError naming the field."""
    bad = InputError(f"评分规则文件中“{name}”的值类型不正确：{value!r}")
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad
        return value
    if isinstance(default, int | float) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad
        return type(default)(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise bad
        return value
    if isinstance(default, dict):
        if not isinstance(value, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()
        ):
            raise bad
        return {str(k): float(v) for k, v in value.items()}
    if isinstance(default, tuple):
        if not isinstance(value, list):
            raise bad
        if name == "grades":
            try:
                return tuple((float(lo), str(g)) for lo, g in value)
            except (TypeError, ValueError):
                raise bad from None
        if name == "qualitative_scores":
            if len(value) != 3 or not all(isinstance(v, int | float) for v in value):
                raise bad
            return tuple(float(v) for v in value)
        try:
            return tuple((float(a), float(b)) for a, b in value)
        except (TypeError, ValueError):
            raise bad from None
    raise bad


_CHOICES = {
    "exceed_deduction": ("none", "fixed", "proportional"),
    "reverse_formula": ("ratio", "linear"),
    "rate_scoring": ("linear", "banded"),
    "number_vs_qualitative": ("manual", "band"),
}


def rules_from_dict(data: dict[str, Any], base: Rules = NATIONAL) -> Rules:
    """Return `base` with the fields of `data` replacing its own; raise InputError on a bad key."""
    known = {f.name: getattr(base, f.name) for f in fields(Rules)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise InputError(f"评分规则文件中有未知的设置项“{key}”")
        changes[key] = _coerce(key, known[key], value)
        if key in _CHOICES and changes[key] not in _CHOICES[key]:
            allowed = "、".join(_CHOICES[key])
            raise InputError(f"评分规则文件中“{key}”只能是：{allowed}")
    rules = replace(base, **changes)
    rules = replace(
        rules,
        grades=tuple(sorted(rules.grades, key=lambda g: -g[0])),
        rate_bands=tuple(sorted(rules.rate_bands, key=lambda b: -b[0])),
        rate_cap=tuple(sorted(rules.rate_cap, key=lambda b: b[0])),
    )
    return rules


def load_rules(path: str | Path | None) -> Rules:
    """Return the national rules, or those of a TOML file layered over them."""
    if path is None:
        return NATIONAL
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"找不到评分规则文件：{p}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"评分规则文件格式不正确（{p.name}）：{exc}") from None
    except OSError as exc:
        raise InputError(f"无法读取评分规则文件（{p.name}）：{exc.strerror}") from None
    return rules_from_dict(data)


def rules_to_toml(rules: Rules) -> str:
    """Return the rules as TOML text (every field written out), for export from the GUI."""
    lines = []
    for f in fields(Rules):
        value = getattr(rules, f.name)
        lines.append(f"{f.name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        inner = ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items())
        return "{ " + inner + " }"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(value)
