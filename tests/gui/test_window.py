"""The real main window driven offscreen: open, read the table, generate, and every error
path ending in a dialog."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app import pipeline
from app.errors import OutputError
from app.gui import dialogs, logs
from app.gui.jobs import CANCELLED, INPUT, INTERNAL, OK, OUTPUT
from app.gui.tables import ROW_ROLE

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shuangyang-2022.xlsx"

PROJECTS = [
    "2022年综合管理及条件改善",
    "2022年学生资助",
    "2022年基础教育教学管理及条件改善",
    "2022年职业教育教学管理及条件改善",
]


def finish(qtbot, window, action, timeout: int = 15000) -> str:
    """Run `action`, wait for the window's run to end, and return how it ended."""
    with qtbot.waitSignal(window.run_finished, timeout=timeout) as blocker:
        action()
    return blocker.args[0]


def table(model) -> list[tuple[str, ...]]:
    """Return every row of a (proxy) model as the texts shown."""
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def save_to(monkeypatch, path: Path) -> list[str]:
    """Answer the save dialog with `path`; return the defaults it was offered."""
    offered: list[str] = []

    def ask(parent, title, default, filters, confirm=True):
        offered.append(default)
        return str(path)

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    return offered


def test_open_example_shows_projects_scores_and_summary(qtbot, window, boxes):
    assert finish(qtbot, window, lambda: window.open_file(EXAMPLE)) == OK
    assert window.stack.currentWidget() is window.results
    assert table(window.results.project_proxy) == [
        # Each budget adjusted, and no explanation of it.
        (PROJECTS[0], "100.00%", "100.00", "优", "2"),
        (PROJECTS[1], "100.00%", "100.00", "优", "2"),
        (PROJECTS[2], "100.00%", "100.00", "优", "3"),
        # 全年预算数 0: no 执行率, the score waits for a person.
        (PROJECTS[3], "—", "90.00", "优（待确认）", "3"),
    ]
    rows = [window.results.projects.row_at(r) for r in range(4)]
    assert [r.status for r in rows] == ["ok", "ok", "ok", "provisional"]
    summary = window.results.summary.text()
    for part in ("长春市双阳区教育局（汇总）", "2022", "15,037.04 万元", "100.00%", "97.50"):
        assert part in summary
    assert window.results.finding_proxy.rowCount() == 11
    assert window.generate_button.isEnabled()
    assert "shuangyang-2022.xlsx" in window.windowTitle()
    assert boxes.shown == []


def test_official_forms_open_like_the_template(qtbot, window):
    forms = EXAMPLE.with_name("shuangyang-2022-forms.xlsx")
    assert finish(qtbot, window, lambda: window.open_file(forms)) == OK
    assert [r[0] for r in table(window.results.project_proxy)] == PROJECTS
    assert [r[2] for r in table(window.results.project_proxy)][:3] == ["100.00"] * 3


def test_project_table_sorts_by_number_not_text(qtbot, window):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    view = window.results.project_view
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    scores = [r[2] for r in table(window.results.project_proxy)]
    assert scores == ["90.00", "100.00", "100.00", "100.00"]
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert table(window.results.project_proxy)[-1][1] == "—"


def test_selecting_a_project_filters_findings_and_double_click_shows_project(qtbot, window):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    results = window.results
    results.select_project(PROJECTS[2])
    shown = table(results.finding_proxy)
    assert {r[1] for r in shown} == {PROJECTS[2]}
    assert sorted(r[0] for r in shown) == ["提示", "警告", "警告", "警告"]

    results.severity.setCurrentIndex(results.severity.findData("info"))
    assert [r[2] for r in table(results.finding_proxy)] == ["项目指标!F15"]

    results.severity.setCurrentIndex(0)
    results.project_filter.setCurrentIndex(0)
    assert results.finding_proxy.rowCount() == 11
    last = results.finding_proxy.index(10, 3)
    assert last.data(ROW_ROLE).project == PROJECTS[3]
    results.finding_view.doubleClicked.emit(last)
    selected = results.project_view.selectionModel().selectedRows()
    assert [i.data() for i in selected] == [PROJECTS[3]]
    assert results.project_filter.currentData() == PROJECTS[3]


