"""StreamingWorkbook writes the very package xlsxwriter writes, reports each part, and stops
when told to."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
import xlsxwriter
from xlsxwriter.exceptions import DuplicateWorksheetName

from app.writers.workbook.stream import StreamingWorkbook, _Worksheet, expected_parts

FORMULAS = [
    "=SUM(A1:A3)",
    "='项目一'!D6",
    '=HYPERLINK("#\'项目一\'!A1","2022年FILTER(过滤)项目")',
    "=FILTER(A1:A3,B1:B3)",
    "=XLOOKUP(1,A1:A3,B1:B3)",
    "=XSINGLE(1)",
    "{=SUM(A1:A3*B1:B3)}",
    "=_xlfn.STDEV.S(A1:A3)",
    '=IF(A1>0,"是","否")',
]


def _fill(wb: xlsxwriter.Workbook) -> None:
    """Everything write_workbook uses: formats, merges, formulas, notes, links, validation,
    row heights, print titles, two sheets with notes and one without."""
    wb.set_properties({"title": "t", "author": "selfeval", "created": datetime(2022, 1, 1)})
    bold = wb.add_format({"bold": True, "border": 1, "text_wrap": True})
    pct = wb.add_format({"num_format": "0.00%"})
    for name in ("汇总", "项目一", "Sheet"):
        ws = wb.add_worksheet(name)
        ws.merge_range(0, 0, 0, 5, f"{name}的标题", bold)
        ws.write_string(1, 0, '文字 <&> "引号"', bold)
        ws.write_number(1, 1, 0.95, pct)
        for r, formula in enumerate(FORMULAS, start=2):
            ws.write_formula(r, 2, formula, None, r)
        ws.write_url(12, 0, "internal:'项目一'!A1", string="转到")
        ws.set_row(3, 30)
        ws.set_column(0, 0, 20)
        ws.data_validation(1, 4, 20, 4, {"validate": "list", "source": ["甲", "乙"]})
        ws.repeat_rows(0, 1)
        ws.set_footer("&C第 &P 页")
        if name != "Sheet":
            ws.write_comment(1, 1, f"{name}的说明\n第二行", {"x_scale": 2})
            ws.write_comment(5, 3, "另一条")
    wb.get_worksheet_by_name("汇总").activate()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_same_package_as_xlsxwriter(tmp_path):
    plain, streamed = tmp_path / "plain.xlsx", tmp_path / "streamed.xlsx"
    wb = xlsxwriter.Workbook(str(plain), {"strings_to_formulas": False})
    _fill(wb)
    wb.close()
    calls: list[tuple[int, int]] = []
    sw = StreamingWorkbook(
        str(streamed), {"strings_to_formulas": False}, on_part=lambda d, t: calls.append((d, t))
    )
    _fill(sw)
    total = None
    sw.close()
    a, b = _parts(plain), _parts(streamed)
    assert list(a) == list(b)  # same parts in the same order
    assert [n for n in a if a[n] != b[n]] == []
    # One call before each part, then done == total; never backwards.
    total = calls[-1][1]
    assert calls[-1] == (total, total) and total == len(a)
    assert [d for d, _ in calls] == list(range(total + 1))
    assert not list(tmp_path.glob("tmp*"))


def test_expected_parts_is_exact_for_sheets_with_notes(tmp_path):
    sw = StreamingWorkbook(str(tmp_path / "x.xlsx"))
    _fill(sw)
    seen: list[int] = []
    sw.on_part = lambda d, t: seen.append(t)
    sw.close()
    # 9 fixed parts and the metadata of FILTER's dynamic array; per sheet with notes: itself,
    # its rels, its drawing and its comments; the sheet without notes (its only link is
    # internal) is one part.
    assert seen[0] == 9 + 1 + 2 * 4 + 1 == len(_parts(tmp_path / "x.xlsx"))
    assert set(seen) == {seen[0]}


def test_cancel_inside_close_propagates(tmp_path):
    def stop(done: int, total: int) -> None:
        if done == 5:
            raise KeyboardInterrupt

    sw = StreamingWorkbook(str(tmp_path / "c.xlsx"), on_part=stop)
    _fill(sw)
    with pytest.raises(KeyboardInterrupt):
        sw.close()
    assert list(tmp_path.iterdir()) == []  # the half-written zip is gone


def test_formula_fast_path_matches_xlsxwriter():
    ws = _Worksheet()
    plain = xlsxwriter.worksheet.Worksheet()
    for w in (ws, plain):
        w.use_future_functions = False
    for formula in FORMULAS:
        assert ws._prepare_formula(formula) == plain._prepare_formula(formula), formula
        assert ws._prepare_formula(formula, True) == plain._prepare_formula(formula, True)
    assert ws._prepare_formula("=FILTER(A1:A3,B1:B3)") == "_xlfn._xlws.FILTER(A1:A3,B1:B3)"
    assert ws._prepare_formula("{=SUM(A1)}") == "SUM(A1)"


def test_duplicate_sheet_names_refused_ignoring_case(tmp_path):
    sw = StreamingWorkbook(str(tmp_path / "d.xlsx"))
    sw.add_worksheet("Sheet甲")
    with pytest.raises(DuplicateWorksheetName):
        sw.add_worksheet("SHEET甲")
    sw.add_worksheet("Sheet乙")
    sw.add_worksheet("sheet5")
    with pytest.raises(DuplicateWorksheetName):
        sw.add_worksheet()  # the default name of the fifth call: Sheet5
    assert [ws.name for ws in sw.worksheets()] == ["Sheet甲", "Sheet乙", "sheet5"]
    sw.close()


def test_workbook_freed_without_the_garbage_collector(tmp_path):
    import gc
    import weakref

    sw = StreamingWorkbook(str(tmp_path / "f.xlsx"))
    _fill(sw)
    sw.close()
    ref = weakref.ref(sw)
    was = gc.isenabled()
    gc.disable()
    try:
        del sw
        assert ref() is None
    finally:
        if was:
            gc.enable()


def test_expected_parts_counts_a_sheet_without_notes(tmp_path):
    sw = StreamingWorkbook(str(tmp_path / "e.xlsx"))
    sw.add_worksheet("甲").write(0, 0, "x")
    sw._prepare_vml()
    assert expected_parts(sw) == 9 + 1
