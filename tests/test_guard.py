"""The guard in front of calamine: every broken or hostile file of tests/make_bad_files.py is
refused with its Chinese sentence (or accepted with its format) within a time budget, accepted
files then load, and formulas without cached values are named."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
import workbook_bytes as wb
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from make_bad_files import BAD, CASES, ENCRYPTED, Case, build
from python_calamine import CalamineWorkbook

from app.errors import InputError
from app.readers.book import load
from app.readers.guard import inspect, uncached_formulas
from app.readers.guard import limits as guard_limits
from app.readers.guard.xml_scan import exact_extent

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"xlsx", "xls", "xlsb", "ods"}
TIME_BUDGET = 5.0  # seconds, for inspect() on any case, hostile ones included


def _outcome(path: Path) -> str:
    try:
        return inspect(path)
    except InputError as exc:
        return exc.message


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_outcome_within_budget(case: Case, tmp_path: Path) -> None:
    path = build(case, tmp_path)
    start = time.perf_counter()
    outcome = _outcome(path)
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_BUDGET, f"{case.name}: {elapsed:.2f} s"
    if case.expect in FORMATS:
        assert outcome == case.expect
    elif case.expect == ENCRYPTED:
        assert outcome == ENCRYPTED  # exactly this sentence, as issue 7 asks
    else:
        assert outcome not in FORMATS and case.expect in outcome, outcome
        # One sentence that says what is wrong and what to do.
        assert "\n" not in outcome and "请" in outcome


def test_committed_files_are_current() -> None:
    """tests/files/bad holds exactly the small cases, as make_bad_files.py builds them."""
    committed = {c.name: c for c in CASES if c.committed}
    assert sorted(p.name for p in BAD.iterdir()) == sorted(committed)
    for name, case in committed.items():
        data = (BAD / name).read_bytes()
        assert data == case.make(), f"{name} is stale: run python tests/make_bad_files.py"
        assert len(data) < 50_000


def test_missing_file_folder_and_pipe(tmp_path: Path) -> None:
    assert _outcome(tmp_path / "nope.xlsx") == f"找不到文件：{tmp_path / 'nope.xlsx'}"
    assert "是文件夹" in _outcome(tmp_path)
    os.mkfifo(tmp_path / "pipe.xlsx")  # reading it would block forever
    assert "不是普通文件" in _outcome(tmp_path / "pipe.xlsx")


# --- what calamine does with accepted files ----------------------------------------------------


def _case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


@pytest.mark.parametrize(
    ("name", "sheet", "rows"),
    [
        ("legacy_biff8.xls", "项目资金", [["项目名称", "年初预算数"], ["学生资助", 120.5]]),
        ("wps_dimension_claims_million_rows.xlsx", "Sheet1", [["项目名称", 100.0]]),
        ("dimension_claims_whole_sheet.xlsx", "Sheet1", [["项目名称", 100.0]]),
        ("styled_empty_cell_at_XFD1048576.xlsx", "Sheet1", [["项目名称", 100.0]]),
        ("legit_table.ods", "表1", [[3.0]]),
        ("ods_trailing_empty_rows_repeated.ods", "表1", [[3.0]]),
    ],
)
def test_accepted_file_loads(
    name: str, sheet: str, rows: list[list[object]], tmp_path: Path
) -> None:
    path = build(_case(name), tmp_path)
    assert inspect(path) in FORMATS
    book = load(path)
    assert [s.name for s in book.sheets] == [sheet]
    assert book.sheets[0].rows == rows


def test_300k_cells_inspected_and_loaded_within_budget(tmp_path: Path) -> None:
    path = build(_case("cells_300k.xlsx"), tmp_path)
    start = time.perf_counter()
    assert inspect(path) == "xlsx"
    book = load(path)
    elapsed = time.perf_counter() - start
    sheet = book.sheets[0]
    assert (sheet.height, max(len(r) for r in sheet.rows)) == (30_000, 10)
    assert sheet.value(29_999, 9) == 30_000 * 9
    assert elapsed < TIME_BUDGET


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("xls_content_named.xlsx", [["项目名称", ""], ["", ""], ["", 7.0]]),
        ("xlsx_content_named.xls", [["项目名称", 100.0], [1.0, 2.5]]),
    ],
)
def test_renamed_file_reads_by_content(name: str, rows: list[list[object]], tmp_path: Path) -> None:
    """calamine's from_path picks the reader by extension; load() reads by content, so an
    .xls named .xlsx (and the reverse) reads as what it is."""
    path = build(_case(name), tmp_path)
    assert inspect(path) != path.suffix.lstrip(".")
    sheet = load(path).sheets[0]
    assert [[v if v is not None else "" for v in line] for line in sheet.rows] == rows


def test_lone_value_at_xfd1048576_does_not_kill_the_process(tmp_path: Path) -> None:
    """Unguarded, calamine panics or aborts on this file; guarded, the run ends with the message."""
    path = build(_case("lone_value_at_XFD1048576.xlsx"), tmp_path)
    code = (
        "import sys\n"
        "from app.errors import InputError\n"
        "from app.readers.book import load\n"
        "from app.readers.guard import inspect\n"
        "try:\n"
        "    inspect(sys.argv[1])\n"
        "    load(sys.argv[1])\n"
        "except InputError as exc:\n"
        "    print(exc.message)\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.perf_counter() - start < TIME_BUDGET + 5  # interpreter start included
    assert done.returncode == 0, done.stderr
    assert "A1:XFD1048576" in done.stdout
    assert done.stderr == ""


# --- the exact pass places cells where calamine does --------------------------------------------


@pytest.mark.parametrize(
    "sheet_data",
    [
        '<row r="3"><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>',
        '<row r="2"><c r="C2"><v>1</v></c><c><v>2</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="5"/><row><c><v>1</v></c></row>',
        '<row r="1"><c r="b4"><v>1</v></c><c r="A1" r="D2"><v>1</v></c></row>',
        '<row r="1"><c x="<" r="E3"><v>1</v></c><c x=">" r="A6"><v>1</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></c><c r="F9" s="1"/><c r="G9"></c></row>',
    ],
)
def test_exact_extent_matches_calamine(sheet_data: str, tmp_path: Path) -> None:
    xml = wb.sheet_xml(sheet_data)
    path = tmp_path / "irregular.xlsx"
    path.write_bytes(wb.xlsx_bytes({"S": xml}))
    rows = (
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    )
    assert exact_extent(xml.encode()) == (len(rows) - 1, max(len(r) for r in rows) - 1)
    assert inspect(path) == "xlsx"


def test_prefixed_tags_are_scanned(tmp_path: Path) -> None:
    # Files written with the OpenXML SDK prefix every element (x:row, x:c).
    xml = (
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c>'
        '</x:row><x:row r="400000"><x:c><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    path = tmp_path / "sdk.xlsx"
    path.write_bytes(wb.xlsx_bytes({"S": xml}))
    assert "A1:A400000" in _outcome(path)


# --- budgets -----------------------------------------------------------------------------------


def test_many_small_sheets_over_book_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guard_limits, "MAX_BOOK_GRID", 1_000)
    sheet = wb.sheet_xml(wb.rows_xml([[1] * 10] * 30))  # 300 cells each, within A1:Z99
    path = tmp_path / "many.xlsx"
    path.write_bytes(wb.xlsx_bytes({f"项目{i}": sheet for i in range(4)}))
    assert "数据总量过大（约1200个单元格" in _outcome(path)
    monkeypatch.setattr(guard_limits, "MAX_BOOK_GRID", 1_200)
    assert inspect(path) == "xlsx"  # the quick bound (99 × 26 each) was refined to 30 × 10


def test_irregular_xml_read_whole_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    irregular = wb.sheet_xml("".join(f"<row><c><v>{i}</v></c></row>" for i in range(100)))
    path = tmp_path / "irregular.xlsx"
    path.write_bytes(wb.xlsx_bytes({"A": irregular, "B": irregular}))
    assert inspect(path) == "xlsx"
    monkeypatch.setattr(guard_limits, "MAX_WHOLE_PART", len(irregular) + 10)
    assert "XML结构不规范且过大" in _outcome(path)  # one sheet fits, two do not


def test_2000_project_sheets_inspected_fast(tmp_path: Path) -> None:
    row = [f"指标说明{c}" if c % 2 else 12.5 * c for c in range(10)]
    data = wb.rows_xml([row] * 33)
    merges = '<mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells>'
    sheet = wb.sheet_xml(data, dimension="A1:J33", tail=merges)
    path = tmp_path / "2000.xlsx"
    path.write_bytes(wb.xlsx_bytes({f"项目{i}": sheet for i in range(2000)}))
    best = min(_cpu_seconds(path) for _ in range(3))
    assert best < 0.5, f"{best:.3f} s"


def _cpu_seconds(path: Path) -> float:
    start = time.process_time()  # CPU time: other processes on a shared CI host do not count
    assert inspect(path) == "xlsx"
    return time.process_time() - start


# --- formulas without cached values --------------------------------------------------------------


def test_uncached_formulas_are_named(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "项目1"
    for r in range(1, 7):
        first.cell(r, 2, r * 10)
    first["B7"] = "=SUM(B1:B6)"  # openpyxl writes formulas without cached values
    second = book.create_sheet("汇总")
    second["A1"] = "合计"
    second["A2"] = "='项目1'!B7"
    path = tmp_path / "script.xlsx"
    book.save(path)
    assert inspect(path) == "xlsx"
    assert uncached_formulas(path) == ["项目1!B7", "汇总!A2"]
    assert uncached_formulas(path, limit=1) == ["项目1!B7"]


def test_cached_formulas_are_not_reported(tmp_path: Path) -> None:
    path = tmp_path / "excel.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("项目1")
    sheet.write_column(0, 0, [1, 2, 3])
    sheet.write_formula(3, 0, "=SUM(A1:A3)", None, 6)
    sheet.write_formula(4, 0, '=IF(A4>5,"高","低")', None, "高")
    book.close()
    assert uncached_formulas(path) == []


def test_uncached_formulas_prefixed_and_validation_formulas(tmp_path: Path) -> None:
    xml = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{wb.MAIN_NS}"><x:sheetData><x:row r="2">'
        '<x:c r="B2"><x:f>A2*2</x:f></x:c><x:c r="C2"><x:f>A2*3</x:f><x:v>6</x:v></x:c>'
        "</x:row></x:sheetData><x:extLst><x14:dataValidations><x14:dataValidation>"
        "<x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1></x14:dataValidation>"
        "</x14:dataValidations></x:extLst></x:worksheet>"
    )
    path = tmp_path / "sdk.xlsx"
    path.write_bytes(wb.xlsx_bytes({"表": xml}))
    assert uncached_formulas(path) == ["表!B2"]


def test_uncached_formulas_limit_and_other_formats(tmp_path: Path) -> None:
    cells = "".join(
        f'<row r="{r}"><c r="C{r}"><f>A{r}+1</f><v></v></c></row>' for r in range(1, 31)
    )
    path = tmp_path / "many.xlsx"
    path.write_bytes(wb.xlsx_bytes({"表": wb.sheet_xml(cells)}))
    found = uncached_formulas(path)
    assert found == [f"表!C{r}" for r in range(1, 21)]
    xls = build(_case("legacy_biff8.xls"), tmp_path)
    assert uncached_formulas(xls) == []


# --- damaged files: only InputError or a format, never another exception ------------------------

_SEEDS = [
    c.make()
    for c in CASES
    if c.committed and (c.expect in FORMATS or c.expect == ENCRYPTED or "A1:" in c.expect)
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, len(_SEEDS) - 1),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1, exclude_max=True), st.binary(min_size=0, max_size=6), st.integers(0, 8)
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_files_never_escape(
    seed: int, edits: list[tuple[float, bytes, int]], tmp_path: Path
) -> None:
    data = bytearray(_SEEDS[seed])
    for where, insert, cut in edits:
        at = int(where * len(data))
        data[at : at + cut] = insert
    path = tmp_path / "mutated.xlsx"
    path.write_bytes(bytes(data))
    start = time.perf_counter()
    try:
        assert inspect(path) in FORMATS
        uncached_formulas(path)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
    assert time.perf_counter() - start < TIME_BUDGET
