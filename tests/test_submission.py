"""Two copies from one run (issue 16): the review copy and the submission copy (报送版), read
back with openpyxl. The submission copy holds the official forms only, plain and signed, with
the very values and formulas of the review copy's forms."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from messy_input import DEPARTMENT_INDICATORS, FUNDS, INDICATORS

from app.files import default_submission
from app.pipeline import run
from app.writers.template import write_template

SIGNED = [
    ["部门名称", "某区教育局"],
    ["年度", 2022],
    ["评价结论", "全年目标基本完成"],
    ["填报单位", "某区教育局"],
    ["单位负责人", "王一"],
    ["财务负责人", "李二"],
    ["填报人", "张三"],
    ["联系电话", "0431-88888888"],
    ["填报日期", "2023年3月15日"],
]
GOALS = [
    [
        "校舍维修",
        "完成校舍维修",
        "完成",
        "雨季施工推迟，已安排次年补足",
        "基本完成",
        "工期偏紧",
        "提前规划",
    ],
]
TYPED = [
    # 课后服务's 学生参与率 typed as a bare fraction: scored as 93% and printed so.
    [*row[:5], "0.93"] if row[3] == "学生参与率" else row
    for row in INDICATORS
]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "shuangyang-2022.xlsx"
FORMS = ("部门整体", "校舍维修", "课后服务", "营养餐", "教师培训")
PLAIN_FORMATS = {"General", "#,##0.00", "0.00%", "0.00", '"等级："@'}


def write_signed(path: Path, department: str = "某区教育局") -> Path:
    """The messy input of issue 14 with the template's new rows and columns filled."""
    write_template(
        path,
        {
            "部门信息": [["部门名称", department], *SIGNED[1:]],
            "部门指标": DEPARTMENT_INDICATORS,
            "项目资金": FUNDS,
            "项目目标": GOALS,
            "项目指标": TYPED,
        },
    )
    return path


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("copies")
    source = write_signed(folder / "signed.xlsx")
    result = run(source, folder / "结果.xlsx", submission=True)
    assert (
        result.submission
        == folder / "signed_报送版.xlsx"
        == default_submission(source, result.output)
    )
    assert result.report["submission"] == str(result.submission)
    return {
        "result": result,
        "review": openpyxl.load_workbook(result.output),
        "plain": openpyxl.load_workbook(result.submission),
        "review_values": openpyxl.load_workbook(result.output, data_only=True),
        "plain_values": openpyxl.load_workbook(result.submission, data_only=True),
    }


