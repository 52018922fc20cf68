"""Property test: mutated valid workbooks never crash the pipeline (issue 7).

Random cell edits, deleted rows, shifted columns, random merges and random text in number
cells are applied to the two examples (data template and official forms); the whole pipeline
(read → evaluate → write → report) must end either in a result with a valid workbook or in
an InputError, never in any other exception.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path
from typing import Any

import xlsxwriter
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from xlsxwriter.exceptions import OverlappingRange

from app.errors import InputError
from app.pipeline import run

EXAMPLES = [
    ROOT / "examples" / "shuangyang-2022.xlsx",
    ROOT / "examples" / "shuangyang-2022-forms.xlsx",
]
STATUSES = {"met", "exceeded", "unmet", "manual", "not_applicable"}


def _load(path: Path) -> list[tuple[str, list[list[Any]], list[tuple[int, int, int, int]]]]:
    wb = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
        merges = [(a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges or []]
        sheets.append((name, rows, merges))
    return sheets


BASES = [_load(p) for p in EXAMPLES]

cell_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "≥95%",
            "＞＝90%",
            "≧5年",
            "—",
            "/",
            "不适用",
            "=SUM(A1)",
            "+1",
            "@x",
            "14,571.46",
            "1e308",
            "nan",
            "2022年12月31日前",
            "一百",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**12), max_value=10**12),
)

mutation = st.one_of(
    st.tuples(
        st.just("edit"), st.integers(0, 10), st.integers(0, 60), st.integers(0, 12), cell_values
    ),
    st.tuples(st.just("delete_row"), st.integers(0, 10), st.integers(0, 60)),
    st.tuples(st.just("shift_columns"), st.integers(0, 10), st.integers(0, 12)),
    st.tuples(
        st.just("merge"),
        st.integers(0, 10),
        st.integers(0, 60),
        st.integers(0, 12),
        st.integers(0, 4),
        st.integers(0, 3),
    ),
    st.tuples(
        st.just("text_in_number"),
        st.integers(0, 10),
        st.integers(0, 60),
        st.text(min_size=1, max_size=8),
    ),
)


def _mutate(base, mutations) -> list[tuple[str, list[list[Any]], list[tuple[int, int, int, int]]]]:
    sheets = [(name, [list(r) for r in rows], list(merges)) for name, rows, merges in base]
    for m in mutations:
        name, rows, merges = sheets[m[1] % len(sheets)]
        if not rows:
            continue
        r = m[2] % len(rows) if len(m) > 2 and isinstance(m[2], int) else 0
        if m[0] == "edit":
            line = rows[r]
            c = m[3] % (len(line) + 2)
            line.extend([""] * (c + 1 - len(line)))
            line[c] = m[4]
        elif m[0] == "delete_row":
            del rows[r]
            merges[:] = [g for g in merges if not g[0] <= r <= g[2]]
        elif m[0] == "shift_columns":
            c = m[2]
            for line in rows:
                line.insert(min(c, len(line)), "")
            merges[:] = [(a, b + (b >= c), x, y + (y >= c)) for a, b, x, y in merges]
        elif m[0] == "merge":
            c = m[3]
            merges.append((r, c, r + m[4], c + m[5]))
        elif m[0] == "text_in_number":
            numbers = [
                (i, j)
                for i, line in enumerate(rows)
                for j, v in enumerate(line)
                if isinstance(v, float)
            ]
            if numbers:
                i, j = numbers[m[2] % len(numbers)]
                rows[i][j] = m[3]
    return sheets


def _write(path: Path, sheets) -> None:
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "nan_inf_to_errors": True,
        },
    )
    for name, rows, merges in sheets:
        ws = wb.add_worksheet(name)
        for r, line in enumerate(rows):
            for c, v in enumerate(line):
                if v is None or v == "":
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                elif isinstance(v, int | float):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, str(v))
        for r0, c0, r1, c1 in merges:
            if (r0, c0) == (r1, c1):
                continue
            with contextlib.suppress(OverlappingRange):
                ws.merge_range(r0, c0, r1, c1, None)
    wb.close()


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from([0, 1]), st.lists(mutation, min_size=1, max_size=8), st.booleans())
def test_mutated_workbooks_never_crash(which: int, mutations, write: bool) -> None:
    sheets = _mutate(BASES[which], mutations)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "mutated.xlsx"
        _write(source, sheets)
        output = Path(folder) / "out.xlsx"
        try:
            result = run(source, output, write=write)
        except InputError as exc:
            assert exc.message and "\n" not in exc.message
            assert not output.exists()
            return
        report = json.loads(json.dumps(result.report, ensure_ascii=False))
        for project in report["projects"]:
            for indicator in project["indicators"]:
                assert indicator["status"] in STATUSES
        if write:
            assert output.is_file() and output.stat().st_size > 0
            names = CalamineWorkbook.from_path(str(output)).sheet_names
            assert names[0] == "汇总" and names[-1] == "问题清单"
