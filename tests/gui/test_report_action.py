"""The window's 生成自评报告: the Word report of the open workbook, written in a job like
一键生成, with the same dialogs at the end."""

from __future__ import annotations

from pathlib import Path

import docx

from app.gui import dialogs
from app.gui.jobs import CANCELLED, OK, OUTPUT
from app.gui.stages import STAGE_TEXT

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shuangyang-2022.xlsx"


def finish(qtbot, window, action, timeout: int = 20000) -> str:
    with qtbot.waitSignal(window.run_finished, timeout=timeout) as blocker:
        action()
    return blocker.args[0]


def save_to(monkeypatch, path: Path) -> list[tuple[str, str]]:
    """Answer the save dialog with `path`; return the (default, filter) it was offered."""
    offered: list[tuple[str, str]] = []

    def ask(parent, title, default, filters):
        offered.append((default, filters))
        return str(path)

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    return offered


def test_report_needs_an_open_workbook(qtbot, window):
    assert not window.report_action.isEnabled()
    assert not window.report_button.isEnabled()
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    assert window.report_action.isEnabled() and window.report_button.isEnabled()


def test_report_written_and_offered_to_open(qtbot, window, boxes, opened, monkeypatch, tmp_path):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    offered = save_to(monkeypatch, tmp_path / "双阳报告")
    stages: list[str] = []
    boxes.answers = [dialogs.OPEN_FILE]
    shown = window.job_progress.stage.setText
    monkeypatch.setattr(
        window.job_progress.stage, "setText", lambda text: stages.append(text) or shown(text)
    )
    assert finish(qtbot, window, window.report_button.click) == OK
    (default, filters) = offered[0]
    assert default.endswith("shuangyang-2022_自评报告.docx") and "*.docx" in filters
    target = tmp_path / "双阳报告.docx"  # .docx added
    assert target.is_file()
    headings = [
        p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"
    ]
    assert headings[0] == "长春市双阳区教育局（汇总）2022年度部门整体支出绩效自评报告"
    assert len(headings) == 1 + 4
    [done] = boxes.shown
    assert done.title == "已生成" and "自评报告" in done.text
    assert done.informative == str(target)
    assert opened == [str(target)]
    assert window.report_action.isEnabled()
    said = {text.split(" ")[0] for text in stages}
    assert {STAGE_TEXT[s] for s in ("读取", "评分", "报告", "保存报告")} <= said
    assert window.settings.last_folder() == str(tmp_path)


def test_report_output_error_offers_retry_and_cancel_leaves_nothing(
    qtbot, window, boxes, monkeypatch, tmp_path
):
    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    out = tmp_path / "out"
    out.mkdir()
    save_to(monkeypatch, out / "没有的文件夹" / "报告.docx")
    boxes.answers = [dialogs.CANCEL]
    assert finish(qtbot, window, window.generate_report) == OUTPUT
    [asked] = boxes.shown
    assert asked.title == "无法保存" and "目标文件夹不存在" in asked.text
    save_to(monkeypatch, out / "报告.docx")
    boxes.shown.clear()

    def start_then_cancel() -> None:
        window.generate_report()
        window.job_progress.cancel()

    assert finish(qtbot, window, start_then_cancel) == CANCELLED
    assert list(out.iterdir()) == []
    assert boxes.shown[0].text == "已取消生成，未保存任何文件。"


def open_with(monkeypatch, path: Path) -> None:
    """Answer the open dialog with `path`."""
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, title, folder, filters: str(path))


def test_template_saved_edited_and_chosen_then_used(
    qtbot, window, boxes, opened, monkeypatch, tmp_path
):
    from app.gui import actions

    copy = tmp_path / "我们的模板.docx"
    save_to(monkeypatch, copy)
    boxes.answers = [actions.SAVE_DEFAULT, dialogs.CLOSE]
    window.choose_report_template()
    assert boxes.shown[0].text == "当前模板：默认模板"
    assert copy.is_file() and window.settings.report_template() is None

    document = docx.Document(str(copy))  # the office edits a heading in Word
    for paragraph in document.paragraphs:
        if paragraph.text == "七、自评结果应用":
            paragraph.runs[0].text = "七、结果应用和整改"
    document.save(str(copy))
    open_with(monkeypatch, copy)
    boxes.answers = [actions.CHOOSE_TEMPLATE]
    window.choose_report_template()
    assert window.settings.report_template() == copy

    finish(qtbot, window, lambda: window.open_file(EXAMPLE))
    target = tmp_path / "报告.docx"
    save_to(monkeypatch, target)
    boxes.answers = [dialogs.CLOSE]
    assert finish(qtbot, window, window.generate_report) == OK
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "七、结果应用和整改" in texts and "七、自评结果应用" not in texts

    boxes.answers = [actions.USE_DEFAULT]
    window.choose_report_template()
    assert window.settings.report_template() is None


def test_template_with_an_unknown_field_is_refused_at_once(window, boxes, monkeypatch, tmp_path):
    from app.gui import actions
    from app.wordreport.default_template import build

    builder = build()
    [paragraph] = [
        p for p in builder.doc.paragraphs if "{{ p.funds.budget }}，全年执行数" in p.text
    ]
    paragraph.runs[0].text = paragraph.text.replace("p.funds.budget", "p.funds.预算数")
    bad = tmp_path / "坏模板.docx"
    builder.save(bad)
    open_with(monkeypatch, bad)
    boxes.answers = [actions.CHOOSE_TEMPLATE, None]
    window.choose_report_template()
    error = boxes.shown[1]
    assert error.title == "模板无法使用"
    assert "无法识别的字段“p.funds.预算数”" in error.text
    assert window.settings.report_template() is None
