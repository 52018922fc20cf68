"""Many workbooks at once: find the inputs, run the pipeline on each in a process pool, and
reduce the reports to one row per department (部门汇总) for the bureau-wide summary.

Workers return only the JSON report and a few strings (never the Evaluation), so what crosses
the process boundary stays small and picklable. No Qt and no heavy import here: the pipeline's
own imports happen in the workers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import Cancelled, InputError, OutputError
from app.rules import NATIONAL, Rules

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
OUTPUT_SUFFIX = "_自评结果.xlsx"
"""The end of every file name `generate` writes; such files are never taken as inputs."""

BatchProgress = Callable[[int, int, "BatchItem"], None]
"""progress(done, total, item): called in the calling process as each file finishes."""


@dataclass(frozen=True)
class BatchItem:
    """What one input gave: the output written (None for a check or a failure), the report
    dict (None on failure), the error message (None on success), the seconds it took, and the
    sheet name of each project's form in the output (for links into it)."""

    input: Path
    output: Path | None
    report: dict[str, Any] | None
    error: str | None
    seconds: float
    sheets: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file was read and evaluated."""
        return self.error is None


def _is_candidate(path: Path) -> bool:
    name = path.name
    return (
        path.suffix.lower() in WORKBOOK_SUFFIXES
        and not name.startswith(("~$", "."))
        and not name.lower().endswith(OUTPUT_SUFFIX.lower())
    )


def _walk(folder: Path) -> Iterable[Path]:
    """Yield the candidate workbooks under `folder`, not entering hidden folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if _is_candidate(path):
                yield path


def collect_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Return the workbooks to process: every file named as given (whatever its name), and
    every .xlsx/.xlsm/.xls under each folder named (recursively), skipping our own outputs
    (`*_自评结果.xlsx`), Office lock files (`~$*`) and hidden files and folders. Sorted, each
    file once."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(_walk(path) if path.is_dir() else [path])
    seen: set[str] = set()
    unique: list[Path] = []
    for path in sorted(found, key=lambda p: str(p)):
        try:
            key = os.path.normcase(str(path.resolve()))
        except OSError:
            key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def output_names(inputs: Sequence[Path], out_dir: Path) -> list[Path]:
    """Return `out_dir/<stem>_自评结果.xlsx` for each input; stems that meet twice (same name in
    two folders, or a.xls beside a.xlsx) are numbered `<stem>(2)_自评结果.xlsx` in input order,
    compared without case as Windows does."""
    taken: set[str] = set()
    names: list[Path] = []
    for path in inputs:
        stem, n = path.stem, 1
        name = f"{stem}{OUTPUT_SUFFIX}"
        while name.casefold() in taken:
            n += 1
            name = f"{stem}({n}){OUTPUT_SUFFIX}"
        taken.add(name.casefold())
        names.append(out_dir / name)
    return names


def default_workers() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


# -- the work of one file (runs in a worker process, or in-process for one worker) ----------

_cancel_event: Any = None


def _init_worker(event: Any) -> None:
    """Worker start-up: keep the cancel flag; leave Ctrl+C to the parent, which stops the pool
    (otherwise every worker prints its own KeyboardInterrupt traceback)."""
    import signal

    global _cancel_event
    _cancel_event = event
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _process(
    source: Path, output: Path | None, rules: Rules, cancel: Callable[[], bool] | None
) -> BatchItem:
    """Run the pipeline on one file; return its BatchItem (a failure is an item, not a raise)."""
    from app.pipeline import run

    start = time.perf_counter()
    try:
        result = run(source, output, rules, write=output is not None, cancel=cancel)
    except (InputError, OutputError) as exc:
        return BatchItem(source, None, None, exc.message, time.perf_counter() - start)
    except Cancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a whole bureau's batch
        message = f"处理“{source.name}”时出现内部错误（{type(exc).__name__}：{exc}），请将该文件反馈给开发者"
        return BatchItem(source, None, None, message, time.perf_counter() - start)
    sheets: tuple[str, ...] = ()
    if result.output is not None:
        from app.writers.workbook import project_sheet_names

        sheets = tuple(project_sheet_names(result.evaluation))
    return BatchItem(
        source, result.output, result.report, None, time.perf_counter() - start, sheets
    )


