"""The blocks of an official form, shared by the 项目支出绩效自评表 and the 部门整体支出绩效自评表:
title, label rows, the indicator table, the total and the legend (the funds block is in
`funds`).

Columns (both forms): A label | B 一级指标 | C 二级指标 | D 三级指标 | E 年度指标值 | F 实际完成值 |
G 分值 | H 得分 | I 偏差原因分析及改进措施. The funds block uses B:C for the source, D–F for
年初预算数 / 全年预算数 / 全年执行数, then G 分值, H 执行率, I 得分, as the national form does.
执行率, the fund totals, the 执行率 score, the total and the grade are live formulas (with their
cached values), so editing an amount in Excel or WPS recomputes the form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.evaluate.results import IndicatorResult
from app.model import Where, cell_ref
from app.rules import Rules
from app.writers.workbook.layout import (
    CJK_PX,
    MAX_ROW_PT,
    RowHeights,
    comment_options,
    height_for,
    lines_needed,
    print_setup,
)
from app.writers.workbook.styles import FLAGS, Styles

WIDTHS = (9.0, 9.0, 11.0, 14.0, 12.0, 12.0, 7.0, 9.0, 17.0)
LAST_COL = len(WIDTHS) - 1
EXPLAIN_NOTE = "请填写偏差原因分析及改进措施"
UNSCORED = "—"
"""What a score or grade formula shows while there is nothing to score (never "": an empty
cached result reads as a formula never calculated)."""


def status_flag(res: IndicatorResult) -> str | None:
    """Return the flag of a judged indicator (a key of `FLAGS`), or None when it has none:
    部分达成 apart from 未达成."""
    if res.status == "unmet":
        return "partial" if res.band == "部分达成" else "unmet"
    if res.status in ("exceeded", "manual"):
        return res.status
    return None


@dataclass
class Anchors:
    """Where a form put things: input cell → output cell, and cells findings without a cell of
    their own point at (by finding code)."""

    sheet: str
    cells: dict[Where, str] = field(default_factory=dict)
    by_code: dict[str, str] = field(default_factory=dict)
    funds_row: int | None = None
    """0-based row of 年度资金总额."""
    score_cell: str | None = None
    grade_cell: str | None = None
    amounts: tuple[float | None, float | None, float | None] = (None, None, None)
    """年初预算数, 全年预算数, 全年执行数 of 年度资金总额 as written (the cached SUMs; None
    where the column holds no figure, shown "—")."""
    rate: float | str = "—"
    score: float | str = UNSCORED
    grade: str = UNSCORED


def _cap_expr(rate: str, rules: Rules) -> str | None:
    """Excel expression of the highest total allowed at `rate` (rules.rate_cap), or None."""
    if not rules.rate_cap:
        return None
    expr = "1E+300"
    for below, cap in reversed(rules.rate_cap):
        expr = f"IF({rate}<{below:g},{cap:g},{expr})"
    return f"IF(ISNUMBER({rate}),{expr},1E+300)"


def _grade_expr(score: str, rules: Rules) -> str:
    grades = rules.grades
    if not grades:
        return f'"{UNSCORED}"'
    expr = f'"{grades[-1][1]}"'
    for lowest, grade in reversed(grades[:-1]):
        expr = f'IF({score}>={lowest:g},"{grade}",{expr})'
    return expr


class Form:
    """Writes one form sheet top to bottom; `row` is the next free row."""

    def __init__(self, ws, styles: Styles, sheet: str, rules: Rules) -> None:
        self.ws = ws
        self.st = styles
        self.review = not styles.plain
        """False for the submission copy: no notes, no legend (and plain styles)."""
        self.rules = rules
        self.heights = RowHeights(WIDTHS)
        self.row = 0
        self.anchors = Anchors(sheet)
        self.weight_refs: list[str] = []
        self.score_refs: list[str] = []
        self.rate_cell: str | None = None
        self.weight_total = 0.0
        for col, width in enumerate(WIDTHS):
            ws.set_column(col, col, width)
        ws.hide_gridlines(2)
        ws.set_comments_author("selfeval")
        print_setup(ws)

    def merge_text(self, r1: int, c1: int, r2: int, c2: int, text: str, fmt) -> None:
        """Merge a range and write user text into it as a string (never a formula)."""
        if r1 == r2 and c1 == c2:
            self.ws.write_string(r1, c1, text, fmt)
            return
        self.ws.merge_range(r1, c1, r2, c2, "", fmt)
        if text:
            self.ws.write_string(r1, c1, text, fmt)

    def comment(self, row: int, col: int, text: str) -> None:
        """Attach a note, sized to show its whole text (none in the submission copy)."""
        if text and self.review:
            self.ws.write_comment(row, col, text, comment_options(text))

    def title(self, title: str, year: int | None) -> None:
        """The form's title and （YYYY年度） lines."""
        r = self.row
        self.ws.merge_range(r, 0, r, LAST_COL, title, self.st.get("title"))
        self.heights.fixed(r, 32)
        self.ws.merge_range(
            r + 1,
            0,
            r + 1,
            LAST_COL,
            f"（{year}年度）" if year else "（    年度）",
            self.st.get("subtitle"),
        )
        self.heights.fixed(r + 1, 20)
        self.row = r + 2

    def rows_for(self, cells: tuple[tuple[str, int, int], ...]) -> int:
        """Return how many rows a record takes so that none is taller than Excel allows
        (409 pt): 1 unless some (text, first column, last column) is very long."""
        most = 0
        for text, c1, c2 in cells:
            px = self.heights.width_px(c1, c2)
            # Cheap bound first: at most 18 full lines plus 5 paragraph ends fit anyway.
            if len(text) * CJK_PX > px * 18 or text.count("\n") > 5:
                most = max(most, lines_needed(text, px))
        return max(1, math.ceil(height_for(most) / MAX_ROW_PT)) if most else 1

    def text_cell(self, r: int, k: int, c1: int, c2: int, text: str, fmt, mark: str = "") -> None:
        """User text in columns c1..c2 over rows r..r+k-1, its height recorded (with the mark
        its format shows before it, if any)."""
        self.merge_text(r, c1, r + k - 1, c2, text, fmt)
        shown = mark + text if mark and text else text
        if k == 1:
            self.heights.need(r, shown, c1, c2)
        else:
            self.heights.need_span(r, r + k - 1, shown, c1, c2)

    def label_value(self, label: str, value: str, where: Where | None = None) -> int:
        """A label in A and the value across B:I (over more rows if very long); return the row."""
        r = self.row
        k = self.rows_for(((value, 1, LAST_COL),))
        self.text_cell(r, k, 0, 0, label, self.st.get("label"))
        self.text_cell(r, k, 1, LAST_COL, value, self.st.get("text"))
        if where is not None:
            self.anchors.cells[where] = cell_ref(r, 1)
        self.row = r + k
        return r

    def pair_row(self, pairs: list[tuple[str, str, int, int]]) -> None:
        """A row of label/value pairs: (label, value, label column, last value column)."""
        r = self.row
        lab, txt = self.st.get("label"), self.st.get("text")
        k = self.rows_for(tuple((value, c1 + 1, c2) for _, value, c1, c2 in pairs))
        for label, value, c1, c2 in pairs:
            self.text_cell(r, k, c1, c1, label, lab)
            self.text_cell(r, k, c1 + 1, c2, value, txt)
        self.row = r + k

    def two_texts(self, label: str, heads: tuple[str, str], texts: tuple[str, str]) -> None:
        """年度总体目标: a label merged down, heads 预期目标 | 实际完成情况, then the texts."""
        r = self.row
        st = self.st
        k = self.rows_for(((texts[0], 1, 4), (texts[1], 5, LAST_COL)))
        self.text_cell(r, k + 1, 0, 0, label, st.get("label"))
        self.ws.merge_range(r, 1, r, 4, heads[0], st.get("label"))
        self.ws.merge_range(r, 5, r, LAST_COL, heads[1], st.get("label"))
        self.text_cell(r + 1, k, 1, 4, texts[0], st.get("text"))
        self.text_cell(r + 1, k, 5, LAST_COL, texts[1], st.get("text"))
        self.row = r + 1 + k

    def indicator_block(
        self, label: str, results: tuple[IndicatorResult, ...], heads: tuple[str, str]
    ) -> None:
        """The 绩效指标 table: 一级 and 二级 merged over the rows they span, flags and notes.

        An indicator takes one row, or several merged ones when a text of it is too long for
        Excel's tallest row.
        """
        ws, st, h, cells = self.ws, self.st, self.heights, self.anchors.cells
        r0 = self.row
        first = r0 + 1
        spans: list[tuple[int, int]] = []
        r = first
        for res in results:
            ind = res.indicator
            target, actual = res.shown or (ind.target, ind.actual)
            k = self.rows_for(
                ((ind.name, 3, 3), (target, 4, 4), (actual, 5, 5), (ind.explanation, 8, 8))
            )
            spans.append((r, k))
            r += k + len(ind.breakdown)  # its "其中…" rows below it
        last = max(r - 1, first)
        lab, center, text = st.get("label"), st.get("center"), st.get("text")
        self.text_cell(r0, last - r0 + 1, 0, 0, label, lab)
        for col, head in enumerate(
            ("一级指标", "二级指标", "三级指标", *heads, "分值", "得分", "偏差原因分析及改进措施"),
            1,
        ):
            ws.write_string(r0, col, head, lab)
        h.need(r0, "偏差原因分析及改进措施", LAST_COL, LAST_COL)
        h.need(r0, heads[0], 4, 4)
        if not results:
            for col in range(1, LAST_COL + 1):
                ws.write_blank(first, col, None, center)
        self._merge_runs(results, spans, lambda r: r.indicator.level1, 1)
        self._merge_runs(results, spans, lambda r: (r.indicator.level1, r.indicator.level2), 2)
        # Formats by flag, looked up once per block rather than once per cell.
        actual_fmt = {k: st.get("center", flag=k) for k in FLAGS}
        score_fmt = {k: st.get("score", flag=k) for k in FLAGS}
        marks = {k: "" if st.plain else flag.mark for k, flag in FLAGS.items()}
        plain_score, explain = st.get("score"), st.get("explain")
        write_string, write_number, write_blank = ws.write_string, ws.write_number, ws.write_blank
        comment, text_cell = self.comment, self.text_cell
        for res, (r, k) in zip(results, spans, strict=True):
            ind = res.indicator
            status = res.status
            flag = status_flag(res)
            score_format = score_fmt.get(flag, plain_score) if flag else plain_score
            if k > 1:
                for col, fmt in ((6, plain_score), (7, score_format)):
                    ws.merge_range(r, col, r + k - 1, col, "", fmt)
            target, actual = res.shown or (ind.target, ind.actual)
            text_cell(r, k, 3, 3, ind.name, center)
            text_cell(r, k, 4, 4, target, center)
            if flag:
                text_cell(r, k, 5, 5, actual, actual_fmt[flag], marks[flag])
            else:
                text_cell(r, k, 5, 5, actual, center)
            write_number(r, 6, res.weight, plain_score)
            self.weight_total += res.weight
            if res.score is not None:
                write_number(r, 7, res.score, score_format)
            elif status == "not_applicable":
                write_string(r, 7, "—", center)
            else:
                write_blank(r, 7, None, score_format)
            if res.needs_explanation and not ind.explanation.strip():
                if k > 1:
                    ws.merge_range(r, 8, r + k - 1, 8, "", explain)
                else:
                    write_blank(r, 8, None, explain)
                comment(r, 8, EXPLAIN_NOTE)
            else:
                text_cell(r, k, 8, 8, ind.explanation, text)
            for j, part in enumerate(ind.breakdown, r + k):
                # A breakdown row as the form prints it: no 分值, no 得分, never summed.
                text_cell(j, 1, 3, 3, part.name, center)
                text_cell(j, 1, 4, 4, part.target, center)
                text_cell(j, 1, 5, 5, part.actual, center)
                for col in (6, 7):
                    write_string(j, col, "—", center)
                write_blank(j, 8, None, text)
                if part.where is not None:
                    cells[part.where] = f"F{j + 1}"
            comment(r, 7, res.note)
            read_as = ""
            if res.shown is not None:
                if target != ind.target:
                    comment(r, 4, f"填写为“{ind.target}”，按{target}理解")
                if actual != ind.actual:
                    read_as = f"填写为“{ind.actual}”，按{actual}理解并计分"
            if flag or read_as:
                comment(r, 5, "\n".join(filter(None, (read_as, res.note if flag else ""))))
            R = r + 1
            for at, letter in (
                (ind.where, "F"),
                (ind.target_at, "E"),
                (ind.weight_at, "G"),
                (ind.explanation_at, "I"),
                (ind.stated_score_at, "H"),
            ):
                if at is not None:
                    cells[at] = f"{letter}{R}"
        self.weight_refs.append(f"G{first + 1}:G{last + 1}")
        self.score_refs.append(f"H{first + 1}:H{last + 1}")
        self.anchors.by_code["weight_sum"] = cell_ref(r0, 6)
        self.anchors.by_code["no_indicators"] = cell_ref(r0, 3)
        self.row = last + 1

    def _merge_runs(
        self, results: tuple[IndicatorResult, ...], spans: list[tuple[int, int]], key, col: int
    ) -> None:
        """Merge column `col` over each run of consecutive indicators with the same key."""
        fmt = self.st.get("label")
        i = 0
        while i < len(results):
            j = i
            k = key(results[i])
            while j + 1 < len(results) and key(results[j + 1]) == k:
                j += 1
            text = results[i].indicator.level1 if col == 1 else results[i].indicator.level2
            top, (bottom, height) = spans[i][0], spans[j]
            height += len(results[j].indicator.breakdown)
            self.text_cell(top, bottom + height - top, col, col, text, fmt)
            i = j + 1

    def total_row(self, score: float | None, grade: str | None, provisional: bool) -> None:
        """总分 | Σ分值 | 自评得分 (ROUND(SUM) formula) | 等级 (formula following it)."""
        ws, st, rules = self.ws, self.st, self.rules
        r = self.row
        R = r + 1
        ws.merge_range(r, 0, r, 5, "总分", st.get("label"))
        weights = ",".join(self.weight_refs)
        ws.write_formula(r, 6, f"=SUM({weights})", st.get("score"), self.weight_total)
        refs = ",".join(self.score_refs)
        inner = f"SUM({refs})"
        cap = _cap_expr(self.rate_cell, rules) if self.rate_cell else None
        if cap:
            inner = f"MIN({inner},{cap})"
        flag = "manual" if provisional else None
        ws.write_formula(
            r,
            7,
            f'=IF(COUNT({refs})=0,"{UNSCORED}",ROUND({inner},{rules.decimals}))',
            st.get("score", flag=flag),
            UNSCORED if score is None else score,
        )
        note = "自评得分 = 执行率得分 + 各指标得分之和"
        if cap:
            note += "（按执行率封顶）"
        if score is not None:
            note += f" = {score:.{rules.decimals}f}"
        if provisional:
            note += (
                "\n有需人工判断的项目（黄色、虚线框的单元格），人工评分后自动重算；"
                "当前得分和等级为暂定。"
            )
        self.comment(r, 7, note)
        ws.write_formula(
            r,
            8,
            f'=IF(ISNUMBER(H{R}),{_grade_expr(f"H{R}", rules)},"{UNSCORED}")',
            st.get("grade", flag=flag),
            grade or UNSCORED,
        )
        self.anchors.score_cell = f"H{R}"
        self.anchors.score = UNSCORED if score is None else score
        self.anchors.grade = grade or UNSCORED
        self.anchors.grade_cell = f"I{R}"
        self.heights.fixed(r, 24)
        self.row = r + 1

    def finish(self) -> Anchors:
        """Set the row heights; return where things went."""
        self.heights.apply(self.ws)
        return self.anchors
