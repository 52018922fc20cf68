"""The file rules, in one place (as dangerzone's `Document` owns its): which files are
workbooks, what selfeval names what it writes, where it may write (never over an input), and
how a folder's workbooks are found. Writing itself is `atomic.atomic_output` (a temporary file
renamed when complete); what the system says when a file cannot be used, `errors.describe`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.errors import OutputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
"""The files selfeval opens as workbooks (by content: a renamed file is read as what it is)."""

OUTPUT_TAIL = "_自评结果.xlsx"
"""The review workbook `generate` writes: `<input name>_自评结果.xlsx`."""
SUBMISSION_TAIL = "_报送版.xlsx"
"""The submission copy (报送版)."""
REPORT_TAIL = "_自评报告.docx"
"""The Word 自评报告."""
FILLED_TAIL = "_已评分.xlsx"
"""The office's own workbook with the figures filled in (`selfeval fill`)."""


def beside(input_path: str | Path, tail: str, folder: str | Path | None = None) -> Path:
    """Return `<input name><tail>` in `folder`, or beside the input."""
    p = Path(input_path)
    return Path(folder or p.parent) / f"{p.stem}{tail}"


def default_output(input_path: str | Path) -> Path:
    """Return `<input name>_自评结果.xlsx` beside the input."""
    return beside(input_path, OUTPUT_TAIL)


def default_submission(input_path: str | Path, output: str | Path | None = None) -> Path:
    """Return `<input name>_报送版.xlsx`: beside the output when given, else beside the input."""
    return beside(input_path, SUBMISSION_TAIL, Path(output).parent if output else None)


def with_suffix(path: str | Path, suffix: str = ".xlsx") -> Path:
    """Return `path` ending in `suffix` (added, not replacing, when it ends otherwise: a name
    such as "2023.结果" keeps its dot)."""
    p = Path(path)
    return p if p.suffix.lower() == suffix else p.with_name(p.name + suffix)


def same_file(a: str | Path, b: str | Path) -> bool:
    """Return True when `a` and `b` name the same file (also through links): the rule every
    output path is checked by, so that nothing is ever written over an input."""
    a, b = Path(a), Path(b)
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.exists() and a.samefile(b))
    except OSError:
        return False


def output_path_for(
    source: str | Path,
    output: str | Path | None,
    default: Path,
    suffix: str = ".xlsx",
    inputs: Sequence[str | Path] = (),
) -> Path:
    """Return where a file made from `source` goes: `output` (given `suffix` when it ends
    otherwise) or `default`. OutputError when that is the input or one of `inputs`."""
    target = with_suffix(output, suffix) if output else default
    if any(same_file(p, target) for p in (source, *inputs)):
        raise OutputError("输出文件不能与输入文件相同，请另选保存位置")
    return target


def is_workbook_name(path: Path) -> bool:
    """True for a file a folder's batch takes: a workbook ending, not an Office lock file
    (`~$*`) nor a hidden one. (Workbooks selfeval made are told by their content later.)"""
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(("~$", "."))


def _walk(folder: Path) -> Iterable[Path]:
    """Yield the candidate workbooks under `folder`, not entering hidden folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if is_workbook_name(path):
                yield path


def collect_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Return the workbooks to process: every file named as given (whatever its name), and
    every workbook under each folder named (recursively), skipping Office lock files and
    hidden files and folders. Sorted, each file once."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(_walk(path) if path.is_dir() else [path])
    seen: set[str] = set()
    unique: list[Path] = []
    for path in sorted(found, key=lambda p: str(p)):
        try:
            key = os.path.normcase(str(path.resolve()))
        except OSError:
            key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
