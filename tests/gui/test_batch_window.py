"""Several workbooks at once in the real window: the 部门汇总 page, 生成全部, 取消, and the
ways in (open dialog, drop, folder, command line)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app import pipeline
from app.gui import dialogs
from app.gui.batch import SUMMARY_NAME
from app.gui.jobs import CANCELLED, INPUT, OK

from .test_window import finish, table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEMPLATE = EXAMPLES / "shuangyang-2022.xlsx"
FORMS = EXAMPLES / "shuangyang-2022-forms.xlsx"
DEPARTMENT = "长春市双阳区教育局（汇总）"
OTHER = "长春市双阳区教育局（复核）"
"""The template's copy is renamed to this: the same department twice would be counted once."""
HEADS = [
    "部门",
    "年度",
    "项目数",
    "预算合计",
    "执行合计",
    "执行率",
    "平均得分",
    "优",
    "良",
    "中",
    "差",
    "错误",
    "警告",
    "排名",
    "文件",
]


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """The template, the official forms, and a text file named .xlsx, copied so that their
    path order (which the batch follows) is the same wherever the checkout lies: the broken
    file first, then the forms, then the template."""
    first, second = tmp_path / "in" / "1", tmp_path / "in" / "2"
    first.mkdir(parents=True)
    second.mkdir()
    broken = first / "坏文件.xlsx"
    broken.write_text("这不是工作簿", encoding="utf-8")
    return [renamed(TEMPLATE, second / TEMPLATE.name), Path(shutil.copy(FORMS, second)), broken]


def renamed(template: Path, target: Path, name: str = OTHER) -> Path:
    """A copy of a data template whose department is called `name`."""
    book = openpyxl.load_workbook(template)
    sheet = book["部门信息"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "部门名称")
    sheet.cell(row, 2).value = name
    book.save(target)
    return target


def heads(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def folder_answer(monkeypatch, folder: Path) -> list[str]:
    """Answer the folder dialog with `folder`; return the titles it was asked with."""
    asked: list[str] = []

    def ask(parent, title, start):
        asked.append(title)
        return str(folder)

    monkeypatch.setattr(dialogs, "ask_folder", ask)
    return asked


def test_several_files_show_one_row_per_department_and_the_failed_file(
    qtbot, window, boxes, inputs, monkeypatch
):
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *a: [str(p) for p in inputs])
    assert finish(qtbot, window, window.open_action.trigger) == OK
    panel = window.batch.panel
    assert window.stack.currentWidget() is panel
    assert heads(panel.department_proxy) == HEADS
    rows = table(panel.department_proxy)
    # Two departments with the seed's figures, ranked together.
    files = [("shuangyang-2022-forms.xlsx", DEPARTMENT), ("shuangyang-2022.xlsx", OTHER)]
    for row, (name, department) in zip(rows, files, strict=True):
        assert row == (
            department,
            "2022",
            "4",
            "15,037.04",
            "15,037.04",
            "100.00%",
            "97.50",
            "4",
            "0",
            "0",
            "0",
            "0",
            "10",
            "1",
            name,
        )
    [(name, message)] = table(panel.failed)
    assert name == "坏文件.xlsx" and "坏文件.xlsx" in message
    assert panel.failed_box.isVisibleTo(window)
    assert panel.failed.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c00000"
    summary = panel.summary.text()
    for part in ("文件：3", "失败：1", "项目数：8", "30,074.08 万元", "平均得分：97.50"):
        assert part in summary
    assert window.generate_button.text() == "生成全部" and window.generate_button.isEnabled()
    assert "3 个文件" in window.windowTitle()
    assert boxes.shown == []


