"""Read a form's funds block (项目资金 / 预算资金 / 预算执行情况) into `Funds`, in 万元.

Columns are found by their labels (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 and
their variants), rows by their labels: the total row (年度资金总额 …) and, below it, every
labelled row is a source (docs/forms.md, "The funds block"). Choices where the forms leave room:
- a block whose only budget column is 年初预算数(A) (Beijing 2016, whose 执行率 is B/A) uses it
  as both 年初预算数 and 全年预算数; a block without a 年初预算数 column has none;
- the known source labels are folded to the national three; any other label (县级资金) is a
  source of its own name; several rows of one source are added up into one `Funding`, which
  then has no stated 执行率 and no stated 得分;
- a value row without a label of its own (the Chongqing department form) is the total row;
- a block that has only a total row labelled as fiscal money (年度财政资金总额) gives it as
  the 当年财政拨款 source too, since it is all there is;
- amounts in 元 (the block or its unit line says so) are divided by 10000.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from app.model import Finding, Funding, Funds, Where
from app.readers.common import NotANumber, label_key, parse_amount, parse_rate
from app.readers.forms.cells import Context, cell_where
from app.readers.forms.labels import AMOUNT_ROLES, PROJECTS_SUM, SOURCE_ROLES, SheetIndex
from app.readers.forms.table import Table
from app.text import cell_text, fold

TOTAL = "年度资金总额"
_COLUMNS = (*AMOUNT_ROLES, "weight", "rate", "score")
_PLACEHOLDER = re.compile(r"需说明|应单独说明|说明理由|字以内")
"""Words of the printed instructions a 原因 cell of a blank form holds, not a reason."""
_TOTAL_ROLES = frozenset({"src_total", "total_row"})
_END_ROLES = frozenset(
    {"title_project", "title_dept", "title_other", "name", "dept_name", "stop", "self_score"}
    | {"goal_block", "goal", "achieved", "indicator_block", "level1", "level2", "level3"}
    | {"task_block", "seq", "initial", "budget", "spent"}
)
"""Labels that end a funds block: the goals, the next table, the next form."""
_POINTS = re.compile(r"\((\d+(?:\.\d+)?)分")
_YUAN = re.compile(r"\(元\)|单位:?元|金额单位:?元")
_LEAD = re.compile(r"^其中[:：]?")


@dataclass(frozen=True, slots=True)
class FundsBlock:
    """A funds block as read: the `Funds` (None when no row of it gives a figure), the input's
    unit (1 for 万元, 10000 for 元), the last row it covers."""

    funds: Funds | None
    scale: float
    last_row: int


@dataclass(slots=True)
class _Row:
    row: int
    source: str
    funding: Funding
    weight: float | None
    weight_at: Where | None
    score: float | None
    score_at: Where | None
    label: str


def read_funds(
    ix: SheetIndex, header: int, end: int, ctx: Context, form_start: int = 0
) -> FundsBlock:
    """Read the funds block whose column labels are on row `header`, up to row `end`, of the
    form starting on row `form_start`."""
    table = Table.read(ix, header, (*_COLUMNS, "explain"))
    cols = table.columns
    first_amount = min(cols[role].first for role in AMOUNT_ROLES if role in cols)
    scale = _scale(ix, header, first_amount, form_start)
    rows: list[_Row] = []
    last = header
    blank = 0
    told: tuple[str, Where] | None = None  # a 偏差说明 row under the block
    for r in range(table.body, end):
        labels = ix.rows.get(r, ())
        said = next((lab for lab in labels if lab.role == "funds_explain"), None)
        if said is not None:
            told = _explanation_row(ix, said.row, said.col)
            last = r
            break
        if any(lab.role in _END_ROLES for lab in labels):
            break
        label = _row_label(ix, r, first_amount, labels)
        if label is None:
            row = _read_row(table, r, scale, TOTAL, ctx) if not rows else None
            if row is not None:  # a value row without a label: the block's total
                row.label = ""
                rows.append(row)
                last = r
                blank = 0
                continue
            if any(v is not None for v in ix.sheet.rows[r]) or blank:
                break  # the block ends at the next content, or at two blank rows
            blank += 1
            continue
        blank = 0
        if label.startswith(PROJECTS_SUM):
            continue  # the projects added up (our own 部门整体 form): no funds of the department
        source = _source_of(label, labels, first_amount)
        known = any(lab.role in SOURCE_ROLES or lab.role in _TOTAL_ROLES for lab in labels)
        if not known and _words_in_amounts(table, r):
            break  # an unknown label over words, not amounts: the block has ended
        row = _read_row(table, r, scale, source, ctx)
        last = r
        if row is not None:
            row.label = label
            rows.append(row)
    total = next((row for row in rows if row.source == TOTAL), None)
    # A form prints every source row; rows of zeros say nothing was there (the template
    # lists only the sources a project has), so they are left out.
    sources = tuple(
        s
        for s in _merge_sources([row for row in rows if row.source != TOTAL])
        if any(v not in (None, 0) for v in (s.initial, s.budget, s.spent))
        or s.initial_text is not None
        or s.budget_text is not None
        or s.spent_text is not None
    )
    if not sources and total is not None and "财政" in total.label:
        sources = (replace(total.funding, source="当年财政拨款"),)
    if last == header:
        # Column labels but no row naming a source (a summary such as 全部项目（4个）): no funds.
        return FundsBlock(None, scale, last)
    _missing_amounts(sources or ((total.funding,) if total else ()), ctx)
    weight, weight_at, score, score_at = _weight_and_score(ix, table, rows)
    explanation, explanation_at = _explanation(table, rows)
    if told is not None and not explanation:
        explanation, explanation_at = told
    funds = Funds(
        sources=sources,
        stated_total=total.funding if total else None,
        weight=weight,
        weight_at=weight_at,
        stated_score=score,
        stated_score_at=score_at,
        explanation=explanation,
        explanation_at=explanation_at,
    )
    return FundsBlock(funds, scale, last)


def _missing_amounts(rows: tuple[Funding, ...], ctx: Context) -> None:
    """Add a `missing_value` for each required amount left empty where its column exists: a
    全年预算数 beside other figures, a 全年执行数 beside a budget above 0."""
    for f in rows:
        for empty, where, what in (
            (
                f.budget is None
                and f.budget_text is None
                and (f.spent is not None or f.spent_text is not None),
                f.budget_at,
                "全年预算数",
            ),
            (
                f.spent is None and f.spent_text is None and (f.budget or 0) > 0,
                f.spent_at,
                "全年执行数",
            ),
        ):
            if empty and where is not None:
                ctx.findings.append(
                    Finding(
                        severity="error",
                        code="missing_value",
                        message=f"工作表“{where.sheet}”单元格 {where.cell}（{f.source}）未填写{what}",
                        project=ctx.project,
                        where=where,
                    )
                )


def _explanation(table: Table, rows: list[_Row]) -> tuple[str, Where | None]:
    """Return the reason a block gives in its 原因 column (Sichuan's form), from its total row
    or first row, and that cell (also when empty: it is where the reason belongs). The
    printed instructions of the blank form are no reason."""
    if "explain" not in table.columns or not rows:
        return "", None
    first = min(rows, key=lambda row: (row.source != TOTAL, row.row))
    value, c = table.value(first.row, "explain")
    assert c is not None
    text = cell_text(value)
    if _PLACEHOLDER.search(text):
        text = ""
    return text, cell_where(table.ix.sheet.name, c, str(first.row + 1))


def _explanation_row(ix: SheetIndex, row: int, col: int) -> tuple[str, Where]:
    """Return the text of a 偏差说明 row (the first cell right of its label that holds
    something) and its cell (the one right of the label when it is empty)."""
    line = ix.sheet.rows[row]
    first = ix.last_col(row, col) + 1
    for c in range(first, len(line)):
        if line[c] is not None:
            return cell_text(line[c]), cell_where(ix.sheet.name, c, str(row + 1))
    return "", cell_where(ix.sheet.name, first, str(row + 1))


def _row_label(ix: SheetIndex, r: int, first_amount: int, labels: Any) -> str | None:
    """Return the text labelling row `r` left of the amounts (its own cell, not a block label
    merged down from above), or None when it has none."""
    line = ix.sheet.rows[r]
    for c in range(min(first_amount, len(line))):
        v = line[c]
        if v is None:
            continue
        if any(lab.col == c and lab.role == "funds_block" for lab in labels):
            continue
        text = cell_text(v)
        if text:
            return text
    return None


def _words_in_amounts(table: Table, r: int) -> bool:
    """True when a row holds text that is no number in an amount column."""
    for role in AMOUNT_ROLES:
        value = table.value(r, role)[0]
        if isinstance(value, str) and value.strip():
            try:
                parse_amount(value)
            except NotANumber:
                return True
    return False


def _source_of(label: str, labels: Any, first_amount: int) -> str:
    """Return the source a row's label names: the total, one of the national three, or the
    label itself without its leading 其中."""
    for lab in labels:
        if lab.col < first_amount:
            if lab.role in _TOTAL_ROLES:
                return TOTAL
            if lab.role in SOURCE_ROLES:
                return SOURCE_ROLES[lab.role]
    return _LEAD.sub("", label_key(label)) or label


def _read_row(table: Table, r: int, scale: float, source: str, ctx: Context) -> _Row | None:
    """Read one source row; None when every cell of it is empty or a dash."""
    before = len(ctx.findings)
    got: dict[str, tuple[float | None, Where | None]] = {}
    texts: dict[str, str] = {}  # amounts that are no number, as written
    row_no = str(r + 1)
    for role in table.columns:
        if role == "explain":
            continue  # words, read once for the block (`_explanation`)
        value, c = table.value(r, role)
        assert c is not None
        if value is None:
            n = None
        elif role == "rate":
            n = ctx.number(value, r, c, "执行率", parse_rate)
        elif role in AMOUNT_ROLES:
            found = len(ctx.findings)
            n = ctx.number(value, r, c)
            if n is None and len(ctx.findings) > found:
                texts[role] = cell_text(value)
            n = None if n is None else n / scale
        else:
            n = ctx.number(value, r, c, "分值" if role == "weight" else "得分")
        got[role] = (n, cell_where(ctx.sheet, c, row_no))
    if "budget" not in got and "initial" in got:
        # The block's only budget column is 年初预算数 (Beijing 2016: 执行率 = B/A).
        got["budget"] = got["initial"]
        if "initial" in texts:
            texts["budget"] = texts["initial"]
    empty = (None, None)
    initial = got.get("initial", empty)
    budget = got.get("budget", empty)
    spent = got.get("spent", empty)
    rate = got.get("rate", empty)
    if (
        len(ctx.findings) == before
        and initial[0] is None
        and budget[0] is None
        and spent[0] is None
        and rate[0] is None
    ):
        return None
    weight, weight_at = got.get("weight", empty)
    score, score_at = got.get("score", empty)
    funding = Funding(
        source=source,
        initial=initial[0],
        budget=budget[0],
        spent=spent[0],
        initial_at=initial[1],
        budget_at=budget[1],
        spent_at=spent[1],
        stated_rate=rate[0],
        stated_rate_at=rate[1],
        stated_score=score,
        stated_score_at=score_at,
        initial_text=texts.get("initial"),
        budget_text=texts.get("budget"),
        spent_text=texts.get("spent"),
    )
    return _Row(r, source, funding, weight, weight_at, score, score_at, "")


def _add(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None else a + b


def _join(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    return a if b is None else f"{a}；{b}"


def _merge_sources(rows: list[_Row]) -> tuple[Funding, ...]:
    """Return one Funding per source in form order, adding up rows of the same source."""
    merged: dict[str, Funding] = {}
    for row in rows:
        f = row.funding
        prev = merged.get(row.source)
        if prev is None:
            merged[row.source] = f
            continue
        # The row labelled with the source's own name is where a person looks for it.
        keep = f if row.label.endswith(row.source) else prev
        merged[row.source] = replace(
            keep,
            initial=_add(prev.initial, f.initial),
            budget=_add(prev.budget, f.budget),
            spent=_add(prev.spent, f.spent),
            stated_rate=None,
            stated_rate_at=None,
            stated_score=None,
            stated_score_at=None,
            initial_text=_join(prev.initial_text, f.initial_text),
            budget_text=_join(prev.budget_text, f.budget_text),
            spent_text=_join(prev.spent_text, f.spent_text),
        )
    return tuple(merged.values())


def _weight_and_score(
    ix: SheetIndex, table: Table, rows: list[_Row]
) -> tuple[float | None, Where | None, float | None, Where | None]:
    """Return the block's 分值 and 得分: from the total row, else the first row giving them;
    a 分值 missing from the cells is taken from a label, as in 预算执行情况(10分),
    得分(20分*执行率) or 分值(10分)."""
    cols = table.columns
    ordered = sorted(rows, key=lambda row: row.source != TOTAL)
    Cell = tuple[float | None, Where | None]
    weight: Cell | None = next(
        ((row.weight, row.weight_at) for row in ordered if row.weight is not None), None
    )
    score: Cell | None = next(
        ((row.score, row.score_at) for row in ordered if row.score is not None), None
    )
    if weight is None:
        at_total = next((row.weight_at for row in ordered), None)
        weight = (None, at_total if "weight" in cols else None)
        header = table.header
        for lab in ix.rows.get(header, ()):
            if lab.role in ("funds_block", "weight", "score"):
                m = _POINTS.search(fold(str(ix.sheet.value(header, lab.col))).replace(" ", ""))
                if m:
                    weight = (
                        float(m.group(1)),
                        cell_where(ix.sheet.name, lab.col, str(header + 1)),
                    )
                    break
    if score is None:
        score = (None, next((row.score_at for row in ordered), None) if "score" in cols else None)
    return weight[0], weight[1], score[0], score[1]


def _scale(ix: SheetIndex, header: int, first_amount: int, form_start: int) -> float:
    """Return 10000 when the block's amounts are in 元, else 1 (万元, the national form's unit).

    The block says so in its label or column labels (项目资金（元）); failing that, a unit line
    of the form above it (单位：元, 金额单位：元)."""
    line = ix.sheet.rows[header]
    # The row's own texts, and the block label when it is merged down from a row above.
    texts: list[Any] = [v for v in line if v is not None]
    texts += [ix.shown(header, c) for c in range(min(first_amount, len(line))) if line[c] is None]
    unit = _unit_of(texts)
    if unit is None:
        # Short texts only: a goal or a name may well mention 元 without being a unit line.
        lines = [
            v
            for r in range(max(form_start, 0), header)
            for v in ix.sheet.rows[r]
            if isinstance(v, str) and len(v) <= 20 and "单位" in v
        ]
        unit = _unit_of(lines)
    return unit or 1.0


def _unit_of(texts: list[Any]) -> float | None:
    """Return 1 for texts naming 万元, 10000 for 元, None when they name neither."""
    return _unit_of_strings(tuple(t for t in texts if isinstance(t, str)))


@functools.lru_cache(maxsize=1024)
def _unit_of_strings(texts: tuple[str, ...]) -> float | None:
    # Every form of a workbook repeats its funds header: judged once.
    joined = "".join(fold(t).replace(" ", "") for t in texts)
    if "万元" in joined:
        return 1.0
    return 10000.0 if _YUAN.search(joined) else None
