"""Many departments at once: finding the inputs, the process pool, the ranking, the bureau
summary workbook and the batch command line (`generate DIR --out-dir … --summary …`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE, ROOT
from test_cli import selfeval

from app.batch import output_names, run_many
from app.errors import Cancelled
from app.files import collect_inputs
from app.pipeline import run
from app.rollup import BatchItem, department_rows
from app.rules import NATIONAL
from app.writers.template import write_template

FORMS_EXAMPLE = ROOT / "examples" / "shuangyang-2022-forms.xlsx"
GRADES = [g for _, g in NATIONAL.grades]


def second_department(path: Path) -> Path:
    """A small template of another department: two projects, one spent at half its budget
    with an unmet indicator, so its figures differ from the seed's."""
    write_template(
        path,
        {
            "部门信息": [["部门名称", "长春市双阳区卫生健康局"], ["年度", 2022]],
            "项目资金": [
                ["疫苗接种", "卫健局", "疾控中心", "当年财政拨款", 120, 100, 100],
                ["设备更新", "卫健局", "中心医院", "当年财政拨款", 80, 80, 40],
            ],
            "项目指标": [
                ["疫苗接种", "产出指标", "数量指标", "接种人数", "≥5000人", "5200人"],
                ["疫苗接种", "效益指标", "社会效益指标", "传染病发病率", "≤1%", "0.8%"],
                ["设备更新", "产出指标", "数量指标", "更新设备台数", "≥10台", "6台"],
                ["设备更新", "满意度指标", "服务对象满意度指标", "患者满意度", "≥90%", "95%"],
            ],
        },
    )
    return path


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """The seed as template, another department, the seed as official forms, a broken file."""
    if not FORMS_EXAMPLE.exists():
        pytest.skip("examples/shuangyang-2022-forms.xlsx 尚未生成（正式表格读取器未完成）")
    folder = tmp_path / "各部门"
    (folder / "卫健").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "教育局.xlsx")
    second_department(folder / "卫健" / "卫健局.xlsx")
    shutil.copy(FORMS_EXAMPLE, folder / "教育局正式表.xlsx")
    (folder / "损坏.xlsx").write_text("这不是工作簿", encoding="utf-8")
    return folder


def _sheet_rows(ws) -> list[dict[str, object]]:
    """Rows under the header (third row) as dicts keyed by header, up to an empty or 合计 row."""
    heads = [c.value for c in ws[3]]
    rows = []
    for values in ws.iter_rows(min_row=4, values_only=True):
        if values[0] in (None, "合计"):
            break
        rows.append(dict(zip(heads, values, strict=True)))
    return rows


