"""Background jobs and their one owner.

A `Job` is one run in its own thread (the pipeline, a batch, a pre-fill): it reports what it
did by signals and never raises. The `JobRunner` is the only thing that starts, cancels and
waits for jobs; it keeps the window busy while one runs, relays its progress, pauses the
cyclic garbage collector while a thread lives, and answers each job exactly once, in the GUI
thread, through the job's own `succeeded` or `failed` signal.

So whoever wants something done makes the job, connects its answer, and hands it over, as
vorta's views hand their jobs to its jobs manager:

    job = PipelineJob(spec)
    job.succeeded.connect(self._show)
    job.failed.connect(self._say_why)
    runner.start(job, "正在读取工作簿", pipeline_progress(spec))
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.errors import Cancelled, InputError, OutputError

log = logging.getLogger("selfeval.gui")

OK, INPUT, OUTPUT, CANCELLED, INTERNAL = "ok", "input", "output", "cancelled", "internal"
"""How a job ended: the `kind` of `Job.failed`, and "ok"."""

PROGRESS_INTERVAL = 0.04
"""Seconds between two progress signals within a stage: the bar moves smoothly and a run
of thousands of projects does not flood the window with events."""

Progress = Callable[[str, int, int], tuple[int, str]]
"""Turns a job's (stage, done, total) into the bar's percent and the text beside it."""


def whole_stage(stage: str, done: int, total: int) -> tuple[int, str]:
    """The progress of a job that says nothing more: the share done, and the stage's name."""
    return (100 * done // total if total else 0), stage


class Job(QThread):
    """One run in its own thread, stopped by `cancel()` at its next step.

    In the thread it emits `progressed(stage, done, total)`, then exactly one of
    `returned(result)` or `raised(kind, message, detail)` (kind INPUT, OUTPUT, CANCELLED,
    INTERNAL or one of the subclass's own; message Chinese; detail a traceback, INTERNAL
    only). Those are for the runner. The runner answers in the GUI thread with
    `succeeded(result)` or `failed(kind, message, detail)`: connect these.

    Subclasses write `work()`; `writes` says whether the job writes files (a cancelled one is
    waited for, so the user learns whether a file was made).
    """

    progressed = Signal(str, int, int)
    returned = Signal(object)
    raised = Signal(str, str, str)
    succeeded = Signal(object)
    failed = Signal(str, str, str)

    def __init__(self, writes: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writes = writes
        self._cancel = threading.Event()
        self._last: tuple[str, float] = ("", 0.0)

    def cancel(self) -> None:
        """Ask the run to stop at its next step (the work checks between steps)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once `cancel()` was called."""
        return self._cancel.is_set()

    def _progress(self, stage: str, done: int, total: int) -> None:
        """Emit `progressed`, at most every PROGRESS_INTERVAL within a stage (its last step
        and a new stage always)."""
        now = time.monotonic()
        last_stage, last_time = self._last
        if stage != last_stage or done >= total or now - last_time >= PROGRESS_INTERVAL:
            self._last = (stage, now)
            self.progressed.emit(stage, done, total)

    def work(self) -> object:
        """Do the job (in the thread) and return its result; raise Cancelled, InputError,
        OutputError, or anything else for an internal error."""
        raise NotImplementedError

    def kind_of(self, error: InputError | OutputError) -> str:
        """Return how a run that raised `error` ended: INPUT or OUTPUT (subclasses log it,
        or tell apart errors of their own)."""
        return INPUT if isinstance(error, InputError) else OUTPUT

    def doing(self) -> str:
        """What the job does, for the log line of an internal error ("处理 X 时")."""
        return "运行时"

    def run(self) -> None:
        """Run `work()` (in the thread) and report how it ended; never raises."""
        try:
            result = self.work()
        except Cancelled:
            self.raised.emit(CANCELLED, "已取消", "")
        except (InputError, OutputError) as exc:
            self.raised.emit(self.kind_of(exc), exc.message, "")
        except Exception as exc:  # noqa: BLE001 - the thread must report every failure
            log.exception("%s出现内部错误", self.doing())
            self.raised.emit(INTERNAL, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.returned.emit(result)


_gc_holds = 0
_gc_was_enabled = False


def _hold_gc() -> None:
    # Python's cyclic GC runs in whichever thread happens to allocate. A Qt object it frees
    # in the worker thread is destroyed there, and Qt crashes; so while a job's thread lives,
    # garbage is collected only when the GUI thread says so (pipeline.run pauses it too).
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


class JobRunner(QObject):
    """Runs the window's jobs: one in charge at a time (the window is busy meanwhile), the
    progress of that one relayed, cancelled on request, and every thread waited for on
    closing.

    `busy_changed(bool)` is emitted when a job takes charge and when it is answered;
    `progressed(percent, text)` when the job in charge starts and moves on.
    """

    busy_changed = Signal(bool)
    progressed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: Job | None = None
        self._progress: Progress = whole_stage
        self._threads: set[Job] = set()
        """Jobs started whose thread was not yet waited for (each holds the GC once)."""

    @property
    def busy(self) -> bool:
        """True while a job is in charge (started and not yet answered)."""
        return self._current is not None

    @property
    def running(self) -> int:
        """How many job threads are alive or not yet waited for (a check let go on 取消
        may still be finishing its step)."""
        return len(self._threads)

    def start(self, job: Job, stage: str, progress: Progress = whole_stage) -> bool:
        """Put `job` in charge and start its thread, showing `stage` at 0 %; `progress`
        turns its steps into what the bar shows. Return False, starting nothing, while
        another job is in charge."""
        if self._current is not None:
            log.warning("已有任务在运行，未启动新任务")
            return False
        job.setParent(self)
        job.progressed.connect(self._on_progressed)
        job.returned.connect(self._on_returned)
        job.raised.connect(self._on_raised)
        job.finished.connect(self._on_thread_finished)
        self._current = job
        self._progress = progress
        self._threads.add(job)
        _hold_gc()
        self.busy_changed.emit(True)
        self.progressed.emit(0, stage)
        job.start()
        return True

    @Slot()
    def cancel(self) -> None:
        """Ask the job in charge to stop. One that writes nothing is answered CANCELLED at
        once (its thread ends by itself); one that writes is waited for, so that its answer
        says whether a file was made."""
        job = self._current
        if job is None:
            return
        job.cancel()
        if not job.writes:
            self._let_go()
            job.failed.emit(CANCELLED, "已取消", "")

    def stop_all(self) -> None:
        """Cancel every job and wait for its thread to end (the window is closing): no
        thread is left running behind, and garbage collection runs again."""
        for job in list(self._threads):
            job.cancel()
        for job in list(self._threads):
            self._release(job)
        if self._current is not None:
            self._current = None
            self.busy_changed.emit(False)

    # ---- from the jobs' threads -----------------------------------------------------
    def _sender_job(self) -> Job | None:
        job = self.sender()
        return job if isinstance(job, Job) else None

    @Slot(str, int, int)
    def _on_progressed(self, stage: str, done: int, total: int) -> None:
        job = self._sender_job()
        if job is None or job is not self._current or job.cancelled:
            return
        self.progressed.emit(*self._progress(stage, done, total))

    @Slot(object)
    def _on_returned(self, result: object) -> None:
        job = self._sender_job()
        if job is not None and job is self._current:
            self._let_go()
            job.succeeded.emit(result)

    @Slot(str, str, str)
    def _on_raised(self, kind: str, message: str, detail: str) -> None:
        job = self._sender_job()
        if job is not None and job is self._current:
            self._let_go()
            job.failed.emit(kind, message, detail)

    @Slot()
    def _on_thread_finished(self) -> None:
        job = self._sender_job()
        if job is not None:
            self._release(job)
            job.deleteLater()

    def _let_go(self) -> None:
        """Take the job in charge out of charge (before its answer is given, so that the
        answer may start another job)."""
        self._current = None
        self._progress = whole_stage
        self.busy_changed.emit(False)

    def _release(self, job: Job) -> None:
        """Wait for the thread of `job` to end and let garbage collection run again."""
        if job in self._threads:
            # `finished` is emitted just before the thread ends: wait out that moment.
            job.wait()
            self._threads.discard(job)
            _release_gc()
