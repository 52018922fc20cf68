"""The real message boxes (`app/gui/dialogs.py`), answered by a timer instead of a person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.gui import dialogs


def click_later(text: str) -> None:
    """Click the button labelled `text` (shortcut marks ignored) of the box that opens next."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        [button] = [b for b in box.buttons() if b.text().replace("(&R)", "") == text]
        button.click()

    QTimer.singleShot(0, click)


def test_exec_box_reports_the_choice_not_the_text_shown(qtbot):
    box = QMessageBox()
    retry = dialogs.add_button(box, dialogs.RETRY, QMessageBox.ButtonRole.AcceptRole)
    dialogs.add_button(box, dialogs.CANCEL, QMessageBox.ButtonRole.RejectRole)
    retry.setText("重试(&R)")  # what a desktop that adds shortcuts makes of it
    click_later("重试")
    assert dialogs.exec_box(box) == dialogs.RETRY


def test_ask_retry_and_show_done_return_the_button_clicked(qtbot):
    click_later(dialogs.SAVE_AS)
    assert dialogs.ask_retry(None, "无法写入“a.xlsx”") == dialogs.SAVE_AS
    click_later(dialogs.OPEN_FOLDER)
    assert dialogs.show_done(None, Path("/tmp/a.xlsx"), "自评表已生成。") == dialogs.OPEN_FOLDER
    click_later(dialogs.CLOSE)
    assert dialogs.show_done(None, Path("/tmp/a.xlsx"), "自评表已生成。") == dialogs.CLOSE
