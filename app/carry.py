"""Generating again never loses what a person typed into the earlier output.

People write 偏差原因分析及改进措施 (and goals, 实际完成情况, a 偏差说明, 评价结论, who signs …)
into the generated workbook, then
correct their template and generate again. Before the earlier output is replaced (it is kept
as a backup beside it, `safe_write.backup_path`), the texts typed into it are carried into the
new one: matched by project (name; the n-th of a name with the n-th) and indicator (一级, 二级,
三级; likewise), and only into fields the input leaves empty. An explanation is carried only
while its indicator's 年度指标值 and 实际完成值 are unchanged: for changed values it may no
longer hold, and it stays in the backup (counted in `Carried.left`). A value read as a
percentage is printed as one (0.93 as 93%) and compared so. Who signs a project form is
carried only where it differs from the department form: the rest is the department's.

The earlier output is read by its own layout (we wrote it: `app/writers/workbook_form.py`)
with calamine, and only when it is a workbook selfeval made (`app/readers/ours.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.errors import Cancelled
from app.model import SIGNATURE_FIELDS, Dataset, Department, Indicator, Project, Signature
from app.readers.book import Sheet
from app.text import cell_text, format_number
from app.writers.workbook.footer import CLOSING_ROWS, SIGNATURE_LABELS, SIGNATURE_ROWS
from app.writers.workbook.funds import EXPLANATION_LABEL

_HEAD_NAME, _HEAD_EXPLAIN = "三级指标", "偏差原因分析及改进措施"
_FORM_TITLES = ("项目支出绩效自评表", "部门整体支出绩效自评表")


@dataclass
class _Earlier:
    """The texts of one form of the earlier output."""

    title: str
    name: str = ""
    supervisor: str = ""
    unit: str = ""
    goal: str = ""
    achieved: str = ""
    tasks: dict[str, str] = field(default_factory=dict)
    indicators: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    """(一级, 二级, 三级, 年度指标值, 实际完成值, 偏差原因分析及改进措施) in form order."""
    explanation: str = ""
    """The 偏差说明 under the funds block."""
    closing: dict[str, str] = field(default_factory=dict)
    """评价结论, 存在问题, 改进措施 by model field."""
    signature: dict[str, str] = field(default_factory=dict)
    """Who signs the form, by `Signature` field."""


@dataclass(frozen=True)
class Carried:
    """The dataset with the earlier texts in it; how many texts were carried, and how many
    explanations were not (their indicator's values changed)."""

    dataset: Dataset
    texts: int = 0
    left: int = 0


def _text(sheet: Sheet, row: int, col: int) -> str:
    return cell_text(sheet.value(row, col))


def _read_form(sheet: Sheet) -> _Earlier | None:
    """Return the texts of one form sheet of ours, or None when the sheet is no form."""
    title = _text(sheet, 0, 0)
    if title not in _FORM_TITLES:
        return None
    form = _Earlier(title)
    rows = sheet.height
    r = 0
    while r < rows:
        label = _text(sheet, r, 0).replace("\n", "")
        if label in ("项目名称", "部门名称"):
            form.name = _text(sheet, r, 1)
        elif label == "主管部门":
            form.supervisor = _text(sheet, r, 1)
            if _text(sheet, r, 4) == "实施单位":
                form.unit = _text(sheet, r, 5)
        elif label == "年度总体目标":
            form.goal, form.achieved = _text(sheet, r + 1, 1), _text(sheet, r + 1, 5)
        elif label == "年度目标":
            form.goal = _text(sheet, r, 1)
        elif label.startswith("绩效目标"):
            form.achieved = _text(sheet, r, 1)
        elif label == EXPLANATION_LABEL:
            form.explanation = _text(sheet, r, 1)
        elif label in _CLOSING:
            form.closing[_CLOSING[label]] = _text(sheet, r, 1)
        elif label == SIGNATURE_LABELS["unit"]:
            form.signature = _read_signature(sheet, r)
        if _text(sheet, r, 1) == "序号" and _text(sheet, r, 2) == "任务名称":
            r = _read_tasks(sheet, r + 1, form)
            continue
        if _text(sheet, r, 3) == _HEAD_NAME and _text(sheet, r, 8) == _HEAD_EXPLAIN:
            r = _read_indicators(sheet, r + 1, form)
            continue
        r += 1
    return form


_CLOSING = dict(CLOSING_ROWS)


def _read_signature(sheet: Sheet, r: int) -> dict[str, str]:
    """Read the signature block from its first row `r`, laid out as the writer lays it."""
    out: dict[str, str] = {}
    for i, items in enumerate(SIGNATURE_ROWS):
        for name, l1, _, v1, _ in items:
            if _text(sheet, r + i, l1) == SIGNATURE_LABELS[name]:
                out[name] = _text(sheet, r + i, v1)
    return out


def _read_tasks(sheet: Sheet, r: int, form: _Earlier) -> int:
    """Read 年度主要任务 from row `r`; return the row after it."""
    while r < sheet.height and sheet.value(r, 0) is None and _text(sheet, r, 1):
        form.tasks.setdefault(_text(sheet, r, 2), _text(sheet, r, 6))
        r += 1
    return r


def _read_indicators(sheet: Sheet, r: int, form: _Earlier) -> int:
    """Read the indicator table from row `r` to 总分; return the row after it."""
    while r < sheet.height and _text(sheet, r, 0) != "总分":
        name = sheet.value(r, 3)
        # A breakdown row ("其中…") shows "—" as its 分值; a long text's rows below are merged.
        if name is not None and _text(sheet, r, 6) != "—":
            form.indicators.append(
                (
                    cell_text(sheet.merged_value(r, 1)),
                    cell_text(sheet.merged_value(r, 2)),
                    cell_text(name),
                    _text(sheet, r, 4),
                    _text(sheet, r, 5),
                    _text(sheet, r, 8),
                )
            )
        r += 1
    return r + 1


def read_earlier(path: str | Path, tick: Callable[[], None] | None = None) -> list[_Earlier] | None:
    """Return the forms of an output selfeval made (department first when it has one), or
    None when `path` is no such workbook or cannot be read. `tick()` is called before each
    sheet (an exception it raises, a cancel, propagates)."""
    from app.errors import InputError
    from app.readers.book import open_book
    from app.readers.guard import inspect
    from app.readers.ours import RESULT, made_by_selfeval

    if made_by_selfeval(path) != RESULT:
        return None
    try:
        inspect(path)
        book = open_book(path)
    except (InputError, OSError):
        return None
    forms = []
    try:
        for i in range(len(book.names)):
            if tick is not None:
                tick()
            form = _read_form(book.sheets[i])
            if form is not None:
                forms.append(form)
    except Cancelled:
        raise
    except Exception:  # noqa: BLE001 - an odd earlier file never stops the new one: it is kept
        return None
    finally:
        book.close()
    return forms


def carry_from(
    path: str | Path, dataset: Dataset, tick: Callable[[], None] | None = None
) -> Carried | None:
    """Return `dataset` with the texts a person typed into the earlier output at `path`, or
    None when there is no earlier output of ours to read (`tick` as for `read_earlier`)."""
    forms = read_earlier(path, tick)
    if forms is None:
        return None
    return carry(dataset, forms)


def carry(dataset: Dataset, forms: list[_Earlier]) -> Carried:
    """Return `dataset` with the earlier forms' texts put into its empty fields."""
    counts = [0, 0]  # carried, left
    department = next((f for f in forms if f.title == _FORM_TITLES[1]), None)
    earlier: dict[str, list[_Earlier]] = {}
    for form in forms:
        if form.title == _FORM_TITLES[0]:
            earlier.setdefault(form.name, []).append(form)
    seen: dict[str, int] = {}
    projects = []
    inherited = department.signature if department is not None else {}
    for p in dataset.projects:
        k = seen[p.name] = seen.get(p.name, -1) + 1
        same = earlier.get(p.name, [])
        projects.append(_project(p, same[k], counts, inherited) if k < len(same) else p)
    dep = dataset.department
    if department is not None:
        dep = _department(dep, department, counts)
    new = replace(dataset, projects=tuple(projects), department=dep)
    return Carried(new, counts[0], counts[1])


def _fill(value: str, earlier: str, counts: list[int]) -> str:
    """The input's value, or the earlier text where the input leaves it empty."""
    if value.strip() or not earlier.strip():
        return value
    counts[0] += 1
    return earlier


def _project(p: Project, form: _Earlier, counts: list[int], inherited: dict[str, str]) -> Project:
    """The project with the earlier form's texts where its own are empty; who signs only
    where the earlier form differs from the earlier department form (`inherited`)."""
    own = {k: v for k, v in form.signature.items() if v != inherited.get(k, "")}
    return replace(
        p,
        department=_fill(p.department, form.supervisor, counts),
        unit=_fill(p.unit, form.unit, counts),
        goal=_fill(p.goal, form.goal, counts),
        achieved=_fill(p.achieved, form.achieved, counts),
        indicators=_indicators(p.indicators, form, counts),
        funds=replace(p.funds, explanation=_fill(p.funds.explanation, form.explanation, counts)),
        signature=_signature(p.signature, own, counts),
        conclusion=_fill(p.conclusion, form.closing.get("conclusion", ""), counts),
        problems=_fill(p.problems, form.closing.get("problems", ""), counts),
        measures=_fill(p.measures, form.closing.get("measures", ""), counts),
    )


def _department(d: Department, form: _Earlier, counts: list[int]) -> Department:
    tasks = tuple(
        replace(t, achieved=_fill(t.achieved, form.tasks.get(t.name, ""), counts)) for t in d.tasks
    )
    funds = d.funds
    if funds is not None:
        funds = replace(funds, explanation=_fill(funds.explanation, form.explanation, counts))
    return replace(
        d,
        goal=_fill(d.goal, form.goal, counts),
        achieved=_fill(d.achieved, form.achieved, counts),
        tasks=tasks,
        indicators=_indicators(d.indicators, form, counts),
        funds=funds,
        signature=_signature(d.signature, form.signature, counts),
        conclusion=_fill(d.conclusion, form.closing.get("conclusion", ""), counts),
        problems=_fill(d.problems, form.closing.get("problems", ""), counts),
        measures=_fill(d.measures, form.closing.get("measures", ""), counts),
    )


def _signature(own: Signature, earlier: dict[str, str], counts: list[int]) -> Signature:
    return Signature(
        *(_fill(getattr(own, name), earlier.get(name, ""), counts) for name, _ in SIGNATURE_FIELDS)
    )


def _indicators(
    indicators: tuple[Indicator, ...], form: _Earlier, counts: list[int]
) -> tuple[Indicator, ...]:
    """The indicators with earlier explanations where theirs is empty and their values are
    the same as then."""
    by_key: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
    for level1, level2, name, target, actual, explanation in form.indicators:
        by_key.setdefault((level1, level2, name), []).append((target, actual, explanation))
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for ind in indicators:
        key = (ind.level1, ind.level2, ind.name)
        k = seen[key] = seen.get(key, -1) + 1
        same = by_key.get(key, [])
        if k < len(same) and not ind.explanation.strip() and same[k][2].strip():
            target, actual, explanation = same[k]
            if _as_printed(target, ind.target) and _as_printed(actual, ind.actual):
                counts[0] += 1
                ind = replace(ind, explanation=explanation)
            else:
                counts[1] += 1
        out.append(ind)
    return tuple(out)


def _as_printed(printed: str, value: str) -> bool:
    """Whether the earlier form printed `value`: as written, or a bare fraction as the
    percentage it was read as (0.93 printed 93%)."""
    value = value.strip()
    if printed == value:
        return True
    try:
        x = float(value)
    except ValueError:
        return False
    return 0 < x <= 1.5 and printed == f"{format_number(x * 100)}%"
