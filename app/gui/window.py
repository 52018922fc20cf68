"""The main window: open a workbook, see its scores and problems, generate the forms.

All work runs in a `PipelineJob`; the window only starts jobs, shows their progress and
results, and turns every way a job can end into a Chinese dialog.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.files import default_output
from app.gui import actions, dialogs, submission
from app.gui.batch_control import BatchController
from app.gui.declared import DeclaredController
from app.gui.fill import FillController
from app.gui.panels import GenerateButton, ResultsPanel, WelcomePanel
from app.gui.settings import Settings
from app.gui.worker import (
    CANCELLED,
    INPUT,
    INTERNAL,
    LOSS,
    NOT_FILLABLE,
    OK,
    OUTPUT,
    JobSpec,
    PipelineJob,
)
from app.pipeline import RunResult
from app.resources import example_path

log = logging.getLogger("selfeval.gui")

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
STAGE_TEXT = {
    "读取": "正在读取工作簿",
    "评分": "正在评分",
    "生成": "正在生成自评表",
    "保存": "正在保存自评表",
    "报告": "正在撰写自评报告",
    "保存报告": "正在保存自评报告",
    "填写": "正在填写原表",
    "报送版": "正在生成报送版",
}
# Share of the progress bar each stage fills: (start, end) in percent, about its share of the
# time for 2,000 projects (benchmarks/README.md).
SPANS_CHECK = {"读取": (0, 60), "评分": (60, 100)}
SPANS_WRITE = {"读取": (0, 10), "评分": (10, 15), "生成": (15, 55), "保存": (55, 100)}
SPANS_REPORT = {"读取": (0, 30), "评分": (30, 40), "报告": (40, 50), "保存报告": (50, 100)}
SPANS_FILL = {"读取": (0, 15), "评分": (15, 20), "填写": (20, 80), "保存": (80, 100)}
SPANS_BOTH = {
    "读取": (0, 6),
    "评分": (6, 9),
    "生成": (9, 33),
    "保存": (33, 60),
    "报送版": (60, 100),
}
"""The stages of 一键生成 with the submission copy: that copy is most of the rest."""
COUNTED = frozenset({"评分", "生成", "报告"})
"""Stages whose (done, total) count projects, shown beside the stage's name."""
TITLE = "绩效自评"


