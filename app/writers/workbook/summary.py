"""The 汇总 sheet: one row per project linked to its form, and a 合计 row of live formulas.

The amount, 执行率, score and grade cells of a project row are formulas that read the
project's form, so a figure corrected in a form shows here too. The submission copy's 汇总
(`SUBMISSION`) keeps only those live columns, without links, notes and highlights: the counts
of judgements and problems are the review's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.evaluate.funds import blocks_rate, gap_words, gaps_reason
from app.evaluate.results import Evaluation, Gap
from app.evaluate.tally import judged, tally
from app.model import col_letter
from app.text import unit_label
from app.writers.workbook.form import UNSCORED, Anchors
from app.writers.workbook.layout import RowHeights, comment_options, print_setup, quote_sheet
from app.writers.workbook.styles import FLAGS, GRADE_FILLS, UNMET_FILL, Styles

SHEET = "汇总"


@dataclass(frozen=True)
class Layout:
    """The columns of a 汇总 sheet after 序号 | 项目名称 | 实施单位 | the three amounts | 执行率:
    the counts' (指标数, 达成, 部分达成, 未达成, 需人工判断, 问题数), 自评得分, 等级."""

    widths: tuple[float, ...]
    counts: tuple[str, ...]
    count_cols: tuple[int, ...]
    score_col: int
    grade_col: int
    problems_col: int | None


REVIEW = Layout(
    (5.0, 22.0, 14.0, 12.0, 12.0, 12.0, 9.0, 6.0, 6.0, 6.0, 6.0, 6.0, 7.0, 5.0, 6.0),
    ("指标数", "达成", "部分达成", "未达成", "需人工判断", "问题数"),
    (7, 8, 9, 10, 11, 14),
    12,
    13,
    14,
)
SUBMISSION = Layout((5.0, 28.0, 18.0, 13.0, 13.0, 13.0, 10.0, 9.0, 7.0), (), (), 7, 8, None)
FIELDS = ("initial", "budget", "spent")
HEADER_ROW = 2
TICK_ROWS = 64
AVERAGE_NOTE = "各项目自评得分的平均值"
PROBLEMS_NOTE = "问题数 = 错误 + 警告（提示不计），逐条见“问题清单”"
PROVISIONAL_NOTE = "暂定：本项目有需人工判断的项目（表中黄色单元格），人工评分后得分和等级自动更新"


_UNSAFE_IN_FORMULA = re.compile(r"[\x00-\x1f]|[A-Za-z]\(")


def _link(ws, row: int, col: int, target: str, text: str, fmt) -> None:
    """Write `text` linked to a cell of the workbook.

    A HYPERLINK formula rather than a cell hyperlink: LibreOffice never wraps the text of a
    cell hyperlink, so a long project name would be cut off there. The name is a string
    literal inside the formula (quotes doubled), never evaluated. Names beyond Excel's
    255-character limit of HYPERLINK, or with line breaks or a letter followed by "(" (which
    xlsxwriter would rewrite as a new Excel function), fall back to a cell hyperlink.
    """
    if len(text) > 255 or _UNSAFE_IN_FORMULA.search(text):
        ws.write_url(row, col, f"internal:{target}", fmt, string=text)
        return
    target = target.replace('"', '""')
    shown = text.replace('"', '""')
    ws.write_formula(row, col, f'=HYPERLINK("#{target}","{shown}")', fmt, text)


def summary_scale(ev: Evaluation) -> float:
    """Return the unit of the 汇总 amounts: the projects' common unit, else 万元 (1)."""
    scales = {p.project.amount_scale for p in ev.projects}
    return scales.pop() if len(scales) == 1 else 1.0


