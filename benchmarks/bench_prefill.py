"""Time pre-filling a template from N declaration workbooks against reading them with `check`.

    python benchmarks/bench_prefill.py [N] [--repeat K]

Writes N workbooks (default 100) as a budget system exports one project before the year's
end (`--kind export`, the default): 项目基本信息, 支出计划, 支出明细, the 项目支出绩效目标申报表
(every other one in the national reference layout, 中期 and 年度 side by side; the others the
single-year 参考模板 with ★ core indicators), the 绩效目标执行监控表 of July and the empty
项目支出绩效自评表, 12 indicators each. `--kind bare` leaves out all but 项目基本信息, the
申报表 and the 执行监控表; `--kind filled` fills the 自评表 in. Then times
1. `check` reading them: `pipeline.run(path, write=False)` file after file, as `selfeval check`
   does (a bare workbook ends in the message that it holds no self-evaluation, after reading
   every sheet; an export's empty 自评表 is read and scored: every actual missing);
2. `prefill` of the whole folder into one template (read, merge, write);
and prints both and the ratio prefill ÷ check (issue 20's target: ≤ 2). Each time is the best of K runs (default 5, the two taking
turns), imports and a first warm-up run excluded.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "tests"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from corpus_derived import National, national  # noqa: E402
from corpus_grid import _, form, workbook  # noqa: E402

from app.errors import InputError  # noqa: E402
from app.pipeline import run  # noqa: E402
from app.prefill import prefill  # noqa: E402

LEVELS = [
    ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
    ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
    ("产出指标", "成本指标"), ("效益指标", "社会效益指标"), ("效益指标", "社会效益指标"),
    ("效益指标", "可持续影响指标"), ("满意度指标", "服务对象满意度指标"),
    ("满意度指标", "服务对象满意度指标"),
]  # fmt: skip
TARGETS = ["≥{n}个", "{n}人次", "≥9{k}%", "100%", "2024年{m}月底前", "≤{n}万元", "≤{n}元/人",
           "≥8{k}%", "得到提升", "持续改善", "≥9{k}%", "≥8{k}%"]  # fmt: skip


def _indicators(i: int) -> list[tuple[str, str, str, str]]:
    return [
        (
            l1,
            l2,
            f"项目{i}指标{j + 1}",
            TARGETS[j].format(n=10 + i + j, k=j % 9, m=1 + (i + j) % 12),
        )
        for j, (l1, l2) in enumerate(LEVELS)
    ]


def _declaration(wb: Any, i: int, name: str) -> None:
    ws = wb.add_worksheet("绩效目标申报表")
    rows = _indicators(i)
    reference = i % 2 == 0
    grid: list[list[Any]] = [
        [],
        [],
        ["项目名称", name],
        ["主管部门", "某县教育局", _, "实施单位", f"某县第{i}中学"],
    ]
    if reference:
        grid += [
            ["项目资金(万元)", "中期资金总额", 300 + i, "年度资金总额", 100 + i],
            [_, "其中：财政拨款", 300 + i, "其中：财政拨款", 100 + i],
            ["总体目标", "中期目标", _, "年度目标"],
            [_, "三年完成。", _, f"完成项目{i}的年度任务。"],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
                "二级指标",
                "三级指标",
                "指标值",
            ],  # fmt: skip
        ]
        grid += [[_, l1, l2, n, t, l2, n, t] for l1, l2, n, t in rows]
    else:
        grid += [
            ["资金情况（万元）", "年度资金总额：", 100 + i],
            [_, "其中：财政拨款", 100 + i],
            ["年度目标", f"完成项目{i}的年度任务。"],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ]
        grid += [[_, l1, l2, ("★" if j == 0 else "") + n, t] for j, (l1, l2, n, t) in enumerate(rows)]  # fmt: skip
    form(wb, ws, grid, titles=[(0, 0, 4, "项目支出绩效目标申报表"), (1, 0, 4, "（2024年度）")])


def _monitoring(wb: Any, i: int, name: str) -> None:
    ws = wb.add_worksheet("绩效目标执行监控")
    grid: list[list[Any]] = [
        [],
        [],
        ["项目名称", name],
        ["主管部门", "某县教育局", _, "实施单位", f"某县第{i}中学"],
        ["项目资金", _, "年初预算数", "全年预算数", "1-7月执行数", "执行率", "全年预计执行数"],
        [_, "年度资金总额", 100 + i, 100 + i, 50, 0.5, 100 + i],
        [_, "其中：财政拨款", 100 + i, 100 + i, 50, 0.5, 100 + i],
        ["年度总体目标", f"完成项目{i}的年度任务。"],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "1-7月执行情况",
            "全年预计完成情况",
        ],  # fmt: skip
    ]
    grid += [[_, l1, l2, n, t, "进行中", t] for l1, l2, n, t in _indicators(i)]
    form(wb, ws, grid, titles=[(0, 0, 6, "项目支出绩效目标执行监控表"), (1, 0, 6, "（2024年度）")])


def _self_evaluation(wb: Any, i: int, name: str, filled: bool) -> None:
    """The 项目支出绩效自评表: empty (targets only, as the export carries it before the
    year's end) or filled in."""
    rows = [(l1, l2, n, t, t if filled else _, _, _, _) for l1, l2, n, t in _indicators(i)]
    spent = 95 + i if filled else _
    funds = [("年度资金总额", 100 + i, 100 + i, spent, 10, _, _)]
    f = National("项目支出绩效自评表", "（2024年度）", name, rows, funds, "某县教育局", "学校")
    national(wb, wb.add_worksheet("绩效自评表"), f)


def _plans(wb: Any, i: int, name: str) -> None:
    """支出计划 and 支出明细, as the export carries them."""
    plan = wb.add_worksheet("支出计划")
    plan.write_row(0, 0, ["项目支出计划表"])
    plan.write_row(1, 0, ["项目名称", "全年预算数", "一季度", "二季度", "三季度", "四季度"])
    plan.write_row(2, 0, [name, 100 + i, 25, 25, 25, 25 + i])
    detail = wb.add_worksheet("支出明细")
    detail.write_row(0, 0, ["项目支出明细表"])
    detail.write_row(1, 0, ["序号", "支出内容", "经济分类", "金额(万元)"])
    for k in range(6):
        detail.write_row(2 + k, 0, [k + 1, f"支出{k + 1}", "30227委托业务费", 10 + k])


KINDS = ("bare", "export", "filled")
"""bare: 项目基本信息, 申报表, 执行监控表; export: also 支出计划, 支出明细 and the empty
自评表 (the budget-system export of the year's end, issue 20); filled: the 自评表 filled."""


def write_exports(folder: Path, n: int, kind: str = "export") -> list[Path]:
    """Write `n` declaration workbooks of `kind` (see KINDS) into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"export_{i:03d}.xlsx"
        name = f"2024年项目{i:03d}"
        wb = workbook(path)
        info = wb.add_worksheet("项目基本信息")
        info.write_row(0, 0, ["项目名称", name])
        info.write_row(1, 0, ["项目总金额(万元)", 100 + i])
        if kind != "bare":
            _plans(wb, i, name)
        _declaration(wb, i, name)
        _monitoring(wb, i, name)
        if kind != "bare":
            _self_evaluation(wb, i, name, filled=kind == "filled")
        wb.close()
        paths.append(path)
    return paths


def best(repeat: int, *works: Callable[[], object]) -> list[tuple[float, float]]:
    """Return (wall, CPU) seconds of each of `works`, the shortest of `repeat` runs each. The
    works take turns, so that a busy moment of a shared machine hits each alike; CPU time
    (this process's) is what other work on the machine disturbs least."""
    for work in works:
        work()  # warm-up: caches, lazy imports
    times: list[list[tuple[float, float]]] = [[] for _ in works]
    for _i in range(repeat):
        for work, taken in zip(works, times, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            taken.append((time.perf_counter() - wall, time.process_time() - cpu))
    return [(min(w for w, _ in t), min(c for _, c in t)) for t in times]


def check_all(paths: list[Path]) -> None:
    """`selfeval check` on each file, one after the other."""
    for path in paths:
        # A bare workbook of 申报表s is read, then said to hold no self-evaluation.
        with contextlib.suppress(InputError):
            run(path, write=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--kind", choices=KINDS, default="export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        paths = write_exports(folder, args.n, args.kind)
        out = Path(tmp) / "预填.xlsx"
        checked, filled = best(
            args.repeat, lambda: check_all(paths), lambda: prefill([folder], out)
        )
        result = prefill([folder], out)
    print(
        f"{args.n} workbooks ({args.kind}): {result.projects} projects, "
        f"{result.indicators} indicators"
    )
    print("                          wall s   CPU s")
    print(f"check, file by file      {checked[0]:6.3f}  {checked[1]:6.3f}")
    print(f"prefill, whole folder    {filled[0]:6.3f}  {filled[1]:6.3f}")
    ratios = f"{filled[0] / checked[0]:6.2f}  {filled[1] / checked[1]:6.2f}"
    print(f"ratio prefill / check    {ratios}  (target ≤ 2)")


if __name__ == "__main__":
    main()
