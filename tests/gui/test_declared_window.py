"""从申报表开始 and 对照申报表 in the real window, offscreen: a template pre-filled in a job,
the open self-evaluation compared with its 申报表s in the findings panel, and the ways they
end in a dialog."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from declared_forms import REPAIR, build_all, typed_copy

from app.gui import dialogs
from app.gui.jobs import INPUT, OK, OUTPUT
from app.prefill import prefill

from .test_window import finish, save_to, table


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_all(tmp_path_factory.mktemp("sources"))


@pytest.fixture(scope="module")
def changed(sources: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pre-filled template with its actuals typed and 验收合格率's target lowered."""
    folder = tmp_path_factory.mktemp("changed")
    path = typed_copy(prefill(sources, folder / "t.xlsx").output, folder / "自评.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["项目指标"]["E3"] = "≥97%"
    wb.save(path)
    return path


def choose(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *a: [str(p) for p in paths])


def test_start_from_declarations(qtbot, window, boxes, monkeypatch, sources, tmp_path, opened):
    choose(monkeypatch, [sources[0], sources[1], sources[4]])
    target = tmp_path / "预填.xlsx"
    offered = save_to(monkeypatch, target)
    boxes.answers = [dialogs.OPEN_FILE]
    assert finish(qtbot, window, window.prefill_action.trigger) == OK
    assert offered == [str(sources[0].with_name("预填数据模板.xlsx"))]
    assert target.exists() and opened == [str(target)]
    (done,) = boxes.shown
    assert done.title == "已生成"
    assert done.text.startswith("预填模板已保存：2 个项目、11 个指标。")
    assert not window.busy and window.prefill_action.isEnabled()
    names = [r[0].value for r in openpyxl.load_workbook(target)["项目资金"].iter_rows(min_row=2)]
    assert names == [REPAIR, REPAIR, "2024年学生资助"]


def test_start_from_nothing_readable(qtbot, window, boxes, monkeypatch, tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_text("x", encoding="utf-8")
    choose(monkeypatch, [bad])
    save_to(monkeypatch, tmp_path / "out.xlsx")
    assert finish(qtbot, window, window.prefill_action.trigger) == INPUT
    (error,) = boxes.shown
    assert error.title == "无法预填模板" and "坏.xlsx" in error.text
    assert not (tmp_path / "out.xlsx").exists()


def test_start_over_an_input_asks_again(qtbot, window, boxes, monkeypatch, sources):
    choose(monkeypatch, [sources[1]])
    save_to(monkeypatch, sources[1])
    boxes.answers = [dialogs.CANCEL]
    assert finish(qtbot, window, window.prefill_action.trigger) == OUTPUT
    assert "输出文件不能与输入文件相同" in boxes.shown[0].text


def test_compare_with_declarations(qtbot, window, boxes, monkeypatch, sources, changed):
    assert not window.declared_action.isEnabled()
    assert finish(qtbot, window, lambda: window.open_file(changed)) == OK
    before = window.results.finding_proxy.rowCount()
    assert window.declared_action.isEnabled() and not window.undeclared_action.isEnabled()
    choose(monkeypatch, sources[:5])
    assert finish(qtbot, window, window.declared_action.trigger) == OK
    rows = table(window.results.finding_proxy)
    assert window.results.finding_proxy.rowCount() == before + 2  # the change, the unmatched
    (row,) = [r for r in rows if "验收合格率" in r[-1] and "申报表" in r[-1]]
    assert row[1] == REPAIR and row[2] == "项目指标!E3"
    assert "“≥98%”改为“≥97%”" in row[-1] and "A_national_reference.xlsx!申报表!H13" in row[-1]
    assert "已对照 5 个申报表" in window.statusBar().currentMessage()
    assert window.undeclared_action.isEnabled()
    assert finish(qtbot, window, window.undeclared_action.trigger) == OK
    assert window.results.finding_proxy.rowCount() == before
    assert window.declared == ()


def test_compare_with_no_declaration(qtbot, window, boxes, monkeypatch, sources, changed):
    assert finish(qtbot, window, lambda: window.open_file(changed)) == OK
    choose(monkeypatch, [sources[5]])  # last year's self-evaluation: no 申报表
    assert finish(qtbot, window, window.declared_action.trigger) == INPUT
    (error,) = boxes.shown
    assert error.title == "无法读取工作簿或申报表"
    assert "F_last_year_selfeval.xlsx" in error.text
    assert window.declared == () and not window.undeclared_action.isEnabled()
