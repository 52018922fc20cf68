"""Time `selfeval fill` on a department's workbook of N forms against openpyxl's own load and
save of that workbook (issue 17: at most 3 ×).

    python benchmarks/bench_fill.py [--sizes 20,200] [--repeat 7] [--keep DIR]

The workbook is `synth.py N --kind forms`: the department's form and N project forms, one per
sheet, nine in ten in the national layout with 分值 and hand-filled 得分 (every one that is
not full marks differs), the tenth in the seed's published layout, without a 得分 column. For
each size, alternately (so that a busy machine slows both alike), `repeat` times:
- floor: `openpyxl.load_workbook(path)` then `.save(out)`, nothing else;
- fill: `app.fill.run.fill(path, out)` whole (read, evaluate, loss scan, openpyxl load,
  plan, apply, save atomically), with flags and notes; and the clean copy (`flags=False`).
Medians are reported, and the ratio fill ÷ floor; then one fill timed stage by stage.
Imports happen before any timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import openpyxl  # noqa: E402
import synth  # noqa: E402

from app.fill import apply  # noqa: E402
from app.fill.losses import scan_losses  # noqa: E402
from app.fill.plan import make_plan  # noqa: E402
from app.fill.run import fill  # noqa: E402
from app.pipeline import run  # noqa: E402


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def floor(path: Path, out: Path) -> None:
    """openpyxl alone: load the workbook, save it."""
    openpyxl.load_workbook(path).save(out)


def stages(path: Path, out: Path) -> dict[str, float]:
    """One fill, stage by stage (the garbage collector left as it is)."""
    got: dict[str, float] = {}
    start = time.perf_counter()
    evaluation = run(path, write=False).evaluation
    got["read + evaluate"] = time.perf_counter() - start
    start = time.perf_counter()
    scan_losses(path)
    got["loss scan"] = time.perf_counter() - start
    start = time.perf_counter()
    book, _ = apply.load(path)
    got["openpyxl load"] = time.perf_counter() - start
    start = time.perf_counter()
    cells = apply.Cells(book, path)
    plan = make_plan(evaluation, cells)
    cells.close()
    apply.apply_edits(book, plan.edits)
    formulas = apply.formula_cells(book, plan.edits)
    got["plan + apply"] = time.perf_counter() - start
    start = time.perf_counter()
    apply.save(book, out, path, formulas)
    got["openpyxl save"] = time.perf_counter() - start
    got["cells written / notes"] = (len(plan.written), sum(bool(e.note) for e in plan.edits))
    return got


def bench(n: int, repeat: int, folder: Path) -> None:
    path = synth.write_input(folder / f"forms_{n}.xlsx", n, "forms")
    out = folder / "out.xlsx"
    floors, fills, cleans = [], [], []
    fill(path, out)  # warm the file cache and every lazy import once
    for _ in range(repeat):
        floors.append(timed(lambda: floor(path, out)))
        fills.append(timed(lambda: fill(path, out)))
        cleans.append(timed(lambda: fill(path, out, flags=False)))
    f, g, c = (statistics.median(x) for x in (floors, fills, cleans))
    size = path.stat().st_size / 1e6
    print(f"\n{n} project forms (+ the department's), {size:.2f} MB, median of {repeat}:")
    print(
        f"  floor: openpyxl load + save      {f:7.3f} s  (range {min(floors):.3f}–{max(floors):.3f})"
    )
    print(
        f"  fill, with flags and notes       {g:7.3f} s  (range {min(fills):.3f}–{max(fills):.3f})"
    )
    print(f"  fill, clean copy                 {c:7.3f} s")
    print(f"  ratio fill ÷ floor               {g / f:7.2f} ×   (clean {c / f:.2f} ×; target ≤ 3)")
    for name, value in stages(path, out).items():
        shown = f"{value:7.3f} s" if isinstance(value, float) else f"{value[0]} / {value[1]}"
        print(f"    {name:<28} {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20", help="comma-separated numbers of forms")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", help="folder to keep the inputs and outputs in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-fill-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in (int(s) for s in args.sizes.split(",")):
            bench(n, args.repeat, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
