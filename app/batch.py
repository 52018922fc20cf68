"""Many workbooks at once: find the inputs, run the pipeline on each in a process pool, each
department counted once (`app.batch_same`); `app.rollup` reduces the reports to one row
per department (部门汇总) for the bureau-wide summary.

Workers return only the JSON report and a few strings (never the Evaluation), so what crosses
the process boundary stays small and picklable. No Qt and no heavy import here: the pipeline's
own imports happen in the workers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.batch_same import same_content, same_departments, shown
from app.errors import Cancelled, InputError, OutputError
from app.files import OUTPUT_TAIL, SUBMISSION_TAIL
from app.rollup import BatchItem
from app.rules import NATIONAL, Rules

BatchProgress = Callable[[int, int, "BatchItem"], None]
"""progress(done, total, item): called in the calling process as each file finishes."""


def output_names(inputs: Sequence[Path], out_dir: Path) -> list[Path]:
    """Return `out_dir/<stem>_自评结果.xlsx` for each input; stems that meet twice (same name in
    two folders, or a.xls beside a.xlsx) are numbered `<stem>(2)_自评结果.xlsx` in input order,
    compared without case as Windows does."""
    taken: set[str] = set()
    names: list[Path] = []
    for path in inputs:
        stem, n = path.stem, 1
        name = f"{stem}{OUTPUT_TAIL}"
        while name.casefold() in taken:
            n += 1
            name = f"{stem}({n}){OUTPUT_TAIL}"
        taken.add(name.casefold())
        names.append(out_dir / name)
    return names


def submission_name(output: Path) -> Path:
    """Return the submission copy's path for a batch output: `<stem>_报送版.xlsx` beside it."""
    return output.with_name(output.name.removesuffix(OUTPUT_TAIL) + SUBMISSION_TAIL)


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
    source: Path,
    output: Path | None,
    rules: Rules,
    cancel: Callable[[], bool] | None,
    skip_ours: bool = False,
    submission: bool = False,
) -> BatchItem:
    """Run the pipeline on one file; return its BatchItem (a failure is an item, not a raise).
    With `skip_ours`, a workbook selfeval made is passed over with a note instead; with
    `submission`, the submission copy is written beside the output."""
    from app.pipeline import run

    start = time.perf_counter()
    if skip_ours:
        from app.readers.ours import SUMMARY, made_by_selfeval

        made = made_by_selfeval(source)
        if made is not None:
            what = "部门汇总表" if made == SUMMARY else "自评结果"
            note = f"这是 selfeval 生成的{what}，不是部门的原始数据，未计入"
            return BatchItem(source, None, None, None, time.perf_counter() - start, skipped=note)
    try:
        # Only when asked for: the pipeline's callers elsewhere need not know of it.
        extra: dict[str, Any] = {}
        if submission and output is not None:
            extra["submission"] = submission_name(output)
        result = run(source, output, rules, write=output is not None, cancel=cancel, **extra)
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
        source,
        result.output,
        result.report,
        None,
        time.perf_counter() - start,
        sheets,
        kept=result.kept_text(),
        submission=result.submission,
    )


def _work(
    source: Path, output: Path | None, rules: Rules, skip_ours: bool, submission: bool
) -> BatchItem:
    """The pool's task: `_process` with the shared cancel flag."""
    event = _cancel_event
    cancel = None if event is None else event.is_set
    return _process(source, output, rules, cancel, skip_ours, submission)


def run_many(
    inputs: Sequence[Path],
    out_dir: str | Path | None,
    rules: Rules = NATIONAL,
    *,
    workers: int | None = None,
    progress: BatchProgress | None = None,
    cancel: Callable[[], bool] | None = None,
    submission: bool = False,
) -> list[BatchItem]:
    """Run the pipeline on every input, each to `out_dir/<stem>_自评结果.xlsx` (`out_dir` None:
    check only, nothing written), with `submission` its submission copy beside it
    (`<stem>_报送版.xlsx`); return one BatchItem per input, in input order.

    Each department counts once: a file with the same content as an earlier one is not read,
    a department (same name and year) met again is not counted, and, unless it is the only
    input, a workbook selfeval made is passed over; each such item says why (`skipped`).

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
    items: list[BatchItem | None] = [None] * len(inputs)
    done = [0]

    def finish(i: int, item: BatchItem) -> None:
        items[i] = item
        done[0] += 1
        if progress is not None:
            progress(done[0], len(inputs), item)

    for i, first in same_content(inputs).items():
        note = f"与“{shown(inputs[first], inputs[i])}”内容完全相同，只读取一次"
        finish(i, BatchItem(inputs[i], None, None, None, 0.0, skipped=note))
    todo = [i for i in range(len(inputs)) if items[i] is None]
    skip_ours = len(inputs) > 1
    # Windows waits on at most 61 process handles at once.
    count = min(workers or default_workers(), len(todo), 61)
    if count <= 1:
        for i in todo:
            if cancel is not None and cancel():
                raise Cancelled()
            finish(i, _process(inputs[i], outputs[i], rules, cancel, skip_ours, submission))
    else:
        _run_pool(inputs, outputs, rules, count, todo, finish, cancel, skip_ours, submission)
    return same_departments([item for item in items if item is not None])


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
    todo: list[int],
    finish: Callable[[int, BatchItem], None],
    cancel: Callable[[], bool] | None,
    skip_ours: bool,
    submission: bool = False,
) -> None:
    """Run the inputs numbered in `todo` in a pool of `count` processes, calling
    `finish(i, item)` as each completes.

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
    finished: set[int] = set()

    def done(i: int, item: BatchItem) -> None:
        finished.add(i)
        finish(i, item)

    # Largest files first, so a big one does not start last and keep one core busy alone.
    order = sorted(todo, key=lambda i: -_size(inputs[i]))
    job = (inputs, outputs, rules, done, cancel, skip_ours, submission)
    try:
        _pool_pass(context, event, count, order, *job)
    except BrokenProcessPool:
        for i in [i for i in order if i not in finished]:
            try:
                _pool_pass(context, event, 1, [i], *job)
            except BrokenProcessPool:
                message = f"处理“{inputs[i].name}”时程序意外退出（文件可能已损坏或过大）"
                done(i, BatchItem(inputs[i], None, None, message, 0.0))


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
    skip_ours: bool,
    submission: bool,
) -> None:
    """Run `indices` in one pool, calling `finish(i, item)` as each completes."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pool = ProcessPoolExecutor(count, context, initializer=_init_worker, initargs=(event,))
    try:
        pending = {
            pool.submit(_work, inputs[i], outputs[i], rules, skip_ours, submission): i
            for i in indices
        }
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
