"""`selfeval fill`: the command line face of `app.fill.run.fill`."""

from __future__ import annotations

import argparse

EXIT_UNREADABLE = 2
ALLOW_LOSS_HINT = (
    "如仍要填写，请加 --allow-loss（新文件中将没有这些内容，原文件不变）；"
    "或用 selfeval generate 生成国家通用格式的自评表"
)


def add_parser(sub) -> None:
    """Add the `fill` command to the subparsers `sub`."""
    fill = sub.add_parser("fill", help="把评分结果填回原表（保留本地表格的格式）")
    fill.add_argument("input", metavar="输入.xlsx", help="已填写的正式自评表工作簿（.xlsx）")
    fill.add_argument(
        "-o", "--output", metavar="输出.xlsx", help="输出文件（默认：输入文件名_已评分.xlsx）"
    )
    fill.add_argument(
        "--json", action="store_true", help="在标准输出打印 JSON 报告（其他消息改到标准错误）"
    )
    fill.add_argument(
        "--rules", metavar="规则.toml", help="评分规则 TOML 文件（默认：全国通用规则）"
    )
    fill.add_argument(
        "--clean",
        action="store_true",
        help="上交用：只填写数字，不加颜色标记和批注",
    )
    fill.add_argument(
        "--allow-loss",
        action="store_true",
        help="原表中有填写后无法保留的内容（图片、图表、宏等）时仍然填写（原文件不变）",
    )


def run_fill(args: argparse.Namespace) -> int:
    """Fill the input's own forms; return the exit status (0, 1 with errors, 2 refused)."""
    from app.cli.output import _done, _err, _progress, _show
    from app.errors import Cancelled, InputError, OutputError
    from app.fill.losses import WouldLose
    from app.fill.run import fill
    from app.rules import load_rules
    from app.writers.report import exit_status

    try:
        rules = load_rules(args.rules)
        result = fill(
            args.input,
            args.output,
            rules,
            flags=not args.clean,
            allow_loss=args.allow_loss,
            progress=_progress,
        )
    except WouldLose as exc:
        _err(f"{exc.message}。{ALLOW_LOSS_HINT}")
        return EXIT_UNREADABLE
    except (InputError, OutputError) as exc:
        _err(exc.message)
        return EXIT_UNREADABLE
    except Cancelled:
        _err("已取消")
        return EXIT_UNREADABLE
    _show(result, args)
    for line in fill_lines(result.report["fill"]):
        _done(line, args)
    _done(f"已生成：{result.output}", args)
    if result.backup is not None:
        _done(result.kept_text(), args)
    return exit_status(result.evaluation)


def fill_lines(part: dict, national: str = "用 selfeval generate 生成国家通用格式") -> list[str]:
    """What was filled, in a few sentences (the report's "fill" part); `national` says how to
    make the national layout instead."""
    lines = []
    written, replaced = len(part["cells"]), part["replaced"]
    text = f"已在原表中填写{written}个数字"
    if replaced:
        text += f"（其中{replaced}个与原来填写的不同，已改为计算结果"
        text += "并在批注中注明原值）" if part["marked"] else "）"
    if part["marked"]:
        if part["flags"]:
            text += f"，标出{part['flags']}处需要注意的地方（颜色和批注）"
    else:
        text += "（上交用：未加颜色标记和批注）"
    lines.append(text)
    if part["unfilled"]:
        lines.append(
            f"以下表格没有得分栏，未填写：{'、'.join(part['unfilled'])}；需要时可{national}"
        )
    if part["lost"]:
        lines.append(f"新文件中没有保留：{'；'.join(part['lost'])}")
    return lines
