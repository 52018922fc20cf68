"""Read the files a template is pre-filled from (or a self-evaluation compared with): each
workbook inspected and opened once, its 申报表s and 执行监控表s read, and, for pre-filling,
its self-evaluation too (our data template, our generated workbook, official 自评表 forms).

A file that cannot be read is set aside with its message; the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.errors import InputError
from app.model import Breakdown, Dataset, Funding, Indicator
from app.readers.declared.model import (
    Declared,
    DeclaredIndicator,
    DeclaredProject,
    Note,
)
from app.readers.declared.reader import read_declarations

Progress = Callable[[int, int], None]
_STARS = {ord("★"): None, ord("☆"): None}


def read_files(
    paths: Sequence[str | Path], *, self_evaluations: bool = True, progress: Progress | None = None
) -> Declared:
    """Read every file of `paths` (workbooks; expand folders first). `self_evaluations` False
    reads only 申报表s and 执行监控表s. `progress(done, total)` is called before each file and
    at the end (an exception it raises, a cancel, propagates)."""
    projects: list[DeclaredProject] = []
    notes: list[Note] = []
    failed: list[tuple[str, str]] = []
    total = len(paths)
    for i, path in enumerate(paths):
        if progress is not None:
            progress(i, total)
        name = Path(path).name
        try:
            got, said = _read_one(Path(path), self_evaluations)
        except InputError as exc:
            failed.append((name, exc.message))
            continue
        projects += got
        notes += said
        if not got:
            what = (
                "绩效目标申报表、执行监控表或自评表"
                if self_evaluations
                else "绩效目标申报表或执行监控表"
            )
            notes.append(Note(name, "", f"没有找到{what}，未采用"))
    if progress is not None:
        progress(total, total)
    return Declared(tuple(projects), tuple(notes), tuple(failed))


def read_declared(paths: Sequence[str | Path]) -> Declared:
    """Read the 申报表s and 执行监控表s a self-evaluation is compared with; raise InputError
    naming the file when one cannot be read or declares nothing (a comparison with part of
    what was meant would say too little)."""
    got = read_files(paths, self_evaluations=False)
    if got.failed:
        name, message = got.failed[0]
        raise InputError(f"无法读取申报表“{name}”：{message}")
    named = {p.file for p in got.projects}
    for path in paths:
        name = Path(path).name
        if name not in named:
            raise InputError(
                f"“{name}”中没有找到绩效目标申报表或执行监控表（需有“项目名称”和"
                "“一级指标”“二级指标”“三级指标”“指标值”等栏目），无法对照"
            )
    return got


def _read_one(path: Path, self_evaluations: bool) -> tuple[list[DeclaredProject], list[Note]]:
    """Read one workbook; raise InputError when it cannot be read at all."""
    from app.files.errors import long_path
    from app.readers.book import open_book
    from app.readers.forms import read_forms
    from app.readers.guard import inspect
    from app.readers.template import looks_like_template, read_template

    name = path.name
    source = long_path(path)
    if inspect(source) == "xlsb":
        raise InputError(f"暂不支持二进制工作簿（.xlsb）“{name}”，请另存为.xlsx后再试")
    book = open_book(source)
    try:
        if not any(sheet.rows for sheet in book.sheets):
            raise InputError(f"“{name}”是空的工作簿")
        if looks_like_template(book):
            if not self_evaluations:
                return [], [Note(name, "", "是数据模板（自评数据），不是申报表，未对照")]
            book.load_all()
            return from_dataset(read_template(book), name), []
        got = read_declarations(book, name)
        projects = list(got.projects)
        notes = list(got.notes)
        if self_evaluations and got.has_self_evaluation:
            try:
                projects += from_dataset(read_forms(book), name)
            except InputError as exc:
                notes.append(Note(name, "", exc.message))
        return projects, notes
    finally:
        book.close()


def from_dataset(ds: Dataset, file: str) -> list[DeclaredProject]:
    """Return a self-evaluation's department and projects as tables to start from: their
    indicators, targets and 分值, their sources (without amounts: those are the year's own)."""
    year = ds.department.year
    dep = ds.department
    out: list[DeclaredProject] = []
    if dep.where is not None or dep.indicators or dep.tasks:  # a department form, not a guess
        out.append(
            DeclaredProject(
                kind="selfeval",
                file=file,
                name=dep.name,
                where=dep.where,
                department=True,
                supervisor=dep.supervisor,
                year=year,
                goal=dep.goal,
                indicators=_indicators(dep.indicators),
                tasks=dep.tasks,
            )
        )
    for p in ds.projects:
        out.append(
            DeclaredProject(
                kind="selfeval",
                file=file,
                name=p.name,
                where=p.where,
                supervisor=p.department or dep.supervisor or dep.name,
                unit=p.unit,
                year=year,
                goal=p.goal,
                sources=tuple(Funding(source=s.source) for s in p.funds.sources),
                indicators=_indicators(p.indicators),
            )
        )
    return out


def _indicators(indicators: tuple[Indicator, ...]) -> tuple[DeclaredIndicator, ...]:
    return tuple(
        DeclaredIndicator(
            level1=ind.level1,
            level2=ind.level2,
            name=ind.name.translate(_STARS).strip(),
            target=ind.target,
            where=ind.target_at,
            core=any(s in ind.name for s in "★☆"),
            weight=ind.weight,
            breakdown=tuple(Breakdown(b.name, b.target, "", b.where) for b in ind.breakdown),
        )
        for ind in indicators
    )
