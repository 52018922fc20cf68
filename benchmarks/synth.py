"""Generate realistic synthetic inputs of any size, as a data template or as official forms.

    python benchmarks/synth.py N --kind template|forms -o PATH [--seed S]

N projects of ~12 indicators each (11–13), every expression kind the parser knows (≥ ≤ =,
ranges, deadlines, qualitative bands, units 万元 元 年 个 人次, percentages, bare fractions,
percent-formatted number cells in the forms, 不适用/—), and the deviations an office really
has: unmet, exceeded and manual indicators, low execution rates, budgets adjusted during the
year, overspending. The department comes from the seed example. The same seed gives the
same projects in both kinds, so a template and its forms evaluate alike.

The template is written by `app.writers.template.write_template`; the forms, one per sheet,
in the national layout (财预〔2020〕10号: 分值 and a hand-filled 得分, all three sources) by
`write_grid` of `tests/build_form_files.py`, every 10th in the seed's published layout by
the writers of `examples/make_forms_example.py`.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "examples", ROOT / "tests"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import build_form_files as form_files  # noqa: E402
import make_example  # noqa: E402
import make_forms_example as forms_example  # noqa: E402
import xlsxwriter  # noqa: E402

from app.writers.template import write_template  # noqa: E402

DEPARTMENT = make_example.DEPARTMENT_NAME
UNITS = [f"双阳区第{i}中学" for i in range(1, 31)] + [f"双阳区第{i}小学" for i in range(1, 41)]
THEMES = ("校舍维修改造", "教学设备购置", "教师培训", "学生资助", "课后服务", "营养改善计划")


class Percent(float):
    """A value written as a number cell formatted 0.00% (forms only)."""


@dataclass(frozen=True)
class SynthProject:
    """One synthetic project: what both input kinds write."""

    name: str
    unit: str
    sources: tuple[tuple[str, float, float, float], ...]
    """(资金来源, 年初预算数, 全年预算数, 全年执行数) in 万元."""
    goal: str
    achieved: str
    indicators: tuple[tuple[str, str, str, Any, Any, str], ...]
    """(一级, 二级, 三级, 年度指标值, 实际完成值, 偏差原因分析及改进措施)."""


def _indicators(rng: random.Random, p: int) -> list[tuple[str, str, str, Any, Any, str]]:
    """Return 11–13 indicators of every expression kind, some off target."""
    out: list[tuple[str, str, str, Any, Any, str]] = []

    def add(l1: str, l2: str, name: str, target: Any, actual: Any, why: str = "") -> None:
        out.append((l1, l2, name, target, actual, why))

    roll = rng.random
    n = rng.randrange(8, 60)
    add("产出指标", "数量指标", "购置设备数量", f"≥{n}个", f"{n + rng.randrange(0, 3)}个")
    people = rng.randrange(5, 40) * 100
    got = int(people * (1.35 if roll() < 0.15 else rng.uniform(0.9, 1.1)))
    add("产出指标", "数量指标", "培训教师人次", f"≥{people}人次", f"{got}人次")
    rate = rng.choice((90, 95, 98))
    actual_rate = rng.choice((100, 99, 98)) if roll() > 0.12 else rate - rng.randrange(3, 10)
    why = "个别项目验收延后，已督促整改" if actual_rate < rate and roll() < 0.5 else ""
    add("产出指标", "质量指标", "验收合格率", f"≥{rate}%", f"{actual_rate}%", why)
    if p % 4 == 0:
        # A number cell: percent-formatted in the forms, a bare fraction in the template.
        add("产出指标", "质量指标", "资助金额发放准确率", ">=98%", Percent(rng.choice((0.99, 1.0))))
    else:
        add("产出指标", "质量指标", "资助金额发放准确率", ">=98%", "100%")
    late = roll() < 0.08
    done = "2023年1月15日" if late else f"2022年{rng.randrange(6, 13)}月{rng.randrange(1, 29)}日"
    add("产出指标", "时效指标", "项目完成时间", "2022年12月31日前", done)
    add("产出指标", "时效指标", "资金拨付及时率", "=100%", "100%")
    cost = rng.randrange(200, 2000)
    add(
        "产出指标",
        "成本指标",
        "生均补助标准",
        f"≤{cost}元",
        f"{int(cost * rng.uniform(0.9, 1.04))}元",
    )
    total = rng.randrange(50, 900)
    add(
        "产出指标",
        "成本指标",
        "项目总成本",
        f"≤{total}万元",
        f"{round(total * rng.uniform(0.8, 1.0), 2)}万元",
    )
    quality = rng.choices(("得到提升", "有所提升", "按计划推进"), (0.8, 0.12, 0.08))[0]
    add("效益指标", "社会效益指标", "教育教学质量", "得到提升", quality)
    years = rng.choice((3, 5, 10))
    add(
        "效益指标",
        "可持续影响指标",
        "设施可持续运行年限",
        f"≥{years}年",
        f"{years + rng.randrange(0, 2)}年",
    )
    if p % 3 == 0:
        add(
            "效益指标",
            "社会效益指标",
            "生均公用经费保障水平",
            "不低于国家规定的标准",
            "达到国家规定标准",
        )
    elif p % 3 == 1:
        add("效益指标", "社会效益指标", "适龄儿童入学率", "90%-100%", f"{rng.randrange(92, 101)}%")
    if roll() < 0.1:
        add("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", rng.choice(("—", "不适用")))
    satisfied = rng.choice((92, 95, 96, 98)) if roll() > 0.1 else rng.randrange(80, 90)
    add("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", f"{satisfied}%")
    return out


def _funds(rng: random.Random, p: int) -> tuple[tuple[str, float, float, float], ...]:
    """Return the project's sources, some with a low rate, an adjusted budget, overspending."""
    initial = round(rng.uniform(10, 5000), 2)
    budget = initial if rng.random() < 0.7 else round(initial * rng.uniform(0.85, 1.15), 2)
    if p % 13 == 0:
        budget = round(initial * 1.35, 2)  # budget_adjusted
    spent = budget if rng.random() < 0.6 else round(budget * rng.uniform(0.92, 1.0), 2)
    if p % 11 == 0:
        spent = round(budget * 0.8, 2)  # rate_low
    if p % 17 == 0:
        spent = round(budget * 1.02, 2)  # overspent
    sources = [("当年财政拨款", initial, budget, spent)]
    if p % 5 == 0:
        carry = round(rng.uniform(5, 200), 2)
        sources.append(("上年结转资金", carry, carry, round(carry * 0.95, 2)))
    return tuple(sources)


