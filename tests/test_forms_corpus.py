"""The corpus of real-looking regional forms (issue 13, tests/files/forms/): every workbook
gives the report facts worked out by hand in corpus_expected.py — the projects and the
department found, their funds, every indicator's status, weight and score, the totals and
grades, and the findings by code. The workbooks are built by build_corpus.py.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from corpus_expected import ANY, CASES, Case, Funds, Ind

from app.errors import InputError
from app.pipeline import run

FOLDER = Path(__file__).resolve().parent / "files" / "forms"
READABLE = [c for c in CASES.values() if not c.error]
UNREADABLE = [c for c in CASES.values() if c.error]
BLANK_FORM_NAME = re.compile(r"^\s*(指标\s*\d+\s*[:：]?|[…\.]{2,}$)")
"""A name that is (or starts with) a label of the blank form: 指标1, 指标2：, ……"""


def _ids(cases: list[Case]) -> list[str]:
    return [c.file for c in cases]


@cache
def _outcome(file: str) -> dict[str, Any] | InputError:
    try:
        return run(FOLDER / file, write=False).report
    except InputError as e:
        return e


def _report(case: Case) -> dict[str, Any]:
    got = _outcome(case.file)
    if isinstance(got, InputError):
        pytest.fail(f"{case.file} could not be read: {got.message}")
    return got


def _pick(expected: Any, actual: Any) -> Any:
    """The actual value, or ANY where the expectation leaves the fact open."""
    return ANY if expected is ANY else actual


def _r(x: Any, digits: int) -> Any:
    return round(x, digits) if isinstance(x, int | float) and x is not ANY else x


def _indicator(exp: Ind, got: dict[str, Any]) -> tuple[Any, ...]:
    breakdown = tuple((b["name"], b["target"], b["actual"]) for b in got.get("breakdown") or ())
    return (
        got["level1"],
        got["level2"],
        got["name"],
        _pick(exp.target, got["target"]),
        _pick(exp.actual, got["actual"]),
        got["status"],
        _pick(exp.weight, _r(got["weight"], 2)),
        _r(got["score"], 2),
        breakdown,
    )


def _expected_indicator(exp: Ind) -> tuple[Any, ...]:
    return (
        exp.level1,
        exp.level2,
        exp.name,
        exp.target,
        exp.actual,
        exp.status,
        _r(exp.weight, 2),
        _r(exp.score, 2),
        exp.breakdown,
    )


def _indicators(expected: tuple[Ind, ...], got: list[dict[str, Any]]) -> None:
    assert len(got) == len(expected), [i["name"] for i in got]
    assert [_indicator(e, g) for e, g in zip(expected, got, strict=True)] == [
        _expected_indicator(e) for e in expected
    ]


def _amounts(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(None if x is None else round(x, 6) for x in row)


def _funds(expected: Funds, got: dict[str, Any] | None) -> None:
    assert got is not None, "funds missing"
    fields = ("initial", "budget", "spent", "rate")
    assert _amounts(tuple(got[f] for f in fields)) == _amounts(
        tuple(getattr(expected, f) for f in fields)
    )
    if expected.sources is not ANY:
        sources = {
            name: _amounts(tuple(s[f] for f in fields)) for name, s in got["sources"].items()
        }
        assert sources == {name: _amounts(row) for name, row in expected.sources.items()}
    if expected.weight is not ANY:
        assert got.get("weight") == pytest.approx(expected.weight, abs=1e-6)
    if expected.score is not ANY:
        assert got.get("score") == pytest.approx(expected.score, abs=1e-6)


def test_every_file_has_its_facts() -> None:
    files = sorted(p.name for p in FOLDER.iterdir() if p.suffix in (".xlsx", ".xls"))
    assert files == sorted(CASES)
    assert len(files) >= 22
    assert sum(f.endswith(".xls") for f in files) >= 2


@pytest.mark.parametrize("case", UNREADABLE, ids=_ids(UNREADABLE))
def test_no_self_evaluation_form_cannot_be_read(case: Case) -> None:
    got = _outcome(case.file)
    assert isinstance(got, InputError), "expected exit 2 (InputError)"
    for words in case.error:
        alternatives = (words,) if isinstance(words, str) else words
        assert any(w in got.message for w in alternatives), (alternatives, got.message)


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_projects(case: Case) -> None:
    got = _report(case)["projects"]
    assert [(p["name"], p["unit"]) for p in got] == [(p.name, p.unit) for p in case.projects]


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_funds(case: Case) -> None:
    report = _report(case)
    assert len(report["projects"]) == len(case.projects)
    for exp, got in zip(case.projects, report["projects"], strict=True):
        _funds(exp.funds, got["funds"])
    dep = case.department
    if dep is not None and dep.funds is not ANY:
        _funds(dep.funds, report["department"]["funds"])


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_indicators(case: Case) -> None:
    report = _report(case)
    assert len(report["projects"]) == len(case.projects)
    for exp, got in zip(case.projects, report["projects"], strict=True):
        _indicators(exp.indicators, got["indicators"])
    if case.department is not None:
        _indicators(case.department.indicators, report["department"]["indicators"])


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_totals_and_grades(case: Case) -> None:
    report = _report(case)
    got = [(p["name"], p["score"], p["grade"], p["provisional"]) for p in report["projects"]]
    assert got == [(p.name, p.score, p.grade, p.provisional) for p in case.projects]


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_department(case: Case) -> None:
    got = _report(case)["department"]
    dep = case.department
    if dep is None:
        # no department form: nothing of a department is scored
        assert (got["indicators"], got["score"]) == ([], None)
        return
    assert (got["name"], got["year"]) == (dep.name, dep.year)
    assert (got["score"], got["grade"], got["provisional"]) == (
        dep.score,
        dep.grade,
        dep.provisional,
    )


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_findings(case: Case) -> None:
    findings = _report(case)["findings"]
    counts = Counter(f["code"] for f in findings)
    expected = {f.code: f for f in case.findings}
    unexpected = {code: n for code, n in counts.items() if code not in expected}
    assert not unexpected, [f for f in findings if f["code"] in unexpected]
    for code, exp in expected.items():
        mine = [f for f in findings if f["code"] == code]
        accepted = exp.count if isinstance(exp.count, tuple) else (exp.count,)
        assert len(mine) in accepted, (code, mine)
        assert {f["severity"] for f in mine} <= {exp.severity}, (code, mine)
        wheres = [f["where"] or "" for f in mine]
        for w in exp.where:
            found = any(x.startswith(w) for x in wheres) if w.endswith("!") else w in wheres
            assert found, (code, w, wheres)
        for word in exp.words:
            assert any(word in f["message"] for f in mine), (code, word, mine)


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_no_blank_form_row_and_no_unnamed_project(case: Case) -> None:
    report = _report(case)
    forms = [*report["projects"], report["department"]]
    names = [i["name"] for f in forms for i in f["indicators"]]
    assert not [n for n in names if BLANK_FORM_NAME.match(n)]
    if not case.unnamed_project:
        assert not [p["name"] for p in report["projects"] if p["name"].startswith("未命名项目")]


def _cells(path: Path) -> dict[str, Any]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        out[name] = (sheet.to_python(), sorted(sheet.merged_cell_ranges or []))
    return out


def test_committed_workbooks_are_what_the_builders_write(tmp_path: Path) -> None:
    """A builder changed without rebuilding (python tests/build_corpus.py) would leave the
    facts checked against an old workbook."""
    from build_corpus import build_all

    for built in build_all(tmp_path, xls=False):
        assert _cells(built) == _cells(FOLDER / built.name), built.name
