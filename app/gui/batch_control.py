"""The window's batch commands: open several files or a folder, show the 部门汇总 page, and
生成全部. Jobs run through the window's own job handling (busy state, 取消, closing), so a
batch and a single file never run at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QToolButton

from app import __version__
from app.batch import output_names
from app.gui import dialogs
from app.gui.batch import SUMMARY_NAME, BatchJob, BatchOutcome, BatchSpec
from app.gui.batch_panel import BatchPanel
from app.gui.batch_view import progress_text
from app.gui.worker import CANCELLED, INPUT, INTERNAL, OK, OUTPUT
from app.rollup import BatchItem

if TYPE_CHECKING:
    from app.gui.window import MainWindow

GENERATE_ONE = ("一键生成", "评分并生成可打印的自评表工作簿（Ctrl+G）")
GENERATE_ALL = ("生成全部", "为每个部门生成自评表，保存到所选文件夹（Ctrl+G）")


class BatchController(QObject):
    """Runs batches for `window` and keeps the 部门汇总 page (`panel`) and the 部门汇总 button
    (`back_button`, shown when the page is hidden behind a single file)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.items: list[BatchItem] = []
        self.workers: int | None = None
        """Processes per batch; None: every core (a pool of spawned processes)."""
        self.panel = BatchPanel()
        self.panel.department_opened.connect(self._open_department)
        self.back_action = QAction("部门汇总", window)
        self.back_action.setToolTip("回到各部门汇总表")
        self.back_action.triggered.connect(self.show_panel)
        self.back_button = QToolButton()
        self.back_button.setDefaultAction(self.back_action)
        self.back_button.setVisible(False)
        self._stack: QStackedWidget | None = None

    def install(self, stack: QStackedWidget, bar: QHBoxLayout) -> None:
        """Add the page to the window's stack and the 部门汇总 button to its tool bar."""
        self._stack = stack
        stack.addWidget(self.panel)
        # Just left of the big generate button, which it leads back to.
        bar.insertWidget(max(bar.indexOf(self.window.generate_button), 0), self.back_button)
        stack.currentChanged.connect(self._page_changed)

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
        folder = dialogs.ask_folder(self.window, "打开文件夹", self.window.settings.last_folder())
        if folder:
            self.open([folder])

    def open(self, paths: Sequence[str | Path], remember: bool = True) -> None:
        """Check every workbook among `paths` (files, and folders searched recursively) in a
        job; the 部门汇总 page shows them once done."""
        if self.window.busy or not paths:
            return
        named = tuple(Path(p).absolute() for p in paths)
        if remember:
            self.window.settings.set_last_folder(named[0])
        self._start(BatchSpec(named, None, self.window.rules, workers=self.workers))

    def refresh(self) -> None:
        """Check the shown files again (after the rules changed)."""
        if self.items:
            self.open([item.input for item in self.items], remember=False)

    @Slot()
    def generate_all(self) -> None:
        """Ask for a folder, then write every department's workbook there (and the summary
        when its box is ticked)."""
        if self.window.busy or not self.items:
            return
        folder = dialogs.ask_folder(
            self.window, "选择保存自评表的文件夹", self.window.settings.last_folder()
        )
        if not folder:
            return
        out_dir = Path(folder)
        inputs = tuple(item.input for item in self.items)
        existing = [p for p in output_names(inputs, out_dir) if p.is_file()]
        if existing and not dialogs.ask_replace(self.window, existing[0], len(existing)):
            return
        self.window.settings.set_last_folder(out_dir)
        summary = out_dir / SUMMARY_NAME if self.panel.with_summary.isChecked() else None
        plain = self.window.submission.isChecked()
        self._start(BatchSpec(inputs, out_dir, self.window.rules, summary, self.workers, plain))

    @Slot()
    def show_panel(self) -> None:
        """Show the 部门汇总 page (the single file shown before is left)."""
        if self._stack is None or self.window.busy:
            return
        self.window.input = None
        self.window.result = None
        self._stack.setCurrentWidget(self.panel)
        self._page_changed()

    def _open_department(self, path: Path) -> None:
        self.window.open_file(path)

    # ---- jobs -----------------------------------------------------------------------
    def _start(self, spec: BatchSpec) -> None:
        job = BatchJob(spec, self.window)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        self.window.start_job(job, "正在生成…" if spec.write else "正在查找工作簿…")

    @Slot(str, int, int)
    def _on_progress(self, name: str, done: int, total: int) -> None:
        job = self.sender()
        if not isinstance(job, BatchJob) or job.cancelled:
            return
        self.window.progress.setValue(100 * done // total if total else 0)
        self.window.stage.setText(progress_text(job.spec.write, done, total, name))

    @Slot(object)
    def _on_succeeded(self, outcome: BatchOutcome) -> None:
        job = self.sender()
        if not isinstance(job, BatchJob) or not self.window.end_job(job):
            return
        spec = job.spec
        self.items = list(outcome.items)
        self.panel.show_items(self.items, [g for _, g in spec.rules.grades])
        self.show_panel()
        ok = sum(item.counted for item in self.items)
        failed = sum(not item.ok for item in self.items)
        passed = len(self.items) - ok - failed
        if spec.out_dir is None:
            self.window.statusBar().showMessage(
                f"已读取 {len(self.items)} 个文件：{ok} 个部门，{failed} 个文件未能读取"
                + (f"，{passed} 个未计入" if passed else ""),
                8000,
            )
        else:
            self._say_generated(spec.out_dir, outcome, ok, failed, passed)
        self.window.run_finished.emit(OK)

    def _say_generated(
        self, out_dir: Path, outcome: BatchOutcome, ok: int, failed: int, passed: int
    ) -> None:
        """Tell what 生成全部 made, and offer to open the folder (or the summary)."""
        made = sum(item.output is not None for item in outcome.items)
        self.window.statusBar().showMessage(f"已生成 {made} 个自评表：{out_dir}")
        if not ok:
            dialogs.show_error(
                self.window,
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
        answer = dialogs.show_folder_done(self.window, out_dir, "\n".join(lines), outcome.summary)
        if answer == dialogs.OPEN_FOLDER:
            dialogs.open_url(out_dir)
        elif answer == dialogs.OPEN_FILE and outcome.summary is not None:
            dialogs.open_url(outcome.summary)

    @Slot(str, str, str)
    def _on_failed(self, kind: str, message: str, detail: str) -> None:
        job = self.sender()
        if not isinstance(job, BatchJob) or not self.window.end_job(job):
            return
        spec = job.spec
        if kind == CANCELLED:
            self.window.statusBar().showMessage("已取消", 5000)
            text = "已取消读取。"
            if spec.out_dir is not None:
                text = f"已取消生成。取消前已完成的自评表保留在：\n{spec.out_dir}"
            dialogs.show_info(self.window, "已取消", text)
        elif kind == INPUT:
            dialogs.show_error(self.window, "没有找到工作簿", message)
        elif kind == OUTPUT:
            answer = dialogs.ask_retry(self.window, message)
            if answer == dialogs.RETRY:
                self._start(spec)
                return
            if answer == dialogs.SAVE_AS:
                self.generate_all()
                if self.window.busy:
                    return
        else:
            kind = INTERNAL
            dialogs.show_internal_error(self.window, detail or message)
        self.window.run_finished.emit(kind)

    # ---- the window's look ----------------------------------------------------------
    @Slot()
    def _page_changed(self) -> None:
        """Fit the big button, the 部门汇总 button and the title to the page shown."""
        window, showing = self.window, self.showing
        text, tip = GENERATE_ALL if showing else GENERATE_ONE
        window.generate_button.setText(text)
        window.generate_button.setToolTip(tip)
        window.generate_action.setText(f"{text}…")
        can = not window.busy and (self.ready or window.input is not None)
        window.generate_button.setEnabled(can)
        window.generate_action.setEnabled(can)
        window.update_report_action()
        self.back_button.setVisible(bool(self.items) and not showing)
        if showing:
            from app.gui.window import TITLE

            window.setWindowTitle(f"部门汇总（{len(self.items)} 个文件） — {TITLE} {__version__}")
