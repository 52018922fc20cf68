"""A bureau's batch counts each department once (issue 14, case 6): copies are read once, the
same department (name and year) met again is not counted, a workbook selfeval made is told by
its content (a renamed result, an older one without the marker) and passed over unless it is
the only input, and each year is ranked on its own. Every file passed over says why, naming
the one counted."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE
from test_batch import second_department
from test_cli import selfeval

from app.batch import run_many
from app.pipeline import run
from app.readers.ours import RESULT, SUMMARY, made_by_selfeval
from app.rollup import department_rows
from app.rules import NATIONAL

GRADES = [g for _, g in NATIONAL.grades]
SEED = "长春市双阳区教育局（汇总）"


def test_thirty_copies_are_one_department(tmp_path: Path) -> None:
    folder = tmp_path / "副本"
    folder.mkdir()
    for n in range(30):
        shutil.copy(EXAMPLE, folder / f"教育局{n:02d}.xlsx")
    items = run_many(sorted(folder.iterdir()), None, NATIONAL, workers=1)
    assert [item.counted for item in items] == [True] + [False] * 29
    assert all(item.report is None for item in items[1:])  # never read
    assert items[1].skipped == "与“教育局00.xlsx”内容完全相同，只读取一次"
    (row,) = department_rows(items, GRADES)
    # One department: its sums once (15,037.04, not 30 times that), ranked 1.
    assert (row.name, row.budget, row.rank) == (SEED, pytest.approx(15037.04), 1)


def test_the_same_department_in_another_file_is_counted_once(tmp_path: Path) -> None:
    """The seed as a template, and again with one figure changed: same name and year."""
    first = Path(shutil.copy(EXAMPLE, tmp_path / "a教育局.xlsx"))
    book = openpyxl.load_workbook(EXAMPLE)
    book["项目资金"]["G2"] = 400  # 综合管理's 全年执行数, 427.07 before
    book.save(tmp_path / "b教育局修改.xlsx")
    items = run_many([first, tmp_path / "b教育局修改.xlsx"], None, NATIONAL, workers=1)
    assert [item.counted for item in items] == [True, False]
    assert items[1].report is not None  # read (its content differs), not counted
    assert items[1].skipped == (
        f"与“a教育局.xlsx”是同一部门（{SEED}，2022年度），只计入一次（按“a教育局.xlsx”）"
    )
    assert [row.item.input.name for row in department_rows(items, GRADES)] == ["a教育局.xlsx"]


def test_a_selfeval_workbook_is_told_by_its_content(tmp_path: Path) -> None:
    made = run(EXAMPLE, tmp_path / "结果.xlsx").output
    assert made is not None and made_by_selfeval(made) == RESULT
    assert made_by_selfeval(EXAMPLE) is None
    # An older result, without the marker: known by its 汇总 and 问题清单 sheets.
    older = tmp_path / "旧结果.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(older, "w") as dst:
        for info in src.infolist():
            if info.filename != "docProps/custom.xml":
                dst.writestr(info, src.read(info))
    assert made_by_selfeval(older) == RESULT
    # The name means nothing: a department's workbook named like a result is one.
    lookalike = Path(shutil.copy(EXAMPLE, tmp_path / "教育局_自评结果.xlsx"))
    assert made_by_selfeval(lookalike) is None

    renamed = Path(shutil.copy(made, tmp_path / "教育局正式.xlsx"))
    other = second_department(tmp_path / "卫健局.xlsx")
    items = run_many([renamed, other], None, NATIONAL, workers=1)
    assert items[0].skipped == "这是 selfeval 生成的自评结果，不是部门的原始数据，未计入"
    assert items[0].report is None and items[1].counted
    # The only input: read, as the forms it holds.
    (alone,) = run_many([renamed], None, NATIONAL, workers=1)
    assert alone.counted and alone.report is not None
    assert alone.report["kind"] == "forms" and alone.report["department"]["name"] == SEED


def test_the_bureau_summary_is_ours_too(tmp_path: Path) -> None:
    from app.rollup import BatchItem
    from app.writers.bureau import write_bureau

    result = run(EXAMPLE, write=False)
    target = tmp_path / "随便起的名字.xlsx"
    write_bureau([BatchItem(EXAMPLE, None, result.report, None, 0.1)], target)
    assert made_by_selfeval(target) == SUMMARY


def test_each_year_is_ranked_on_its_own(tmp_path: Path) -> None:
    """2022: the seed (97.5) over the health bureau; 2023: the health bureau alone, first."""
    seed = Path(shutil.copy(EXAMPLE, tmp_path / "a教育局2022.xlsx"))
    health = second_department(tmp_path / "b卫健局2022.xlsx")
    book = openpyxl.load_workbook(health)
    sheet = book["部门信息"]
    year_row = next(r for r in range(1, 5) if sheet.cell(r, 1).value == "年度")
    sheet.cell(year_row, 2).value = 2023
    book.save(tmp_path / "c卫健局2023.xlsx")
    out = selfeval("check", str(tmp_path), "--json", "--jobs", "1")
    reports = json.loads(out.stdout)
    assert [r["department"]["year"] for r in reports] == [2022, 2022, 2023]
    items = run_many(sorted(tmp_path.glob("*.xlsx")), None, NATIONAL, workers=1)
    rows = department_rows(items, GRADES)
    assert [(r.year, r.item.input.name, r.rank) for r in rows] == [
        (2022, seed.name, 1),
        (2022, health.name, 2),
        (2023, "c卫健局2023.xlsx", 1),
    ]
    text = selfeval("check", str(tmp_path), "--jobs", "1").stdout
    assert "2022年度（单独排名）" in text and "2023年度（单独排名）" in text
    assert "  1. 长春市双阳区卫生健康局  2023年度" in text
