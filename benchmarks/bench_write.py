"""Time `write_workbook` against xlsxwriter alone writing the very same workbook.

    python benchmarks/bench_write.py [N] [--repeat K]

Builds a synthetic evaluation of N projects (default 2000; 12 indicators each, mixed
statuses, notes, findings) in memory, then
1. times `write_workbook` (everything: layout, row heights, notes, cross-references);
2. records every xlsxwriter call that run makes (formats, cells, merges, formulas, comments,
   conditional formats, print setup) and times replaying them as plain xlsxwriter calls on a
   fresh workbook — the floor: what xlsxwriter alone needs for the same cells;
and prints both times and their ratio (issue 3's target: ≤ 1.5; issue 8's: ≤ 1.3).
write_workbook keeps the cyclic garbage collector off while it writes; the floor is timed
both as plain xlsxwriter and with the collector off too, and the second ratio is the fair one.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import xlsxwriter  # noqa: E402

from app.evaluate.results import (  # noqa: E402
    TOTAL_SOURCE,
    DepartmentResult,
    Evaluation,
    FundsResult,
    IndicatorResult,
    ProjectResult,
    RateResult,
)
from app.evaluate.scoring import grade_of  # noqa: E402
from app.model import Dataset, Department, Finding, Funding, Funds, Indicator, Project, Where  # noqa: E402
from app.rules import NATIONAL  # noqa: E402
from app.writers import workbook as workbook_module  # noqa: E402
from app.writers.workbook import write_workbook  # noqa: E402

LEVELS = [
    ("产出指标", "数量指标"),
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("产出指标", "成本指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "可持续影响指标"),
    ("效益指标", "经济效益指标"),
    ("满意度指标", "服务对象满意度指标"),
    ("满意度指标", "服务对象满意度指标"),
]
STATUSES = ["met"] * 8 + ["exceeded", "unmet", "manual", "not_applicable"]
GOAL = "保障基础教育工作正常运转及办学条件改善，完成年度校舍维修、设备采购和教师培训任务。"
ACHIEVED = (
    "全年完成校舍维修29项、设备采购12批次，组织教师培训40场，重点项目有序推进，"
    "教学质量不断攀升，惠民政策全部落实。"
)


def _indicator(p: int, i: int, row: int) -> IndicatorResult:
    level1, level2 = LEVELS[i]
    status = STATUSES[(i + p) % len(STATUSES)]
    weight = 0.0 if status == "not_applicable" else 90.0 / 11
    ind = Indicator(
        level1,
        level2,
        f"第{i + 1}项指标名称（{level2[:2]}）",
        "≥95%" if i % 3 else "得到提升",
        {
            "met": "100%",
            "exceeded": "130%",
            "unmet": "80%",
            "manual": "按计划推进",
            "not_applicable": "—",
        }[status],
        weight=None,
        explanation="因部分设备到货延迟，已督促供应商" if status == "unmet" and p % 2 else "",
        where=Where("项目指标", f"F{row}"),
        target_at=Where("项目指标", f"E{row}"),
        explanation_at=Where("项目指标", f"H{row}"),
    )
    score = {
        "met": weight,
        "exceeded": weight,
        "unmet": weight * 0.8421,
        "manual": None,
        "not_applicable": None,
    }[status]
    note = {
        "met": f"实际完成值100% ≥ 指标值95%，得满分；得分 = {weight:.2f} × 100.00% = {weight:.2f}",
        "exceeded": f"实际完成值130% ≥ 1.2 × 指标值95%，超额完成，得满分；得分 = {weight:.2f}",
        "unmet": f"实际完成值80% < 指标值95%；得分 = {weight:.2f} × 84.21% = {weight * 0.8421:.2f}",
        "manual": "实际完成值“按计划推进”不是可比较的数值，需人工判断",
        "not_applicable": "实际完成值为不适用，本指标不计分，分值已折算到其余指标",
    }[status]
    needs = status in ("unmet", "exceeded")
    return IndicatorResult(ind, status, weight, score, needs, note)


def synthetic_evaluation(n: int) -> Evaluation:
    """Return an evaluation of `n` synthetic projects (12 indicators each, mixed statuses)."""
    projects = []
    findings: list[Finding] = []
    row = 2
    for p in range(n):
        name = f"2022年第{p + 1}号项目专项资金（教育教学条件改善）"
        results = []
        for i in range(len(LEVELS)):
            results.append(_indicator(p, i, row))
            row += 1
        initial, budget, spent = 500.0 + p, 480.0 + p, (480.0 + p) * (0.85 if p % 7 == 0 else 1.0)
        rate = spent / budget
        funding = Funding(
            "当年财政拨款",
            initial,
            budget,
            spent,
            Where("项目资金", f"E{p + 2}"),
            Where("项目资金", f"F{p + 2}"),
            Where("项目资金", f"G{p + 2}"),
        )
        funds = FundsResult(
            RateResult(TOTAL_SOURCE, initial, budget, spent, rate),
            (RateResult("当年财政拨款", initial, budget, spent, rate),),
            10.0,
            10.0 * rate,
            f"执行率 = 全年执行数{spent:.2f}万元 ÷ 全年预算数{budget:.2f}万元 = {rate:.2%}；得分 = 10 × {rate:.2%}",
        )
        own = [
            Finding(
                "info",
                "indicator_exceeded",
                "指标超额完成较多，请分析原因",
                name,
                r.indicator.where,
            )
            for r in results
            if r.status == "exceeded"
        ] + [
            Finding(
                "warning",
                "manual",
                f"指标“{r.indicator.name}”需人工判断：{r.note}",
                name,
                r.indicator.where,
            )
            for r in results
            if r.status == "manual"
        ]
        if p % 7 == 0:
            own.append(
                Finding(
                    "warning",
                    "rate_low",
                    f"执行率{rate:.2%}低于90%，请说明原因",
                    name,
                    funding.spent_at,
                )
            )
        project = Project(
            name,
            department="某区教育局",
            unit=f"某区第{p % 40 + 1}中学",
            funds=Funds((funding,)),
            goal=GOAL,
            achieved=ACHIEVED,
            indicators=tuple(r.indicator for r in results),
            where=Where("项目资金", f"A{p + 2}"),
        )
        scored = [r.score for r in results if r.score is not None] + [funds.score]
        total = round(sum(scored), 2)
        projects.append(
            ProjectResult(
                project, funds, tuple(results), total, grade_of(total, NATIONAL), True, tuple(own)
            )
        )
        findings.extend(own)
    department = Department("某区教育局", 2022, GOAL, ACHIEVED)
    dataset = Dataset("synthetic.xlsx", "template", department, tuple(p.project for p in projects))
    dep = DepartmentResult(
        department, None, RateResult(TOTAL_SOURCE, 0.0, 0.0, 0.0, None), (), None, None, False, ()
    )
    return Evaluation(dataset, dep, tuple(projects), tuple(findings), NATIONAL)


class _Fmt:
    """A recorded format: its index in the recording."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


