"""What the window's commands share: the runner their jobs go through, the settings they
keep what they learn in, the window their dialogs sit over, and the two signals they answer
the window with."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.gui import dialogs
from app.gui.jobs import JobRunner
from app.gui.settings import Settings


class Controller(QObject):
    """Commands that run jobs through `runner`, with dialogs over `parent`.

    Emits `status(text, ms)` for the status bar (0 ms: until the next message) and
    `finished(kind)` once a job has ended and its dialog was answered.
    """

    status = Signal(str, int)
    finished = Signal(str)

    def __init__(self, runner: JobRunner, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.parent_widget = parent

    def retry_or_save_as(
        self, message: str, retry: Callable[[], None], save_as: Callable[[], None]
    ) -> bool:
        """Say that the output cannot be written; 重试 calls `retry`, 另存为 `save_as`.
        Return True when another job runs now (its end is reported instead)."""
        answer = dialogs.ask_retry(self.parent_widget, message)
        if answer == dialogs.RETRY:
            retry()
        elif answer == dialogs.SAVE_AS:
            save_as()
        return self.runner.busy
