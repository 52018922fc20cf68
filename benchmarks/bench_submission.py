"""Time writing both copies (the review copy and the submission copy, 报送版) against the
review copy alone (issue 16: at most 2 ×).

    python benchmarks/bench_submission.py [--size 2000] [--repeat 3] [--keep DIR]

It writes a synthetic data template of N projects (`synth.py`), then measures, each in a
fresh Python process (imports and the reading and judging before the writing not timed):

- `write_workbook` of the review copy alone;
- `write_workbook` of the review copy, then of the submission copy (both, and each);
- `pipeline.run` whole, without and with `submission=True`, with its peak RSS.

Runs are interleaved so a slow spell of a shared machine touches every figure alike; the best
of --repeat counts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (ROOT, HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))


def _writes(path: str, out: str, both: bool) -> dict[str, float]:
    from app.evaluate.scoring import evaluate
    from app.readers import read
    from app.writers.workbook import write_workbook

    ev = evaluate(read(path))
    t0 = time.perf_counter()
    write_workbook(ev, out, source_name=Path(path).name)
    t1 = time.perf_counter()
    figures = {"review": t1 - t0}
    if both:
        write_workbook(ev, out + ".plain.xlsx", source_name=Path(path).name, submission=True)
        figures["submission"] = time.perf_counter() - t1
        figures["both"] = figures["review"] + figures["submission"]
    return figures


def _run(path: str, out: str, both: bool) -> dict[str, float]:
    import app.evaluate.scoring  # noqa: F401  (imports are not timed)
    import app.files.atomic  # noqa: F401
    import app.readers.book  # noqa: F401
    import app.writers.report  # noqa: F401
    import app.writers.workbook  # noqa: F401
    from app import pipeline

    start = time.perf_counter()
    pipeline.run(path, out, submission=out + ".plain.xlsx" if both else None)
    return {"run": time.perf_counter() - start}


def _here(name: str, path: str, out: str) -> None:
    import resource

    both = name.endswith("_both")
    measure = _writes if name.startswith("write") else _run
    figures: dict[str, Any] = dict(measure(path, out, both))
    figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def measure(name: str, path: Path, out: Path) -> dict[str, float]:
    """Run one measurement in a fresh interpreter; return its figures."""
    cmd = [sys.executable, __file__, "--measure", name, str(path), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="projects (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--keep", help="write the input and outputs here (default: a temp dir)")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        _here(*args.measure)
        return 0
    from synth import write_input

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source = write_input(folder / f"template-{args.size}.xlsx", args.size, "template")
        out = folder / f"out-{args.size}.xlsx"
        names = ("write", "write_both", "run", "run_both")
        runs: dict[str, list[dict[str, float]]] = {n: [] for n in names}
        for _ in range(args.repeat):
            for name in names:
                runs[name].append(measure(name, source, out))
                print(".", end="", flush=True, file=sys.stderr)
        print(file=sys.stderr)
        best = {n: {k: min(r[k] for r in v) for k in v[0]} for n, v in runs.items()}
        review, both = best["write"]["review"], best["write_both"]["both"]
        run, run_both = best["run"]["run"], best["run_both"]["run"]
        plain = folder / f"out-{args.size}.xlsx.plain.xlsx"
        print(f"{args.size} projects, best of {args.repeat} (seconds, wall clock)")
        print(f"  write_workbook, review copy alone        {review:7.2f}")
        print(
            f"  write_workbook, both copies              {both:7.2f}"
            f"   (review {best['write_both']['review']:.2f} + submission "
            f"{best['write_both']['submission']:.2f})   ratio {both / review:.2f}  (target ≤ 2)"
        )
        print(
            f"  pipeline.run, review copy                {run:7.2f}   RSS {best['run']['rss_mb']:.0f} MB"
        )
        print(
            f"  pipeline.run, both copies                {run_both:7.2f}   RSS "
            f"{best['run_both']['rss_mb']:.0f} MB   ratio {run_both / run:.2f}"
        )
        print(
            f"  files: review {out.stat().st_size / 1e6:.1f} MB, submission "
            f"{plain.stat().st_size / 1e6:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
