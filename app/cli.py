"""The command line: `selfeval generate | check | fill | report | template | gui`.

Heavy imports (pandas, PySide6, xlsxwriter) happen inside the commands that need them, so
`selfeval --version` and `--help` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__
from app.argparse_zh import ChineseArgumentParser

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


INPUTS_HELP = "输入工作簿（数据模板或正式表格），可以是多个文件或文件夹"
INPUTS = "文件或文件夹"


def _positive(text: str) -> int:
    """Parse a count of at least 1 (`--jobs`); its error is argparse's usage error."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"必须是正整数（不是“{text}”）")
    return value


def _declared_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--declared",
        nargs="+",
        metavar="申报表",
        default=[],
        help="对照绩效目标申报表（或执行监控表）：逐项报告新增、删去的指标和改动的年度指标值（仅限单个输入文件）",
    )


def _batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--summary", metavar="汇总.xlsx", help="另存一份各部门汇总工作簿（部门汇总、全部项目）"
    )
    command.add_argument(
        "--jobs", type=_positive, metavar="N", help="同时处理的文件数（默认：全部CPU核心）"
    )
    command.add_argument(
        "--rules", metavar="规则.toml", help="评分规则 TOML 文件（默认：全国通用规则）"
    )


def _parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="selfeval",
        description="绩效自评表：读取数据模板或正式表格，自动评分，生成可打印的自评表。",
    )
    parser.add_argument(
        "--version", action="version", version=f"selfeval {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")

    gen = sub.add_parser("generate", help="评分并生成自评表工作簿")
    gen.add_argument("inputs", nargs="+", metavar=INPUTS, help=INPUTS_HELP)
    gen.add_argument(
        "-o",
        "--output",
        metavar="输出.xlsx",
        help="输出文件（仅限单个文件；默认：输入文件名_自评结果.xlsx）",
    )
    gen.add_argument("--out-dir", metavar="文件夹", help="输出文件夹（多个文件或文件夹时必填）")
    gen.add_argument(
        "--submission",
        nargs="?",
        const=True,
        metavar="报送版.xlsx",
        help="同时生成报送版（只含正式表格，无颜色、标记、批注，可直接打印报送；"
        "默认：输入文件名_报送版.xlsx，与输出文件放在一起）",
    )
    gen.add_argument(
        "--json", action="store_true", help="在标准输出打印 JSON 报告（其他消息改到标准错误）"
    )
    _declared_option(gen)
    _batch_options(gen)

    chk = sub.add_parser("check", help="只评分并报告问题，不生成文件")
    chk.add_argument("inputs", nargs="+", metavar=INPUTS, help=INPUTS_HELP)
    chk.add_argument("--json", action="store_true", help="打印 JSON 报告（多个文件时为列表）")
    _declared_option(chk)
    _batch_options(chk)

    rep = sub.add_parser("report", help="评分并生成 Word 自评报告（数字已填好，原因留给填报人）")
    rep.add_argument("input", metavar="输入.xlsx", help="输入工作簿（数据模板或正式表格）")
    rep.add_argument(
        "-o", "--output", metavar="输出.docx", help="输出文件（默认：输入文件名_自评报告.docx）"
    )
    rep.add_argument(
        "--template", metavar="模板.docx", help="自己的报告模板（默认：随程序附带的模板）"
    )
    rep.add_argument(
        "--rules", metavar="规则.toml", help="评分规则 TOML 文件（默认：全国通用规则）"
    )

    tpl = sub.add_parser("template", help="生成空白数据模板，或从申报表等预填")
    tpl.add_argument(
        "--from",
        dest="sources",
        nargs="+",
        metavar="文件或文件夹",
        default=[],
        help="从绩效目标申报表、执行监控表、预算系统导出表或上年自评表预填（可以是多个文件或文件夹）",
    )
    tpl.add_argument(
        "-o",
        "--output",
        metavar="模板.xlsx",
        help="保存位置（默认：当前文件夹的 selfeval-template.xlsx；预填时为 预填数据模板.xlsx）",
    )

    from app.fill.cli import add_parser as add_fill

    add_fill(sub)

    gui = sub.add_parser("gui", help="打开桌面窗口")
    gui.add_argument(
        "files",
        nargs="*",
        metavar=INPUTS,
        help="要打开的工作簿；多个文件或文件夹时并列显示各部门汇总",
    )
    gui.add_argument("--screenshot", metavar="图片.png", help="打开后截图保存到此 PNG 并退出")
    return parser


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _done(message: str, args: argparse.Namespace) -> None:
    """Say what was made: on stdout, unless stdout holds the JSON report (`--json`)."""
    if getattr(args, "json", False):
        _err(message)
    else:
        print(message, flush=True)


