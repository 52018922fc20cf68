"""The window's choice of what 一键生成 makes (国家通用格式, or the office's own form filled in),
remembered, and the filling it leads to: the job to run (where to save), the questions a
refused fill asks, what the done dialog says. The window runs the job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QWidget

from app.gui import dialogs
from app.gui.actions import ask_output_path
from app.gui.settings import Settings
from app.gui.worker import LOSS, JobSpec
from app.rules import Rules

NATIONAL, FILL, FILL_CLEAN = "national", "fill", "fill_clean"
LAYOUTS: tuple[tuple[str, str, str], ...] = (
    (
        NATIONAL,
        "国家通用格式",
        "生成全国通用格式的自评表工作簿，每个项目一张表，另有汇总和问题清单",
    ),
    (
        FILL,
        "填回原表（带标注）",
        "在原工作簿的副本中填写执行率、得分、总分和等级，保留本地表格的格式；"
        "需要注意的地方用颜色和批注标出",
    ),
    (
        FILL_CLEAN,
        "填回原表（上交用）",
        "在原工作簿的副本中只填写执行率、得分、总分和等级，不加颜色和批注，可直接上交",
    ),
)

GO_ON, USE_NATIONAL = "继续填写", "改用国家通用格式"


class LayoutChoice(QComboBox):
    """Which layout 一键生成 makes; `chosen(key)` is emitted when the user picks one."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key, text, tip in LAYOUTS:
            self.addItem(text, key)
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.setToolTip("选择“一键生成”的结果：国家通用格式，或填回您原来的表格")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(lambda index: self.chosen.emit(self.itemData(index)))

    def layout_key(self) -> str:
        """Return the chosen layout: NATIONAL, FILL or FILL_CLEAN."""
        return str(self.currentData())

    def set_layout_key(self, key: str) -> None:
        """Choose `key` (an unknown key chooses the national layout)."""
        index = self.findData(key)
        self.setCurrentIndex(max(index, 0))


def ask_loss(parent: QWidget | None, message: str) -> str:
    """Say what the filled copy would lose; return GO_ON, USE_NATIONAL or dialogs.CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("填回原表")
    box.setText(message + "。")
    box.setInformativeText(
        "继续填写时，新文件中将没有这些内容（原文件不会改动）。也可以改用国家通用格式生成自评表。"
    )
    go_on = dialogs.add_button(box, GO_ON, QMessageBox.ButtonRole.AcceptRole)
    dialogs.add_button(box, USE_NATIONAL, QMessageBox.ButtonRole.ActionRole)
    dialogs.add_button(box, dialogs.CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go_on)
    answer = dialogs.ask(box)
    return answer if answer in (GO_ON, USE_NATIONAL) else dialogs.CANCEL


def ask_national(parent: QWidget | None, message: str) -> str:
    """Say why the workbook cannot be filled in place; return USE_NATIONAL or dialogs.CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("无法填回原表")
    box.setText(message)
    national = dialogs.add_button(box, USE_NATIONAL, QMessageBox.ButtonRole.AcceptRole)
    dialogs.add_button(box, dialogs.CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(national)
    answer = dialogs.ask(box)
    return answer if answer == USE_NATIONAL else dialogs.CANCEL


def ask_refused(parent: QWidget | None, kind: str, message: str) -> str:
    """Ask what to do about a workbook that cannot be filled as it is (LOSS: go on without
    what would be lost; else only the national layout can be made); return GO_ON,
    USE_NATIONAL or dialogs.CANCEL."""
    return ask_loss(parent, message) if kind == LOSS else ask_national(parent, message)


class FillController(QObject):
    """The layout choice beside 一键生成 (`choice`, remembered in `settings`) and the
    filling of the open workbook it leads to (dialogs over `parent`)."""

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self.parent_widget = parent
        self.choice = LayoutChoice()
        self.choice.set_layout_key(settings.layout())
        self.choice.chosen.connect(settings.set_layout)
        self.label = QLabel("生成格式：")
        self.label.setBuddy(self.choice)

    def install(self, bar: QHBoxLayout) -> None:
        """Put the choice in the tool bar (just before 一键生成)."""
        bar.addWidget(self.label)
        bar.addWidget(self.choice)

    def page_changed(self, batch: bool) -> None:
        """Show the choice for one workbook; hide it on the 部门汇总 page, whose 生成全部
        writes every department's workbook in the national layout."""
        self.label.setVisible(not batch)
        self.choice.setVisible(not batch)

    @property
    def chosen(self) -> bool:
        """True when 一键生成 fills the office's own form."""
        return self.choice.layout_key() != NATIONAL

    def prepare(self, source: Path, rules: Rules) -> JobSpec | None:
        """Ask where to save the filled copy of `source`; return the job that fills it (with
        flags and notes, or clean for handing in, as chosen), None when cancelled."""
        from app.fill.run import default_fill_output

        target = ask_output_path(
            self.parent_widget,
            self.settings,
            source,
            default_fill_output(source),
            "保存填好的原表",
            dialogs.XLSX_FILTER,
            ".xlsx",
        )
        if target is None:
            return None
        clean = self.choice.layout_key() == FILL_CLEAN
        return JobSpec(source, target, rules, fill=True, clean=clean)

    @staticmethod
    def done_text(result: Any) -> str:
        """What the done dialog says after filling: what was written, what was left."""
        from app.cli.fill import fill_lines

        lines = fill_lines(result.report["fill"], "选“国家通用格式”后一键生成")
        return "已填回原表。\n" + "\n".join(lines)
