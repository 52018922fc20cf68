"""The choice beside 一键生成: also write the submission copy (报送版), remembered between runs.

The submission copy holds the official forms only, plain for a black-and-white printer, signed
(`app.writers.workbook`); it is written beside the review copy as `<input>_报送版.xlsx`, and in
a batch beside each department's workbook.
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QCheckBox

from app.gui.settings import Settings

TEXT = "同时生成报送版"
TIP = (
    "另存一份报送版（输入文件名_报送版.xlsx，与自评表放在一起）：只含部门整体和各项目的正式表格，"
    "无颜色、标记、批注和说明，带签章栏，可直接打印报送"
)


class SubmissionChoice(QCheckBox):
    """A check box whose state is kept in the settings as soon as it changes."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(TEXT)
        self.setToolTip(TIP)
        self.setChecked(settings.submission())
        self.toggled.connect(settings.set_submission)


def install(bar: QBoxLayout, settings: Settings) -> SubmissionChoice:
    """Add the choice to the tool bar (beside 一键生成) and return it."""
    choice = SubmissionChoice(settings)
    bar.addWidget(choice)
    return choice
