"""The window's batch commands: open several files or a folder, show the 部门汇总 page, and
生成全部. Jobs run through the window's `JobRunner` (busy state, 取消, closing), so a batch
and a single file never run at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QToolButton, QWidget

from app.batch import output_names
from app.gui import dialogs
from app.gui.batch import SUMMARY_NAME, BatchJob, BatchOutcome, BatchSpec
from app.gui.batch_panel import BatchPanel
from app.gui.batch_view import progress_text
from app.gui.controller import Controller
from app.gui.jobs import CANCELLED, INPUT, INTERNAL, OK, OUTPUT, JobRunner, Progress
from app.gui.settings import Settings
from app.rollup import BatchItem
from app.rules import Rules


def batch_progress(write: bool) -> Progress:
    """Return how the bar follows a batch: the share of files done, and the file just done."""

    def progress(name: str, done: int, total: int) -> tuple[int, str]:
        return (100 * done // total if total else 0), progress_text(write, done, total, name)

    return progress


class BatchController(Controller):
    """Runs batches through `runner` and keeps the 部门汇总 page (`panel`) and the 部门汇总
    button (`back_button`, shown when the page is hidden behind a single file).

    Batches are checked with `rules()`, the rules in force. Emits `shown()` when the page has
    been shown (again: with new items), `status(text, ms)` for the status bar, and
    `finished(kind)` once a batch has ended and its dialog was answered.
    """

    shown = Signal()

    def __init__(
        self,
        runner: JobRunner,
        settings: Settings,
        rules: Callable[[], Rules],
        parent: QWidget,
    ) -> None:
        super().__init__(runner, settings, parent)
        self.rules = rules
        self.items: list[BatchItem] = []
        self.workers: int | None = None
        """Processes per batch; None: every core (a pool of spawned processes)."""
        self.panel = BatchPanel()
        self.back_action = QAction("部门汇总", parent)
        self.back_action.setToolTip("回到各部门汇总表")
        self.back_action.triggered.connect(self.show_panel)
        self.back_button = QToolButton()
        self.back_button.setDefaultAction(self.back_action)
        self.back_button.setVisible(False)
        self._stack: QStackedWidget | None = None

    def install(self, stack: QStackedWidget, bar: QHBoxLayout, before: QWidget) -> None:
        """Add the page to the window's stack, and the 部门汇总 button to its tool bar just
        left of `before` (the big generate button, which it leads back to)."""
        self._stack = stack
        stack.addWidget(self.panel)
        bar.insertWidget(max(bar.indexOf(before), 0), self.back_button)
        stack.currentChanged.connect(self._show_back_button)

    @property
    def showing(self) -> bool:
        """True while the 部门汇总 page is the one shown."""
        return self._stack is not None and self._stack.currentWidget() is self.panel

    @property
    def ready(self) -> bool:
        """True when 生成全部 can run: the page is shown with files on it."""
        return self.showing and bool(self.items)

    # ---- commands -------------------------------------------------------------------
    @Slot()
    def open_folder(self) -> None:
        """Ask for a folder and check every workbook in it."""
        folder = dialogs.ask_folder(self.parent_widget, "打开文件夹", self.settings.last_folder())
        if folder:
            self.open([folder])

    def open(self, paths: Sequence[str | Path], remember: bool = True) -> None:
        """Check every workbook among `paths` (files, and folders searched recursively) in a
        job; the 部门汇总 page shows them once done."""
        if self.runner.busy or not paths:
            return
        named = tuple(Path(p).absolute() for p in paths)
        if remember:
            self.settings.set_last_folder(named[0])
        self._start(BatchSpec(named, None, self.rules(), workers=self.workers))

    def refresh(self) -> None:
        """Check the shown files again (after the rules changed)."""
        if self.items:
            self.open([item.input for item in self.items], remember=False)

    def generate_all(self, submission: bool) -> None:
        """Ask for a folder, then write every department's workbook there (with its
        submission copy when `submission`, and the summary when its box is ticked)."""
        if self.runner.busy or not self.items:
            return
        parent = self.parent_widget
        folder = dialogs.ask_folder(parent, "选择保存自评表的文件夹", self.settings.last_folder())
        if not folder:
            return
        out_dir = Path(folder)
        inputs = tuple(item.input for item in self.items)
        existing = [p for p in output_names(inputs, out_dir) if p.is_file()]
        if existing and not dialogs.ask_replace(parent, existing[0], len(existing)):
            return
        self.settings.set_last_folder(out_dir)
        summary = out_dir / SUMMARY_NAME if self.panel.with_summary.isChecked() else None
        self._start(BatchSpec(inputs, out_dir, self.rules(), summary, self.workers, submission))

    @Slot()
    def show_panel(self) -> None:
        """Show the 部门汇总 page (the single file shown before is left)."""
        if self._stack is None or self.runner.busy:
            return
        self._stack.setCurrentWidget(self.panel)
        self._show_back_button()
        self.shown.emit()

    # ---- jobs -----------------------------------------------------------------------
    def _start(self, spec: BatchSpec) -> None:
        job = BatchJob(spec)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        stage = "正在生成…" if spec.write else "正在查找工作簿…"
        self.runner.start(job, stage, batch_progress(spec.write))

    def _sender_spec(self) -> BatchSpec:
        job = self.sender()
        assert isinstance(job, BatchJob)
        return job.spec

    @Slot(object)
    def _on_succeeded(self, outcome: BatchOutcome) -> None:
        spec = self._sender_spec()
        self.items = list(outcome.items)
        self.panel.show_items(self.items, [g for _, g in spec.rules.grades])
        self.show_panel()
        ok = sum(item.counted for item in self.items)
        failed = sum(not item.ok for item in self.items)
        passed = len(self.items) - ok - failed
        if spec.out_dir is None:
            self.status.emit(
                f"已读取 {len(self.items)} 个文件：{ok} 个部门，{failed} 个文件未能读取"
                + (f"，{passed} 个未计入" if passed else ""),
                8000,
            )
        else:
            self._say_generated(spec.out_dir, outcome, ok, failed, passed)
        self.finished.emit(OK)

    def _say_generated(
        self, out_dir: Path, outcome: BatchOutcome, ok: int, failed: int, passed: int
    ) -> None:
        """Tell what 生成全部 made, and offer to open the folder (or the summary)."""
        made = sum(item.output is not None for item in outcome.items)
        self.status.emit(f"已生成 {made} 个自评表：{out_dir}", 0)
        if not ok:
            dialogs.show_error(
                self.parent_widget,
                "未能生成",
                "所有文件都未能读取，没有生成自评表。原因见“未能读取的文件”。",
            )
            return
        lines = [f"已生成 {made} 个自评表（{ok} 个部门）。"]
        if failed:
            lines.append(f"{failed} 个文件未能读取，原因见“未能读取的文件”。")
        if passed:
            lines.append(f"{passed} 个文件未计入汇总（同一部门重复、内容相同或是生成的结果）。")
        kept = [item for item in outcome.items if item.kept]
        if kept:
            texts = sum(item.report.get("carried", 0) for item in kept if item.report)
            lines.append(
                f"{len(kept)} 个原有的自评结果已另存为备份（文件名后加“_备份”和时间），"
                f"其中填写的{texts}处文字已带入新文件。"
            )
        if outcome.summary is not None:
            lines.append(f"部门汇总表：{outcome.summary.name}")
        if outcome.summary_error:
            lines.append(f"部门汇总表未能保存：{outcome.summary_error}")
        text = "\n".join(lines)
        answer = dialogs.show_folder_done(self.parent_widget, out_dir, text, outcome.summary)
        if answer == dialogs.OPEN_FOLDER:
            dialogs.open_url(out_dir)
        elif answer == dialogs.OPEN_FILE and outcome.summary is not None:
            dialogs.open_url(outcome.summary)

    @Slot(str, str, str)
    def _on_failed(self, kind: str, message: str, detail: str) -> None:
        spec = self._sender_spec()
        parent = self.parent_widget
        if kind == CANCELLED:
            self.status.emit("已取消", 5000)
            text = "已取消读取。"
            if spec.out_dir is not None:
                text = f"已取消生成。取消前已完成的自评表保留在：\n{spec.out_dir}"
            dialogs.show_info(parent, "已取消", text)
        elif kind == INPUT:
            dialogs.show_error(parent, "没有找到工作簿", message)
        elif kind == OUTPUT:
            again = self.retry_or_save_as(
                message, lambda: self._start(spec), lambda: self.generate_all(spec.submission)
            )
            if again:
                return
        else:
            kind = INTERNAL
            dialogs.show_internal_error(parent, detail or message)
        self.finished.emit(kind)

    @Slot()
    def _show_back_button(self) -> None:
        """Show the 部门汇总 button when there are departments hidden behind a single file."""
        self.back_button.setVisible(bool(self.items) and not self.showing)
