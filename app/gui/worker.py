"""The thin Qt layer over `app.pipeline.run`: one run in a thread, reported by signals.

The pipeline itself knows nothing of Qt; this only forwards its progress, passes it a
cancel flag, and turns every way a run can end into one signal, so no exception ever
escapes the thread.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

from app.rules import NATIONAL, Rules

log = logging.getLogger("selfeval.gui")

OK, INPUT, OUTPUT, CANCELLED, INTERNAL = "ok", "input", "output", "cancelled", "internal"
LOSS, NOT_FILLABLE = "loss", "not_fillable"
"""How a run ended (the `kind` of `PipelineJob.failed`, and "ok"); a fill also ends in LOSS
(the copy would lose something: ask) or NOT_FILLABLE (only the national layout can be made)."""

PROGRESS_INTERVAL = 0.04
"""Seconds between two progress signals within a stage: the bar moves smoothly and a run
of thousands of projects does not flood the window with events."""


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


_gc_holds = 0
_gc_was_enabled = False


def _hold_gc() -> None:
    # Python's cyclic GC runs in whichever thread happens to allocate. A Qt object it frees
    # in the worker thread is destroyed there, and Qt crashes; so while a job runs, garbage
    # is collected only when the GUI thread says so.
    global _gc_holds, _gc_was_enabled
    if _gc_holds == 0:
        _gc_was_enabled = gc.isenabled()
        gc.disable()
    _gc_holds += 1


def _release_gc() -> None:
    global _gc_holds
    _gc_holds -= 1
    if _gc_holds == 0 and _gc_was_enabled:
        gc.enable()


class PipelineJob(QThread):
    """Run the pipeline once in its own thread.

    Emits `progressed(stage, done, total)` while running, then exactly one of
    `succeeded(RunResult)` or `failed(kind, message, detail)`, where kind is INPUT, OUTPUT,
    CANCELLED or INTERNAL, message is Chinese and detail a traceback (INTERNAL only).
    """

    progressed = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str, str, str)

    def __init__(self, spec: JobSpec, parent=None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._cancel = threading.Event()
        self._last: tuple[str, float] = ("", 0.0)
        self._holds_gc = False

    def start(self) -> None:
        """Start the thread (from the GUI thread), pausing automatic garbage collection."""
        if not self._holds_gc:
            _hold_gc()
            self._holds_gc = True
        super().start()

    def release(self) -> None:
        """Once the thread has ended, let garbage collection run again (GUI thread)."""
        if self._holds_gc:
            # `finished` is emitted just before the thread ends: wait out that moment.
            self.wait()
            self._holds_gc = False
            _release_gc()

    def cancel(self) -> None:
        """Ask the run to stop at its next step (the pipeline checks between steps)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once `cancel()` was called."""
        return self._cancel.is_set()

    def _progress(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        last_stage, last_time = self._last
        if stage != last_stage or done >= total or now - last_time >= PROGRESS_INTERVAL:
            self._last = (stage, now)
            self.progressed.emit(stage, done, total)

    def run(self) -> None:
        """Run the pipeline, or the fill (in the thread); never raises."""
        from app.errors import Cancelled, InputError, OutputError

        spec = self.spec
        try:
            result = self._run()
        except Cancelled:
            self.failed.emit(CANCELLED, "已取消", "")
        except InputError as exc:
            kind = _fill_refusal(exc) if spec.fill else None
            if kind is not None:
                log.info("不能填回原表 %s：%s", spec.input, exc.message)
                self.failed.emit(kind, exc.message, "")
                return
            log.warning("无法读取 %s：%s", spec.input, exc.message)
            self.failed.emit(INPUT, exc.message, "")
        except OutputError as exc:
            log.warning("无法写入 %s：%s", spec.output, exc.message)
            self.failed.emit(OUTPUT, exc.message, "")
        except Exception as exc:  # noqa: BLE001 - the thread must report every failure
            log.exception("处理 %s 时出现内部错误", spec.input)
            self.failed.emit(INTERNAL, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.succeeded.emit(result)

    def _run(self):
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