def test_generate_writes_the_workbook_and_offers_to_open_it(
    qtbot, window, boxes, opened, monkeypatch, tmp_path
):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    target = tmp_path / "结果.xlsx"
    offered = save_to(monkeypatch, target)
    boxes.answers = [dialogs.OPEN_FOLDER]
    assert finish(qtbot, window, window.generate_button.click) == OK
    assert offered and offered[0].endswith("shuangyang-2022_自评结果.xlsx")
    assert target.is_file()
    book = openpyxl.load_workbook(target)
    # One official form per project, beside the summary sheets.
    assert set(PROJECTS) <= set(book.sheetnames)
    [done] = boxes.shown
    assert done.title == "已生成" and done.informative == str(target)
    assert {dialogs.OPEN_FILE, dialogs.OPEN_FOLDER, dialogs.CLOSE} <= set(done.buttons)
    assert opened == [str(tmp_path)]
    assert window.settings.last_folder() == str(tmp_path)


def test_broken_file_ends_in_an_error_dialog(qtbot, window, boxes, tmp_path):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_text("这不是工作簿", encoding="utf-8")
    assert finish(qtbot, window, lambda: window.open_file(broken)) == INPUT
    [error] = boxes.shown
    assert error.title == "无法读取工作簿"
    assert "坏文件.xlsx" in error.text and "Traceback" not in error.text
    assert window.stack.currentWidget() is window.welcome
    assert not window.generate_button.isEnabled()
    assert not window.busy


def test_locked_output_asks_to_close_it_and_retries(qtbot, window, boxes, monkeypatch, tmp_path):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    target = tmp_path / "out.xlsx"
    save_to(monkeypatch, target)
    real, calls = pipeline.run, []

    def locked_once(*args, **kwargs):
        calls.append(kwargs["write"])
        if len(calls) == 1:
            raise OutputError("无法写入“out.xlsx”：文件可能正在Excel或WPS中打开，请关闭后重试")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run", locked_once)
    boxes.answers = [dialogs.RETRY, dialogs.CLOSE]
    assert finish(qtbot, window, window.generate) == OK
    assert calls == [True, True]
    locked, done = boxes.shown
    assert locked.title == "无法保存" and "请关闭后重试" in locked.text
    assert sorted(locked.buttons) == sorted([dialogs.RETRY, dialogs.SAVE_AS, dialogs.CANCEL])
    assert done.title == "已生成" and target.is_file()


def test_read_only_output_is_retried_once_the_user_fixed_it(
    qtbot, window, boxes, monkeypatch, tmp_path
):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    save_to(monkeypatch, target)

    def make_writable(shown) -> str:
        target.chmod(0o644)
        return dialogs.RETRY

    boxes.answers = [dialogs.REPLACE, make_writable, dialogs.CLOSE]
    assert finish(qtbot, window, window.generate) == OK
    assert boxes.shown[0].title == "已有自评结果"
    assert "没有写入权限" in boxes.shown[1].text
    assert PROJECTS[0] in openpyxl.load_workbook(target).sheetnames
    # The file that was there is kept, as it was.
    [backup] = tmp_path.glob("out_备份*.xlsx")
    assert backup.read_bytes() == b"old"
    assert f"原文件已备份为：{backup}" in boxes.shown[2].text