def _work(source: Path, output: Path | None, rules: Rules) -> BatchItem:
    """The pool's task: `_process` with the shared cancel flag."""
    event = _cancel_event
    return _process(source, output, rules, None if event is None else event.is_set)


def run_many(
    inputs: Sequence[Path],
    out_dir: str | Path | None,
    rules: Rules = NATIONAL,
    *,
    workers: int | None = None,
    progress: BatchProgress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[BatchItem]:
    """Run the pipeline on every input, each to `out_dir/<stem>_自评结果.xlsx` (`out_dir` None:
    check only, nothing written); return one BatchItem per input, in input order.

    `workers` processes (default: every core; 1 runs here without a pool). A file that cannot
    be read or written is an item with its message and the others go on. Raises OutputError
    when `out_dir` cannot be created, Cancelled when `cancel()` turned True (files already
    finished stay; the file being written is never left half-done).
    """
    inputs = [Path(p) for p in inputs]
    outputs: list[Path | None] = [None] * len(inputs)
    if out_dir is not None:
        out_dir = Path(out_dir)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"无法创建输出文件夹“{out_dir}”：{exc.strerror or exc}") from None
        outputs = list(output_names(inputs, out_dir))
    # Windows waits on at most 61 process handles at once.
    count = min(workers or default_workers(), len(inputs), 61)
    items: list[BatchItem | None] = [None] * len(inputs)
    if count <= 1:
        for i, (source, output) in enumerate(zip(inputs, outputs, strict=True)):
            if cancel is not None and cancel():
                raise Cancelled()
            items[i] = _process(source, output, rules, cancel)
            if progress is not None:
                progress(i + 1, len(inputs), items[i])
    else:
        _run_pool(inputs, outputs, rules, count, items, progress, cancel)
    return [item for item in items if item is not None]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _run_pool(
    inputs: list[Path],
    outputs: list[Path | None],
    rules: Rules,
    count: int,
    items: list[BatchItem | None],
    progress: BatchProgress | None,
    cancel: Callable[[], bool] | None,
) -> None:
    """Fill `items` from a pool of `count` processes.

    A worker that dies outright (a crash in a native reader, out of memory) breaks the whole
    pool; the files it left unfinished are then run again one per fresh process, so the one
    that kills its process is reported and the others still finish.
    """
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    # "spawn" on every platform: it is what Windows and macOS do anyway (so it is what the
    # tests exercise), and forking a process that runs Qt threads (the GUI) can deadlock.
    context = multiprocessing.get_context("spawn")
    event = context.Event()
    done = [0]

    def finish(i: int, item: BatchItem) -> None:
        items[i] = item
        done[0] += 1
        if progress is not None:
            progress(done[0], len(inputs), item)

    # Largest files first, so a big one does not start last and keep one core busy alone.
    order = sorted(range(len(inputs)), key=lambda i: -_size(inputs[i]))
    try:
        _pool_pass(context, event, count, order, inputs, outputs, rules, finish, cancel)
    except BrokenProcessPool:
        for i in [i for i in order if items[i] is None]:
            try:
                _pool_pass(context, event, 1, [i], inputs, outputs, rules, finish, cancel)
            except BrokenProcessPool:
                message = f"处理“{inputs[i].name}”时程序意外退出（文件可能已损坏或过大）"
                finish(i, BatchItem(inputs[i], None, None, message, 0.0))


