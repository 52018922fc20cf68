"""`selfeval generate` and `selfeval check`: one workbook, or several files and folders as a
batch (a process pool, a line per file, the ranking or a JSON list, the bureau summary)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    _done,
    _err,
    _progress,
    _show,
)
from app.files import collect_inputs, with_suffix


def _run(args: argparse.Namespace, write: bool) -> int:
    """One input file: the single-file behaviour; several, or a folder: the batch."""
    if _is_batch(args):
        if args.declared:
            _err("--declared 只能用于单个输入文件；请逐个文件对照申报表")
            return EXIT_UNREADABLE
        return _run_batch(args, write)
    return _run_one(args, write)


def _run_one(args: argparse.Namespace, write: bool) -> int:
    from app.errors import Cancelled, InputError, OutputError
    from app.pipeline import run
    from app.rules import load_rules
    from app.writers.report import exit_status

    try:
        rules = load_rules(args.rules)
        result = run(
            args.inputs[0],
            getattr(args, "output", None),
            rules,
            write=write,
            progress=_progress,
            declared=args.declared,
            submission=getattr(args, "submission", None),
        )
    except InputError as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    except OutputError as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    except Cancelled:
        _err("已取消")
        return EXIT_UNREADABLE
    _show(result, args)
    if result.output is not None:
        _done(f"已生成：{result.output}", args)
        if result.submission is not None:
            _done(f"已生成报送版：{result.submission}", args)
        kept = result.kept_text()
        if kept:
            _done(kept, args)
    return exit_status(result.evaluation)


def _is_batch(args: argparse.Namespace) -> bool:
    return (
        len(args.inputs) > 1
        or Path(args.inputs[0]).is_dir()
        or bool(getattr(args, "out_dir", None))
        or bool(args.summary)
    )


def _run_batch(args: argparse.Namespace, write: bool) -> int:
    """Several files or folders: each in a process pool, a line per file on stderr, the
    ranking (or a JSON list) on stdout, and the bureau summary when asked for."""
    from collections import Counter

    from app.batch import run_many
    from app.errors import Cancelled, InputError, OutputError
    from app.rollup import department_rows
    from app.rules import load_rules

    if write and args.output:
        _err("-o/--output 只能用于单个文件；处理多个文件或文件夹时请用 --out-dir 指定输出文件夹")
        return EXIT_UNREADABLE
    if write and not args.out_dir:
        _err("处理多个文件或文件夹时，请用 --out-dir 指定输出文件夹")
        return EXIT_UNREADABLE
    submission = getattr(args, "submission", None)
    if write and submission not in (None, True):
        _err(
            "处理多个文件或文件夹时，--submission 不能指定文件名：报送版保存在输出文件夹中，名为“输入文件名_报送版.xlsx”"
        )
        return EXIT_UNREADABLE
    summary = with_suffix(args.summary) if args.summary else None
    try:
        rules = load_rules(args.rules)
    except InputError as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    inputs = collect_inputs(args.inputs)
    if summary is not None:  # a summary saved among the inputs is not a department's workbook
        inputs = [p for p in inputs if p.resolve() != summary.resolve()]
    if not inputs:
        _err("没有找到要处理的工作簿（.xlsx、.xlsm、.xls）")
        return EXIT_UNREADABLE
    names = Counter(p.name for p in inputs)
    shown = {p: (str(p) if names[p.name] > 1 else p.name) for p in inputs}
    grades = [g for _, g in rules.grades]

    def progress(done: int, total: int, item) -> None:
        if item.error is not None:
            outcome = f"错误：{item.error}"
        elif item.report is None:
            outcome = f"未计入：{item.skipped}"
        else:
            (row,) = department_rows([item], grades)
            average = "—" if row.average is None else f"{row.average:.2f}"
            outcome = (
                f"得分 {average}（{row.projects}个项目平均），错误{row.severities['error']}个、"
                f"警告{row.severities['warning']}个（{item.seconds:.1f}秒）"
            )
        _err(f"[{done}/{total}] {shown[item.input]} → {outcome}")
        if item.kept:
            _err(f"    {item.kept}")

    out_dir = Path(args.out_dir) if write else None
    try:
        items = run_many(
            inputs,
            out_dir,
            rules,
            workers=args.jobs,
            progress=progress,
            submission=bool(write and submission),
        )
    except OutputError as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    except (Cancelled, KeyboardInterrupt):
        _err("已取消")
        return EXIT_UNREADABLE
    for item in items:
        if item.report is not None and item.skipped:  # known only once all were read
            _err(f"{shown[item.input]}：{item.skipped}")
    ok = sum(item.counted for item in items)
    failed = sum(not item.ok for item in items)
    passed = len(items) - ok - failed
    _err(
        f"共{len(items)}个文件：成功{ok}个，失败{failed}个"
        + (f"，未计入{passed}个（见上）" if passed else "")
    )
    status = _batch_status(items)
    if summary is not None:
        from app.writers.bureau import write_bureau

        try:
            write_bureau(items, summary, rules)
            _done(f"已生成汇总：{summary}", args)
        except OutputError as exc:
            _err(exc.message)
            status = EXIT_UNREADABLE
    if args.json:
        from app.writers.report import dumps

        reports = [_batch_json(item) for item in items]
        sys.stdout.write(dumps(reports) + "\n")
    else:
        print(_ranking(items, grades, shown))
    if out_dir is not None:
        _done(f"结果保存在：{out_dir}", args)
    return status


def _batch_json(item) -> dict:
    """One file of a batch's JSON list: its report; {"input", "error"} when it failed; and
    "skipped" saying why when it is not counted (its report, if read, is kept)."""
    if item.error is not None:
        return {"input": str(item.input), "error": item.error}
    if item.report is None:
        return {"input": str(item.input), "skipped": item.skipped}
    return {**item.report, "skipped": item.skipped} if item.skipped else item.report


def _batch_status(items) -> int:
    """2 when no file could be used, 1 when one failed or a report has an error, else 0
    (files passed over with a note are neither)."""
    ok = [item for item in items if item.counted]
    if not ok:
        return EXIT_UNREADABLE
    if any(not item.ok for item in items) or any(
        f["severity"] == "error" for item in ok for f in item.report["findings"]
    ):
        return EXIT_ERRORS
    return EXIT_OK


def _ranking(items, grades: list[str], shown: dict[Path, str]) -> str:
    """The departments ranked by average score (each year on its own), then the files that
    failed and those not counted."""
    from app.rollup import department_rows

    lines = []
    rows = department_rows(items, grades)
    years = {row.year for row in rows}
    for k, row in enumerate(rows):
        if len(years) > 1 and (k == 0 or rows[k - 1].year != row.year):
            lines.append(f"{row.year}年度（单独排名）" if row.year else "未填写年度")
        rank = "—" if row.rank is None else str(row.rank)
        average = "—" if row.average is None else f"{row.average:.2f}"
        rate = "—" if row.rate is None else f"{row.rate:.2%}"
        mark = "（暂定）" if row.provisional else ""
        year = f"{row.year}年度  " if row.year else ""
        lines.append(
            f"{rank:>3}. {row.name or '（未填写部门名称）'}  {year}{row.projects}个项目  "
            f"执行率 {rate}  平均得分 {average}{mark}  "
            f"错误{row.severities['error']}个、警告{row.severities['warning']}个  "
            f"[{shown[row.item.input]}]"
        )
    failed = [item for item in items if not item.ok]
    if failed:
        lines.append("")
        lines.append("未能处理的文件：")
        lines.extend(f"  {shown[item.input]}：{item.error}" for item in failed)
    passed = [item for item in items if item.ok and item.skipped]
    if passed:
        lines.append("")
        lines.append("未计入的文件：")
        lines.extend(f"  {shown[item.input]}：{item.skipped}" for item in passed)
    return "\n".join(lines)
