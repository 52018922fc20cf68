"""The command line's arguments: `selfeval generate | check | fill | report | template | gui`,
in Chinese throughout (`app.argparse_zh`)."""

from __future__ import annotations

import argparse

from app import __version__
from app.argparse_zh import ChineseArgumentParser

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

    from app.cli.fill import add_parser as add_fill

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