def test_sorting_and_double_click_open_the_department_alone(qtbot, window, inputs):
    assert finish(qtbot, window, lambda: window.batch.open(inputs[:2])) == OK
    panel = window.batch.panel
    panel.department_view.sortByColumn(len(HEADS) - 1, Qt.SortOrder.DescendingOrder)
    assert [r[-1] for r in table(panel.department_proxy)] == [
        "shuangyang-2022.xlsx",
        "shuangyang-2022-forms.xlsx",
    ]
    index = panel.department_proxy.index(1, 0)
    assert finish(qtbot, window, lambda: panel.department_view.doubleClicked.emit(index)) == OK
    assert window.stack.currentWidget() is window.results
    assert window.input == inputs[1]
    assert window.results.projects.rowCount() == 4
    assert window.generate_button.text() == "一键生成"
    # The way back to the departments, without reading them again.
    assert window.batch.back_button.isVisibleTo(window)
    window.batch.back_action.trigger()
    assert window.stack.currentWidget() is panel and window.input is None
    assert window.generate_button.text() == "生成全部"
    assert not window.batch.back_button.isVisibleTo(window)


def test_generate_all_writes_every_workbook_and_the_summary(
    qtbot, window, boxes, opened, inputs, monkeypatch, tmp_path
):
    finish(qtbot, window, lambda: window.batch.open(inputs))
    out = tmp_path / "结果"
    asked = folder_answer(monkeypatch, out)
    boxes.answers = [dialogs.OPEN_FOLDER]
    assert finish(qtbot, window, window.generate_button.click) == OK
    assert asked == ["选择保存自评表的文件夹"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            "shuangyang-2022_自评结果.xlsx",
            "shuangyang-2022-forms_自评结果.xlsx",
            SUMMARY_NAME,
        ]
    )
    book = openpyxl.load_workbook(out / SUMMARY_NAME)
    sheet = book["部门汇总"]
    assert [sheet.cell(4 + r, 1).value for r in range(2)] == [DEPARTMENT, OTHER]
    assert [sheet.cell(4 + r, 3).value for r in range(2)] == [4, 4]
    assert [round(sheet.cell(4 + r, 7).value, 2) for r in range(2)] == [97.5, 97.5]
    [done] = boxes.shown
    assert done.title == "已生成" and done.informative == str(out)
    assert "已生成 2 个自评表（2 个部门）" in done.text and "1 个文件未能读取" in done.text
    assert SUMMARY_NAME in done.text
    assert set(done.buttons) == {dialogs.OPEN_FOLDER, dialogs.OPEN_FILE, dialogs.CLOSE}
    assert opened == [str(out)]
    # The page now names the workbooks made.
    line = window.batch.panel.line_at(0)
    assert line.figures.item.output is not None and line.figures.item.output.parent == out
    assert table(window.batch.panel.failed)[0][0] == "坏文件.xlsx"


def test_generate_all_without_the_summary(qtbot, window, boxes, inputs, monkeypatch, tmp_path):
    window.batch.workers = 1
    finish(qtbot, window, lambda: window.batch.open(inputs[:1]))
    window.batch.panel.with_summary.setChecked(False)
    folder_answer(monkeypatch, tmp_path / "out")
    boxes.answers = [dialogs.CLOSE]
    assert finish(qtbot, window, window.generate) == OK
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["shuangyang-2022_自评结果.xlsx"]
    assert set(boxes.shown[0].buttons) == {dialogs.OPEN_FOLDER, dialogs.CLOSE}


def slow_run(input_path, output_path=None, rules=None, *, write=True, progress=None, cancel=None):
    """A stand-in for pipeline.run that takes 4 s and honours cancel."""
    from app.errors import Cancelled

    for _ in range(200):
        if cancel is not None and cancel():
            raise Cancelled()
        time.sleep(0.02)
    raise AssertionError("not cancelled")


def slow_for(name: str):
    """pipeline.run, slowed down to `slow_run` for the file called `name`."""
    real = pipeline.run

    def run(input_path, *args, **kwargs):
        return (slow_run if Path(input_path).name == name else real)(input_path, *args, **kwargs)

    return run


