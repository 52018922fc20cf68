"""Many workbooks in one job: `app.batch.run_many` in a thread, reported by signals.

A `BatchJob` is a `PipelineJob` with another `run`: it shares the thread, garbage-collection
and cancel handling the window already knows how to start, cancel and wait for.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.gui.worker import CANCELLED, INPUT, INTERNAL, OUTPUT, PipelineJob
from app.rollup import BatchItem
from app.rules import NATIONAL, Rules

log = logging.getLogger("selfeval.gui")

SUMMARY_NAME = "各部门汇总.xlsx"
"""The bureau-wide summary 生成全部 writes beside the departments' workbooks."""
NO_INPUTS = "没有找到要处理的工作簿（.xlsx、.xlsm、.xls）。"


@dataclass(frozen=True)
class BatchSpec:
    """What to run: the files and folders as the user named them, where to write (None for a
    check), the rules, where to write the summary (None for none), how many processes (None:
    every core), and whether each department's submission copy (报送版) is written too."""

    paths: tuple[Path, ...]
    out_dir: Path | None = None
    rules: Rules = NATIONAL
    summary: Path | None = None
    workers: int | None = None
    submission: bool = False

    @property
    def write(self) -> bool:
        """True when this run writes workbooks (the window waits for such a run to stop)."""
        return self.out_dir is not None


@dataclass(frozen=True)
class BatchOutcome:
    """What a finished batch gave: one item per input in input order, the summary written
    (None when none was asked for or it failed), and why the summary failed (None if not)."""

    items: list[BatchItem]
    summary: Path | None = None
    summary_error: str | None = None


def gather(paths: Sequence[Path]) -> list[Path]:
    """Return the workbooks to process (`app.batch.collect_inputs`). A summary that 生成全部
    saved in a folder named is found by its content when processed, and not counted."""
    from app.files import collect_inputs

    return collect_inputs(paths)


class BatchJob(PipelineJob):
    """Run a batch in its own thread.

    Emits `progressed(name, done, total)` as each file finishes (name is the file's name;
    "" at the start), then exactly one of `succeeded(BatchOutcome)` or
    `failed(kind, message, detail)` with kind INPUT (nothing to process), OUTPUT (the output
    folder cannot be made), CANCELLED or INTERNAL.
    """

    def __init__(self, spec: BatchSpec, parent=None) -> None:
        super().__init__(spec, parent)  # type: ignore[arg-type]  # the window reads only .write
        self.spec: BatchSpec = spec  # type: ignore[assignment]

    def _file_done(self, done: int, total: int, item: BatchItem) -> None:
        self.progressed.emit(item.input.name, done, total)

    def run(self) -> None:
        """Run the batch (in the thread); never raises."""
        from app.batch import run_many
        from app.errors import Cancelled, OutputError

        spec = self.spec
        try:
            inputs = gather(spec.paths)
            if not inputs:
                self.failed.emit(INPUT, NO_INPUTS, "")
                return
            self.progressed.emit("", 0, len(inputs))
            items = run_many(
                inputs,
                spec.out_dir,
                spec.rules,
                workers=spec.workers,
                progress=self._file_done,
                cancel=lambda: self.cancelled,
                submission=spec.submission and spec.write,
            )
            outcome = self._summarise(items)
        except Cancelled:
            self.failed.emit(CANCELLED, "已取消", "")
        except OutputError as exc:
            log.warning("无法写入 %s：%s", spec.out_dir, exc.message)
            self.failed.emit(OUTPUT, exc.message, "")
        except Exception as exc:  # noqa: BLE001 - the thread must report every failure
            log.exception("批量处理时出现内部错误")
            self.failed.emit(INTERNAL, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.succeeded.emit(outcome)

    def _summarise(self, items: list[BatchItem]) -> BatchOutcome:
        """Write the summary when asked for and some file could be used."""
        from app.errors import OutputError
        from app.writers.bureau import write_bureau

        target = self.spec.summary
        if target is None or not any(item.ok for item in items):
            return BatchOutcome(items)
        try:
            write_bureau(items, target, self.spec.rules)
        except OutputError as exc:
            log.warning("无法写入汇总 %s：%s", target, exc.message)
            return BatchOutcome(items, None, exc.message)
        return BatchOutcome(items, target)
