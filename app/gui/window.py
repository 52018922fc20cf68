"""The main window: open a workbook, see its scores and problems, generate the forms.

The window builds itself and keeps its look in step with what is open and whether a job
runs. The commands live beside it: one workbook (`workbook.py`), many (`batch_control.py`),
从申报表开始 (`declared.py`), the smaller ones (`actions.py`). Their jobs run through the
window's one `JobRunner` (`jobs.py`), whose progress and 取消 sit in the status bar
(`progress.py`); they answer the window by signals and never reach into it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.files import WORKBOOK_SUFFIXES
from app.gui import actions, dialogs, submission
from app.gui.batch_control import BatchController
from app.gui.declared import PrefillController
from app.gui.fill import FillController
from app.gui.jobs import JobRunner
from app.gui.panels import GenerateButton, ResultsPanel, WelcomePanel
from app.gui.progress import JobProgress
from app.gui.settings import Settings
from app.gui.workbook import WorkbookController
from app.pipeline import RunResult
from app.resources import example_path

TITLE = "绩效自评"
GENERATE_ONE = ("一键生成", "评分并生成可打印的自评表工作簿（Ctrl+G）")
GENERATE_ALL = ("生成全部", "为每个部门生成自评表，保存到所选文件夹（Ctrl+G）")

Shortcut = QKeySequence | QKeySequence.StandardKey | str


class MainWindow(QMainWindow):
    """The selfeval window. `run_finished(kind)` is emitted when a job has ended and its
    dialog was answered: "ok", "input", "output", "cancelled" or "internal"."""

    run_finished = Signal(str)

    def __init__(self, settings: Settings | None = None, remember_geometry: bool = True) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.remember_geometry = remember_geometry
        self.rules = self.settings.rules()
        self.runner = JobRunner(self)
        self.runner.busy_changed.connect(self._set_busy)
        self.job_progress = JobProgress(self.runner, self)
        self.filling = FillController(self.settings, self)
        self.workbook = WorkbookController(
            self.runner,
            self.settings,
            lambda: self.rules,
            self.filling,
            lambda: self.submission.isChecked(),
            self,
        )
        self.batch = BatchController(self.runner, self.settings, lambda: self.rules, self)
        self.prefilling = PrefillController(self.runner, self.settings, self)
        for controller in (self.workbook, self.batch, self.prefilling):
            controller.status.connect(self.statusBar().showMessage)
            controller.finished.connect(self.run_finished)
        self.workbook.shown.connect(self._show_result)
        self.workbook.changed.connect(self._update_actions)
        self.batch.shown.connect(self._page_changed)
        self.batch.panel.department_opened.connect(self.open_file)

        self._build_actions()
        self._build_central()
        self.job_progress.install(self.statusBar())
        self.setAcceptDrops(True)
        self._update_title()
        self._set_busy(False)
        self._restore_geometry()

    # ---- building -------------------------------------------------------------------
    def _action(
        self, text: str, slot: Callable[[], object], shortcut: Shortcut | None = None
    ) -> QAction:
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
        self.template_action = self._action(
            "下载空白模板…", lambda: actions.save_template(self, self.settings)
        )
        self.prefill_action = self._action("从申报表开始…", self.prefilling.start)
        self.prefill_action.setToolTip(
            "用申报表、执行监控表、预算系统导出表或上年自评表生成预填好指标的数据模板"
        )
        self.declared_action = self._action("对照申报表…", self.workbook.compare_declared)
        self.undeclared_action = self._action("取消对照申报表", self.workbook.clear_declared)
        self.generate_action = self._action("一键生成…", self.generate, "Ctrl+G")
        self.report_action = self._action("生成自评报告…", self.generate_report, "Ctrl+R")
        self.rules_action = self._action("评分规则…", self.edit_rules)
        self.report_template_action = self._action("自评报告模板…", self.choose_report_template)
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
        self.batch.install(self.stack, bar, self.generate_button)
        self.stack.currentChanged.connect(self._page_changed)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

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
        return self.runner.busy

    @property
    def input(self) -> Path | None:
        """The workbook shown, None when none is (or the 部门汇总 page is)."""
        return self.workbook.input

    @property
    def declared(self) -> tuple[Path, ...]:
        """The 申报表s the workbook shown is compared with (对照申报表)."""
        return self.workbook.declared

    @property
    def result(self) -> RunResult | None:
        """The last run of the workbook shown."""
        return self.workbook.result

    @Slot(bool)
    def _set_busy(self, busy: bool) -> None:
        self._update_actions()
        if busy:
            self.statusBar().clearMessage()

    @Slot()
    def _update_actions(self) -> None:
        """Enable what can be done now, given what is open and whether a job runs."""
        busy = self.busy
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
        # 生成自评报告 is for the one workbook shown.
        can_report = not busy and self.input is not None and not self.batch.showing
        self.report_action.setEnabled(can_report)
        self.recent_menu.setEnabled(not busy)

    def _update_title(self) -> None:
        name = f"{self.input.name} — " if self.input else ""
        self.setWindowTitle(f"{name}{TITLE} {__version__}")

    @Slot()
    def _page_changed(self) -> None:
        """Fit the big button, the layout choice, the title and the actions to the page
        shown (the 部门汇总 page leaves the workbook shown before)."""
        showing = self.batch.showing
        if showing:
            self.workbook.leave()
            count = len(self.batch.items)
            self.setWindowTitle(f"部门汇总（{count} 个文件） — {TITLE} {__version__}")
        text, tip = GENERATE_ALL if showing else GENERATE_ONE
        self.generate_button.setText(text)
        self.generate_button.setToolTip(tip)
        self.generate_action.setText(f"{text}…")
        self.filling.page_changed(showing)
        self._update_actions()

    def _show_result(self, result: RunResult) -> None:
        self.results.show_evaluation(result.evaluation)
        self.stack.setCurrentWidget(self.results)
        self._update_actions()
        self._update_title()

    # ---- commands -------------------------------------------------------------------
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
        self.workbook.open(path, remember)

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

    @Slot()
    def generate(self) -> None:
        """Ask where to save, then evaluate again and write the finished workbook (on the
        部门汇总 page: every department's, into a folder), in the layout chosen beside the
        button: the national one, or the office's own form filled in."""
        if self.batch.showing:
            self.batch.generate_all(self.submission.isChecked())
        else:
            self.workbook.generate()

    @Slot()
    def generate_report(self) -> None:
        """Ask where to save, then write the Word 自评报告 of the workbook shown."""
        if not self.batch.showing:
            self.workbook.generate_report()

    @Slot()
    def edit_rules(self) -> None:
        """Ask for new rules; keep them, and evaluate the open workbook (or the departments
        shown) again."""
        rules = actions.ask_rules(self, self.settings, self.rules)
        if rules is None:
            return
        self.rules = rules
        self.statusBar().showMessage("评分规则已更新", 5000)
        if self.batch.showing:
            self.batch.refresh()
        else:
            self.workbook.reread()

    @Slot()
    def choose_report_template(self) -> None:
        """Ask which template the 自评报告 is written from; say so when it changed."""
        said = actions.choose_report_template(self, self.settings)
        if said is not None:
            self.statusBar().showMessage(said, 5000)

    # ---- closing --------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # The jobs stop at their next step; never leave a thread running behind.
        self.runner.stop_all()
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