def write_summary(
    ws,
    styles: Styles,
    ev: Evaluation,
    forms: list[Anchors],
    made: str,
    source_name: str,
    guard: str | None = None,
    tick: Callable[[int], None] | None = None,
) -> dict[str, tuple[str, float]]:
    """Write the 汇总 sheet; return the 合计 row's amount cells (as 'sheet'!A1 references) with
    their cached values, for the department form. `guard` holds once every amount the total
    leaves out is a number again (`workbook.gap_guard`). `tick(done)` is called every few
    dozen project rows (an exception it raises propagates)."""
    st = styles
    review = not st.plain
    lay = REVIEW if review else SUBMISSION
    heights = RowHeights(lay.widths)
    scale = summary_scale(ev)
    unit = unit_label(scale)
    last_col = len(lay.widths) - 1
    for col, width in enumerate(lay.widths):
        ws.set_column(col, col, width)
    dep = ev.department.department
    ws.merge_range(0, 0, 0, last_col, "绩效自评结果汇总表", st.get("title"))
    heights.fixed(0, 32)
    year = f"{dep.year}年" if dep.year else "（未填写）"
    info = (
        f"部门：{dep.name or '（未填写）'}　　年度：{year}　　"
        f"生成时间：{made}　　来源文件：{source_name}"
    )
    ws.merge_range(1, 0, 1, last_col, "", st.get("info"))
    ws.write_string(1, 0, info, st.get("info"))
    heights.need(1, info, 0, last_col, size=10)
    heads = {
        0: "序号",
        1: "项目名称",
        2: "实施单位",
        3: f"年初预算数（{unit}）",
        4: f"全年预算数（{unit}）",
        5: f"全年执行数（{unit}）",
        6: "执行率",
        **dict(zip(lay.count_cols, lay.counts, strict=True)),
        lay.score_col: "自评得分",
        lay.grade_col: "等级",
    }
    head = st.get("head")
    for col, text in heads.items():
        ws.write_string(HEADER_ROW, col, text, head)
        heights.need(HEADER_ROW, text, col, col)
    note = _notes(ws, review)
    if lay.problems_col is not None:
        note(HEADER_ROW, lay.problems_col, PROBLEMS_NOTE)
    center, text_fmt, amt, pct, score_fmt = (
        st.get("center"),
        st.get("text"),
        st.get("amount"),
        st.get("pct"),
        st.get("score"),
    )
    first = HEADER_ROW + 1
    sums = [0.0, 0.0, 0.0]
    counts = [0] * len(lay.count_cols)
    scores: list[float] = []
    for i, (pr, anchors) in enumerate(zip(ev.projects, forms, strict=True)):
        if tick is not None and not i % TICK_ROWS:
            tick(i)
        r = first + i
        q = quote_sheet(anchors.sheet)
        t = (anchors.funds_row or 0) + 1
        divisor = pr.project.amount_scale / scale
        tail = "" if divisor == 1 else f"/{divisor:g}"
        ws.write_number(r, 0, i + 1, center)
        if review:
            _link(ws, r, 1, f"{q}!A1", pr.project.name, st.get("link"))
        else:
            ws.write_string(r, 1, pr.project.name, text_fmt)
        ws.write_string(r, 2, pr.project.unit, text_fmt)
        heights.need(r, pr.project.name, 1, 1)
        heights.need(r, pr.project.unit, 2, 2)
        gaps = pr.funds.total.gaps
        for j, (letter, value) in enumerate(zip("DEF", anchors.amounts, strict=True)):
            cached = 0.0 if value is None else value / divisor
            left = gap_words(gaps, (FIELDS[j],))
            fmt = st.get("amount", flag="incomplete") if left else amt
            ref = f"{q}!{letter}{t}"
            # The form shows "—" for a column without figures: so does its row here.
            formula = f"=IF(ISNUMBER({ref}),{ref}{tail},{ref})" if tail else f"={ref}"
            ws.write_formula(r, 3 + j, formula, fmt, "—" if value is None else cached)
            if left:
                note(r, 3 + j, f"不含{left}")
            sums[j] += cached
        ws.write_formula(r, 6, f"={q}!H{t}", pct, anchors.rate)
        if review:
            n = judged(pr.indicators)
            row_counts = (n.count, n.met, n.partial, n.unmet, n.manual, tally(pr.findings).problems)
            for col, value in zip(lay.count_cols, row_counts, strict=True):
                ws.write_number(r, col, value, center)
            counts = [a + b for a, b in zip(counts, row_counts, strict=True)]
        score_ref = f"={q}!{anchors.score_cell}"
        if pr.provisional:
            fmt = st.get("score", flag="manual")
            ws.write_formula(r, lay.score_col, score_ref, fmt, anchors.score)
            note(r, lay.score_col, PROVISIONAL_NOTE)
        else:
            ws.write_formula(r, lay.score_col, score_ref, score_fmt, anchors.score)
        ws.write_formula(r, lay.grade_col, f"={q}!{anchors.grade_cell}", center, anchors.grade)
        if isinstance(anchors.score, float | int):
            scores.append(anchors.score)
    tot = first + len(ev.projects)
    problems = tally(ev.workbook_findings()).problems
    _total_row(ws, st, lay, tot, first, sums, counts, scores, problems, note)
    _rate_total(ws, st, tot, sums, ev.department.projects_total.gaps, guard, note)
    heights.fixed(tot, 22)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    if review:
        _highlights(ws, st, ev, first, tot)
        ws.autofilter(HEADER_ROW, 0, max(tot - 1, HEADER_ROW), last_col)
    print_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW))
    heights.apply(ws)
    q = quote_sheet(SHEET)
    T = tot + 1
    return {
        key: (f"{q}!{letter}{T}", sums[j])
        for j, (key, letter) in enumerate(zip(("initial", "budget", "spent"), "DEF", strict=True))
    }


