"""The command line: `selfeval generate | check | template | gui`.

Heavy imports (pandas, PySide6, xlsxwriter) happen inside the commands that need them, so
`selfeval --version` and `--help` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfeval",
        description="绩效自评表：读取数据模板或正式表格，自动评分，生成可打印的自评表。",
    )
    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    gen = sub.add_parser("generate", help="评分并生成自评表工作簿")
    gen.add_argument("input", help="输入工作簿（数据模板或正式表格）")
    gen.add_argument("-o", "--output", help="输出文件（默认：输入文件名_自评结果.xlsx）")
    gen.add_argument("--json", action="store_true", help="在标准输出打印 JSON 报告")
    gen.add_argument("--rules", help="评分规则 TOML 文件（默认：全国通用规则）")

    chk = sub.add_parser("check", help="只评分并报告问题，不生成文件")
    chk.add_argument("input", help="输入工作簿（数据模板或正式表格）")
    chk.add_argument("--json", action="store_true", help="打印 JSON 报告")
    chk.add_argument("--rules", help="评分规则 TOML 文件（默认：全国通用规则）")

    tpl = sub.add_parser("template", help="生成空白数据模板")
    tpl.add_argument("-o", "--output", default="selfeval-template.xlsx", help="保存位置")

    gui = sub.add_parser("gui", help="打开桌面窗口")
    gui.add_argument("file", nargs="?", help="要打开的工作簿")
    gui.add_argument("--screenshot", help="打开后截图保存到此 PNG 并退出")
    return parser


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _progress(stage: str, done: int, total: int) -> None:
    # One line per stage boundary and every 10 %, so logs of large runs stay short.
    if total and (done in (0, total) or done % max(total // 10, 1) == 0) and sys.stderr.isatty():
        print(f"\r{stage} {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def _summary(result) -> str:
    from app.evaluate.funds import fmt_pct

    ev = result.evaluation
    dep = ev.department.department
    lines = [
        f"{dep.name or '（未填写部门名称）'}  {dep.year or ''}年度  共{len(ev.projects)}个项目",
        "",
    ]
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    for p in ev.projects:
        score = "—" if p.score is None else f"{p.score:.2f}"
        grade = p.grade or "—"
        mark = "（待人工确认）" if p.provisional else ""
        lines.append(f"■ {p.project.name}")
        lines.append(f"  执行率 {fmt_pct(p.funds.total.rate)}   得分 {score}   等级 {grade}{mark}")
        for f in p.findings:
            lines.append(
                f"  [{names[f.severity]}] {f.message}" + (f"（{f.where}）" if f.where else "")
            )
        if not p.findings:
            lines.append("  无问题")
    others = [f for f in ev.findings if f.project is None]
    if others:
        lines.append("")
        lines.append("■ 部门及工作簿")
        for f in others:
            lines.append(
                f"  [{names[f.severity]}] {f.message}" + (f"（{f.where}）" if f.where else "")
            )
    errors = sum(f.severity == "error" for f in ev.findings)
    warnings = sum(f.severity == "warning" for f in ev.findings)
    lines.append("")
    lines.append(f"共 {errors} 个错误、{warnings} 个警告")
    if ev.department.score is not None:
        lines.append(f"部门整体得分 {ev.department.score:.2f}（{ev.department.grade}）")
    return "\n".join(lines)


def _run(args: argparse.Namespace, write: bool) -> int:
    from app.errors import Cancelled, InputError, OutputError
    from app.pipeline import run
    from app.rules import load_rules
    from app.writers.report import dumps, exit_status

    try:
        rules = load_rules(args.rules)
        result = run(
            args.input, getattr(args, "output", None), rules, write=write, progress=_progress
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
        _err(f"已生成：{result.output}")
    return exit_status(result.evaluation)


def _template(args: argparse.Namespace) -> int:
    from app.errors import OutputError
    from app.readers.safe_write import atomic_output
    from app.writers.template import write_template

    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    try:
        with atomic_output(target) as tmp:
            write_template(tmp)
    except OutputError as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    _err(f"已生成空白模板：{target}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if sys.platform == "win32":
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "generate":
        return _run(args, write=True)
    if args.command == "check":
        return _run(args, write=False)
    if args.command == "template":
        return _template(args)
    if args.command == "gui":
        from app.gui import main as gui_main

        return gui_main(args.file, screenshot=args.screenshot)
    parser.print_help()
    return EXIT_OK
