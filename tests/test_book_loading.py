"""Sheets load when the reader reaches them (issue 8): they come out as a whole load gives
them, in workbook order and no further than asked, a damaged sheet fails where it is reached,
and a closed book loads nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from app.errors import Cancelled, InputError
from app.readers import book as book_module
from app.readers import read
from app.readers.book import load, open_book


def _workbook(path: Path, sheets: int) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    for i in range(sheets):
        ws = wb.add_worksheet(f"表{i + 1}")
        ws.write(0, 0, f"第{i + 1}张")
        ws.write(1, 1, i * 1.5)
        ws.merge_range(2, 0, 3, 1, "合并")
    wb.close()
    return path


def test_streamed_sheets_are_the_whole_load(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "b.xlsx", 5)
    whole = load(path)
    book = open_book(path)
    try:
        assert book.names == ["表1", "表2", "表3", "表4", "表5"]
        assert len(book.sheets) == 5
        assert book.sheets[-1].name == "表5"
        assert [s.name for s in book.sheets[1:3]] == ["表2", "表3"]
        for got, want in zip(book.sheets, whole.sheets, strict=True):
            assert got.rows == want.rows
            assert got.merged == want.merged == [(2, 0, 3, 1)]
        assert book.sheets[2].rows[0] == ["第3张", None]
        assert book.sheets[2].rows[1] == [None, 3.0]
        assert book.sheet("表4") is book.sheets[3]
        assert book.sheet("没有") is None
        with pytest.raises(IndexError):
            book.sheets[5]  # noqa: B018
    finally:
        book.close()


def test_sheets_load_in_order_and_no_further_than_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "b.xlsx", 5)
    loaded: list[str] = []
    real = book_module._sheet

    def counted(wb, name):  # type: ignore[no-untyped-def]
        loaded.append(name)
        return real(wb, name)

    monkeypatch.setattr(book_module, "_sheet", counted)
    book = open_book(path)
    assert book.names == ["表1", "表2", "表3", "表4", "表5"] and loaded == []
    assert book.sheets[2].name == "表3"
    assert loaded == ["表1", "表2", "表3"]
    assert book.sheets[0].name == "表1" and len(loaded) == 3  # not loaded twice
    book.close()
    assert book.sheets[1].name == "表2"  # what was loaded stays
    with pytest.raises(InputError, match="已关闭"):
        book.sheets[3]  # noqa: B018


def test_a_sheet_that_fails_to_load_fails_where_it_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "b.xlsx", 3)
    real = book_module._sheet

    def damaged(wb, name):  # type: ignore[no-untyped-def]
        if name == "表2":
            raise RuntimeError("damaged")
        return real(wb, name)

    monkeypatch.setattr(book_module, "_sheet", damaged)
    book = open_book(path)
    try:
        assert book.sheets[0].rows[0] == ["第1张", None]
        with pytest.raises(InputError, match="b.xlsx.*文件可能已损坏"):
            book.sheets[1]  # noqa: B018
        with pytest.raises(InputError):
            book.sheets[2]  # noqa: B018  (loading stopped at the damaged sheet)
    finally:
        book.close()


def test_a_cancel_while_parsing_is_a_cancel(tmp_path: Path) -> None:

    path = Path(__file__).parent.parent / "examples" / "shuangyang-2022-forms.xlsx"
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done > 100:  # past the guard: inside the parsing of the loaded sheets
            raise Cancelled

    with pytest.raises(Cancelled):
        read(path, progress)
    assert seen[-1] > 100


def test_load_reports_each_sheet_and_can_be_cancelled(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "b.xlsx", 4)
    calls: list[tuple[int, int]] = []
    load(path, lambda done, total: calls.append((done, total)))
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        load(path, cancel)