def _progress(stage: str, done: int, total: int) -> None:
    # One line per stage boundary and every 10 %, so logs of large runs stay short.
    if total and (done in (0, total) or done % max(total // 10, 1) == 0) and sys.stderr.isatty():
        print(f"\r{stage} {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def _summary(result) -> str:
    """The text report of one workbook: each project with its findings, then those of the
    department and workbook, then the counts (问题数 as `app.evaluate.tally` defines it)."""
    from app.evaluate.funds import fmt_pct
    from app.evaluate.tally import tally

    ev = result.evaluation
    dep = ev.department.department
    lines = [
        f"{dep.name or '（未填写部门名称）'}  {dep.year or ''}年度  共{len(ev.projects)}个项目",
        "",
    ]
    names = {"error": "错误", "warning": "警告", "info": "提示"}

    def listed(findings) -> None:
        for f in findings:
            lines.append(
                f"  [{names[f.severity]}] {f.message}" + (f"（{f.where}）" if f.where else "")
            )

    for p in ev.projects:
        score = "—" if p.score is None else f"{p.score:.2f}"
        grade = p.grade or "—"
        mark = "（待人工确认）" if p.provisional else ""
        lines.append(f"■ {p.project.name}")
        lines.append(
            f"  执行率 {fmt_pct(p.funds.total.rate)}   得分 {score}   等级 {grade}{mark}   "
            f"问题数 {tally(p.findings).problems}"
        )
        listed(p.findings)
        if not p.findings:
            lines.append("  无问题")
    others = ev.workbook_findings()
    if others:
        lines.append("")
        lines.append(f"■ 部门及工作簿   问题数 {tally(others).problems}")
        listed(others)
    n = tally(ev.findings)
    lines.append("")
    lines.append(
        f"共 {n.problems} 个问题：{n.error} 个错误、{n.warning} 个警告；另有 {n.info} 条提示"
    )
    if ev.department.score is not None:
        mark = "（待人工确认）" if ev.department.provisional else ""
        lines.append(f"部门整体  得分 {ev.department.score:.2f}   等级 {ev.department.grade}{mark}")
    return "\n".join(lines)


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
    from app.writers.report import dumps, exit_status

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
    if args.json:
        sys.stdout.write(dumps(result.report) + "\n")
    else:
        print(_summary(result))
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


def _xlsx(path: str) -> Path:
    target = Path(path)
    return target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")


def _run_batch(args: argparse.Namespace, write: bool) -> int:
    """Several files or folders: each in a process pool, a line per file on stderr, the
    ranking (or a JSON list) on stdout, and the bureau summary when asked for."""
    from collections import Counter

    from app.batch import collect_inputs, run_many
    from app.batch_rows import department_rows
    from app.errors import Cancelled, InputError, OutputError
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
    summary = _xlsx(args.summary) if args.summary else None
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
    from app.batch_rows import department_rows

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


def _report(args: argparse.Namespace) -> int:
    """`selfeval report`: the Word 自评报告 of one input; exit 2 with one Chinese line when the
    input, the template or the output cannot be used (no file is left then)."""
    from app.errors import Cancelled, InputError, OutputError
    from app.rules import load_rules
    from app.wordreport import write_report

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
    from app.readers.safe_write import atomic_output
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    import multiprocessing

    from app.console import prepare_streams, silence_stdout

    # In a frozen Windows build a pool worker starts this very program: let it become one.
    multiprocessing.freeze_support()
    prepare_streams()
    try:
        status = _dispatch(argv)
        sys.stdout.flush()  # here, where a reader gone away is caught, not at exit
    except BrokenPipeError:
        return silence_stdout()
    except KeyboardInterrupt:
        _err("已取消")
        return EXIT_UNREADABLE
    return status


def _dispatch(argv: list[str] | None) -> int:
    """Parse the command line and run its command; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "generate":
        return _run(args, write=True)
    if args.command == "check":
        return _run(args, write=False)
    if args.command == "report":
        return _report(args)
    if args.command == "template":
        return _template(args)
    if args.command == "fill":
        from app.fill.cli import run_fill

        return run_fill(args)
    if args.command == "gui":
        from app.gui import main as gui_main

        return gui_main(args.files, screenshot=args.screenshot)
    parser.print_help()
    return EXIT_OK
