"""Report templates: the shipped one is what its script builds and looks as offices format a
report; an office's own template renders with its own headings; a template with an unknown
field, a broken tag or that is no .docx at all ends in one Chinese line naming the problem,
exit status 2 and no file. Also `selfeval report` on the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE, ROOT, template_sheets
from docx_reading import read_report
from test_cli import selfeval

from app.errors import InputError
from app.pipeline import write_report
from app.rules import Rules
from app.wordreport.context import grading_text
from app.wordreport.default_template import build
from app.wordreport.fields import ALL_FIELDS, RECORDS
from app.wordreport.merge import merge_indicator_levels
from app.wordreport.template import chinese_number, open_template

SHIPPED = ROOT / "templates" / "report-template.docx"
FIELDS_DOC = ROOT / "docs" / "report-template.md"


def body_texts(document) -> list[str]:
    """Every paragraph's text, table cells included, in document order."""
    return [t.text or "" for t in document.element.body.iter(docx.oxml.ns.qn("w:t"))]


def edited_template(target: Path, changes: dict[str, str]) -> Path:
    """The shipped template with each paragraph text that is a key of `changes` replaced by
    its value, saved from python-docx as Word saves an office's edit."""
    document = docx.Document(str(SHIPPED))
    for paragraph in document.paragraphs:
        if paragraph.text in changes:
            paragraph.runs[0].text = changes[paragraph.text]
            for run in paragraph.runs[1:]:
                run.text = ""
    document.save(str(target))
    return target


def test_shipped_template_is_what_the_script_builds():
    shipped = docx.Document(str(SHIPPED))
    assert body_texts(shipped) == body_texts(build().doc)


def test_shipped_template_looks_like_an_office_report():
    document = docx.Document(str(SHIPPED))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    qn = docx.oxml.ns.qn

    def east_asian_font(style_name: str) -> str:
        fonts = document.styles[style_name].element.rPr.find(qn("w:rFonts"))
        return fonts.get(qn("w:eastAsia"))

    assert east_asian_font("Normal") == "仿宋"
    assert document.styles["Normal"].font.size.pt == 16
    assert east_asian_font("Heading 1") == "宋体"
    assert east_asian_font("表格文字") == "宋体"
    assert east_asian_font("Heading 2") == "黑体"
    # Each part starts a page.
    assert document.styles["Heading 1"].paragraph_format.page_break_before


def test_every_field_is_documented():
    text = FIELDS_DOC.read_text(encoding="utf-8")
    missing = sorted(name for name in ALL_FIELDS if f"`{name}`" not in text)
    assert missing == []
    assert all(f"`{record.__name__}`" in text for record in RECORDS)


def test_custom_template_with_other_headings_renders(tmp_path):
    mine = edited_template(
        tmp_path / "我的模板.docx",
        {
            "{{ department.name }}{% if year %}{{ year }}年度{% endif %}部门整体支出绩效自评报告": (
                "{{ department.name }}绩效自评报告（本单位格式）"
            ),
            "一、基本情况": "第一部分 基本情况和背景",
            "六、偏差原因及改进措施": "六、存在问题及原因",
        },
    )
    target = tmp_path / "out.docx"
    write_report(EXAMPLE, target, template=mine)
    parts = read_report(target)
    assert parts[0].title == "长春市双阳区教育局（汇总）绩效自评报告（本单位格式）"
    for p in parts:
        headings = p.headings(2)
        assert headings[0] == "第一部分 基本情况和背景"
        assert "六、存在问题及原因" in headings and "六、偏差原因及改进措施" not in headings
    assert "【请填写：全年预算数较年初预算数调整的原因】" in parts[1].section("六、存在问题及原因")


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("{{ p.funds.budget }}", "{{ p.funds.budgett }}", "“p.funds.budgett”"),
        ("{{ department.name }}", "{{ departmnt.name }}", "“departmnt”"),
        # A field of another record: found while rendering.
        ("{{ i.name }}", "{{ i.budget }}", "“budget”（指标没有这个字段）"),
    ],
)
def test_unknown_field_is_named_in_chinese_exit_2_no_file(tmp_path, old, new, named):
    template = tmp_path / "模板.docx"
    text = SHIPPED.read_bytes()
    template.write_bytes(text)
    template = _replace_in_xml(template, old, new)
    source = tmp_path / "双阳.xlsx"
    shutil.copy(EXAMPLE, source)
    out = selfeval("report", str(source), "--template", str(template))
    assert out.returncode == 2
    assert out.stdout == ""
    assert "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert "无法识别的字段" in line and named in line and "模板.docx" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["双阳.xlsx", "模板.docx"]