def projects(n: int, seed: int = 2022) -> list[SynthProject]:
    """Return `n` synthetic projects (deterministic for a seed)."""
    rng = random.Random(seed)
    out = []
    for p in range(n):
        theme = THEMES[p % len(THEMES)]
        name = f"2022年第{p + 1}号{theme}项目"
        out.append(
            SynthProject(
                name=name,
                unit=UNITS[p % len(UNITS)],
                sources=_funds(rng, p),
                goal=f"完成{theme}年度任务，保障{UNITS[p % len(UNITS)]}教育教学正常运转。",
                achieved=f"全年{theme}任务基本完成，资金按计划拨付使用，教育教学条件持续改善。",
                indicators=tuple(_indicators(rng, p)),
            )
        )
    return out


def _cell(value: Any, template: bool) -> Any:
    # write_template keeps value cells as text: a percent cell there is a bare fraction.
    if isinstance(value, Percent):
        return float(value) if template else value
    return value


def write_template_input(path: str | Path, n: int, seed: int = 2022) -> Path:
    """Write a data template of `n` projects (department from the seed example); return path."""
    data = dict(make_example.DATA)
    funds, goals, indicators = [], [], []
    for p in projects(n, seed):
        for source, initial, budget, spent in p.sources:
            funds.append([p.name, DEPARTMENT, p.unit, source, initial, budget, spent])
        goals.append([p.name, p.goal, p.achieved])
        for l1, l2, name, target, actual, why in p.indicators:
            indicators.append([p.name, l1, l2, name, target, _cell(actual, True), None, why])
    data.update({"项目资金": funds, "项目目标": goals, "项目指标": indicators})
    write_template(path, data)
    return Path(path)


class _PercentSheet:
    """A worksheet proxy for the seed's form writers: a `Percent` value is written as a number
    with a percentage format, everything else goes to the worksheet unchanged."""

    def __init__(self, ws: Any, fmt: Any) -> None:
        self._ws, self._fmt = ws, fmt

    def write(self, row: int, col: int, value: Any, fmt: Any = None) -> Any:
        if isinstance(value, Percent):
            return self._ws.write_number(row, col, float(value), self._fmt)
        return self._ws.write(row, col, value, fmt)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ws, name)


def _weights(count: int) -> list[int]:
    """分值 of `count` indicators adding up to 90 (the form's 100 less 10 for 执行率)."""
    base, extra = divmod(90, count)
    return [base + (i < extra) for i in range(count)]


def _runs(values: list[str], first: int, col: int) -> list[form_files.Merge]:
    """Merges of each run of equal consecutive values (rows from `first`), as forms have them."""
    merges = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        if j > i:
            merges.append((first + i, col, first + j, col, values[i]))
        i = j + 1
    return merges


