"""Legacy .xls (what budget systems export): both input kinds read into the same model.

The .xls files were saved from the examples by LibreOffice (`soffice --convert-to xls`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from app.pipeline import run

XLS = ROOT / "tests" / "files" / "xls"


def without_input(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k != "input"}


@pytest.mark.parametrize(
    ("xls", "xlsx", "kind"),
    [
        ("shuangyang-2022.xls", "shuangyang-2022.xlsx", "template"),
        ("shuangyang-2022-forms.xls", "shuangyang-2022-forms.xlsx", "forms"),
    ],
)
def test_xls_gives_the_same_report_as_xlsx(xls: str, xlsx: str, kind: str) -> None:
    old = run(XLS / xls, write=False).report
    new = run(ROOT / "examples" / xlsx, write=False).report
    assert old["kind"] == kind
    assert without_input(old) == without_input(new)


def test_xls_generates_a_workbook(tmp_path: Path) -> None:
    result = run(XLS / "shuangyang-2022.xls", tmp_path / "out.xlsx")
    assert result.output == tmp_path / "out.xlsx" and result.output.is_file()
    assert [p["score"] for p in result.report["projects"]] == [100.0, 100.0, 100.0, 90.0]
