"""The command line: `selfeval generate | check | fill | report | template | gui`.

Heavy imports (PySide6, xlsxwriter, openpyxl, docxtpl) happen inside the commands that need
them, so `selfeval --version` and `--help` stay instant. The parts: `parser` (the arguments),
`output` (what is printed), `run` (generate and check, one file or a batch), `commands`
(report, template), `fill`.
"""

from __future__ import annotations

import sys

from app.cli.commands import _report, _template
from app.cli.output import EXIT_OK, EXIT_UNREADABLE, _err
from app.cli.parser import _parser
from app.cli.run import _run

__all__ = ["main"]


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
        from app.cli.fill import run_fill

        return run_fill(args)
    if args.command == "gui":
        from app.gui import main as gui_main

        return gui_main(args.files, screenshot=args.screenshot)
    parser.print_help()
    return EXIT_OK