@pytest.mark.parametrize("write", [False, True])
def test_cancel_stops_the_batch(qtbot, window, boxes, inputs, monkeypatch, tmp_path, write):
    window.batch.workers = 1  # in this process, so that the stand-in is what runs
    out = tmp_path / "out"
    if write:
        finish(qtbot, window, lambda: window.batch.open(inputs))
        folder_answer(monkeypatch, out)
        # The broken file and the forms finish; the template is being written when 取消 comes.
        monkeypatch.setattr(pipeline, "run", slow_for(TEMPLATE.name))
        window.generate()
        qtbot.waitUntil(
            lambda: window.job_progress.stage.text().startswith("正在生成 2/3"), timeout=5000
        )
    else:
        monkeypatch.setattr(pipeline, "run", slow_run)
        window.batch.open(inputs)
    assert window.busy and window.job_progress.cancel_button.isVisible()
    started = time.monotonic()
    assert finish(qtbot, window, window.job_progress.cancel_button.click, timeout=2000) == CANCELLED
    assert time.monotonic() - started < 1.0
    [note] = boxes.shown
    assert note.title == "已取消"
    assert (str(out) in note.text) == write
    assert not window.busy and not window.job_progress.cancel_button.isVisible()
    if write:
        assert [p.name for p in out.iterdir()] == ["shuangyang-2022-forms_自评结果.xlsx"]
        # The departments checked before stay on the page.
        assert window.batch.panel.departments.rowCount() == 2


def test_progress_names_the_file_and_counts(qtbot, window, inputs):
    window.batch.workers = 1
    texts: list[str] = []
    window.job_progress.stage.setText = lambda text, real=window.job_progress.stage.setText: (
        texts.append(text) or real(text)
    )
    finish(qtbot, window, lambda: window.batch.open(inputs))
    assert texts[:2] == ["正在查找工作簿…", "正在检查 0/3…"]
    # In path order (see the fixture).
    assert texts[2:] == [
        "正在检查 1/3：坏文件.xlsx",
        "正在检查 2/3：shuangyang-2022-forms.xlsx",
        "正在检查 3/3：shuangyang-2022.xlsx",
    ]


