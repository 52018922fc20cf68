"""The shortcuts that make evaluation and the report fast give exactly the slow results.

Judgements are remembered by rules value and year (bounded), plain numbers skip the full
grammar, results are built without the frozen constructors, and report rows are key-sharing
dicts: each is checked here against the plain way of doing the same thing.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.evaluate import expressions, memo, scoring
from app.evaluate.checks import score_findings
from app.evaluate.expressions import PLAIN_UNITS
from app.evaluate.results import IndicatorResult
from app.evaluate.scoring import evaluate, evaluate_project
from app.model import Dataset, Department, Funding, Funds, Indicator, Project, Where
from app.rules import NATIONAL, Rules, rules_from_dict
from app.text import format_number
from app.writers import report as report_module
from app.writers.report import dumps, report


def _ind(target: str, actual: str, level1: str = "产出指标", **kw) -> Indicator:
    kw.setdefault("where", Where("项目指标", "F2"))
    return Indicator(
        level1, kw.pop("level2", "数量指标"), kw.pop("name", "指标"), target, actual, **kw
    )


def _project(indicators, name: str = "项目甲") -> Project:
    funding = Funding("当年财政拨款", 100.0, 100.0, 95.0, Where("资金", "C2"), Where("资金", "D2"))
    return Project(name, funds=Funds((funding,)), indicators=tuple(indicators))


def _dataset(projects, year: int | None = 2022) -> Dataset:
    return Dataset("x.xlsx", "template", Department("部门", year), tuple(projects))


@pytest.fixture(autouse=True)
def _fresh_memos():
    """Each test starts without remembered judgements."""
    memo._memos.clear()
    yield
    memo._memos.clear()


# ---- plain numbers read without the full grammar -------------------------------------


def _slow_parse(text: str, year: int | None, monkeypatch) -> expressions.Expr:
    with monkeypatch.context() as m:
        m.setattr(expressions, "_plain_number", lambda core, text: None)
        return expressions._parse(text, year)


@pytest.mark.parametrize("unit", ["", *PLAIN_UNITS])
def test_plain_numbers_read_as_the_full_grammar_reads_them(unit, monkeypatch):
    ops = ["", "≥", "≤", ">", "<", "=", ">=", "＞＝", "不低于", "<>"]
    numbers = ["0", "5", "12", "31", "95.5", "0.95", "2022", "2022.11", "007", "１２", "5.5.5"]
    for op in ops:
        for number in numbers:
            for tail in ("", "。", "以上", "月"):
                text = f"{op}{number}{unit}{tail}"
                for year in (None, 2022):
                    fast = expressions._parse(text, year)
                    slow = _slow_parse(text, year, monkeypatch)
                    assert fast == slow, text
                    assert type(fast.value) is type(slow.value), text


def test_plain_number_values():
    assert expressions._parse("≤601万元", 2022) == expressions.Expr(
        "number", "≤601万元", "≤", 601.0, None, "万元", "money"
    )
    four_years = expressions._parse("4年", None)
    assert four_years.value == 48 and four_years.dimension == "duration_month"
    assert expressions._parse("12月", 2022).kind == "date"  # 月 is no plain unit
    assert expressions._parse("90%-95%", 2022).kind == "range"


def _format_number_reference(x: float) -> str:
    if x != x or x in (float("inf"), float("-inf")):
        return str(x)
    shown = f"{round(x, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if shown in ("-0", "") else shown


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.floats(allow_nan=True), st.integers(-(10**20), 10**20)))
def test_format_number_shortcuts_print_what_the_rounding_prints(x):
    assert format_number(x) == _format_number_reference(x)


def test_format_number_edges():
    for x in (0.0, -0.0, 98.00000000000001, 5e-7, -5e-7, 1e300, 2.0**53 + 1, 0.1 + 0.2, 1.0000005):
        assert format_number(x) == _format_number_reference(x), x
    assert format_number(-0.0) == "0" and format_number(98.00000000000001) == "98"


# ---- judgements remembered by rules value and year ------------------------------------


def test_each_judgement_is_made_once_per_rules_and_year(monkeypatch):
    calls = []
    real = memo.judge

    def counting(*args, **kw):
        calls.append(args[:2])
        return real(*args, **kw)

    monkeypatch.setattr(memo, "judge", counting)
    forms = [_project([_ind("≥95%", "100%"), _ind("≤30万元", "36万元", level2="成本指标")])] * 5
    evaluate(_dataset(forms))
    evaluate(_dataset(forms))  # a second run (a GUI's next file): nothing judged again
    assert sorted(calls) == [("≤30万元", "36万元"), ("≥95%", "100%")]
    evaluate(_dataset(forms, year=2023))  # another year: judged again
    assert len(calls) == 4


def test_rules_that_judge_differently_do_not_share_judgements():
    forms = [_project([_ind("≤30万元", "36万元", level2="成本指标", weight=90.0)])]
    linear = rules_from_dict({"reverse_formula": "linear"})
    ratio = evaluate(_dataset(forms)).projects[0].indicators[0]
    lin = evaluate(_dataset(forms), linear).projects[0].indicators[0]
    again = evaluate(_dataset(forms)).projects[0].indicators[0]
    assert ratio.score == pytest.approx(90 * 30 / 36)
    assert lin.score == pytest.approx(90 * (1 - 6 / 30))
    assert again.score == ratio.score and again.note == ratio.note
    assert "1 − (" in lin.note and "1 − (" not in ratio.note


def test_memos_are_keyed_by_every_rules_value_with_its_type():
    assert memo.memo_for(NATIONAL, 2022) is memo.memo_for(Rules(), 2022)
    assert memo.memo_for(NATIONAL, 2022) is not memo.memo_for(NATIONAL, None)
    # Equal as numbers, different as rules values: not one memo.
    ints = Rules(qualitative_scores=(1, 0.7, 0))  # type: ignore[arg-type]
    assert memo.memo_for(ints, 2022) is not memo.memo_for(NATIONAL, 2022)
    mutable = Rules()
    first = memo.memo_for(mutable, 2022)
    mutable.level1_weights["产出指标"] = 60.0  # a frozen Rules still holds a mutable dict
    assert memo.memo_for(mutable, 2022) is not first


def test_a_memo_judges_with_the_rules_it_was_made_for():
    rules = Rules()
    m = memo.memo_for(rules, 2022)
    assert m.rules == rules and m.rules is not rules


def test_memos_are_bounded(monkeypatch):
    monkeypatch.setattr(memo, "JUDGED_LIMIT", 10)
    forms = [_project([_ind("≥95%", f"{90 + i / 10}%")]) for i in range(35)]
    res = evaluate(_dataset(forms))
    assert len(memo.memo_for(NATIONAL, 2022)._judged) <= 10
    assert [p.indicators[0].status for p in res.projects][:2] == ["unmet", "unmet"]
    for year in (2020, 2021, 2022, 2023):
        memo.memo_for(NATIONAL, year)
    assert len(memo._memos) <= memo.MEMOS_KEPT


def test_scores_remembered_per_weight_match_fresh_ones():
    entry = memo.Entry(memo.judge("≥95%", "90%", rules=NATIONAL, year=2022))
    for weight in (12.5, 7.0, 12.5, 0.0, -0.0, 12.5):
        fresh = memo.score_judgement(entry.judgement, weight)
        got = entry.scored(weight)
        assert got == fresh and str(got[1]) == str(fresh[1])
        known = entry.fixed or entry.by_weight.get(weight)
        assert known is None or known == got


def test_quiet_judgements_have_no_findings():
    for target, actual in [
        ("≥95%", "100%"),
        ("得到提升", "得到提升"),
        ("2022年12月31日前", "2022年11月"),
    ]:
        entry = memo.Entry(memo.judge(target, actual, rules=NATIONAL, year=2022))
        assert entry.quiet
        res = evaluate_project(_project([_ind(target, actual)]), NATIONAL, 2022)
        assert [f.code for f in res.findings if f.code != "rate_low"] == []


# ---- builders and findings -------------------------------------------------------------


def test_score_findings_from_the_differing_indicators_only():
    inds = [
        _ind("≥95%", "90%", weight=45.0, stated_score=45.0, name="甲"),
        _ind("≥95%", "100%", weight=45.0, stated_score=45.0, name="乙"),
        _ind("≥95%", "100%", weight=0.0, stated_score=3.0, name="丙"),
    ]
    project = _project(inds)
    res = evaluate_project(project, NATIONAL, 2022)
    full = score_findings(
        project.name,
        project.funds,
        res.funds,
        res.indicators,
        (project.stated_total_score, project.stated_total_score_at),
        res.score,
        NATIONAL,
    )
    assert [f for f in res.findings if f.code == "score_differs"] == full
    assert [f.message.split("”")[0] for f in full[:2]] == ["指标“甲", "指标“丙"]


# ---- the report -------------------------------------------------------------------------


def _plain_indicator_json(r: IndicatorResult) -> dict:
    ind = r.indicator
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "target": ind.target.strip(),
        "actual": ind.actual.strip(),
        "status": r.status,
        "weight": None if r.weight is None else scoring.round_half_up(r.weight, 2),
        "score": None if r.score is None else scoring.round_half_up(r.score, 2),
        "needs_explanation": r.needs_explanation,
        "where": None if ind.where is None else str(ind.where),
        "band": r.band,
        "note": r.note,
        "breakdown": [
            {"name": b.name, "target": b.target, "actual": b.actual, "where": str(b.where)}
            for b in ind.breakdown
        ],
    }


def test_report_rows_are_the_plain_dicts_in_the_same_order():
    random.seed(3)
    inds = [
        _ind(" ≥95% ", f"{random.choice([80, 95, 99, 120])}%", weight=w, where=where)
        for w, where in [(33.3333, Where("表", "F2")), (0.0, None), (56.6667, Where("表", "F4"))]
    ]
    ev = evaluate(_dataset([_project(inds), _project([], name="项目乙")]))
    rep = report(ev, "x.xlsx", None)
    for got, res in zip(rep["projects"][0]["indicators"], ev.projects[0].indicators, strict=True):
        want = _plain_indicator_json(res)
        assert got == want and list(got) == list(want)
        assert json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)
    for got, f in zip(rep["findings"], ev.findings, strict=True):
        assert got == {
            "severity": f.severity,
            "code": f.code,
            "project": f.project,
            "where": None if f.where is None else str(f.where),
            "message": f.message,
        }
    assert json.loads(dumps(rep)) == rep


def test_report_rounding_keeps_negative_zero_and_half_up():
    assert report_module._r2(0.125) == 0.13 and report_module._r2(0.125) == 0.13
    assert str(report_module._r2(-0.0)) == "-0.0" and str(report_module._r2(0.0)) == "0.0"
    assert report_module._r2(None) is None and report_module._r2(89.995) == 90.0
