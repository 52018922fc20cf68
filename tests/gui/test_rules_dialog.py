"""The 评分规则 dialog: edits, grade table, TOML import/export, 恢复默认, and the window
keeping the rules and scoring again with them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableWidgetItem

from app.gui import dialogs
from app.gui.rules_dialog import RulesDialog
from app.gui.settings import Settings
from app.rules import NATIONAL, load_rules

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shuangyang-2022.xlsx"


def make(qtbot, rules=NATIONAL, folder: str = "") -> RulesDialog:
    dialog = RulesDialog(rules, folder)
    qtbot.addWidget(dialog)
    return dialog


def test_unchanged_dialog_gives_the_rules_back(qtbot):
    assert make(qtbot).rules() == NATIONAL
    custom = replace(NATIONAL, rate_cap=((0.8, 89.0),), exceed_deduction="fixed")
    # Fields the dialog does not show survive a round trip.
    assert make(qtbot, custom).rules() == custom


def test_edited_fields_become_rules(qtbot):
    dialog = make(qtbot)
    dialog.rate_warn.setValue(85)
    dialog.adjust_warn.setValue(30)
    dialog.exceed_ratio.setValue(1.5)
    dialog.reverse.setCurrentIndex(dialog.reverse.findData("linear"))
    dialog.rate_weight.setValue(20)
    dialog.level1["产出指标"].setValue(40)
    dialog.bands["部分达成"].setValue(80)
    dialog.grades.setItem(0, 0, QTableWidgetItem("95"))
    rules = dialog.rules()
    assert (rules.rate_warn, rules.adjust_warn, rules.exceed_ratio) == (0.85, 0.3, 1.5)
    assert rules.reverse_formula == "linear"
    assert rules.rate_weight == 20
    assert rules.level1_weights == {"产出指标": 40, "效益指标": 30, "满意度指标": 10}
    assert rules.qualitative_scores == (1.0, 0.8, 0.0)
    assert rules.grades[0] == (95.0, "优")
    assert dialog.weight_sum.text() == "100 分"


def test_weight_sum_warns_when_not_the_total(qtbot):
    dialog = make(qtbot)
    dialog.rate_weight.setValue(15)
    assert dialog.weight_sum.text() == "105 分（应为 100 分）"


def test_bad_grade_row_keeps_the_dialog_open(qtbot, boxes):
    dialog = make(qtbot)
    dialog.grades.setItem(1, 0, QTableWidgetItem("八十"))
    dialog.accept()
    assert dialog.result() == 0
    [error] = boxes.shown
    assert error.title == "评分规则有误" and "八十" in error.text


def test_grades_added_and_removed(qtbot):
    dialog = make(qtbot)
    dialog.grades.selectRow(3)
    dialog._remove_grade()
    assert [g for _, g in dialog.rules().grades] == ["优", "良", "中"]
    dialog._add_grade(0, "差")
    assert dialog.rules().grades == NATIONAL.grades


def test_export_then_import_round_trips(qtbot, monkeypatch, tmp_path):
    target = tmp_path / "省规则.toml"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(target))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(target))
    dialog = make(qtbot, folder=str(tmp_path))
    dialog.rate_warn.setValue(80)
    dialog.export_toml()
    assert load_rules(target).rate_warn == 0.8

    dialog.reset_button.click()
    assert dialog.rules() == NATIONAL
    dialog.import_toml()
    assert dialog.rate_warn.value() == 80
    assert dialog.rules() == replace(NATIONAL, rate_warn=0.8)


def test_import_of_a_bad_file_says_why(qtbot, boxes, monkeypatch, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("rate_wran = 0.8\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(bad))
    dialog = make(qtbot)
    dialog.import_toml()
    [error] = boxes.shown
    assert error.title == "无法导入评分规则" and "rate_wran" in error.text
    assert dialog.rules() == NATIONAL


def test_window_keeps_new_rules_and_scores_again(qtbot, window, monkeypatch, tmp_path):
    with qtbot.waitSignal(window.run_finished, timeout=15000):
        window.open_file(EXAMPLE)
    assert window.results.projects.row_at(0).grade == "优"

    def strict(dialog) -> bool:
        # 优 only from 101: no project reaches it any more.
        dialog.grades.setItem(0, 0, QTableWidgetItem("101"))
        return True

    monkeypatch.setattr(dialogs, "exec_dialog", strict)
    with qtbot.waitSignal(window.run_finished, timeout=15000) as blocker:
        window.rules_action.trigger()
    assert blocker.args == ["ok"]
    assert window.results.projects.row_at(0).grade == "良"
    assert window.rules.grades[0] == (101.0, "优")
    again = Settings(QSettings(window.settings.q.fileName(), QSettings.Format.IniFormat))
    assert again.rules() == window.rules


def test_cancelled_dialog_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(dialogs, "exec_dialog", lambda dialog: False)
    window.rules_action.trigger()
    assert window.rules == NATIONAL
    assert not window.busy
    assert window.settings.q.value("rules/toml") is None
