"""The one pipeline both faces call: read → evaluate → write (→ report).

`run()` never writes the output in place: the workbook is written to a temporary file beside
the target and renamed only when complete, and never over the input. An earlier output there
is kept as a backup beside it, and the texts a person typed into it are carried into the new
one (`app.carry`). The submission copy (报送版), when asked for, is written the same way in
the same run, from the same evaluation.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import Cancelled, OutputError
from app.files import default_output, default_submission, output_path_for, same_file
from app.rules import NATIONAL, Rules

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stage is "读取", "评分", "生成" (the project forms), "保存"
(the summary, the findings, and the workbook's package) or "报送版" (the whole submission
copy); at most a fraction of a second apart for any size, since each call is also where a
cancel is honoured."""


@dataclass(frozen=True)
class RunResult:
    """What a run produced: the evaluation, the JSON-ready report, and the output path (None
    for a check). When the output replaced an earlier one: where that is kept (`backup`), how
    many texts typed into it were carried over (`carried`), and how many explanations were
    not, their indicator's values having changed (`left`)."""

    evaluation: Any
    report: dict[str, Any]
    output: Path | None
    backup: Path | None = None
    carried: int = 0
    left: int = 0
    earlier_read: bool = False
    """True when the earlier output was one of ours and could be read for its texts."""
    submission: Path | None = None
    """The submission copy (报送版) written beside the output, if asked for."""
    submission_backup: Path | None = None
    """Where an earlier submission copy at that path is kept."""

    def kept_text(self) -> str:
        """Return what became of the earlier output, in a sentence or two ("" when there was
        none)."""
        kept = f"原报送版已备份为：{self.submission_backup}。" if self.submission_backup else ""
        if self.backup is None:
            return kept
        parts = [f"原文件已备份为：{self.backup}"]
        if not self.earlier_read:
            parts.append("它不是 selfeval 生成的自评结果或无法读取，其中的文字未带入")
        else:
            if self.carried:
                parts.append(f"已将原文件中填写的{self.carried}处文字（偏差原因分析等）带入新文件")
            if self.left:
                parts.append(
                    f"另有{self.left}处偏差原因因指标值或完成值已改变未带入，请对照备份文件"
                )
            parts.append("在原文件中改过的数字不会带入，请改在输入文件中")
        return "；".join(parts) + "。" + kept