class MainWindow(QMainWindow):
    """The selfeval window. `run_finished(kind)` is emitted when a job has ended and its
    dialog was answered: "ok", "input", "output", "cancelled" or "internal"."""

    run_finished = Signal(str)

    def __init__(self, settings: Settings | None = None, remember_geometry: bool = True) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.remember_geometry = remember_geometry
        self.rules = self.settings.rules()
        self.input: Path | None = None
        self.declared: tuple[Path, ...] = ()
        """The 申报表s the open workbook is compared with (对照申报表)."""
        self.result: RunResult | None = None
        self._job: PipelineJob | None = None
        self._jobs: set[PipelineJob] = set()
        self.batch = BatchController(self)
        self.declarations = DeclaredController(self)
        self.filling = FillController(self)

        self._build_actions()
        self._build_central()
        self._build_status()
        self.setAcceptDrops(True)
        self._update_title()
        self._set_busy(False)
        self._restore_geometry()

    # ---- building -------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action("打开…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.open_folder_action = self._action("打开文件夹…", self.batch.open_folder)
        self.example_action = self._action("打开示例", self.open_example)
        self.template_action = self._action("下载空白模板…", lambda: actions.save_template(self))
        self.prefill_action = self._action("从申报表开始…", self.declarations.start)
        self.prefill_action.setToolTip(
            "用申报表、执行监控表、预算系统导出表或上年自评表生成预填好指标的数据模板"
        )
        self.declared_action = self._action("对照申报表…", self.declarations.choose)
        self.undeclared_action = self._action("取消对照申报表", self.declarations.clear)
        self.generate_action = self._action("一键生成…", self.generate, "Ctrl+G")
        self.report_action = self._action("生成自评报告…", self.generate_report, "Ctrl+R")
        self.rules_action = self._action("评分规则…", lambda: actions.edit_rules(self))
        self.report_template_action = self._action(
            "自评报告模板…", lambda: actions.choose_report_template(self)
        )
        self.about_action = self._action("关于", lambda: actions.show_about(self))
        self.quit_action = self._action("退出", self.close, QKeySequence.StandardKey.Quit)
        self.recent_menu = QMenu("最近打开", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)

        menu = self.menuBar().addMenu("文件")
        menu.addAction(self.open_action)
        menu.addAction(self.open_folder_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.example_action)
        menu.addSeparator()
        menu.addAction(self.generate_action)
        menu.addAction(self.report_action)
        menu.addAction(self.template_action)
        menu.addAction(self.prefill_action)
        menu.addAction(self.declared_action)
        menu.addAction(self.undeclared_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        settings_menu = self.menuBar().addMenu("设置")
        settings_menu.addAction(self.rules_action)
        settings_menu.addAction(self.report_template_action)
        self.menuBar().addMenu("帮助").addAction(self.about_action)
        self.example_action.setEnabled(example_path() is not None)

    def _build_central(self) -> None:
        open_button = QToolButton()
        open_button.setDefaultAction(self.open_action)
        open_button.setMenu(self.recent_menu)
        open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        open_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar = QHBoxLayout()
        bar.addWidget(open_button)
        for action in (
            self.open_folder_action,
            self.example_action,
            self.template_action,
            self.prefill_action,
            self.rules_action,
            self.about_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            bar.addWidget(button)
        bar.addStretch()
        self.report_button = QToolButton()
        self.report_button.setDefaultAction(self.report_action)
        self.report_button.setToolTip(
            "评分并生成 Word 自评报告初稿：数字已填好，原因留给填报人（Ctrl+R）"
        )
        bar.addWidget(self.report_button)

        self.filling.install(bar)
        self.generate_button = GenerateButton()
        self.generate_button.clicked.connect(self.generate)
        bar.addWidget(self.generate_button)
        self.submission = submission.install(bar, self.settings)

        self.welcome = WelcomePanel()
        self.results = ResultsPanel()
        self.results.project_shown.connect(
            lambda name: self.statusBar().showMessage(f"项目：{name}", 5000)
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.results)
        self.batch.install(self.stack, bar)
        self.stack.currentChanged.connect(lambda _: self.filling.page_changed(self.batch.showing))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.progress.setMinimumWidth(self.fontMetrics().horizontalAdvance("正在生成自评表") * 2)
        self.stage = QLabel()
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setShortcut(QKeySequence.StandardKey.Cancel)
        self.cancel_button.clicked.connect(self.cancel)
        bar = self.statusBar()
        bar.addPermanentWidget(self.stage)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def _restore_geometry(self) -> None:
        saved = self.settings.geometry() if self.remember_geometry else None
        if saved is None or not self.restoreGeometry(saved):
            self.resize(1100, 720)
            screen = self.screen()
            if screen is not None:
                room = screen.availableGeometry()
                self.resize(min(1100, room.width() * 9 // 10), min(720, room.height() * 9 // 10))

    # ---- state ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a job runs."""
        return self._job is not None

    def _set_busy(self, busy: bool) -> None:
        for action in (
            self.open_action,
            self.open_folder_action,
            self.template_action,
            self.prefill_action,
            self.rules_action,
            self.report_template_action,
        ):
            action.setEnabled(not busy)
        self.declared_action.setEnabled(not busy and self.input is not None)
        self.undeclared_action.setEnabled(not busy and bool(self.declared))
        self.example_action.setEnabled(not busy and example_path() is not None)
        can_generate = not busy and (self.input is not None or self.batch.ready)
        self.generate_action.setEnabled(can_generate)
        self.generate_button.setEnabled(can_generate)
        self.filling.choice.setEnabled(not busy)
        self.submission.setEnabled(not busy)
        self.update_report_action()
        self.recent_menu.setEnabled(not busy)
        for widget in (self.progress, self.stage, self.cancel_button):
            widget.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setValue(0)

    def update_report_action(self) -> None:
        """生成自评报告 is for the one workbook shown, when no job runs."""
        self.report_action.setEnabled(
            not self.busy and self.input is not None and not self.batch.showing
        )

    def _update_title(self) -> None:
        name = f"{self.input.name} — " if self.input else ""
        self.setWindowTitle(f"{name}{TITLE} {__version__}")

    # ---- opening --------------------------------------------------------------------
    @Slot()
    def open_dialog(self) -> None:
        """Ask for workbooks: open one, or check several side by side (部门汇总)."""
        paths = dialogs.ask_open_paths(
            self, "打开工作簿（可多选）", self.settings.last_folder(), dialogs.WORKBOOK_FILTER
        )
        if len(paths) == 1:
            self.open_file(paths[0])
        elif paths:
            self.batch.open(paths)

    @Slot()
    def open_example(self) -> None:
        """Open the bundled example."""
        example = example_path()
        if example is None:
            dialogs.show_error(self, "找不到示例", "此安装中没有附带示例工作簿。")
            return
        self.open_file(example, remember=False)

    def open_file(self, path: str | Path, remember: bool = True) -> None:
        """Read and evaluate `path` in a job; the results replace the shown ones on success."""
        if self.busy:
            return
        source = Path(path).absolute()
        if not source.is_file():
            self.settings.remove_recent(source)
            dialogs.show_error(self, "找不到文件", f"文件“{source}”不存在或已被移动。")
            self.run_finished.emit(INPUT)
            return
        if remember:
            self.settings.add_recent(source)
            self.settings.set_last_folder(source)
        if source != self.input:
            self.declared = ()  # another workbook's 申报表s are not this one's
        self._start(JobSpec(source, None, self.rules, declared=self.declared))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not recent:
            self.recent_menu.addAction("（无）").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if not self.busy and _dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = _dropped_paths(event)
        if not paths or self.busy:
            event.ignore()
            return
        event.acceptProposedAction()
        # Leave the drop handler first, so the source application is not kept waiting.
        if len(paths) == 1 and Path(paths[0]).is_file():
            QTimer.singleShot(0, lambda: self.open_file(paths[0]))
        else:
            QTimer.singleShot(0, lambda: self.batch.open(paths))

    # ---- generating -----------------------------------------------------------------
    @Slot()
    def generate(self) -> None:
        """Ask where to save, then evaluate again and write the finished workbook (on the
        部门汇总 page: every department's, into a folder), in the layout chosen beside the
        button: the national one, or the office's own form filled in."""
        if self.batch.showing:
            self.batch.generate_all()
            return
        if self.filling.chosen:
            self.filling.start()
            return
        self.generate_national()

    def generate_national(self) -> None:
        """Ask where to save the workbook in the national layout, then make it."""
        if self.busy or self.input is None:
            return
        default = default_output(self.input)
        if self.input == example_path():
            # The bundled example may sit in a read-only folder.
            default = Path(self.settings.last_folder()) / default.name
        path = dialogs.ask_save_path(
            self, "保存自评结果", str(default), dialogs.XLSX_FILTER, confirm=False
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        if target.is_file() and not dialogs.ask_replace(self, target):
            return
        self.settings.set_last_folder(target)
        plain = self.submission.isChecked()
        spec = JobSpec(self.input, target, self.rules, declared=self.declared, submission=plain)
        self._start(spec)

    @Slot()
    def generate_report(self) -> None:
        """Ask where to save, then evaluate again and write the Word 自评报告 of the open
        workbook."""
        if self.busy or self.input is None or self.batch.showing:
            return
        target = actions.ask_report_path(self, self.input)
        if target is not None:
            template = self.settings.report_template()
            self._start(JobSpec(self.input, target, self.rules, report=True, template=template))

    # ---- jobs -----------------------------------------------------------------------
    def run_spec(self, spec: JobSpec) -> None:
        """Run `spec` as the window's job (progress, result and its dialogs as for 一键生成)."""
        self._start(spec)

    def _start(self, spec: JobSpec) -> None:
        job = PipelineJob(spec, self)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_thread_finished)
        self._job = job
        self._jobs.add(job)
        self._set_busy(True)
        self.stage.setText(STAGE_TEXT["读取"])
        self.statusBar().clearMessage()
        job.start()

    def start_job(self, job: PipelineJob, stage: str) -> None:
        """Run a job made elsewhere (a batch) as the window's one job: busy while it runs,
        stopped by 取消, waited for on closing. Its owner connects its result signals and
        calls `end_job` when one arrives."""
        job.finished.connect(self._on_thread_finished)
        self._job = job
        self._jobs.add(job)
        self._set_busy(True)
        self.stage.setText(stage)
        self.statusBar().clearMessage()
        job.start()

    def end_job(self, job: PipelineJob) -> bool:
        """Leave the busy state of `job`; False when it is no longer the window's job (it
        was cancelled and already answered for)."""
        if job is not self._job:
            return False
        self._job = None
        self._set_busy(False)
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop the running job. A check is dropped at once (it writes nothing); a write
        is waited for, so the user learns whether a file was made."""
        job = self._job
        if job is None:
            return
        job.cancel()
        self.cancel_button.setEnabled(False)
        self.stage.setText("正在取消…")
        if not job.spec.write:
            self._job = None
            self._set_busy(False)
            self._ended(CANCELLED, job.spec)

    @Slot(str, int, int)
    def _on_progress(self, stage: str, done: int, total: int) -> None:
        job = self.sender()
        if job is not self._job or job.cancelled:
            return
        spec = job.spec
        spans = (
            SPANS_REPORT
            if spec.report
            else SPANS_FILL
            if spec.fill
            else (SPANS_BOTH if spec.submission else SPANS_WRITE)
            if spec.write
            else SPANS_CHECK
        )
        start, end = spans.get(stage, (0, 100))
        share = done / total if total else 1.0
        self.progress.setValue(int(start + (end - start) * share))
        text = STAGE_TEXT.get(stage, stage)
        self.stage.setText(f"{text} {done}/{total}" if total > 1 and stage in COUNTED else text)

    @Slot(object)
    def _on_succeeded(self, result: RunResult) -> None:
        job = self.sender()
        if job is not self._job:
            return
        self._job = None
        self._set_busy(False)
        self._show_result(job.spec.input, result)
        if result.output is not None:
            self.statusBar().showMessage(f"已生成：{result.output}")
            done = "自评报告初稿已生成，黄色底纹处请填写。" if job.spec.report else "自评表已生成。"
            if job.spec.fill:
                done = self.filling.done_text(result)
            kept = result.kept_text()
            plain = getattr(result, "submission", None)
            made = f"报送版：{plain}" if plain else ""
            answer = dialogs.show_done(
                self, result.output, "\n".join(filter(None, [done, made, kept]))
            )
            if answer == dialogs.OPEN_FILE:
                dialogs.open_url(result.output)
            elif answer == dialogs.OPEN_FOLDER:
                dialogs.open_url(result.output.parent)
        self.run_finished.emit(OK)

    @Slot(str, str, str)
    def _on_failed(self, kind: str, message: str, detail: str) -> None:
        job = self.sender()
        if job is not self._job:
            return
        self._job = None
        self._set_busy(False)
        self._ended(kind, job.spec, message, detail)

    def _ended(self, kind: str, spec: JobSpec, message: str = "", detail: str = "") -> None:
        """Tell the user how a job that made nothing ended, and offer what can be done."""
        if kind == CANCELLED:
            text = "已取消生成，未保存任何文件。" if spec.write else "已取消读取。"
            self.statusBar().showMessage("已取消", 5000)
            dialogs.show_info(self, "已取消", text)
        elif kind == INPUT and spec.declared:
            self.declared = ()  # read again, it is read without them
            self.undeclared_action.setEnabled(False)
            dialogs.show_error(self, "无法读取工作簿或申报表", message)
        elif kind == INPUT:
            title = "无法生成自评报告" if spec.report else "无法读取工作簿"
            dialogs.show_error(self, title, message)
        elif kind in (LOSS, NOT_FILLABLE):
            if self.filling.refused(kind, spec, message):
                return  # another job runs: its end is reported
        elif kind == OUTPUT:
            answer = dialogs.ask_retry(self, message)
            if answer == dialogs.RETRY:
                self._start(spec)
                return
            if answer == dialogs.SAVE_AS:
                if spec.report:
                    self.generate_report()
                else:
                    self.generate()
                if self.busy:
                    return
        else:
            kind = INTERNAL
            dialogs.show_internal_error(self, detail or message)
        self.run_finished.emit(kind)

    @Slot()
    def _on_thread_finished(self) -> None:
        job = self.sender()
        self._jobs.discard(job)
        job.release()
        job.deleteLater()

    def _show_result(self, source: Path, result: RunResult) -> None:
        self.input = source
        self.result = result
        self.results.show_evaluation(result.evaluation)
        self.stack.setCurrentWidget(self.results)
        self.generate_action.setEnabled(True)
        self.generate_button.setEnabled(True)
        self.update_report_action()
        self._update_title()
        self.declared_action.setEnabled(not self.busy)
        self.undeclared_action.setEnabled(not self.busy and bool(self.declared))
        if result.output is None:
            n = len(result.evaluation.projects)
            compared = f"，已对照 {len(self.declared)} 个申报表" if self.declared else ""
            self.statusBar().showMessage(f"已读取“{source.name}”：{n} 个项目{compared}", 8000)

    # ---- closing --------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            # The pipeline stops at its next step; never leave a thread running behind.
            job.wait()
            job.release()
        self._job = None
        if self.remember_geometry:
            self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)


def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """Return the local workbooks and folders a drag carries (empty when it carries none:
    anything else dropped beside them is left out)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if Path(p).suffix.lower() in WORKBOOK_SUFFIXES or Path(p).is_dir()]
