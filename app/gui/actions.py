"""The window's smaller commands: 下载空白模板, where to save the 自评报告 and which template
it is written from, 评分规则, 关于. Each asks over `parent` and keeps what it learns in
`settings`; the window does the rest with what they return."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__
from app.errors import OutputError
from app.gui import dialogs, logs
from app.gui.rules_dialog import RulesDialog
from app.gui.settings import Settings
from app.rules import Rules

log = logging.getLogger("selfeval.gui")

TEMPLATE_NAME = "绩效自评数据模板.xlsx"
LICENCE = "MIT"


def save_template(parent: QWidget, settings: Settings) -> None:
    """Ask where to save the blank data template, write it, and offer to open it."""
    default = str(Path(settings.last_folder()) / TEMPLATE_NAME)
    path = dialogs.ask_save_path(parent, "保存空白模板", default, dialogs.XLSX_FILTER)
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    while True:
        try:
            write_template_file(target)
            break
        except OutputError as exc:
            answer = dialogs.ask_retry(parent, exc.message)
            if answer == dialogs.RETRY:
                continue
            if answer == dialogs.SAVE_AS:
                save_template(parent, settings)
            return
        except Exception:  # noqa: BLE001 - shown as a dialog, never as a traceback
            log.exception("保存空白模板失败：%s", target)
            dialogs.show_internal_error(parent, traceback.format_exc())
            return
    settings.set_last_folder(target)
    answer = dialogs.show_done(parent, target, "空白模板已保存，填写后用“打开”读取。")
    if answer == dialogs.OPEN_FILE:
        dialogs.open_url(target)
    elif answer == dialogs.OPEN_FOLDER:
        dialogs.open_url(target.parent)


def write_template_file(target: Path) -> None:
    """Write the blank template to `target` through a temporary file; OutputError on failure."""
    from app.files.atomic import atomic_output
    from app.writers.template import write_template

    with atomic_output(target) as tmp:
        write_template(tmp)


def ask_output_path(
    parent: QWidget,
    settings: Settings,
    source: Path,
    default: Path,
    title: str,
    filters: str,
    suffix: str,
) -> Path | None:
    """Ask where to save what is made from `source`, offering `default` (in the last folder
    instead for the bundled example); return the path with `suffix`, None when cancelled."""
    from app.resources import example_path

    if source == example_path():
        # The bundled example may sit in a read-only folder.
        default = Path(settings.last_folder()) / default.name
    path = dialogs.ask_save_path(parent, title, str(default), filters)
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    settings.set_last_folder(target)
    return target


def ask_report_path(parent: QWidget, settings: Settings, source: Path) -> Path | None:
    """Ask where to save the 自评报告 of `source` (default `<name>_自评报告.docx` beside it);
    return the .docx path, None when cancelled."""
    from app.files import REPORT_TAIL, beside

    return ask_output_path(
        parent,
        settings,
        source,
        beside(source, REPORT_TAIL),
        "保存自评报告",
        dialogs.DOCX_FILTER,
        ".docx",
    )


CHOOSE_TEMPLATE, SAVE_DEFAULT, USE_DEFAULT = "选择自己的模板…", "另存默认模板…", "改用默认模板"


def choose_report_template(parent: QWidget, settings: Settings) -> str | None:
    """Show which template the 自评报告 is written from; offer to pick an office's own (checked
    at once: an unknown field is named now, not when the report is made), to save a copy of
    the default one to edit in Word, or to go back to the default. Return what to say in the
    status bar about a change of template, None when it did not change."""
    current = settings.report_template()
    box = QMessageBox(parent)
    box.setWindowTitle("自评报告模板")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"当前模板：{current if current else '默认模板'}")
    box.setInformativeText(
        "可以先“另存默认模板”，在 Word 中修改标题、措辞和字体后，再“选择自己的模板”。"
        "模板中可用的字段见 docs/report-template.md。"
    )
    for text in (CHOOSE_TEMPLATE, SAVE_DEFAULT, USE_DEFAULT):
        dialogs.add_button(box, text, QMessageBox.ButtonRole.ActionRole)
    box.addButton(dialogs.CANCEL, QMessageBox.ButtonRole.RejectRole)
    answer = dialogs.ask(box)
    if answer == CHOOSE_TEMPLATE:
        return _pick_template(parent, settings)
    if answer == SAVE_DEFAULT:
        _save_default_template(parent, settings)
    elif answer == USE_DEFAULT:
        settings.set_report_template(None)
        return "自评报告改用默认模板"
    return None


def _pick_template(parent: QWidget, settings: Settings) -> str | None:
    from app.errors import InputError
    from app.wordreport.template import open_template

    path = dialogs.ask_open_path(
        parent, "选择自评报告模板", settings.last_folder(), dialogs.DOCX_FILTER
    )
    if not path:
        return None
    try:
        open_template(Path(path))
    except InputError as exc:
        dialogs.show_error(parent, "模板无法使用", exc.message)
        return None
    settings.set_report_template(path)
    return f"自评报告模板：{path}"


def _save_default_template(parent: QWidget, settings: Settings) -> None:
    from app.files.atomic import atomic_output
    from app.wordreport.default_template import write_default_template

    default = str(Path(settings.last_folder()) / "自评报告模板.docx")
    path = dialogs.ask_save_path(parent, "另存默认模板", default, dialogs.DOCX_FILTER)
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() != ".docx":
        target = target.with_name(target.name + ".docx")
    try:
        with atomic_output(target) as tmp:
            write_default_template(tmp)
    except OutputError as exc:
        dialogs.show_error(parent, "无法保存", exc.message)
        return
    settings.set_last_folder(target)
    if dialogs.show_done(parent, target, "默认模板已保存，可在 Word 中修改。") == dialogs.OPEN_FILE:
        dialogs.open_url(target)


def ask_rules(parent: QWidget, settings: Settings, rules: Rules) -> Rules | None:
    """Show the rules dialog over `rules`; keep changed rules in `settings` and return them
    (None when cancelled or nothing changed)."""
    dialog = RulesDialog(rules, settings.last_folder(), parent)
    try:
        if not dialogs.exec_dialog(dialog):
            return None
        chosen = dialog.rules()
    finally:
        dialog.deleteLater()
    if chosen == rules:
        return None
    settings.set_rules(chosen)
    return chosen


def show_about(parent: QWidget) -> None:
    """Show version, licence and the log folder, with a button that opens the folder."""
    folder = logs.log_file().parent
    box = QMessageBox(parent)
    box.setWindowTitle("关于")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"<b>selfeval 绩效自评</b>　版本 {__version__}")
    box.setInformativeText(
        "读取项目支出和部门整体支出绩效自评数据，自动评分，生成可打印的正式自评表。\n\n"
        f"许可证：{LICENCE}\n日志文件夹：{folder}"
    )
    open_logs = "打开日志文件夹"
    dialogs.add_button(box, open_logs, QMessageBox.ButtonRole.ActionRole)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    if dialogs.ask(box) == open_logs:
        dialogs.open_url(folder)
