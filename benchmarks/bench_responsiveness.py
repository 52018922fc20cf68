"""How responsive a big run stays: gaps between progress calls, cancel latency, the window.

    python benchmarks/bench_responsiveness.py [--size 2000] [--no-gui]

On synthetic inputs of N projects (`synth.py`; default 2,000):
1. the pipeline alone: every `progress` call of `pipeline.run` timed, for the data template
   written to a workbook and for the official forms checked; prints the longest gap between
   two calls (also from the start to the first and from the last to the end) and where;
2. the GUI's worker (`PipelineJob`, Qt offscreen) running the template → workbook job while
   a 20 ms timer ticks in the GUI thread: the longest gap between two progress signals as
   the GUI thread receives them, and the longest stall of its event loop;
3. cancel latency: the same job cancelled at several moments, from `cancel()` to the
   `failed(cancelled)` signal, and whether any file was left behind;
4. the window: from starting a fresh `python` to the main window shown (offscreen).
Targets (issue 8): progress at least every 0.5 s, cancel within 1 s, window within 1 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for _p in (ROOT, HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

Call = tuple[float, str, int, int]


def longest_gap(calls: list[Call], start: float, end: float) -> tuple[float, str]:
    """Return the longest time without a progress call in [start, end], and where it was."""
    marks = [(start, "开始", 0, 0), *calls, (end, "结束", 0, 0)]
    gap, where = 0.0, ""
    for (t0, s0, d0, n0), (t1, s1, d1, n1) in zip(marks, marks[1:], strict=False):
        if t1 - t0 > gap:
            gap, where = t1 - t0, f"{s0} {d0}/{n0} → {s1} {d1}/{n1}"
    return gap, where


def pipeline_gaps(path: Path, out: Path | None) -> None:
    """Run the pipeline once, timing every progress call; print the longest gap."""
    from app import pipeline

    calls: list[Call] = []
    start = time.perf_counter()
    pipeline.run(
        path,
        out,
        write=out is not None,
        progress=lambda s, d, t: calls.append((time.perf_counter(), s, d, t)),
    )
    end = time.perf_counter()
    gap, where = longest_gap(calls, start, end)
    what = "→ 工作簿" if out is not None else "→ 报告"
    print(
        f"  {path.name} {what}: {end - start:.2f} s, {len(calls)} progress calls, "
        f"longest gap {gap:.3f} s ({where})"
    )


def gui_job(path: Path, out: Path, cancel_after: float | None) -> dict[str, float]:
    """Run the GUI's PipelineJob writing `out` through its JobRunner, a 20 ms timer ticking
    in the GUI thread; cancel after `cancel_after` seconds when given. Return the figures."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QTimer

    from app.gui.jobs import JobRunner
    from app.gui.worker import JobSpec, PipelineJob

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    runner = JobRunner()
    job = PipelineJob(JobSpec(path, out))
    loop = QEventLoop()
    clock = QElapsedTimer()
    ticks: list[float] = []
    signals: list[Call] = []
    ended: dict[str, float] = {}

    def ended_as(kind: str) -> None:
        ended["at"] = clock.elapsed() / 1000
        ended["cancelled"] = float(kind == "cancelled")
        loop.quit()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed() / 1000))
    job.progressed.connect(lambda s, d, t: signals.append((clock.elapsed() / 1000, s, d, t)))
    job.succeeded.connect(lambda _: ended_as("ok"))
    job.failed.connect(lambda kind, *_: ended_as(kind))
    requested: dict[str, float] = {}

    def cancel() -> None:
        requested["at"] = clock.elapsed() / 1000
        runner.cancel()

    if cancel_after is not None:
        QTimer.singleShot(int(cancel_after * 1000), cancel)
    clock.start()
    timer.start()
    runner.start(job, "")
    loop.exec()
    timer.stop()
    runner.stop_all()
    app.processEvents()
    stalls = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    gap, _ = longest_gap(signals, 0.0, ended["at"])
    figures = {
        "seconds": ended["at"],
        "longest_signal_gap": gap,
        "longest_stall": max(stalls, default=0.0),
        "cancelled": ended["cancelled"],
    }
    if "at" in requested:
        figures["cancel_latency"] = ended["at"] - requested["at"]
    return figures


def window_time() -> float:
    """Seconds from starting a fresh interpreter to the main window shown (offscreen)."""
    probe = (
        "import sys, time\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.gui.window import MainWindow\n"
        "app = QApplication(sys.argv[:1])\n"
        "w = MainWindow(remember_geometry=False)\n"
        "w.show()\n"
        "app.processEvents()\n"
        "print(time.time())\n"
    )
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(done.stdout.strip().splitlines()[-1]) - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="projects (default 2000)")
    parser.add_argument("--no-gui", action="store_true", help="only the pipeline's gaps")
    args = parser.parse_args(argv)
    from synth import write_input

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = write_input(folder / "template.xlsx", args.size, "template")
        forms = write_input(folder / "forms.xlsx", args.size, "forms")
        print(f"{args.size} projects: the pipeline alone")
        pipeline_gaps(template, folder / "out.xlsx")
        pipeline_gaps(forms, None)
        if args.no_gui:
            return 0
        print("the GUI worker (template → workbook), a 20 ms timer in the GUI thread")
        whole = gui_job(template, folder / "gui.xlsx", None)
        print(
            f"  whole run {whole['seconds']:.2f} s: longest gap between progress signals "
            f"{whole['longest_signal_gap']:.3f} s, longest event-loop stall "
            f"{whole['longest_stall']:.3f} s"
        )
        print("  cancel latency (cancel() → cancelled), nothing may be left behind:")
        worst = 0.0
        for share in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95):
            target = folder / f"cancel-{share}.xlsx"
            at = whole["seconds"] * share
            run = gui_job(template, target, at)
            left = sorted(p.name for p in folder.iterdir() if p.name.startswith(".cancel"))
            latency = run.get("cancel_latency", float("nan"))
            state = "cancelled" if run["cancelled"] else "finished first"
            worst = max(worst, latency) if run["cancelled"] else worst
            print(
                f"    at {at:5.2f} s: {latency:.3f} s ({state}); file left: "
                f"{target.exists() or bool(left)}"
            )
        print(f"  worst cancel latency {worst:.3f} s")
        print(f"window shown {window_time():.2f} s after starting python")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
