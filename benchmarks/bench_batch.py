"""Time a bureau's batch: `run_many` in one process against a pool on every core.

    python benchmarks/bench_batch.py [--departments 20] [--projects 100] [--workers N]

Writes D data templates of P projects each (about 12 indicators per project, mixed
expressions: percentages, counts with units, "≤" costs, years, deadlines, qualitative text),
then times `run_many` (read, evaluate, write every workbook) with workers=1 (in-process, no
pool) and with workers=N (default: every core), and prints throughput and the ratio
(issue 9's target: ≥ 1.7 on 2 cores). It also times an empty pool (spawn a worker and import
the pipeline) so that the fixed cost of the pool can be told apart.

The ratio is only meaningful on an otherwise idle machine: each run also prints the CPU time
it used, and (on Linux) the CPU time other programs took meanwhile; the extra CPU of the pool
run over the in-process one bounds the ratio an idle machine would show.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.batch import default_workers, run_many  # noqa: E402
from app.rules import NATIONAL  # noqa: E402
from app.writers.template import write_template  # noqa: E402

# (一级, 二级, 三级, target, actual): met, exceeded, unmet, manual and qualitative in turn.
INDICATORS = [
    ("产出指标", "数量指标", "完成维修校舍数", "≥{n}所", "{m}所"),
    ("产出指标", "数量指标", "培训教师人次", "≥{n}00人次", "{m}00人次"),
    ("产出指标", "质量指标", "验收合格率", "≥95%", "{pct}%"),
    ("产出指标", "质量指标", "资金发放准确率", "100%", "100%"),
    ("产出指标", "时效指标", "完成时间", "2022年12月31日前", "2022年11月{d}日"),
    ("产出指标", "成本指标", "单位维修成本", "≤{n}0万元", "{m}0万元"),
    ("效益指标", "社会效益指标", "办学条件", "得到提升", "{quality}"),
    ("效益指标", "社会效益指标", "入学率", "≥98%", "{pct}%"),
    ("效益指标", "可持续影响指标", "设施可持续运行年限", "≥5年", "{years}年"),
    ("效益指标", "经济效益指标", "节约运行成本", "≥{n}万元", "按计划推进"),
    ("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "{pct}%"),
    ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "{pct}%"),
]
QUALITY = ("明显提升", "得到提升", "基本完成", "有所改善")


def department_data(d: int, projects: int) -> dict[str, list[list[object]]]:
    """Return the template rows of department `d`: funds and indicators of each project."""
    name = f"第{d + 1:02d}部门"
    funds: list[list[object]] = []
    indicators: list[list[object]] = []
    for p in range(projects):
        project = f"{name}项目{p + 1:03d}：基础设施维修改造及设备购置"
        k = d * 1000 + p
        budget = 100.0 + (k * 37) % 900
        funds.append([project, name, f"{name}实施单位", "当年财政拨款", budget, budget, budget])
        if p % 4 == 0:
            spent = round(budget * (0.6 + (k % 40) / 100), 2)
            funds.append([project, name, f"{name}实施单位", "上年结转资金", 20, 25, spent / 10])
        n = 5 + k % 7
        values = {
            "n": n,
            "m": n + (k % 5) - 1,
            "pct": 90 + k % 11,
            "d": 1 + k % 28,
            "years": 4 + k % 4,
            "quality": QUALITY[k % len(QUALITY)],
        }
        for i, (l1, l2, l3, target, actual) in enumerate(INDICATORS):
            why = "受疫情影响部分工程延期" if (i + k) % 5 == 0 else ""
            indicators.append(
                [project, l1, l2, l3, target.format(**values), actual.format(**values), None, why]
            )
    return {
        "部门信息": [["部门名称", f"长春市双阳区{name}"], ["年度", 2022]],
        "项目资金": funds,
        "项目指标": indicators,
    }


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children (the pool's workers
    count once the pool has shut down). A run that used far less than `workers` cores over its
    wall time was starved by other programs, and its ratio says little."""
    try:
        import resource
    except ImportError:  # Windows: this process only
        return time.process_time()
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def pool_startup(workers: int) -> float:
    """Seconds to start `workers` spawned processes that import the pipeline's modules."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    with ProcessPoolExecutor(workers, multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_warm, range(workers)))
    return time.perf_counter() - start


def _warm(_: int) -> int:
    import app.evaluate.scoring  # noqa: F401
    import app.readers.template  # noqa: F401
    import app.writers.workbook  # noqa: F401

    return 0


def run_queue_wait() -> float | None:
    """Seconds this process has waited for a CPU while ready to run (Linux only): time other
    programs took from it."""
    try:
        with open("/proc/self/schedstat") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def machine_busy() -> float | None:
    """CPU seconds the whole machine has spent busy (Linux only): with our own CPU time, it
    tells how much other programs took during a run."""
    try:
        with open("/proc/stat") as fh:
            ticks = [int(x) for x in fh.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle, iowait = ticks[3], ticks[4]
    return (sum(ticks) - idle - iowait) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}（{os.cpu_count()} 核）"
    except (AttributeError, OSError):
        return "未知"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        inputs = []
        for d in range(args.departments):
            path = folder / "in" / f"部门{d + 1:02d}.xlsx"
            path.parent.mkdir(exist_ok=True)
            write_template(path, department_data(d, args.projects))
            inputs.append(path)
        made = time.perf_counter() - start
        size = sum(p.stat().st_size for p in inputs) / len(inputs) / 1024
        print(
            f"{args.departments} 个部门 × {args.projects} 个项目，约 {len(INDICATORS)} 个指标/项目"
            f"（生成输入 {made:.1f} 秒，平均 {size:.0f} KB/文件）"
        )
        wall: dict[int, float] = {}
        cpu: dict[int, float] = {}
        for workers in (1, args.workers):
            out = folder / f"out{workers}"
            cpu0, wait0, busy0 = cpu_seconds(), run_queue_wait(), machine_busy()
            start = time.perf_counter()
            items = run_many(inputs, out, NATIONAL, workers=workers)
            wall[workers] = time.perf_counter() - start
            cpu[workers] = cpu_seconds() - cpu0
            busy = machine_busy()
            failed = [i for i in items if not i.ok]
            if failed:
                raise SystemExit(f"失败：{failed[0].input.name}：{failed[0].error}")
            per_file = sum(i.seconds for i in items) / len(items)
            notes = [f"CPU {cpu[workers]:.1f} 秒，即 {cpu[workers] / wall[workers]:.2f} 核"]
            # Only the in-process run does its work in this process, where the wait is seen.
            if wait0 is not None and workers == 1:
                notes.append(f"其中等待CPU {run_queue_wait() - wait0:.1f} 秒")
            if busy0 is not None and busy is not None:
                others = max(busy - busy0 - cpu[workers], 0.0)
                notes.append(f"其他程序同时占用CPU {others:.1f} 秒")
            print(
                f"workers={workers}: {wall[workers]:6.2f} 秒  {len(items) / wall[workers]:5.2f} 文件/秒  "
                f"{len(items) * args.projects / wall[workers]:6.0f} 项目/秒  "
                f"（单个文件平均 {per_file:.2f} 秒；{'；'.join(notes)}）"
            )
        n = args.workers
        print(f"加速比：{wall[1] / wall[n]:.2f} ×（{n} 个进程；目标 ≥ 1.7 × 于 2 核）")
        # On an idle machine each process has a core of its own: the ratio is then bounded by
        # the extra CPU the pool costs (start-up, imports, pickling the reports).
        overhead = cpu[n] / cpu[1]
        print(
            f"进程池多用的CPU：{(overhead - 1) * 100:+.1f}%，空闲机器上预期加速比约 "
            f"{min(n, len(inputs)) / overhead:.2f} ×"
        )
        print(f"进程池启动（spawn + 导入流水线）：{pool_startup(n):.2f} 秒")
        print(f"机器负载（1 分钟平均）：{_load()}")


if __name__ == "__main__":
    main()
