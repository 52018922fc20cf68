"""The funds block of a form (项目资金 / 预算资金): header, 年度资金总额 and the three sources.

Amounts are shown in the form's own unit (万元, or 元). 年度资金总额 is always the SUM of the
sources and every 执行率 is a formula guarded against a zero budget, so editing an amount in
Excel or WPS recomputes the rates, the 执行率 score and the total; the cached values are what
those formulas give for the amounts written.
"""

from __future__ import annotations

from app.evaluate.funds import blocks_rate, gap_words
from app.evaluate.results import FIELD_NAMES, TOTAL_SOURCE, FundsResult, Gap
from app.model import SOURCES, Finding, Funds, cell_ref
from app.rules import Rules
from app.text import shown_amount, unit_label
from app.writers.workbook.form import LAST_COL, UNSCORED, Form

FUNDS_CODES = {
    "rate_low": 7,
    "rate_undefined": 7,
    "overspent": 5,
    "budget_adjusted": 4,
    "sum_mismatch": 3,
}
"""Funds findings without a cell of their own point at this column of the 年度资金总额 row."""


def source_row(name: str) -> int:
    """Return the row (0 当年财政拨款, 1 上年结转资金, 2 其他资金) a funding source belongs to."""
    if name in SOURCES:
        return SOURCES.index(name)
    if "结转" in name:
        return 1
    if "财政" in name or "拨款" in name:
        return 0
    return 2


def _rate_cached(budget: float | None, spent: float | None) -> float | str:
    return "—" if budget is None or budget <= 0 or spent is None else spent / budget


def _amount_cell(
    form: Form, r: int, c: int, value: float | None, gaps: list[Gap], field: str
) -> None:
    """Write one amount of a funds row: the number; or the text as written when the cell held
    no number (flagged, with a note: it is in no total); or an empty flagged cell when a
    required amount was left empty."""
    ws, st = form.ws, form.st
    texts = [g for g in gaps if g.field == field and g.text]
    empty = [g for g in gaps if g.field == field and not g.text]
    if texts and value is None:
        shown = "；".join(g.text for g in texts)
        ws.write_string(r, c, shown, st.get("amount", flag="unreadable"))
        form.comment(r, c, f"“{shown}”不是数字，未计入合计和执行率；请改为数字")
    elif texts:
        ws.write_number(r, c, value, st.get("amount", flag="unreadable"))
        shown = "、".join(f"“{g.text}”（{g.where}）" for g in texts)
        form.comment(r, c, f"另有{shown}不是数字，未计入此数、合计和执行率；请改为数字")
    elif value is not None:
        ws.write_number(r, c, value, st.get("amount"))
    elif empty:
        ws.write_blank(r, c, None, st.get("amount", flag="manual"))
        form.comment(r, c, f"未填写{FIELD_NAMES.get(field, field)}，执行率无法计算；请填写")
    else:
        ws.write_blank(r, c, None, st.get("amount"))


def share_expr(rate: str, rules: Rules) -> str:
    """Excel expression of the share of the 执行率 weight earned at `rate` (rate_share)."""
    if rules.rate_scoring != "banded":
        return f"MIN(MAX({rate},0),1)"
    expr = "0"
    for lowest, share in reversed(rules.rate_bands):
        expr = f"IF(MAX({rate},0)>={lowest:g},{share:g},{expr})"
    return expr


