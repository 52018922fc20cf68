"""Every modal question the window asks, each through one small function.

The blocking calls (`exec_box`, `exec_dialog`, `ask_open_path`, `ask_open_paths`,
`ask_folder`, `ask_save_path`, `open_url`) are module attributes that the window looks up at
call time, so tests (and the screenshot mode) replace them and nothing ever waits for a click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

WORKBOOK_FILTER = "Excel 工作簿 (*.xlsx *.xlsm *.xls *.xlsb *.ods);;所有文件 (*)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
DOCX_FILTER = "Word 文档 (*.docx)"
TOML_FILTER = "评分规则 (*.toml);;所有文件 (*)"

RETRY, SAVE_AS, CANCEL = "重试", "另存为…", "取消"
REPLACE = "继续生成"
OPEN_FILE, OPEN_FOLDER, CLOSE = "打开文件", "打开所在文件夹", "关闭"
CHOICE = "selfeval_choice"


def exec_box(box: QMessageBox) -> str | None:
    """Show a message box until it is answered; return the text of the button clicked."""
    box.exec()
    clicked = box.clickedButton()
    if clicked is None:
        return None
    # The text as given: some desktops add "(&R)" shortcuts to the text shown.
    return clicked.property(CHOICE) or clicked.text()


def add_button(box: QMessageBox, text: str, role: QMessageBox.ButtonRole):
    """Add a button whose click `exec_box` reports as `text`; return the button."""
    button = box.addButton(text, role)
    button.setProperty(CHOICE, text)
    return button


def ask(box: QMessageBox) -> str | None:
    """Show `box` through `exec_box` (looked up now, so it can be replaced), then free it."""
    try:
        return exec_box(box)
    finally:
        box.deleteLater()


def exec_dialog(dialog: QDialog) -> bool:
    """Show a dialog until it is closed; return True when it was accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_open_path(parent: QWidget | None, title: str, folder: str, filters: str) -> str | None:
    """Ask for a file to open; return its path, or None when the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path or None


def ask_open_paths(parent: QWidget | None, title: str, folder: str, filters: str) -> list[str]:
    """Ask for one or more files to open; return their paths (empty when cancelled)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
    return list(paths)


def ask_folder(parent: QWidget | None, title: str, folder: str) -> str | None:
    """Ask for a folder (starting at `folder`); return its path, or None when cancelled."""
    return QFileDialog.getExistingDirectory(parent, title, folder) or None


def ask_save_path(
    parent: QWidget | None, title: str, default: str, filters: str, *, confirm: bool = True
) -> str | None:
    """Ask where to save (starting at `default`); return the path, or None when cancelled.
    `confirm` False leaves asking about an existing file to the caller (`ask_replace`)."""
    options = QFileDialog.Option(0) if confirm else QFileDialog.Option.DontConfirmOverwrite
    path, _ = QFileDialog.getSaveFileName(parent, title, default, filters, options=options)
    return path or None


def open_url(path: str | Path) -> bool:
    """Open a file or folder with the system's program for it; return False when that failed."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = ""
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        # The traceback stays folded away behind 显示详细信息….
        box.setDetailedText(detail)
    return box


def show_error(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    """Tell the user something went wrong, with an optional folded-away detail."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text, detail)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    ask(box)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something with one 确定 button."""
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    ask(box)


def show_internal_error(parent: QWidget | None, detail: str) -> None:
    """Say that something went wrong inside the program, with the traceback folded away."""
    from app.gui.logs import log_file

    show_error(
        parent,
        "程序内部错误",
        "程序内部错误，操作未完成。\n"
        f"详细信息已记入日志文件：{log_file()}\n请将该文件发给维护人员。",
        detail,
    )


def _choose(box: QMessageBox, choices: tuple[str, str, str]) -> str:
    """Offer a first (default) choice, a second one, and a way out; return the text of the
    one taken, the way out when the box was closed."""
    first, second, way_out = choices
    default = add_button(box, first, QMessageBox.ButtonRole.AcceptRole)
    add_button(box, second, QMessageBox.ButtonRole.ActionRole)
    add_button(box, way_out, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(default)
    answer = ask(box)
    return answer if answer in (first, second) else way_out


def ask_retry(parent: QWidget | None, text: str) -> str:
    """Ask what to do about an output that cannot be written: RETRY, SAVE_AS or CANCEL."""
    hint = "\n\n处理好后点击“重试”，或点击“另存为…”换一个位置保存。"
    box = _box(parent, QMessageBox.Icon.Warning, "无法保存", text + hint)
    return _choose(box, (RETRY, SAVE_AS, CANCEL))


def ask_replace(parent: QWidget | None, target: Path, count: int = 1) -> bool:
    """Ask before generating over existing results (`count` of them, in `target`'s folder
    when several); return True to go on (the earlier files are kept as backups)."""
    what = f"“{target.name}”已存在" if count == 1 else f"文件夹中已有{count}个自评结果"
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "已有自评结果",
        f"{what}。\n\n重新生成时，您在原文件中填写的偏差原因分析等文字会带入新文件，"
        "原文件另存为备份（文件名后加“_备份”和时间），不会丢失。",
    )
    box.setInformativeText(str(target))
    default = add_button(box, REPLACE, QMessageBox.ButtonRole.AcceptRole)
    add_button(box, CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(default)
    return ask(box) == REPLACE


def show_done(parent: QWidget | None, path: Path, text: str) -> str:
    """Say the file is ready; return OPEN_FILE, OPEN_FOLDER or CLOSE."""
    box = _box(parent, QMessageBox.Icon.Information, "已生成", text)
    box.setInformativeText(str(path))
    return _choose(box, (OPEN_FILE, OPEN_FOLDER, CLOSE))


def show_folder_done(parent: QWidget | None, folder: Path, text: str, file: Path | None) -> str:
    """Say the files are ready in `folder`; return OPEN_FOLDER, OPEN_FILE (offered only with
    a `file`, which it opens) or CLOSE."""
    box = _box(parent, QMessageBox.Icon.Information, "已生成", text)
    box.setInformativeText(str(folder))
    default = add_button(box, OPEN_FOLDER, QMessageBox.ButtonRole.AcceptRole)
    if file is not None:
        add_button(box, OPEN_FILE, QMessageBox.ButtonRole.ActionRole)
    add_button(box, CLOSE, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(default)
    answer = ask(box)
    return answer if answer in (OPEN_FOLDER, OPEN_FILE) else CLOSE
