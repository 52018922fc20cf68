"""`selfeval report` (the Word 自评报告) and `selfeval template` (blank, or pre-filled from
申报表s with `--from`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.output import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, _done, _err, _progress


def _report(args: argparse.Namespace) -> int:
    """`selfeval report`: the Word 自评报告 of one input; exit 2 with one Chinese line when the
    input, the template or the output cannot be used (no file is left then)."""
    from app.errors import Cancelled, InputError, OutputError
    from app.pipeline import write_report
    from app.rules import load_rules

    try:
        rules = load_rules(args.rules)
        result = write_report(
            args.input, args.output, rules, template=args.template, progress=_progress
        )
    except (InputError, OutputError) as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    except Cancelled:
        _err("已取消")
        return EXIT_UNREADABLE
    _done(f"已生成：{result.output}", args)
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    if args.sources:
        return _prefill(args)
    from app.errors import OutputError
    from app.files.atomic import atomic_output
    from app.writers.template import write_template

    target = Path(args.output or "selfeval-template.xlsx")
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    try:
        with atomic_output(target) as tmp:
            write_template(tmp)
    except OutputError as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    _done(f"已生成空白模板：{target}", args)
    return EXIT_OK


def _prefill(args: argparse.Namespace) -> int:
    """`template --from`: the template pre-filled from 申报表s and the like; 1 when some file
    could not be read, 2 when none gave a project or the output cannot be written."""
    from app.errors import Cancelled, InputError, OutputError
    from app.prefill import DEFAULT_NAME, prefill

    try:
        result = prefill(args.sources, args.output or DEFAULT_NAME, progress=_progress)
    except (InputError, OutputError) as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    except Cancelled:
        _err("已取消")
        return EXIT_UNREADABLE
    for file, message in result.read.failed:
        _err(f"未能读取“{file}”：{message}")
    for note in result.notes:
        _err(f"提示：{note}")
    _done(
        f"已生成预填模板：{result.output}（{result.projects}个项目、{result.indicators}个指标；"
        "黄色单元格待填写）",
        args,
    )
    return EXIT_ERRORS if result.read.failed else EXIT_OK
