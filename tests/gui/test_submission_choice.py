"""The choice beside 一键生成 (issue 16): also write the submission copy (报送版), remembered."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.gui import dialogs
from app.gui.jobs import OK
from app.gui.window import MainWindow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shuangyang-2022.xlsx"


def generate_into(qtbot, window, monkeypatch, target: Path) -> str:
    """Open the example, answer the save dialog with `target`, 一键生成; return how it ended."""
    with qtbot.waitSignal(window.run_finished, timeout=15000):
        window.open_file(EXAMPLE)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *args, **kwargs: str(target))
    with qtbot.waitSignal(window.run_finished, timeout=30000) as blocker:
        window.generate_button.click()
    return blocker.args[0]


def test_the_choice_is_off_at_first_and_remembered(qtbot, window, settings) -> None:
    assert window.submission.text() == "同时生成报送版"
    assert not window.submission.isChecked() and not settings.submission()
    window.submission.setChecked(True)
    assert settings.submission()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.submission.isChecked()


def test_generate_writes_both_copies_and_says_so(
    qtbot, window, boxes, opened, monkeypatch, tmp_path
) -> None:
    window.submission.setChecked(True)
    target = tmp_path / "结果.xlsx"
    boxes.answers = [dialogs.CLOSE]
    stages: list[str] = []
    shown = window.job_progress.stage.setText
    monkeypatch.setattr(
        window.job_progress.stage, "setText", lambda text: stages.append(text) or shown(text)
    )
    assert generate_into(qtbot, window, monkeypatch, target) == OK
    plain = tmp_path / "shuangyang-2022_报送版.xlsx"
    assert target.is_file() and plain.is_file()
    sheets = openpyxl.load_workbook(plain).sheetnames
    assert (sheets[0], sheets[-1], len(sheets)) == ("部门整体", "汇总", 6)
    [done] = boxes.shown
    assert f"报送版：{plain}" in done.text
    assert "正在生成报送版" in stages