def drop(paths: list[Path]) -> tuple[QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return event, mime


def test_dropping_several_files_or_a_folder_checks_them_all(qtbot, window, inputs, tmp_path):
    window.batch.workers = 1
    event, _mime = drop([inputs[0], FORMS, tmp_path / "说明.txt"])
    assert finish(qtbot, window, lambda: window.dropEvent(event)) == OK
    assert window.batch.panel.departments.rowCount() == 2
    assert window.batch.panel.failed.rowCount() == 0
    assert not window.batch.panel.failed_box.isVisibleTo(window)

    # A folder: a department, and what selfeval made from it before (a result renamed, the
    # summary 生成全部 left): told by their content, not counted, and said.
    from app.rollup import BatchItem
    from app.writers.bureau import write_bureau

    folder = tmp_path / "各部门"
    (folder / "子目录").mkdir(parents=True)
    (folder / "子目录" / "a.xlsx").write_bytes(TEMPLATE.read_bytes())
    made = pipeline.run(TEMPLATE, folder / "上次的结果.xlsx")
    write_bureau([BatchItem(TEMPLATE, made.output, made.report, None, 0.1)], folder / SUMMARY_NAME)
    event, _mime = drop([folder])
    assert finish(qtbot, window, lambda: window.dropEvent(event)) == OK
    panel = window.batch.panel
    assert [r[-1] for r in table(panel.department_proxy)] == ["a.xlsx"]
    assert sorted(table(panel.failed)) == [
        ("上次的结果.xlsx", "这是 selfeval 生成的自评结果，不是部门的原始数据，未计入"),
        (SUMMARY_NAME, "这是 selfeval 生成的部门汇总表，不是部门的原始数据，未计入"),
    ]
    assert panel.failed.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None  # not red
    assert panel.failed_box.title() == "未计入的文件（2 个）"


def test_the_same_department_twice_is_one_row(qtbot, window, boxes):
    """The seed as template and as official forms: one department (same name and year),
    counted once, and the other file said, naming both."""
    window.batch.workers = 1
    assert finish(qtbot, window, lambda: window.batch.open([TEMPLATE, FORMS])) == OK
    panel = window.batch.panel
    rows = table(panel.department_proxy)
    assert [(r[0], r[2], r[-1]) for r in rows] == [(DEPARTMENT, "4", "shuangyang-2022-forms.xlsx")]
    [(name, why)] = table(panel.failed)
    assert name == "shuangyang-2022.xlsx"
    assert why == (
        "与“shuangyang-2022-forms.xlsx”是同一部门（长春市双阳区教育局（汇总），2022年度），"
        "只计入一次（按“shuangyang-2022-forms.xlsx”）"
    )
    summary = panel.summary.text()
    for part in ("文件：2", "失败：0", "未计入：1", "项目数：4", "15,037.04 万元"):
        assert part in summary


def test_open_folder_and_an_empty_folder(qtbot, window, boxes, monkeypatch, tmp_path):
    folder_answer(monkeypatch, tmp_path)
    assert finish(qtbot, window, window.open_folder_action.trigger) == INPUT
    [error] = boxes.shown
    assert error.title == "没有找到工作簿" and ".xlsx" in error.text
    assert window.stack.currentWidget() is window.welcome
    assert window.settings.last_folder() == str(tmp_path)


def test_command_line_opens_several_files_for_a_screenshot(tmp_path, inputs):
    from PySide6.QtGui import QImage

    from .test_main import run_app

    shot = tmp_path / "batch.png"
    done = run_app(tmp_path, "gui", *map(str, inputs), "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert image.width() >= 700 and image.height() >= 500


def test_new_rules_check_the_departments_again(qtbot, window, inputs, monkeypatch):
    from dataclasses import replace

    from app.gui import actions

    window.batch.workers = 1
    finish(qtbot, window, lambda: window.batch.open(inputs[:2]))
    strict = replace(window.rules, grades=((95.0, "甲"), (0.0, "乙")))

    class Accepting:
        def __init__(self, *args) -> None:
            pass

        def rules(self):
            return strict

        def deleteLater(self) -> None:  # noqa: N802
            pass

    monkeypatch.setattr(actions, "RulesDialog", Accepting)
    monkeypatch.setattr(dialogs, "exec_dialog", lambda dialog: True)
    assert finish(qtbot, window, window.rules_action.trigger) == OK
    model = window.batch.panel.department_proxy
    assert heads(model)[7:9] == ["甲", "乙"]
    # Three projects score 100, one 90.
    assert [r[7:9] for r in table(model)] == [("3", "1"), ("3", "1")]


def test_generate_all_again_asks_and_keeps_the_earlier_results(
    qtbot, window, boxes, inputs, monkeypatch, tmp_path
):
    window.batch.workers = 1
    finish(qtbot, window, lambda: window.batch.open(inputs[:2]))
    window.batch.panel.with_summary.setChecked(False)
    out = tmp_path / "结果"
    folder_answer(monkeypatch, out)
    boxes.answers = [dialogs.CLOSE]
    assert finish(qtbot, window, window.generate) == OK
    boxes.shown.clear()
    boxes.answers = [dialogs.CANCEL]
    window.generate()  # asked, and answered 取消: nothing runs
    assert [b.title for b in boxes.shown] == ["已有自评结果"]
    assert "文件夹中已有2个自评结果" in boxes.shown[0].text
    assert not window.busy
    boxes.shown.clear()
    boxes.answers = [dialogs.REPLACE, dialogs.CLOSE]
    assert finish(qtbot, window, window.generate) == OK
    assert len(list(out.glob("*_备份*.xlsx"))) == 2
    assert "2 个原有的自评结果已另存为备份" in boxes.shown[1].text