def national_grid(p: SynthProject) -> tuple[list[list[Any]], list[form_files.Merge], list]:
    """Return the national form (财预〔2020〕10号) of `p`: (rows, merges, percent cells), with
    分值 filled in and 得分 filled by hand as full marks (so unmet indicators differ)."""
    sources = {s[0]: s[1:] for s in p.sources}
    total = tuple(round(sum(s[i] for s in sources.values()), 2) for i in range(3))
    rate = total[2] / total[1] if total[1] else None
    grid: list[list[Any]] = [
        ["项目支出绩效自评表"],
        ["（2022年度）"],
        ["项目名称", p.name],
        ["主管部门", DEPARTMENT, None, None, "实施单位", p.unit],
        [
            "项目资金（万元）",
            None,
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        [None, "年度资金总额", *total, 10, rate, None],
    ]
    percent = [(5, 6)]
    for label, source in (
        ("其中：当年财政拨款", "当年财政拨款"),
        ("上年结转资金", "上年结转资金"),
        ("其他资金", "其他资金"),
    ):
        amounts = sources.get(source)
        if amounts is None:
            grid.append([None, label, None, None, None, "—", None, "—"])
            continue
        grid.append([None, label, *amounts, "—", amounts[2] / amounts[1], "—"])
        percent.append((len(grid) - 1, 6))
    grid += [
        ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
        [None, p.goal, None, None, None, p.achieved],
        list(form_files.NATIONAL_INDICATOR_HEADER),
    ]
    first = len(grid)
    for (l1, l2, name, target, actual, why), weight in zip(
        p.indicators, _weights(len(p.indicators)), strict=True
    ):
        if isinstance(actual, Percent):
            percent.append((len(grid), 5))
        grid.append([None, l1, l2, name, target, actual, weight, weight, why or None])
    last = len(grid) - 1
    grid.append(["总分", 100, None, None, "自评得分", None, None, None])
    merges: list[form_files.Merge] = [
        (0, 0, 0, 8, "项目支出绩效自评表"),
        (1, 0, 1, 8, "（2022年度）"),
        (2, 1, 2, 8, p.name),
        (3, 1, 3, 3, DEPARTMENT),
        (3, 5, 3, 8, p.unit),
        (4, 0, 8, 0, "项目资金（万元）"),
        (9, 0, 10, 0, "年度总体目标"),
        (9, 1, 9, 4, "预期目标"),
        (9, 5, 9, 8, "实际完成情况"),
        (10, 1, 10, 4, p.goal),
        (10, 5, 10, 8, p.achieved),
        (11, 0, last, 0, "绩效指标"),
        (last + 1, 1, last + 1, 3, 100),
    ]
    merges += _runs([ind[0] for ind in p.indicators], first, 1)
    merges += _runs([f"{ind[0]}/{ind[1]}" for ind in p.indicators], first, 2)
    # The 二级 merges carry the 二级 name, not the key used to find the runs.
    merges = [(*m[:4], m[4].split("/")[-1]) if m[1] == 2 and m[0] >= first else m for m in merges]
    return grid, merges, percent


def write_forms_input(path: str | Path, n: int, seed: int = 2022) -> Path:
    """Write official forms of `n` projects, one per sheet, after the department's form: the
    national layout (`national_grid`), and every 10th project in the seed's published layout
    with its quirks (the name above an empty 项目名称 row, 三级指标 merged over two columns;
    only 当年财政拨款 there). Return the path."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    f = forms_example.Formats(wb)
    ws = wb.add_worksheet("部门整体支出绩效自评表")
    forms_example._widths(ws)
    forms_example.write_department(ws, 0, f)
    for i, p in enumerate(projects(n, seed)):
        ws = wb.add_worksheet(f"项目{i + 1}")
        forms_example._widths(ws)
        if i % 10 != 9:
            grid, merges, percent = national_grid(p)
            form_files.write_grid(wb, ws, grid, merges, percent_cells=percent)
            continue
        seed_project = forms_example.SeedProject(
            p.name,
            p.unit,
            p.sources[0][1:],
            p.goal,
            p.achieved,
            tuple(ind[:5] for ind in p.indicators),
            name_above=i % 20 == 9,
            wide=i % 30 == 19,
        )
        forms_example.write_project(_PercentSheet(ws, f.percent), 0, f, seed_project)
    wb.close()
    return Path(path)


def write_input(path: str | Path, n: int, kind: str, seed: int = 2022) -> Path:
    """Write a synthetic input of `kind` ("template" or "forms"); return its path."""
    if kind == "template":
        return write_template_input(path, n, seed)
    if kind == "forms":
        return write_forms_input(path, n, seed)
    raise ValueError(f"unknown kind: {kind}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of projects")
    parser.add_argument("--kind", choices=("template", "forms"), default="template")
    parser.add_argument("-o", "--output", required=True, help="where to write the .xlsx")
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args(argv)
    print(write_input(args.output, args.n, args.kind, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
