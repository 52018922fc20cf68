"""The window's commands for the year's start: 从申报表开始 (a data template pre-filled from
申报表s, 执行监控表s, budget-system exports or last year's self-evaluation, `app.prefill`, in
a job) and 对照申报表 (the open self-evaluation compared with its 申报表s: `target_changed`
findings in the findings panel, and in 问题清单 when generating).

Jobs run through the window's own job handling (busy state, 取消, closing).
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Slot

from app.gui import dialogs
from app.gui.worker import CANCELLED, INPUT, INTERNAL, OK, OUTPUT, PipelineJob

if TYPE_CHECKING:
    from app.gui.window import MainWindow
    from app.prefill import PrefillResult

log = logging.getLogger("selfeval.gui")

STAGES = {"读取": ("正在读取申报表", 0, 90), "保存": ("正在保存预填模板", 90, 100)}


@dataclass(frozen=True)
class PrefillSpec:
    """What to pre-fill: the files and folders chosen, and where to save the template."""

    inputs: tuple[Path, ...]
    output: Path

    @property
    def write(self) -> bool:
        """Always True: the window waits for a cancelled pre-fill to stop."""
        return True


class PrefillJob(PipelineJob):
    """Pre-fill a template in its own thread: `progressed(stage, done, total)`, then one of
    `succeeded(PrefillResult)` or `failed(kind, message, detail)`."""

    def __init__(self, spec: PrefillSpec, parent=None) -> None:
        super().__init__(spec, parent)  # type: ignore[arg-type]  # the window reads only .write
        self.spec: PrefillSpec = spec  # type: ignore[assignment]

    def run(self) -> None:
        """Pre-fill (in the thread); never raises."""
        from app.errors import Cancelled, InputError, OutputError
        from app.prefill import prefill

        spec = self.spec
        try:
            result = prefill(
                spec.inputs, spec.output, progress=self._progress, cancel=self._cancel.is_set
            )
        except Cancelled:
            self.failed.emit(CANCELLED, "已取消", "")
        except InputError as exc:
            self.failed.emit(INPUT, exc.message, "")
        except OutputError as exc:
            self.failed.emit(OUTPUT, exc.message, "")
        except Exception as exc:  # noqa: BLE001 - the thread must report every failure
            log.exception("预填模板时出现内部错误")
            self.failed.emit(INTERNAL, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.succeeded.emit(result)


class DeclaredController(QObject):
    """从申报表开始 and 对照申报表 for `window`; `window.declared` holds the 申报表s the open
    workbook is compared with (cleared when another workbook is opened)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    # ---- 从申报表开始 -----------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Ask for the files to start from and where to save; pre-fill in a job."""
        window = self.window
        if window.busy:
            return
        paths = dialogs.ask_open_paths(
            window,
            "选择申报表、执行监控表、预算系统导出表或上年自评表（可多选）",
            window.settings.last_folder(),
            dialogs.WORKBOOK_FILTER,
        )
        if not paths:
            return
        from app.prefill import DEFAULT_NAME

        default = str(Path(paths[0]).with_name(DEFAULT_NAME))
        target = dialogs.ask_save_path(window, "保存预填模板", default, dialogs.XLSX_FILTER)
        if not target:
            return
        self.run(PrefillSpec(tuple(Path(p) for p in paths), Path(target)))

    def run(self, spec: PrefillSpec) -> None:
        """Start pre-filling as the window's job."""
        job = PrefillJob(spec, self.window)
        job.progressed.connect(self._progress)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        self.window.start_job(job, STAGES["读取"][0])

    @Slot(str, int, int)
    def _progress(self, stage: str, done: int, total: int) -> None:
        job = self.sender()
        if job is not self.window._job or job.cancelled:
            return
        text, start, end = STAGES.get(stage, (stage, 0, 100))
        share = done / total if total else 1.0
        self.window.progress.setValue(int(start + (end - start) * share))
        self.window.stage.setText(f"{text} {done}/{total}" if total > 1 else text)

    @Slot(object)
    def _succeeded(self, result: PrefillResult) -> None:
        window = self.window
        if not window.end_job(cast(PrefillJob, self.sender())):
            return
        window.settings.set_last_folder(result.output)
        window.statusBar().showMessage(f"已生成预填模板：{result.output}")
        text = (
            f"预填模板已保存：{result.projects} 个项目、{result.indicators} 个指标。\n"
            "黄色单元格（实际完成值、全年预算数、全年执行数等）待填写，填好后用“打开”读取。"
        )
        failed = "、".join(f"“{file}”" for file, _ in result.read.failed)
        if failed:
            text += f"\n未能读取：{failed}（原因见模板的“预填说明”）。"
        answer = dialogs.show_done(window, result.output, text)
        if answer == dialogs.OPEN_FILE:
            dialogs.open_url(result.output)
        elif answer == dialogs.OPEN_FOLDER:
            dialogs.open_url(result.output.parent)
        window.run_finished.emit(OK)

    @Slot(str, str, str)
    def _failed(self, kind: str, message: str, detail: str) -> None:
        window = self.window
        job = cast(PrefillJob, self.sender())
        if not window.end_job(job):
            return
        if kind == CANCELLED:
            window.statusBar().showMessage("已取消", 5000)
            dialogs.show_info(window, "已取消", "已取消预填，未保存任何文件。")
        elif kind == INPUT:
            dialogs.show_error(window, "无法预填模板", message)
        elif kind == OUTPUT:
            answer = dialogs.ask_retry(window, message)
            if answer == dialogs.RETRY:
                self.run(job.spec)
                return
            if answer == dialogs.SAVE_AS:
                self.start()
                if window.busy:
                    return
        else:
            kind = INTERNAL
            dialogs.show_internal_error(window, detail or message)
        window.run_finished.emit(kind)

    # ---- 对照申报表 -------------------------------------------------------------------
    @Slot()
    def choose(self) -> None:
        """Ask for the 申报表s of the open workbook and read it again compared with them."""
        window = self.window
        if window.busy or window.input is None:
            return
        paths = dialogs.ask_open_paths(
            window,
            "选择绩效目标申报表或执行监控表（可多选）",
            window.settings.last_folder(),
            dialogs.WORKBOOK_FILTER,
        )
        if paths:
            window.declared = tuple(Path(p) for p in paths)
            window.open_file(window.input, remember=False)

    @Slot()
    def clear(self) -> None:
        """Stop comparing with the 申报表s and read the open workbook again."""
        window = self.window
        if window.busy or not window.declared:
            return
        window.declared = ()
        if window.input is not None:
            window.open_file(window.input, remember=False)
