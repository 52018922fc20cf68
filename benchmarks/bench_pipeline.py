"""Time the pipeline stage by stage against the floors, at a department's and a bureau's size.

    python benchmarks/bench_pipeline.py [--sizes 500,2000] [--repeat 1] [--keep DIR]

For each size N it writes a synthetic data template and the same projects as official forms
(`synth.py`), then measures, each in a fresh Python process (so that peak memory is the
process's own `ru_maxrss` and no cache carries over; imports are not timed):

- template → workbook: `read`, `evaluate`, `write_workbook` and the JSON `report` timed
  apart, then the whole `pipeline.run` again in its own process for its peak RSS;
- forms → report: `read` and `evaluate` apart, and `pipeline.run(write=False)` whole;
- the floors, in the same run: calamine alone loading each input (`from_path`, `to_python`
  of every sheet, merged ranges), and xlsxwriter alone writing the very same workbook (every
  call `write_workbook` makes, recorded and replayed as plain calls with the garbage collector
  off): as plain `xlsxwriter.Workbook` (each XML part goes through a temporary file), and
  with `in_memory=True` (no temporary files: its fastest mode, the strict floor). The same
  calls packaged by our `StreamingWorkbook` are timed too, for reference.

It prints the figures, the ratios of the issue's targets, and, with several sizes, how each
time grows from one size to the next. Times are wall clock, best of --repeat.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for _p in (ROOT, HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (ru_maxrss is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


# -- measurements, each run in a fresh process (`--measure NAME PATH`) --------------------


def _stages(path: str, out: str) -> dict[str, float]:
    from app.evaluate.scoring import evaluate
    from app.readers import read
    from app.writers.report import report
    from app.writers.workbook import write_workbook

    times: dict[str, float] = {}
    t0 = time.perf_counter()
    dataset = read(path)
    t1 = time.perf_counter()
    ev = evaluate(dataset)
    t2 = time.perf_counter()
    times.update(read=t1 - t0, evaluate=t2 - t1)
    if out:
        write_workbook(ev, out, source_name=Path(path).name)
        t3 = time.perf_counter()
        times["write"] = t3 - t2
        t2 = t3
    report(ev, path, out or None)
    times["report"] = time.perf_counter() - t2
    return times


def _run(path: str, out: str) -> dict[str, float]:
    import python_calamine  # noqa: F401

    import app.evaluate.scoring  # noqa: F401  (imports are not timed, as for the floors)
    import app.files.atomic  # noqa: F401
    import app.readers.book  # noqa: F401
    import app.writers.report  # noqa: F401
    import app.writers.workbook  # noqa: F401
    from app import pipeline

    start = time.perf_counter()
    pipeline.run(path, out or None, write=bool(out))
    return {"run": time.perf_counter() - start}


def _calamine(path: str, out: str) -> dict[str, float]:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    wb = CalamineWorkbook.from_path(path)
    cells = 0
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        cells += sum(len(row) for row in sheet.to_python(skip_empty_area=False))
        _ = sheet.merged_cell_ranges
    wb.close()
    return {"calamine": time.perf_counter() - start, "cells": cells}


def _xlsxwriter(path: str, out: str) -> dict[str, float]:
    import xlsxwriter
    from bench_write import record

    from app.evaluate.scoring import evaluate
    from app.readers import read
    from app.writers.workbook.stream import StreamingWorkbook

    rec = record(evaluate(read(path)))
    gc.collect()
    plain, _ = rec.replay(out, collect=False)
    options = dict(rec.options)
    rec.options["in_memory"] = True
    in_memory, _ = rec.replay(out, collect=False)
    rec.options = options
    real = xlsxwriter.Workbook
    xlsxwriter.Workbook = StreamingWorkbook
    try:
        streamed, _ = rec.replay(out, collect=False)
    finally:
        xlsxwriter.Workbook = real
    return {"xlsxwriter": plain, "xlsxwriter_in_memory": in_memory, "streamed": streamed}


MEASURES = {"stages": _stages, "run": _run, "calamine": _calamine, "xlsxwriter": _xlsxwriter}


def _measure_here(name: str, path: str, out: str) -> None:
    figures: dict[str, Any] = dict(MEASURES[name](path, out))
    figures["rss_mb"] = _rss_mb()
    print(json.dumps(figures))


def measure(name: str, path: Path, out: Path | None = None) -> dict[str, float]:
    """Run one measurement in a fresh interpreter; return its figures (seconds, rss_mb)."""
    cmd = [sys.executable, __file__, "--measure", name, str(path), str(out or "")]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the benchmark ------------------------------------------------------------------------


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    keys = runs[0].keys()
    return {k: min(r[k] for r in runs) for k in keys}


def bench_size(n: int, folder: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Write the inputs of `n` projects into `folder` and measure everything; return figures."""
    from synth import write_input

    template = write_input(folder / f"template-{n}.xlsx", n, "template")
    forms = write_input(folder / f"forms-{n}.xlsx", n, "forms")
    out = folder / f"out-{n}.xlsx"
    plan = {
        "template_stages": ("stages", template, out),
        "template_run": ("run", template, out),
        "template_calamine": ("calamine", template, None),
        "template_xlsxwriter": ("xlsxwriter", template, folder / f"floor-{n}.xlsx"),
        "forms_stages": ("stages", forms, None),
        "forms_run": ("run", forms, None),
        "forms_calamine": ("calamine", forms, None),
    }
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in plan}
    for _ in range(repeat):
        # Interleaved, so that a slow spell of a shared machine touches every figure alike.
        for key, (name, path, target) in plan.items():
            runs[key].append(measure(name, path, target))
            print(".", end="", flush=True, file=sys.stderr)
    print(file=sys.stderr)
    figures = {k: _best(v) for k, v in runs.items()}
    figures["sizes"] = {
        "template_mb": template.stat().st_size / 1e6,
        "forms_mb": forms.stat().st_size / 1e6,
        "output_mb": out.stat().st_size / 1e6,
    }
    return figures