def test_generating_again_asks_and_keeps_what_a_person_typed(
    qtbot, window, boxes, monkeypatch, tmp_path
):
    """Issue 14, case 7: an explanation typed into the generated workbook survives generating
    again, after the window asked; the earlier file is kept beside it, and the message says
    where and how much was carried."""
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    target = tmp_path / "结果.xlsx"
    save_to(monkeypatch, target)
    boxes.answers = [dialogs.CLOSE]
    assert finish(qtbot, window, window.generate) == OK
    assert [b.title for b in boxes.shown] == ["已生成"]  # nothing to ask the first time
    book = openpyxl.load_workbook(target)
    basic = book[PROJECTS[2]]
    row = next(r for r in range(1, 40) if basic.cell(r, 4).value == "各类设施和平台可持续运行年限")
    basic.cell(row, 9).value = "设施维护及时，使用年限超出预期"
    book.save(target)

    # Asked, and answered 取消: nothing is written, nothing moves.
    boxes.shown.clear()
    boxes.answers = [dialogs.CANCEL]
    window.generate()
    assert [b.title for b in boxes.shown] == ["已有自评结果"]
    assert "“结果.xlsx”已存在" in boxes.shown[0].text and "备份" in boxes.shown[0].text
    assert not window.busy and list(tmp_path.glob("*备份*")) == []

    boxes.shown.clear()
    boxes.answers = [dialogs.REPLACE, dialogs.CLOSE]
    assert finish(qtbot, window, window.generate) == OK
    [backup] = tmp_path.glob("结果_备份*.xlsx")
    done = boxes.shown[1]
    assert f"原文件已备份为：{backup}" in done.text
    assert "已将原文件中填写的1处文字（偏差原因分析等）带入新文件" in done.text
    again = openpyxl.load_workbook(target)[PROJECTS[2]]
    assert again.cell(row, 9).value == "设施维护及时，使用年限超出预期"
    kept = openpyxl.load_workbook(backup)[PROJECTS[2]]
    assert kept.cell(row, 9).value == "设施维护及时，使用年限超出预期"
    # The explanation is there now: no more explanation_missing for it.
    asked = [
        f.message
        for f in window.result.evaluation.findings
        if f.code == "explanation_missing" and "各类设施和平台可持续运行年限" in f.message
    ]
    assert asked == []


def test_locked_output_cancelled_leaves_no_file(qtbot, window, boxes, monkeypatch, tmp_path):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    target = tmp_path / "out.xlsx"
    save_to(monkeypatch, target)

    def locked(*args, **kwargs):
        raise OutputError("“out.xlsx”正被其他程序使用，无法保存")

    monkeypatch.setattr(pipeline, "run", locked)
    boxes.answers = [dialogs.CANCEL]
    assert finish(qtbot, window, window.generate) == OUTPUT
    assert [b.title for b in boxes.shown] == ["无法保存"]
    assert not target.exists()
    assert window.generate_button.isEnabled()


def slow_run(steps: int = 200):
    """A stand-in for pipeline.run that takes steps × 20 ms and honours cancel."""
    from app.errors import Cancelled

    def run(input_path, output_path=None, rules=None, *, write=True, progress=None, cancel=None):
        for i in range(steps):
            if cancel is not None and cancel():
                raise Cancelled()
            if progress is not None:
                progress("评分", i, steps)
            time.sleep(0.02)
        raise AssertionError("not cancelled")

    return run


@pytest.mark.parametrize("write", [False, True])
def test_cancel_stops_within_a_second_and_says_so(
    qtbot, window, boxes, monkeypatch, tmp_path, write
):
    if write:
        finish(qtbot, window, lambda: window.open_file(EXAMPLE))
        save_to(monkeypatch, tmp_path / "out.xlsx")
    monkeypatch.setattr(pipeline, "run", slow_run())
    (window.generate if write else lambda: window.open_file(EXAMPLE))()
    qtbot.waitUntil(lambda: window.job_progress.progress.value() > 0, timeout=3000)
    assert window.job_progress.cancel_button.isVisible()
    started = time.monotonic()
    assert finish(qtbot, window, window.job_progress.cancel_button.click, timeout=1000) == CANCELLED
    assert time.monotonic() - started < 1.0
    [note] = boxes.shown
    assert note.title == "已取消"
    assert ("未保存任何文件" in note.text) == write
    assert not window.busy and not window.job_progress.cancel_button.isVisible()


def test_cancel_while_the_real_pipeline_writes_leaves_no_file(
    qtbot, window, boxes, monkeypatch, tmp_path
):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    target = tmp_path / "out.xlsx"
    save_to(monkeypatch, target)
    real = pipeline.run

    def slowed(*args, progress, **kwargs):
        def step(stage, done, total):
            progress(stage, done, total)
            if stage == "生成":
                time.sleep(0.1)  # give the test time to click 取消 mid-write

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(pipeline, "run", slowed)
    window.generate()
    qtbot.waitUntil(lambda: window.job_progress.stage.text().startswith("正在生成"), timeout=5000)
    started = time.monotonic()
    assert finish(qtbot, window, window.job_progress.cancel, timeout=1000) == CANCELLED
    assert time.monotonic() - started < 1.0
    assert not target.exists()
    assert list(tmp_path.glob("*.xlsx")) == []


