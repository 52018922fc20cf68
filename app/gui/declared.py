"""The window's commands for the year's start: 从申报表开始 (a data template pre-filled from
申报表s, 执行监控表s, budget-system exports or last year's self-evaluation, `app.prefill`, in
a job) and the question of 对照申报表 (which 申报表s the open self-evaluation is compared
with: `target_changed` findings in the findings panel, and in 问题清单 when generating).

Jobs run through the window's `JobRunner` (busy state, 取消, closing).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from app.gui import dialogs
from app.gui.controller import Controller
from app.gui.jobs import CANCELLED, INPUT, INTERNAL, OK, OUTPUT, Job

if TYPE_CHECKING:
    from app.prefill import PrefillResult

log = logging.getLogger("selfeval.gui")

STAGES = {"读取": ("正在读取申报表", 0, 90), "保存": ("正在保存预填模板", 90, 100)}


def prefill_progress(stage: str, done: int, total: int) -> tuple[int, str]:
    """Return the bar's percent and the text beside it for a step of the pre-fill."""
    text, start, end = STAGES.get(stage, (stage, 0, 100))
    share = done / total if total else 1.0
    return int(start + (end - start) * share), f"{text} {done}/{total}" if total > 1 else text


@dataclass(frozen=True)
class PrefillSpec:
    """What to pre-fill: the files and folders chosen, and where to save the template."""

    inputs: tuple[Path, ...]
    output: Path


class PrefillJob(Job):
    """Pre-fill a template in its own thread: `progressed(stage, done, total)`, then
    `returned(PrefillResult)` or `raised(kind, message, detail)`. It writes a file, so a
    cancelled one is waited for."""

    def __init__(self, spec: PrefillSpec, parent: QObject | None = None) -> None:
        super().__init__(True, parent)
        self.spec = spec

    def doing(self) -> str:
        """What the job does, for the log line of an internal error."""
        return "预填模板时"

    def work(self) -> PrefillResult:
        """Pre-fill (in the thread); return what was made."""
        from app.prefill import prefill

        spec = self.spec
        return prefill(
            spec.inputs, spec.output, progress=self._progress, cancel=self._cancel.is_set
        )


def ask_declared(parent: QWidget, folder: str) -> tuple[Path, ...]:
    """Ask for the 申报表s to compare the open workbook with; return them (none when
    cancelled)."""
    paths = dialogs.ask_open_paths(
        parent, "选择绩效目标申报表或执行监控表（可多选）", folder, dialogs.WORKBOOK_FILTER
    )
    return tuple(Path(p) for p in paths)


class PrefillController(Controller):
    """从申报表开始: asks for the files and where to save, pre-fills through `runner`, and
    says how it ended (dialogs over `parent`). Emits `status(text, ms)` for the status bar
    and `finished(kind)` once the user has answered the last dialog."""

    @Slot()
    def start(self) -> None:
        """Ask for the files to start from and where to save; pre-fill in a job."""
        if self.runner.busy:
            return
        paths = dialogs.ask_open_paths(
            self.parent_widget,
            "选择申报表、执行监控表、预算系统导出表或上年自评表（可多选）",
            self.settings.last_folder(),
            dialogs.WORKBOOK_FILTER,
        )
        if not paths:
            return
        from app.prefill import DEFAULT_NAME

        default = str(Path(paths[0]).with_name(DEFAULT_NAME))
        target = dialogs.ask_save_path(
            self.parent_widget, "保存预填模板", default, dialogs.XLSX_FILTER
        )
        if not target:
            return
        self.run(PrefillSpec(tuple(Path(p) for p in paths), Path(target)))

    def run(self, spec: PrefillSpec) -> None:
        """Pre-fill for `spec` as the runner's job."""
        job = PrefillJob(spec)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        self.runner.start(job, STAGES["读取"][0], prefill_progress)

    @Slot(object)
    def _succeeded(self, result: PrefillResult) -> None:
        parent = self.parent_widget
        self.settings.set_last_folder(result.output)
        self.status.emit(f"已生成预填模板：{result.output}", 0)
        text = (
            f"预填模板已保存：{result.projects} 个项目、{result.indicators} 个指标。\n"
            "黄色单元格（实际完成值、全年预算数、全年执行数等）待填写，填好后用“打开”读取。"
        )
        failed = "、".join(f"“{file}”" for file, _ in result.read.failed)
        if failed:
            text += f"\n未能读取：{failed}（原因见模板的“预填说明”）。"
        answer = dialogs.show_done(parent, result.output, text)
        if answer == dialogs.OPEN_FILE:
            dialogs.open_url(result.output)
        elif answer == dialogs.OPEN_FOLDER:
            dialogs.open_url(result.output.parent)
        self.finished.emit(OK)

    @Slot(str, str, str)
    def _failed(self, kind: str, message: str, detail: str) -> None:
        parent = self.parent_widget
        job = self.sender()
        assert isinstance(job, PrefillJob)
        if kind == CANCELLED:
            self.status.emit("已取消", 5000)
            dialogs.show_info(parent, "已取消", "已取消预填，未保存任何文件。")
        elif kind == INPUT:
            dialogs.show_error(parent, "无法预填模板", message)
        elif kind == OUTPUT:
            if self.retry_or_save_as(message, lambda: self.run(job.spec), self.start):
                return
        else:
            kind = INTERNAL
            dialogs.show_internal_error(parent, detail or message)
        self.finished.emit(kind)