def _pool_pass(
    context: Any,
    event: Any,
    count: int,
    indices: list[int],
    inputs: list[Path],
    outputs: list[Path | None],
    rules: Rules,
    finish: Callable[[int, BatchItem], None],
    cancel: Callable[[], bool] | None,
) -> None:
    """Run `indices` in one pool, calling `finish(i, item)` as each completes."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pool = ProcessPoolExecutor(count, context, initializer=_init_worker, initargs=(event,))
    try:
        pending = {pool.submit(_work, inputs[i], outputs[i], rules): i for i in indices}
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancel is not None and cancel():
                raise Cancelled()
            for future in finished:
                finish(pending.pop(future), future.result())
    except BaseException as exc:
        from concurrent.futures.process import BrokenProcessPool

        if not isinstance(exc, BrokenProcessPool):
            # Cancel or Ctrl+C: stop the queue and let running files stop at their next step
            # (the pipeline then removes their temporary output).
            event.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


# -- per-department figures, from the report dicts -------------------------------------------


@dataclass(frozen=True)
class DepartmentRow:
    """One department's line of 部门汇总: sums in 万元 over its projects, the mean project score,
    counts by grade and by finding severity, and its rank (None when nothing was scored)."""

    item: BatchItem
    name: str
    year: int | None
    projects: int
    initial: float
    budget: float
    spent: float
    rate: float | None
    average: float | None
    provisional: int
    """Projects whose score still awaits a person (so the average may change)."""
    grades: dict[str, int] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)
    rank: int | None = None
    left_out: dict[str, str] = field(default_factory=dict)
    """What the sums leave out, by field (budget, spent): "1个无法识别的金额" (no key: nothing)."""
    problems: int = 0
    """问题数 (errors and warnings, `app.evaluate.tally`)."""


def _total(values: Iterable[float | None]) -> float:
    return sum(v for v in values if v is not None)


def round2(x: float) -> float:
    """Round half up to 2 decimals, as the scores are shown (Python's round() goes to even)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(x)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def department_row(item: BatchItem, grades: Sequence[str]) -> DepartmentRow:
    """Return the figures of one successful item; `grades` names the grades (best first)."""
    assert item.report is not None
    report = item.report
    dep = report["department"]
    projects = report["projects"]
    funds = [p["funds"] for p in projects]
    budget = _total(f["budget"] for f in funds)
    spent = _total(f["spent"] for f in funds)
    scores = [p["score"] for p in projects if p["score"] is not None]
    counted = [p["grade"] for p in projects]
    severities = [f["severity"] for f in report["findings"]]
    left_out = _left_out(report)
    return DepartmentRow(
        item=item,
        name=dep["name"] or "",
        year=dep["year"],
        projects=len(projects),
        initial=_total(f["initial"] for f in funds),
        budget=budget,
        spent=spent,
        rate=spent / budget if budget > 0 and not left_out else None,
        average=sum(scores) / len(scores) if scores else None,
        provisional=sum(bool(p["provisional"]) for p in projects),
        grades={g: counted.count(g) for g in grades},
        severities={s: severities.count(s) for s in ("error", "warning", "info")},
        left_out=left_out,
        problems=severities.count("error") + severities.count("warning"),
    )


def _left_out(report: dict[str, Any]) -> dict[str, str]:
    """Return what a department's budget and spent sums leave out (amounts that are no
    number, or required and empty), in words by field."""
    total = report["department"].get("projects_total")
    entries = (
        total["left_out"]
        if total is not None
        else [g for p in report["projects"] for g in p["funds"].get("left_out", [])]
    )
    return left_out_words(entries, ("budget", "spent"))


def left_out_words(entries: Iterable[dict[str, Any]], fields: Sequence[str]) -> dict[str, str]:
    """Return, by field, what a report's `left_out` entries leave out of a total, in words
    ("1个无法识别的金额"); fields with nothing left out have no key."""
    from app.evaluate.funds import gap_words
    from app.evaluate.results import Gap

    gaps = tuple(Gap(g["source"] or "", g["field"], g["text"], None) for g in entries)
    out = {}
    for name in fields:
        words = gap_words(gaps, (name,))
        if words:
            out[name] = words
    return out


def department_rows(items: Sequence[BatchItem], grades: Sequence[str]) -> list[DepartmentRow]:
    """Return the rows of the successful items, ranked by average score (highest first; equal
    averages share a rank, 1, 1, 3), unscored departments last without a rank; input order
    among equals."""
    from dataclasses import replace

    rows = [department_row(item, grades) for item in items if item.report is not None]
    # Averages are compared at the 2 decimals shown, so that 95.004 and 95.001 tie as they read.
    shown = [None if r.average is None else round2(r.average) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: (shown[i] is None, -(shown[i] or 0.0), i))
    ranked: list[DepartmentRow] = []
    for position, i in enumerate(order):
        rank = None
        if shown[i] is not None:
            rank = position + 1
            if ranked and ranked[-1].rank is not None and shown[order[position - 1]] == shown[i]:
                rank = ranked[-1].rank
        ranked.append(replace(rows[i], rank=rank))
    return ranked
