"""What the status bar shows while one workbook's job runs (`app.gui.stages`)."""

from __future__ import annotations

from pathlib import Path

from app.gui.stages import pipeline_progress
from app.gui.worker import JobSpec

SOURCE, TARGET = Path("自评.xlsx"), Path("结果.xlsx")


def test_a_check_is_mostly_reading():
    progress = pipeline_progress(JobSpec(SOURCE))
    assert progress("读取", 1, 2) == (30, "正在读取工作簿")
    # Projects are counted beside the stage's name; a single step is not.
    assert progress("评分", 3, 4) == (90, "正在评分 3/4")
    assert progress("评分", 1, 1) == (100, "正在评分")


def test_each_kind_of_job_shares_the_bar_its_own_way():
    plain = JobSpec(SOURCE, TARGET)
    both = JobSpec(SOURCE, TARGET, submission=True)
    report = JobSpec(SOURCE, TARGET, report=True)
    filled = JobSpec(SOURCE, TARGET, fill=True)
    assert pipeline_progress(plain)("保存", 0, 1) == (55, "正在保存自评表")
    assert pipeline_progress(both)("报送版", 0, 1) == (60, "正在生成报送版")
    assert pipeline_progress(report)("报告", 2, 4) == (45, "正在撰写自评报告 2/4")
    assert pipeline_progress(filled)("填写", 1, 2) == (50, "正在填写原表")


def test_an_unknown_stage_fills_the_whole_bar_under_its_own_name():
    assert pipeline_progress(JobSpec(SOURCE))("结束", 0, 0) == (100, "结束")
