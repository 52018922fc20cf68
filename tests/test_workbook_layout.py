"""Tests for the workbook writer's helpers: safe sheet names, wrapped-line estimates, the
order of findings."""

from __future__ import annotations

from app.model import Finding
from app.writers.workbook.findings import sorted_findings
from app.writers.workbook.layout import lines_needed, safe_sheet_name


def test_safe_sheet_name():
    taken: set[str] = set()
    assert safe_sheet_name("a[b]:c*d?e/f\\g", taken) == "abcdefg"
    assert safe_sheet_name("'引号'", taken) == "引号"
    assert safe_sheet_name("", taken) == "项目"
    long = "二〇二二年度某某区教育局基础教育教学管理及条件改善项目专项资金"
    first = safe_sheet_name(long, taken)
    assert first == long[:31]
    second = safe_sheet_name(long, taken)
    assert second == long[:28] + "(2)" and len(second) == 31
    assert safe_sheet_name("汇总", taken) == "汇总(2)"
    assert safe_sheet_name("history", taken) == "history (2)"
    assert safe_sheet_name("ABC", taken) == "ABC"
    assert safe_sheet_name("abc", taken) == "abc (2)"  # Excel compares without case
    assert {"abcdefg", "引号", "项目", "abc", "abc (2)"} <= taken
    # Never "LETTER(": xlsxwriter would rewrite SORT( in a formula naming the sheet.
    assert safe_sheet_name("SORT(分类)", taken) == "SORT（分类)"
    assert safe_sheet_name("项目(甲)", taken) == "项目(甲)"


def test_lines_needed():
    assert lines_needed("", 100) == 1
    assert lines_needed("一二三四", 4 * 14.7) == 1
    assert lines_needed("一二三四五", 4 * 14.7) == 2
    assert lines_needed("一二\n三四", 400) == 2
    # A closing mark never starts a line: it takes its character along.
    assert lines_needed("一二三四。", 4 * 14.7) == 2


def test_sorted_findings_is_stable():
    fs = (
        Finding("info", "a", "1"),
        Finding("error", "b", "2"),
        Finding("warning", "c", "3"),
        Finding("error", "d", "4"),
    )
    assert [f.message for f in sorted_findings(fs)] == ["2", "4", "3", "1"]