def stepper(progress: Progress | None, cancel: Callable[[], bool] | None) -> Progress:
    """Return step(stage, done, total): raises Cancelled once `cancel()` is True, else
    passes the step on to `progress`."""

    def step(stage: str, done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(stage, done, total)

    return step


def run(
    input_path: str | Path,
    output_path: str | Path | None = None,
    rules: Rules = NATIONAL,
    *,
    write: bool = True,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    declared: Sequence[str | Path] = (),
    submission: str | Path | bool | None = None,
) -> RunResult:
    """Read, evaluate and (when `write`) write the finished workbook; return what was made.
    With `declared` (申报表s, 执行监控表s), every indicator and target is compared with the
    declared ones (`target_changed` findings, app.evaluate.declared). With `submission` (a
    path, or True for `default_submission`) the submission copy (报送版) is written too, from
    the same evaluation.

    Raises InputError when the input (or a declared file) cannot be read, OutputError when
    the output cannot be written (nothing is changed then), Cancelled when `cancel()` turned
    True.
    """
    # Reading, judging and writing make no reference cycles, only millions of objects that
    # the cyclic collector would traverse again and again: a quarter of the time of reading
    # and judging 8,000 forms, and growing faster than the input. It rests during the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(input_path, output_path, rules, write, progress, cancel, declared, submission)
    finally:
        if collecting:
            gc.enable()


def _run(
    input_path: str | Path,
    output_path: str | Path | None,
    rules: Rules,
    write: bool,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
    declared: Sequence[str | Path] = (),
    submission: str | Path | bool | None = None,
) -> RunResult:
    from app.evaluate.scoring import evaluate
    from app.files.errors import long_path
    from app.readers import read
    from app.writers.report import report

    step = stepper(progress, cancel)
    source = Path(input_path)
    output = None
    if write:
        output = output_path_for(source, output_path, default_output(source), inputs=declared)
    plain = _submission_path(source, output, submission)
    step("读取", 0, 1)
    # Beyond 260 characters Windows opens a path only in its \\?\ form.
    dataset = read(long_path(source), progress=lambda d, t: step("读取", d, t))
    backup: Path | None = None
    carried = None
    if output is not None and output.is_file():
        # Never lose a person's work: the texts typed into the earlier output come along,
        # and the earlier file is kept beside the new one.
        from app.carry import carry_from
        from app.files.atomic import backup_path

        carried = carry_from(output, dataset, lambda: step("读取", 1, 1))
        if carried is not None:
            dataset = carried.dataset
        backup = backup_path(output)
    evaluation = evaluate(dataset, rules, progress=lambda d, t: step("评分", d, t))
    if declared:
        from app.evaluate.declared import compare, with_findings
        from app.readers.declared.files import read_declared

        targets = read_declared(declared)
        evaluation = with_findings(evaluation, compare(dataset, targets.projects))
    plain_backup: Path | None = None
    if write:
        from app.files.atomic import atomic_output, backup_path
        from app.writers.workbook import write_workbook

        assert output is not None
        with contextlib.ExitStack() as files:
            # Both copies are complete before either takes its name.
            tmp = files.enter_context(atomic_output(output, keep=backup))
            if plain is not None:
                plain_backup = backup_path(plain) if plain.is_file() else None
                plain_tmp = files.enter_context(atomic_output(plain, keep=plain_backup))
            write_workbook(
                evaluation,
                tmp,
                source_name=source.name,
                progress=lambda d, t: step("生成", d, t),
                saving=lambda d, t: step("保存", d, t),
            )
            if plain is not None:
                n = max(len(evaluation.projects), 1)
                write_workbook(
                    evaluation,
                    plain_tmp,
                    source_name=source.name,
                    progress=lambda d, t: step("报送版", d * n // max(t, 1), 2 * n),
                    saving=lambda d, t: step("报送版", n + d * n // max(t, 1), 2 * n),
                    submission=True,
                )
    made = report(evaluation, str(input_path), str(output) if output else None)
    if backup is not None:
        made["backup"] = str(backup)
        made["carried"] = 0 if carried is None else carried.texts
    if plain is not None:
        made["submission"] = str(plain)
        if plain_backup is not None:
            made["submission_backup"] = str(plain_backup)
    return RunResult(
        evaluation,
        made,
        output,
        backup,
        0 if carried is None else carried.texts,
        0 if carried is None else carried.left,
        carried is not None,
        plain,
        plain_backup,
    )


def _submission_path(
    source: Path, output: Path | None, submission: str | Path | bool | None
) -> Path | None:
    """Return where the submission copy goes (None when none is asked for, or nothing is
    written); OutputError when that is the input or the review copy itself."""
    if output is None or submission is None or submission is False:
        return None
    given = None if isinstance(submission, bool) else submission
    plain = output_path_for(source, given, default_submission(source, output))
    if same_file(output, plain):
        raise OutputError("报送版不能与自评结果是同一个文件，请另选保存位置")
    return plain


def write_report(
    input_path: str | Path,
    output: str | Path | None = None,
    rules: Rules = NATIONAL,
    *,
    template: str | Path | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> RunResult:
    """Evaluate `input_path` and write its Word 自评报告 from `template` (None: the default);
    return the run (its `output` is the report's path).

    progress(stage, done, total) reports "读取" and "评分" as `run` does, then "报告" per
    project and "保存报告" while the document is filled and saved. Raises InputError for an
    unreadable input or template, OutputError when the report cannot be written, Cancelled
    when `cancel()` turned True; no file is left behind then.
    """
    from app.wordreport import check_template, render_report, report_path

    source = Path(input_path)
    target = report_path(source, output)
    doc = check_template(template)
    result = run(source, None, rules, write=False, progress=progress, cancel=cancel)
    step = stepper(progress, cancel)
    render_report(result.evaluation, source.name, doc, template, target, step)
    report = dict(result.report, output=str(target))
    return RunResult(result.evaluation, report, target)
