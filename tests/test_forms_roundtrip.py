"""The forms reader end to end: the seed as forms gives the template's report, and the
workbook `selfeval generate` writes reads back with the same numbers, statuses and scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "shuangyang-2022.xlsx"
FORMS = ROOT / "examples" / "shuangyang-2022-forms.xlsx"


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what names the input: its path, kind and cells (and the messages,
    which may name cells)."""

    def clean(o: Any) -> Any:
        if isinstance(o, dict):
            return {
                k: clean(v)
                for k, v in o.items()
                if k not in ("input", "output", "kind", "where", "message")
            }
        if isinstance(o, list):
            return [clean(v) for v in o]
        return o

    return clean(report)


@pytest.fixture(scope="module")
def template_report() -> dict[str, Any]:
    return run(TEMPLATE, write=False).report


def test_seed_forms_give_the_template_report(template_report: dict[str, Any]) -> None:
    forms = run(FORMS, write=False).report
    assert forms["kind"] == "forms"
    # The forms print 上年结转资金 and 其他资金 as 0.00; rows of zeros are left out as the
    # template leaves them out, so the reports are the same.
    assert comparable(forms) == comparable(template_report)


def test_generated_workbook_reads_back_the_same(
    tmp_path: Path, template_report: dict[str, Any]
) -> None:
    output = tmp_path / "out.xlsx"
    run(TEMPLATE, output)
    again = run(output, write=False).report
    assert again["kind"] == "forms"
    assert comparable(again) == comparable(template_report)
    # Findings point into the generated forms now.
    basic = next(p for p in again["projects"] if p["name"] == "2022年基础教育教学管理及条件改善")
    assert basic["indicators"][4]["where"].startswith("2022年基础教育教学管理及条件改善!")


@pytest.mark.parametrize(
    "name",
    ["02_chongqing_rongmeiti_dept_only", "38_two_departments", "40_seed_department_with_funds"],
)
def test_a_department_with_its_own_funds_reads_back_without_a_phantom_project(
    tmp_path: Path, name: str
) -> None:
    """The 部门整体 form prints its own 预算资金 and, below it, its projects added up
    (项目资金合计 | 全部项目): that second block is no form of its own."""
    source = ROOT / "tests" / "files" / "forms" / f"{name}.xlsx"
    first = run(source, tmp_path / "out.xlsx").report
    again = run(tmp_path / "out.xlsx", write=False).report
    assert [p["name"] for p in again["projects"]] == [p["name"] for p in first["projects"]]
    assert again["department"]["funds"]["budget"] == first["department"]["funds"]["budget"]
    assert again["department"]["score"] == first["department"]["score"]