@pytest.fixture
def log_file(monkeypatch):
    """The GUI's log file, set up as `main()` does, and taken down afterwards."""
    monkeypatch.setattr(logs, "_handler", None)
    path = logs.setup_logging()
    yield path
    logging.getLogger("selfeval").removeHandler(logs._handler)
    logs._handler.close()


def test_internal_error_folds_the_traceback_away_and_logs_it(
    qtbot, window, boxes, monkeypatch, log_file
):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(pipeline, "run", broken)
    assert finish(qtbot, window, lambda: window.open_file(EXAMPLE)) == INTERNAL
    [error] = boxes.shown
    assert error.title == "程序内部错误"
    assert error.text.startswith("程序内部错误") and str(log_file) in error.text
    assert "Traceback" not in error.text
    assert "ZeroDivisionError" in error.detail and "Traceback" in error.detail
    logged = log_file.read_text(encoding="utf-8")
    assert "内部错误" in logged and "ZeroDivisionError: division by zero" in logged


def test_missing_recent_file_is_forgotten(qtbot, window, boxes, tmp_path):
    gone = tmp_path / "gone.xlsx"
    window.settings.add_recent(gone)
    assert finish(qtbot, window, lambda: window.open_file(gone)) == INPUT
    assert boxes.shown[0].title == "找不到文件"
    assert str(gone) not in window.settings.recent()


def test_opening_remembers_recent_files_and_folder(qtbot, window, tmp_path):
    copy = tmp_path / "副本.xlsx"
    copy.write_bytes(EXAMPLE.read_bytes())
    assert finish(qtbot, window, lambda: window.open_file(copy)) == OK
    assert window.settings.recent()[0] == str(copy)
    assert window.settings.last_folder() == str(tmp_path)
    window._fill_recent()
    actions = window.recent_menu.actions()
    assert actions[0].text() == str(copy)
    assert finish(qtbot, window, actions[0].trigger) == OK


def drop(path: str | Path) -> tuple[QDropEvent, QMimeData]:
    """Return the event of a file dropped onto the window, and its data (which the event
    only points to, so the caller keeps it alive)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    ), mime


def test_dropping_a_workbook_opens_it(qtbot, window):
    event, _mime = drop(EXAMPLE)
    assert finish(qtbot, window, lambda: window.dropEvent(event)) == OK
    assert window.results.projects.rowCount() == 4


def test_dropping_something_else_is_refused(window):
    event, _mime = drop("/tmp/notes.txt")
    window.dropEvent(event)
    assert not event.isAccepted() and not window.busy


def test_blank_template_is_saved(window, boxes, opened, monkeypatch, tmp_path):
    target = tmp_path / "模板"
    save_to(monkeypatch, target)
    boxes.answers = [dialogs.OPEN_FILE]
    window.template_action.trigger()
    saved = tmp_path / "模板.xlsx"
    book = openpyxl.load_workbook(saved)
    assert {"项目资金", "项目指标", "部门信息"} <= set(book.sheetnames)
    assert boxes.shown[0].title == "已生成"
    assert opened == [str(saved)]


def test_about_names_version_licence_and_log_folder(window, boxes, opened):
    from app import __version__

    boxes.answers = ["打开日志文件夹"]
    window.about_action.trigger()
    [about] = boxes.shown
    assert __version__ in about.text
    assert "MIT" in about.informative
    assert opened and opened[0] in about.informative
    assert Path(opened[0]).is_dir()


def test_window_size_is_remembered(qtbot, settings):
    from app.gui.window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    room = first.screen().availableGeometry()
    # 1100 × 720, unless the screen is smaller (the offscreen one is 800 × 800).
    expected = (min(1100, room.width() * 9 // 10), min(720, room.height() * 9 // 10))
    assert (first.width(), first.height()) == expected
    first.resize(640, 500)
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 500)