def _row(label: str, seconds: float, rss: float | None = None, ratio: str = "") -> str:
    mem = f"{rss:8.0f}" if rss is not None else f"{'':8}"
    return f"  {label:44}{seconds:8.2f}{mem}  {ratio}"


def report_size(n: int, f: dict[str, dict[str, float]]) -> dict[str, float]:
    """Print one size's figures; return its headline numbers (for linearity)."""
    ts, tr, tx = f["template_stages"], f["template_run"], f["template_xlsxwriter"]
    fs, fr = f["forms_stages"], f["forms_run"]
    print(
        f"\n{n} projects  (template {f['sizes']['template_mb']:.1f} MB, forms "
        f"{f['sizes']['forms_mb']:.1f} MB, output {f['sizes']['output_mb']:.1f} MB)"
    )
    print(f"  {'':44}{'s':>8}{'RSS MB':>8}")
    print("  data template → finished workbook")
    for stage in ("read", "evaluate", "write", "report"):
        print(_row(f"  {stage}", ts[stage]))
    plain, in_memory = tx["xlsxwriter"], tx["xlsxwriter_in_memory"]
    print(_row("  pipeline.run (whole)", tr["run"], tr["rss_mb"]))
    print(
        _row(
            "  floor: xlsxwriter alone, same calls",
            plain,
            None,
            f"run / floor = {tr['run'] / plain:.2f}",
        )
    )
    print(
        _row(
            "  floor: same, in_memory (no temp files)",
            in_memory,
            None,
            f"run / floor = {tr['run'] / in_memory:.2f}   (target ≤ 1.3)",
        )
    )
    print(_row("  (same calls, packaged by StreamingWorkbook)", tx["streamed"]))
    print(_row("  floor: calamine alone loads the template", f["template_calamine"]["calamine"]))
    print("  official forms → report (run(write=False))")
    for stage in ("read", "evaluate", "report"):
        print(_row(f"  {stage}", fs[stage]))
    cal = f["forms_calamine"]["calamine"]
    print(_row("  pipeline.run (whole)", fr["run"], fr["rss_mb"]))
    print(
        _row(
            "  floor: calamine alone loads the forms",
            cal,
            None,
            f"run / floor = {fr['run'] / cal:.2f}   (target ≤ 3)",
        )
    )
    return {
        "template run": tr["run"],
        "template read": ts["read"],
        "template evaluate": ts["evaluate"],
        "template write": ts["write"],
        "xlsxwriter floor (in_memory)": in_memory,
        "forms run": fr["run"],
        "calamine floor (forms)": cal,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000", help="comma-separated project counts")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best counts")
    parser.add_argument("--keep", help="write the inputs and outputs here (default: a temp dir)")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        _measure_here(*args.measure)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, {platform.platform()}, "
        f"Python {platform.python_version()}"
    )
    headline: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            headline[n] = report_size(n, bench_size(n, folder, args.repeat))
    ordered = sorted(headline)
    for small, large in zip(ordered, ordered[1:], strict=False):
        factor = large / small
        print(
            f"\ngrowth {small} → {large} projects ({factor:g} × the projects; "
            f"target ≤ {factor * 1.1:g} ×)"
        )
        for key in headline[small]:
            print(f"  {key:44}{headline[large][key] / headline[small][key]:8.2f} ×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
