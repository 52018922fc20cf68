"""Many workbooks in one job: `app.batch.run_many` in a thread, reported by signals.

A `BatchJob` is a `Job` (`app.gui.jobs`), started, cancelled and waited for by the window's
`JobRunner` like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject

from app.errors import InputError, OutputError
from app.gui.jobs import Job
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


class BatchJob(Job):
    """Run a batch in its own thread.

    In the thread it emits `progressed(name, done, total)` as each file finishes (name is the
    file's name; "" at the start), then `returned(BatchOutcome)` or `raised(kind, message,
    detail)` with kind INPUT (nothing to process), OUTPUT (the output folder cannot be made),
    CANCELLED or INTERNAL.
    """

    def __init__(self, spec: BatchSpec, parent: QObject | None = None) -> None:
        super().__init__(spec.write, parent)
        self.spec = spec

    def _file_done(self, done: int, total: int, item: BatchItem) -> None:
        self.progressed.emit(item.input.name, done, total)

    def doing(self) -> str:
        """What the job does, for the log line of an internal error."""
        return "批量处理时"

    def kind_of(self, error: InputError | OutputError) -> str:
        """Return INPUT or OUTPUT; log an output folder that cannot be made."""
        if isinstance(error, OutputError):
            log.warning("无法写入 %s：%s", self.spec.out_dir, error.message)
        return super().kind_of(error)

    def work(self) -> BatchOutcome:
        """Run the batch (in the thread); return what it made."""
        from app.batch import run_many

        spec = self.spec
        inputs = gather(spec.paths)
        if not inputs:
            raise InputError(NO_INPUTS)
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
        return self._summarise(items)

    def _summarise(self, items: list[BatchItem]) -> BatchOutcome:
        """Write the summary when asked for and some file could be used."""
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
