"""The commands on the one workbook the window shows: open it (compared with its 申报表s or
not), 一键生成 (the national layout, or the office's own form filled in) and 生成自评报告.
Each runs as a `PipelineJob` through the window's `JobRunner`; every way it ends becomes a
Chinese dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from app.files import default_output
from app.gui import actions, dialogs, fill
from app.gui.controller import Controller
from app.gui.declared import ask_declared
from app.gui.jobs import CANCELLED, INPUT, INTERNAL, OK, OUTPUT, JobRunner
from app.gui.settings import Settings
from app.gui.stages import STAGE_TEXT, pipeline_progress
from app.gui.worker import LOSS, NOT_FILLABLE, JobSpec, PipelineJob
from app.pipeline import RunResult
from app.resources import example_path
from app.rules import Rules


class WorkbookController(Controller):
    """Opens, generates and reports on one workbook through `runner`, with the rules in
    force (`rules()`), the layout chosen in `filling`, and the submission copy when
    `submission()`; dialogs over `parent`.

    `input` is the workbook shown, `declared` the 申报表s it is compared with (对照申报表),
    `result` its last run. Emits `shown(RunResult)` when the workbook was read (again),
    `changed()` when what it is compared with changed otherwise, `status(text, ms)` for the
    status bar, and `finished(kind)` once a job has ended and its dialog was answered.
    """

    shown = Signal(object)
    changed = Signal()

    def __init__(
        self,
        runner: JobRunner,
        settings: Settings,
        rules: Callable[[], Rules],
        filling: fill.FillController,
        submission: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(runner, settings, parent)
        self.rules = rules
        self.filling = filling
        self.submission = submission
        self.input: Path | None = None
        self.declared: tuple[Path, ...] = ()
        self.result: RunResult | None = None

    def leave(self) -> None:
        """Forget the workbook shown (the 部门汇总 page took its place)."""
        self.input = None
        self.result = None

    # ---- opening --------------------------------------------------------------------
    def open(self, path: str | Path, remember: bool = True) -> None:
        """Read and evaluate `path` in a job; the results replace the shown ones on success."""
        if self.runner.busy:
            return
        source = Path(path).absolute()
        if not source.is_file():
            self.settings.remove_recent(source)
            dialogs.show_error(
                self.parent_widget, "找不到文件", f"文件“{source}”不存在或已被移动。"
            )
            self.finished.emit(INPUT)
            return
        if remember:
            self.settings.add_recent(source)
            self.settings.set_last_folder(source)
        if source != self.input:
            self.declared = ()  # another workbook's 申报表s are not this one's
        self._start(JobSpec(source, None, self.rules(), declared=self.declared))

    def reread(self) -> None:
        """Read the workbook shown again (with other rules, or other 申报表s)."""
        if self.input is not None:
            self.open(self.input, remember=False)

    @Slot()
    def compare_declared(self) -> None:
        """Ask for the 申报表s of the workbook shown and read it again compared with them."""
        if self.runner.busy or self.input is None:
            return
        paths = ask_declared(self.parent_widget, self.settings.last_folder())
        if paths:
            self.declared = paths
            self.reread()

    @Slot()
    def clear_declared(self) -> None:
        """Stop comparing with the 申报表s and read the workbook shown again."""
        if self.runner.busy or not self.declared:
            return
        self.declared = ()
        self.reread()

    # ---- generating -----------------------------------------------------------------
    def generate(self) -> None:
        """Ask where to save, then make the finished workbook in the layout chosen: the
        national one, or the office's own form filled in."""
        if self.filling.chosen:
            self.fill()
        else:
            self.generate_national()

    def generate_national(self) -> None:
        """Ask where to save the workbook in the national layout, then make it."""
        if self.runner.busy or self.input is None:
            return
        default = default_output(self.input)
        if self.input == example_path():
            # The bundled example may sit in a read-only folder.
            default = Path(self.settings.last_folder()) / default.name
        path = dialogs.ask_save_path(
            self.parent_widget, "保存自评结果", str(default), dialogs.XLSX_FILTER, confirm=False
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        if target.is_file() and not dialogs.ask_replace(self.parent_widget, target):
            return
        self.settings.set_last_folder(target)
        plain = self.submission()
        self._start(
            JobSpec(self.input, target, self.rules(), declared=self.declared, submission=plain)
        )

    def fill(self) -> None:
        """Ask where to save the filled copy of the workbook shown, then fill it."""
        if self.runner.busy or self.input is None:
            return
        spec = self.filling.prepare(self.input, self.rules())
        if spec is not None:
            self._start(spec)

    @Slot()
    def generate_report(self) -> None:
        """Ask where to save, then evaluate again and write the Word 自评报告 of the workbook
        shown."""
        if self.runner.busy or self.input is None:
            return
        target = actions.ask_report_path(self.parent_widget, self.settings, self.input)
        if target is not None:
            template = self.settings.report_template()
            self._start(JobSpec(self.input, target, self.rules(), report=True, template=template))

    # ---- jobs -----------------------------------------------------------------------
    def _start(self, spec: JobSpec) -> None:
        job = PipelineJob(spec)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        self.runner.start(job, STAGE_TEXT["读取"], pipeline_progress(spec))

    def _sender_spec(self) -> JobSpec:
        job = self.sender()
        assert isinstance(job, PipelineJob)
        return job.spec

    @Slot(object)
    def _on_succeeded(self, result: RunResult) -> None:
        spec = self._sender_spec()
        self.input = spec.input
        self.result = result
        self.shown.emit(result)
        if result.output is None:
            n = len(result.evaluation.projects)
            compared = f"，已对照 {len(self.declared)} 个申报表" if self.declared else ""
            self.status.emit(f"已读取“{spec.input.name}”：{n} 个项目{compared}", 8000)
        else:
            self.status.emit(f"已生成：{result.output}", 0)
            self._say_done(spec, result, result.output)
        self.finished.emit(OK)

    def _say_done(self, spec: JobSpec, result: RunResult, output: Path) -> None:
        """Say what was made (and what was kept of an earlier file); offer to open it."""
        done = "自评报告初稿已生成，黄色底纹处请填写。" if spec.report else "自评表已生成。"
        if spec.fill:
            done = self.filling.done_text(result)
        kept = result.kept_text()
        plain = getattr(result, "submission", None)
        made = f"报送版：{plain}" if plain else ""
        text = "\n".join(filter(None, [done, made, kept]))
        answer = dialogs.show_done(self.parent_widget, output, text)
        if answer == dialogs.OPEN_FILE:
            dialogs.open_url(output)
        elif answer == dialogs.OPEN_FOLDER:
            dialogs.open_url(output.parent)

    @Slot(str, str, str)
    def _on_failed(self, kind: str, message: str, detail: str) -> None:
        """Tell the user how a job that made nothing ended, and offer what can be done."""
        spec = self._sender_spec()
        parent = self.parent_widget
        if kind == CANCELLED:
            text = "已取消生成，未保存任何文件。" if spec.write else "已取消读取。"
            self.status.emit("已取消", 5000)
            dialogs.show_info(parent, "已取消", text)
        elif kind == INPUT and spec.declared:
            self.declared = ()  # read again, it is read without them
            self.changed.emit()
            dialogs.show_error(parent, "无法读取工作簿或申报表", message)
        elif kind == INPUT:
            title = "无法生成自评报告" if spec.report else "无法读取工作簿"
            dialogs.show_error(parent, title, message)
        elif kind in (LOSS, NOT_FILLABLE):
            answer = fill.ask_refused(parent, kind, message)
            if answer == fill.GO_ON:
                self._start(replace(spec, allow_loss=True))
                return  # that job's end is reported
            if answer == fill.USE_NATIONAL:
                self.generate_national()
                if self.runner.busy:
                    return
        elif kind == OUTPUT:
            save_as = self.generate_report if spec.report else self.generate
            if self.retry_or_save_as(message, lambda: self._start(spec), save_as):
                return
        else:
            kind = INTERNAL
            dialogs.show_internal_error(parent, detail or message)
        self.finished.emit(kind)
