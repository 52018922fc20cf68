"""`generate` never destroys a person's work (issue 14, case 7): the texts typed into an earlier
output are carried into the new one (matched by project and indicator, into empty fields, an
explanation only while its indicator's values are unchanged), and the earlier file is kept as
a backup beside it; the messages say how many and where. The window's side is in
tests/gui/test_window.py."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from messy_input import DEPARTMENT_INDICATORS, FUNDS, INDICATORS, write_messy
from test_cli import selfeval

from app.carry import read_earlier
from app.pipeline import run
from app.writers.template import write_template

# In 校舍维修's form: row 11 the goals (B 预期目标), rows 13–15 the indicators (I 偏差原因).
TYPED = {
    ("校舍维修", "I13"): "雨季施工推迟，已安排次年补足",
    ("校舍维修", "I14"): "部分教室仍待改造，明年继续",
    ("校舍维修", "B11"): "完成校舍维修任务",
    ("部门整体", "B4"): "保障教育教学正常运行",
}


def type_into(path: Path, texts: dict[tuple[str, str], str]) -> None:
    book = openpyxl.load_workbook(path)
    for (sheet, cell), text in texts.items():
        book[sheet][cell] = text
    book.save(path)


def test_generate_again_carries_the_typed_texts_and_keeps_the_earlier_file(tmp_path):
    source = write_messy(tmp_path / "messy.xlsx")
    target = tmp_path / "结果.xlsx"
    first = selfeval("generate", str(source), "-o", str(target))
    assert "备份" not in first.stderr  # nothing there before
    type_into(target, TYPED)

    again = selfeval("generate", str(source), "-o", str(target), "--json")
    [backup] = tmp_path.glob("结果_备份*.xlsx")
    assert f"原文件已备份为：{backup}" in again.stderr
    assert "已将原文件中填写的4处文字（偏差原因分析等）带入新文件" in again.stderr
    report = json.loads(again.stdout)
    assert (report["backup"], report["carried"]) == (str(backup), 4)
    book = openpyxl.load_workbook(target)
    for (sheet, cell), text in TYPED.items():
        assert book[sheet][cell].value == text, (sheet, cell)
    kept = openpyxl.load_workbook(backup)
    assert kept["校舍维修"]["I13"].value == TYPED[("校舍维修", "I13")]
    # Explained now: 校舍维修 no longer asks for those two explanations.
    school = next(p for p in report["projects"] if p["name"] == "校舍维修")
    assert school["counts"]["problems"] == 2
    codes = [f["code"] for f in report["findings"] if f["project"] == "校舍维修"]
    assert "explanation_missing" not in codes


def test_an_explanation_of_changed_values_stays_in_the_backup(tmp_path):
    source = write_messy(tmp_path / "messy.xlsx")
    target = run(source, tmp_path / "结果.xlsx").output
    type_into(target, TYPED)
    # The person corrects the input: 维修面积 reached 950 m², not 900.
    indicators = [list(row) for row in INDICATORS]
    indicators[0][5] = "950平方米"
    write_template(
        source,
        {
            "部门信息": [["部门名称", "某区教育局"], ["年度", 2022]],
            "部门指标": DEPARTMENT_INDICATORS,
            "项目资金": FUNDS,
            "项目指标": indicators,
        },
    )
    result = run(source, target)
    assert (result.carried, result.left) == (3, 1)
    assert "另有1处偏差原因因指标值或完成值已改变未带入，请对照备份文件" in result.kept_text()
    book = openpyxl.load_workbook(target)
    assert book["校舍维修"]["I13"].value is None  # its explanation is the backup's to give
    assert book["校舍维修"]["I14"].value == TYPED[("校舍维修", "I14")]


def test_what_the_input_says_wins_and_a_foreign_file_is_only_kept(tmp_path):
    source = write_messy(tmp_path / "messy.xlsx")
    target = tmp_path / "结果.xlsx"
    target.write_bytes(b"a person's own file")
    result = run(source, target)
    assert result.backup is not None and result.backup.read_bytes() == b"a person's own file"
    assert result.carried == 0
    assert "它不是 selfeval 生成的自评结果或无法读取，其中的文字未带入" in result.kept_text()
    assert read_earlier(result.backup) is None
    # The output's own texts are read back as written.
    forms = read_earlier(target)
    assert forms is not None
    assert [f.name for f in forms] == ["某区教育局", "校舍维修", "课后服务", "营养餐", "教师培训"]
    school = forms[1]
    assert school.indicators[1][:5] == (
        "效益指标",
        "社会效益指标",
        "教学条件",
        "得到提升",
        "有所提升",
    )


def test_a_batch_keeps_the_earlier_results_too(tmp_path):
    (tmp_path / "in").mkdir()
    source = write_messy(tmp_path / "in" / "某区.xlsx")
    out_dir = tmp_path / "out"
    selfeval("generate", str(source.parent), "--out-dir", str(out_dir))
    made = out_dir / "某区_自评结果.xlsx"
    type_into(made, {("校舍维修", "I13"): TYPED[("校舍维修", "I13")]})
    again = selfeval("generate", str(source.parent), "--out-dir", str(out_dir))
    [backup] = out_dir.glob("某区_自评结果_备份*.xlsx")
    assert f"原文件已备份为：{backup}；已将原文件中填写的1处文字" in again.stderr
    assert openpyxl.load_workbook(made)["校舍维修"]["I13"].value == TYPED[("校舍维修", "I13")]
    # The backup in the folder is ours: a later check of the folder passes it over, said.
    check = selfeval("check", str(out_dir), "--jobs", "1")
    assert "这是 selfeval 生成的自评结果，不是部门的原始数据，未计入" in check.stderr