def _replace_in_xml(template: Path, old: str, new: str) -> Path:
    """The template with `old` replaced by `new` in its document.xml (as typed in Word)."""
    import zipfile

    target = template.with_name("edited.docx")
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert old in xml
                data = xml.replace(old, new, 1).encode("utf-8")
            out.writestr(item, data)
    template.unlink()
    return target.rename(template)


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("{{ g.name }}", "{{ g.name ", "标记有误"),
        ("{{ g.name }}", "{{ g.name | shout }}", "无法识别的过滤器或判断“shout”"),
        ("{{ g.name }}", "{{ g.__class__ }}", "无法识别的字段“g.__class__”"),
        # Adding a number to a text: found while rendering.
        ("{{ g.name }}", "{{ g.count + g.name }}", "无法套用"),
    ],
)
def test_broken_templates_give_one_chinese_message(tmp_path, old, new, says):
    template = tmp_path / "t.docx"
    template.write_bytes(SHIPPED.read_bytes())
    _replace_in_xml(template, old, new)
    with pytest.raises(InputError) as caught:
        write_report(EXAMPLE, tmp_path / "out.docx", template=template)
    assert says in caught.value.message
    assert not (tmp_path / "out.docx").exists()


def test_not_a_docx_template(tmp_path):
    fake = tmp_path / "模板.docx"
    fake.write_text("不是 Word 文档", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的 Word 文档"):
        open_template(fake)
    with pytest.raises(InputError, match="找不到报告模板"):
        open_template(tmp_path / "没有.docx")


def test_cli_report_default_output_beside_input_never_over_it(tmp_path):
    source = tmp_path / "双阳.xlsx"
    shutil.copy(EXAMPLE, source)
    before = source.read_bytes()
    out = selfeval("report", str(source))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"已生成：{tmp_path / '双阳_自评报告.docx'}"
    assert (tmp_path / "双阳_自评报告.docx").is_file()
    same = selfeval("report", str(source), "-o", str(tmp_path / "双阳_自评报告"))
    assert same.returncode == 0  # .docx added to a name without it
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["双阳.xlsx", "双阳_自评报告.docx"]


def test_cli_report_bad_input_exit_2_one_line(tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_text("hello", encoding="utf-8")
    out = selfeval("report", str(bad), "-o", str(tmp_path / "r.docx"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == [bad]
    missing = selfeval("report", str(EXAMPLE), "-o", str(tmp_path / "无此文件夹" / "r.docx"))
    assert missing.returncode == 2 and "目标文件夹不存在" in missing.stderr


def test_cli_report_rules(tmp_path, book):
    rules = tmp_path / "r.toml"
    rules.write_text('grades = [[85, "好"], [0, "差"]]\n', encoding="utf-8")
    source = book(template_sheets())
    target = tmp_path / "r.docx"
    out = selfeval("report", str(source), "-o", str(target), "--rules", str(rules))
    assert out.returncode == 0, out.stderr
    text = "\n".join(read_report(target)[1].texts())
    # 执行率 95 / 100 → 9.5 of 10, the one indicator met (90): 99.50.
    assert "项目自评得分99.50分，等级为“好”。" in text
    assert "（85分（含）以上为好，85分以下为差）" in text


def test_grading_text_and_chinese_numbers():
    assert grading_text(Rules()) == (
        "90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差"
    )
    assert [chinese_number(n) for n in (1, 2, 10, 12, 20, 21, 99)] == [
        "一", "二", "十", "十二", "二十", "二十一", "九十九"
    ]  # fmt: skip


def test_merge_keeps_runs_within_their_parent():
    """二级 cells merge only where the 一级 beside them is the same too."""
    document = docx.Document()
    rows = [
        ("一级指标", "二级指标", "三级指标"),
        ("产出指标", "质量指标", "甲"),
        ("产出指标", "质量指标", "乙"),
        ("效益指标", "质量指标", "丙"),
        ("效益指标", "社会效益", "丁"),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    assert merge_indicator_levels(document.element.body) == 3
    assert [tuple(c.text for c in row.cells) for row in table.rows] == rows
    qn = docx.oxml.ns.qn
    marks = [
        [
            (tc.find(qn("w:tcPr")).find(qn("w:vMerge")).get(qn("w:val"), "continue"))
            if tc.find(qn("w:tcPr")) is not None
            and tc.find(qn("w:tcPr")).find(qn("w:vMerge")) is not None
            else "-"
            for tc in row._tr.findall(qn("w:tc"))[:2]
        ]
        for row in table.rows[1:]
    ]
    assert marks == [["restart", "restart"], ["continue", "continue"], ["restart", "-"], ["continue", "-"]]  # fmt: skip


def test_without_a_shipped_template_the_default_is_built(monkeypatch, tmp_path):
    from app.wordreport import template as template_module

    monkeypatch.setattr(template_module, "report_template_path", lambda: None)
    target = write_report(EXAMPLE, tmp_path / "r.docx").output
    parts = read_report(target)
    assert [p.title for p in parts][
        0
    ] == "长春市双阳区教育局（汇总）2022年度部门整体支出绩效自评报告"
    assert len(parts) == 5
