"""Entry script of the packaged windowed program `selfeval-gui` (PyInstaller, see build.spec).

`selfeval-gui [FILE_OR_FOLDER...] [--screenshot PNG]`: files dropped on the .exe arrive as
arguments, so "open with" works too; several files or a folder open the departments' table.
"""

import argparse
import sys

from app.argparse_zh import ChineseArgumentParser


def _arguments(argv: list[str]) -> argparse.Namespace:
    """Parse the GUI's own arguments (the same as `selfeval gui`)."""
    parser = ChineseArgumentParser(prog="selfeval-gui", description="绩效自评表桌面窗口")
    parser.add_argument(
        "file", nargs="*", metavar="文件或文件夹", help="要打开的工作簿（可以是多个文件或文件夹）"
    )
    parser.add_argument("--screenshot", metavar="图片.png", help="打开后截图保存到此 PNG 并退出")
    return parser.parse_args(argv)


if __name__ == "__main__":
    import multiprocessing

    # A process-pool worker started from this program (the window checks several files in a
    # pool) must become a worker, not open a second window.
    multiprocessing.freeze_support()
    args = _arguments(sys.argv[1:])

    from app.gui import main

    sys.exit(main(args.file or None, screenshot=args.screenshot))
