"""Build the corpus of real-looking regional forms under tests/files/forms/ (issue 13).

Each workbook has one builder, whose docstring names the excerpt of shared/examples-real it is
made from (corpus_real.py) or what it is derived from (corpus_derived.py), and what is odd about
it. The expected report facts of each file are worked out by hand in corpus_expected.py and
checked by test_forms_corpus.py. Two layouts are also kept as .xls (converted by LibreOffice).

Run: python tests/build_corpus.py [folder]   (default tests/files/forms/)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import corpus_derived as derived
import corpus_real as real

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "files" / "forms"

BUILDERS: dict[str, Callable[[Path], None]] = {
    "01_anhui_chizhou_weituo": real.chizhou_01,
    "02_chongqing_rongmeiti_dept_only": real.chongqing_dept_02,
    "03_sichuan_qingshen_unfilled": real.qingshen_03,
    "04_sichuan_daying_two_stacked": real.daying_04,
    "05_sichuan_inline_operators": real.sichuan_inline_05,
    "06_beijing_haidian_2016": real.beijing_06,
    "07_transfer_not_applicable": real.transfer_07,
    "13_hubei_hbeu_zizhu": real.hubei_13,
    "14_hebei_ningjin_targets_only": real.hebei_targets_14,
    "16_hunan_hengshan_chubeiliang": real.hengshan_16,
    "18_anhui_xiaoxian_xianjie": real.xiaoxian_18,
    "21_anhui_tianchang_blank_rows": real.tianchang_21,
    "31_two_row_header": derived.two_row_header_31,
    "32_columns_reordered": derived.reordered_32,
    "33_yuan_text_numbers": derived.yuan_text_numbers_33,
    "34_school_partial_weights": derived.school_partial_weights_34,
    "35_label_weights_only": derived.label_weights_35,
    "36_numbered_rows": derived.numbered_rows_36,
    "37_keep_low_and_deadlines": derived.keep_low_deadlines_37,
    "38_two_departments": derived.two_departments_38,
    "39_budget_system_export": derived.budget_export_39,
    "40_seed_department_with_funds": derived.seed_department_40,
    "41_department_without_funds": derived.department_without_funds_41,
    "42_export_without_self_evaluation": derived.export_without_self_evaluation_42,
}
"""File stem → builder; every stem is written as .xlsx."""

XLS_COPIES = ("16_hunan_hengshan_chubeiliang", "18_anhui_xiaoxian_xianjie")
"""Stems also kept as .xls (BIFF8), converted from the .xlsx by LibreOffice."""


def to_xls(xlsx: Path, folder: Path) -> Path:
    """Convert `xlsx` to an .xls beside the others in `folder` with LibreOffice; return it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to write the .xls copies")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                str(folder),
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    out = folder / f"{xlsx.stem}.xls"
    if not out.exists():
        raise RuntimeError(f"LibreOffice wrote no {out.name}")
    return out


def build_all(folder: Path = FOLDER, xls: bool = True) -> list[Path]:
    """Write every corpus workbook into `folder` (and the .xls copies when `xls`); return
    their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, builder in BUILDERS.items():
        path = folder / f"{stem}.xlsx"
        builder(path)
        paths.append(path)
    if xls:
        paths += [to_xls(folder / f"{stem}.xlsx", folder) for stem in XLS_COPIES]
    return paths


if __name__ == "__main__":
    for p in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
