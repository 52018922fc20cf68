"""The window's one owner of jobs (`app.gui.jobs.JobRunner`), driven with stand-in jobs: busy
state, progress, answers, cancel, a second job refused, waiting on close, and the garbage
collector paused only while a thread lives."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from app.errors import Cancelled, InputError, OutputError
from app.gui.jobs import CANCELLED, INPUT, INTERNAL, OUTPUT, Job, JobRunner, whole_stage


class StandIn(Job):
    """A job that reports one step, then waits for `gate` (or cancel, while `obeys` is set),
    then returns "made" or raises `error`. `gc_seen` is whether the GC was on while it
    worked."""

    def __init__(self, writes: bool = False, error: Exception | None = None) -> None:
        super().__init__(writes)
        self.error = error
        self.gate = threading.Event()
        self.obeys = threading.Event()
        self.obeys.set()
        self.gc_seen: bool | None = None
        self.worked = False

    def work(self) -> object:
        self.gc_seen = gc.isenabled()
        self.worked = True
        self._progress("读取", 1, 4)
        while not self.gate.wait(0.01):
            if self.cancelled and self.obeys.is_set():
                raise Cancelled()
        if self.error is not None:
            raise self.error
        return "made"


class Answers:
    """What a job answered, in order: ("ok", result) or (kind, message, detail)."""

    def __init__(self, job: Job) -> None:
        self.got: list[tuple[object, ...]] = []
        job.succeeded.connect(lambda result: self.got.append(("ok", result)))
        job.failed.connect(lambda *failure: self.got.append(failure))


@pytest.fixture
def runner(qtbot) -> Iterator[JobRunner]:
    """A runner of its own; every job stopped afterwards, and the GC running again."""
    owner = JobRunner()
    yield owner
    owner.stop_all()
    assert owner.running == 0 and gc.isenabled()


@pytest.fixture
def seen(runner: JobRunner) -> list[object]:
    """What the runner announced, in order: busy flags, and (percent, text) of progress."""
    said: list[object] = []
    runner.busy_changed.connect(said.append)
    runner.progressed.connect(lambda percent, text: said.append((percent, text)))
    return said


def settle(qtbot, runner: JobRunner) -> None:
    """Wait until every thread the runner started has ended and was waited for."""
    qtbot.waitUntil(lambda: runner.running == 0, timeout=3000)


def test_a_job_runs_busy_then_answers_once(qtbot, runner, seen):
    job = StandIn()
    answers = Answers(job)
    assert runner.start(job, "开始", lambda stage, done, total: (25 * done, f"{stage} {done}"))
    assert runner.busy
    qtbot.waitUntil(lambda: (25, "读取 1") in seen, timeout=3000)
    assert seen == [True, (0, "开始"), (25, "读取 1")]
    assert not gc.isenabled() and job.gc_seen is False  # paused while the thread lives
    job.gate.set()
    qtbot.waitUntil(lambda: answers.got != [], timeout=3000)
    assert answers.got == [("ok", "made")]
    assert not runner.busy and seen[-1] is False
    settle(qtbot, runner)
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("error", "kind", "message"),
    [
        (InputError("读不了"), INPUT, "读不了"),
        (OutputError("写不了"), OUTPUT, "写不了"),
        (ZeroDivisionError("division by zero"), INTERNAL, "ZeroDivisionError: division by zero"),
    ],
)
def test_a_failure_is_answered_with_its_kind(qtbot, runner, error, kind, message):
    job = StandIn(error=error)
    answers = Answers(job)
    runner.start(job, "开始")
    job.gate.set()
    qtbot.waitUntil(lambda: answers.got != [], timeout=3000)
    [(got_kind, got_message, detail)] = answers.got
    assert (got_kind, got_message) == (kind, message)
    assert ("Traceback" in detail) == (kind == INTERNAL)
    assert not runner.busy
    settle(qtbot, runner)
    assert gc.isenabled()


def test_a_second_job_is_refused_while_one_runs(qtbot, runner, seen):
    first, second = StandIn(), StandIn()
    assert runner.start(first, "第一个")
    assert not runner.start(second, "第二个")
    assert seen == [True, (0, "第一个")]
    first.gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=3000)
    settle(qtbot, runner)
    assert not second.worked and not second.isRunning()


def test_an_answer_may_start_the_next_job(qtbot, runner, seen):
    first, second = StandIn(error=OutputError("被占用")), StandIn()
    first.failed.connect(lambda *failure: runner.start(second, "重试"))
    answers = Answers(second)
    runner.start(first, "开始")
    first.gate.set()
    qtbot.waitUntil(lambda: second.worked, timeout=3000)
    assert runner.busy and [flag for flag in seen if isinstance(flag, bool)] == [True, False, True]
    assert (0, "重试") in seen
    second.gate.set()
    qtbot.waitUntil(lambda: answers.got == [("ok", "made")], timeout=3000)


def test_cancel_lets_a_check_go_at_once(qtbot, runner):
    job = StandIn(writes=False)
    answers = Answers(job)
    runner.start(job, "开始")
    qtbot.waitUntil(lambda: job.worked, timeout=3000)
    runner.cancel()
    # Answered before its thread has even stopped; what the thread says later is not.
    assert answers.got == [(CANCELLED, "已取消", "")]
    assert not runner.busy
    settle(qtbot, runner)
    assert answers.got == [(CANCELLED, "已取消", "")]
    assert gc.isenabled()


def test_cancel_waits_for_a_write_to_stop(qtbot, runner, seen):
    job = StandIn(writes=True)
    answers = Answers(job)
    runner.start(job, "开始")
    qtbot.waitUntil(lambda: job.worked, timeout=3000)
    runner.cancel()
    job.progressed.emit("保存", 2, 4)  # a step after 取消 is not shown
    assert answers.got == [] and runner.busy
    qtbot.waitUntil(lambda: answers.got != [], timeout=3000)
    assert answers.got == [(CANCELLED, "已取消", "")]
    assert (50, "保存") not in seen and not runner.busy
    settle(qtbot, runner)
    assert gc.isenabled()


def test_closing_waits_for_every_thread_and_answers_nothing(qtbot, runner):
    checked, written = StandIn(writes=False), StandIn(writes=True)
    checked.obeys.clear()
    runner.start(checked, "检查")
    qtbot.waitUntil(lambda: checked.worked, timeout=3000)
    runner.cancel()  # let go, still finishing its step
    answers = Answers(written)
    runner.start(written, "生成")
    qtbot.waitUntil(lambda: written.worked, timeout=3000)
    assert runner.running == 2
    checked.obeys.set()
    runner.stop_all()
    assert checked.isFinished() and written.isFinished()
    assert runner.running == 0 and not runner.busy and gc.isenabled()
    qtbot.wait(50)  # what the threads said before they stopped arrives, and is dropped
    assert answers.got == []


def test_whole_stage_counts_the_share_done():
    assert whole_stage("某局.xlsx", 1, 4) == (25, "某局.xlsx")
    assert whole_stage("", 0, 0) == (0, "")
