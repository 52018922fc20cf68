"""Whose a finding is, and how many problems (问题数) a form has: the one definition every face
counts with (the CLI, the window, 汇总, 问题清单, the JSON report and the bureau summary).

Every finding belongs to exactly one place: one project, or the department and workbook
together. A finding names its project by name; when two projects share a name, the sheet (and
row) of its cell says which. 问题数 is the number of findings of severity error or warning; the
info findings (提示) are listed everywhere too, and counted apart (docs/report.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.evaluate.bands import PARTIAL
from app.evaluate.results import IndicatorResult
from app.model import Finding, Project

COUNTED = ("error", "warning")
"""The severities that count as problems (问题数)."""

_ROW = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Tally:
    """How many findings there are of each severity; `problems` is 问题数."""

    error: int = 0
    warning: int = 0
    info: int = 0

    @property
    def problems(self) -> int:
        """问题数: errors and warnings (提示 are not counted)."""
        return self.error + self.warning

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.error + other.error, self.warning + other.warning, self.info + other.info)

    def as_dict(self) -> dict[str, int]:
        """Return the counts as the JSON report writes them."""
        return {
            "problems": self.problems,
            "error": self.error,
            "warning": self.warning,
            "info": self.info,
        }


def tally(findings: Iterable[Finding]) -> Tally:
    """Return the counts of `findings` by severity."""
    n = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        n[f.severity] = n.get(f.severity, 0) + 1
    return Tally(n["error"], n["warning"], n["info"])


def _row_of(cell: str) -> int:
    m = _ROW.search(cell)
    return int(m.group(0)) if m else 0


def owner(f: Finding, projects: Sequence[Project], by_name: dict[str, list[int]]) -> int | None:
    """Return the index of the project `f` belongs to, or None (the department and workbook).

    `by_name` maps each project name to the indices of the projects of that name. Among
    projects of one name, the one on the finding's sheet whose name cell is the last at or
    above the finding's row; failing that, the first."""
    if f.project is None:
        return None
    same = by_name.get(f.project)
    if not same:
        return None  # a name no project has (unknown_project): the workbook's
    where = f.where
    if len(same) == 1 or where is None:
        return same[0]
    named = {i: at for i in same if (at := projects[i].where) is not None}
    on_sheet = [i for i, at in named.items() if at.sheet == where.sheet]
    if not on_sheet:
        return same[0]
    row = _row_of(where.cell)
    above = [i for i in on_sheet if _row_of(named[i].cell) <= row]
    return above[-1] if above else on_sheet[0]


def names_index(projects: Sequence[Project]) -> dict[str, list[int]]:
    """Return the indices of the projects of each name, in project order."""
    out: dict[str, list[int]] = {}
    for i, p in enumerate(projects):
        out.setdefault(p.name, []).append(i)
    return out


def share_out(
    findings: Iterable[Finding], projects: Sequence[Project]
) -> tuple[list[Finding], list[list[Finding]]]:
    """Return the findings of the workbook, and those of each project (same order as
    `projects`), each finding in exactly one place."""
    by_name = names_index(projects)
    workbook: list[Finding] = []
    each: list[list[Finding]] = [[] for _ in projects]
    for f in findings:
        i = owner(f, projects, by_name)
        (workbook if i is None else each[i]).append(f)
    return workbook, each


WORDS = {
    "met": "达成",
    "exceeded": "超额完成",
    "unmet": "未达成",
    "manual": "需人工判断",
    "not_applicable": "不适用",
}


def judgement_word(status: str, band: str | None) -> str:
    """Return the words a judgement is named by: 达成, 部分达成, 未达成, 超额完成, 需人工判断
    or 不适用 (a 部分达成 band is status unmet, and says 部分达成)."""
    if status == "unmet" and band == PARTIAL:
        return PARTIAL
    return WORDS.get(status, status)


@dataclass(frozen=True, slots=True)
class Judged:
    """How many indicators a form has, and how many of each judgement (达成 counts 超额完成
    too; 不适用 ones are in `count` only)."""

    count: int = 0
    met: int = 0
    partial: int = 0
    unmet: int = 0
    manual: int = 0


def judged(results: Iterable[IndicatorResult]) -> Judged:
    """Return the judgement counts of a form's indicators."""
    n = met = partial = unmet = manual = 0
    for res in results:
        n += 1
        status = res.status
        if status in ("met", "exceeded"):
            met += 1
        elif status == "unmet":
            if res.band == PARTIAL:
                partial += 1
            else:
                unmet += 1
        elif status == "manual":
            manual += 1
    return Judged(n, met, partial, unmet, manual)