Note = Callable[[int, int, str], None]
"""note(row, col, text): a note on a cell of the review copy (nothing in the submission copy)."""


def _notes(ws, review: bool) -> Note:
    def note(row: int, col: int, text: str) -> None:
        if review:
            ws.write_comment(row, col, text, comment_options(text))

    return note


def _total_row(
    ws,
    st: Styles,
    lay: Layout,
    tot: int,
    first: int,
    sums: list[float],
    counts: list[int],
    scores: list[float],
    workbook_problems: int,
    note: Note,
) -> None:
    """合计: SUM formulas of the amounts and counts, 执行率 of the sums, the average score;
    its 问题数 adds the department's and workbook's own problems to the projects'."""
    center, amt, score_fmt = st.get("center"), st.get("amount"), st.get("score")
    ws.merge_range(tot, 0, tot, 2, "合计", st.get("label"))
    lo, hi = first + 1, tot
    if counts:
        counts = [*counts[:-1], counts[-1] + workbook_problems]
    if tot > first:
        for j, letter in enumerate("DEF"):
            ws.write_formula(tot, 3 + j, f"=SUM({letter}{lo}:{letter}{hi})", amt, sums[j])
        for col, value in zip(lay.count_cols, counts, strict=True):
            c = col_letter(col)
            extra = f"+{workbook_problems}" if col == lay.problems_col and workbook_problems else ""
            ws.write_formula(tot, col, f"=SUM({c}{lo}:{c}{hi}){extra}", center, value)
        average = sum(scores) / len(scores) if scores else UNSCORED
        s = col_letter(lay.score_col)
        ws.write_formula(
            tot,
            lay.score_col,
            f'=IF(COUNT({s}{lo}:{s}{hi})=0,"{UNSCORED}",AVERAGE({s}{lo}:{s}{hi}))',
            score_fmt,
            average,
        )
        note(tot, lay.score_col, AVERAGE_NOTE)
    else:
        for col in (3, 4, 5):
            ws.write_number(tot, col, 0, amt)
        for col, value in zip(lay.count_cols, counts, strict=True):
            ws.write_number(tot, col, value, center)
        ws.write_blank(tot, lay.score_col, None, score_fmt)
    if lay.problems_col is not None:
        text = PROBLEMS_NOTE
        if workbook_problems:
            text += f"；合计含部门及工作簿的问题{workbook_problems}个"
        note(tot, lay.problems_col, text)
    ws.write_blank(tot, lay.grade_col, None, center)


def _rate_total(
    ws,
    st: Styles,
    tot: int,
    sums: list[float],
    gaps: tuple[Gap, ...],
    guard: str | None,
    note: Note,
) -> None:
    """合计's amounts noted with what they leave out, and its 执行率: "—" while a budget or
    spent amount is left out (live through `guard` when there is one)."""
    T = tot + 1
    for j in range(3):
        left = gap_words(gaps, (FIELDS[j],))
        if left:
            note(tot, 3 + j, f"合计不含{left}：{gaps_reason(gaps, 5)}")
    budget, spent = sums[1], sums[2]
    blocked = blocks_rate(gaps)
    cached = "—" if budget <= 0 or blocked else spent / budget
    fmt = st.get("pct", flag="manual" if blocked else None)
    if blocked and guard is None:
        ws.write_string(tot, 6, "—", fmt)
    else:
        test = f"OR(N(E{T})<=0,NOT({guard}))" if blocked else f"N(E{T})<=0"
        ws.write_formula(tot, 6, f'=IF({test},"—",F{T}/E{T})', fmt, cached)
    if blocked:
        note(tot, 6, f"总执行率无法计算：{gaps_reason(gaps, 5)}")


def _highlights(ws, st: Styles, ev: Evaluation, first: int, tot: int) -> None:
    """Flags at a glance: a 执行率 below the rules' threshold in red and marked ×, each grade
    its colour."""
    ws.conditional_format(
        first,
        6,
        tot,
        6,
        {
            "type": "cell",
            "criteria": "<",
            "value": ev.rules.rate_warn,
            "format": st.dxf(UNMET_FILL, "#9C0006", FLAGS["unmet"].mark),
        },
    )
    for k, (_, grade) in enumerate(ev.rules.grades):
        ws.conditional_format(
            first,
            REVIEW.grade_col,
            max(tot - 1, first),
            REVIEW.grade_col,
            {
                "type": "cell",
                "criteria": "==",
                "value": f'"{grade}"',
                "format": st.dxf(GRADE_FILLS[min(k, len(GRADE_FILLS) - 1)]),
            },
        )
