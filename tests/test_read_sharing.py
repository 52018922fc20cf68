"""The reader's shared passes (issue 8): the guard's note of formula-free sheets spares the
uncached-formula scan, and the percentage scan reads only the sheets asked about."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import xlsxwriter

from app.readers import guard
from app.readers.forms.cells import PercentCells
from app.readers.guard import inspect, uncached_formulas
from app.readers.guard.zip_parts import _FormulaWatch
from app.readers.numfmt import PercentScan, percent_cells


def _book(path: Path, formula_in_first: bool) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "项目1"
    first["A1"] = 5
    if formula_in_first:
        first["B1"] = "=A1*2"  # openpyxl writes no cached value
    second = book.create_sheet("项目2")
    second["A1"] = 1
    second["A2"] = "=A1+1"
    book.save(path)


def test_formula_free_sheets_are_noted_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _book(path, formula_in_first=False)
    assert inspect(path) == "xlsx"
    assert guard._formula_free is not None
    assert guard._formula_free[1] == frozenset({"xl/worksheets/sheet1.xml"})
    assert uncached_formulas(path) == ["项目2!A2"]


def test_a_changed_file_is_scanned_whole(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _book(path, formula_in_first=False)
    inspect(path)
    _book(path, formula_in_first=True)  # changed after the inspection: the note is stale
    assert uncached_formulas(path) == ["项目1!B1", "项目2!A2"]


def test_formula_watch_sees_a_tag_split_between_chunks() -> None:
    split = _FormulaWatch(iter([b'<c r="A1"><', b"f>B1</f></c>"]))
    assert list(split) == [b'<c r="A1"><', b"f>B1</f></c>"]
    assert split.formula and not split.none_in_whole_part()
    prefixed = _FormulaWatch(iter([b"<x:c><x:", b"f>1</x:f>"]))
    list(prefixed)
    assert prefixed.formula
    plain = _FormulaWatch(iter([b'<c r="A1"><v>1</v></c>', b"<c><v>f</v></c>"]))
    list(plain)
    assert plain.none_in_whole_part()
    unfinished = _FormulaWatch(iter([b"<c>", b"</c>"]))
    next(iter(unfinished))
    assert not unfinished.none_in_whole_part()  # not read to the end: no promise


def _percent_book(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    pct = book.add_format({"num_format": "0.0%"})
    one = book.add_worksheet("甲")
    one.write_number(2, 3, 0.95, pct)
    one.write_number(2, 4, 0.95)
    two = book.add_worksheet("乙")
    two.write_number(0, 0, 1.0, pct)
    two.write_number(5, 1, 0.5, pct)
    book.close()


def test_percent_scan_per_sheet_matches_the_whole_scan(tmp_path: Path) -> None:
    path = tmp_path / "pct.xlsx"
    _percent_book(path)
    whole = percent_cells(path, ["甲", "乙"])
    assert whole == {("甲", 2, 3), ("乙", 0, 0), ("乙", 5, 1)}
    scan = PercentScan(path)
    try:
        assert scan.sheet("乙") == {(0, 0), (5, 1)}
        assert scan.sheet("甲") == {(2, 3)}
        assert scan.sheet("丙") == set()
    finally:
        scan.close()
    ticks: list[int] = []
    cells = PercentCells(str(path), lambda: ticks.append(1))
    assert cells("甲", 2, 3) and not cells("甲", 2, 4) and cells("乙", 5, 1)
    assert cells("乙", 0, 0) and len(ticks) == 2  # each sheet scanned once
    cells.close()


def test_percent_scan_of_a_non_xlsx_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "text.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    scan = PercentScan(path)
    assert scan.sheet("甲") == set()
    scan.close()


def test_percent_lookup_of_one_cell_agrees_with_the_scan(tmp_path: Path) -> None:
    path = tmp_path / "pct.xlsx"
    _percent_book(path)
    scan = PercentScan(path)
    try:
        whole = {(name, r, c) for name in ("甲", "乙") for r, c in scan.sheet(name)}
        for name in ("甲", "乙", "丙"):
            for r in range(7):
                for c in range(6):
                    assert scan.cell(name, r, c) == ((name, r, c) in whole), (name, r, c)
    finally:
        scan.close()


def test_percent_lookup_reads_odd_but_valid_cell_tags(tmp_path: Path) -> None:
    """Attributes in another order, a style id with leading zeros, a cell whose r is not the
    first attribute, and an attribute merely ending in r (as xr:r) that must not count."""
    import zipfile

    path = tmp_path / "odd.xlsx"
    _percent_book(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    styles = parts["xl/styles.xml"]
    assert b'<c r="D3" s="1">' in sheet  # the percentage cell as xlsxwriter writes it
    sheet = sheet.replace(b'<c r="D3" s="1">', b'<c s="01" r="D3">')
    sheet = sheet.replace(b'<c r="E3">', b'<c xr:r="A9" r="E3">')
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert b"numFmtId" in styles
    scan = PercentScan(path)
    try:
        assert scan.cell("甲", 2, 3)  # s="01" before r
        assert not scan.cell("甲", 2, 4)
        assert not scan.cell("甲", 8, 0)  # xr:r="A9" is no cell reference
    finally:
        scan.close()
