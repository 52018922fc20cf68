"""The thin Qt layer over `app.pipeline.run`: one run of one workbook in a thread.

The pipeline itself knows nothing of Qt; `PipelineJob` only passes it the job's progress
and cancel flag, and says how each way it can end is reported (`app.gui.jobs.Job`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from app.errors import InputError, OutputError
from app.gui.jobs import INPUT, OUTPUT, Job
from app.rules import NATIONAL, Rules

log = logging.getLogger("selfeval.gui")

LOSS, NOT_FILLABLE = "loss", "not_fillable"
"""How a fill may end besides the kinds of `app.gui.jobs`: LOSS (the copy would lose
something: ask) or NOT_FILLABLE (only the national layout can be made)."""


@dataclass(frozen=True)
class JobSpec:
    """What to run: the input, where to write (None for a check), and the rules; with
    `report`, the Word 自评报告 (from `template`, None: the default) instead of the workbook;
    `declared`, the 申报表s to compare with (`check --declared`); with `fill`, the figures
    written into a copy of the input (`clean`: without flags and notes; `allow_loss`: even if
    the copy loses what openpyxl cannot keep)."""

    input: Path
    output: Path | None = None
    rules: Rules = NATIONAL
    report: bool = False
    template: Path | None = None
    declared: tuple[Path, ...] = ()
    fill: bool = False
    clean: bool = False
    allow_loss: bool = False
    submission: bool = False

    @property
    def write(self) -> bool:
        """True when this run writes the finished workbook."""
        return self.output is not None


class PipelineJob(Job):
    """Run the pipeline once for `spec` (or write its 自评报告, or fill its copy): in the
    thread, `returned(RunResult)`, or `raised(kind, ...)` with kind INPUT, OUTPUT,
    CANCELLED, INTERNAL, or LOSS / NOT_FILLABLE for a fill refused."""

    def __init__(self, spec: JobSpec, parent: QObject | None = None) -> None:
        super().__init__(spec.write, parent)
        self.spec = spec

    def doing(self) -> str:
        """What the job does, for the log line of an internal error."""
        return f"处理 {self.spec.input} 时"

    def kind_of(self, error: InputError | OutputError) -> str:
        """Return INPUT, OUTPUT, or LOSS / NOT_FILLABLE for a fill refused; log which."""
        spec = self.spec
        if isinstance(error, OutputError):
            log.warning("无法写入 %s：%s", spec.output, error.message)
            return OUTPUT
        kind = _fill_refusal(error) if spec.fill else None
        if kind is not None:
            log.info("不能填回原表 %s：%s", spec.input, error.message)
            return kind
        log.warning("无法读取 %s：%s", spec.input, error.message)
        return INPUT

    def work(self) -> object:
        """Run the pipeline, the report or the fill (in the thread); return its result."""
        from app import pipeline

        spec = self.spec
        if spec.report:
            from app.pipeline import write_report

            return write_report(
                spec.input,
                spec.output,
                spec.rules,
                template=spec.template,
                progress=self._progress,
                cancel=self._cancel.is_set,
            )
        if spec.fill:
            from app.fill.run import fill

            assert spec.output is not None
            return fill(
                spec.input,
                spec.output,
                spec.rules,
                flags=not spec.clean,
                allow_loss=spec.allow_loss,
                progress=self._progress,
                cancel=self._cancel.is_set,
            )
        # Only when there are some: the pipeline's callers elsewhere need not know of them.
        extra: dict[str, Any] = {"declared": spec.declared} if spec.declared else {}
        if spec.submission and spec.write:
            extra["submission"] = True
        return pipeline.run(
            spec.input,
            spec.output,
            spec.rules,
            write=spec.write,
            progress=self._progress,
            cancel=self._cancel.is_set,
            **extra,
        )


def _fill_refusal(exc: Exception) -> str | None:
    """LOSS or NOT_FILLABLE for the errors a fill refuses with, else None."""
    from app.fill.losses import WouldLose
    from app.fill.run import CannotFill

    if isinstance(exc, WouldLose):
        return LOSS
    if isinstance(exc, CannotFill):
        return NOT_FILLABLE
    return None
