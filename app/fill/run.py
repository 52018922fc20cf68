"""`fill()`: read the office's workbook, score it, and write the figures into a copy of it.

Never the input itself; the copy is written to a temporary file beside the target and
renamed only when complete (`atomic_output`). Inputs that cannot be filled in place are
refused with one Chinese sentence before anything is written: an .xls (or .xlsb, .ods), the
data template, a workbook whose forms have no cell for any 得分 (`CannotFill`, the national
layout is the way), and, unless the user agrees, one holding what the copy would lose
(`WouldLose`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import InputError
from app.files import FILLED_TAIL, beside, output_path_for
from app.fill.losses import Loss, WouldLose
from app.fill.plan import Plan
from app.rules import NATIONAL, Rules

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stage "读取", "评分", "填写" or "保存"."""

NATIONAL_HINT = "请用“一键生成”（selfeval generate）生成国家通用格式的自评表"
_FORMAT_NAMES = {
    "xls": "旧版Excel工作簿（.xls）",
    "xlsb": "二进制工作簿（.xlsb）",
    "ods": "ODS表格",
}


class CannotFill(InputError):
    """The workbook cannot be filled in place; the national layout (`generate`) can be made."""


@dataclass(frozen=True)
class FillResult:
    """What a fill made: the evaluation, the JSON-ready report (with a "fill" part), the
    output, the plan carried out, and the losses the user agreed to."""

    evaluation: Any
    report: dict[str, Any]
    output: Path
    plan: Plan
    losses: tuple[Loss, ...] = field(default=())
    backup: Path | None = None
    """Where an existing output was kept (moved aside) before the new one replaced it."""

    def kept_text(self) -> str:
        """Return where the earlier output was kept, in a sentence ("" when there was none)."""
        if self.backup is None:
            return ""
        return f"原文件已备份为：{self.backup}"


def default_fill_output(input_path: str | Path) -> Path:
    """Return `<input name>_已评分.xlsx` beside the input."""
    return beside(input_path, FILLED_TAIL)


def fill(
    input_path: str | Path,
    output_path: str | Path | None = None,
    rules: Rules = NATIONAL,
    *,
    flags: bool = True,
    allow_loss: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> FillResult:
    """Fill a copy of the workbook at `input_path` with its computed figures; return what was
    made. `flags` False makes a copy to hand in: figures only, no fills, no notes.

    Raises CannotFill or WouldLose (InputErrors) as the module says, InputError when the
    input cannot be read, OutputError when the output cannot be written (nothing is changed
    then), Cancelled when `cancel()` turned True.
    """
    collecting = gc.isenabled()
    gc.disable()  # as in pipeline.run: millions of objects, no cycles
    try:
        return _fill(input_path, output_path, rules, flags, allow_loss, progress, cancel)
    finally:
        if collecting:
            gc.enable()


def _fill(
    input_path: str | Path,
    output_path: str | Path | None,
    rules: Rules,
    flags: bool,
    allow_loss: bool,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> FillResult:
    from app.evaluate.scoring import evaluate
    from app.files.atomic import atomic_output, backup_path
    from app.files.errors import long_path
    from app.fill import apply
    from app.fill.losses import scan_losses
    from app.fill.plan import fillable, make_plan
    from app.pipeline import stepper
    from app.readers import read
    from app.readers.guard import inspect
    from app.writers.report import report

    step = stepper(progress, cancel)
    source = Path(input_path)
    output = output_path_for(source, output_path, default_fill_output(source))
    step("读取", 0, 1)
    path = long_path(source)
    kind = inspect(path)
    if kind != "xlsx":
        raise CannotFill(
            f"“{source.name}”是{_FORMAT_NAMES.get(kind, kind)}，无法在原表上填写。"
            f"请在Excel或WPS中打开后另存为.xlsx格式再填写；或{NATIONAL_HINT}"
        )
    dataset = read(path, progress=lambda d, t: step("读取", d, t))
    if dataset.kind == "template":
        raise CannotFill(f"“{source.name}”是数据模板，没有可填写的原表；{NATIONAL_HINT}")
    evaluation = evaluate(dataset, rules, progress=lambda d, t: step("评分", d, t))
    if not fillable(evaluation):
        raise CannotFill(
            f"“{source.name}”中的自评表没有“得分”栏，无处填写得分；{NATIONAL_HINT}，"
            "它包含执行率、各指标得分、总分和等级"
        )
    losses = scan_losses(path)
    if any(loss.blocking for loss in losses) and not allow_loss:
        raise WouldLose(source.name, losses)
    step("填写", 0, 2)
    try:
        book, dropped = apply.load(path)
    except Exception as exc:  # noqa: BLE001 - whatever openpyxl trips on: said, never a traceback
        raise CannotFill(
            f"无法在“{source.name}”上填写：文件中有本程序无法编辑的内容（{type(exc).__name__}）。"
            f"请在Excel或WPS中打开后另存为.xlsx再试；或{NATIONAL_HINT}"
        ) from None
    if dropped and not allow_loss:
        raise WouldLose(source.name, dropped)
    losses = _merged(losses, dropped)
    step("填写", 1, 2)
    cells = apply.Cells(book, path)
    try:
        plan = make_plan(evaluation, cells, flags)
    finally:
        cells.close()
    apply.apply_edits(book, plan.edits)
    formulas = apply.formula_cells(book, plan.edits)
    step("保存", 0, 1)
    # An earlier output may hold a person's work: it is kept beside the new one.
    backup = backup_path(output) if output.is_file() else None
    with atomic_output(output, keep=backup) as tmp:
        apply.save(book, tmp, path, formulas)
    step("保存", 1, 1)
    out = report(evaluation, str(input_path), str(output))
    out["fill"] = fill_report(plan, losses, flags)
    if backup is not None:
        out["backup"] = str(backup)
    return FillResult(evaluation, out, output, plan, tuple(losses), backup)


def _merged(first: list[Loss], second: list[Loss]) -> list[Loss]:
    seen = {loss.what for loss in first}
    return [*first, *(loss for loss in second if loss.what not in seen)]


def fill_report(plan: Plan, losses: list[Loss], flags: bool) -> dict[str, Any]:
    """The "fill" part of the JSON report: the cells written (with what they held when a
    hand-filled figure was replaced), the forms filled and left, what was lost."""
    return {
        "marked": flags,
        "forms": plan.filled,
        "unfilled": plan.unfilled,
        "cells": [
            {"where": str(e.where), "value": e.shown, "old": _plain(e.old)} for e in plan.written
        ],
        "replaced": len(plan.replaced),
        "flags": sum(e.fill is not None or e.frame for e in plan.edits),
        "notes": sum(bool(e.note) for e in plan.edits),
        "lost": [loss.what for loss in losses],
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
