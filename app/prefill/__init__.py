"""Start from what the office already has: a data template pre-filled from 申报表s,
执行监控表s, budget-system exports and last year's self-evaluation (`selfeval template
--from`, 从申报表开始 in the window).

`prefill(inputs, output)` reads every file (folders searched), merges what they declare into
one department (`merge`), and writes the template (`rows`, `app.writers.template`): the
indicators and targets filled in, the year's actuals left empty and marked, the monitoring
table's figures beside them as hints. The output is written through a temporary file and
never over an input.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import Cancelled, InputError, OutputError
from app.files import same_file
from app.readers.declared.model import Declared

DEFAULT_NAME = "预填数据模板.xlsx"

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): "读取" per file, then "保存"; also where a cancel is
honoured."""


@dataclass(frozen=True)
class PrefillResult:
    """What was made: the template, its projects and indicators, what was read."""

    output: Path
    projects: int
    indicators: int
    read: Declared
    notes: tuple[str, ...]


def prefill(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PrefillResult:
    """Write the template pre-filled from `inputs` (files and folders) to `output`.

    Raises InputError when no file gives a project (the message names each file's problem),
    OutputError when the output cannot be written or is one of the inputs, Cancelled when
    `cancel()` turned True (nothing is written then)."""
    # As in pipeline.run: reading and writing make no reference cycles, only many objects
    # the cyclic collector would traverse again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _prefill(inputs, Path(output), progress, cancel)
    finally:
        if collecting:
            gc.enable()


def _prefill(
    inputs: Sequence[str | Path],
    target: Path,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> PrefillResult:
    from app.files import collect_inputs
    from app.files.atomic import atomic_output
    from app.prefill.merge import merge
    from app.prefill.rows import prefill_notes, template_rows
    from app.readers.declared.files import read_files
    from app.writers.template import write_template

    def step(stage: str, done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(stage, done, total)

    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    named = [Path(p) for p in inputs]
    if any(same_file(p, target) for p in named):
        raise OutputError("输出文件不能与输入文件相同，请另选保存位置")
    # A template written earlier into the folder read is no input of this one.
    paths = [p for p in collect_inputs(named) if not same_file(p, target)]
    if not paths:
        raise InputError("没有找到要读取的工作簿（.xlsx、.xlsm、.xls）")
    read = read_files(paths, progress=lambda d, t: step("读取", d, t))
    if not any(not p.department for p in read.projects):
        raise InputError(_nothing_read(read))
    merged = merge(read.projects)
    step("保存", 0, 1)
    with atomic_output(target) as tmp:
        write_template(tmp, template_rows(merged), prefill_notes(merged, read, len(paths)))
    step("保存", 1, 1)
    return PrefillResult(
        target,
        len(merged.projects),
        sum(len(p.indicators) for p in merged.projects),
        read,
        tuple(merged.notes),
    )


def _nothing_read(read: Declared) -> str:
    """The message when no file gave a project: each file's reason."""
    reasons = [f"“{file}”：{message}" for file, message in read.failed]
    reasons += [f"“{n.file}”{n.what}" for n in read.notes if not n.sheet]
    shown = "；".join(reasons[:5]) + ("等" if len(reasons) > 5 else "")
    return "没有从所给文件中读到任何项目（需要绩效目标申报表、执行监控表或自评表）" + (
        f"：{shown}" if shown else ""
    )