def cells(ws) -> list[tuple[str, Any]]:
    return [(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_the_submission_copy_holds_the_forms_then_the_summary(copies) -> None:
    assert copies["review"].sheetnames == ["汇总", *FORMS, "问题清单"]
    assert copies["plain"].sheetnames == [*FORMS, "汇总"]
    assert copies["plain"].active.title == "部门整体"


def test_the_submission_copy_is_plain(copies) -> None:
    for ws in copies["plain"].worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.comment is None, (ws.title, c.coordinate)
                assert c.fill.fill_type is None, (ws.title, c.coordinate)
                assert c.hyperlink is None, (ws.title, c.coordinate)
                assert c.number_format in PLAIN_FORMATS, (ws.title, c.coordinate)  # no marks
                assert c.border.left.style in (None, "thin"), (ws.title, c.coordinate)
                assert not (isinstance(c.value, str) and "HYPERLINK" in c.value)
        texts = [v for _, v in cells(ws) if isinstance(v, str)]
        assert "图例" not in texts and not any(t.startswith("说明：") for t in texts), ws.title
        assert not ws.conditional_formatting, ws.title


def test_values_and_formulas_are_the_review_copy_forms(copies) -> None:
    for name in FORMS:
        plain, review = copies["plain"][name], copies["review"][name]
        ours = cells(plain)
        # The review copy's form is the same, then its legend.
        assert ours == cells(review)[: len(ours)], name
        assert review.cell(plain.max_row + 2, 1).value == "图例", name
        assert (
            cells(copies["plain_values"][name]) == cells(copies["review_values"][name])[: len(ours)]
        )
        merged = {str(r) for r in plain.merged_cells.ranges}
        assert merged <= {str(r) for r in review.merged_cells.ranges}, name


def test_the_forms_are_signed_with_the_template_values(copies) -> None:
    for name in FORMS:
        ws = copies["plain"][name]
        last = ws.max_row
        assert [ws.cell(last - 2, c).value for c in (1, 3, 7, 9)] == [
            "填报单位（盖章）：",
            "某区教育局",
            "填报日期：",
            "2023年3月15日",
        ], name
        assert [ws.cell(last - 1, c).value for c in (1, 3, 5, 6, 7, 9)] == [
            "单位负责人：",
            "王一",
            "财务负责人：",
            "李二",
            "填报人：",
            "张三",
        ], name
        assert [ws.cell(last, c).value for c in (1, 3)] == ["联系电话：", "0431-88888888"], name
        # A line to sign on: the value cells are underlined.
        assert ws.cell(last - 1, 3).border.bottom.style == "thin"
    # Fits one page wide.
    assert copies["plain"]["部门整体"].page_setup.fitToHeight == 0


def test_closing_texts_and_explanation_print_on_the_form(copies) -> None:
    ws = copies["plain"]["校舍维修"]
    # 偏差说明 under the funds block (row 10), as given in 项目目标.
    assert (ws["A10"].value, ws["B10"].value) == ("偏差说明", "雨季施工推迟，已安排次年补足")
    rows = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert (rows["评价结论"], rows["存在问题"], rows["改进措施"]) == (
        "基本完成",
        "工期偏紧",
        "提前规划",
    )
    dep = copies["plain"]["部门整体"]
    rows = {dep.cell(r, 1).value: dep.cell(r, 2).value for r in range(1, dep.max_row + 1)}
    # The department gives only its 评价结论: the other two rows stand empty beside it.
    assert (rows["评价结论"], rows["存在问题"], rows["改进措施"]) == (
        "全年目标基本完成",
        None,
        None,
    )
    # A project without any of the closing texts has none of their rows.
    assert "评价结论" not in [c.value for c in copies["plain"]["营养餐"]["A"]]


def test_a_bare_fraction_prints_as_the_percentage_it_was_read_as(copies) -> None:
    review, plain = copies["review"]["课后服务"], copies["plain"]["课后服务"]
    row = next(r for r in range(1, review.max_row) if review.cell(r, 4).value == "学生参与率")
    assert plain.cell(row, 6).value == review.cell(row, 6).value == "93%"
    assert review.cell(row, 6).comment.text.startswith("填写为“0.93”，按93%理解并计分")
    # 93% < 95%: 未达成, marked so before the value.
    assert review.cell(row, 6).number_format == '"×"@'


@pytest.mark.parametrize("copy", ["output", "submission"])
def test_either_copy_reads_back_with_its_texts_and_signatures(copies, copy) -> None:
    """Both copies are themselves readable as forms: the 偏差说明, the closing texts and who
    signs come back with the numbers."""
    from app.model import Signature
    from app.readers import read

    data = read(getattr(copies["result"], copy))
    assert data.kind == "forms"
    school = next(p for p in data.projects if p.name == "校舍维修")
    assert school.funds.explanation == "雨季施工推迟，已安排次年补足"
    assert (school.conclusion, school.problems, school.measures) == (
        "基本完成",
        "工期偏紧",
        "提前规划",
    )
    signed = Signature("某区教育局", "王一", "李二", "张三", "0431-88888888", "2023年3月15日")
    assert school.signature == signed and data.department.signature == signed
    assert data.department.conclusion == "全年目标基本完成"
    after = next(p for p in data.projects if p.name == "课后服务")
    assert [i.actual for i in after.indicators][0] == "93%"
    # The same scores as the input gave.
    again = run(getattr(copies["result"], copy), write=False).report
    first = copies["result"].report
    assert [p["score"] for p in again["projects"]] == [p["score"] for p in first["projects"]]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_both_copies_of_the_example_and_a_messy_input_render_to_pdf(copies, tmp_path) -> None:
    """LibreOffice prints every copy: the review copy with its legend and marks, the
    submission copy signed and without them."""
    example = run(EXAMPLE, tmp_path / "example.xlsx", submission=True)
    files = [example.output, example.submission, copies["result"].output]
    files.append(copies["result"].submission)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, files),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    texts = []
    for made in files:
        pdf = tmp_path / "pdf" / (made.stem + ".pdf")
        assert pdf.stat().st_size > 10_000, pdf.name
        if shutil.which("pdftotext"):
            got = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
            texts.append(got.stdout.decode("utf-8"))
    if texts:
        review, plain = texts[2], texts[3]
        assert "图例" in review and "× 未达成" in review and "×85%" in review
        assert "图例" not in plain and "×" not in plain
        for text in (review, plain):
            assert text.count("填报单位（盖章）：") == 5 and "0431-88888888" in text
        assert "图例" not in texts[1] and texts[1].count("填报单位（盖章）：") == 5


def test_the_command_line_writes_both_copies(tmp_path) -> None:
    from test_cli import selfeval

    source = write_signed(tmp_path / "某区.xlsx")
    done = selfeval("generate", str(source), "-o", str(tmp_path / "out" / "结果.xlsx"))
    assert done.returncode == 2 and "目标文件夹不存在" in done.stderr  # nothing half-made
    done = selfeval("generate", str(source), "--submission")
    plain = tmp_path / "某区_报送版.xlsx"
    assert done.returncode == 1, done.stderr  # the messy input has errors
    assert f"已生成：{tmp_path / '某区_自评结果.xlsx'}" in done.stdout
    assert f"已生成报送版：{plain}" in done.stdout and plain.is_file()
    # Again over both: each earlier file is kept as a backup.
    again = selfeval("generate", str(source), "--submission", str(tmp_path / "交.xlsx"), "--json")
    assert (tmp_path / "交.xlsx").is_file()
    assert '"submission":' in again.stdout and "原文件已备份为" in again.stderr
    refused = selfeval("generate", str(source), "--submission", str(source))
    assert refused.returncode == 2 and "不能与输入文件相同" in refused.stderr


def test_a_batch_writes_a_submission_copy_beside_each_output(tmp_path) -> None:
    from test_cli import selfeval

    from app.batch import run_many

    (tmp_path / "in").mkdir()
    a = write_signed(tmp_path / "in" / "甲.xlsx")
    b = write_signed(tmp_path / "in" / "乙.xlsx", "另一区教育局")
    items = run_many([a, b], tmp_path / "out", workers=1, submission=True)
    assert [item.submission for item in items] == [
        tmp_path / "out" / "甲_报送版.xlsx",
        tmp_path / "out" / "乙_报送版.xlsx",
    ]
    assert all(item.submission.is_file() for item in items if item.submission)
    named = selfeval("generate", str(tmp_path / "in"), "--out-dir", "x", "--submission", "y.xlsx")
    assert named.returncode == 2 and "--submission 不能指定文件名" in named.stderr