class _Recording:
    """Every xlsxwriter call of one write_workbook run, to be replayed on a real workbook."""

    def __init__(self) -> None:
        self.options: dict[str, Any] = {}
        self.formats: list[dict[str, Any]] = []
        self.sheets: list[str] = []
        self.book_calls: list[tuple[str, tuple, dict]] = []
        self.calls: list[tuple[int, str, tuple, dict]] = []

    def module(self) -> types.SimpleNamespace:
        """A stand-in for the xlsxwriter module whose Workbook records."""
        rec = self

        class Sheet:
            def __init__(self, index: int) -> None:
                self.index = index

            def __getattr__(self, name: str):
                return lambda *a, **k: rec.calls.append((self.index, name, a, k))

        class Book:
            def __init__(self, path: str, options: dict[str, Any], **_: Any) -> None:
                rec.options = dict(options)

            def add_format(self, props: dict[str, Any] | None = None) -> _Fmt:
                rec.formats.append(dict(props or {}))
                return _Fmt(len(rec.formats) - 1)

            def add_worksheet(self, name: str) -> Sheet:
                rec.sheets.append(name)
                return Sheet(len(rec.sheets) - 1)

            def close(self) -> None:
                pass

            def release(self, sheet: Sheet) -> None:
                pass  # StreamingWorkbook's own bookkeeping, not an xlsxwriter call

            def __getattr__(self, name: str):
                return lambda *a, **k: rec.book_calls.append((name, a, k))

        return types.SimpleNamespace(Workbook=Book, StreamingWorkbook=Book)

    def replay(self, path: str, collect: bool = True) -> tuple[float, float]:
        """Write the recorded workbook with plain xlsxwriter calls; return the seconds (wall
        clock, CPU) taken by the cell calls and close() (recorded formats are resolved first).
        `collect=False` runs it with the cyclic garbage collector off, as write_workbook does."""
        wb = xlsxwriter.Workbook(path, self.options)
        formats = [wb.add_format(p) for p in self.formats]

        def real(x: Any) -> Any:
            if isinstance(x, _Fmt):
                return formats[x.index]
            if isinstance(x, dict):
                return {k: real(v) for k, v in x.items()}
            return x

        for name, a, k in self.book_calls:
            getattr(wb, name)(*a, **k)
        sheets = [wb.add_worksheet(n) for n in self.sheets]
        ops = [
            (
                getattr(sheets[i], name),
                tuple(real(x) for x in a),
                {key: real(v) for key, v in k.items()},
            )
            for i, name, a, k in self.calls
        ]
        if not collect:
            gc.disable()
        try:
            start, cpu = time.perf_counter(), time.process_time()
            for method, a, k in ops:
                method(*a, **k)
            wb.close()
            return time.perf_counter() - start, time.process_time() - cpu
        finally:
            gc.enable()


