"""The Word 自评报告 (`selfeval report`, the GUI's 生成自评报告): a draft of the written report
with every figure of the evaluation filled in and every reason left to a person.

`write_report` is the one entry point the CLI and the GUI call: it checks the template, runs
the evaluation (`app.pipeline.run`, nothing written), fills the template (`context` →
`render`) and saves the document through a temporary file, never over the input. docxtpl and
python-docx are imported only here, when a report is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.errors import Cancelled, OutputError
from app.pipeline import Progress, RunResult
from app.rules import NATIONAL, Rules

SUFFIX = ".docx"


def default_output(input_path: str | Path) -> Path:
    """Return `<input name>_自评报告.docx` beside the input."""
    p = Path(input_path)
    return p.with_name(f"{p.stem}_自评报告{SUFFIX}")


def output_path(input_path: str | Path, output: str | Path | None) -> Path:
    """Return where the report goes: `output` (given .docx when it has another suffix), or
    the default beside the input. Raises OutputError when that is the input itself."""
    from app.pipeline import same_file

    source = Path(input_path)
    target = Path(output) if output else default_output(source)
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    if same_file(source, target):
        raise OutputError("输出文件不能与输入文件相同，请另选保存位置")
    return target


def write_report(
    input_path: str | Path,
    output: str | Path | None = None,
    rules: Rules = NATIONAL,
    *,
    template: str | Path | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> RunResult:
    """Evaluate `input_path` and write its 自评报告 from `template` (None: the default);
    return the run (its `output` is the report's path).

    progress(stage, done, total) reports "读取" and "评分" as `pipeline.run` does, then
    "报告" per project and "保存报告" while the document is filled and saved. Raises
    InputError for an unreadable input or template, OutputError when the report cannot be
    written, Cancelled when `cancel()` turned True; no file is left behind then.
    """
    from app.pipeline import run
    from app.readers.safe_write import atomic_output
    from app.wordreport.context import report_fields
    from app.wordreport.render import render, save
    from app.wordreport.template import open_template, template_name

    def step(stage: str, done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(stage, done, total)

    source = Path(input_path)
    target = output_path(source, output)
    doc = open_template(template)
    name = template_name(template)
    result = run(source, None, rules, write=False, progress=progress, cancel=cancel)
    step("报告", 0, len(result.evaluation.projects))
    fields = report_fields(result.evaluation, source.name, lambda d, t: step("报告", d, t))
    step("保存报告", 0, 2)
    with atomic_output(target) as tmp:
        render(doc, fields, name)
        step("保存报告", 1, 2)
        save(doc, tmp)
        step("保存报告", 2, 2)
    report = dict(result.report, output=str(target))
    return RunResult(result.evaluation, report, target)
