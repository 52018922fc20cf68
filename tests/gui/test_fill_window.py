"""填回原表 in the real window: the choice beside 一键生成 (remembered), the filled copy, the
question when the copy would lose something, and the way to the national layout when the
workbook cannot be filled."""

from __future__ import annotations

import shutil
from pathlib import Path

import build_form_files as files
import openpyxl
import pytest
from test_fill_losses import form, png

from app.gui import dialogs, fill
from app.gui.jobs import OK
from app.gui.window import MainWindow

from .test_window import finish, save_to

SEED_FORMS = Path(__file__).resolve().parents[2] / "examples" / "shuangyang-2022-forms.xlsx"


@pytest.fixture
def national(tmp_path: Path) -> Path:
    path = tmp_path / "自评表.xlsx"
    files.national(path)
    return path


def choose(window: MainWindow, key: str) -> None:
    """Pick a layout as the user does (the choice is remembered on picking)."""
    choice = window.filling.choice
    index = choice.findData(key)
    choice.setCurrentIndex(index)
    choice.activated.emit(index)


def test_the_choice_stands_beside_the_button_and_is_remembered(qtbot, window, settings) -> None:
    choice = window.filling.choice
    assert [choice.itemText(i) for i in range(choice.count())] == [
        "国家通用格式",
        "填回原表（带标注）",
        "填回原表（上交用）",
    ]
    assert choice.layout_key() == fill.NATIONAL and choice.isVisible()
    choose(window, fill.FILL_CLEAN)
    assert settings.layout() == fill.FILL_CLEAN
    again = MainWindow(settings, remember_geometry=False)
    qtbot.addWidget(again)
    assert again.filling.choice.layout_key() == fill.FILL_CLEAN


def test_fill_writes_the_copy_and_says_what_it_did(
    qtbot, window, boxes, monkeypatch, national: Path, tmp_path: Path
) -> None:
    assert finish(qtbot, window, lambda: window.open_file(national)) == OK
    choose(window, fill.FILL)
    target = tmp_path / "填好.xlsx"
    offered = save_to(monkeypatch, target)
    assert finish(qtbot, window, window.generate_button.click) == OK
    assert offered == [str(national.with_name("自评表_已评分.xlsx"))]
    [done] = boxes.shown
    assert done.title == "已生成" and done.text.startswith("已填回原表。\n已在原表中填写5个数字")
    ws = openpyxl.load_workbook(target)["基础教育"]
    assert ws["H15"].value == 14.21 and ws["H15"].comment is not None


def test_a_clean_copy_from_the_window(qtbot, window, boxes, monkeypatch, national, tmp_path):
    finish(qtbot, window, lambda: window.open_file(national))
    choose(window, fill.FILL_CLEAN)
    target = tmp_path / "上交.xlsx"
    save_to(monkeypatch, target)
    assert finish(qtbot, window, window.generate_button.click) == OK
    ws = openpyxl.load_workbook(target)["基础教育"]
    assert ws["H15"].value == 14.21 and ws["H15"].comment is None


def test_a_copy_that_would_lose_a_picture_asks_first(
    qtbot, window, boxes, monkeypatch, tmp_path: Path
) -> None:
    image = png(tmp_path / "章.png")
    src = form(tmp_path / "盖章.xlsx", lambda wb, ws: ws.insert_image("J2", str(image)))
    finish(qtbot, window, lambda: window.open_file(src))
    choose(window, fill.FILL)
    target = tmp_path / "填好.xlsx"
    save_to(monkeypatch, target)
    boxes.answers = [fill.GO_ON]
    assert finish(qtbot, window, window.generate_button.click) == OK
    question, done = boxes.shown
    assert question.title == "填回原表" and "图片" in question.text
    assert sorted(question.buttons) == sorted([fill.GO_ON, fill.USE_NATIONAL, dialogs.CANCEL])
    assert "新文件中没有保留：图片" in done.text and target.is_file()


def test_a_workbook_without_score_cells_leads_to_the_national_layout(
    qtbot, window, boxes, monkeypatch, tmp_path: Path
) -> None:
    src = tmp_path / SEED_FORMS.name
    shutil.copy(SEED_FORMS, src)
    finish(qtbot, window, lambda: window.open_file(src))
    choose(window, fill.FILL)
    target = tmp_path / "国家格式.xlsx"
    offered = save_to(monkeypatch, target)
    boxes.answers = [fill.USE_NATIONAL]
    assert finish(qtbot, window, window.generate_button.click) == OK
    refused, done = boxes.shown
    assert refused.title == "无法填回原表" and "没有“得分”栏" in refused.text
    assert offered[-1].endswith("_自评结果.xlsx") and done.text == "自评表已生成。"
    assert "汇总" in openpyxl.load_workbook(target).sheetnames
    assert window.filling.choice.layout_key() == fill.FILL  # the choice stays as it was


def test_the_choice_is_hidden_on_the_departments_page(qtbot, window, national: Path) -> None:
    finish(qtbot, window, lambda: window.batch.open([national, national.parent]))
    assert window.batch.showing and not window.filling.choice.isVisible()
    finish(qtbot, window, lambda: window.open_file(national))
    assert window.filling.choice.isVisible()
