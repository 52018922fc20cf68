"""Entry script of the packaged windowed program `selfeval-gui` (PyInstaller, see build.spec).

`selfeval-gui [FILE] [--screenshot PNG]`: a file dropped on the .exe arrives as the first
argument, so double-clicking a workbook's "open with" works too.
"""

import argparse
import sys


def _arguments(argv: list[str]) -> argparse.Namespace:
    """Parse the GUI's own arguments (the same as `selfeval gui`)."""
    parser = argparse.ArgumentParser(prog="selfeval-gui", description="绩效自评表桌面窗口")
    parser.add_argument("file", nargs="?", help="要打开的工作簿")
    parser.add_argument("--screenshot", help="打开后截图保存到此 PNG 并退出")
    return parser.parse_args(argv)


if __name__ == "__main__":
    import multiprocessing

    # A process-pool worker started from this program must become one, not open a window
    # (the window starts no pool today; this costs nothing and keeps it safe if it does).
    multiprocessing.freeze_support()
    args = _arguments(sys.argv[1:])

    from app.gui import main

    sys.exit(main(args.file, screenshot=args.screenshot))