def test_generate_folder_with_summary_matches_single_file_reports(
    mixed_folder: Path, tmp_path: Path
) -> None:
    out_dir, summary = tmp_path / "结果", tmp_path / "汇总.xlsx"
    out = selfeval(
        "generate", str(mixed_folder), "--out-dir", str(out_dir), "--summary", str(summary),
        "--json", "--jobs", "2",
    )  # fmt: skip
    assert out.returncode == 1, out.stderr  # one file failed
    reports = json.loads(out.stdout)
    inputs = sorted(mixed_folder.rglob("*.xlsx"), key=str)
    assert [r["input"] for r in reports] == [str(p) for p in inputs]

    broken = mixed_folder / "损坏.xlsx"
    single = selfeval("check", str(broken))
    assert single.returncode == 2
    failed = next(r for r in reports if r["input"] == str(broken))
    assert failed == {"input": str(broken), "error": single.stderr.strip()}
    assert "损坏.xlsx" in failed["error"]
    lines = out.stderr.splitlines()
    progress = rf"\[[1-4]/4\] 损坏\.xlsx → 错误：{re.escape(failed['error'])}"
    assert sum(bool(re.fullmatch(progress, line)) for line in lines) == 1
    assert sum(line.startswith("[") for line in lines) == 4

    good = [r for r in reports if "error" not in r]
    assert {Path(r["output"]).name for r in good} == {
        "教育局_自评结果.xlsx",
        "卫健局_自评结果.xlsx",
        "教育局正式表_自评结果.xlsx",
    }
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(Path(r["output"]).name for r in good)
    for r in good:
        assert openpyxl.load_workbook(r["output"], read_only=True).sheetnames[0] == "汇总"

    # The seed as official forms is the same department as the seed's template (same name,
    # same year): written, said, and counted once, by the file met first.
    twice = "教育局正式表.xlsx：与“教育局.xlsx”是同一部门（长春市双阳区教育局（汇总），2022年度），"
    assert twice + "只计入一次（按“教育局.xlsx”）" in lines
    assert "共4个文件：成功2个，失败1个，未计入1个（见上）" in lines
    forms = next(r for r in reports if r["input"].endswith("教育局正式表.xlsx"))
    assert forms["skipped"].startswith("与“教育局.xlsx”是同一部门")

    wb = openpyxl.load_workbook(summary, data_only=True)
    assert wb.sheetnames == ["部门汇总", "全部项目", "失败文件", "未计入文件"]
    departments = {row["来源文件"]: row for row in _sheet_rows(wb["部门汇总"])}
    assert set(departments) == {"教育局.xlsx", "卫健局.xlsx"}
    for r in good:
        if r.get("skipped"):
            continue
        expected = run(r["input"], write=False).report  # a single-file run of its own
        assert r["projects"] == expected["projects"]
        row = departments[Path(r["input"]).name]
        scores = [p["score"] for p in expected["projects"]]
        assert row["部门"] == expected["department"]["name"]
        assert row["项目数"] == len(expected["projects"])
        assert row["全年预算数（万元）"] == pytest.approx(
            sum(p["funds"]["budget"] for p in expected["projects"])
        )
        assert row["全年执行数（万元）"] == pytest.approx(
            sum(p["funds"]["spent"] for p in expected["projects"])
        )
        assert row["平均得分"] == pytest.approx(sum(scores) / len(scores))
        assert row["错误"] == sum(f["severity"] == "error" for f in expected["findings"])
        assert row["警告"] == sum(f["severity"] == "warning" for f in expected["findings"])
        assert row["优"] == sum(p["grade"] == "优" for p in expected["projects"])
        assert row["结果文件"] == Path(r["output"]).name

    education = departments["教育局.xlsx"]
    assert (education["项目数"], education["全年预算数（万元）"]) == (4, pytest.approx(15037.04))
    assert education["平均得分"] == pytest.approx(97.5)  # 100, 100, 100 and 90
    health = departments["卫健局.xlsx"]
    assert health["部门"] == "长春市双阳区卫生健康局"
    assert (health["全年预算数（万元）"], health["全年执行数（万元）"]) == (180, 140)
    assert health["执行率"] == pytest.approx(140 / 180)
    assert education["排名"] == 1
    assert health["排名"] == 2 and health["平均得分"] < 97.5

    ws = wb["部门汇总"]
    total = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "合计")
    assert total[2] == 6 and total[3] == pytest.approx(15037.04 + 180)
    link = next(c for c in ws["P"] if c.value == "卫健局.xlsx").hyperlink
    assert Path(link.target.replace("\\", "/")) == Path("各部门/卫健/卫健局.xlsx")

    projects = _sheet_rows(wb["全部项目"])
    assert len(projects) == 6
    health_projects = {p["项目"]: p for p in projects if p["来源文件"] == "卫健局.xlsx"}
    assert set(health_projects) == {"疫苗接种", "设备更新"}
    assert health_projects["设备更新"]["执行率"] == pytest.approx(0.5)
    assert health_projects["设备更新"]["实施单位"] == "中心医院"
    assert health_projects["疫苗接种"]["年初预算数（万元）"] == 120
    passed = _sheet_rows(wb["未计入文件"])
    assert [(Path(p["文件"]).name, p["原因"]) for p in passed] == [
        ("教育局正式表.xlsx", forms["skipped"])
    ]

    failures = _sheet_rows(wb["失败文件"])
    assert [(f["文件"], f["原因"]) for f in failures] == [(str(broken), failed["error"])]


def test_check_several_files_gives_a_json_list_and_exit_0(tmp_path: Path) -> None:
    seed = Path(shutil.copy(EXAMPLE, tmp_path / "b教育局.xlsx"))
    other = second_department(tmp_path / "a卫健局.xlsx")
    out = selfeval("check", str(seed), str(other), "--json", "--jobs", "2")
    reports = json.loads(out.stdout)
    assert [r["department"]["name"] for r in reports] == [
        "长春市双阳区卫生健康局",
        "长春市双阳区教育局（汇总）",
    ]  # in path order, not in the order given
    assert all(r["output"] is None for r in reports)
    assert out.returncode == 0, out.stderr
    assert sorted(tmp_path.iterdir()) == [other, seed]  # check writes nothing


def test_every_file_failing_gives_exit_2(tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsx"):  # two different broken files (a copy is read once)
        (tmp_path / name).write_text(name, encoding="utf-8")
    out = selfeval("generate", str(tmp_path), "--out-dir", str(tmp_path / "out"))
    assert out.returncode == 2
    assert "共2个文件：成功0个，失败2个" in out.stderr
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "请用 --out-dir 指定输出文件夹"),
        (["--out-dir", "x", "-o", "y.xlsx"], "-o/--output 只能用于单个文件"),
        (["--out-dir", "x", "--jobs", "0"], "--jobs：必须是正整数"),
    ],
)
def test_batch_usage_errors(tmp_path: Path, extra: list[str], message: str) -> None:
    out = selfeval("generate", str(EXAMPLE), str(EXAMPLE), *extra)
    assert out.returncode == 2 and message in out.stderr
    assert out.stdout == ""


def test_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    out = selfeval("check", str(tmp_path))
    assert out.returncode == 2
    assert out.stderr.strip() == "没有找到要处理的工作簿（.xlsx、.xlsm、.xls）"


