"""The terminal the command line writes to: text that never fails to encode (a GBK console on
Windows cannot show every character a workbook may hold), and a reader that stops early
(`selfeval check … | head`) ends the program quietly, as command-line tools do.
"""

from __future__ import annotations

import os
import sys

BROKEN_PIPE_STATUS = 141
"""Exit status when the reader of stdout went away: 128 + SIGPIPE, what a shell reports for a
program that `head` cut off."""


def prepare_streams(windows: bool | None = None) -> None:
    """Make stdout and stderr replace what they cannot encode instead of raising; on Windows
    (`windows`, default: this platform) also write UTF-8, whatever the console's code page."""
    if windows is None:
        windows = sys.platform == "win32"
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # None in a windowed program, or a stand-in without it
            continue
        try:
            if windows:
                reconfigure(encoding="utf-8", errors="replace")
            else:
                reconfigure(errors="replace")
        except (OSError, ValueError):
            pass  # a stream that cannot change keeps writing as it did


def silence_stdout() -> int:
    """After a BrokenPipeError: point stdout at the null device, so that Python's final flush
    at exit finds nowhere to fail, and return the exit status to end with."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass  # no real stdout to redirect: nothing will be flushed into it either
    return BROKEN_PIPE_STATUS