def record(ev: Evaluation) -> _Recording:
    """Run write_workbook against a recorder instead of xlsxwriter."""
    rec = _Recording()
    real = workbook_module.StreamingWorkbook
    workbook_module.StreamingWorkbook = rec.module().StreamingWorkbook
    try:
        write_workbook(ev, "unused.xlsx", source_name="synthetic.xlsx")
    finally:
        workbook_module.StreamingWorkbook = real
    return rec


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="projects (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = parser.parse_args(argv)
    ev = synthetic_evaluation(args.n)
    rec = record(ev)
    cells = sum(1 for c in rec.calls if c[1].startswith(("write", "merge")))
    comments = sum(1 for c in rec.calls if c[1] == "write_comment")
    with tempfile.TemporaryDirectory() as tmp:
        ours, floor, floor_nogc = [], [], []
        for k in range(args.repeat):
            start, cpu = time.perf_counter(), time.process_time()
            write_workbook(ev, f"{tmp}/ours{k}.xlsx", source_name="synthetic.xlsx")
            ours.append((time.perf_counter() - start, time.process_time() - cpu))
            floor.append(rec.replay(f"{tmp}/floor{k}.xlsx"))
            floor_nogc.append(rec.replay(f"{tmp}/floor{k}.xlsx", collect=False))
        size = Path(f"{tmp}/ours0.xlsx").stat().st_size
    print(
        f"projects: {args.n}   sheets: {len(rec.sheets)}   cell writes and merges: {cells}   comments: {comments}"
    )
    # Wall clock and CPU time, best of the runs: on a busy machine the CPU time is steadier.
    best = {
        name: (min(t[0] for t in ts), min(t[1] for t in ts))
        for name, ts in (("ours", ours), ("floor", floor), ("nogc", floor_nogc))
    }
    print(f"{'':18}{'wall':>8}{'cpu':>8}{'ratio wall':>12}{'ratio cpu':>11}")
    for name, label in (
        ("ours", "write_workbook"),
        ("floor", "xlsxwriter alone"),
        ("nogc", "  same, gc off"),
    ):
        wall, cpu = best[name]
        ratio = (
            f"{best['ours'][0] / wall:>12.2f}{best['ours'][1] / cpu:>11.2f}"
            if name != "ours"
            else ""
        )
        print(f"{label:18}{wall:>8.2f}{cpu:>8.2f}{ratio}")
    print(f"output: {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