def funds_block(
    form: Form,
    label: str,
    fr: FundsResult,
    funds: Funds | None,
    scale: float,
    findings: tuple[Finding, ...],
) -> None:
    """Write the 项目资金 (or 预算资金) block at `form.row`: the header, 年度资金总额 (SUM
    formulas, 执行率 and its score) and the three sources, always all three rows."""
    ws, st, cells = form.ws, form.st, form.anchors.cells
    lab, center = st.get("label"), st.get("center")
    r0 = form.row
    t = r0 + 1
    title = f"{label}\n（{unit_label(scale)}）"
    form.merge_text(r0, 0, r0 + 4, 0, title, lab)
    form.heights.need_span(r0, r0 + 4, title, 0, 0)
    ws.merge_range(r0, 1, r0, 2, "", lab)
    for col, head in enumerate(
        ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), 3
    ):
        ws.write_string(r0, col, head, lab)
    form.heights.fixed(r0, 24)
    # Sources in form order; a source the input does not give stays empty (not 0).
    models = funds.sources if funds is not None else ()
    grouped: list[list] = [[], [], []]
    for i, res in enumerate(fr.sources):
        grouped[source_row(res.source)].append((res, models[i] if i < len(models) else None))
    col_sums: list[float | None] = [None, None, None]
    spent_given = False
    for k, name in enumerate(SOURCES):
        r = t + 1 + k
        ws.merge_range(r, 1, r, 2, "其中：" + name if k == 0 else name, lab)
        values: list[float | None] = []
        for j, attr in enumerate(("initial", "budget", "spent")):
            present = [
                getattr(res, attr) for res, _ in grouped[k] if getattr(res, attr) is not None
            ]
            v = shown_amount(sum(present), scale) if present else None
            _amount_cell(form, r, 3 + j, v, [g for res, _ in grouped[k] for g in res.gaps], attr)
            if v is not None:
                col_sums[j] = (col_sums[j] or 0.0) + v
            values.append(v)
            for _, model in grouped[k]:
                at = getattr(model, attr + "_at", None) if model is not None else None
                if at is not None:
                    cells[at] = cell_ref(r, 3 + j)
        spent_given = spent_given or values[2] is not None
        ws.write_string(r, 6, "—", center)
        rr = r + 1
        cached = _rate_cached(values[1], values[2])
        if any(g.field != "initial" for res, _ in grouped[k] for g in res.gaps):
            cached = "—"
        over = isinstance(cached, float) and cached > 1 + 1e-12
        ws.write_formula(
            r,
            7,
            f'=IF(AND(ISNUMBER(E{rr}),ISNUMBER(F{rr})),IF(E{rr}>0,F{rr}/E{rr},"—"),"—")',
            st.get("pct", flag="unmet" if over else None),
            cached,
        )
        if over:
            form.comment(r, 7, f"{name}全年执行数大于全年预算数，请核实")
        for _, model in grouped[k]:
            if model is not None and model.stated_rate_at is not None:
                cells[model.stated_rate_at] = cell_ref(r, 7)
        ws.write_string(r, 8, "—", center)
        form.heights.fixed(r, 20)
    # 年度资金总额: the sum of the sources, as the evaluation computes it; a form that gives
    # only its total (no source rows) keeps that total's figures.
    T = t + 1
    ws.merge_range(t, 1, t, 2, TOTAL_SOURCE, lab)
    total = fr.total
    only_total = not fr.sources and any(
        v is not None for v in (total.initial, total.budget, total.spent)
    )
    only_total = only_total or (not fr.sources and bool(total.gaps))
    if only_total:
        col_sums = [
            None if v is None else shown_amount(v, scale)
            for v in (total.initial, total.budget, total.spent)
        ]
        spent_given = total.spent is not None
        for j, (v, attr) in enumerate(zip(col_sums, ("initial", "budget", "spent"), strict=True)):
            _amount_cell(form, t, 3 + j, v, list(total.gaps), attr)
    else:
        for j, (letter, attr) in enumerate(zip("DEF", ("initial", "budget", "spent"), strict=True)):
            left = gap_words(total.gaps, (attr,))
            span = f"{letter}{T + 1}:{letter}{T + 3}"
            # A column with no figure at all is no 0.00: "—", as for a missing 年初预算数.
            ws.write_formula(
                t,
                3 + j,
                f'=IF(COUNT({span})=0,"—",SUM({span}))',
                st.get("amount", flag="incomplete" if left else None),
                "—" if col_sums[j] is None else col_sums[j],
            )
            if left:
                form.comment(t, 3 + j, f"合计不含{left}")
    stated = funds.stated_total if funds is not None else None
    stated_cols: dict = {}
    if stated is not None:
        for j, attr in enumerate(("initial_at", "budget_at", "spent_at")):
            if getattr(stated, attr) is not None:
                cells[getattr(stated, attr)] = cell_ref(t, 3 + j)
                stated_cols[getattr(stated, attr)] = 3 + j
    # What a person must explain about the totals, noted where the figures are.
    total_notes: dict[int, list[str]] = {}
    for f in findings:
        if f.code == "budget_adjusted":
            total_notes.setdefault(4, []).append(f.message)
        elif f.code == "sum_mismatch":
            total_notes.setdefault(stated_cols.get(f.where, 3), []).append(f.message)
    for col, notes in total_notes.items():
        form.comment(t, col, "\n".join(notes))
    ws.write_number(t, 6, fr.weight, st.get("score"))
    form.heights.fixed(t, 20)
    form.weight_refs.append(f"G{T}")
    form.weight_total += fr.weight
    rate = _rate_cached(col_sums[1], col_sums[2] if spent_given else None)
    if blocks_rate(total.gaps):
        rate = "—"
    form.anchors.amounts = (col_sums[0], col_sums[1], col_sums[2])
    form.anchors.rate = rate
    flags = [f.message for f in findings if f.code in ("rate_low", "overspent", "rate_undefined")]
    flag = None
    if rate == "—":
        flag = "manual"
        flags = flags or [fr.note]
    elif flags:
        flag = "unmet"
    if only_total:
        given = f"NOT(ISNUMBER(E{T})),NOT(ISNUMBER(F{T}))"
    else:
        a, b = T + 1, T + 3
        # Any source whose budget or spent is text, or left empty beside the other: "—".
        given = (
            f"COUNT(F{a}:F{b})=0,COUNTA(E{a}:F{b})>COUNT(E{a}:F{b}),"
            f"SUMPRODUCT(ISNUMBER(E{a}:E{b})*(E{a}:E{b}>0)*(1-ISNUMBER(F{a}:F{b})))>0,"
            f"SUMPRODUCT((1-ISNUMBER(E{a}:E{b}))*ISNUMBER(F{a}:F{b}))>0"
        )
    ws.write_formula(
        t,
        7,
        f'=IF(OR(N(E{T})<=0,{given}),"—",F{T}/E{T})',
        st.get("pct", flag=flag),
        rate,
    )
    if flags:
        form.comment(t, 7, "\n".join(dict.fromkeys(flags)))
    form.rate_cell = f"H{T}"
    share = share_expr(f"H{T}", form.rules)
    ws.write_formula(
        t,
        8,
        f'=IF(ISNUMBER(H{T}),G{T}*{share},"{UNSCORED}")',
        st.get("score", flag="manual" if fr.score is None else None),
        UNSCORED if fr.score is None else fr.score,
    )
    form.comment(t, 8, fr.note)
    form.score_refs.append(f"I{T}")
    if funds is not None:
        if funds.weight_at is not None:
            cells[funds.weight_at] = f"G{T}"
        if funds.stated_score_at is not None:
            cells[funds.stated_score_at] = f"I{T}"
    form.anchors.funds_row = t
    for code, col in FUNDS_CODES.items():
        form.anchors.by_code[code] = cell_ref(t, col)
    form.row = r0 + 5
    if funds is not None and (
        funds.explanation.strip() or any(f.code in EXPLAINED for f in findings)
    ):
        explanation_row(form, funds)


