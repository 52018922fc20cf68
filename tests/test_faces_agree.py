"""Every face counts the same problems (issue 14): `selfeval check` lists every counted finding,
and 问题数 is the same in the text, the JSON report, the window's table, 汇总, 问题清单 and the
bureau summary, on the example and on a messy input (tests/messy_input.py).

问题数 is the number of errors and warnings (docs/report.md); 提示 are listed, not counted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE
from messy_input import NAMES, write_messy

from app.cli import main
from app.gui import view
from app.pipeline import run
from app.rollup import BatchItem
from app.writers.bureau import write_bureau

EXAMPLE_NAMES = (
    "2022年综合管理及条件改善",
    "2022年学生资助",
    "2022年基础教育教学管理及条件改善",
    "2022年职业教育教学管理及条件改善",
)
# Worked out by hand. The example: every project's budget moved more than 20 % without a
# reason given (two warnings each); 基础教育 has an exceeded indicator (a 提示) without its
# explanation (a warning); 职业教育's budget is 0 (rate_undefined). The messy input: see
# tests/messy_input.py.
CASES = {
    "example": (EXAMPLE_NAMES, [2, 2, 3, 3], 0, (0, 10, 1)),
    "messy": (NAMES, [4, 3, 2, 2], 1, (3, 9, 0)),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, tmp_path_factory):
    """(name, input, the generated workbook, the run's result)."""
    folder = tmp_path_factory.mktemp(request.param)
    source = EXAMPLE if request.param == "example" else write_messy(folder / "messy.xlsx")
    result = run(source, folder / "out.xlsx")
    return request.param, source, result


def cli_blocks(text: str) -> dict[str, tuple[int, list[str]]]:
    """The text report cut into blocks: name → (问题数 it states, its finding lines)."""
    blocks: dict[str, tuple[int, list[str]]] = {}
    name = None
    for line in text.splitlines():
        if line.startswith("■ "):
            name = re.sub(r"\s+问题数 \d+$", "", line[2:]).strip()
            stated = re.search(r"问题数 (\d+)", line)
            blocks[name] = (int(stated.group(1)) if stated else -1, [])
        elif name and (m := re.search(r"问题数 (\d+)$", line)):
            blocks[name] = (int(m.group(1)), blocks[name][1])
        elif name and line.startswith("  ["):
            blocks[name][1].append(line)
        elif not line.strip():
            name = None
    return blocks


def test_every_face_counts_the_same_problems(case, capsys, tmp_path):
    kind, source, result = case
    names, per_project, workbook, (errors, warnings, infos) = CASES[kind]
    total = sum(per_project) + workbook
    assert total == errors + warnings

    # selfeval check: each block states its 问题数 and lists that many errors and warnings.
    status = main(["check", str(source)])
    assert status == (1 if errors else 0)
    text = capsys.readouterr().out
    blocks = cli_blocks(text)
    for name, n in zip(names, per_project, strict=True):
        stated, lines = blocks[name]
        assert stated == n, name
        assert sum(line.startswith(("  [错误]", "  [警告]")) for line in lines) == n, name
    if workbook:
        stated, lines = blocks["部门及工作簿"]
        assert stated == workbook == len(lines)
    else:
        assert "部门及工作簿" not in blocks
    assert f"共 {total} 个问题：{errors} 个错误、{warnings} 个警告；另有 {infos} 条提示" in text

    # --json: the same counts, and every counted finding's message is in the text report.
    main(["check", str(source), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert [p["counts"]["problems"] for p in report["projects"]] == per_project
    assert report["department"]["counts"]["problems"] == workbook
    assert report["counts"] == {
        "problems": total,
        "error": errors,
        "warning": warnings,
        "info": infos,
    }
    counted = [f for f in report["findings"] if f["severity"] in ("error", "warning")]
    assert len(counted) == total
    for f in counted:
        assert f["message"] in text, f["message"]

    # The window: the project table's 问题数, the findings panel under each project, the line.
    ev = result.evaluation
    assert [r.issues for r in view.project_rows(ev)] == per_project
    rows = view.finding_rows(ev)
    for name, n in zip(names, per_project, strict=True):
        assert sum(r.owner == name and r.severity != "info" for r in rows) == n
    assert sum(r.owner is None and r.severity != "info" for r in rows) == workbook
    assert view.problems_text(ev).startswith(f"{total}（错误 {errors} · 警告 {warnings}")

    # 汇总 (问题数 in column O, 合计 with the workbook's own) and 问题清单 (one row each).
    book = openpyxl.load_workbook(result.output, data_only=True)
    summary = book["汇总"]
    first = 4
    assert [summary.cell(first + i, 2).value for i in range(len(names))] == list(names)
    assert [summary.cell(first + i, 15).value for i in range(len(names))] == per_project
    assert summary.cell(first + len(names), 1).value == "合计"
    assert summary.cell(first + len(names), 15).value == total
    listed = book["问题清单"]
    assert f"错误 {errors} 项、警告 {warnings} 项（即问题数 {total}）" in listed["A2"].value
    found = [
        (listed.cell(r, 2).value, listed.cell(r, 3).value) for r in range(4, listed.max_row + 1)
    ]
    assert len(found) == total + infos
    for name, n in zip(names, per_project, strict=True):
        assert sum(sev != "提示" and who == name for sev, who in found) == n, name

    # The bureau summary: 全部项目's 问题数, 部门汇总's 错误 and 警告.
    item = BatchItem(Path(source), result.output, result.report, None, 0.1)
    target = tmp_path / "汇总.xlsx"
    write_bureau([item], target)
    bureau = openpyxl.load_workbook(target, data_only=True)
    projects = bureau["全部项目"]
    assert [projects.cell(4 + i, 10).value for i in range(len(names))] == per_project
    departments = bureau["部门汇总"]
    heads = [c.value for c in departments[3]]
    assert departments.cell(4, heads.index("错误") + 1).value == errors
    assert departments.cell(4, heads.index("警告") + 1).value == warnings


def test_a_partial_band_is_called_partial_everywhere(capsys, tmp_path):
    """ "有所提升" against "得到提升": 部分达成 at 70 % (30 × 0.7 = 21 points), status unmet; the
    text, the window, 问题清单 and 汇总 say 部分达成, and 汇总 counts it apart from 未达成."""
    source = write_messy(tmp_path / "messy.xlsx")
    result = run(source, tmp_path / "out.xlsx")
    (school,) = [p for p in result.report["projects"] if p["name"] == "校舍维修"]
    condition = next(i for i in school["indicators"] if i["name"] == "教学条件")
    assert (condition["status"], condition["band"], condition["score"]) == ("unmet", "部分达成", 21)
    said = "指标“教学条件”部分达成：年度指标值“得到提升”，实际完成值“有所提升”"
    main(["check", str(source)])
    assert said in capsys.readouterr().out
    assert said in [r.message for r in view.finding_rows(result.evaluation)]
    book = openpyxl.load_workbook(result.output, data_only=True)
    listed = book["问题清单"]
    assert said in [listed.cell(r, 5).value for r in range(4, listed.max_row + 1)]
    summary = book["汇总"]
    heads = [c.value for c in summary[3]]
    assert heads[7:12] == ["指标数", "达成", "部分达成", "未达成", "需人工判断"]
    # 校舍维修: 维修面积 short of its target (未达成), 教学条件 部分达成, 满意度 达成.
    assert [summary.cell(4, c).value for c in range(8, 13)] == [3, 1, 1, 1, 0]
    assert [summary.cell(8, c).value for c in range(8, 13)] == [11, 8, 1, 2, 0]  # 合计
    for row in book["问题清单"].iter_rows(min_row=4, values_only=True):
        assert "教学条件”未达成" not in (row[4] or "")
