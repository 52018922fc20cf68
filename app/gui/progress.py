"""The job's corner of the status bar: what the job in charge is doing, how far it is, and
取消. Shown only while a job runs; it follows the window's `JobRunner`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QStatusBar

from app.gui.jobs import JobRunner


class JobProgress(QObject):
    """The stage text (`stage`), the progress bar (`progress`) and the 取消 button
    (`cancel_button`) of the jobs `runner` runs."""

    def __init__(self, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        widest = self.progress.fontMetrics().horizontalAdvance("正在生成自评表")
        self.progress.setMinimumWidth(widest * 2)
        self.stage = QLabel()
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setShortcut(QKeySequence.StandardKey.Cancel)
        self.cancel_button.clicked.connect(self.cancel)
        runner.busy_changed.connect(self.set_busy)
        runner.progressed.connect(self.show_progress)

    def install(self, bar: QStatusBar) -> None:
        """Put the stage, the bar and 取消 at the right of the status bar."""
        bar.addPermanentWidget(self.stage)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.set_busy(self.runner.busy)

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        """Show the corner while a job runs, from 0 %; hide it otherwise."""
        for widget in (self.progress, self.stage, self.cancel_button):
            widget.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setValue(0)

    @Slot(int, str)
    def show_progress(self, percent: int, text: str) -> None:
        """Show how far the job is and what it is doing."""
        self.progress.setValue(percent)
        self.stage.setText(text)

    @Slot()
    def cancel(self) -> None:
        """Stop the running job. A check is dropped at once (it writes nothing); a write
        is waited for, so the user learns whether a file was made."""
        if not self.runner.busy:
            return
        self.cancel_button.setEnabled(False)
        self.stage.setText("正在取消…")
        self.runner.cancel()