EXPLAINED = ("rate_low", "budget_adjusted")
"""Funds findings a project must explain in its 偏差说明."""
EXPLANATION_LABEL = "偏差说明"
EXPLANATION_NOTE = (
    "执行率偏低或全年预算数调整较大，请在此说明原因（偏差说明）；本工具不代写。"
    "也可填在数据模板“项目目标”表的“偏差说明”列中。"
)


def explanation_row(form: Form, funds: Funds) -> None:
    """偏差说明 under the funds block: why 执行率 is low or the budget was adjusted, as given,
    or a framed empty cell for a person to write it in."""
    ws, st = form.ws, form.st
    r = form.row
    text = funds.explanation.strip()
    k = form.rows_for(((text, 1, LAST_COL),))
    form.text_cell(r, k, 0, 0, EXPLANATION_LABEL, st.get("label"))
    if text:
        form.text_cell(r, k, 1, LAST_COL, text, st.get("text"))
    else:
        ws.merge_range(r, 1, r + k - 1, LAST_COL, "", st.get("explain"))
        form.heights.fixed(r, 36)
        form.comment(r, 1, EXPLANATION_NOTE)
    if funds.explanation_at is not None:
        form.anchors.cells[funds.explanation_at] = cell_ref(r, 1)
    form.anchors.by_code["explanation_missing"] = cell_ref(r, 1)
    form.row = r + k
