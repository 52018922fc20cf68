"""The Word 自评报告 (`selfeval report`, the GUI's 生成自评报告): a draft of the written report
with every figure of the evaluation filled in and every reason left to a person.

`app.pipeline.write_report` is the job the CLI and the GUI run: it checks the template here
(`check_template`), evaluates the input, and has `render_report` fill the template (`context`
→ `render`) and save the document through a temporary file, never over the input. docxtpl
and python-docx are imported only on this path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.files import REPORT_TAIL, beside, output_path_for

if TYPE_CHECKING:
    from app.evaluate.results import Evaluation

SUFFIX = ".docx"


def report_path(input_path: str | Path, output: str | Path | None) -> Path:
    """Return where the 自评报告 of `input_path` goes: `output` (given .docx when it ends
    otherwise), or `<input name>_自评报告.docx` beside the input; never the input itself."""
    source = Path(input_path)
    return output_path_for(source, output, beside(source, REPORT_TAIL), SUFFIX)


def check_template(template: str | Path | None) -> Any:
    """Return the report template opened and checked (None: the default); InputError naming
    the field or the fault when it cannot be used."""
    from app.wordreport.template import open_template

    return open_template(template)


def render_report(
    evaluation: Evaluation,
    source_name: str,
    doc: Any,
    template: str | Path | None,
    target: Path,
    step: Callable[[str, int, int], None],
) -> None:
    """Fill the checked template `doc` (from `template`, None: the default) with the
    evaluation and save it at `target` through a temporary file; `step(stage, done, total)`
    is called per project ("报告") and while saving ("保存报告")."""
    from app.files.atomic import atomic_output
    from app.wordreport.context import report_fields
    from app.wordreport.render import render, save
    from app.wordreport.template import template_name

    step("报告", 0, len(evaluation.projects))
    fields = report_fields(evaluation, source_name, lambda d, t: step("报告", d, t))
    step("保存报告", 0, 2)
    with atomic_output(target) as tmp:
        render(doc, fields, template_name(template))
        step("保存报告", 1, 2)
        save(doc, tmp)
        step("保存报告", 2, 2)
