"""The look of the default 自评报告 template, as offices format a report (GB/T 9704 habits):
A4, body in 仿宋 三号 with a fixed 28-point line, 一、 headings in 黑体, （一） headings in 楷体,
titles and tables in 宋体, page numbers "— 1 —" at the foot. Python-docx is imported by the
caller (`default_template`); this module only sets properties on what it is given.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
TABLE_FONT = "宋体"

TABLE_TEXT = "表格文字"
"""Centred table text (figures, short labels)."""
TABLE_BODY = "表格正文"
"""Left-aligned table text (long descriptions)."""
CONTROL = "模板控制"
"""The paragraphs that hold only a {%p … %} tag: small and grey in the template, gone from
the report (docxtpl removes them)."""


def set_font(rpr_owner, name: str) -> None:
    """Set every script's font of a style's or run's properties to `name`, dropping the theme
    fonts that would otherwise win over it."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


def _style(styles, name: str, base: str | None = "Normal"):
    """Return paragraph style `name`, created (based on `base`) when the document lacks it."""
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = styles[base]
        return style


def _paragraph_style(
    styles,
    name: str,
    font: str,
    size: float,
    *,
    bold: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: float = 0,
    line: float | None = 28,
    before: float = 0,
    after: float = 0,
):
    style = _style(styles, name)
    set_font(style.element, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Pt(indent)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    return style


def _defaults(document) -> None:
    """Chinese text by default: 仿宋, zh-CN line breaking, no space after paragraphs."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def apply_styles(document) -> None:
    """Give `document` the report's page, fonts and paragraph styles."""
    _defaults(document)
    styles = document.styles
    _paragraph_style(styles, "Normal", BODY_FONT, 16, indent=32)
    title = _paragraph_style(
        styles, "Heading 1", TITLE_FONT, 22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
        line=36, after=16,
    )  # fmt: skip
    title.paragraph_format.page_break_before = True
    _paragraph_style(styles, "Heading 2", HEADING_FONT, 16, indent=32)
    _paragraph_style(styles, "Heading 3", SUBHEADING_FONT, 16, indent=32)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        styles[name].paragraph_format.keep_with_next = True
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph_style(
        styles, TABLE_TEXT, TABLE_FONT, 10.5, align=center, line=None, before=2, after=2
    )
    _paragraph_style(styles, TABLE_BODY, TABLE_FONT, 10.5, line=None, before=2, after=2)
    control = _paragraph_style(styles, CONTROL, TABLE_FONT, 8, line=None)
    control.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    _page(document)


def _page(document) -> None:
    """A4 portrait with the 公文 margins, and the page number centred at the foot."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.5)
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
        run = paragraph.add_run(text or "")
        set_font(run._r, TITLE_FONT)
        run.font.size = Pt(14)
        if field:
            _field(run, field)


def _field(run, instruction: str) -> None:
    """Make `run` a Word field (PAGE): begin, instruction, separator, a shown 1, end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {text} "
            run._r.append(code)
    shown = OxmlElement("w:t")
    shown.text = "1"
    run._r.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def repeat_header(row) -> None:
    """Repeat a table's header row at the top of every page it runs onto."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def cell_width(cell, width_cm: float) -> None:
    """Fix a cell's width and centre its content vertically."""
    cell.width = Cm(width_cm)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def narrow_margins(table, cm: float = 0.1) -> None:
    """Give a table's cells `cm` of room left and right (Word's default is 0.19 cm), so that
    narrow columns of figures keep "100.00" on one line."""
    twips = str(round(cm / 2.54 * 1440))
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        mark = OxmlElement(side)
        mark.set(qn("w:w"), twips)
        mark.set(qn("w:type"), "dxa")
        margins.append(mark)
    props = table._tbl.tblPr
    # Schema order: tblCellMar comes after tblW, jc, tblInd, tblBorders, shd and tblLayout.
    later = [child for child in props if child.tag in (qn("w:tblLook"), qn("w:tblCaption"))]
    if later:
        later[0].addprevious(margins)
    else:
        props.append(margins)