def test_collect_inputs_skips_lock_and_hidden_files(tmp_path: Path) -> None:
    """Names decide only about lock and hidden files: a workbook named like our output is
    taken, and told by its content when processed (test_batch_same.py)."""
    for name in (
        "b.xlsx",
        "a.XLSM",
        "c.xls",
        "notes.txt",
        "b_自评结果.xlsx",
        "~$b.xlsx",
        ".b.xlsx",
        ".git/d.xlsx",
        "sub/e.xlsx",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    given = tmp_path / "notes.txt"  # a file named explicitly is taken whatever its name
    found = collect_inputs([tmp_path, given, tmp_path / "b.xlsx", tmp_path / "sub"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.XLSM",
        "b.xlsx",
        "b_自评结果.xlsx",
        "c.xls",
        "notes.txt",
        "sub/e.xlsx",
    ]


def test_output_names_number_stems_that_meet_twice(tmp_path: Path) -> None:
    inputs = [Path("甲/预算.xlsx"), Path("乙/预算.xlsx"), Path("乙/预算.xls"), Path("丙/其他.xlsx")]
    assert [p.name for p in output_names(inputs, tmp_path)] == [
        "预算_自评结果.xlsx",
        "预算(2)_自评结果.xlsx",
        "预算(3)_自评结果.xlsx",
        "其他_自评结果.xlsx",
    ]


def test_same_stem_in_two_folders_never_overwrites(tmp_path: Path) -> None:
    first, second = tmp_path / "一" / "部门.xlsx", tmp_path / "二" / "部门.xlsx"
    first.parent.mkdir()
    second.parent.mkdir()
    shutil.copy(EXAMPLE, first)
    second_department(second)
    seen: list[tuple[int, int]] = []
    items = run_many(
        [first, second], tmp_path / "out", workers=1, progress=lambda d, t, _: seen.append((d, t))
    )
    assert seen == [(1, 2), (2, 2)]
    assert [i.output.name for i in items if i.output] == [
        "部门_自评结果.xlsx",
        "部门(2)_自评结果.xlsx",
    ]
    infos = [openpyxl.load_workbook(i.output, read_only=True)["汇总"]["A2"].value for i in items]
    assert "部门：长春市双阳区教育局（汇总）" in infos[0]
    assert "部门：长春市双阳区卫生健康局" in infos[1]
    assert items[1].report["department"]["name"] == "长春市双阳区卫生健康局"
    assert items[1].sheets == ("疫苗接种", "设备更新")
    assert all(i.error is None and i.seconds > 0 for i in items)


def test_pool_keeps_input_order_and_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "a坏.xlsx"
    bad.write_text("x", encoding="utf-8")
    items = run_many([bad, EXAMPLE], None, workers=2)
    assert [i.input for i in items] == [bad, EXAMPLE]
    assert items[0].report is None and "a坏.xlsx" in (items[0].error or "")
    assert items[1].report is not None and items[1].output is None


def test_cancel_stops_the_batch(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        run_many([EXAMPLE, EXAMPLE], tmp_path, workers=1, cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


def _item(name: str, scores: list[float | None], budget: float = 10.0) -> BatchItem:
    projects = [
        {
            "name": f"{name}{k}",
            "funds": {"initial": budget, "budget": budget, "spent": budget / 2, "rate": 0.5},
            "score": s,
            "grade": None if s is None else ("优" if s >= 90 else "良"),
            "provisional": s is None,
        }
        for k, s in enumerate(scores)
    ]
    report = {
        "department": {"name": name, "year": 2022},
        "projects": projects,
        "findings": [{"severity": "warning", "project": f"{name}0"}],
    }
    return BatchItem(Path(f"{name}.xlsx"), None, report, None, 0.1)


def test_department_rows_rank_ties_share_and_unscored_come_last() -> None:
    items = [
        _item("甲", [80.0, 90.0]),  # 85
        _item("乙", [None]),
        _item("丙", [95.0, 75.0]),  # 85: ties with 甲
        _item("丁", [99.0, None], budget=0.0),
        BatchItem(Path("坏.xlsx"), None, None, "无法读取", 0.0),
    ]
    rows = department_rows(items, GRADES)
    assert [(r.name, r.rank) for r in rows] == [("丁", 1), ("甲", 2), ("丙", 2), ("乙", None)]
    ding = rows[0]
    assert (ding.average, ding.rate, ding.provisional, ding.projects) == (99.0, None, 1, 2)
    jia = rows[1]
    assert (jia.budget, jia.spent, jia.rate) == (20.0, 10.0, 0.5)
    assert jia.grades == {"优": 1, "良": 1, "中": 0, "差": 0}
    assert jia.severities == {"error": 0, "warning": 1, "info": 0}


def test_a_summary_saved_in_the_input_folder_is_not_read_back(tmp_path: Path, capsys) -> None:
    from app.cli import main

    shutil.copy(EXAMPLE, tmp_path / "教育局.xlsx")
    summary = tmp_path / "汇总.xlsx"
    for _ in range(2):
        assert main(["check", str(tmp_path), "--summary", str(summary), "--jobs", "1"]) == 0
        assert "共1个文件：成功1个，失败0个" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["汇总.xlsx", "教育局.xlsx"])
