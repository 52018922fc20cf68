"""The checker the fill tests rely on finds what a fill must never do: change a cell it did
not plan, a style, a width, a merge, a print setting, or a figure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import build_form_files as files
import openpyxl
import pytest
from fill_check import assert_only_planned, assert_same_figures
from openpyxl.styles import Font

from app.fill.run import fill


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Path, Path, object]:
    folder = tmp_path_factory.mktemp("check")
    source = folder / "national.xlsx"
    files.national(source)
    result = fill(source, folder / "out.xlsx")
    return source, result.output, result.plan


def _tamper(path: Path, tmp_path: Path, change: Callable[[object], None]) -> Path:
    wb = openpyxl.load_workbook(path, rich_text=True)
    change(wb["学生资助"])
    out = tmp_path / "tampered.xlsx"
    wb.save(out)
    return out


def test_the_fill_itself_passes(filled) -> None:
    source, out, plan = filled
    assert_only_planned(source, out, plan)


@pytest.mark.parametrize(
    "change",
    [
        lambda ws: setattr(ws["D13"], "value", "改过的指标名"),
        lambda ws: setattr(ws["D13"], "font", Font(bold=True)),
        lambda ws: setattr(ws.column_dimensions["D"], "width", 40),
        lambda ws: ws.merge_cells("D20:E20"),
        lambda ws: setattr(ws.page_setup, "orientation", "landscape"),
        lambda ws: setattr(ws["H18"], "value", 9),  # a planned figure put back
    ],
    ids=["value", "font", "width", "merge", "print", "figure"],
)
def test_each_kind_of_unplanned_change_is_caught(filled, tmp_path: Path, change) -> None:
    source, out, plan = filled
    with pytest.raises(AssertionError):
        assert_only_planned(source, _tamper(out, tmp_path, change), plan)


def test_a_figure_that_differs_on_checking_is_caught(filled, tmp_path: Path) -> None:
    source, out, _ = filled
    tampered = _tamper(out, tmp_path, lambda ws: setattr(ws["F13"], "value", "80%"))
    with pytest.raises(AssertionError):
        assert_same_figures(source, tampered)
