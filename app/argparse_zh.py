"""argparse in Chinese: usage lines, help and error messages speak the language of the rest of
the command line, argparse's own strings ("usage:", "show this help message and exit",
"the following arguments are required") included.

argparse looks its strings up through the module-level gettext hooks `argparse._` and
`argparse.ngettext` at the moment it needs them. `ChineseArgumentParser` points them at the
table below only while one of its methods runs, so other parsers in the same process (pytest's)
stay as they are.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示帮助信息并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r?": "无效的选择：%(value)r，是不是%(closest)r？",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的 %(type)s 值",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "one of the arguments %s is required": "必须提供以下参数之一：%s",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "option '%(option)s' is deprecated": "选项“%(option)s”已弃用",
    "argument '%(argument_name)s' is deprecated": "参数“%(argument_name)s”已弃用",
    "command '%(parser_name)s' is deprecated": "命令“%(parser_name)s”已弃用",
}
"""argparse's messages (Python 3.11 to 3.14) and their Chinese, placeholders kept."""

PLURALS = {
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
}


def translate(message: str) -> str:
    """Return the Chinese of one of argparse's messages; any other text unchanged."""
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """Return the Chinese of one of argparse's counted messages (its `ngettext`)."""
    english = singular if n == 1 else plural
    return PLURALS.get(english, english)


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """Make argparse look its messages up in Chinese while the block runs."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Chinese; its subcommands' parsers
    (`add_subparsers().add_parser`) are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with chinese():  # the -h help and the group titles are made here
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        with chinese():
            action = super().add_argument(*args, **kwargs)
        if action.help is not None:
            # Python 3.11 gives --version an English default help without asking gettext.
            action.help = translate(action.help)
        return action

    def add_subparsers(self, **kwargs: Any) -> Any:
        with chinese():
            return super().add_subparsers(**kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with chinese():  # it reports unrecognized arguments itself
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with chinese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with chinese():
            super().error(message)
